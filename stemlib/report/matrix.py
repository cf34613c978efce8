"""The theme × area matrix: each theme's headline figure for every area, like with like.

One row per theme of :data:`~stemlib.definitions.headlines.THEMES`. A row shows one
series from one source for every area, so the figures in a row may be read side by
side: the series is the first in the theme's order of preference
(:func:`stemlib.definitions.headlines.headlines`) that two or more of the areas have
from one source; only when no series has that, the first series any area has. An area
without a figure of exactly that series and source gets an empty cell that says so.

The targets row is different: each pact sets its own target, so each cell shows the
area's own target status by the one progress rule (:mod:`stemlib.definitions.progress`),
as a symbol and words, and "ingen mål med tal" where the area has no numeric target.

:func:`matrix` returns tidy data (one row per theme and area); :func:`matrix_html`
draws it as an accessible HTML table that needs no sideways scrolling on a phone. Both
the comparison report and the index page show it. This module loads neither Altair nor
IPython, so the publish layer may import it.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict

import pandas as pd

from stemlib.definitions.headlines import THEMES, Headline, headlines, theme_label
from stemlib.definitions.indicators import get_indicator
from stemlib.definitions.progress import STATUS_TEXT
from stemlib.definitions.regions import REGIONS
from stemlib.definitions.targets import assess_target, targets_for_region

from .comparability import comparison_key
from .formatting import format_value
from .html_tables import TABLE_CSS, html_table
from .selection import area_name, latest, series_label, tr

#: The tidy matrix's columns, in order.
COLUMNS: tuple[str, ...] = ("theme", "theme_label", "measure", "indicator", "level", "sex", "breakdown", "area",
                            "area_label", "value", "year", "qualifier", "unit", "source", "status", "status_text")
#: The status of an area whose pact sets no numeric target.
NO_TARGET = "no_target"

MATRIX_CSS = """
.stemlib-matrix table.stemlib-table.stemlib-table { width: 100%; font-size: 0.85rem; margin: 0.25rem 0 0.5rem; }
.stemlib-matrix table.stemlib-table.stemlib-table th, .stemlib-matrix table.stemlib-table.stemlib-table td {
  overflow-wrap: normal; hyphens: auto; }
.stemlib-matrix table.stemlib-table.stemlib-table th[scope="row"] { font-weight: 600; min-width: 11rem; }
.stemlib-matrix .stemlib-matrix-measure { display: block; font-weight: 400; font-size: 0.8rem; color: #333333; }
.stemlib-matrix .stemlib-matrix-value { white-space: nowrap; }
.stemlib-matrix .stemlib-matrix-empty { color: #555555; font-style: italic; }
.stemlib-matrix .stemlib-matrix-status { display: block; }
.stemlib-matrix p { font-size: 0.8rem; color: #333333; margin: 0 0 0.75rem; }
@media (max-width: 40rem) {
  .stemlib-matrix table.stemlib-table.stemlib-table tr { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr));
    column-gap: 0.75rem; padding: 0.25rem 0; background: #ffffff; }
  .stemlib-matrix table.stemlib-table.stemlib-table th[scope="row"] { display: block; grid-column: 1 / -1;
    min-width: 0; border: none; padding: 0.1rem 0; }
  .stemlib-matrix table.stemlib-table.stemlib-table td { font-size: 0.8rem; line-height: 1.25; }
  .stemlib-matrix .stemlib-matrix-status { display: inline; }
}
@media print {
  .stemlib-matrix table.stemlib-table.stemlib-table { table-layout: fixed; font-size: 0.7rem; }
  .stemlib-matrix table.stemlib-table.stemlib-table th[scope="row"] { min-width: 0; }
  .stemlib-matrix .stemlib-matrix-value { white-space: normal; }
}
"""


def _as_text(value) -> str:
    return value if isinstance(value, str) else ""


def _ordered_areas(areas: list[str] | tuple[str, ...] | None) -> list[str]:
    """The areas as columns: regions in the given order, the whole country last."""
    areas = list(dict.fromkeys(areas or list(REGIONS)))
    return [a for a in areas if a != "000"] + (["000"] if "000" in areas else [])


def _series_rows(observations: pd.DataFrame, headline: Headline) -> pd.DataFrame:
    return observations[(observations["indicator"] == headline.indicator) & (observations["level"] == headline.level)
                        & (observations["sex"] == headline.sex) & (observations["breakdown"] == headline.breakdown)]


def _latest_year(rows: pd.DataFrame) -> float:
    years = rows["year"].dropna()
    return float(years.max()) if not years.empty else -1.0


def choose_headline(observations: pd.DataFrame, theme: str, areas: list[str]) -> tuple[Headline, str] | None:
    """Return the theme's headline series and source for the matrix row, or None when no area has one.

    Parameters
    ----------
    observations : DataFrame
        The observations table (:func:`stemlib.data.observations.load_observations`).
    theme : str
        One of :data:`~stemlib.definitions.headlines.THEMES` except ``"targets"``.
    areas : list of str
        The area codes of the matrix's columns.

    Returns
    -------
    tuple of (Headline, str) or None
        The first series in the theme's order of preference that two or more areas have
        from one source, with that source (of several, the one most areas have, then the
        one with the latest figure, then by name); failing that, the first series any
        area has, with the source of its latest figure.
    """
    rows = observations[observations["region"].isin(areas)]
    # A figure under a region's own or a differing definition is comparable with no other area's.
    rows = rows[~comparison_key(rows).str.contains("|own:", regex=False)] if not rows.empty else rows
    fallback = None
    for headline in headlines()[theme]:
        series = _series_rows(rows, headline)
        if series.empty:
            continue
        by_source = [(source, group["region"].nunique(), _latest_year(group))
                     for source, group in series.groupby("source", sort=True)]
        shared = [item for item in by_source if item[1] >= 2]
        if shared:
            best = min(shared, key=lambda item: (-item[1], -item[2], item[0]))
            return headline, best[0]
        if fallback is None:
            fallback = (headline, str(latest(series, by=("indicator",)).iloc[0]["source"]))
    return fallback


def _empty(theme: str, area: str, language: str) -> dict:
    row = dict.fromkeys(COLUMNS)
    row.update(theme=theme, theme_label=theme_label(theme, language), area=area,
               area_label=area_name(area, language), qualifier="", status="", status_text="")
    return row


def _theme_rows(observations: pd.DataFrame, theme: str, areas: list[str], language: str) -> list[dict]:
    chosen = choose_headline(observations, theme, areas)
    if chosen is None:
        return [_empty(theme, area, language) for area in areas]
    headline, source = chosen
    series = _series_rows(observations, headline)
    series = series[(series["source"] == source) & series["region"].isin(areas)]
    measure = series_label(asdict(headline), language)
    unit = get_indicator(headline.indicator).unit
    picked = {row["region"]: row for row in latest(series, by=("region",)).to_dict("records")}
    out = []
    for area in areas:
        row = _empty(theme, area, language)
        row.update(measure=measure, indicator=headline.indicator, level=headline.level, sex=headline.sex,
                   breakdown=headline.breakdown, unit=unit)
        figure = picked.get(area)
        if figure is not None:
            row.update(value=float(figure["value"]), year=None if pd.isna(figure["year"]) else int(figure["year"]),
                       qualifier=_as_text(figure["qualifier"]), source=figure["source"])
        out.append(row)
    return out


def _target_rows(observations: pd.DataFrame, areas: list[str], language: str) -> list[dict]:
    out = []
    for area in areas:
        row = _empty("targets", area, language)
        row["measure"] = tr(language, "hvert områdes eget mål", "each area's own target")
        targets = targets_for_region(area)
        if not targets:
            row.update(status=NO_TARGET, status_text=tr(language, "ingen mål med tal", "no numeric target"))
            out.append(row)
            continue
        assessments = [assess_target(target, observations) for target in targets]
        chosen = next((a for a in assessments if a.latest_value is not None), assessments[0])
        target = chosen.target
        row.update(indicator=target.indicator, level=target.level, sex="total", breakdown="all",
                   unit="percent" if chosen.measured_as_change else get_indicator(target.indicator).unit,
                   source=chosen.source, status=chosen.status,
                   status_text=f"{STATUS_TEXT[chosen.status][0]} {chosen.progress.words(language)}")
        if chosen.latest_value is not None:
            row.update(value=chosen.latest_value, year=chosen.latest_year)
        out.append(row)
    return out


def matrix(observations: pd.DataFrame, areas: list[str] | None = None, language: str = "da") -> pd.DataFrame:
    """Return each theme's headline figure for every area, as tidy data.

    Parameters
    ----------
    observations : DataFrame
        The observations table (:func:`stemlib.data.observations.load_observations`).
    areas : list of str, optional
        Area codes; the five regions and the whole country by default. The regions keep
        their order and the whole country (``"000"``) comes last.
    language : {"da", "en"}
        The language of the labels.

    Returns
    -------
    pandas.DataFrame
        One row per theme and area, themes in the order of
        :data:`~stemlib.definitions.headlines.THEMES`, with the columns of :data:`COLUMNS`.
        Within a theme every figure is of one series from one source (see
        :func:`choose_headline`); ``value`` is missing where the area has no such figure.
        In the targets theme ``status`` is the area's own target status (a key of
        :data:`~stemlib.definitions.progress.STATUS_TEXT`, or ``"no_target"``) and
        ``status_text`` says it with a symbol and words.

    Examples
    --------
    >>> from stemlib.data.observations import load_observations      # doctest: +SKIP
    >>> matrix(load_observations())[["theme", "area", "value", "year"]]  # doctest: +SKIP
    """
    columns = _ordered_areas(areas)
    rows: list[dict] = []
    for theme in THEMES:
        rows += (_target_rows(observations, columns, language) if theme == "targets"
                 else _theme_rows(observations, theme, columns, language))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    frame["year"] = pd.array(frame["year"], dtype="Int64")
    return frame


def cell_text(row: dict, language: str = "da") -> str:
    """Return one cell as plain text, e.g. "23,5 % (2019)"; an empty string when the area has no figure."""
    if pd.isna(row["value"]):
        return ""
    year = tr(language, "år ikke oplyst", "year not stated") if pd.isna(row["year"]) else str(int(row["year"]))
    return f"{format_value(row['value'], row['unit'], language, _as_text(row['qualifier']))} ({year})"


def _value_html(row: dict, language: str) -> str:
    """The cell's figure as escaped HTML, the number kept together with its unit."""
    text = cell_text(row, language)
    if not text:
        return ""
    figure, _, year = text.rpartition(" (")
    return f"<span class='stemlib-matrix-value'>{html.escape(figure)}</span> ({html.escape(year)}"


def _cell_html(row: dict, language: str) -> str:
    text = _value_html(row, language)
    parts = [text] if text else []
    if row["status_text"]:
        parts.insert(0, f"<span class='stemlib-matrix-status'>{html.escape(row['status_text'])}</span>")
    elif not text:
        parts.append(f"<span class='stemlib-matrix-empty'>{html.escape(tr(language, 'intet tal', 'no figure'))}</span>")
    return " ".join(parts)


def _link_headers(table: str, labels: dict[str, str], links: dict[str, str]) -> str:
    """Turn the column headers of areas with a page into links to it."""
    for code, url in links.items():
        if code not in labels or not url:
            continue
        label = html.escape(labels[code])
        plain = f'<th scope="col" role="columnheader">{label}</th>'
        linked = f'<th scope="col" role="columnheader"><a href="{html.escape(url, quote=True)}">{label}</a></th>'
        table = table.replace(plain, linked, 1)
    return table


def _row_headers(table: str) -> str:
    """Make each body row's first cell its row header (``<th scope="row">``)."""
    return re.sub(r'<tr role="row"><td role="cell" data-label="[^"]*">(.*?)</td>',
                  r'<tr role="row"><th scope="row" role="rowheader">\1</th>', table)


def matrix_html(frame: pd.DataFrame, language: str = "da", links: dict[str, str] | None = None) -> str:
    """Return the matrix as an accessible, responsive HTML table with its CSS.

    Parameters
    ----------
    frame : DataFrame
        The result of :func:`matrix`.
    language : {"da", "en"}
        The language of the headings and the notes.
    links : dict, optional
        Area code to the address of that area's page; those column headers become links.

    Returns
    -------
    str
        A ``<section>`` with a ``<style>`` block, the table (one row per theme, headed by
        the theme's name and measure; one column per area) and a note on how to read it.
        Every text is escaped; there is no script.
    """
    if frame.empty:
        return ""
    areas = list(dict.fromkeys(frame["area"]))
    labels = {code: area_name(code, language) for code in areas}
    theme_heading = tr(language, "Tema og opgørelse", "Theme and measure")
    body = []
    for theme, group in frame.groupby("theme", sort=False):
        records = {row["area"]: row for row in group.to_dict("records")}
        first = group.iloc[0]
        measure = first["measure"] if isinstance(first["measure"], str) else tr(language, "intet tal for noget område",
                                                                                 "no figure for any area")
        head = (f"{html.escape(first['theme_label'])}"
                f"<span class='stemlib-matrix-measure'>{html.escape(measure)}</span>")
        body.append([head] + [_cell_html(records[code], language) for code in areas])
    caption = tr(language, "Hovedtal pr. tema og område", "Headline figures by theme and area")
    table = html_table([theme_heading] + [labels[c] for c in areas], body, caption, cells_are_html=True)
    table = _link_headers(_row_headers(table), labels, links or {})
    note = tr(language,
              "Tallene i en række er samme mål fra samme kilde; årstallet står i parentes. Pagternes mål er "
              "forskellige, så målrækken viser hvert områdes egen status.",
              "The figures in a row are the same measure from the same source; the year is in brackets. The pacts' "
              "targets differ, so the targets row shows each area's own status.")
    label = html.escape(caption)
    return (f"<style>{TABLE_CSS}{MATRIX_CSS}</style><section class='stemlib-matrix' aria-label='{label}'>"
            f"{table}<p>{html.escape(note)}</p></section>")
