"""The intake section: intake to and completion of STEM educations."""

from __future__ import annotations

from stemlib.definitions.headlines import theme_label
from stemlib.definitions.indicators import indicators_in_family

from ..report_context import ReportContext
from ..selection import select
from .family import family_section
from .section import Section


def intake_section(ctx: ReportContext) -> Section:
    """Intake to and completion of STEM educations: counts, shares and growth.

    Where the region has intake figures but no completion figures, the section says so, so that its
    title does not promise what it cannot show.
    """
    section = family_section(
        ctx, "intake", ("intake", "completions"), theme_label("intake", ctx.language),
        ("optag på og fuldførelse af STEM-uddannelser", "intake to and completion of STEM education"), "")
    # Two measures readers mix up: the STEM share of women's intake (here) and women's share of STEM intake
    # (under "Kvinder i STEM"). Where the page has both, the paragraph says which one it gives.
    women_here = select(ctx.observations, "stem_share_of_intake", areas=[ctx.region], sex="women")
    women_there = select(ctx.observations, "women_share_of_stem_intake", areas=[ctx.region])
    if section.finding and not women_here.empty and not women_there.empty:
        section.finding += " " + ctx.t("Tallene for kvinder er andelen af de optagne kvinder, der begyndte på en "
                                       "STEM-uddannelse, ikke kvinders andel af optaget på STEM-uddannelser, som "
                                       "afsnittet om kvinder i STEM viser.",
                                       "The figures for women show how much of women's intake went to STEM, not "
                                       "women's share of STEM intake, which the section on women in STEM shows.")
    completions = select(ctx.observations, [i.id for i in indicators_in_family("completions")], areas=[ctx.region])
    if section.finding and completions.empty:
        section.finding += " " + ctx.t(f"Der er ikke offentliggjort tal for, hvor mange der fuldfører en "
                                       f"STEM-uddannelse i {ctx.name_in_text}.",
                                       f"No figures on completions have been published for {ctx.name_in_text}.")
    return section
