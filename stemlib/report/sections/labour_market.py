"""The labour-market section: the STEM-educated workforce, job postings and recruitment problems."""

from __future__ import annotations

from stemlib.definitions.headlines import theme_label

from ..report_context import ReportContext
from .family import family_section
from .section import Section


def labour_market_section(ctx: ReportContext) -> Section:
    """The STEM-educated workforce, job postings and recruitment problems."""
    return family_section(
        ctx, "labour_market", ("supply", "demand"), theme_label("labour_market", ctx.language),
        ("STEM-uddannede på arbejdsmarkedet og efterspørgslen efter dem",
         "the STEM-educated workforce and the demand for it"),
        "",
        # Eurostat's attainment covers every field of education, not STEM: it would bury the STEM figures.
        leave_out=("attainment_share",))
