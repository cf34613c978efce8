"""The register of sources (data/sources.csv) that every observation points to.

Columns: ``id``, ``title``, ``publisher``, ``year``, ``address``, ``licence`` and, optionally,
``retrieved_from``. ``address`` is the publisher's own page, the one readers are sent to;
``retrieved_from`` is the copy the figures were actually read from, where that is another place (the
Eurostat extracts were read from a copy in a third party's scripts repository). Readers never see
``retrieved_from``; it is kept so that every figure can still be traced to the file it came from
(:func:`retrieval_address`).
"""

from __future__ import annotations

import pandas as pd

from stemlib.errors import DataValidationError

from .addresses import address_problems
from .csvfiles import read_csv_rows
from .schema import raise_if_problems

SOURCE_COLUMNS: tuple[str, ...] = ("id", "title", "publisher", "year", "address", "licence")
#: Columns a register may leave out (older files, other data folders), with the value they read as.
OPTIONAL_SOURCE_COLUMNS: dict[str, str] = {"retrieved_from": ""}


def read_sources(path) -> pd.DataFrame:
    """Read and check data/sources.csv.

    Every source needs an id (unique), a title, a publisher, and an address or a retrieved_from (where its
    figures can be found again); year, licence and the other address may be empty.

    Raises
    ------
    DataValidationError
        On a missing column, an empty required cell or a duplicate id, naming
        the file, line and column.
    """
    rows = read_csv_rows(path, required=SOURCE_COLUMNS, optional=OPTIONAL_SOURCE_COLUMNS)
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        for column in ("id", "title", "publisher"):
            if not row[column]:
                problems.append(f"{path}, line {line}, column {column}: is empty")
        if not row["address"] and not row["retrieved_from"]:
            problems.append(f"{path}, line {line}, column address: is empty, and so is retrieved_from; give the "
                            "publisher's page, or the place the figures were read from")
        if row["year"] and not row["year"].isdigit():
            problems.append(f"{path}, line {line}, column year: {row['year']!r} is not a year")
        if row["id"] in seen:
            problems.append(f"{path}, line {line}, column id: {row['id']!r} repeats line {seen[row['id']]}")
        seen.setdefault(row["id"], line)
    raise_if_problems(problems, str(path))
    if not rows:
        msg = f"{path}: holds no sources."
        raise DataValidationError(msg)
    columns = [*SOURCE_COLUMNS, *OPTIONAL_SOURCE_COLUMNS]
    return pd.DataFrame([row for _, row in rows], columns=columns).set_index("id", drop=False)


def retrieval_address(source: pd.Series) -> str:
    """Return where a source's figures were read: ``retrieved_from`` when given, else ``address``.

    Parameters
    ----------
    source : pandas.Series
        One row of :func:`read_sources`.
    """
    return str(source.get("retrieved_from", "") or source["address"])


def source_warnings(path) -> list[str]:
    """Return warnings on the register's addresses: tracking parameters, a copy given as the reader's address.

    Each names the file, line and column. They are warnings, not errors: pages clean what they show
    (:func:`stemlib.data.addresses.reader_address`), so no figure is wrong because of them.
    """
    rows = read_csv_rows(path, required=SOURCE_COLUMNS, optional=OPTIONAL_SOURCE_COLUMNS)
    return [f"{path}, line {line}, column {column} ({row['id']}): {problem}"
            for line, row in rows for column in ("address", "retrieved_from")
            for problem in address_problems(row[column], column)]
