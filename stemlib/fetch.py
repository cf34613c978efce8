"""Refresh the StatBank cache in data/statbank/ (``python -m stemlib.fetch``, ``make data``).

For each recipe's table: read ``tableinfo``; if the table's ``updated`` stamp
equals the cached one, download nothing; otherwise build the query, split it
under StatBank's cell cap, download CSV, and store the rows with the query,
the ``updated`` stamp and the retrieval time. Without a connection the command
stops within seconds with one line and exit code 2; the reports go on using
the cached and published figures.

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

from .errors import StatBankError
from .paths import data_dir
from .statbank.cache import cached_updated, write_entry
from .statbank.client import StatBankClient, StatBankUnreachable, resolve_values, split_under_cap
from .statbank.recipes import RECIPES

OFFLINE = ("StatBank could not be reached ({reason}); nothing was changed, and the reports keep using the cached "
           "and published figures in data/.")


def refresh_table(client: StatBankClient, table: str, folder: Path, *, force: bool = False,
                  retries: int | None = None) -> str:
    """Refresh one table's cache entry; return what happened, in words."""
    recipe = RECIPES[table]
    info = client.tableinfo(table, retries=retries)
    updated = str(info.get("updated", ""))
    if not force and cached_updated(table, folder) == updated:
        return f"{table}: unchanged since {updated[:10]}, kept the cache"
    query = recipe.query(info)
    by_id = {v["id"]: v for v in info["variables"]}
    suppressed = info.get("suppressedDataValue") or ".."
    parts = [client.data(table, chunk, suppressed=suppressed) for chunk in split_under_cap(info, query)]
    frame = pd.concat(parts, ignore_index=True)
    labels = {}
    for var_id, selector in query.items():
        chosen = set(resolve_values(by_id[var_id], selector))
        labels[var_id] = {v["id"]: v["text"] for v in by_id[var_id]["values"] if v["id"] in chosen}
    retrieved = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    write_entry(table, query=query, updated=updated, retrieved=retrieved, labels=labels, frame=frame, folder=folder)
    return f"{table}: {len(frame)} rows in {len(parts)} request(s), updated {updated[:10]}"


def main(argv: list[str] | None = None, *, client: StatBankClient | None = None) -> int:
    """Refresh the cache; return 0 when done, 1 when a table failed, 2 when StatBank is unreachable."""
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
    failures = 0
    for table in tqdm(tables, unit="table", desc="StatBank", file=sys.stderr):
        try:
            tqdm.write(refresh_table(client, table, folder, force=args.force), file=sys.stderr)
        except StatBankUnreachable as error:
            print(f"stemlib.fetch: {OFFLINE.format(reason=error.reason)}", file=sys.stderr)
            return 2
        except (StatBankError, KeyError, StopIteration, TypeError) as error:
            failures += 1
            tqdm.write(f"{table}: failed: {type(error).__name__}: {error}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
