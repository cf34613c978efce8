"""The workspace's STEM definition against Statistics Denmark's own, level by level.

Statistics Denmark publishes its national STEM split of higher education in
LIGEUB6 (``H40A`` ... ``H80A``: STEM students at each level). The workspace
counts STEM with its own H-code mapping (codelists/h_codes.csv). Applied to
UDDAKT10 (whole country, students enrolled 1 October: ``FSTATUS`` ``B``, both
sexes), the mapping gives a count per level that can be set next to the
official one; the difference in percent measures how far the two definitions
are apart. The check runs only when both tables are cached.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from stemlib.definitions.classifications import stem_h_codes
from stemlib.paths import data_dir

from .cache import cache_path, read_entry
from .recipes import HIGHER, STEM_LEVEL_CODES

_MEMO: dict[tuple, pd.DataFrame | None] = {}


def _column(entry: dict, *ids: str) -> str | None:
    for var in entry["labels"]:
        if var.upper() in ids:
            return var.upper()
    return None


def stem_check(folder: Path | None = None) -> pd.DataFrame | None:
    """Return the comparison, one row per level (kvu ... phd, then higher), or None when a table is not cached.

    Columns: ``level``, ``year``, ``workspace`` (UDDAKT10 under the mapping), ``official`` (LIGEUB6),
    ``difference_percent`` ((workspace - official) / official x 100).
    """
    folder = Path(folder) if folder is not None else data_dir() / "statbank"
    paths = [cache_path("UDDAKT10", folder), cache_path("LIGEUB6", folder)]
    if not all(p.exists() for p in paths):
        return None
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if key not in _MEMO:
        _MEMO.clear()
        try:
            _MEMO[key] = _compute(*paths)
        except Exception:  # noqa: BLE001 - a cache the check cannot read means no check, never a broken report
            _MEMO[key] = None
    result = _MEMO[key]
    return None if result is None else result.copy()


def _compute(uddakt10_path: Path, ligeub6_path: Path) -> pd.DataFrame | None:
    try:
        ours, official = read_entry(uddakt10_path), read_entry(ligeub6_path)
    except (OSError, ValueError, KeyError):
        return None
    area, education = _column(ours, "BOPOMR", "OMRÅDE"), _column(ours, "UDDANNELSE")
    sex, status = _column(ours, "KØN", "KOEN"), _column(ours, "FSTATUS")
    off_education, off_sex = _column(official, "UDDANNELSE"), _column(official, "KØN", "KOEN")
    if None in (area, education, sex, status, off_education, off_sex):
        return None
    frame = ours["frame"]
    national = frame[frame[area].str.zfill(3).eq("000") & frame[status].eq("B") & frame[sex].isin(["10", "TOT"])]
    mapped = national.pivot_table(index="TID", columns=education, values="INDHOLD", aggfunc="first")
    off = official["frame"]
    off = off[off[off_sex].isin(["TOT", "10"])].pivot_table(index="TID", columns=off_education, values="INDHOLD",
                                                             aggfunc="first")
    years = sorted(set(mapped.index) & set(off.index))
    if not years:
        return None
    year = years[-1]
    rows = []
    for code, level in STEM_LEVEL_CODES.items():
        fields = [c for c in stem_h_codes(level=level) if c in mapped.columns]
        values = [mapped.at[year, c] for c in fields]
        workspace = sum(values) if fields and not any(pd.isna(v) for v in values) else float("nan")
        rows.append({"level": level, "year": int(year), "workspace": workspace,
                     "official": off.at[year, code] if code in off.columns else float("nan")})
    table = pd.DataFrame(rows)
    if table[["workspace", "official"]].notna().all().all():
        table.loc[len(table)] = {"level": "higher", "year": int(year), "workspace": table["workspace"].sum(),
                                 "official": table["official"].sum()}
    table["difference_percent"] = 100.0 * (table["workspace"] - table["official"]) / table["official"]
    return table[table["level"].isin([*HIGHER, "higher"])].reset_index(drop=True)


def _english(value: float, unit: str, *, signed: bool = False) -> str:
    """A number as the console line shows it: English separators, at most one decimal, an en dash when missing."""
    if pd.isna(value):
        return "–"
    text = f"{abs(value):,.0f}" if float(value).is_integer() else f"{abs(value):,.1f}"
    sign = "−" if value < 0 else "+" if signed and value > 0 else ""
    return f"{sign}{text}%" if unit == "percent" else f"{sign}{text} people"


def stem_check_lines(folder: Path | None = None) -> list[str]:
    """Return the check as lines for ``make data`` (empty when UDDAKT10 or LIGEUB6 is not cached).

    The report shows the same check as a table (:func:`stemlib.report.sections.sources.stem_check_table`).
    """
    table = stem_check(folder)
    if table is None or table.empty:
        return []
    lines = [f"STEM check, whole country, students enrolled 1 October {table['year'].iloc[0]}: the workspace's H-code "
             "mapping on UDDAKT10 against Statistics Denmark's STEM split (LIGEUB6 H40A ... H80A)"]
    for r in table.itertuples():
        lines.append(f"  {r.level:<9} workspace {_english(r.workspace, 'persons'):>12}   "
                     f"official {_english(r.official, 'persons'):>12}   "
                     f"difference {_english(r.difference_percent, 'percent', signed=True)}")
    return lines
