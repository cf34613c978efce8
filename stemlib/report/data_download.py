"""The figures behind a report as a CSV file that travels inside the page.

Readers want the numbers behind a page as a file, also offline. Each link holds
its file as a ``data:`` address, so it works in JupyterLab and in the notebook
viewer (no server). The exported page delivers the same file another way: it
keeps the lines of all its files once and builds a file when its link is used
(:mod:`stemlib.publish.page_payload`, :func:`csv_from_data_uri`), byte for byte
the file the address holds. The file:

* opens with three columns for a reader, in the report's language (:data:`READER_COLUMNS`:
  the area's name, the measure's name, the source cited as "publisher (year): title"), then
  the observations' columns (:data:`stemlib.data.schema.COLUMNS`), source and locator
  included, one row per figure; :func:`stemlib.read_figures` reads the file back by those;
* starts with a UTF-8 byte order mark, so Excel reads Danish letters right;
* follows the report's language, as Statistics Denmark's own CSV files do: a
  Danish report gives a semicolon-separated file with decimal commas, which a
  Danish Excel opens in columns by a double click; an English report gives
  commas and decimal points.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata

import pandas as pd

from stemlib.data.schema import COLUMNS, KEY

from .formatting import check_language

BOM = "\ufeff"
#: The columns a reader reads first, by report language: the codes after them are for programs.
READER_COLUMNS = {"da": ("Område", "Opgørelse", "Kilde"), "en": ("Area", "Measure", "Source")}
#: Field separator and decimal sign of the file, by report language.
CSV_DIALECT = {"da": (";", ","), "en": (",", ".")}


def _number(value: float, decimal: str) -> str:
    """Write a figure as stored (no thousands separator, no rounding), with the language's decimal sign."""
    if pd.isna(value):
        return ""
    text = format(float(value), ".15g")
    return text.replace(".", decimal)


def figures_csv(figures: pd.DataFrame, language: str = "da") -> str:
    """Return the figures as CSV text, byte order mark first.

    Parameters
    ----------
    figures : pandas.DataFrame
        Observation rows (as from :func:`stemlib.data.observations.load_observations`); other columns are left out,
        repeated rows are written once.
    language : {"da", "en"}
        ``"da"``: semicolons and decimal commas; ``"en"``: commas and decimal points.
    """
    separator, decimal = CSV_DIALECT[check_language(language)]
    missing = [c for c in COLUMNS if c not in figures.columns]
    if missing:
        raise ValueError(f"the figures lack the observation columns {missing}; expected {list(COLUMNS)}")
    rows = figures.loc[:, list(COLUMNS)].drop_duplicates()
    rows = rows.sort_values(list(KEY), na_position="first", kind="stable")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow([*READER_COLUMNS[language], *COLUMNS])
    for record in rows.itertuples(index=False):
        cells = record._asdict()
        reader = _reader_cells(cells, language)
        cells["year"] = "" if pd.isna(cells["year"]) else str(int(cells["year"]))
        cells["value"] = _number(cells["value"], decimal)
        writer.writerow([*reader, *["" if pd.isna(cells[c]) else str(cells[c]) for c in COLUMNS]])
    return BOM + out.getvalue()


def _reader_cells(cells: dict, language: str) -> list[str]:
    """The area, the measure and the source as a reader names them (the code itself where none is registered)."""
    from stemlib.definitions.regions import REGIONS

    from .citations import full_citation
    from .selection import series_label

    area = REGIONS[cells["region"]].name(language) if cells["region"] in REGIONS else str(cells["region"])
    try:
        measure = series_label(cells, language)
    except (KeyError, ValueError):  # an indicator the registry does not know (a test's synthetic rows)
        measure = str(cells["indicator"])
    return [area, measure, full_citation(str(cells["source"]))]


def csv_data_uri(text: str) -> str:
    """Return CSV text as a ``data:`` address (works offline; put it in an attribute with ``html.escape``).

    Only what a URL cannot carry as it is gets percent-encoded: ``%`` and ``#``, line breaks and tabs
    (a URL parser drops them) and the byte order mark; the browser encodes the other letters itself.
    This keeps the address about as long as the file (base64 would add a third to every page).
    """
    body = (text.replace("%", "%25").replace("#", "%23").replace("\r", "%0D").replace("\n", "%0A")
            .replace("\t", "%09").replace(BOM, "%EF%BB%BF"))
    return "data:text/csv;charset=utf-8," + body


def csv_from_data_uri(address: str) -> str:
    """Return the CSV text a :func:`csv_data_uri` address holds (the exported page rebuilds its files from it).

    Raises
    ------
    ValueError
        ``address`` is not a CSV ``data:`` address as :func:`csv_data_uri` writes them.
    """
    from urllib.parse import unquote

    prefix = "data:text/csv;charset=utf-8,"
    if not address.startswith(prefix):
        raise ValueError(f"not a CSV data address (it should start with {prefix!r}): {address[:60]!r}")
    return unquote(address[len(prefix):], encoding="utf-8", errors="strict")


def file_name(*parts: str) -> str:
    """Return a safe file name ``stem-barometer-<parts>.csv`` (letters folded to ASCII, spaces to hyphens)."""
    text = "-".join(["stem-barometer", *[p for p in parts if p]])
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("Æ", "Ae").replace("Ø", "Oe")
    text = unicodedata.normalize("NFKD", text.replace("Å", "Aa")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() + ".csv"


def download_link_html(figures: pd.DataFrame, language: str, name: str, label: str, element_id: str = "",
                       count_words: bool = True) -> str:
    """Return a paragraph with a link that downloads ``figures`` as CSV (see :func:`figures_csv`).

    Parameters
    ----------
    figures : pandas.DataFrame
        Observation rows; an empty frame gives an empty string (no link to an empty file).
    language : {"da", "en"}
        The report's language (file format and wording).
    name : str
        The file name the browser saves under.
    label : str
        The link text.
    element_id : str, optional
        An ``id`` for the paragraph, so that other places on the page can point to the file.
    count_words : bool, optional
        Say how many figures the file holds after the link ("(130 tal)"); the count is in ``data-rows`` anyway.
    """
    if figures is None or figures.empty:
        return ""
    text = figures_csv(figures, language)
    count = len(figures.loc[:, list(COLUMNS)].drop_duplicates())
    # How many figures; the README gives the file's format (semicolons, decimal comma, UTF-8 with a byte order mark).
    detail = f"{count} tal" if language == "da" else f"{count} {'figure' if count == 1 else 'figures'}"
    anchor = f' id="{html.escape(element_id, quote=True)}"' if element_id else ""
    return (f'<p class="stemlib-download"{anchor}><a download="{html.escape(name, quote=True)}" '
            f'href="{html.escape(csv_data_uri(text), quote=True)}" data-rows="{count}">{html.escape(label)}</a>'
            + (f' <span class="stemlib-download-detail">({html.escape(detail)})</span>' if count_words else "")
            + '</p>')
