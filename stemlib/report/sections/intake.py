"""The intake section: intake to and completion of STEM educations."""

from __future__ import annotations

from stemlib.definitions.headlines import theme_label

from ..report_context import ReportContext
from .family import family_section
from .section import Section


def intake_section(ctx: ReportContext) -> Section:
    """Intake to and completion of STEM educations: counts, shares and growth."""
    return family_section(
        ctx, "intake", ("intake", "completions"), theme_label("intake", ctx.language),
        ("optag på og fuldførelse af STEM-uddannelser", "intake to and completion of STEM education"),
        "")
