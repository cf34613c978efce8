"""Read a data CSV strictly: UTF-8, a header with the required columns, no ragged rows.

The workspace's data files are meant to be read and diffed by people, so the
reader refuses anything that would otherwise be silently misread: another
encoding, a missing column, a row with too many or too few cells, an empty file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from stemlib.errors import DataValidationError


def read_csv_rows(path: str | Path, *, required: tuple[str, ...],
                  optional: dict[str, str] | None = None) -> list[tuple[int, dict[str, str]]]:
    """Return ``(line number, row)`` pairs of a CSV file, with optional columns filled in.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, a byte-order mark is accepted).
    required : tuple of str
        Columns that must be in the header.
    optional : dict, optional
        Columns that may be missing, with the value to use when they are.

    Raises
    ------
    DataValidationError
        If the file is empty, not UTF-8, lacks a required column, or has a
        row with the wrong number of cells.
    """
    path = Path(path)
    optional = optional or {}
    raw = path.read_bytes()
    if not raw.strip():
        msg = f"{path}: the file is empty; expected a header line with the columns {', '.join(required)}."
        raise DataValidationError(msg)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        msg = (f"{path}, line {line}: the file is not UTF-8 (byte {raw[error.start]:#04x} at offset {error.start}). "
               "Save it as UTF-8 (in Excel: 'CSV UTF-8').")
        raise DataValidationError(msg) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader)]
    missing = [column for column in required if column not in header]
    if missing:
        msg = (f"{path}, line 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
               f"the header must hold {', '.join(required)}"
               + (f" (optional: {', '.join(optional)})" if optional else "") + ".")
        raise DataValidationError(msg)
    rows: list[tuple[int, dict[str, str]]] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            msg = f"{path}, line {line}: {len(cells)} cells, but the header has {len(header)} columns."
            raise DataValidationError(msg)
        row = {column: cell.strip() for column, cell in zip(header, cells)}
        for column, default in optional.items():
            if not row.get(column):
                row[column] = default
        rows.append((line, row))
    return rows
