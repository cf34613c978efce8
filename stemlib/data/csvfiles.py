"""Read a data CSV strictly, in the dialect it was saved in: UTF-8, a header with the required columns, no ragged rows.

The workspace's data files are meant to be read and diffed by people, so the
reader refuses anything that would otherwise be silently misread: another
encoding, a missing column, a row with too many or too few cells, an empty file.

The same files are also opened and saved in Excel, so the dialect is detected
per file (:func:`detect_dialect`): comma or semicolon between fields (the header
must give every required column under exactly one of them), and, for the numeric
columns, decimal point or decimal comma. A byte order mark and CRLF line ends are
accepted. A number that could be read two ways (``1.234`` in a file with decimal
commas: a thousands separator?) is refused with one line instead of guessed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from stemlib.errors import DataValidationError

BOM = "\ufeff"
SEPARATORS: tuple[str, ...] = (",", ";")
#: A point followed by groups of three digits: Danish Excel's thousands separator, or a decimal point?
_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")


@dataclass(frozen=True)
class Dialect:
    """How one file was saved: field separator, decimal sign, and whether a spreadsheet wrote it (a BOM)."""

    separator: str
    decimal: str
    bom: bool

    def describe(self) -> str:
        """Describe the dialect in words, for messages."""
        sep = "semicolons" if self.separator == ";" else "commas"
        return f"{sep} between fields, decimal {'comma' if self.decimal == ',' else 'point'}"


def decode(path: Path, raw: bytes) -> str:
    """Return the file's text (UTF-8, with or without a byte order mark) or raise with the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        msg = (f"{path}, line {line}: the file is not UTF-8 (byte {raw[error.start]:#04x} at offset {error.start}). "
               "Save it as UTF-8 (in Excel: 'CSV UTF-8').")
        raise DataValidationError(msg) from None


def _header(text: str, separator: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text, newline=""), delimiter=separator), [])
    return [cell.strip() for cell in first]


def detect_separator(path: Path, text: str, required: tuple[str, ...]) -> str:
    """Return the separator under which the header holds every required column.

    Raises
    ------
    DataValidationError
        When neither separator gives all required columns (the message lists the missing ones, for the
        separator that came closest), or, which no real file does, when both do.
    """
    found = {sep: _header(text, sep) for sep in SEPARATORS}
    complete = [sep for sep in SEPARATORS if all(column in found[sep] for column in required)]
    if len(complete) == 1:
        return complete[0]
    if len(complete) > 1:  # a one-column file: nothing tells the separators apart
        return ","
    closest = max(SEPARATORS, key=lambda sep: sum(column in found[sep] for column in required))
    missing = [column for column in required if column not in found[closest]]
    msg = (f"{path}, line 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
           f"the header must hold {', '.join(required)}, separated by commas or by semicolons")
    raise DataValidationError(msg)


def detect_decimal(path: Path, separator: str, cells: list[tuple[int, str, str]]) -> str:
    """Return the decimal sign of a file's numeric cells (``(line, column, text)``), refusing what is ambiguous.

    A comma-separated file has decimal points (a decimal comma would need quotes, and is refused by the
    number check). In a semicolon-separated file a comma in any number makes commas the decimal sign; a
    point is then a thousands separator, which is refused, since it can as well be a typo. Without any
    comma, points are decimal points, unless a number is written like ``12.500``, which Danish Excel
    writes for twelve thousand five hundred.
    """
    if separator == ",":
        return "."
    commas = [(line, column, text) for line, column, text in cells if _DECIMAL_COMMA.match(text)]
    points = [(line, column, text) for line, column, text in cells if "." in text]
    if commas and points:
        line, column, text = points[0]
        msg = (f"{path}, line {line}, column {column}: {text!r} has a point, but the file writes decimals with a "
               f"comma (line {commas[0][0]}: {commas[0][2]!r}); a thousands separator cannot be read with "
               "certainty. Write numbers without thousands separators (Excel: Format Cells, Number, no "
               "'Use 1000 separator').")
        raise DataValidationError(msg)
    grouped = [(line, column, text) for line, column, text in points if _GROUPED.match(text)]
    if grouped:
        line, column, text = grouped[0]
        msg = (f"{path}, line {line}, column {column}: {text!r} in a semicolon-separated file can be a decimal "
               "number or a thousands separator; it cannot be read with certainty. Write numbers without "
               "thousands separators, with a decimal comma (18,1) or a decimal point (18.1).")
        raise DataValidationError(msg)
    return "," if commas else "."


def read_csv_rows(path: str | Path, *, required: tuple[str, ...], optional: dict[str, str] | None = None,
                  numeric: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    """Return ``(line number, row)`` pairs of a CSV file, with optional columns filled in.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, a byte-order mark is accepted; commas or semicolons; LF or CRLF).
    required : tuple of str
        Columns that must be in the header.
    optional : dict, optional
        Columns that may be missing, with the value to use when they are.
    numeric : tuple of str, optional
        Columns holding numbers: in a file with decimal commas they are returned with decimal points, so
        that every file reads into the same figures.

    Raises
    ------
    DataValidationError
        If the file is empty, not UTF-8, lacks a required column, has a row with the wrong number of
        cells, or has numbers whose decimal sign cannot be told with certainty.
    """
    return read_csv(path, required=required, optional=optional, numeric=numeric)[1]


def read_csv(path: str | Path, *, required: tuple[str, ...], optional: dict[str, str] | None = None,
             numeric: tuple[str, ...] = ()) -> tuple[Dialect, list[tuple[int, dict[str, str]]]]:
    """Like :func:`read_csv_rows`, and also return the file's :class:`Dialect`."""
    path = Path(path)
    optional = optional or {}
    raw = path.read_bytes()
    if not raw.strip():
        msg = f"{path}: the file is empty; expected a header line with the columns {', '.join(required)}."
        raise DataValidationError(msg)
    text = decode(path, raw)
    separator = detect_separator(path, text, required)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = [cell.strip() for cell in next(reader)]
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
    numbers = [(line, column, row[column]) for line, row in rows for column in numeric if row.get(column)]
    decimal = detect_decimal(path, separator, numbers)
    if decimal == ",":
        for _, row in rows:
            for column in numeric:
                if _DECIMAL_COMMA.match(row.get(column, "")):
                    row[column] = row[column].replace(",", ".")
    return Dialect(separator, decimal, raw.startswith(BOM.encode("utf-8"))), rows
