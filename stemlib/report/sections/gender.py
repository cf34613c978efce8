"""The gender section: women's and men's STEM shares, the gap between them, and women's shares."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator, indicators_in_family

from .. import charts
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..report_context import ReportContext
from ..selection import area_name, latest, select, series_label, year_text
from .common import no_figure, others_with
from .section import Section


def gender_section(ctx: ReportContext) -> Section:
    """Women's and men's shares in STEM by level, the gap in percentage points, and women's shares."""
    obs, lang = ctx.observations, ctx.language
    family = [i.id for i in indicators_in_family("gender") if i.unit == "percent"]
    rows = latest(select(obs, family, areas=ctx.areas))
    both = rows[rows["sex"].isin(["women", "men"])]
    pair_keys = both.groupby(["region", "indicator", "level", "breakdown", "year"], dropna=False)["sex"].nunique()
    pair_keys = pair_keys[pair_keys == 2].reset_index()[["region", "indicator", "level", "breakdown", "year"]]
    pairs = both.merge(pair_keys, on=["region", "indicator", "level", "breakdown", "year"])
    shares = rows[rows["indicator"].str.startswith("women_share") & (rows["sex"] == "total")]
    chart_list, parts = [], []

    gaps = []
    for (region, indicator, level, breakdown, year), group in pairs.groupby(
            ["region", "indicator", "level", "breakdown", "year"], dropna=False, sort=False):
        women = group[group["sex"] == "women"].iloc[0]
        men = group[group["sex"] == "men"].iloc[0]
        gaps.append({"region": region, "indicator": indicator, "level": level, "breakdown": breakdown, "year": year,
                     "women": women.value, "men": men.value, "gap": men.value - women.value})
    gaps = pd.DataFrame(gaps)

    own_gap = gaps[gaps["region"] == ctx.region] if not gaps.empty else gaps
    if not own_gap.empty:
        g = own_gap.iloc[0]
        label = get_indicator(g.indicator).label(lang).lower()
        parts.append(ctx.t(
            f"I {ctx.name} er andelen med STEM-profil {format_value(g.women, 'percent', lang)} blandt kvinder og "
            f"{format_value(g.men, 'percent', lang)} blandt mænd ({label}, {year_text(g.year, lang)}): "
            f"en forskel på {format_value(g.gap, 'pp', lang)}.",
            f"In {ctx.name}, the STEM share is {format_value(g.women, 'percent', lang)} among women and "
            f"{format_value(g.men, 'percent', lang)} among men ({label}, {year_text(g.year, lang)}): "
            f"a gap of {format_value(g.gap, 'pp', lang)}."))
    if not pairs.empty:
        frame = chart_frame(pairs, lang)
        frame["measure"] = frame["area_label"] + " · " + frame["measure"]
        focus_first = frame.assign(_o=frame["area"] != ctx.region).sort_values(["_o", "measure"]).drop(columns="_o")
        title = (ctx.t(f"{area_name(ctx.region, lang)}: forskel på {format_value(own_gap.iloc[0].gap, 'pp', lang)} "
                       "mellem mænd og kvinder",
                       f"{area_name(ctx.region, lang)}: a gap of {format_value(own_gap.iloc[0].gap, 'pp', lang)} "
                       "between men and women")
                 if not own_gap.empty else ctx.t("Mænd og kvinder: andel med STEM", "Men and women: share in STEM"))
        chart_list.append(charts.paired_bars(
            focus_first, title=title, language=lang, axis_title=axis_title("percent", lang),
            description=ctx.t("Søjlediagram: kvinders og mænds andel for hvert mål og område.",
                              "Bar chart: women's and men's share for each measure and area.")))

    own_shares = shares[shares["region"] == ctx.region]
    if not own_shares.empty:
        s = own_shares.sort_values("year", na_position="first").iloc[-1]
        country = shares[(shares["region"] == "000") & (shares["indicator"] == s.indicator)
                         & (shares["level"] == s.level) & (shares["breakdown"] == s.breakdown)]
        versus = ""
        if ctx.region != "000" and not country.empty:
            c = country.iloc[0]
            versus = ctx.t(f"; i hele landet {format_value(c.value, 'percent', lang, c.qualifier)} "
                           f"({year_text(c.year, lang)})",
                           f"; nationally {format_value(c.value, 'percent', lang, c.qualifier)} "
                           f"({year_text(c.year, lang)})")
        parts.append(ctx.t(
            f"{series_label(s, lang)}: {format_value(s.value, 'percent', lang, s.qualifier)} i {ctx.name} "
            f"({year_text(s.year, lang)}){versus}.",
            f"{series_label(s, lang)}: {format_value(s.value, 'percent', lang, s.qualifier)} in {ctx.name} "
            f"({year_text(s.year, lang)}){versus}."))
    if not shares.empty:
        frame = chart_frame(shares, lang)
        low = shares["value"].max()
        chart_list.append(charts.dot_comparison(
            frame, focus=ctx.region, language=lang, axis_title=axis_title("percent", lang),
            title=ctx.t(f"Kvinder udgør højst {format_value(low, 'percent', lang)} i de viste STEM-mål",
                        f"Women make up at most {format_value(low, 'percent', lang)} in the STEM measures shown"),
            description=ctx.t("Prikdiagram: kvinders andel for hvert mål, en prik pr. område.",
                              "Dot chart: women's share for each measure, one dot per area.")))
    used = pd.concat([pairs, shares], ignore_index=True)
    table = figure_table(used, lang)
    extra = []
    if not gaps.empty:
        gap_table = pd.DataFrame({
            ctx.t("Område", "Area"): [area_name(r, lang) for r in gaps["region"]],
            ctx.t("Mål", "Measure"): [series_label({"indicator": i, "level": l, "sex": "total", "breakdown": b}, lang)
                                      for i, l, b in zip(gaps["indicator"], gaps["level"], gaps["breakdown"])],
            ctx.t("År", "Year"): [year_text(y, lang) for y in gaps["year"]],
            ctx.t("Kvinder", "Women"): [format_value(v, "percent", lang) for v in gaps["women"]],
            ctx.t("Mænd", "Men"): [format_value(v, "percent", lang) for v in gaps["men"]],
            ctx.t("Forskel", "Gap"): [format_value(v, "pp", lang) for v in gaps["gap"]],
        })
        extra.append((ctx.t("Forskel mellem mænd og kvinder (mænd minus kvinder, egen beregning)",
                            "Gap between men and women (men minus women, own calculation)"), gap_table))
    missing = "" if parts else no_figure(ctx, "kønsfordelingen i STEM", "the gender split in STEM")
    if not parts and not used.empty:
        missing += " " + others_with(ctx, used)
    return Section("gender", ctx.t("Køn i STEM", "Gender in STEM"), " ".join(parts), chart_list, table, used,
                   note=ctx.t("Målene bygger på forskellige populationer (dimittender, optag, 35-årige); "
                              "sammenlign kun tal for samme mål.",
                              "The measures cover different populations (graduates, intake, 35-year-olds); "
                              "compare only figures for the same measure."),
                   missing=missing, extra_tables=extra)
