"""One series over time as a table a reader scans: a row per year, a column per area.

A long table repeats the measure, the source and "brud i tidsserien" in every row
(78 rows for six areas over thirteen years). When a table holds one series (one
indicator, level, sex, breakdown and source) for several areas over several years,
:func:`time_table` lays it out as Danmarks Statistik does: the newest year first,
one column per area, the measure and the source once in the caption, and a flag
such as a break in the series marked once per year with a footnote under the table.

The table is a data frame; its caption and footnotes travel in ``DataFrame.attrs``
(keys in :mod:`stemlib.report.html_tables`), so a section holds it like any other
table and :func:`stemlib.report.html_tables.frame_table` draws it as a grid that
scrolls sideways on a phone, with the year column kept in view.
"""

from __future__ import annotations

import pandas as pd

from .citations import short_citation
from .frames import chart_frame, figure_table
from .html_tables import CAPTION_KEY, FOOTNOTES_KEY, GRID_LAYOUT, LAYOUT_KEY
from .selection import SERIES, series_label, tr

#: Footnote marks, in the order the flags first occur (newest year first).
MARKS = "¹²³⁴⁵⁶⁷⁸⁹"

#: What each flag of the observations schema means, as a footnote under the table.
FLAG_NOTES = {
    "b": ("Brud i tidsserien: tallene før og efter er ikke fuldt sammenlignelige.",
          "Break in series: the figures before and after are not fully comparable."),
    "u": ("Lav pålidelighed: tallet er usikkert.", "Low reliability: the figure is uncertain."),
    "d": ("Definitionen afviger fra resten af tidsserien.", "The definition differs from the rest of the series."),
}


def is_one_series(rows: pd.DataFrame) -> bool:
    """True when ``rows`` are one series from one source, dated, one figure per area and year, in 2+ areas and years."""
    if rows.empty or rows["year"].isna().any():
        return False
    if len(rows[[*SERIES, "source", "unit"]].drop_duplicates()) != 1:
        return False
    if rows.duplicated(["region", "year"]).any():
        return False
    return rows["region"].nunique() >= 2 and rows["year"].nunique() >= 2


def _letters(flag) -> tuple[str, ...]:
    return tuple(letter for letter in flag if not letter.isspace()) if isinstance(flag, str) else ()


def time_table(rows: pd.DataFrame, language: str, areas: list[str] | None = None) -> pd.DataFrame | None:
    """Return one series as a year × area table, or None when ``rows`` are not one series (see :func:`is_one_series`).

    Parameters
    ----------
    rows : pandas.DataFrame
        Observation rows.
    language : {"da", "en"}
        The report's language (headings, numbers, footnotes).
    areas : list of str, optional
        Area codes in the order the report shows them (the region first, "Hele landet" last, as
        :attr:`ReportContext.areas`); areas not in it follow in the order of ``rows``.

    Returns
    -------
    pandas.DataFrame or None
        The first column holds the years, newest first, the others one area each, values formatted
        as in every other table (one number of decimals per series). A flag shared by every area
        with a figure that year marks the year ("2016¹"); a flag some areas lack marks their cells
        ("23,8 %¹"). ``attrs`` holds the caption and the footnote lines.
    """
    if not is_one_series(rows):
        return None
    frame = chart_frame(rows, language)
    present = list(dict.fromkeys(frame["region"]))
    order = [c for c in (areas or []) if c in present] + [c for c in present if c not in (areas or [])]
    label = dict(zip(frame["region"], frame["area_label"]))
    marks: dict[str, str] = {}

    def mark(letters) -> str:
        # Numbered in reading order, so the first footnote under the table is ¹.
        return "".join(marks.setdefault(letter, MARKS[min(len(marks), len(MARKS) - 1)]) for letter in letters)

    table = []
    for year, group in sorted(frame.groupby("year"), key=lambda item: -item[0]):
        by_area = group.set_index("region")
        letters = [set(_letters(f)) for f in by_area["flag"]]
        shared = sorted(set.intersection(*letters))
        row = {tr(language, "År", "Year"): f"{int(year)}{mark(shared)}"}
        for code in order:
            if code in by_area.index:
                own = sorted(set(_letters(by_area.at[code, "flag"])) - set(shared))
                row[label[code]] = by_area.at[code, "value_text"] + mark(own)
            else:
                row[label[code]] = None
        table.append(row)
    wide = pd.DataFrame(table)
    first = frame.iloc[0]
    years = f"{int(frame['year'].min())}–{int(frame['year'].max())}"
    source = tr(language, "Kilde", "Source")
    wide.attrs[LAYOUT_KEY] = GRID_LAYOUT
    wide.attrs[CAPTION_KEY] = f"{series_label(first, language)}, {years}. {source}: {short_citation(first['source'])}"
    wide.attrs[FOOTNOTES_KEY] = [f"{symbol} {tr(language, *FLAG_NOTES[letter]) if letter in FLAG_NOTES else letter}"
                             for letter, symbol in marks.items()]
    return wide


def series_table(rows: pd.DataFrame, language: str, areas: list[str] | None = None) -> pd.DataFrame:
    """Return the table behind a chart: a year × area table for one series over time, else one row per figure."""
    wide = time_table(rows, language, areas)
    return wide if wide is not None else figure_table(rows, language)
