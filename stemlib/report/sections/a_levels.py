"""The A-level section: upper-secondary subject choices and HTX."""

from __future__ import annotations

from stemlib.definitions.headlines import theme_label

from ..report_context import ReportContext
from .family import family_section
from .section import Section


def a_levels_section(ctx: ReportContext) -> Section:
    """STEM subjects at A level, IT at B/C level, HTX shares, applicants and women in HTX."""
    return family_section(
        ctx, "a_levels", ("a_levels",), theme_label("a_levels", ctx.language),
        ("gymnasiale fagvalg og htx", "upper-secondary subject choices and HTX"),
        ctx.t("Der er ikke offentliggjort regionale tal for, hvor mange elever der har naturvidenskabelige fag på "
              "A-niveau.",
              "STEM subjects at A level are not published for any region; the section shows the nearest measures "
              "published for the region."))
