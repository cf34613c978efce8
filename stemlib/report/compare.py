"""Compare all regions side by side: the series with figures for two or more areas, a ranking, and an explorer."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from stemlib.definitions.indicators import get_indicator
from stemlib.definitions.regions import REGIONS

from . import charts
from .citations import short_citation
from .comparability import COMPARISON_KEY
from .data_download import download_link_html, file_name
from .formatting import format_date, format_value
from .frames import axis_title, chart_frame
from .html_tables import frame_table
from .matrix import matrix, matrix_html
from .notebook import print_line
from .selection import SERIES, area_name, latest, series_label, split_by_scope, tr, year_text

#: At most this many small multiples: the series with figures for the most areas first.
SMALL_MULTIPLES = 12


def comparable_series(observations: pd.DataFrame, areas: list[str] | None = None) -> pd.DataFrame:
    """Return the latest figure per area for every series that two or more areas have from one source.

    Like with like (:mod:`.comparability`): figures stand side by side only when they share
    the series and the source. Indicators under a region's own definition (scope
    ``regional``) are left out; they appear in each region's report instead.
    """
    areas = areas or list(REGIONS)
    rows = observations[observations["region"].isin(areas)]
    rows, _ = split_by_scope(rows)
    if rows.empty:
        return rows
    rows = rows[~rows["flag"].fillna("").astype(str).str.contains("d")] if "flag" in rows else rows
    rows = latest(rows, by=("region", *COMPARISON_KEY))
    counts = rows.groupby(list(COMPARISON_KEY))["region"].nunique()
    keep = counts[counts >= 2].reset_index()[list(COMPARISON_KEY)]
    rows = rows.merge(keep, on=list(COMPARISON_KEY))
    # One source per series: the one most areas have (then the most recent).
    spread = rows.groupby(list(COMPARISON_KEY)).agg(areas=("region", "nunique"), year=("year", "max")).reset_index()
    best = spread.sort_values(["areas", "year"], ascending=False).drop_duplicates(list(SERIES))
    return rows.merge(best[list(COMPARISON_KEY)], on=list(COMPARISON_KEY)).reset_index(drop=True)


def most_compared(rows: pd.DataFrame, limit: int = SMALL_MULTIPLES) -> pd.DataFrame:
    """Keep the ``limit`` series with figures for the most areas (then the most recent)."""
    if rows.empty:
        return rows
    spread = rows.groupby(list(SERIES)).agg(areas=("region", "nunique"), year=("year", "max")).reset_index()
    keep = spread.sort_values(["areas", "year"], ascending=False).head(limit)[list(SERIES)]
    return rows.merge(keep, on=list(SERIES))


def ranking(rows: pd.DataFrame, language: str = "da") -> pd.DataFrame:
    """Rank the areas within each series; 1 is best where the registry says which direction is better.

    A series is ranked only when all its regions' figures come from one source: two
    publishers' figures for the same measure may count different things, so they are
    listed, not ranked.
    """
    out = []
    for _, group in rows.groupby(list(SERIES), sort=True):
        better = get_indicator(group["indicator"].iloc[0]).better
        # The whole country is shown for reference only, so only the regions must share a source.
        one_source = group.loc[group["region"] != "000", "source"].nunique() <= 1
        ordered = group.sort_values("value", ascending=better == "down").reset_index(drop=True)
        position = 0
        for _, row in ordered.iterrows():
            # Only regions are ranked; the whole country is shown for reference.
            if row["region"] != "000" and better != "neither" and one_source:
                position += 1
                rank = str(position)
            elif not one_source and row["region"] != "000":
                rank = tr(language, "– (forskellige kilder)", "– (different sources)")
            else:
                rank = "·"
            out.append({tr(language, "Opgørelse", "Measure"): series_label(row, language),
                        tr(language, "Rang", "Rank"): rank,
                        tr(language, "Område", "Area"): area_name(row["region"], language),
                        tr(language, "År", "Year"): year_text(row["year"], language),
                        tr(language, "Værdi", "Value"): format_value(row["value"], row["unit"], language,
                                                                      row["qualifier"]),
                        tr(language, "Kilde", "Source"): short_citation(row["source"])})
    return pd.DataFrame(out)


def small_multiples(rows: pd.DataFrame, language: str = "da") -> list[alt.Chart]:
    """One small bar chart per series, one bar per area with a figure, each with its own scale.

    Separate charts rather than one faceted chart: each takes the width it is given, so
    the report can show three in a row on a laptop and one on a phone, with text that
    keeps its size.
    """
    frame = chart_frame(rows, language)
    frame["measure"] = [series_label(r, language) for r in rows.itertuples()]
    order = list(dict.fromkeys(frame["area_label"]))
    out = []
    for measure, group in frame.groupby("measure", sort=True):
        chart = alt.Chart(group).mark_bar().encode(
            y=alt.Y("area_label:N", title=None, sort=[a for a in order if a in set(group["area_label"])]),
            x=alt.X("value:Q", title=axis_title(group["unit"].iloc[0], language)),
            color=alt.Color("area_label:N", scale=charts._area_scale(group), legend=None),
            tooltip=charts._tooltip(language),
        ).properties(height=alt.Step(16))
        out.append(charts._finish(
            chart, measure, language=language, title_size=13,
            description=tr(language, f"Søjlediagram: {measure}, en søjle pr. område med tal.",
                           f"Bar chart: {measure}, one bar per area with a figure.")))
    return out


def small_multiples_heading(rows: pd.DataFrame, language: str = "da") -> str:
    """Return the HTML heading that states how many series there are and how many are drawn."""
    n = rows.groupby(list(SERIES)).ngroups
    shown = min(n, SMALL_MULTIPLES)
    text = tr(language, f"{n} mål har tal fra samme kilde for mindst to områder",
              f"{n} measures have figures from one source for two or more areas")
    more = tr(language, f"Figurerne viser de {shown} mål, der har tal for flest områder; alle tal står i tabellen og "
                        "CSV-filen.", f"The charts show the {shown} measures with figures for the most areas; every "
                        "figure is in the table and the CSV file.") if n > shown else ""
    return f"<h2>{html.escape(text)}</h2>" + (f"<p>{html.escape(more)}</p>" if more else "")


def show_small_multiples(rows: pd.DataFrame, language: str = "da") -> None:
    """Display the heading and one chart for each of the most compared series (laid out in a grid)."""
    from IPython.display import HTML, display

    display(HTML(small_multiples_heading(rows, language)))
    for chart in small_multiples(most_compared(rows), language):
        charts.show(chart)


def explorer(observations: pd.DataFrame, language: str = "da"):
    """Return the explorer widget (see :func:`stemlib.report.explorer.explorer`); kept here for the notebook's call."""
    from .explorer import explorer as make_explorer

    return make_explorer(observations, language)


def header_html(ctx, title: str = "") -> str:
    """Return the comparison report's heading and introduction."""
    from datetime import date

    lang = ctx.language
    heading = title or tr(lang, "STEM-barometer: alle regioner", "STEM barometer: all regions")
    shown = [area_name(c, lang) for c in ctx.areas if c != "000"]
    if "000" in ctx.areas:
        shown.append(tr(lang, "hele landet", "the whole country"))
    names = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + tr(lang, " og ", " and ") + shown[-1]
    names = names[:1].upper() + names[1:]
    intro = tr(lang,
               f"{names} side om side: først hvert temas hovedtal, derefter alle mål med tal for mindst to områder. "
               "Hvert område vises med sit seneste tal, så årstallene kan være forskellige.",
               f"{names} side by side: first each theme's headline figure, then every measure with figures for at "
               "least two areas. Each area shows its latest figure, so the years may differ.")
    made = tr(lang, f"Opdateret {format_date(date.today(), lang)}.", f"Updated {format_date(date.today(), lang)}.")
    # The comparison's figures are known from the context alone, so the header carries their link directly.
    series = comparable_series(ctx.observations, ctx.areas)
    link = download_link_html(series, lang, _data_file_name(lang),
                              tr(lang, "Hent alle tal i sammenligningen som CSV-fil",
                                 "Download all the figures in this comparison as a CSV file"))
    line = f"<p class='stemlib-print-line' hidden>{html.escape(print_line(lang, series))}</p>"
    return (f"<h1>{html.escape(heading)}</h1><p>{html.escape(intro)}</p>"
            f"<p class='stemlib-meta'>{html.escape(made)}</p>{link}{line}")


def show_matrix(ctx, links: dict[str, str] | None = None) -> None:
    """Display the theme × area matrix of headline figures (:mod:`.matrix`) for the comparison's areas.

    Parameters
    ----------
    ctx : ReportContext
        The comparison's context; its areas are the columns (the whole country last).
    links : dict, optional
        Area code to the address of that area's page, for the column headers.
    """
    from IPython.display import HTML, display

    display(HTML(matrix_html(matrix(ctx.observations, ctx.areas, ctx.language), ctx.language, links)))


def _data_file_name(language: str) -> str:
    return file_name(tr(language, "sammenligning", "comparison"))


def ranking_html(rows: pd.DataFrame, language: str = "da") -> str:
    """Return the ranking as an escaped HTML table with a caption, and the link to its figures as CSV."""
    caption = tr(language, "Rangering: tallene bag de små diagrammer",
                 "Ranking: the numbers behind the small multiples")
    note = tr(language,
              "Rangen tæller kun regionerne, og kun for mål, hvor det er klart, hvilken retning der er bedst. Mål "
              "står kun side om side med tal fra samme kilde. Mål, som en region opgør med sin egen definition (fx "
              "naturvidenskab inklusive sundhed), indgår ikke her; de står i regionens egen rapport.",
              "The rank counts regions only, and only for measures where it is clear which direction is better. "
              "Figures stand side by side only from the same source. Measures that a region counts under its own "
              "definition (for example science including health) are left out here; they appear in that region's "
              "own report.")
    link = download_link_html(rows, language, _data_file_name(language),
                              tr(language, "Hent tallene bag rangeringen som CSV-fil",
                                 "Download the figures behind the ranking as a CSV file"))
    table = ranking(rows, language)
    count = tr(language, f"{len(table)} rækker", f"{len(table)} rows")
    folded = (f"<details class='stemlib-fold'><summary>{html.escape(caption)} ({count})</summary>"
              f"{frame_table(table, caption)}</details>")
    return folded + f"<p class='stemlib-note'>{html.escape(note)}</p>" + link


def key_numbers(rows: pd.DataFrame) -> str:
    """Return the comparable figures as plain, stable text (what nbval compares)."""
    lines = [f"{rows.groupby(list(SERIES)).ngroups} comparable series, {len(rows)} figures"]
    for row in rows.sort_values([*SERIES, "region"]).itertuples():
        year = "-" if pd.isna(row.year) else int(row.year)
        lines.append(f"  {row.indicator} {row.level} {row.sex} {row.breakdown} {row.region} {year}: {row.value:g}")
    return "\n".join(lines)
