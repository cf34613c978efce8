"""Exploring the figures in JupyterLab: the indicator catalogue, one chosen series, and the explorer widget.

``explore.ipynb`` and the explorer at the end of ``compare_regions.ipynb`` call these.
A *choice* is one indicator at one level and breakdown, for some areas, one sex
and a range of years; :func:`choose` returns its rows, :func:`selection_csv`
writes them for Excel, and :func:`explorer` puts the same choice behind controls.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import altair as alt
import pandas as pd

from stemlib.atomic import atomic_write_bytes
from stemlib.data.sources import read_sources
from stemlib.definitions.indicators import FAMILIES, family_label, get_indicator, indicators
from stemlib.definitions.levels import breakdown_label, levels
from stemlib.definitions.regions import REGIONS
from stemlib.paths import data_dir

from . import charts
from .formatting import format_value
from .frames import axis_title, chart_frame
from .selection import SEX_LABELS, area_name, lower_first, series_label, tr

#: Columns of the CSV an analyst takes away: the observation columns, plus the area's name.
CSV_COLUMNS = ("indicator", "region", "area", "year", "sex", "level", "breakdown", "value", "unit", "qualifier",
               "flag", "source", "locator")
BETTER_WORDS = {"da": {"up": "højere er bedre", "down": "lavere er bedre", "neither": "ingen retning"},
                "en": {"up": "higher is better", "down": "lower is better", "neither": "no direction"}}


def catalogue(observations: pd.DataFrame, language: str = "da") -> pd.DataFrame:
    """Return one row per indicator with figures: family, label, unit, better direction, definition, coverage, sources.

    Indexed by indicator id, in family order, so ``catalogue(obs).loc["adult_participation_4w"]`` reads one.
    """
    rows = []
    for indicator_id, group in observations.groupby("indicator", sort=False):
        item = get_indicator(indicator_id)
        years = group["year"].dropna()
        rows.append({"indicator": indicator_id,
                     tr(language, "Emne", "Family"): family_label(item.family, language),
                     tr(language, "Mål", "Measure"): item.label(language),
                     tr(language, "Enhed", "Unit"): axis_title(item.unit, language),
                     tr(language, "Bedre", "Better"): BETTER_WORDS[language][item.better],
                     tr(language, "Definition", "Definition"): item.definition(language),
                     tr(language, "Tal", "Figures"): len(group),
                     tr(language, "Områder", "Areas"): group["region"].nunique(),
                     tr(language, "År", "Years"): _span(years),
                     tr(language, "Kilder", "Sources"): ", ".join(sorted(set(group["source"]))),
                     "_order": (FAMILIES.index(item.family), list(indicators()).index(indicator_id))})
    table = pd.DataFrame(rows).sort_values("_order").drop(columns="_order")
    return table.set_index("indicator")


def _span(years: pd.Series) -> str:
    """Return "2007–2019", "2016" for a single year, or "–" when no figure has a year."""
    if not len(years):
        return "–"
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else f"{first}–{last}"


def series_choices(observations: pd.DataFrame, indicator: str, language: str = "da") -> list[tuple[str, tuple]]:
    """Return the (label, (level, breakdown)) pairs the indicator has figures for, the unbroken series first."""
    pairs = observations.loc[observations["indicator"] == indicator, ["level", "breakdown"]].drop_duplicates()
    ordered = sorted(map(tuple, pairs.to_numpy()), key=lambda p: (p[0] != "all", p[1] != "all", p))
    out = []
    for level, breakdown in ordered:
        parts = [levels()[level].label(language) if level != "all" else tr(language, "alle niveauer", "all levels"),
                 breakdown_label(breakdown, language) if breakdown != "all" else tr(language, "i alt", "total")]
        out.append((" · ".join(parts), (level, breakdown)))
    return out


def choose(observations: pd.DataFrame, indicator: str, *, level: str = "all", breakdown: str = "all",
           areas: list[str] | tuple[str, ...] | None = None, sex: str = "total",
           years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return the rows of one series for some areas, one sex and a range of years (inclusive).

    With ``years`` given, figures without a year are left out; without it they are kept.
    """
    rows = observations[(observations["indicator"] == indicator) & (observations["level"] == level)
                        & (observations["breakdown"] == breakdown) & (observations["sex"] == sex)]
    if areas is not None:
        rows = rows[rows["region"].isin(list(areas))]
    if years is not None:
        rows = rows.dropna(subset=["year"])
        rows = rows[(rows["year"] >= years[0]) & (rows["year"] <= years[1])]
    return rows.sort_values(["region", "year"]).reset_index(drop=True)


def selection_csv(rows: pd.DataFrame, language: str = "da") -> bytes:
    """Return the rows as CSV bytes that Excel opens correctly in the report's language.

    UTF-8 with a byte-order mark (Excel then reads æ, ø and å), and for Danish a semicolon
    between fields and a decimal comma, which is what Danish Excel expects; English uses commas
    and a decimal point.
    """
    frame = rows.assign(area=[area_name(code, language) for code in rows["region"]])
    frame = frame.reindex(columns=list(CSV_COLUMNS))
    separator, decimal = (";", ",") if language == "da" else (",", ".")
    return frame.to_csv(index=False, sep=separator, decimal=decimal, lineterminator="\r\n").encode("utf-8-sig")


def save_csv(rows: pd.DataFrame, path: str | Path, language: str = "da") -> Path:
    """Write :func:`selection_csv` to ``path`` (whole or not at all); return the path."""
    path = Path(path)
    atomic_write_bytes(path, selection_csv(rows, language))
    return path


def csv_link(rows: pd.DataFrame, filename: str, language: str = "da") -> str:
    """Return an HTML link that downloads the rows as CSV, carried in the link itself (no server needed)."""
    payload = base64.b64encode(selection_csv(rows, language)).decode("ascii")
    text = tr(language, f"Hent de {len(rows)} tal som CSV", f"Download the {len(rows)} figures as CSV")
    return (f'<a class="stemlib-csv" download="{html.escape(filename, quote=True)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">{html.escape(text)}</a>')


def latest_title(rows: pd.DataFrame, language: str = "da") -> str:
    """Return a title that states the finding: which area is highest in the latest year, and its value."""
    dated = rows.dropna(subset=["year"])
    label = series_label(rows.iloc[0], language)
    if dated.empty:
        return label
    year = int(dated["year"].max())
    top = dated[dated["year"] == year].sort_values("value").iloc[-1]
    value = format_value(top["value"], top["unit"], language, top["qualifier"])
    return tr(language,
              f"{area_name(top['region'], language)} ligger højest i {year} med {value} ({lower_first(label)})",
              f"{area_name(top['region'], 'en')} is highest in {year} at {value} ({label})")


def choice_chart(rows: pd.DataFrame, language: str = "da", sources: pd.DataFrame | None = None):
    """Return the chart of one choice: lines over the years, or bars when there is only one year.

    Each point's tooltip names its source (title and publisher) and where in the source it is.
    """
    sources = read_sources(data_dir() / "sources.csv") if sources is None else sources
    frame = chart_frame(rows, language)
    frame["source_text"] = [f"{sources.loc[s, 'title']} ({sources.loc[s, 'publisher']})" for s in frame["source"]]
    extra = (alt.Tooltip("source_text:N", title=tr(language, "Kilde", "Source")),
             alt.Tooltip("locator:N", title=tr(language, "Sted i kilden", "Locator")))
    item = get_indicator(rows["indicator"].iloc[0])
    sex = SEX_LABELS[language][rows["sex"].iloc[0]]
    description = tr(language, f"{item.label('da')}, {sex}, for {frame['area_label'].nunique()} områder.",
                     f"{item.label('en')}, {sex}, for {frame['area_label'].nunique()} areas.")
    # The first region (in code order) is drawn thicker; the whole country only when it is alone.
    focus = min(set(rows["region"]) - {"000"}, default="000")
    common = {"title": latest_title(rows, language), "description": description, "language": language,
              "axis_title": axis_title(item.unit, language), "focus": focus, "extra_tooltip": extra}
    if rows["year"].nunique() > 1:
        return charts.lines_over_time(frame, **common)
    return charts.ranked_bars(frame, **common)


def explorer(observations: pd.DataFrame, language: str = "da"):
    """Return an ipywidgets explorer: measure, level and breakdown, areas, sex and years; the chart redraws.

    Only for JupyterLab (a live kernel redraws the chart); exported HTML shows the static
    comparison instead. Under the chart: what was chosen, and a link that downloads it as CSV.
    """
    import ipywidgets as widgets
    from IPython.display import HTML, display

    sources = read_sources(data_dir() / "sources.csv")
    present = set(observations["indicator"])
    measures = [(f"{family_label(i.family, language)}: {i.label(language)} ({axis_title(i.unit, language)})", i.id)
                for family in FAMILIES for i in indicators().values() if i.family == family and i.id in present]
    wide = widgets.Layout(width="640px")
    style = {"description_width": "8rem"}
    measure = widgets.Dropdown(options=measures, description=tr(language, "Mål", "Measure"), layout=wide, style=style,
                               value="adult_participation_4w" if "adult_participation_4w" in present else measures[0][1])
    series = widgets.Dropdown(description=tr(language, "Niveau, opdeling", "Level, breakdown"), layout=wide,
                              style=style)
    areas = widgets.SelectMultiple(options=[(REGIONS[c].short_name(language), c) for c in REGIONS],
                                   value=tuple(REGIONS), description=tr(language, "Områder", "Areas"), rows=6,
                                   style=style)
    sex = widgets.Dropdown(options=[(tr(language, "I alt", "Total"), "total"), (tr(language, "Kvinder", "Women"), "women"),
                                    (tr(language, "Mænd", "Men"), "men")], value="total",
                           description=tr(language, "Køn", "Sex"), style=style)
    # No readout: ipywidgets cuts it off ("2000 – 203"); the chosen years are written beside the slider.
    years = widgets.IntRangeSlider(description=tr(language, "År", "Years"), readout=False, continuous_update=False,
                                   layout=widgets.Layout(width="420px"), style=style)
    years_text = widgets.HTML()
    output = widgets.Output()
    quiet = {"on": False}  # set while one control's change updates the others, so the chart redraws once

    def fit_controls():
        series.options = series_choices(observations, measure.value, language) or [("–", ("all", "all"))]
        series.value = series.options[0][1]
        dated = observations.loc[observations["indicator"] == measure.value, "year"].dropna()
        first, last = (int(dated.min()), int(dated.max())) if len(dated) else (2000, 2000)
        years.disabled = len(dated) == 0 or first == last
        # Widen first, then narrow: ipywidgets refuses a minimum above the current maximum.
        years.min, years.max = min(years.min, first), max(years.max, last)
        years.value = (first, last)
        years.min, years.max = first, last

    def redraw(_=None):
        if quiet["on"]:
            return
        years_text.value = f"<span class='stemlib-years'>{years.value[0]} – {years.value[1]}</span>"
        level, breakdown = series.value
        rows = choose(observations, measure.value, level=level, breakdown=breakdown, areas=areas.value,
                      sex=sex.value, years=None if years.disabled else years.value)
        output.clear_output(wait=True)
        with output:
            if rows.empty:
                display(HTML(f"<p class='stemlib-missing'>{html.escape(tr(language, 'Ingen tal for dette valg.', 'No figures for this choice.'))}</p>"))
                return
            names = ", ".join(area_name(c, language) for c in dict.fromkeys(rows["region"]))
            span = tr(language, "uden år", "no year") if years.disabled else f"{years.value[0]}–{years.value[1]}"
            said = tr(language, f"{len(rows)} tal: {names}; {SEX_LABELS[language][sex.value]}; {span}.",
                      f"{len(rows)} figures: {names}; {SEX_LABELS[language][sex.value]}; {span}.")
            display(HTML(f"<p class='stemlib-choice'>{html.escape(said)}</p>"))
            charts.show(choice_chart(rows, language, sources))
            display(HTML(csv_link(rows, f"stem-{measure.value}.csv", language)))

    def new_measure(_=None):
        quiet["on"] = True
        try:
            fit_controls()
        finally:
            quiet["on"] = False
        redraw()

    measure.observe(new_measure, names="value")
    for control in (series, areas, sex, years):
        control.observe(redraw, names="value")
    new_measure()
    box = widgets.VBox([measure, series, widgets.HBox([areas, widgets.VBox([sex, widgets.HBox([years, years_text])])]),
                        output])
    box.add_class("stemlib-explorer")
    return box
