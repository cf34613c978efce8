"""Read the code lists that ship inside the package as CSV files.

Code lists are data, not code: analysts can read and correct them in a
spreadsheet. Lines starting with ``#`` hold the basis and source of the list.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

CODELIST_DIR = Path(__file__).with_name("codelists")


@cache
def read_codelist(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``codelists/<name>.csv`` as dictionaries of strings.

    Parameters
    ----------
    name : str
        File name without the ``.csv`` suffix.

    Returns
    -------
    tuple of dict
        One dictionary per data row; every value is a stripped string, so
        codes such as ``"081"`` keep their leading zeros.
    """
    path = CODELIST_DIR / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return tuple(
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(lines)
        )


def codelist_header(name: str) -> list[str]:
    """Return the ``#`` comment lines of a code list: its stated basis and source."""
    path = CODELIST_DIR / f"{name}.csv"
    with path.open(encoding="utf-8") as handle:
        return [line[1:].strip() for line in handle if line.startswith("#")]
