"""The dropout section: first-year dropout from STEM for the region and every comparable figure."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator

from .. import charts
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..report_context import ReportContext
from ..selection import area_name, latest, select, series_label, year_text
from .common import no_figure, others_with
from .section import Section


def _series_details(rows: pd.DataFrame, language: str) -> list[str]:
    """What narrows each row's series (level, breakdown), in words; empty when nothing does."""
    out = []
    for row in rows.itertuples():
        label = series_label({"indicator": row.indicator, "level": row.level, "sex": "total",
                              "breakdown": row.breakdown}, language)
        head = get_indicator(row.indicator).label(language)
        out.append(label[len(head):].strip(" ()"))
    return out


def dropout_section(ctx: ReportContext) -> Section:
    """First-year dropout from STEM for the region and every comparable figure."""
    obs, lang = ctx.observations, ctx.language
    rows = latest(select(obs, "stem_first_year_dropout", areas=ctx.areas))
    title = ctx.t("Frafald det første år", "First-year dropout")
    if rows.empty:
        return Section("dropout", title, "", missing=no_figure(ctx, "frafald fra STEM-uddannelser",
                                                                "dropout from STEM education"))
    own = rows[(rows["region"] == ctx.region) & (rows["sex"] == "total")]
    parts = []
    if not own.empty:
        r = own.iloc[0]
        parts.append(ctx.t(
            f"{format_value(r.value, 'percent', lang, r.qualifier)} af dem, der begynder på en STEM-uddannelse i "
            f"{ctx.name}, falder fra inden for det første år ({year_text(r.year, lang)}).",
            f"{format_value(r.value, 'percent', lang, r.qualifier)} of those who start a STEM education in "
            f"{ctx.name} drop out within the first year ({year_text(r.year, lang)})."))
    parts.append(others_with(ctx, rows[rows["region"] != ctx.region]) if ctx.areas[1:] else "")
    frame = chart_frame(rows, lang)
    # One bar per figure: the national figures differ by level, field and cohort, so the label says which.
    details = [", ".join(p for p in (levels_text, sex) if p) for levels_text, sex in
               zip(_series_details(rows, lang), frame["sex_label"])]
    frame["measure"] = frame["area_label"] + " · " + pd.Series(details, index=frame.index)
    frame["area_label"] = frame["measure"]
    chart_title = (ctx.t(f"{format_value(own.iloc[0].value, 'percent', lang)} falder fra STEM i første år i "
                         f"{area_name(ctx.region, lang)}",
                         f"{format_value(own.iloc[0].value, 'percent', lang)} drop out of STEM in the first year in "
                         f"{area_name(ctx.region, lang)}")
                   if not own.empty else ctx.t("Frafald fra STEM det første år", "First-year dropout from STEM"))
    chart = charts.ranked_bars(frame, title=chart_title, focus=ctx.region, language=lang,
                               axis_title=axis_title("percent", lang),
                               description=ctx.t("Søjlediagram: frafald fra STEM det første år efter område og køn.",
                                                 "Bar chart: first-year dropout from STEM by area and sex."))
    missing = "" if not own.empty else (no_figure(ctx, "frafald fra STEM-uddannelser", "dropout from STEM education")
                                        + " " + others_with(ctx, rows))
    return Section("dropout", title, " ".join(p for p in parts if p) if not own.empty else "", [chart],
                   figure_table(rows, lang), rows, missing=missing,
                   note=ctx.t("Nordjyllands 18,1 % har hverken år eller uddannelsesniveau i kilden; StatBank GENMF10 "
                              "giver landstal efter køn og årgang, når StatBank-cachen er hentet.",
                              "Nordjylland's 18.1% has no year or level in the source; StatBank GENMF10 gives "
                              "national figures by sex and cohort once the StatBank cache is fetched."))
