"""Recipes: which StatBank query to make for each table, and how its rows become observations.

The tables' variable ids and codes are read from ``tableinfo`` at fetch time
(by id where statbank.md documents it, else by the codes a variable holds),
because no machine here could check them against the live API. Every derived
figure says so in its locator; shares are computed only from present cells,
and a missing cell gives no figure (never 0).

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

from ..classifications import dun_subject_areas, h_codes, stem_h_codes
from ..regions import REGIONS

SEX_CODES = {"10": "total", "TOT": "total", "M": "men", "K": "women"}
LEVEL_PREFIX = {"H30": "eud", "H40": "kvu", "H50": "mvu", "H60": "bachelor", "H70": "lvu", "H80": "phd"}
HIGHER = ("kvu", "mvu", "bachelor", "lvu", "phd")
TOTAL_TEXT = re.compile(r"^(total|i alt|all |alle |in total)|, (i alt|total)$", re.IGNORECASE)


# ---------------------------------------------------------------- finding variables and codes in tableinfo

def variable(info: dict, *ids: str, having: str | None = None) -> dict | None:
    """Return the variable with one of ``ids`` (any case), else the first holding the code ``having``."""
    wanted = {i.upper() for i in ids}
    for var in info["variables"]:
        if var["id"].upper() in wanted:
            return var
    if having is not None:
        for var in info["variables"]:
            if any(v["id"] == having for v in var["values"]):
                return var
    return None


def codes(var: dict) -> list[str]:
    """Return a variable's value codes."""
    return [v["id"] for v in var["values"]]


def total_code(var: dict) -> str | None:
    """Return the code meaning "all" in a variable (TOT, IALT, 10 for sex, or a label saying total)."""
    for value in var["values"]:
        if value["id"].upper() in {"TOT", "TOTAL", "IALT"} or TOTAL_TEXT.search(value["text"].strip()):
            return value["id"]
    return None


def region_codes(var: dict) -> list[str]:
    """Return the region and country codes a variable holds (``0`` and ``000`` both mean the country)."""
    return [c for c in codes(var) if c.zfill(3) in REGIONS]


def sex_codes(var: dict) -> list[str]:
    """Return the sex codes a variable holds (10 or TOT for total, M, K)."""
    return [c for c in codes(var) if c in SEX_CODES]


def _time_var(info: dict) -> dict:
    return next(v for v in info["variables"] if v.get("time"))


def _rest(info: dict, handled: list[dict]) -> dict[str, list[str]]:
    """Every variable the recipe does not use: its total, or left out when StatBank may eliminate it."""
    query = {}
    ids = {v["id"] for v in handled}
    for var in info["variables"]:
        if var["id"] in ids or var.get("time"):
            continue
        total = total_code(var)
        if total is not None:
            query[var["id"]] = [total]
        elif not var.get("elimination"):
            query[var["id"]] = [codes(var)[0]]
    return query


# ---------------------------------------------------------------- recipes

@dataclass(frozen=True)
class Recipe:
    """How to query one table and turn its rows into observations."""

    table: str
    description: str
    query: Callable[[dict], dict[str, list[str]]]
    observations: Callable[[pd.DataFrame, dict], list[dict]]


def _row(indicator, region, year, sex, level, value, unit, breakdown="all"):
    return {"indicator": indicator, "region": str(region).zfill(3), "year": int(year), "sex": sex, "level": level,
            "breakdown": breakdown, "value": round(float(value), 4), "unit": unit, "qualifier": "", "flag": ""}


def _share(part: float, whole: float) -> float | None:
    if pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    return 100.0 * part / whole


# UDDAKT10: intake and completions by region, level and sex; STEM shares and women's share of STEM.

def _uddakt10_query(info: dict) -> dict[str, list[str]]:
    region = variable(info, "BOPOMR", "OMRÅDE", "BOPREG", having="081")
    education = variable(info, "UDDANNELSE", having="H40")
    sex = variable(info, "KØN", "KOEN", having="M")
    status = variable(info, "FSTATUS", having="F")
    present = set(codes(education))
    wanted = [c for c in LEVEL_PREFIX if c in present] + [c for c in stem_h_codes() if c in present]
    return {region["id"]: region_codes(region), education["id"]: wanted, sex["id"]: sex_codes(sex),
            status["id"]: [c for c in ("T", "F") if c in codes(status)], **_rest(info, [region, education, sex, status]),
            _time_var(info)["id"]: [">=2011"]}


def _uddakt10_observations(frame: pd.DataFrame, info: dict) -> list[dict]:
    cols = _columns(frame, info, region=("BOPOMR", "OMRÅDE", "BOPREG"), education=("UDDANNELSE",), sex=("KØN", "KOEN"),
                    status=("FSTATUS",))
    stem = {c: h_codes()[c].level for c in stem_h_codes()}
    out = []
    for (region, year, sex, status), group in frame.groupby([cols["region"], "TID", cols["sex"], cols["status"]]):
        values = dict(zip(group[cols["education"]], group["INDHOLD"]))
        kind = {"T": ("stem_intake", "intake_all_fields", "stem_share_of_intake"),
                "F": ("stem_completions", "completions_all_fields", "stem_share_of_completions")}[status]
        sex_name = SEX_CODES[sex]
        totals = {LEVEL_PREFIX[c]: values.get(c) for c in LEVEL_PREFIX if c in values}
        stem_sums = {}
        for level in (*HIGHER,):
            parts = [values[c] for c, lvl in stem.items() if lvl == level and c in values]
            if parts and not any(pd.isna(p) for p in parts):
                stem_sums[level] = sum(parts)
        if all(level in stem_sums for level in HIGHER):
            stem_sums["higher"] = sum(stem_sums[level] for level in HIGHER)
        if all(level in totals and not pd.isna(totals[level]) for level in HIGHER):
            totals["higher"] = sum(totals[level] for level in HIGHER)
        for level, total in totals.items():
            if not pd.isna(total):
                out.append(_row(kind[1], region, year, sex_name, level, total, "persons"))
        for level, count in stem_sums.items():
            out.append(_row(kind[0], region, year, sex_name, level, count, "persons"))
            share = _share(count, totals.get(level))
            if share is not None:
                out.append(_row(kind[2], region, year, sex_name, level, share, "percent"))
    frame_out = pd.DataFrame(out)
    if not frame_out.empty:  # women's share of STEM intake and completions, from the women and total rows
        for indicator, women_indicator in (("stem_intake", "women_share_of_stem_intake"),
                                           ("stem_completions", "women_share_of_stem_completions")):
            counts = frame_out[frame_out["indicator"] == indicator]
            women = counts[counts["sex"] == "women"].set_index(["region", "year", "level"])["value"]
            total = counts[counts["sex"] == "total"].set_index(["region", "year", "level"])["value"]
            for key, value in women.items():
                share = _share(value, total.get(key))
                if share is not None:
                    out.append(_row(women_indicator, key[0], key[1], "total", key[2], share, "percent"))
    return out


# UDDAKT30: HTX share of upper-secondary students and women's share of HTX.

def _htx_code(var: dict) -> str:
    return next(v["id"] for v in var["values"] if re.search(r"\bhtx\b", v["text"], re.IGNORECASE))


def _uddakt30_query(info: dict) -> dict[str, list[str]]:
    education = variable(info, "UDDANNELSE", "UDD")
    region = variable(info, "BOPREG", "BOPOMR", "OMRÅDE", having="081")
    sex = variable(info, "KØN", "KOEN", having="M")
    status = variable(info, "FSTATUS", having="B")
    wanted = [c for c in (total_code(education), _htx_code(education)) if c]
    return {education["id"]: wanted, region["id"]: region_codes(region), sex["id"]: sex_codes(sex),
            status["id"]: ["B"], **_rest(info, [education, region, sex, status]), _time_var(info)["id"]: [">=2011"]}


def _uddakt30_observations(frame: pd.DataFrame, info: dict) -> list[dict]:
    education = variable(info, "UDDANNELSE", "UDD")
    cols = _columns(frame, info, region=("BOPREG", "BOPOMR", "OMRÅDE"), education=("UDDANNELSE", "UDD"),
                    sex=("KØN", "KOEN"))
    htx, total = _htx_code(education), total_code(education)
    out = []
    for (region, year), group in frame.groupby([cols["region"], "TID"]):
        cell = {(e, s): v for e, s, v in zip(group[cols["education"]], group[cols["sex"]], group["INDHOLD"])}
        all_sex = next((s for s in ("10", "TOT") if (htx, s) in cell), None)
        if all_sex is None:
            continue
        share = _share(cell.get((htx, all_sex)), cell.get((total, all_sex)))
        if share is not None:
            out.append(_row("htx_share_of_upper_secondary", region, year, "total", "htx", share, "percent"))
        women = _share(cell.get((htx, "K")), cell.get((htx, all_sex)))
        if women is not None:
            out.append(_row("women_share_htx", region, year, "total", "htx", women, "percent"))
    return out


# VEU20: adult and continuing education participants, STEM areas and all areas, by region and sex.

def _stem_area_codes(var: dict) -> list[str]:
    names = {name.casefold() for area in dun_subject_areas().values() for name in (area.name_da, area.name_en)}
    return [v["id"] for v in var["values"] if v["text"].strip().casefold() in names]


def _veu20_query(info: dict) -> dict[str, list[str]]:
    area = variable(info, "FUDDOMR")
    region = variable(info, "OMRÅDE", "BOPOMR", having="081")
    sex = variable(info, "KØN", "KOEN", having="M")
    measure = variable(info, "OVERNAT1")
    timing = variable(info, "TIDSPUNKTER")
    return {measure["id"]: ["11"], timing["id"]: ["11"], area["id"]: [total_code(area), *_stem_area_codes(area)],
            region["id"]: region_codes(region), sex["id"]: sex_codes(sex),
            **_rest(info, [area, region, sex, measure, timing]), _time_var(info)["id"]: [">=2011"]}


def _veu20_observations(frame: pd.DataFrame, info: dict) -> list[dict]:
    area_var = variable(info, "FUDDOMR")
    cols = _columns(frame, info, region=("OMRÅDE", "BOPOMR"), area=("FUDDOMR",), sex=("KØN", "KOEN"))
    total, stem = total_code(area_var), set(_stem_area_codes(area_var))
    out = []
    for (region, year, sex), group in frame.groupby([cols["region"], "TID", cols["sex"]]):
        values = dict(zip(group[cols["area"]], group["INDHOLD"]))
        if total in values and not pd.isna(values[total]):
            out.append(_row("veu_participants", region, year, SEX_CODES[sex], "veu", values[total], "persons", "area:all"))
        parts = [values[c] for c in stem if c in values]
        if stem and len(parts) == len(stem) and not any(pd.isna(p) for p in parts):
            out.append(_row("veu_participants", region, year, SEX_CODES[sex], "veu", sum(parts), "persons", "area:stem"))
    frame_out = pd.DataFrame(out)
    if not frame_out.empty:
        base = frame_out[frame_out["year"] == 2011].set_index(["region", "sex", "breakdown"])["value"]
        for row in frame_out.itertuples():
            start = base.get((row.region, row.sex, row.breakdown))
            if start and row.sex == "total":
                out.append(_row("veu_participants_index_2011", row.region, row.year, "total", "veu",
                                100.0 * row.value / start, "index", row.breakdown))
    return out


# GENMF10: dropout within one year from higher STEM educations, whole country, by sex.

def _genmf10_query(info: dict) -> dict[str, list[str]]:
    education = variable(info, "UDDANNELSE", having="H70")
    status = variable(info, "STAT", "STATUS", having="TOT")
    sex = variable(info, "KØN", "KOEN", having="M")
    present = set(codes(education))
    return {education["id"]: [c for c in stem_h_codes() if c in present], status["id"]: ["TOT", "3"],
            sex["id"]: sex_codes(sex), **_rest(info, [education, status, sex]), _time_var(info)["id"]: [">=2008"]}


def _genmf10_observations(frame: pd.DataFrame, info: dict) -> list[dict]:
    cols = _columns(frame, info, education=("UDDANNELSE",), status=("STAT", "STATUS"), sex=("KØN", "KOEN"))
    out = []
    for (year, sex), group in frame.groupby(["TID", cols["sex"]]):
        cohort = group[group[cols["status"]] == "TOT"]["INDHOLD"]
        dropped = group[group[cols["status"]] == "3"]["INDHOLD"]
        if cohort.isna().any() or dropped.isna().any() or cohort.empty:
            continue
        share = _share(dropped.sum(), cohort.sum())
        if share is not None:
            out.append(_row("stem_first_year_dropout", "000", year, SEX_CODES[sex], "higher", share, "percent"))
    return out


# LIGEUB6 and LIGEUI6: DST's own national STEM gender split of higher education.

def _ligeub6_query(info: dict) -> dict[str, list[str]]:
    education = variable(info, "UDDANNELSE", having="TOTS")
    sex = variable(info, "KØN", "KOEN", having="M")
    return {education["id"]: ["TOTS"], sex["id"]: sex_codes(sex), **_rest(info, [education, sex]),
            _time_var(info)["id"]: ["*"]}


def _ligeub6_observations(frame: pd.DataFrame, info: dict) -> list[dict]:
    cols = _columns(frame, info, sex=("KØN", "KOEN"))
    out = []
    for year, group in frame.groupby("TID"):
        by_sex = dict(zip(group[cols["sex"]], group["INDHOLD"]))
        for code, value in by_sex.items():
            if not pd.isna(value):
                out.append(_row("stem_students", "000", year, SEX_CODES[code], "higher", value, "persons"))
        whole = next((by_sex[c] for c in ("10", "TOT") if c in by_sex), None)
        if whole is None and "M" in by_sex and "K" in by_sex:
            whole = by_sex["M"] + by_sex["K"]
        share = _share(by_sex.get("K"), whole)
        if share is not None:
            out.append(_row("women_share_of_stem_students", "000", year, "total", "higher", share, "percent"))
    return out


def _ligeui6_query(info: dict) -> dict[str, list[str]]:
    indicator = variable(info, "INDIKATOR", having="LA1")
    return {indicator["id"]: ["LA1", "LA2", "LA3"], **_rest(info, [indicator]), _time_var(info)["id"]: ["*"]}


def _ligeui6_observations(frame: pd.DataFrame, info: dict) -> list[dict]:
    column = variable(info, "INDIKATOR", having="LA1")["id"].upper()
    meaning = {"LA1": ("stem_share_of_higher_students", "men", "percent"),
               "LA2": ("stem_share_of_higher_students", "women", "percent"),
               "LA3": ("stem_share_gender_gap", "total", "pp")}
    return [_row(meaning[code][0], "000", year, meaning[code][1], "higher", value, meaning[code][2])
            for code, year, value in zip(frame[column], frame["TID"], frame["INDHOLD"])
            if code in meaning and not pd.isna(value)]


def _columns(frame: pd.DataFrame, info: dict, **wanted: tuple[str, ...]) -> dict[str, str]:
    """Map each role to its column in the CSV (upper-case variable ids)."""
    found = {}
    for role, ids in wanted.items():
        var = variable(info, *ids)
        if var is None or var["id"].upper() not in frame.columns:
            raise KeyError(f"column for {role} ({'/'.join(ids)}) not in {list(frame.columns)}")
        found[role] = var["id"].upper()
    return found


RECIPES: dict[str, Recipe] = {r.table: r for r in (
    Recipe("UDDAKT10", "Intake and completions by region, level and sex; STEM shares (H-code mapping)",
           _uddakt10_query, _uddakt10_observations),
    Recipe("UDDAKT30", "HTX share of upper-secondary students and women's share of HTX by region",
           _uddakt30_query, _uddakt30_observations),
    Recipe("VEU20", "Adult and continuing education participants by region and sex, STEM areas and all areas",
           _veu20_query, _veu20_observations),
    Recipe("GENMF10", "Dropout within one year from higher STEM educations, whole country, by sex",
           _genmf10_query, _genmf10_observations),
    Recipe("LIGEUB6", "Students in higher STEM education by sex, whole country", _ligeub6_query,
           _ligeub6_observations),
    Recipe("LIGEUI6", "STEM gender indicator for higher education, whole country", _ligeui6_query,
           _ligeui6_observations),
)}


def observations_from_entry(entry: dict) -> pd.DataFrame:
    """Turn one cache entry into observations with source and locator."""
    recipe = RECIPES.get(entry["table"])
    if recipe is None:
        return pd.DataFrame()
    info = {"variables": [{"id": var, "values": [{"id": c, "text": t} for c, t in labels.items()],
                           "time": var.upper() == "TID", "elimination": True}
                          for var, labels in entry["labels"].items()]}
    rows = recipe.observations(entry["frame"], info)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    query = json.dumps(entry["query"], ensure_ascii=False, separators=(",", ":"))
    frame["source"] = f"statbank_{entry['table'].lower()}"
    frame["locator"] = (f"StatBank {entry['table']} {query}; own calculation; updated {str(entry['updated'])[:10]}, "
                        f"retrieved {str(entry['retrieved'])[:10]}")
    return frame


def cached_statbank_observations(folder: Path) -> pd.DataFrame:
    """Return the observations from every cached StatBank table in ``folder``."""
    from .cache import read_entry

    frames = [observations_from_entry(read_entry(path)) for path in sorted(Path(folder).glob("*.json"))]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
