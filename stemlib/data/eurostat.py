"""Read Eurostat's tab-separated downloads and turn them into observations.

Eurostat's TSV format: one header line such as ``unit,sex,age,geo\\time`` then a
tab and one column per period; each data line starts with the comma-separated
dimension codes. A cell is a number followed by a space and optional flag
letters (``"31.4 b"``: break in series, ``u`` low reliability, ``d`` definition
differs ...), or ``":"`` (not available), possibly with flags. Flags are kept in
their own column; ``":"`` gives no row, because missing is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from stemlib.definitions.regions import NUTS_TO_REGION
from stemlib.errors import DataValidationError

_CELL = re.compile(r"^(?P<number>-?\d+(?:\.\d+)?|:)\s*(?P<flags>[a-z]*)$")

SEX_CODES = {"T": "total", "F": "women", "M": "men"}
UNIT_CODES = {"PC": "percent"}
ISCED11_LEVELS = {"ED0-2": "ed0_2", "ED3-8": "ed3_8", "ED3_4": "ed3_4", "ED5-8": "ed5_8"}


def read_eurostat_tsv(path: str | Path) -> pd.DataFrame:
    """Read an Eurostat TSV file into a long table.

    Parameters
    ----------
    path : str or Path
        The ``.tsv`` file.

    Returns
    -------
    pandas.DataFrame
        One column per dimension (named as in the header, ``geo\\time`` becomes
        ``geo``), then ``time`` (str), ``value`` (float) and ``flag`` (str,
        empty when none), and ``line`` (the line number in the file). Cells
        that are ``":"`` are left out.

    Raises
    ------
    DataValidationError
        If the header or a cell does not follow the format; the message names
        the file, line and period.
    """
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        msg = f"{path}: the file is empty; expected an Eurostat TSV header such as 'unit,sex,age,geo\\time<TAB>2019'."
        raise DataValidationError(msg)
    header = lines[0].split("\t")
    if "\\" not in header[0]:
        msg = f"{path}, line 1: the first header cell {header[0]!r} should end in a dimension such as 'geo\\time'."
        raise DataValidationError(msg)
    dimensions = [name.split("\\")[0] for name in header[0].split(",")]
    periods = [cell.strip() for cell in header[1:]]
    records = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        codes = cells[0].split(",")
        if len(codes) != len(dimensions) or len(cells) != len(header):
            msg = (f"{path}, line {number}: expected {len(dimensions)} dimension codes and {len(periods)} periods, "
                   f"found {len(codes)} codes and {len(cells) - 1} periods.")
            raise DataValidationError(msg)
        for period, cell in zip(periods, cells[1:]):
            match = _CELL.match(cell.strip())
            if match is None:
                msg = (f"{path}, line {number}, period {period}: cell {cell!r} is neither a number with optional "
                       f"flag letters nor ':'.")
                raise DataValidationError(msg)
            if match["number"] == ":":
                continue
            records.append({**dict(zip(dimensions, codes)), "time": period, "value": float(match["number"]),
                            "flag": match["flags"], "line": number})
    columns = [*dimensions, "time", "value", "flag", "line"]
    return pd.DataFrame.from_records(records, columns=columns)


def _dataset(file_name: str) -> str:
    """Eurostat's table code from an extract's file name ("eurostat/trng_lfse_04_DK.tsv" -> "trng_lfse_04")."""
    stem = file_name.rsplit("/", 1)[-1].removesuffix(".tsv")
    return stem.removesuffix("_DK")


def _to_observations(raw: pd.DataFrame, *, indicator: str, source: str, file_name: str,
                     level_column: str | None = None) -> pd.DataFrame:
    """Map a long Eurostat table onto the observations schema."""
    unknown = sorted(set(raw["geo"]) - set(NUTS_TO_REGION))
    if unknown:
        msg = f"{file_name}: geo codes {unknown} have no region mapping; known: {sorted(NUTS_TO_REGION)}."
        raise DataValidationError(msg)
    # DK0 (NUTS 1) covers exactly the same area as DK; keep the country row and
    # drop DK0 so the whole country appears once.
    raw = raw[raw["geo"] != "DK0"]
    dims = [c for c in raw.columns if c not in ("geo", "time", "value", "flag", "line")]
    frame = pd.DataFrame({
        "indicator": indicator,
        "region": raw["geo"].map(NUTS_TO_REGION),
        "year": raw["time"].astype(int),
        "sex": raw["sex"].map(SEX_CODES),
        "level": raw[level_column].map(ISCED11_LEVELS) if level_column else "all",
        "breakdown": "all",
        "value": raw["value"],
        "unit": raw["unit"].map(UNIT_CODES),
        "qualifier": "",
        "flag": raw["flag"],
        "source": source,
        # Where the figure stands in Eurostat's own table (its code and coordinates), which a reader can look up
        # in Eurostat's data browser; the extract's file and line are an internal detail of this workspace.
        "locator": [f"{_dataset(file_name)}: {geo}, {time} ({', '.join(f'{d}={row[d]}' for d in dims)})"
                    for (_, row), geo, time in zip(raw.iterrows(), raw["geo"], raw["time"])],
    })
    return frame.reset_index(drop=True)


#: The Eurostat extracts that ship in data/eurostat/, with how each maps to the schema.
EUROSTAT_FILES = {
    "trng_lfse_04_DK.tsv": {"indicator": "adult_participation_4w", "source": "eurostat_trng_lfse_04"},
    "edat_lfse_04_DK.tsv": {"indicator": "attainment_share", "source": "eurostat_edat_lfse_04",
                            "level_column": "isced11"},
}


def eurostat_observations(directory: str | Path) -> pd.DataFrame:
    """Return the observations from every known Eurostat file in ``directory``."""
    directory = Path(directory)
    frames = []
    for file_name, mapping in EUROSTAT_FILES.items():
        path = directory / file_name
        if path.exists():
            frames.append(_to_observations(read_eurostat_tsv(path), file_name=f"eurostat/{file_name}", **mapping))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
