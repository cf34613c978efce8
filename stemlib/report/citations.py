"""Sources as readers cite them: publisher (year): title, with a link where one exists; never an id.

The register ``data/sources.csv`` keys every source by an id that analysts and the CSV
files use; a reader of a page sees the publisher, the year and the title instead, linked to the
publisher's own page: never to the copy the figures were read from (``retrieved_from``, which stays
in the register), and never with tracking parameters (:func:`stemlib.data.addresses.reader_address`).
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache

import pandas as pd

from stemlib.data.addresses import reader_address
from stemlib.data.sources import read_sources
from stemlib.paths import data_dir

from .formatting import format_date


@cache
def _register() -> pd.DataFrame:
    return read_sources(data_dir() / "sources.csv")


def _publisher(row: pd.Series) -> str:
    # "Region Nordjylland (Regionsrådet)", "IDA (figures from Statistics Denmark)": the name before the bracket
    # reads best.
    return str(row["publisher"]).split(" (")[0]


def short_citation(source_id: str) -> str:
    """Return "Publisher (year)" for a table cell; the id itself only if the register lacks it."""
    register = _register()
    if source_id not in register.index:
        return source_id
    row = register.loc[source_id]
    return f"{_publisher(row)} ({row['year']})" if row["year"] else _publisher(row)


def _title(title: str, publisher: str) -> str:
    """The title as a reader cites it: no note on where a copy is kept, dates as words, the publisher not twice."""
    title = re.sub(r" \((?:copy|kopi)[^)]*\)", "", title)
    title = re.sub(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b",
                   lambda m: format_date(date(int(m[3]), int(m[2]), int(m[1])), "da"), title)
    if title.startswith(f"{publisher}: "):
        title = title[len(publisher) + 2:]
    title = re.sub(r"(?<=\d)-(?=\d)", "–", title)  # a range of numbers takes an en dash ("25–64")
    # "(Uddannelses- og Forskningsministeriets datavarehus)" after the ministry as publisher: said once.
    stem = publisher.rstrip("t").rstrip("e")[:12]
    title = re.sub(r" \(([^()]*)\)$", lambda m: "" if stem and m[1].startswith(stem) else m[0], title)
    return title


def source_title(source_id: str) -> str:
    """Return a source's title as a sentence names it ("Nordjysk Teknologipagt"); the id where it is unknown."""
    register = _register()
    if source_id not in register.index:
        return source_id
    row = register.loc[source_id]
    return _title(str(row["title"]), _publisher(row))


def source_year(source_id: str) -> str:
    """Return a source's year as text ("2019"), or "" where the register gives none."""
    register = _register()
    if source_id not in register.index:
        return ""
    return str(register.loc[source_id]["year"] or "")


def full_citation(source_id: str) -> str:
    """Return "Publisher (year): Title" for the list of sources."""
    register = _register()
    if source_id not in register.index:
        return source_id
    row = register.loc[source_id]
    return f"{short_citation(source_id)}: {_title(str(row['title']), _publisher(row))}"


def address(source_id: str) -> str:
    """Return the publisher's web address for a reader's link, or "" when there is none a reader should open.

    Tracking parameters are dropped and a third party's copy gives "" (see
    :func:`stemlib.data.addresses.reader_address`); ``retrieved_from`` is never used.
    """
    register = _register()
    if source_id not in register.index:
        return ""
    return reader_address(str(register.loc[source_id, "address"]))


def citation_html(source_id: str) -> str:
    """Return the full citation as HTML, the title linked when the source has a web address."""
    text = html.escape(full_citation(source_id))
    link = address(source_id)
    return f"<a href='{html.escape(link, quote=True)}'>{text}</a>" if link else text
