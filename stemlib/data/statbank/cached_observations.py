"""Observations from the cached StatBank tables: each cache entry through its table's recipe.

A cache file that cannot be read, or that does not match its recipe, is skipped with
one line naming it and the reason; the published figures and the other tables are
still used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pandas as pd

from .cache import read_entry
from .recipes import RECIPE_VERSION, RECIPES
from .shape import Shape, StructureMismatch


def entry_shape(entry: dict) -> Shape:
    """Rebuild a table's shape from a cache entry's labels (the codes that were fetched)."""
    info = {"variables": [{"id": var, "values": [{"id": c, "text": t} for c, t in labels.items()],
                           "time": var.upper() == "TID", "elimination": True}
                          for var, labels in entry["labels"].items()]}
    return Shape(entry["table"], info)


def observations_from_entry(entry: dict) -> pd.DataFrame:
    """Turn one cache entry into observations with source and locator.

    Raises
    ------
    StructureMismatch
        If the entry was written by an older recipe or its rows do not have the shape the recipe reads.
    """
    recipe = RECIPES.get(entry["table"])
    if recipe is None:
        return pd.DataFrame()
    if entry.get("recipe_version") != RECIPE_VERSION:
        raise StructureMismatch(entry["table"], "(cache file)", f"recipe version {RECIPE_VERSION}",
                                f"version {entry.get('recipe_version', 1)} (written before the recipes followed the "
                                "tables' real structure; run `make data`)")
    rows = recipe.observations(entry["frame"], entry_shape(entry))
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if frame.empty:
        return frame
    query = json.dumps(entry["query"], ensure_ascii=False, separators=(",", ":"))
    if len(query) > 400:  # the municipality list makes the query long; the address and updated date identify it
        query = json.dumps({k: (v if len(v) <= 8 else [*v[:3], f"... {len(v)} codes"])
                            for k, v in entry["query"].items()}, ensure_ascii=False, separators=(",", ":"))
    frame["source"] = f"statbank_{entry['table'].lower()}"
    frame["locator"] = (f"StatBank {entry['table']} {query}; own calculation; updated {str(entry['updated'])[:10]}, "
                        f"retrieved {str(entry['retrieved'])[:10]}")
    return frame


def cached_statbank_observations(folder: Path, *, warn: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Return the observations from every cached StatBank table in ``folder``.

    A cache file that cannot be read, or whose rows do not match its recipe, is skipped: ``warn`` gets one
    line naming the file and the reason, and the other tables are used.
    """
    frames = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            frame = observations_from_entry(read_entry(path))
        except StructureMismatch as error:
            if warn is not None:
                warn(f"data/statbank/{path.name} skipped: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - one unreadable file must not stop the published figures loading
            if warn is not None:
                warn(f"data/statbank/{path.name} skipped: not a readable StatBank cache file ({type(error).__name__}: "
                     f"{error}); `make data` fetches the table again")
            continue
        key = ["indicator", "region", "year", "sex", "level", "breakdown"]
        if not frame.empty and frame.duplicated(key).any():
            # e.g. an area sent both as "0" and "000": two figures for one key would stop every report loading.
            first = frame[frame.duplicated(key, keep=False)].iloc[0]
            if warn is not None:
                warn(f"data/statbank/{path.name} skipped: two figures for one key "
                     f"({', '.join(f'{k}={first[k]}' for k in key)}); `make data` fetches the table again")
            continue
        if not frame.empty:
            frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
