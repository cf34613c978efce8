"""LIGEUI6: Statistics Denmark's STEM gender indicator for higher education, whole country."""

from __future__ import annotations

import pandas as pd

from ..shape import Shape
from .common import Recipe, cached_columns, observation_row, other_variables_at_total


def _ligeui6_vars(shape: Shape):
    return shape.var("INDIKATOR", having="LA1"), shape.var("UDDANNELSE", having="H40")


def _ligeui6_query(shape: Shape) -> dict[str, list[str]]:
    indicator, education = _ligeui6_vars(shape)
    return {indicator["id"]: shape.need(indicator, "LA1", "LA2", "LA3"), education["id"]: shape.need(education, "TOT"),
            **other_variables_at_total(shape, [indicator, education]), shape.time()["id"]: ["*"]}


def _ligeui6_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    indicator, education = _ligeui6_vars(shape)
    cols = cached_columns(shape, frame, indicator=indicator, education=education)
    meaning = {"LA1": ("stem_share_of_higher_students", "men", "percent"),
               "LA2": ("stem_share_of_higher_students", "women", "percent"),
               "LA3": ("stem_share_gender_gap", "total", "pp")}
    rows = frame[frame[cols["education"]] == "TOT"]  # rates: one level, never summed
    return [observation_row(meaning[code][0], "000", year, meaning[code][1], "higher", value, meaning[code][2])
            for code, year, value in zip(rows[cols["indicator"]], rows["TID"], rows["INDHOLD"])
            if code in meaning and not pd.isna(value)]


RECIPE = Recipe("LIGEUI6", "STEM gender indicator for higher education, whole country", _ligeui6_query,
                _ligeui6_observations)
