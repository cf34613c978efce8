"""Read back the CSV file a report page hands out (its "all figures" or a section's link).

The pages write their figures in the report's language, as Statistics Denmark
does (:mod:`stemlib.report.data_download`): a Danish page semicolons and decimal
commas, an English page commas and decimal points, both UTF-8 with a byte order
mark and CRLF line ends. :func:`read_figures` reads either into the same table
as :func:`stemlib.load_observations`: region codes stay text (``"081"``, not 81),
``year`` is a nullable integer, ``value`` a float.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from stemlib.errors import DataValidationError

from .csvfiles import read_csv
from .observations import typed_observations
from .schema import COLUMNS


def read_figures(path: str | os.PathLike) -> pd.DataFrame:
    """Return the figures of a CSV file saved from a report page (or an observations file) as a typed table.

    Parameters
    ----------
    path : str or path
        The CSV file, in either dialect (semicolons and decimal commas, or commas and decimal points);
        ``~`` stands for the home folder (``"~/Downloads/stem-barometer-all-figures.csv"``).

    Returns
    -------
    pandas.DataFrame
        The observations' columns in order (``indicator`` ... ``locator``), one row per figure, typed as by
        :func:`stemlib.load_observations`. Columns the file has beyond those are left out.

    Raises
    ------
    DataValidationError
        If the file lacks a column, is not UTF-8, or holds a year or value that is not a number; the
        message names the file, line and column.
    """
    path = Path(path).expanduser()
    _, rows = read_csv(path, required=COLUMNS, numeric=("value",))
    problems = []
    for line, row in rows:
        if row["year"] and not row["year"].isdigit():
            problems.append(f"{path}, line {line}, column year: {row['year']!r} is not a year")
        try:
            float(row["value"])
        except ValueError:
            problems.append(f"{path}, line {line}, column value: {row['value']!r} is not a number")
    if problems:
        raise DataValidationError("\n".join(problems[:10]))
    frame = pd.DataFrame([row for _, row in rows], columns=list(COLUMNS))
    return typed_observations(frame).reset_index(drop=True)
