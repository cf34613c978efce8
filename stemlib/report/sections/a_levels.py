"""The A-level section: upper-secondary subject choices and HTX."""

from __future__ import annotations

from ..report_context import ReportContext
from .family import family_section
from .section import Section


def a_levels_section(ctx: ReportContext) -> Section:
    """STEM subjects at A level, IT at B/C level, HTX shares, applicants and women in HTX."""
    return family_section(
        ctx, "a_levels", ("a_levels",), ctx.t("Gymnasiale fagvalg og htx", "Upper-secondary subject choices and HTX"),
        ("gymnasiale fagvalg og htx", "upper-secondary subject choices and HTX"),
        ctx.t("A-niveaufag i naturvidenskab er ikke offentliggjort for nogen region i kilderne; "
              "tallene her er de nærmeste: IT på B/C-niveau, STEM-fag i ungdomsuddannelsen, studieretninger, "
              "htx og ansøgere til htx.",
              "STEM subjects at A level are not published for any region in the sources; the nearest figures "
              "are shown: IT at B/C level, STEM subjects in youth education, study lines, HTX and HTX applicants."))
