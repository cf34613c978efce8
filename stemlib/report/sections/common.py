"""Sentences every section uses when a figure is missing or when other areas have one."""

from __future__ import annotations

import pandas as pd

from ..comparability import areas_with_comparable
from ..report_context import ReportContext
from ..selection import area_name, as_subject, lower_first, series_label


def no_figure(ctx: ReportContext, what_da: str, what_en: str) -> str:
    """Say that no figure on the theme (``what_da`` / ``what_en``) has been published for the report's region."""
    return ctx.t(f"Der er ikke offentliggjort tal om {what_da} for {ctx.name}.",
                 f"No figure on {what_en} has been published for {ctx.name}.")


def others_with(ctx: ReportContext, rows: pd.DataFrame, reference=None) -> str:
    """Name the compared areas with a figure comparable with ``reference`` (same series and source), by rule.

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
        return ctx.t(f"Der findes tal om emnet for {_listed(others, ctx)}, men ikke for {ctx.name}.",
                     f"There are figures on the theme for {_listed(others, ctx)}, but not for {ctx.name}.")
    codes = areas_with_comparable(rows, reference)
    others = [area_name(c, ctx.language) for c in ctx.areas[1:] if c in codes]
    if not others:  # nothing to compare with: the page says so once, under the cards
        return ""
    measure = lower_first(as_subject(series_label(reference, ctx.language), ctx.language)).rstrip(",")
    return ctx.t(f"Tallet for {measure} findes fra samme kilde også for {_listed(others, ctx)}.",
                 f"The figure for {measure} also exists from the same source for {_listed(others, ctx)}.")


def _listed(names: list[str], ctx: ReportContext) -> str:
    """Join names as a reader lists them: "A, B og C"; "hele landet" in lower case inside a sentence."""
    names = [n.lower() if n in ("Hele landet",) else n for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ctx.t(" og ", " and ") + names[-1]
