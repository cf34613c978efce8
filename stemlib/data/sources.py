"""The register of sources (data/sources.csv) that every observation points to."""

from __future__ import annotations

import pandas as pd

from stemlib.errors import DataValidationError

from .csvfiles import read_csv_rows
from .schema import raise_if_problems

SOURCE_COLUMNS: tuple[str, ...] = ("id", "title", "publisher", "year", "address", "licence")


def read_sources(path) -> pd.DataFrame:
    """Read and check data/sources.csv.

    Every source needs an id (unique), a title, a publisher and an address;
    year and licence may be empty where the publication gives none.

    Raises
    ------
    DataValidationError
        On a missing column, an empty required cell or a duplicate id, naming
        the file, line and column.
    """
    rows = read_csv_rows(path, required=SOURCE_COLUMNS)
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        for column in ("id", "title", "publisher", "address"):
            if not row[column]:
                problems.append(f"{path}, line {line}, column {column}: is empty")
        if row["year"] and not row["year"].isdigit():
            problems.append(f"{path}, line {line}, column year: {row['year']!r} is not a year")
        if row["id"] in seen:
            problems.append(f"{path}, line {line}, column id: {row['id']!r} repeats line {seen[row['id']]}")
        seen.setdefault(row["id"], line)
    raise_if_problems(problems, str(path))
    if not rows:
        msg = f"{path}: holds no sources."
        raise DataValidationError(msg)
    return pd.DataFrame([row for _, row in rows], columns=list(SOURCE_COLUMNS)).set_index("id", drop=False)
