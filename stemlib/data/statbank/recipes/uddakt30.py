"""UDDAKT30: the HTX share of upper-secondary students and women's share of HTX, by region.

HTX share of upper-secondary students = H202040 / H20 (TOT also holds the access courses H35), and
women's share of HTX = H202040 women / H202040 total; students enrolled (FSTATUS B); both origin
variables at TOT.
"""

from __future__ import annotations

import re

import pandas as pd

from ..shape import Shape, StructureMismatch, codes
from .common import (Recipe, cached_columns, checked_areas, is_area, observation_row, other_variables_at_total,
                     percent_share, sex_variable)


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
            *sex_variable(shape), shape.var("FSTATUS", having="B"))


def _uddakt30_query(shape: Shape) -> dict[str, list[str]]:
    education, region, sex, sex_total, status = _uddakt30_vars(shape)
    wanted = [*shape.need(education, "H20"), _htx_code(shape, education)]
    return {education["id"]: wanted, region["id"]: checked_areas(shape, region, with_municipalities=False),
            sex["id"]: [sex_total, "M", "K"], status["id"]: shape.need(status, "B"),
            **other_variables_at_total(shape, [education, region, sex, status]), shape.time()["id"]: [">=2011"]}


def _uddakt30_observations(frame: pd.DataFrame, shape: Shape) -> list[dict]:
    education, region, sex, sex_total, status = _uddakt30_vars(shape)
    cols = cached_columns(shape, frame, education=education, region=region, sex=sex, status=status)
    htx = _htx_code(shape, education)
    rows = frame[(frame[cols["status"]] == "B") & is_area(frame[cols["region"]])]
    cell = {(r, y, e, s): v for r, y, e, s, v in zip(rows[cols["region"]], rows["TID"], rows[cols["education"]],
                                                     rows[cols["sex"]], rows["INDHOLD"])}
    out = []
    for region_code, year in sorted({(r, y) for r, y, _, _ in cell}):
        share = percent_share(cell.get((region_code, year, htx, sex_total)),
                              cell.get((region_code, year, "H20", sex_total)))
        if share is not None:
            out.append(observation_row("htx_share_of_upper_secondary", region_code, year, "total", "htx", share,
                                       "percent"))
        women = percent_share(cell.get((region_code, year, htx, "K")), cell.get((region_code, year, htx, sex_total)))
        if women is not None:
            out.append(observation_row("women_share_htx", region_code, year, "total", "htx", women, "percent"))
    return out


RECIPE = Recipe("UDDAKT30", "HTX share of upper-secondary students (H202040 / H20) and women's share of HTX by region",
                _uddakt30_query, _uddakt30_observations)
