"""LIGEUB6: Statistics Denmark's own count of students in higher STEM education, by sex and level.

DST's own STEM split of higher education. Students: TOTS by sex (KØN total is TOT here). H40A ...
H80A are fetched for the level-by-level comparison with the workspace's mapping
(statbank/stem_check.py).
"""

from __future__ import annotations

import pandas as pd

from ..shape import Shape
from .common import (SEX_CODES, Recipe, cached_columns, observation_row, other_variables_at_total, percent_share,
                     sex_variable)


STEM_LEVEL_CODES = {"H40A": "kvu", "H50A": "mvu", "H60A": "bachelor", "H70A": "lvu", "H80A": "phd"}


def _ligeub6_vars(shape: Shape):
    return (shape.var("UDDANNELSE", having="TOTS"), *sex_variable(shape))


def _ligeub6_query(shape: Shape) -> dict[str, list[str]]:
    education, sex, sex_total = _ligeub6_vars(shape)
    return {education["id"]: shape.need(education, "TOTS", *STEM_LEVEL_CODES), sex["id"]: [sex_total, "M", "K"],
            **other_variables_at_total(shape, [education, sex]), shape.time()["id"]: ["*"]}


def _ligeub6_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    education, sex, sex_total = _ligeub6_vars(shape)
    cols = cached_columns(shape, frame, education=education, sex=sex)
    rows = frame[frame[cols["education"]] == "TOTS"]
    out = []
    for year, group in rows.groupby("TID"):
        by_sex = dict(zip(group[cols["sex"]], group["INDHOLD"]))
        for code, value in by_sex.items():
            if code in SEX_CODES and not pd.isna(value):
                out.append(observation_row("stem_students", "000", year, SEX_CODES[code], "higher", value, "persons"))
        share = percent_share(by_sex.get("K"), by_sex.get(sex_total))
        if share is not None:
            out.append(observation_row("women_share_of_stem_students", "000", year, "total", "higher", share,
                                       "percent"))
    return out


RECIPE = Recipe("LIGEUB6", "Students in higher STEM education by sex, whole country", _ligeub6_query,
                _ligeub6_observations)
