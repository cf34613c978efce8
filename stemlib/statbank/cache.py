"""The StatBank cache: one plain JSON file per table in data/statbank/.

Each file holds the query, the table id, the table's ``updated`` stamp, the
retrieval time, the labels of the codes used, and the rows (``null`` where a
cell is suppressed or missing). A report can therefore say "StatBank UDDAKT10,
updated <date>, retrieved <date>", and a refresh of a table whose ``updated``
stamp has not changed downloads nothing. ``recipe_version`` says which version
of the recipes wrote the file: a file from an older version is downloaded
again, and until then skipped by the loader with a warning.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from ..atomic import atomic_write_text
from ..paths import data_dir

FORMAT_VERSION = 1


def cache_path(table: str, folder: Path | None = None) -> Path:
    """Return the cache file of a table."""
    return (folder or data_dir() / "statbank") / f"{table.upper()}.json"


def write_entry(table: str, *, query: dict, updated: str, retrieved: str, labels: dict, frame: pd.DataFrame,
                folder: Path | None = None, recipe_version: int = 1) -> Path:
    """Store one pull atomically and return its path.

    The rows are written one per line without indentation: UDDAKT10 with its 98
    municipalities has a few hundred thousand rows, and an indented file would be
    several times larger and slower to load in every report.
    """
    rows = [[None if isinstance(v, float) and math.isnan(v) else v for v in row]
            for row in frame.itertuples(index=False, name=None)]
    document = {"format_version": FORMAT_VERSION, "table": table.upper(), "source": "Statistics Denmark, StatBank",
                "address": f"https://www.statbank.dk/{table.upper()}", "updated": updated, "retrieved": retrieved,
                "recipe_version": recipe_version, "query": query, "labels": labels, "columns": list(frame.columns)}
    head = json.dumps(document, ensure_ascii=False, indent=1)
    body = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
    path = cache_path(table, folder)
    atomic_write_text(path, head[:-2] + ',\n "rows": [\n' + body + "\n ]\n}\n")
    return path


def read_entry(path: Path) -> dict:
    """Read one cache file; ``frame`` holds the rows as a DataFrame."""
    document = json.loads(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame(document["rows"], columns=document["columns"])
    frame["INDHOLD"] = pd.to_numeric(frame["INDHOLD"], errors="coerce").astype("float64")
    for column in document["columns"][:-1]:
        frame[column] = frame[column].astype(str)
    document["frame"] = frame
    return document


def cached_updated(table: str, folder: Path | None = None, *, recipe_version: int | None = None) -> str | None:
    """Return the ``updated`` stamp of the cached pull, or None when nothing usable is cached.

    A file that cannot be read, or that an older ``recipe_version`` wrote, counts as not cached.
    """
    path = cache_path(table, folder)
    if not path.exists():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if recipe_version is not None and document.get("recipe_version") != recipe_version:
        return None
    return document.get("updated")


def cache_summary(folder: Path | None = None) -> list[str]:
    """One line per cached table: id, updated and retrieved dates, row count."""
    folder = folder or data_dir() / "statbank"
    lines = []
    for path in sorted(folder.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            lines.append(f"{path.name}: unreadable cache file")
            continue
        lines.append(f"StatBank {document.get('table')}, updated {str(document.get('updated'))[:10]}, "
                     f"retrieved {str(document.get('retrieved'))[:10]} ({len(document.get('rows', []))} rows)")
    return lines
