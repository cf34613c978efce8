"""Sentences every section uses when a figure is missing or when other areas have one."""

from __future__ import annotations

import pandas as pd

from ..comparability import areas_with_comparable, comparable_with
from ..formatting import format_value
from ..report_context import ReportContext
from ..selection import area_name
from ..selection import year_text as in_year_text


def no_figure(ctx: ReportContext, what_da: str, what_en: str) -> str:
    """Say that no figure on the theme (``what_da`` / ``what_en``) has been published for the report's region."""
    return ctx.t(f"Der er ikke offentliggjort tal om {what_da} for {ctx.name_in_text}.",
                 f"No figure on {what_en} has been published for {ctx.name_in_text}.")


def others_with(ctx: ReportContext, rows: pd.DataFrame, reference=None, *, against: bool = False) -> str:
    """Name the compared areas with a figure comparable with ``reference`` (same series and source), by rule.

    With ``against`` the values come as a phrase to end another sentence ("mod 64 % i Hovedstaden").
    Without ``reference`` the first of the region's own rows is the reference; when the
    region has none, the sentence names the areas that have a figure on the theme at all,
    saying that they are not compared with the region.
    """
    own = rows[rows["region"] == ctx.region]
    if reference is None and not own.empty:
        reference = own.iloc[0]
    if reference is None:
        others = [area_name(c, ctx.language) for c in ctx.areas[1:] if c in set(rows["region"])]
        if not others:
            return ""
        return ctx.t(f"Der findes tal om emnet for {_listed(others, ctx)}, men ikke for {ctx.name_in_text}.",
                     f"There are figures on the theme for {_listed(others, ctx)}, but not for {ctx.name_in_text}.")
    codes = areas_with_comparable(rows, reference)
    others = [c for c in ctx.areas[1:] if c in codes]
    if not others:  # nothing to compare with: the page says so once, under the cards
        return ""
    reference = dict(reference._asdict() if hasattr(reference, "_asdict") else reference)
    same = comparable_with(rows, reference)
    items, values = [], []
    for code in others:
        area_rows = same[same["region"] == code]
        in_year = area_rows[area_rows["year"] == reference["year"]]
        pick = (in_year if not in_year.empty else area_rows).iloc[0]
        value = format_value(pick["value"], pick["unit"], ctx.language,
                             pick["qualifier"] if isinstance(pick["qualifier"], str) else "")
        when = "" if in_year.empty is False else f" ({in_year_text(pick['year'], ctx.language)})"
        where = ctx.t("i hele landet", "in the whole country") if code == "000" else \
            ctx.t(f"i {area_name(code, ctx.language)}", f"in {area_name(code, ctx.language)}")
        items.append(f"{value} {where}{when}")
        values.append(f"{value}{when}")
    if against:
        return ctx.t(f"mod {_listed(items, ctx)}", f"against {_listed(items, ctx)}")
    noun = ctx.t({"percent": "andelen", "pp": "ændringen"}.get(reference["unit"], "tallet"),
                 {"percent": "the share", "pp": "the change"}.get(reference["unit"], "the figure"))
    regions = {c for c in ctx.areas if c != "000"}
    if not regions <= {ctx.region, *others}:
        # The source gives the figure for some areas only: said, so the comparison does not look chosen.
        names = [ctx.t("hele landet", "the whole country") if c == "000" else area_name(c, ctx.language)
                 for c in others]
        many = len(values) > 1
        return ctx.t(f"Af de øvrige områder oplyser kilden kun dette tal for "
                     f"{_listed(names, ctx)}, hvor {noun} var "
                     f"{'henholdsvis ' if many else ''}{_listed(values, ctx)}.",
                     f"Of the other areas, the source gives the figure only for {_listed(names, ctx)}, where "
                     f"{noun} was {_listed(values, ctx)}{' respectively' if many else ''}.")
    return ctx.t(f"Til sammenligning var {noun} {_listed(items, ctx)}.",
                 f"For comparison, {noun} was {_listed(items, ctx)}.")


def _listed(names: list[str], ctx: ReportContext) -> str:
    """Join names as a reader lists them: "A, B og C"; "hele landet" in lower case inside a sentence."""
    names = [n.lower() if n in ("Hele landet",) else n for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ctx.t(" og ", " and ") + names[-1]
