"""UDDAKT10: intake and completions by area, level and sex, and STEM shares under the H-code mapping.

Intake (FSTATUS T) and completions (F) by area, level and sex; STEM counts by the H-code mapping.
Levels are the 3-character codes H40-H80; STEM sums use only 5-character fields (one level). Status
B (enrolled 1 October) is fetched for the national check against LIGEUB6 (statbank/stem_check.py),
not turned into rows.
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.classifications import h_codes, stem_h_codes

from ..shape import Shape
from .common import (HIGHER, LEVELS, SEX_CODES, Recipe, cached_columns, checked_areas, finish_rows, is_area,
                     other_variables_at_total, sex_variable, strict_sum)


def _uddakt10_vars(shape: Shape):
    return (shape.var("BOPOMR", "OMRÅDE", having="081"), shape.var("UDDANNELSE", having="H8059"), *sex_variable(shape),
            shape.var("FSTATUS", having="F"))


def _uddakt10_query(shape: Shape) -> dict[str, list[str]]:
    area, education, sex, sex_total, status = _uddakt10_vars(shape)
    levels = shape.need(education, *LEVELS)
    fields = shape.some(education, [c for c in h_codes() if len(c) == 5], "5-character fields from h_codes.csv")
    shape.some(education, stem_h_codes(), "STEM fields from h_codes.csv")
    return {area["id"]: checked_areas(shape, area, with_municipalities=True), education["id"]: levels + fields,
            sex["id"]: [sex_total, "M", "K"], status["id"]: shape.need(status, "T", "F", "B"),
            **other_variables_at_total(shape, [area, education, sex, status]), shape.time()["id"]: [">=2011"]}


def _uddakt10_observations(frame: pd.DataFrame, shape: Shape) -> pd.DataFrame:
    area, education, sex, _, status = _uddakt10_vars(shape)
    cols = cached_columns(shape, frame, area=area, education=education, sex=sex, status=status)
    rows = frame[frame[cols["status"]].isin(["T", "F"]) & is_area(frame[cols["area"]])]
    wide = rows.pivot_table(index=[cols["area"], "TID", cols["sex"], cols["status"]], columns=cols["education"],
                            values="INDHOLD", aggfunc="first", dropna=False)
    names = {"T": ("stem_intake", "intake_all_fields", "stem_share_of_intake"),
             "F": ("stem_completions", "completions_all_fields", "stem_share_of_completions")}
    totals = {level: wide[code] for code, level in LEVELS.items() if code in wide.columns}
    stems = {}
    for level in HIGHER:
        fields = [c for c in stem_h_codes(level=level) if c in wide.columns]
        if fields:
            stems[level] = strict_sum(wide, fields)
    # "higher" only when every level is there: a sum over some levels would look like all of higher education.
    if len(totals) == len(HIGHER):
        totals["higher"] = strict_sum(pd.DataFrame(totals), list(HIGHER))
    if len(stems) == len(HIGHER):
        stems["higher"] = strict_sum(pd.DataFrame(stems), list(HIGHER))
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
    return finish_rows(out[["indicator", "region", "year", "sex", "level", "value", "unit"]])


RECIPE = Recipe("UDDAKT10", "Intake and completions by area, level and sex; STEM shares (H-code mapping)",
                _uddakt10_query, _uddakt10_observations)
