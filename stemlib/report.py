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
from IPython.display import HTML, display

from . import charts
from .formatting import check_language
from .html_tables import frame_table
from .observations import load_observations
from .paths import data_dir
from .regions import REGIONS, normalise_region
from .sections import ReportContext, Section
from .sources import read_sources


def setup_notebook() -> None:
    """Use the Vega-Lite mimetype for charts and allow large chart data; call once per notebook."""
    alt.renderers.enable("mimetype")
    alt.data_transformers.disable_max_rows()


def context(region: object, compare_with: object = None, language: str = "da") -> ReportContext:
    """Check the report parameters and load the observations.

    Parameters
    ----------
    region : str or int
        Any form :func:`stemlib.regions.normalise_region` accepts.
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
    """Return the report's heading, with the region, the comparison and the date of the run."""
    heading = title or ctx.t(f"STEM-barometer: {ctx.name}", f"STEM barometer: {ctx.name}")
    compared = ", ".join(REGIONS[c].short_name(ctx.language) for c in ctx.areas[1:])
    intro = ctx.t(
        f"Denne rapport viser, hvordan {ctx.name} klarer sig på teknologipagternes STEM-mål: køn, frafald, "
        f"gymnasiale fagvalg, voksen- og efteruddannelse og målene for 2028. Sammenlignet med: {compared}. "
        "Hvert tal har en kilde; hvor der ikke findes et tal, står det i teksten.",
        f"This report shows how {ctx.name} is doing on the technology pacts' STEM goals: gender, dropout, "
        f"upper-secondary subject choices, adult and continuing education, and the 2028 targets. Compared with: "
        f"{compared}. Every figure has a source; where no figure exists, the text says so.")
    made = ctx.t(f"Dannet {date.today().isoformat()}.", f"Generated {date.today().isoformat()}.")
    return (f"<h1>{html.escape(heading)}</h1><p>{html.escape(intro)}</p>"
            f"<p class='stemlib-meta'>{html.escape(made)}</p>")


def show_header(ctx: ReportContext, title: str = "") -> None:
    """Display the report's heading and a short introduction."""
    display(HTML(header_html(ctx, title)))


def section_html(section: Section, language: str) -> tuple[str, str]:
    """Return the HTML before and after the section's charts."""
    top = f"<h2>{html.escape(section.title)}</h2>"
    if section.finding:
        top += f"<p class='stemlib-finding'>{html.escape(section.finding)}</p>"
    if section.missing:
        top += f"<p class='stemlib-missing'>{html.escape(section.missing)}</p>"
    label = "Tallene bag figuren" if language == "da" else "The numbers behind the chart"
    if not section.charts:
        label = "Tal" if language == "da" else "Figures"
    bottom = frame_table(section.table, label if not section.table.empty else "")
    for caption, table in section.extra_tables:
        bottom += frame_table(table, caption)
    if section.note:
        note_label = "Bemærk" if language == "da" else "Note"
        bottom += f"<p class='stemlib-note'><em>{note_label}:</em> {html.escape(section.note)}</p>"
    return top, bottom


def show(section: Section, language: str = "da") -> None:
    """Display a section: heading, finding, charts, the table behind them, further tables and the note."""
    top, bottom = section_html(section, language)
    display(HTML(top))
    for chart in section.charts:
        charts.show(chart)
    if bottom:
        display(HTML(bottom))
