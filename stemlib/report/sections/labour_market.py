"""The labour-market section: the STEM-educated workforce, job postings and recruitment problems."""

from __future__ import annotations

from ..report_context import ReportContext
from .family import family_section
from .section import Section


def labour_market_section(ctx: ReportContext) -> Section:
    """The STEM-educated workforce, job postings and recruitment problems."""
    return family_section(
        ctx, "labour_market", ("supply", "demand"), ctx.t("STEM på arbejdsmarkedet", "STEM in the labour market"),
        ("STEM-uddannede på arbejdsmarkedet og efterspørgslen efter dem",
         "the STEM-educated workforce and the demand for it"),
        ctx.t("Arbejdsstyrke, beskæftigelse og jobopslag er forskellige mål; sammenlign kun tal for samme mål.",
              "Workforce, employment and job postings are different measures; compare only figures for the same "
              "measure."),
        # Eurostat's attainment covers every field of education, not STEM: it would bury the STEM figures.
        leave_out=("attainment_share",))
