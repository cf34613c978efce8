"""The summary section: the region's key figures against the whole country and the other regions."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator

from .. import charts
from ..formatting import format_value
from ..frames import chart_frame
from ..report_context import ReportContext
from ..selection import area_name, latest, select, series_label, year_text
from .section import Section

#: The headline series of the summary: (indicator, sex). The level is the region's own latest.
HEADLINES: tuple[tuple[str, str], ...] = (
    ("stem_share_of_graduates", "women"), ("stem_share_of_graduates", "men"),
    ("women_share_of_stem_intake", "total"), ("women_share_stem_educated_35yo", "total"),
    ("stem_first_year_dropout", "total"), ("stem_share_of_intake", "total"), ("stem_share_of_completions", "total"),
    ("htx_share_25yo", "total"), ("htx_share_of_upper_secondary", "total"), ("it_bc_level_share_of_students", "total"),
    ("adult_participation_4w", "total"), ("stem_veu_share_of_workforce_change_since_2011", "total"),
    ("stem_share_of_workforce", "total"), ("stem_unfilled_recruitment_rate", "total"),
    ("stem_job_postings_change_since_2011", "total"),
    # Measures the other three regions publish: a region's own science measure, the ministry's
    # profile model, Statistics Denmark's attainment and the labour-market agency's recruitment survey.
    ("science_incl_health_share_of_higher_intake", "total"), ("higher_education_expected_completion_share", "total"),
    ("attainment_higher_share_15_69", "total"), ("unfilled_recruitment_rate_all", "total"),
)


def summary_section(ctx: ReportContext) -> Section:
    """Key figures of the region against the whole country and the other regions."""
    obs, lang = ctx.observations, ctx.language
    table_rows, used = [], []
    compared_regions = len([c for c in ctx.areas if c not in {ctx.region, "000"}])
    for indicator, sex in HEADLINES:
        rows = select(obs, indicator, areas=ctx.areas, sex=sex, breakdown="all")
        if rows.empty:
            continue
        own = latest(rows[rows["region"] == ctx.region], by=("indicator",))
        own_level = own["level"].iloc[0] if not own.empty else None
        peers = rows[rows["level"] == own_level] if own_level else rows
        country = latest(peers[peers["region"] == "000"], by=("indicator",)) if ctx.region != "000" else own.iloc[0:0]
        others = latest(peers[~peers["region"].isin([ctx.region, "000"])], by=("region",))
        comparable = get_indicator(indicator).comparable_across_areas
        if not comparable:  # another region's own definition says nothing about this one
            country, others = own.iloc[0:0], others.iloc[0:0]
        used += [own, country, others]
        label = series_label({"indicator": indicator, "level": own_level or "all", "sex": sex, "breakdown": "all"}, lang)

        def cell(frame: pd.DataFrame) -> str:
            if frame.empty:
                return "–"
            r = frame.iloc[0]
            return f"{format_value(r.value, r.unit, lang, r.qualifier)} ({year_text(r.year, lang)})"

        span = "–" if comparable or own.empty else ctx.t("egen definition: sammenlignes ikke",
                                                          "own definition: not compared")
        if not others.empty:
            unit = others["unit"].iloc[0]
            low, high = others["value"].min(), others["value"].max()
            span = ctx.t(f"{len(others)} af {compared_regions}: ", f"{len(others)} of {compared_regions}: ")
            span += format_value(low, unit, lang) if low == high else \
                f"{format_value(low, unit, lang)} – {format_value(high, unit, lang)}"
        row = {ctx.t("Nøgletal", "Key figure"): label, area_name(ctx.region, lang): cell(own)}
        if ctx.region != "000":  # the country's own column already holds the national figure
            row[area_name("000", lang)] = cell(country)
        row[ctx.t("Andre regioner", "Other regions")] = span
        table_rows.append(row)
    table = pd.DataFrame(table_rows)
    figures = pd.concat([f for f in used if not f.empty], ignore_index=True) if used else pd.DataFrame()

    participation = latest(select(obs, "adult_participation_4w", areas=ctx.areas, sex="total"))
    participation = participation[participation["year"] == participation["year"].max()] if not participation.empty \
        else participation
    own_count = int((table[area_name(ctx.region, lang)] != "–").sum()) if not table.empty else 0
    title = ctx.t("Sammenfatning", "Summary")
    chart_list, finding = [], ""
    if not participation.empty and ctx.region in set(participation["region"]):
        ranked = participation.sort_values("value", ascending=False).reset_index(drop=True)
        regions_only = ranked[ranked["region"] != "000"].reset_index(drop=True)
        own_row = ranked[ranked["region"] == ctx.region].iloc[0]
        year = int(own_row.year)
        value = format_value(own_row.value, "percent", lang)
        if ctx.region == "000":
            finding = ctx.t(f"I hele landet deltog {value} af de 25-64-årige i uddannelse i {year}.",
                            f"Across the country, {value} of people aged 25-64 took part in education in {year}.")
            chart_title = finding.rstrip(".")
        else:
            rank = int(regions_only.index[regions_only["region"] == ctx.region][0]) + 1
            country = ranked[ranked["region"] == "000"]
            versus = (ctx.t(f" mod {format_value(country.value.iloc[0], 'percent', lang)} i hele landet",
                            f" against {format_value(country.value.iloc[0], 'percent', lang)} nationally")
                      if not country.empty else "")
            finding = ctx.t(
                f"{ctx.name} er nr. {rank} af {len(regions_only)} regioner på voksnes deltagelse i uddannelse: "
                f"{value} i {year}{versus}.",
                f"{ctx.name} ranks {rank} of {len(regions_only)} regions on adult participation in education: "
                f"{value} in {year}{versus}.")
            chart_title = ctx.t(f"{area_name(ctx.region, lang)} er nr. {rank} af {len(regions_only)} på voksnes "
                                f"deltagelse i uddannelse ({year})",
                                f"{area_name(ctx.region, lang)} ranks {rank} of {len(regions_only)} on adult "
                                f"participation in education ({year})")
        frame = chart_frame(participation, lang)
        chart_list.append(charts.ranked_bars(
            frame, title=chart_title, focus=ctx.region, language=lang,
            axis_title=ctx.t("Andel af 25-64-årige (%)", "Share of people aged 25-64 (%)"),
            description=ctx.t("Søjlediagram: andel af 25-64-årige i uddannelse de seneste fire uger, efter område.",
                              "Bar chart: share of people aged 25-64 in education in the last four weeks, by area.")))
        figures = pd.concat([figures, participation], ignore_index=True)
    finding += ctx.t(f" {own_count} af {len(table)} nøgletal har et offentliggjort tal for {ctx.name}.",
                     f" {own_count} of {len(table)} key figures have a published figure for {ctx.name}.")
    return Section("summary", title, finding.strip(), chart_list, table, figures.drop_duplicates(),
                   note=ctx.t("Tallene kommer fra forskellige kilder og år; se kolonnen År og afsnittet om kilder.",
                              "The figures come from different sources and years; see the Year column and the "
                              "sources section."))
