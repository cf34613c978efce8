"""VEU20: adult-education participants by area and sex, in all education areas and in the STEM areas.

Course participants (OVERNAT1 11), calendar year (TIDSPUNKTER 11), all ages (ALDER 0000), by area
and sex: all areas (FUDDOMR TOT) and STEM areas (the 5-character codes of
codelists/veu_stem_codes.csv, one level).
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.classifications import stem_veu_codes, veu_areas

from ..shape import Shape
from .common import (SEX_CODES, Recipe, cached_columns, checked_areas, finish_rows, is_area, other_variables_at_total,
                     sex_variable, strict_sum)


def _veu20_vars(shape: Shape):
    return (shape.var("FUDDOMR", having="H39"), shape.var("BOPOMR", "OMRÅDE", having="081"), *sex_variable(shape),
            shape.var("OVERNAT1", having="13"), shape.var("TIDSPUNKTER", having="22"))


def _veu20_query(shape: Shape) -> dict[str, list[str]]:
    field, area, sex, sex_total, measure, timing = _veu20_vars(shape)
    stem = shape.some(field, stem_veu_codes(), "STEM areas from veu_stem_codes.csv")
    age = [v for v in shape.variables if v["id"].upper() == "ALDER"]
    fixed = {age[0]["id"]: shape.need(age[0], "0000")} if age else {}
    return {measure["id"]: shape.need(measure, "11"), timing["id"]: shape.need(timing, "11"),
            field["id"]: [*shape.need(field, "TOT"), *stem],
            area["id"]: checked_areas(shape, area, with_municipalities=True),
            sex["id"]: [sex_total, "M", "K"], **fixed,
            **other_variables_at_total(shape, [field, area, sex, measure, timing, *age]),
            shape.time()["id"]: [">=2011"]}


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
    cols = cached_columns(shape, frame, field=field, area=area, sex=sex, measure=measure, timing=timing)
    rows = frame[(frame[cols["measure"]] == "11") & (frame[cols["timing"]] == "11")
                 & is_area(frame[cols["area"]])]
    wide = rows.pivot_table(index=[cols["area"], "TID", cols["sex"]], columns=cols["field"], values="INDHOLD",
                            aggfunc="first", dropna=False)
    stem_columns = [c for c in stem_veu_codes() if c in wide.columns]
    keys = wide.index.to_frame(index=False)
    keys.columns = ["region", "year", "sex_code"]
    blocks = []
    for breakdown, values in (("area:all", wide["TOT"] if "TOT" in wide.columns else None),
                              ("area:stem", strict_sum(wide, stem_columns) if stem_columns else None)):
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
    return finish_rows(out[columns])


RECIPE = Recipe("VEU20", "Adult education participants (calendar year) by area and sex, all areas and STEM areas",
                _veu20_query, _veu20_observations, _veu20_notes)
