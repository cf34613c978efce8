"""Data tables as HTML that read on a phone: a grid on wide screens, one card per row on narrow ones.

A six-column table does not fit a 390-pixel screen. Below 40rem each row is
shown as a block of "column: value" lines (the labels come from ``data-label``),
so nothing has to be scrolled sideways. Changing a table's CSS display makes
some browsers forget it is a table, so every element also carries its ARIA
role, and the header row stays in the page for screen readers.

A year × area table (:mod:`stemlib.report.time_table`) is the exception: as blocks
it would be seven lines a year, and a number is read against its year and its area.
It stays a grid, scrolls sideways inside its own box and keeps the year column in
view, so every figure stays next to its year and under its area.
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd

from .formatting import keep_unit_with_number

#: The class of a table that stays a grid on a phone (see the module's docstring).
GRID_CLASS = "stemlib-grid"
#: ``DataFrame.attrs`` keys a year × area table carries (:mod:`stemlib.report.time_table` sets them).
LAYOUT_KEY, GRID_LAYOUT, CAPTION_KEY, FOOTNOTES_KEY = "stemlib_layout", "grid", "stemlib_caption", "stemlib_footnotes"

#: The CSS for :func:`html_table`; the report template and the index page both include it.
#: The class is written twice on purpose: it lifts these rules above nbconvert's own
#: ``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`` rules, which align cells to the right.
TABLE_CSS = """
table.stemlib-table.stemlib-table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; width: auto; }
table.stemlib-table.stemlib-table caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
details.stemlib-fold table.stemlib-table.stemlib-table caption { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); overflow-wrap: anywhere; }
table.stemlib-table.stemlib-table th, table.stemlib-table.stemlib-table td { border-bottom: 1px solid #d0d0d0; padding: 0.25rem 0.6rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; color: #111111; background: #ffffff; }
table.stemlib-table.stemlib-table th { font-weight: 600; }
@media (max-width: 40rem) {
  table.stemlib-table.stemlib-table:not(.stemlib-grid), table.stemlib-table.stemlib-table:not(.stemlib-grid) tbody,
  table.stemlib-table.stemlib-table:not(.stemlib-grid) tr, table.stemlib-table.stemlib-table:not(.stemlib-grid) td {
    display: block; width: 100%; }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) caption { display: block; }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) thead th { overflow-wrap: anywhere; }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) tr { border-bottom: 1px solid #d0d0d0; padding: 0.4rem 0; }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) td { border: none; padding: 0.1rem 0; }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) td::before { content: attr(data-label) ": "; font-weight: 600; }
  table.stemlib-table.stemlib-table:not(.stemlib-grid) td:empty { display: none; }
}
/* A year × area table: a grid at every width, scrolled inside its box, the year column kept in view. */
.stemlib-scroll { overflow-x: auto; max-width: 100%; margin: 0 0 0.5rem; }
.stemlib-scroll table.stemlib-table.stemlib-table { margin: 0; }
p.stemlib-table-title { font-weight: 600; margin: 0.5rem 0 0.25rem; }
p.stemlib-footnote { font-size: 0.85rem; margin: 0.25rem 0 1rem; color: #111111; }
table.stemlib-table.stemlib-grid th, table.stemlib-table.stemlib-grid td { text-align: right; }
table.stemlib-table.stemlib-grid td, table.stemlib-table.stemlib-grid th[scope="row"] { white-space: nowrap; }
table.stemlib-table.stemlib-grid thead th { vertical-align: bottom; }
table.stemlib-table.stemlib-grid th[scope="row"], table.stemlib-table.stemlib-grid thead th:first-child {
  text-align: left; position: sticky; left: 0; z-index: 1; box-shadow: inset -1px 0 0 #d0d0d0; }
"""


def html_table(columns: list[str], rows: list[list[str]], caption: str = "", *, cells_are_html: bool = False,
               row_headings: bool = False, labelled_by: str = "") -> str:
    """Return a responsive, accessible HTML table.

    Parameters
    ----------
    columns : list of str
        Column headings (plain text).
    rows : list of list of str
        Cell texts, one list per row, as many cells as columns.
    caption : str
        The table's caption (plain text); screen readers announce it as the table's name.
    cells_are_html : bool
        True when the cells are already safe HTML (links built by the caller); otherwise they are escaped.
    row_headings : bool
        True for a grid (:data:`GRID_CLASS`): the first cell of each row heads its row (a year), and the
        table stays a grid on a phone.
    labelled_by : str
        The id of the element that names the table, when its name is shown outside it (no caption then).
    """
    heads = [html.escape(str(c)) for c in columns]
    head = "".join(f'<th scope="col" role="columnheader">{h}</th>' for h in heads)
    body = []
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a table row has {len(row)} cells for {len(columns)} columns: {row!r}")
        cells = []
        for i, (label, cell) in enumerate(zip(heads, row)):
            text = keep_unit_with_number(cell if cells_are_html else html.escape(str(cell)))
            if row_headings and i == 0:
                cells.append(f'<th scope="row" role="rowheader">{text}</th>')
            else:
                cells.append(f'<td role="cell" data-label="{label}">{text}</td>')
        body.append(f'<tr role="row">{"".join(cells)}</tr>')
    cap = f"<caption>{html.escape(caption)}</caption>" if caption and not labelled_by else ""
    classes = f"stemlib-table {GRID_CLASS}" if row_headings else "stemlib-table"
    name = f' aria-labelledby="{html.escape(labelled_by, quote=True)}"' if labelled_by else ""
    return (f'<table class="{classes}" role="table"{name}>{cap}<thead role="rowgroup"><tr role="row">{head}</tr>'
            f'</thead><tbody role="rowgroup">{"".join(body)}</tbody></table>')


def grid_html(frame: pd.DataFrame, caption: str, footnotes: list[str], na: str = "–") -> str:
    """Return a year × area table: its caption above, a box that scrolls sideways on a phone, its footnotes below.

    The caption is a paragraph outside the box, so a narrow screen shows it whole while the table
    scrolls; the table and the box are named by it (``aria-labelledby``). The box takes the keyboard
    focus, so the table can be scrolled without a mouse.
    """
    rows = [[na if pd.isna(value) else str(value) for value in record]
            for record in frame.itertuples(index=False, name=None)]
    # One id per table content, so two tables on a page get two ids and a rebuilt page the same one.
    ident = "stemlib-grid-" + hashlib.sha1(repr((caption, list(frame.columns), rows)).encode()).hexdigest()[:10]
    table = html_table([str(c) for c in frame.columns], rows, row_headings=True, labelled_by=ident)
    notes = "".join(f"<p class='stemlib-footnote'>{keep_unit_with_number(html.escape(n))}</p>" for n in footnotes)
    return (f"<p class='stemlib-table-title' id='{ident}'>{keep_unit_with_number(html.escape(caption))}</p>"
            f"<div class='stemlib-scroll' role='region' tabindex='0' aria-labelledby='{ident}'>{table}</div>{notes}")


def frame_table(frame: pd.DataFrame, caption: str = "", na: str = "–") -> str:
    """Return a data frame as :func:`html_table` (index left out, missing values shown as ``na``).

    A year × area table (``frame.attrs`` set by :func:`stemlib.report.time_table.time_table`) is drawn
    by :func:`grid_html` under its own caption, which names its measure and source.
    """
    if frame is None or frame.empty:
        return ""
    if frame.attrs.get(LAYOUT_KEY) == GRID_LAYOUT:
        return grid_html(frame, frame.attrs.get(CAPTION_KEY) or caption, frame.attrs.get(FOOTNOTES_KEY, []), na)
    rows = [[na if pd.isna(value) else str(value) for value in record]
            for record in frame.itertuples(index=False, name=None)]
    return html_table([str(c) for c in frame.columns], rows, caption)
