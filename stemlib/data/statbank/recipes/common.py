"""What every recipe shares: the codes for sex and level, totals, checked areas and columns, rows and sums.

A recipe never sums across a hierarchy's levels and never turns a missing cell into
0: :func:`strict_sum` is missing when any of its cells is, and :func:`percent_share` is
missing when either part is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from stemlib.definitions.regions import REGIONS

from ..shape import Shape, StructureMismatch, area_codes, area_kind, codes

SEX_CODES = {"10": "total", "TOT": "total", "M": "men", "K": "women"}
#: The higher-education levels of UDDAKT10's 3-character UDDANNELSE codes (they sum to TOT with H10-H35).
LEVELS = {"H40": "kvu", "H50": "mvu", "H60": "bachelor", "H70": "lvu", "H80": "phd"}
HIGHER = tuple(LEVELS.values())
TOTAL_IDS = {"TOT", "TOTAL", "IALT", "0000"}
TOTAL_TEXT = re.compile(r"^(total|i alt|all |alle |in total)|, (i alt|total)$", re.IGNORECASE)


def total_code(var: dict) -> str | None:
    """Return the code meaning "all" in a variable (TOT, IALT, 0000, or a label saying total)."""
    for value in var["values"]:
        if value["id"].upper() in TOTAL_IDS or TOTAL_TEXT.search(value["text"].strip()):
            return value["id"]
    return None


def other_variables_at_total(shape: Shape, handled: list[dict]) -> dict[str, list[str]]:
    """Every variable the recipe does not name: its total; left out only when StatBank may eliminate it.

    A variable with neither a total nor elimination is a measurement selector the recipe does not know:
    picking its first code silently could count something else, so that is a mismatch.
    """
    query = {}
    ids = {v["id"] for v in handled}
    for var in shape.variables:
        if var["id"] in ids or var.get("time"):
            continue
        total = total_code(var)
        if total is not None:
            query[var["id"]] = [total]
        elif not var.get("elimination"):
            raise StructureMismatch(shape.table, var["id"], "a total code or elimination (a variable the recipe does "
                                    "not know)", "codes " + ", ".join(codes(var)[:6]))
    return query


def sex_variable(shape: Shape) -> tuple[dict, str]:
    sex = shape.var("KØN", "KOEN", having="K")
    total = shape.one_of(sex, "10", "TOT")
    shape.need(sex, "M", "K")
    return sex, total


def checked_areas(shape: Shape, var: dict, *, with_municipalities: bool) -> list[str]:
    found = area_codes(var, with_municipalities=with_municipalities)
    have = {c.zfill(3) for c in found}
    missing = [c for c in REGIONS if c not in have]
    if missing:
        raise StructureMismatch(shape.table, var["id"], "the country and the five regions (000, 081-085)",
                                f"codes {', '.join(codes(var)[:8])} (lacking {', '.join(missing)})")
    return found


def cached_columns(shape: Shape, frame: pd.DataFrame, **roles: dict) -> dict[str, str]:
    """Map each role to its column in the cached rows (upper-case variable ids); a missing column is a mismatch."""
    found = {}
    for role, var in roles.items():
        column = var["id"].upper()
        if column not in frame.columns:
            raise StructureMismatch(shape.table, var["id"], f"a column {column} ({role}) in the cached rows",
                                    "columns " + ", ".join(frame.columns))
        found[role] = column
    if "TID" not in frame.columns:
        raise StructureMismatch(shape.table, "Tid", "a column TID", "columns " + ", ".join(frame.columns))
    return found


def is_area(column: pd.Series) -> pd.Series:
    """Tell which rows are the country, a region or a municipality (not 996/998/999 or a landsdel)."""
    kinds = {code: area_kind(code) is not None for code in column.unique()}
    return column.map(kinds).astype(bool)


def observation_row(indicator, region, year, sex, level, value, unit, breakdown="all"):
    return {"indicator": indicator, "region": str(region).zfill(3), "year": int(year), "sex": sex, "level": level,
            "breakdown": breakdown, "value": round(float(value), 4), "unit": unit, "qualifier": "", "flag": ""}


def percent_share(part, whole) -> float | None:
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    return 100.0 * part / whole


def strict_sum(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Row sums over ``columns`` that are missing when any cell is missing (never a partial sum)."""
    if not columns:
        return pd.Series(float("nan"), index=frame.index)
    return frame[columns].sum(axis=1, min_count=len(columns)).where(frame[columns].notna().all(axis=1))


@dataclass(frozen=True)
class Recipe:
    """How to query one table, turn its rows into observations, and what to tell the user at fetch time."""

    table: str
    description: str
    query: Callable[[Shape], dict[str, list[str]]]
    observations: Callable[[pd.DataFrame, Shape], list[dict] | pd.DataFrame]
    notes: Callable[[Shape], list[str]] = lambda shape: []


def finish_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Give vectorised rows the columns ``observation_row`` gives single rows (breakdown ``all`` unless set)."""
    return frame.assign(region=frame["region"].astype(str).str.zfill(3), year=frame["year"].astype(int),
                        value=frame["value"].astype(float).round(4),
                        breakdown=frame["breakdown"] if "breakdown" in frame.columns else "all", qualifier="", flag="")
