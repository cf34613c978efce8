"""Data tables as HTML that read on a phone: a grid on wide screens, one card per row on narrow ones.

A six-column table does not fit a 390-pixel screen. Below 40rem each row is
shown as a block of "column: value" lines (the labels come from ``data-label``),
so nothing has to be scrolled sideways. Changing a table's CSS display makes
some browsers forget it is a table, so every element also carries its ARIA
role, and the header row stays in the page for screen readers.
"""

from __future__ import annotations

import html

import pandas as pd

from .formatting import keep_unit_with_number

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
  table.stemlib-table.stemlib-table, table.stemlib-table.stemlib-table tbody, table.stemlib-table.stemlib-table tr, table.stemlib-table.stemlib-table td { display: block; width: 100%; }
  table.stemlib-table.stemlib-table caption { display: block; }
  table.stemlib-table.stemlib-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stemlib-table.stemlib-table thead th { overflow-wrap: anywhere; }
  table.stemlib-table.stemlib-table tr { border-bottom: 1px solid #d0d0d0; padding: 0.4rem 0; }
  table.stemlib-table.stemlib-table td { border: none; padding: 0.1rem 0; }
  table.stemlib-table.stemlib-table td::before { content: attr(data-label) ": "; font-weight: 600; }
}
"""


def html_table(columns: list[str], rows: list[list[str]], caption: str = "", *, cells_are_html: bool = False) -> str:
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
    """
    heads = [html.escape(str(c)) for c in columns]
    head = "".join(f'<th scope="col" role="columnheader">{h}</th>' for h in heads)
    body = []
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a table row has {len(row)} cells for {len(columns)} columns: {row!r}")
        cells = "".join(f'<td role="cell" data-label="{label}">'
                        f'{keep_unit_with_number(cell if cells_are_html else html.escape(str(cell)))}</td>'
                        for label, cell in zip(heads, row))
        body.append(f'<tr role="row">{cells}</tr>')
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'<table class="stemlib-table" role="table">{cap}<thead role="rowgroup"><tr role="row">{head}</tr></thead>'
            f'<tbody role="rowgroup">{"".join(body)}</tbody></table>')


def frame_table(frame: pd.DataFrame, caption: str = "", na: str = "–") -> str:
    """Return a data frame as :func:`html_table` (index left out, missing values shown as ``na``)."""
    if frame is None or frame.empty:
        return ""
    rows = [[na if pd.isna(value) else str(value) for value in record]
            for record in frame.itertuples(index=False, name=None)]
    return html_table([str(c) for c in frame.columns], rows, caption)
