"""Sources as readers cite them: publisher (year): title, with a link where one exists; never an id.

The register ``data/sources.csv`` keys every source by an id that analysts and the CSV
files use; a reader of a page sees the publisher, the year and the title instead.
"""

from __future__ import annotations

import html
from functools import cache

import pandas as pd

from stemlib.data.sources import read_sources
from stemlib.paths import data_dir


@cache
def _register() -> pd.DataFrame:
    return read_sources(data_dir() / "sources.csv")


def _publisher(row: pd.Series) -> str:
    # "Eurostat (via ...)" and "Region Nordjylland (Regionsrådet)": the name before the bracket reads best.
    return str(row["publisher"]).split(" (")[0]


def short_citation(source_id: str) -> str:
    """Return "Publisher (year)" for a table cell; the id itself only if the register lacks it."""
    register = _register()
    if source_id not in register.index:
        return source_id
    row = register.loc[source_id]
    return f"{_publisher(row)} ({row['year']})" if row["year"] else _publisher(row)


def full_citation(source_id: str) -> str:
    """Return "Publisher (year): Title" for the list of sources."""
    register = _register()
    if source_id not in register.index:
        return source_id
    return f"{short_citation(source_id)}: {register.loc[source_id, 'title']}"


def address(source_id: str) -> str:
    """Return the source's web address, or "" when it has none a reader can open."""
    register = _register()
    if source_id not in register.index:
        return ""
    value = str(register.loc[source_id, "address"])
    return value if value.startswith(("http://", "https://")) else ""


def citation_html(source_id: str) -> str:
    """Return the full citation as HTML, the title linked when the source has a web address."""
    text = html.escape(full_citation(source_id))
    link = address(source_id)
    return f"<a href='{html.escape(link, quote=True)}'>{text}</a>" if link else text
