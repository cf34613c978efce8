"""The A-level section: upper-secondary subject choices and HTX."""

from __future__ import annotations

from stemlib.definitions.headlines import theme_label

from ..consistency import GROUP_NAMES, implied_bases
from ..formatting import format_value
from ..report_context import ReportContext
from .family import family_section
from .section import Section


def a_levels_section(ctx: ReportContext) -> Section:
    """STEM subjects at A level, IT at B/C level, HTX shares, applicants and women in HTX."""
    section = family_section(
        ctx, "a_levels", ("a_levels",), theme_label("a_levels", ctx.language),
        ("gymnasiale fagvalg og htx", "upper-secondary subject choices and HTX"),
        ctx.t("Der er ikke offentliggjort regionale tal for, hvor mange elever der har naturvidenskabelige fag på "
              "A-niveau.",
              "STEM subjects at A level are not published for any region; the section shows the nearest measures "
              "published for the region."))
    # A share the source also gives as a count implies the size of the group it is a share of: said, so a reader
    # can check the two against each other (the source's own figures, the base a calculation).
    for share, count, base in implied_bases(ctx.observations, ctx.region):
        size = format_value(round(base, -2), "persons", ctx.language, "approx")
        part = format_value(share["value"], "percent", ctx.language)
        whole = format_value(count["value"], "persons", ctx.language, count["qualifier"] or "")
        da, en = GROUP_NAMES.get(share["indicator"], ("en gruppe", "a group"))
        section.note = (section.note + " " + ctx.t(
            f"Ifølge kilden svarer {part} til {whole}; det giver {da} på {size} (egne beregninger).",
            f"By the source, {part} is {whole}; that makes {en} of {size} (own calculations).")).strip()
    return section

