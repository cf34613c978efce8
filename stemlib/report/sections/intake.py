"""The intake section: intake to and completion of STEM educations."""

from __future__ import annotations

from ..report_context import ReportContext
from .family import family_section
from .section import Section


def intake_section(ctx: ReportContext) -> Section:
    """Intake to and completion of STEM educations: counts, shares and growth."""
    return family_section(
        ctx, "intake", ("intake", "completions"), ctx.t("Optag og fuldførelse", "Intake and completions"),
        ("optag på og fuldførelse af STEM-uddannelser", "intake to and completion of STEM education"),
        ctx.t("Antal og andele kommer fra forskellige kilder og år; kun tal for samme mål fra samme kilde står i samme "
              "figur.", "Counts and shares come from different sources and years; only figures for the same measure "
              "from the same source share a chart."))
