"""``make check-data``: check every file in data/ in seconds, with the loader's own messages.

Runs :func:`stemlib.data.observations.load_observations` (published figures,
Eurostat extracts, the StatBank cache and data/sources.csv) and prints either
one line with what was read, or the loader's errors: file, line, column, what
is wrong and what is allowed. A note says how many sources have no year (a
figure from them cannot be checked for a date after publication), and warnings
(on standard error) name each address in data/sources.csv that carries tracking
parameters or gives a third party's copy as the reader's link; pages clean both
when they show them, so these do not make the data invalid. Exit codes: 0 valid,
2 bad data (as the batch).

Usage::

    python -m stemlib.data.check            # data/ (or $STEMLIB_DATA_DIR)
    python -m stemlib.data.check other/data
"""

from __future__ import annotations

import sys
import time

from stemlib.errors import StemlibError
from stemlib.paths import data_dir

from .observations import clear_cache, load_observations
from .sources import read_sources, source_warnings


def main(argv: list[str] | None = None) -> int:
    """Check the data folder; print the result; return the exit code (0 valid, 2 bad data)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or any(a.startswith("-") for a in args):
        print("usage: python -m stemlib.data.check [DATA_FOLDER]", file=sys.stderr)
        return 2
    started = time.perf_counter()
    folder = data_dir(args[0] if args else None)
    clear_cache()
    try:
        table = load_observations(folder)
    except (StemlibError, OSError) as error:
        print(f"stemlib.data.check: {error}", file=sys.stderr)
        return 2
    files = len(list((folder / "observations").glob("*.csv")))
    print(f"stemlib.data.check: {folder} is valid: {len(table):,} figures from {table['source'].nunique()} sources "
          f"({files} observation files, the Eurostat extracts and the StatBank cache; "
          f"{time.perf_counter() - started:.2f} s).")
    sources = read_sources(folder / "sources.csv")
    for warning in source_warnings(folder / "sources.csv"):
        print(f"stemlib.data.check: warning: {warning}", file=sys.stderr)
    undated = int((sources["year"] == "").sum())
    if undated:
        print(f"stemlib.data.check: note: {undated} of {len(sources)} sources in data/sources.csv have no year, so "
              "their figures' years cannot be checked against it; add the year where the source gives one.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
