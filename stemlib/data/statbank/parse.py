"""Parse StatBank answers: CSV/BULK text and JSON-stat.

CSV and BULK answers as StatBank sends them: a UTF-8 byte-order mark, CRLF
line ends, semicolons, an upper-case header ending in ``INDHOLD`` (the value),
and in Danish-language answers a decimal comma. A suppressed or missing cell
is empty or the table's ``suppressedDataValue`` (often ``".."``): it becomes
NaN, never 0. Some tables declare ``"0"`` as their marker (STRAF42 does): a
numeric marker cannot be told apart from a true value, so such a cell is read
as the number it is, and only the textual markers mean missing.
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from stemlib.errors import StatBankError

MISSING_MARKERS = {"", "..", ".", "-", ":"}


def missing_marker(suppressed: str | None) -> str | None:
    """Return the table's ``suppressedDataValue`` when it can only mean "missing", else None.

    A marker that reads as a number (``"0"``) is ignored: a true zero in such a
    table must stay 0, and a suppressed cell is empty or ``..`` anyway.
    """
    if suppressed is None or not suppressed.strip():
        return None
    try:
        float(suppressed.replace(",", "."))
    except ValueError:
        return suppressed.strip()
    return None


def _number(text: str, decimal_comma: bool, suppressed: str | None) -> float:
    text = text.strip()
    if text in MISSING_MARKERS or (suppressed is not None and text == suppressed):
        return math.nan
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".") if "," in text else text
    try:
        return float(text)
    except ValueError:
        msg = f"StatBank value {text!r} is not a number nor a known missing-value marker ({sorted(MISSING_MARKERS)})."
        raise StatBankError(msg) from None


def parse_csv(payload: bytes | str, *, decimal_comma: bool = False, suppressed: str | None = "..") -> pd.DataFrame:
    """Parse a StatBank CSV or BULK answer into a table of codes and a float ``INDHOLD`` column.

    Parameters
    ----------
    payload : bytes or str
        The answer body.
    decimal_comma : bool
        True for Danish-language answers ("37,7").
    suppressed : str, optional
        The table's ``suppressedDataValue``; a numeric one (``"0"``) does not
        turn cells into missing (see :func:`missing_marker`).
    """
    suppressed = missing_marker(suppressed)
    text = payload.decode("utf-8-sig") if isinstance(payload, bytes) else payload.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    rows = [row for row in rows if row]
    if not rows:
        raise StatBankError("StatBank answered with an empty CSV body.")
    header = [cell.strip().upper() for cell in rows[0]]
    if header[-1] != "INDHOLD":
        raise StatBankError(f"StatBank CSV header {header} does not end in INDHOLD.")
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise StatBankError(f"StatBank CSV line {number} has {len(row)} cells; the header has {len(header)}.")
        records.append([cell.strip() for cell in row[:-1]] + [_number(row[-1], decimal_comma, suppressed)])
    frame = pd.DataFrame(records, columns=header)
    frame["INDHOLD"] = frame["INDHOLD"].astype("float64")
    return frame


def parse_jsonstat(document: dict) -> pd.DataFrame:
    """Parse a JSON-stat (version 1 style) answer into a long table: one column per dimension, then INDHOLD.

    The flat ``value`` array runs row-major over the dimensions in ``id`` order;
    ``null`` values become NaN.
    """
    try:
        dataset = document["dataset"]
        dims = dataset["dimension"]
        ids, sizes = dims["id"], dims["size"]
        values = dataset["value"]
    except (KeyError, TypeError) as error:
        raise StatBankError(f"JSON-stat answer lacks {error}; expected dataset.dimension.id/size and value.") from None
    codes = []
    for dim in ids:
        index = dims[dim]["category"]["index"]
        ordered = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
        codes.append(ordered)
    expected = math.prod(sizes)
    if isinstance(values, dict):  # sparse form: {"position": value}
        values = [values.get(str(i)) for i in range(expected)]
    if len(values) != expected:
        raise StatBankError(f"JSON-stat value array has {len(values)} cells; dimension sizes {sizes} give {expected}.")
    index = pd.MultiIndex.from_product(codes, names=[d.upper() for d in ids])
    frame = index.to_frame(index=False)
    frame["INDHOLD"] = [math.nan if v is None else float(v) for v in values]
    return frame
