"""Sentences every section uses when a figure is missing or when other areas have one."""

from __future__ import annotations

import pandas as pd

from ..report_context import ReportContext
from ..selection import area_name


def no_figure(ctx: ReportContext, what_da: str, what_en: str) -> str:
    """Say that no figure on the theme (``what_da`` / ``what_en``) has been published for the report's region."""
    return ctx.t(f"Der er ikke offentliggjort tal om {what_da} for {ctx.name}.",
                 f"No figure on {what_en} has been published for {ctx.name}.")


def others_with(ctx: ReportContext, rows: pd.DataFrame) -> str:
    """Name the compared areas that have a figure in ``rows``, or say that none has."""
    others = [area_name(c, ctx.language) for c in ctx.areas[1:] if c in set(rows["region"])]
    if not others:
        return ctx.t("Ingen af de sammenlignede områder har et sammenligneligt tal.",
                     "None of the compared areas has a comparable figure.")
    return ctx.t(f"Sammenlignelige tal findes for: {', '.join(others)}.",
                 f"Comparable figures exist for: {', '.join(others)}.")
