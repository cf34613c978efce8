"""Recipes: which StatBank query to make for each table, and how its rows become observations.

Each recipe follows the table's real structure (../shared/data/statbank_tables.md):
variables by their real ids (with a content-based fallback), every hierarchy
filtered to ONE level before anything is summed, every measurement selector
fixed, and every denominator named. When ``tableinfo`` (at fetch time) or a
cache entry (at load time) does not match, the recipe raises
:class:`~stemlib.statbank.shape.StructureMismatch`, which names the table, the
variable, what was expected and what was found; the caller keeps the previous
cache and goes on with the other tables.

Shares are computed only from present cells; a missing cell gives no figure
(never 0). Rows for the 98 municipalities that UDDAKT10 and VEU20 return are
kept (region codes ``101`` ... ``860``), ready for municipal reports; region
comparisons select the five regions and the country explicitly.

Source ids are ``statbank_<table>`` (rows in data/sources.csv); the locator
holds the query and the table's updated and retrieved dates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..classifications import h_codes, stem_h_codes, stem_veu_codes, veu_areas
from ..regions import REGIONS
from .shape import Shape, StructureMismatch, area_codes, area_kind, codes

SEX_CODES = {"10": "total", "TOT": "total", "M": "men", "K": "women"}
#: The higher-education levels of UDDAKT10's 3-character UDDANNELSE codes (they sum to TOT with H10-H35).
LEVELS = {"H40": "kvu", "H50": "mvu", "H60": "bachelor", "H70": "lvu", "H80": "phd"}
HIGHER = tuple(LEVELS.values())
TOTAL_IDS = {"TOT", "TOTAL", "IALT", "0000"}
TOTAL_TEXT = re.compile(r"^(total|i alt|all |alle |in total)|, (i alt|total)$", re.IGNORECASE)
#: Format of the cache files these recipes read; older files are skipped with a warning until `make data` runs.
RECIPE_VERSION = 2


def total_code(var: dict) -> str | None:
    """Return the code meaning "all" in a variable (TOT, IALT, 0000, or a label saying total)."""
    for value in var["values"]:
        if value["id"].upper() in TOTAL_IDS or TOTAL_TEXT.search(value["text"].strip()):
            return value["id"]
    return None


def _rest(shape: Shape, handled: list[dict]) -> dict[str, list[str]]:
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


def _sex(shape: Shape) -> tuple[dict, str]:
    sex = shape.var("KØN", "KOEN", having="K")
    total = shape.one_of(sex, "10", "TOT")
    shape.need(sex, "M", "K")
    return sex, total


def _areas(shape: Shape, var: dict, *, with_municipalities: bool) -> list[str]:
    found = area_codes(var, with_municipalities=with_municipalities)
    have = {c.zfill(3) for c in found}
    missing = [c for c in REGIONS if c not in have]
    if missing:
        raise StructureMismatch(shape.table, var["id"], "the country and the five regions (000, 081-085)",
                                f"codes {', '.join(codes(var)[:8])} (lacking {', '.join(missing)})")
    return found


def _columns(shape: Shape, frame: pd.DataFrame, **roles: dict) -> dict[str, str]:
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


def _is_area(column: pd.Series) -> pd.Series:
    """Tell which rows are the country, a region or a municipality (not 996/998/999 or a landsdel)."""
    kinds = {code: area_kind(code) is not None for code in column.unique()}
    return column.map(kinds).astype(bool)


def _row(indicator, region, year, sex, level, value, unit, breakdown="all"):
    return {"indicator": indicator, "region": str(region).zfill(3), "year": int(year), "sex": sex, "level": level,
            "breakdown": breakdown, "value": round(float(value), 4), "unit": unit, "qualifier": "", "flag": ""}


def _share(part, whole) -> float | None:
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    return 100.0 * part / whole


def _strict_sum(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
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


# ---------------------------------------------------------------- UDDAKT10
# Intake (FSTATUS T) and completions (F) by area, level and sex; STEM counts by the H-code mapping.
# Levels are the 3-character codes H40-H80; STEM sums use only 5-character fields (one level). Status B
# (enrolled 1 October) is fetched for the national check against LIGEUB6 (stem_check.py), not turned into rows.

def _uddakt10_vars(shape: Shape):
    return (shape.var("BOPOMR", "OMRÅDE", having="081"), shape.var("UDDANNELSE", having="H8059"), *_sex(shape),
            shape.var("FSTATUS", having="F"))


def _uddakt10_query(shape: Shape) -> dict[str, list[str]]:
    area, education, sex, sex_total, status = _uddakt10_vars(shape)
    levels = shape.need(education, *LEVELS)
    fields = shape.some(education, [c for c in h_codes() if len(c) == 5], "5-character fields from h_codes.csv")
    shape.some(education, stem_h_codes(), "STEM fields from h_codes.csv")
    return {area["id"]: _areas(shape, area, with_municipalities=True), education["id"]: levels + fields,
            sex["id"]: [sex_total, "M", "K"], status["id"]: shape.need(status, "T", "F", "B"),
            **_rest(shape, [area, education, sex, status]), shape.time()["id"]: [">=2011"]}


def _uddakt10_observations(frame: pd.DataFrame, shape: Shape) -> pd.DataFrame:
    area, education, sex, _, status = _uddakt10_vars(shape)
    cols = _columns(shape, frame, area=area, education=education, sex=sex, status=status)
    rows = frame[frame[cols["status"]].isin(["T", "F"]) & _is_area(frame[cols["area"]])]
    wide = rows.pivot_table(index=[cols["area"], "TID", cols["sex"], cols["status"]], columns=cols["education"],
                            values="INDHOLD", aggfunc="first", dropna=False)
    names = {"T": ("stem_intake", "intake_all_fields", "stem_share_of_intake"),
             "F": ("stem_completions", "completions_all_fields", "stem_share_of_completions")}
    totals = {level: wide[code] for code, level in LEVELS.items() if code in wide.columns}
    stems = {}
    for level in HIGHER:
        fields = [c for c in stem_h_codes(level=level) if c in wide.columns]
        if fields:
            stems[level] = _strict_sum(wide, fields)
    # "higher" only when every level is there: a sum over some levels would look like all of higher education.
    if len(totals) == len(HIGHER):
        totals["higher"] = _strict_sum(pd.DataFrame(totals), list(HIGHER))
    if len(stems) == len(HIGHER):
        stems["higher"] = _strict_sum(pd.DataFrame(stems), list(HIGHER))
    # Vectorised: with 98 municipalities and 14 years this is some 170,000 figures, built in every report's kernel.
    keys = wide.index.to_frame(index=False)
    keys.columns = ["region", "year", "sex_code", "status"]
    blocks = []
    for level in [*HIGHER, "higher"]:
        block = keys.copy()
        block["level"] = level
        block["total"] = totals[level].to_numpy() if level in totals else float("nan")
        block["stem"] = stems[level].to_numpy() if level in stems else float("nan")
        blocks.append(block)
    long = pd.concat(blocks, ignore_index=True)
    long = long[long["sex_code"].isin(list(SEX_CODES))].assign(sex=lambda f: f["sex_code"].map(SEX_CODES))
    parts = []
    for position, unit, value in ((1, "persons", long["total"]), (0, "persons", long["stem"]),
                                  (2, "percent", 100.0 * long["stem"] / long["total"].where(long["total"] != 0))):
        chosen = long.assign(value=value).dropna(subset=["value"])
        chosen = chosen.assign(indicator=chosen["status"].map(lambda s, i=position: names[s][i]), unit=unit)
        parts.append(chosen)
    # Women's share of STEM intake and completions: women's STEM count over the STEM count of both sexes.
    counts = long.dropna(subset=["stem"])
    women = counts[counts["sex"] == "women"].set_index(["region", "year", "status", "level"])["stem"]
    both = counts[counts["sex"] == "total"].set_index(["region", "year", "status", "level"])["stem"]
    share = (100.0 * women / both.where(both != 0)).dropna().reset_index(name="value")
    share = share.assign(sex="total", unit="percent",
                         indicator=share["status"].map(lambda s: f"women_share_of_{names[s][0]}"))
    parts.append(share)
    out = pd.concat(parts, ignore_index=True)
    return _finish(out[["indicator", "region", "year", "sex", "level", "value", "unit"]])


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Give vectorised rows the observation columns ``_row`` gives single rows (breakdown ``all`` unless set)."""
    return frame.assign(region=frame["region"].astype(str).str.zfill(3), year=frame["year"].astype(int),
                        value=frame["value"].astype(float).round(4),
                        breakdown=frame["breakdown"] if "breakdown" in frame.columns else "all", qualifier="", flag="")


# ---------------------------------------------------------------- UDDAKT30
# HTX share of upper-secondary students = H202040 / H20 (TOT also holds the access courses H35), and women's
# share of HTX = H202040 women / H202040 total; students enrolled (FSTATUS B); both origin variables at TOT.

def _htx_code(shape: Shape, education: dict) -> str:
    if "H202040" in codes(education):
        return "H202040"
    # Fallback by content: the one 7-character programme whose label names htx.
    named = [v["id"] for v in education["values"] if len(v["id"]) == 7 and re.search(r"\bhtx\b", v["text"], re.I)]
    if len(named) == 1:
        return named[0]
    raise StructureMismatch(shape.table, education["id"], "code H202040 (htx)",
                            f"codes {', '.join(codes(education)[:8])}")


def _uddakt30_vars(shape: Shape):
    return (shape.var("UDDANNELSE", having="H20"), shape.var("BOPREG", "BOPOMR", "OMRÅDE", having="081"),
            *_sex(shape), shape.var("FSTATUS", having="B"))


def _uddakt30_query(shape: Shape) -> dict[str, list[str]]:
    education, region, sex, sex_total, status = _uddakt30_vars(shape)
    wanted = [*shape.need(education, "H20"), _htx_code(shape, education)]
    return {education["id"]: wanted, region["id"]: _areas(shape, region, with_municipalities=False),
            sex["id"]: [sex_total, "M", "K"], status["id"]: shape.need(status, "B"),
            **_rest(shape, [education, region, sex, status]), shape.time()["id"]: [">=2011"]}


def _uddakt30_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    education, region, sex, sex_total, status = _uddakt30_vars(shape)
    cols = _columns(shape, frame, education=education, region=region, sex=sex, status=status)
    htx = _htx_code(shape, education)
    rows = frame[(frame[cols["status"]] == "B") & _is_area(frame[cols["region"]])]
    cell = {(r, y, e, s): v for r, y, e, s, v in zip(rows[cols["region"]], rows["TID"], rows[cols["education"]],
                                                     rows[cols["sex"]], rows["INDHOLD"])}
    out = []
    for region_code, year in sorted({(r, y) for r, y, _, _ in cell}):
        share = _share(cell.get((region_code, year, htx, sex_total)), cell.get((region_code, year, "H20", sex_total)))
        if share is not None:
            out.append(_row("htx_share_of_upper_secondary", region_code, year, "total", "htx", share, "percent"))
        women = _share(cell.get((region_code, year, htx, "K")), cell.get((region_code, year, htx, sex_total)))
        if women is not None:
            out.append(_row("women_share_htx", region_code, year, "total", "htx", women, "percent"))
    return out


# ---------------------------------------------------------------- VEU20
# Course participants (OVERNAT1 11), calendar year (TIDSPUNKTER 11), all ages (ALDER 0000), by area and sex:
# all areas (FUDDOMR TOT) and STEM areas (the 5-character codes of codelists/veu_stem_codes.csv, one level).

def _veu20_vars(shape: Shape):
    return (shape.var("FUDDOMR", having="H39"), shape.var("BOPOMR", "OMRÅDE", having="081"), *_sex(shape),
            shape.var("OVERNAT1", having="13"), shape.var("TIDSPUNKTER", having="22"))


def _veu20_query(shape: Shape) -> dict[str, list[str]]:
    field, area, sex, sex_total, measure, timing = _veu20_vars(shape)
    stem = shape.some(field, stem_veu_codes(), "STEM areas from veu_stem_codes.csv")
    age = [v for v in shape.variables if v["id"].upper() == "ALDER"]
    fixed = {age[0]["id"]: shape.need(age[0], "0000")} if age else {}
    return {measure["id"]: shape.need(measure, "11"), timing["id"]: shape.need(timing, "11"),
            field["id"]: [*shape.need(field, "TOT"), *stem], area["id"]: _areas(shape, area, with_municipalities=True),
            sex["id"]: [sex_total, "M", "K"], **fixed,
            **_rest(shape, [field, area, sex, measure, timing, *age]), shape.time()["id"]: [">=2011"]}


def _veu20_notes(shape: Shape) -> list[str]:
    field = shape.var("FUDDOMR", having="H39")
    open_areas = [v for v in field["values"] if len(v["id"]) == 5 and v["id"][:3] in ("H30", "H39")
                  and v["id"] not in veu_areas()]
    if not open_areas:
        return []
    listed = "; ".join(f'{v["id"]} "{v["text"]}"' for v in open_areas[:12])
    more = f" and {len(open_areas) - 12} more" if len(open_areas) > 12 else ""
    return [f"VEU20: {len(open_areas)} vocational/AMU areas are not classified in stemlib/codelists/veu_stem_codes.csv "
            f"(add those that are STEM): {listed}{more}"]


def _veu20_observations(frame: pd.DataFrame, shape: Shape) -> pd.DataFrame | list:
    field, area, sex, _, measure, timing = _veu20_vars(shape)
    cols = _columns(shape, frame, field=field, area=area, sex=sex, measure=measure, timing=timing)
    rows = frame[(frame[cols["measure"]] == "11") & (frame[cols["timing"]] == "11")
                 & _is_area(frame[cols["area"]])]
    wide = rows.pivot_table(index=[cols["area"], "TID", cols["sex"]], columns=cols["field"], values="INDHOLD",
                            aggfunc="first", dropna=False)
    stem_columns = [c for c in stem_veu_codes() if c in wide.columns]
    keys = wide.index.to_frame(index=False)
    keys.columns = ["region", "year", "sex_code"]
    blocks = []
    for breakdown, values in (("area:all", wide["TOT"] if "TOT" in wide.columns else None),
                              ("area:stem", _strict_sum(wide, stem_columns) if stem_columns else None)):
        if values is not None:
            blocks.append(keys.assign(breakdown=breakdown, value=values.to_numpy()))
    if not blocks:
        return []
    long = pd.concat(blocks, ignore_index=True).dropna(subset=["value"])
    long = long[long["sex_code"].isin(list(SEX_CODES))]
    counts = long.assign(indicator="veu_participants", sex=long["sex_code"].map(SEX_CODES), level="veu",
                         unit="persons")
    # Index 2011 = 100 for both sexes together, where 2011 has a figure that is not zero.
    both = counts[counts["sex"] == "total"]
    base = both[both["year"].astype(int) == 2011].set_index(["region", "breakdown"])["value"]
    start = both.set_index(["region", "breakdown"]).index.map(base.to_dict()).to_numpy(dtype=float)
    index = both.assign(indicator="veu_participants_index_2011", unit="index",
                        value=100.0 * both["value"].to_numpy() / pd.Series(start).where(lambda v: v != 0).to_numpy())
    out = pd.concat([counts, index.dropna(subset=["value"])], ignore_index=True)
    columns = ["indicator", "region", "year", "sex", "level", "value", "unit", "breakdown"]
    return _finish(out[columns])


# ---------------------------------------------------------------- GENMF10
# Dropout within one year (STAT 3) of the cohort (STAT TOT) starting a higher STEM programme, whole country.
# A cohort whose 1-year status is mostly unknown (STAT 4 "no 1-year status" over half of it: the newest starting
# year, not yet followed for a year) gives no figure, rather than a dropout rate near 0.
# STARTUD's STEM codes are its 7-character programmes (one level) under H40-H80 whose last two digits are a
# STEM field of the same level in h_codes.csv (H808059 -> H8059 technical science).

def genmf10_stem_codes(education: dict) -> list[str]:
    """Return the 7-character STARTUD programmes counted as STEM under the H-code mapping."""
    stem = {(c[:3], c[3:5]) for c in stem_h_codes()}
    return [c for c in codes(education) if len(c) == 7 and c[:3] in LEVELS and (c[:3], c[5:7]) in stem]


def _genmf10_vars(shape: Shape):
    return shape.var("STARTUD", having="H80"), shape.var("STAT", having="7"), *_sex(shape)


def _genmf10_query(shape: Shape) -> dict[str, list[str]]:
    education, status, sex, sex_total = _genmf10_vars(shape)
    stem = genmf10_stem_codes(education)
    if not stem:
        name = "STARTUD" if education["id"] == "STARTUD" else f"STARTUD (read from {education['id']})"
        raise StructureMismatch(shape.table, name, "7-character STEM programmes under H40-H80 (e.g. "
                                "H808059)", f"codes {', '.join(codes(education)[:8])}")
    return {education["id"]: stem, status["id"]: shape.need(status, "TOT", "3", "4"), sex["id"]: [sex_total, "M", "K"],
            **_rest(shape, [education, status, sex]), shape.time()["id"]: [">=2008"]}


def _genmf10_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    education, status, sex, _ = _genmf10_vars(shape)
    cols = _columns(shape, frame, education=education, status=status, sex=sex)
    stem = set(genmf10_stem_codes(education))
    rows = frame[frame[cols["education"]].isin(stem)]
    out = []
    for (year, sex_code), group in rows.groupby(["TID", cols["sex"]]):
        cohort = group.loc[group[cols["status"]] == "TOT", "INDHOLD"]
        dropped = group.loc[group[cols["status"]] == "3", "INDHOLD"]
        unknown = group.loc[group[cols["status"]] == "4", "INDHOLD"]
        if cohort.empty or len(cohort) != len(dropped) or cohort.isna().any() or dropped.isna().any():
            continue
        if len(unknown) == len(cohort) and not unknown.isna().any() and unknown.sum() > cohort.sum() / 2:
            continue  # not yet followed for a year
        share = _share(dropped.sum(), cohort.sum())
        if share is not None and sex_code in SEX_CODES:
            out.append(_row("stem_first_year_dropout", "000", year, SEX_CODES[sex_code], "higher", share, "percent"))
    return out


# ---------------------------------------------------------------- LIGEUB6 and LIGEUI6
# DST's own STEM split of higher education. Students: TOTS by sex (KØN total is TOT here). H40A ... H80A
# are fetched for the level-by-level comparison with the workspace's mapping (stem_check.py).

STEM_LEVEL_CODES = {"H40A": "kvu", "H50A": "mvu", "H60A": "bachelor", "H70A": "lvu", "H80A": "phd"}


def _ligeub6_vars(shape: Shape):
    return (shape.var("UDDANNELSE", having="TOTS"), *_sex(shape))


def _ligeub6_query(shape: Shape) -> dict[str, list[str]]:
    education, sex, sex_total = _ligeub6_vars(shape)
    return {education["id"]: shape.need(education, "TOTS", *STEM_LEVEL_CODES), sex["id"]: [sex_total, "M", "K"],
            **_rest(shape, [education, sex]), shape.time()["id"]: ["*"]}


def _ligeub6_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    education, sex, sex_total = _ligeub6_vars(shape)
    cols = _columns(shape, frame, education=education, sex=sex)
    rows = frame[frame[cols["education"]] == "TOTS"]
    out = []
    for year, group in rows.groupby("TID"):
        by_sex = dict(zip(group[cols["sex"]], group["INDHOLD"]))
        for code, value in by_sex.items():
            if code in SEX_CODES and not pd.isna(value):
                out.append(_row("stem_students", "000", year, SEX_CODES[code], "higher", value, "persons"))
        share = _share(by_sex.get("K"), by_sex.get(sex_total))
        if share is not None:
            out.append(_row("women_share_of_stem_students", "000", year, "total", "higher", share, "percent"))
    return out


def _ligeui6_vars(shape: Shape):
    return shape.var("INDIKATOR", having="LA1"), shape.var("UDDANNELSE", having="H40")


def _ligeui6_query(shape: Shape) -> dict[str, list[str]]:
    indicator, education = _ligeui6_vars(shape)
    return {indicator["id"]: shape.need(indicator, "LA1", "LA2", "LA3"), education["id"]: shape.need(education, "TOT"),
            **_rest(shape, [indicator, education]), shape.time()["id"]: ["*"]}


def _ligeui6_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    indicator, education = _ligeui6_vars(shape)
    cols = _columns(shape, frame, indicator=indicator, education=education)
    meaning = {"LA1": ("stem_share_of_higher_students", "men", "percent"),
               "LA2": ("stem_share_of_higher_students", "women", "percent"),
               "LA3": ("stem_share_gender_gap", "total", "pp")}
    rows = frame[frame[cols["education"]] == "TOT"]  # rates: one level, never summed
    return [_row(meaning[code][0], "000", year, meaning[code][1], "higher", value, meaning[code][2])
            for code, year, value in zip(rows[cols["indicator"]], rows["TID"], rows["INDHOLD"])
            if code in meaning and not pd.isna(value)]


RECIPES: dict[str, Recipe] = {r.table: r for r in (
    Recipe("UDDAKT10", "Intake and completions by area, level and sex; STEM shares (H-code mapping)",
           _uddakt10_query, _uddakt10_observations),
    Recipe("UDDAKT30", "HTX share of upper-secondary students (H202040 / H20) and women's share of HTX by region",
           _uddakt30_query, _uddakt30_observations),
    Recipe("VEU20", "Adult education participants (calendar year) by area and sex, all areas and STEM areas",
           _veu20_query, _veu20_observations, _veu20_notes),
    Recipe("GENMF10", "Dropout within one year from higher STEM programmes, whole country, by sex",
           _genmf10_query, _genmf10_observations),
    Recipe("LIGEUB6", "Students in higher STEM education by sex, whole country", _ligeub6_query,
           _ligeub6_observations),
    Recipe("LIGEUI6", "STEM gender indicator for higher education, whole country", _ligeui6_query,
           _ligeui6_observations),
)}


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
    from .cache import read_entry

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
