"""What the report notebooks call: build the context from parameters, and show sections.

Everything shown is HTML written here, with every text from data escaped, so a
label such as ``<script>`` appears as text. Charts are displayed as Vega-Lite
(JupyterLab draws them natively; the HTML export turns them into inline charts).
"""

from __future__ import annotations

import html
from datetime import date

import altair as alt
import pandas as pd
from IPython.display import HTML, display, update_display

from stemlib.data.observations import load_observations
from stemlib.data.sources import read_sources
from stemlib.definitions.regions import REGIONS, normalise_region
from stemlib.paths import data_dir

from . import charts
from .cards import cards_html
from .data_download import download_link_html, file_name
from .formatting import check_language, format_date, keep_unit_with_number
from .html_tables import frame_table
from .report_context import ReportContext
from .scorecards import scorecard, scorecard_key_numbers  # noqa: F401 (a notebook name)
from .sections.section import Section
from .selection import tr


def setup_notebook() -> None:
    """Use the Vega-Lite mimetype for charts and allow large chart data; call once per notebook."""
    alt.renderers.enable("mimetype")
    alt.data_transformers.disable_max_rows()


def context(region: object, compare_with: object = None, language: str = "da") -> ReportContext:
    """Check the report parameters and load the observations.

    Parameters
    ----------
    region : str or int
        Any form :func:`stemlib.definitions.regions.normalise_region` accepts.
    compare_with : list, optional
        Regions to compare with; empty or None means every other region and the whole country.
    language : {"da", "en"}
        The report's language.
    """
    setup_notebook()
    language = check_language(language)
    code = normalise_region(region, where="region")
    if compare_with in (None, "", [], ()):
        others = [c for c in REGIONS if c != code]
    else:
        items = compare_with if isinstance(compare_with, (list, tuple)) else [compare_with]
        others = [normalise_region(item, where="compare_with") for item in items]
    return ReportContext(code, tuple(dict.fromkeys(others)), language, load_observations())


def sources_table() -> pd.DataFrame:
    """Return data/sources.csv indexed by source id."""
    return read_sources(data_dir() / "sources.csv")


def header_html(ctx: ReportContext, title: str = "") -> str:
    """Return the report's heading and one line with the date and what the region is compared with."""
    heading = title or ctx.t(f"STEM-barometer: {ctx.name}", f"STEM barometer: {ctx.name}")
    today = format_date(date.today(), ctx.language)
    others = [REGIONS[c].short_name(ctx.language) for c in ctx.areas[1:]]
    every_other = {c for c in REGIONS if c != ctx.region}
    if set(ctx.areas[1:]) == every_other:
        others = []  # the default: the cards and sections name the country and the regions where they compare
    if not others:
        compared = ""
    elif len(others) == 1:
        compared = ctx.t(f" Sammenlignet med {others[0]}.", f" Compared with {others[0]}.")
    else:
        listed = ", ".join(others[:-1]) + ctx.t(" og ", " and ") + others[-1]
        compared = ctx.t(f" Sammenlignet med {listed}.", f" Compared with {listed}.")
    meta = ctx.t(f"Opdateret {today}.", f"Updated {today}.") + compared
    return f"<h1 class='stemlib-title'>{html.escape(heading)}</h1><p class='stemlib-meta'>{html.escape(meta)}</p>"


#: The display that holds the link to all the report's figures and the line printed on every page. The
#: header shows it before the figures are known; showing the sources section fills it in (``update_display``,
#: which JupyterLab and papermill both apply to the earlier output).
PAGE_DATA_ID = "stemlib-page-data"
#: The section that lists every figure the report uses: its rows are the page's data file.
ALL_FIGURES_SECTION = "sources"
#: The id of the paragraph with the link to all the report's figures (the sources section points to it).
ALL_FIGURES_ID = "stemlib-all-figures"
#: Publishers named in the printed source line; the rest are in the sources section.
PUBLISHERS_IN_PRINT_LINE = 2


def print_line(language: str, figures: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> str:
    """Return the line printed at the foot of every page: the main publishers and the run date.

    Parameters
    ----------
    language : {"da", "en"}
        The report's language.
    figures : pandas.DataFrame, optional
        The report's figures; without them the line points to the sources section.
    sources : pandas.DataFrame, optional
        ``data/sources.csv`` indexed by id (read when not given).
    """
    made = format_date(date.today(), language)

    def t(da: str, en: str) -> str:
        return tr(language, da, en)

    where = t("se afsnittet Data og kilder", "see the section Data and sources")
    if figures is None or figures.empty:
        return t(f"Kilder: {where} · Opdateret {made}", f"Sources: {where} · Updated {made}")
    sources = sources_table() if sources is None else sources
    # The publisher without its parenthesis ("Region Nordjylland (Regionsrådet)"), most-used first.
    publishers = [str(sources.loc[s, "publisher"]).split(" (")[0] if s in sources.index else s
                  for s in figures["source"]]
    ranked = pd.Series(publishers).value_counts(sort=True)
    named = "; ".join(ranked.index[:PUBLISHERS_IN_PRINT_LINE])
    more = t(" m.fl.", " and others") if len(ranked) > PUBLISHERS_IN_PRINT_LINE else ""
    return t(f"Kilder: {named}{more} · Opdateret {made}", f"Sources: {named}{more} · Updated {made}")


def page_data_html(language: str, figures: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> str:
    """Return the link to all the report's figures as CSV, and the (hidden) line printed on every page.

    Without ``figures`` (the header, before the sections have run) it says where the link will be.
    """
    line = f"<p class='stemlib-print-line' hidden>{html.escape(print_line(language, figures, sources))}</p>"
    if figures is None or figures.empty:
        waiting = ("Linket til alle sidens tal som CSV-fil kommer, når afsnittet Data og kilder er vist."
                   if language == "da" else
                   "The link to all the report's figures as a CSV file appears once the section Data and sources "
                   "is shown.")
        return f"<p class='stemlib-download stemlib-pending'>{html.escape(waiting)}</p>{line}"
    label = ("Hent alle sidens tal som CSV-fil" if language == "da"
             else "Download all the figures in this report as a CSV file")
    name = file_name("alle-tal" if language == "da" else "all-figures")
    return download_link_html(figures, language, name, label, element_id=ALL_FIGURES_ID) + line


def show_header(ctx: ReportContext, title: str = "") -> None:
    """Display the report's first screen: heading and date, key messages, one card per theme, the data link.

    The cards come from :func:`stemlib.report.scorecard.scorecard`; call it yourself for the table.
    """
    display(HTML(header_html(ctx, title) + cards_html(scorecard(ctx), ctx)))
    display(HTML(page_data_html(ctx.language)), display_id=PAGE_DATA_ID)


#: A table with more rows than this is folded ("Tallene bag figuren"); folded tables do not print.
SHORT_TABLE_ROWS = 6


def folded_table(frame: pd.DataFrame, caption: str, language: str) -> str:
    """Return a table, folded under its caption when it is longer than :data:`SHORT_TABLE_ROWS`."""
    if frame is None or frame.empty:
        return ""
    if len(frame) <= SHORT_TABLE_ROWS:
        return frame_table(frame, caption)
    rows = tr(language, f"{len(frame)} rækker", f"{len(frame)} rows")
    # The summary names the table; a caption under it would say the same twice (and be read out twice).
    return (f"<details class='stemlib-fold'><summary>{html.escape(caption)} ({rows})</summary>"
            f"{frame_table(frame, '')}</details>")


def section_html(section: Section, language: str) -> tuple[str, str]:
    """Return the HTML before and after the section's charts: heading and finding; table, data file and note."""
    top = f"<h2>{html.escape(section.title)}</h2>"
    if section.finding:
        top += f"<p class='stemlib-finding'>{keep_unit_with_number(html.escape(section.finding))}</p>"
    if section.missing:
        top += f"<p class='stemlib-missing'>{keep_unit_with_number(html.escape(section.missing))}</p>"
    label = tr(language, "Tallene", "The figures")
    bottom = section.body_html if section.key == ALL_FIGURES_SECTION else folded_table(section.table, label, language)
    for caption, table in section.extra_tables:
        bottom += folded_table(table, caption, language)
    if section.key == ALL_FIGURES_SECTION:
        # This section's figures are the whole report's: point to the file at the top instead of
        # carrying the same file twice (it is the largest part of a page's data).
        text = tr(language, "Alle sidens tal findes i CSV-filen med kilde og henvisning til stedet i kilden.",
                  "Every figure on the page is in the CSV file, with its source and where in the source.")
        bottom += (f"<p class='stemlib-download'><a href='#{ALL_FIGURES_ID}'>{html.escape(text)}</a></p>"
                   if not section.figures.empty else "")
    else:
        link = tr(language, "Hent afsnittets tal som CSV-fil", "Download the figures in this section as a CSV file")
        # The count belongs to the page's file; under each section the link alone (no "(1 tal)").
        bottom += download_link_html(section.figures, language, file_name(section.title), link, count_words=False)
    if section.note:
        note_label = tr(language, "Bemærk", "Note")
        bottom += f"<p class='stemlib-note'><em>{note_label}:</em> {html.escape(section.note)}</p>"
    return top, bottom


def show(section: Section, language: str = "da") -> None:
    """Display a section: heading, finding, charts, the table behind them, its data file, further tables, the note.

    The sources section also fills in the link to all the report's figures under the header.
    """
    top, bottom = section_html(section, language)
    display(HTML(top))
    for chart in section.charts:
        charts.show(chart)
    if bottom:
        display(HTML(bottom))
    if section.key == ALL_FIGURES_SECTION:
        update_display(HTML(page_data_html(language, section.figures)), display_id=PAGE_DATA_ID)
