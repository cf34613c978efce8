"""Sections built the same way for several indicator families (A levels, intake, the labour market).

A family section shows the region's own figures, compares figures under one common
definition with every area that has them, and lists figures under the region's own
definition apart, with that definition, never charted against other areas.
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator, indicators_in_family

from .. import charts
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..report_context import ReportContext
from ..selection import area_name, latest, select, series_label, split_by_scope, tr, year_text
from .common import no_figure, others_with
from .section import Section


def regional_definition_table(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """The figures a region publishes under its own definition, each with what it counts.

    These rows are never put on a chart next to other areas: the definition column
    says what the figure counts and why it cannot be compared.
    """
    if rows.empty:
        return pd.DataFrame()
    frame = chart_frame(rows, language)
    return pd.DataFrame({
        tr(language, "Mål", "Measure"): [series_label(r, language) for r in frame.itertuples()],
        tr(language, "År", "Year"): frame["year_text"],
        tr(language, "Værdi", "Value"): frame["value_text"],
        tr(language, "Hvad tallet dækker", "What the figure counts"):
            [get_indicator(i).definition(language) for i in frame["indicator"]],
        # The registry's comparability notes are in English only, so Danish reports rely on the definition.
        **({"Not comparable because": [get_indicator(i).comparability for i in frame["indicator"]]}
           if language == "en" else {}),
        tr(language, "Kilde", "Source"): frame["source"],
    }).reset_index(drop=True)


def family_section(ctx: ReportContext, key: str, families: tuple[str, ...], title: str,
                    what: tuple[str, str], note: str, leave_out: tuple[str, ...] = ()) -> Section:
    """A section for indicator families: the region's own figures, a comparison where one is fair.

    Figures under one common definition are compared on a chart with every area that has
    them; figures under the region's own definition are listed with that definition and
    never charted against other areas.
    """
    obs, lang = ctx.observations, ctx.language
    ids = [i.id for family in families for i in indicators_in_family(family) if i.id not in leave_out]
    rows = latest(select(obs, ids, areas=ctx.areas))
    common, regional = split_by_scope(rows)
    regional = regional[regional["region"] == ctx.region]
    own_common = common[common["region"] == ctx.region]
    if not own_common.empty:
        # Compare where the region has a figure; the comparison report shows every other series.
        series = own_common[["indicator", "level", "sex", "breakdown"]].drop_duplicates()
        common = common.merge(series, on=["indicator", "level", "sex", "breakdown"])
    own = pd.concat([own_common, regional], ignore_index=True)
    # Shares first, then the most recent: a share reads better in a sentence than a count.
    own = own.assign(_share=own["unit"] != "percent").sort_values(["_share", "year"], ascending=[True, False],
                                                                  na_position="last").drop(columns="_share")
    parts = [f"{series_label(r, lang)}: {format_value(r.value, r.unit, lang, r.qualifier, signed=r.unit == 'pp')} "
             f"({year_text(r.year, lang)})." for r in own.head(4).itertuples()]
    if len(own) > 4:
        parts.append(ctx.t(f"Tabellerne viser alle {len(own)} tal for {ctx.name}.",
                           f"The tables show all {len(own)} figures for {ctx.name}."))

    chart_list = []
    shares = common[common["unit"] == "percent"]
    in_two = shares.groupby(["indicator", "level", "sex", "breakdown"])["region"].transform("nunique") >= 2
    shares = shares[in_two] if not shares.empty else shares
    if not shares.empty:
        with_own = shares[shares["region"] == ctx.region]
        first = with_own.iloc[0] if not with_own.empty else shares.iloc[0]
        chart_list.append(charts.dot_comparison(
            chart_frame(shares, lang), focus=ctx.region, language=lang, axis_title=axis_title("percent", lang),
            title=ctx.t(f"{series_label(first, lang)}: {format_value(first.value, 'percent', lang)} i "
                        f"{area_name(first.region, lang)} ({year_text(first.year, lang)})",
                        f"{series_label(first, lang)}: {format_value(first.value, 'percent', lang)} in "
                        f"{area_name(first.region, lang)} ({year_text(first.year, lang)})"),
            description=ctx.t("Prikdiagram: andele med samme definition i flere områder, en prik pr. område.",
                              "Dot chart: shares with one definition in several areas, one dot per area.")))
    extra = []
    if not regional.empty:
        extra.append((ctx.t(f"{ctx.name}s egne opgørelser: egen definition, ikke sammenlignelig med andre "
                            "områder og derfor ikke rangeret",
                            f"{ctx.name}'s own measures: its own definition, not comparable with other areas and "
                            "therefore not ranked"), regional_definition_table(regional, lang)))
    used = pd.concat([common, regional], ignore_index=True)
    missing = ""
    if own.empty:
        missing = no_figure(ctx, *what) + (" " + others_with(ctx, common) if not common.empty else "")
    return Section(key, title, " ".join(parts), chart_list, figure_table(common, lang), used, note=note,
                   missing=missing, extra_tables=extra)
