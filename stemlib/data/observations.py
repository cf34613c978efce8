"""Load every figure into one validated, typed observations table.

Sources, in this order:

* ``data/observations/*.csv``: published figures typed in from the seed
  documents and public pages, one file per source document or page collection;
  each in the dialect it was saved in (commas or semicolons, decimal point or
  comma, with or without a byte order mark: see :mod:`stemlib.data.csvfiles`);
* ``data/eurostat/*.tsv``: Eurostat extracts, read in their own format;
* ``data/statbank/*.json``: StatBank pulls cached by ``python -m stemlib.fetch``,
  turned into observations by the recipes in :mod:`stemlib.data.statbank.recipes`.
  A cache file that is unreadable or does not match its recipe is skipped with
  one line on standard error; every other table is still used.

The result is cached and reloaded only when a file changes, so every notebook
cell may call :func:`load_observations` freely.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from stemlib.paths import data_dir

from .csvfiles import read_csv
from .eurostat import eurostat_observations
from .schema import COLUMNS, KEY, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, check_row, raise_if_problems
from .sources import read_sources

_CACHE: dict[tuple, pd.DataFrame] = {}


def _signature(folder: Path) -> tuple:
    """Describe the data files by name, size and modification time, to know when to reload."""
    files = sorted(p for pattern in ("observations/*.csv", "eurostat/*.tsv", "statbank/*.json", "sources.csv")
                   for p in folder.glob(pattern))
    return (str(folder.resolve()),) + tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def _read_observation_files(folder: Path, sources: dict[str, str]) -> list[dict]:
    rows: list[dict] = []
    where: dict[tuple, str] = {}
    problems: list[str] = []
    for path in sorted((folder / "observations").glob("*.csv")):
        shown = f"data/observations/{path.name}"
        dialect, read = read_csv(path, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS, numeric=("value",))
        for line, row in read:
            if dialect.bom:
                row["region"] = _restore_leading_zeros(row["region"])
            for column, problem in check_row(row, sources):
                problems.append(f"{shown}, line {line}, column {column}: {problem}")
            key = tuple(row[column] for column in KEY)
            if key in where:
                problems.append(f"{shown}, line {line}: duplicate key {dict(zip(KEY, key))}; first at {where[key]}")
            else:
                where[key] = f"{shown}, line {line}"
            rows.append({column: row.get(column, "") for column in COLUMNS})
    raise_if_problems(problems, "The observations in data/observations")
    return rows


def _restore_leading_zeros(code: str) -> str:
    """Give back the zeros a spreadsheet strips from a region code ("81" -> "081", "0" -> "000").

    Only in files a spreadsheet saved (they start with a byte order mark): Excel reads 081 as the number
    81 and saves it so. Municipality codes have three digits, so a shorter number can only be a region.
    """
    return code.zfill(3) if code.isdigit() and len(code) < 3 else code


def typed_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """Return observation rows of text with the observations' columns in order and their types (see below)."""
    frame = frame.reindex(columns=list(COLUMNS))
    for column in COLUMNS:
        if column == "year":
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
        elif column == "value":
            frame[column] = frame[column].astype("float64")
        elif column == "qualifier":
            # An exact figure has no qualifier: missing, not an empty string.
            frame[column] = frame[column].fillna("").astype(str).replace("", None)
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def load_observations(directory: str | os.PathLike | None = None, *, include_statbank: bool = True) -> pd.DataFrame:
    """Return every observation as one validated table.

    Parameters
    ----------
    directory : path, optional
        The data folder; see :func:`stemlib.paths.data_dir` for the default.
    include_statbank : bool, optional
        Add the figures derived from cached StatBank pulls (default True).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, region, year, sex, level, breakdown, value, unit,
        qualifier, flag, source, locator``; ``year`` is nullable ``Int64``
        (missing where the source gives no year), ``value`` float, everything
        else text (codes keep leading zeros); ``qualifier`` is missing (``None``)
        for an exact figure.
        A fresh copy each call, so a notebook may change it freely.

    Raises
    ------
    DataValidationError
        If any file breaks the schema; the message names file, line and column.
    """
    folder = data_dir(directory)
    signature = (_signature(folder), include_statbank)
    if signature not in _CACHE:
        _CACHE.clear()
        _CACHE[signature] = _load(folder, include_statbank)
    return _CACHE[signature].copy()


def _load(folder: Path, include_statbank: bool) -> pd.DataFrame:
    sources = read_sources(folder / "sources.csv")
    source_ids = set(sources.index)
    rows = _read_observation_files(folder, dict(zip(sources["id"], sources["year"])))
    frames = [typed_observations(pd.DataFrame(rows, columns=list(COLUMNS)))]
    eurostat = eurostat_observations(folder / "eurostat")
    if not eurostat.empty:
        frames.append(typed_observations(eurostat))
    if include_statbank:
        from .statbank.cached_observations import cached_statbank_observations

        statbank = cached_statbank_observations(folder / "statbank", warn=_warn)
        if not statbank.empty:
            frames.append(typed_observations(statbank))
    table = pd.concat(frames, ignore_index=True)
    _check_combined(table, source_ids)
    return table


def _warn(message: str) -> None:
    """Say in one line that a cached StatBank table was skipped (the published figures and other tables load)."""
    import sys

    print(f"stemlib: {message}", file=sys.stderr)


def _check_combined(table: pd.DataFrame, source_ids: set[str]) -> None:
    """Check what only shows once every source is in: duplicate keys across sources, unknown sources."""
    problems = []
    keyed = table.assign(year_text=table["year"].astype("string").fillna(""))
    key_columns = ["indicator", "region", "year_text", "sex", "level", "breakdown", "source"]
    duplicated = keyed[keyed.duplicated(key_columns, keep=False)]
    for _, group in duplicated.groupby(key_columns, sort=False):
        places = "; ".join(f"{row.source} ({row.locator})" for row in group.itertuples())
        problems.append(f"duplicate key {dict(zip(KEY, group.iloc[0][key_columns]))} in {places}")
    unknown = sorted(set(table["source"]) - source_ids)
    if unknown:
        problems.append(f"sources {unknown} are not in data/sources.csv")
    raise_if_problems(problems, "The combined observations")


def clear_cache() -> None:
    """Forget the cached table (the next call reloads from disk)."""
    _CACHE.clear()
