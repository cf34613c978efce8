"""Refresh the StatBank cache in data/statbank/ (``python -m stemlib.fetch``, ``make data``).

For each recipe's table: read ``tableinfo``; if the table's ``updated`` stamp
equals the cached one, download nothing; otherwise build the query, split it
under StatBank's cell cap, download CSV, and store the rows with the query,
the ``updated`` stamp and the retrieval time. Without a connection the command
stops within seconds with one line and exit code 2; the reports go on using
the cached and published figures.

A table whose structure does not match its recipe costs that table only: one
line says which table, which variable, what was expected and what was found;
the previous cache of that table is kept, the other tables are refreshed, and
the exit code is 1. When UDDAKT10 and LIGEUB6 are both cached, the workspace's
STEM mapping is compared with Statistics Denmark's own split, level by level.

Usage::

    python -m stemlib.fetch                 # every table with a recipe
    python -m stemlib.fetch UDDAKT10 VEU20  # some tables
    python -m stemlib.fetch --force         # download even when the table is unchanged
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from stemlib.errors import StatBankError
from stemlib.paths import data_dir

from .statbank.cache import cache_path, cached_updated, write_entry
from .statbank.client import StatBankClient, StatBankUnreachable, resolve_values, split_under_cap
from .statbank.recipes import RECIPE_VERSION, RECIPES
from .statbank.shape import Shape, StructureMismatch
from .statbank.stem_check import stem_check_lines

OFFLINE = ("StatBank could not be reached ({reason}); nothing was changed, and the reports keep using the cached "
           "and published figures in data/.")


def refresh_table(client: StatBankClient, table: str, folder: Path, *, force: bool = False,
                  retries: int | None = None, notes: list[str] | None = None) -> str:
    """Refresh one table's cache entry; return what happened, in words.

    Nothing is written unless the whole table was fetched and its rows give observations under the recipe, so a
    failure at any step keeps the previous cache. ``notes`` collects the recipe's remarks for the user.

    Raises
    ------
    StructureMismatch
        If ``tableinfo`` or the answer does not have the structure the recipe reads.
    StatBankError
        If StatBank refused a request or could not be reached.
    """
    from .statbank.cached_observations import observations_from_entry

    recipe = RECIPES[table]
    info = client.tableinfo(table, retries=retries)
    updated = str(info.get("updated", ""))
    shape = Shape(table, info)
    if notes is not None:
        notes += recipe.notes(shape)
    if not force and cached_updated(table, folder, recipe_version=RECIPE_VERSION) == updated:
        return f"{table}: unchanged since {updated[:10]}, kept the cache"
    query = recipe.query(shape)
    by_id = {v["id"]: v for v in shape.variables}
    suppressed = info.get("suppressedDataValue") or ".."
    parts = [client.data(table, chunk, suppressed=suppressed) for chunk in split_under_cap(info, query)]
    frame = pd.concat(parts, ignore_index=True)
    expected = [code.upper() for code in query] + ["INDHOLD"]
    if sorted(frame.columns) != sorted(expected):
        raise StructureMismatch(table, "(data answer)", "columns " + ", ".join(expected),
                                "columns " + ", ".join(frame.columns))
    labels = {}
    for var_id, selector in query.items():
        chosen = set(resolve_values(by_id[var_id], selector))
        labels[var_id] = {v["id"]: v["text"] for v in by_id[var_id]["values"] if v["id"] in chosen}
    retrieved = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = {"table": table, "query": query, "updated": updated, "retrieved": retrieved, "labels": labels,
             "frame": frame, "recipe_version": RECIPE_VERSION}
    observations = observations_from_entry(entry)  # check before writing: a cache the reports cannot read is no cache
    if observations.empty:
        raise StructureMismatch(table, "(data answer)", "rows that give figures", f"{len(frame)} rows, no figure")
    write_entry(table, query=query, updated=updated, retrieved=retrieved, labels=labels, frame=frame, folder=folder,
                recipe_version=RECIPE_VERSION)
    return (f"{table}: {len(frame)} rows in {len(parts)} request(s), {len(observations)} figures, "
            f"updated {updated[:10]}")


def main(argv: list[str] | None = None, *, client: StatBankClient | None = None) -> int:
    """Refresh the cache; return 0 when done, 1 when a table failed (its old cache kept), 2 when StatBank is
    unreachable."""
    from tqdm import tqdm

    parser = argparse.ArgumentParser(prog="python -m stemlib.fetch", description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", nargs="*", help=f"tables to refresh (default: {' '.join(RECIPES)})")
    parser.add_argument("--force", action="store_true", help="download even if the table has not been updated")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    args = parser.parse_args(argv)
    unknown = [t for t in args.tables if t.upper() not in RECIPES]
    if unknown:
        print(f"stemlib.fetch: no recipe for {', '.join(unknown)}; tables with recipes: {', '.join(RECIPES)}.",
              file=sys.stderr)
        return 2
    tables = [t.upper() for t in args.tables] or list(RECIPES)
    client = client or StatBankClient(timeout=args.timeout)
    folder = data_dir() / "statbank"
    # One quick probe first, without retries and with a short time-out, so that no connection fails fast.
    probe_timeout, client.timeout = client.timeout, min(client.timeout, 8.0)
    try:
        client.tableinfo(tables[0], retries=0)
    except StatBankUnreachable as error:
        print(f"stemlib.fetch: {OFFLINE.format(reason=error.reason)}", file=sys.stderr)
        return 2
    except StatBankError as error:
        if "did not answer" in str(error):
            print(f"stemlib.fetch: {OFFLINE.format(reason='no answer within 8 s')}", file=sys.stderr)
            return 2
    finally:
        client.timeout = probe_timeout
    failures, notes = 0, []
    for table in tqdm(tables, unit="table", desc="StatBank", file=sys.stderr):
        try:
            tqdm.write(refresh_table(client, table, folder, force=args.force, notes=notes), file=sys.stderr)
        except StatBankUnreachable as error:
            print(f"stemlib.fetch: {OFFLINE.format(reason=error.reason)}", file=sys.stderr)
            return 2
        except StructureMismatch as error:
            failures += 1
            tqdm.write(f"stemlib.fetch: {error}; {_kept(table, folder)}", file=sys.stderr)
        except StatBankError as error:
            failures += 1
            tqdm.write(f"stemlib.fetch: {table}: {error}; {_kept(table, folder)}", file=sys.stderr)
        except Exception as error:  # noqa: BLE001 - one table's surprise must not cost the others or print a traceback
            failures += 1
            tqdm.write(f"stemlib.fetch: {table}: unexpected {type(error).__name__}: {error}; {_kept(table, folder)}",
                       file=sys.stderr)
    for line in notes + stem_check_lines(folder):
        print(line, file=sys.stderr)
    return 1 if failures else 0


def _kept(table: str, folder: Path) -> str:
    return ("the table's previous cache was kept" if cache_path(table, folder).exists()
            else "nothing was stored for this table")


if __name__ == "__main__":
    sys.exit(main())
