"""GENMF10: dropout within one year from higher STEM programmes, whole country, by sex.

Dropout within one year (STAT 3) of the cohort (STAT TOT) starting a higher STEM programme, whole
country. A cohort whose 1-year status is mostly unknown (STAT 4 "no 1-year status" over half of it:
the newest starting year, not yet followed for a year) gives no figure, rather than a dropout rate
near 0. STARTUD's STEM codes are its 7-character programmes (one level) under H40-H80 whose last two
digits are a STEM field of the same level in h_codes.csv (H808059 -> H8059 technical science).
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.classifications import stem_h_codes

from ..shape import Shape, StructureMismatch, codes
from .common import (LEVELS, SEX_CODES, Recipe, cached_columns, observation_row, other_variables_at_total,
                     percent_share, sex_variable)


def genmf10_stem_codes(education: dict) -> list[str]:
    """Return the 7-character STARTUD programmes counted as STEM under the H-code mapping."""
    stem = {(c[:3], c[3:5]) for c in stem_h_codes()}
    return [c for c in codes(education) if len(c) == 7 and c[:3] in LEVELS and (c[:3], c[5:7]) in stem]


def _genmf10_vars(shape: Shape):
    return shape.var("STARTUD", having="H80"), shape.var("STAT", having="7"), *sex_variable(shape)


def _genmf10_query(shape: Shape) -> dict[str, list[str]]:
    education, status, sex, sex_total = _genmf10_vars(shape)
    stem = genmf10_stem_codes(education)
    if not stem:
        name = "STARTUD" if education["id"] == "STARTUD" else f"STARTUD (read from {education['id']})"
        raise StructureMismatch(shape.table, name, "7-character STEM programmes under H40-H80 (e.g. "
                                "H808059)", f"codes {', '.join(codes(education)[:8])}")
    return {education["id"]: stem, status["id"]: shape.need(status, "TOT", "3", "4"), sex["id"]: [sex_total, "M", "K"],
            **other_variables_at_total(shape, [education, status, sex]), shape.time()["id"]: [">=2008"]}


def _genmf10_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    education, status, sex, _ = _genmf10_vars(shape)
    cols = cached_columns(shape, frame, education=education, status=status, sex=sex)
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
        share = percent_share(dropped.sum(), cohort.sum())
        if share is not None and sex_code in SEX_CODES:
            out.append(observation_row("stem_first_year_dropout", "000", year, SEX_CODES[sex_code], "higher", share,
                                       "percent"))
    return out


RECIPE = Recipe("GENMF10", "Dropout within one year from higher STEM programmes, whole country, by sex",
                _genmf10_query, _genmf10_observations)
