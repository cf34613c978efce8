"""The gender section: women's and men's STEM shares, the gap between them, and women's shares."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.headlines import theme_label
from stemlib.definitions.indicators import get_indicator, indicators_in_family
from stemlib.definitions.levels import levels

from .. import charts
from ..citations import source_title, source_year
from ..comparability import is_change, like_with_like, most_recent_series
from ..consistency import own_count_shares, shares_from_own_counts
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..prose import say, undated_note
from ..report_context import ReportContext
from ..selection import area_name, as_subject, in_year, lower_first, select, series_label
from .common import no_figure, others_with
from .section import Section

#: At most this many measures on one chart; the table below it has them all.
CHART_SERIES = 6


def _gaps(pairs: pd.DataFrame) -> pd.DataFrame:
    """Men minus women for each area and series that has both (a calculation, labelled as one)."""
    keys = ["region", "indicator", "level", "breakdown", "year", "source"]
    out = []
    for key, group in pairs.groupby(keys, dropna=False, sort=False):
        women, men = group[group["sex"] == "women"], group[group["sex"] == "men"]
        if not women.empty and not men.empty:
            out.append({**dict(zip(keys, key)), "women": women["value"].iloc[0], "men": men["value"].iloc[0],
                        "gap": men["value"].iloc[0] - women["value"].iloc[0]})
    return pd.DataFrame(out)


def stated_share(ctx: ReportContext, share) -> str:
    """The source's stated women's share, attributed to it ("Ifølge Nordjysk Teknologipagt var ca. en tredjedel ...").

    Used where the source's own counts give another share: the page says whose figure it is before it says
    what the counts give.
    """
    row = share._asdict() if hasattr(share, "_asdict") else dict(share)
    stated = format_value(row["value"], "percent", ctx.language, row["qualifier"] or "", in_words=True)
    # The source by its title and year, as a sentence names a publication ("Nordjysk Teknologipagt fra 2019").
    title, year = source_title(row["source"]), source_year(row["source"])
    title = ctx.t(f"{title} fra {year}", f"{title} ({year})") if year else title
    return ctx.t(f"Ifølge {title} var {stated} af de optagne på STEM-uddannelser i regionen kvinder "
                 f"{in_year(row['year'], 'da')}.",
                 f"According to {title}, {stated} of those admitted to STEM programmes in the region were "
                 f"women {in_year(row['year'], 'en')}.")


def implied_share(ctx: ReportContext, share) -> str:
    """Women's share of STEM intake as the same source's own intake counts give it, where it differs.

    A pact may state a share in words ("en tredjedel") and publish intake counts by sex that give
    another share for each level; the reader is told both, the calculation labelled as such.
    """
    found = shares_from_own_counts(ctx.observations, share)
    if not found:
        return ""
    together = [value for level, value in found if level == "all"]
    # A share from counts the source gives as "godt 115" is itself approximate: "ca. 23 %".
    counted = own_count_shares(ctx.observations, share)
    approx = "approx" if (counted["women_qualifier"].ne("") | counted["total_qualifier"].ne("")).any() else ""
    parts = [f"{format_value(value, 'percent', ctx.language, decimals=0)} "
             f"{levels()[level].phrase(ctx.language)}" for level, value in found if level != "all"]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ctx.t(" og ", " and ") + parts[-1]
    if together:
        whole = format_value(together[0], "percent", ctx.language, approx, decimals=0)
        return ctx.t(f"Kildens egne optagstal for samme år giver dog kun {whole} ({listed}, egne beregninger).",
                     f"By the source's own intake counts for the same year, though, women made up only {whole} of "
                     f"STEM intake ({listed}; own calculations).")
    return ctx.t(f"Ifølge kildens egne optagstal for samme år udgjorde kvinderne dog kun {listed} af STEM-optaget "
                 "(egne beregninger).",
                 f"By the source's own intake counts for the same year, though, women made up only {listed} of STEM "
                 "intake (own calculations).")


def gender_section(ctx: ReportContext) -> Section:
    """Women's and men's shares in STEM where both are published, and women's shares, compared like with like."""
    obs, lang = ctx.observations, ctx.language
    family = [i.id for i in indicators_in_family("gender") if i.unit == "percent" and not is_change(i.id)]
    rows = like_with_like(select(obs, family, areas=ctx.areas), ctx.region)
    pairs = rows[rows["sex"].isin(["women", "men"])]
    gaps = _gaps(pairs)
    pairs = pairs.merge(gaps[["region", "indicator", "level", "breakdown"]], on=["region", "indicator", "level",
                                                                               "breakdown"]) if not gaps.empty \
        else pairs.iloc[0:0]
    shares = all_shares = rows[rows["indicator"].str.startswith("women_share") & (rows["sex"] == "total")]
    chart_list, chart_rows, parts = [], [], []
    notes: list[str] = []  # undated figures: said once, under the section

    own_gap = gaps[gaps["region"] == ctx.region] if not gaps.empty else gaps
    if not own_gap.empty:
        g = own_gap.iloc[0]
        where = ctx.t("hele landet", "the whole country") if ctx.region == "000" else area_name(ctx.region, lang)
        measure = series_label({"indicator": g.indicator, "level": g.level, "sex": "total",
                                "breakdown": g.breakdown}, lang)
        parts.append(ctx.t(
            f"{as_subject(measure)} var {format_value(g.women, 'percent', lang)} for kvinder og "
            f"{format_value(g.men, 'percent', lang)} for mænd i {ctx.name_in_text} {in_year(g.year, lang)}, "
            f"en forskel på {format_value(g.gap, 'pp', lang)}.",
            f"{as_subject(measure, 'en')} was {format_value(g.women, 'percent', lang)} for women and "
            f"{format_value(g.men, 'percent', lang)} for men in {ctx.name_in_text} {in_year(g.year, lang)}, a gap of "
            f"{format_value(g.gap, 'pp', lang)}."))
        frame = chart_frame(pairs, lang)
        if frame["area"].nunique() > 1:  # the area only where the chart compares areas
            frame["measure"] = frame["area_label"] + ", " + frame["measure"].map(lower_first)
        chart_list.append(charts.paired_bars(
            frame, language=lang, axis_title=axis_title("percent", lang),
            title=ctx.t(f"Forskel på {format_value(g.gap, 'pp', lang)} mellem mænd og kvinder i "
                        f"{where} {in_year(g.year, lang)}",
                        f"A gap of {format_value(g.gap, 'pp', lang)} between men and women in "
                        f"{where} {in_year(g.year, lang)}"),
            description=ctx.t("Søjlediagram: kvinders og mænds andel for hvert område med samme mål og kilde.",
                              "Bar chart: women's and men's share for each area with the same measure and source.")))
        chart_rows.append(pairs)

    own_shares = shares[shares["region"] == ctx.region]
    if not own_shares.empty:
        s = own_shares.sort_values("year", na_position="first").iloc[-1]
        contradicted = bool(shares_from_own_counts(obs, s))
        parts.append(stated_share(ctx, s) if contradicted else say(ctx, s, first=not parts, notes=notes))
        parts.append(implied_share(ctx, s))
        parts.append(others_with(ctx, shares, s))
        shares = most_recent_series(shares, ctx.region, CHART_SERIES)
    if not own_shares.empty and shares["region"].nunique() > 1:  # a chart compares; one dot alone says nothing
        frame = chart_frame(shares, lang)
        top = shares.loc[shares["value"].idxmax()]
        highest = format_value(top["value"], "percent", lang, top["qualifier"] if isinstance(top["qualifier"], str)
                               else "")
        chart_list.append(charts.dot_comparison(
            frame, focus=ctx.region, language=lang, axis_title=axis_title("percent", lang),
            title=ctx.t(f"Kvinder udgør højst {highest} i de viste mål",
                        f"Women make up at most {highest} in the measures shown"),
            description=ctx.t("Prikdiagram: kvinders andel for hvert mål, en prik pr. område med samme mål og kilde.",
                              "Dot chart: women's share for each measure, one dot per area with the same measure "
                              "and source.")))
        chart_rows.append(shares)
    used = pd.concat([pairs, all_shares], ignore_index=True)
    extra = []
    if not own_shares.empty and shares_from_own_counts(obs, s):
        # The calculation the sentence reports, with the counts it comes from (the source's own figures).
        counted = own_count_shares(obs, s)
        measure = get_indicator(s.indicator).label(lang)  # one name for the measure, stated or calculated
        extra.append((ctx.t(f"{measure}, beregnet ud fra kildens optagstal (egne beregninger)",
                            f"{measure}, calculated from the source's intake counts (own calculations)"),
                      pd.DataFrame({
                          ctx.t("Niveau", "Level"): [ctx.t("I alt", "Total") if lv == "all"
                                                     else levels()[lv].table_label(lang) for lv in counted["level"]],
                          ctx.t("Kvinder optaget på STEM-uddannelser", "Women admitted to STEM"): [
                              format_value(v, "persons", lang, q) for v, q in
                                                      zip(counted["women"], counted["women_qualifier"])],
                          ctx.t("Optaget på STEM-uddannelser i alt", "Admitted to STEM, total"): [
                              format_value(v, "persons", lang, q)
                              for v, q in zip(counted["total"], counted["total_qualifier"])],
                          ctx.t("Kvinders andel", "Women's share"): [
                              format_value(v, "percent", lang, "approx" if (qw or qt) else "", decimals=0)
                              for v, qw, qt in zip(counted["share"], counted["women_qualifier"],
                                                   counted["total_qualifier"])]})))
    if len(gaps) > 1:  # one gap is said in the text and drawn in the chart; a one-row table repeats it
        gap_table = pd.DataFrame({
            ctx.t("Område", "Area"): [area_name(r, lang) for r in gaps["region"]],
            ctx.t("Opgørelse", "Measure"): [
                series_label({"indicator": i, "level": level, "sex": "total", "breakdown": b}, lang)
                for i, level, b in zip(gaps["indicator"], gaps["level"], gaps["breakdown"])],
            ctx.t("År", "Year"): [in_year(y, lang, bare=True) for y in gaps["year"]],
            ctx.t("Kvinder", "Women"): [format_value(v, "percent", lang) for v in gaps["women"]],
            ctx.t("Mænd", "Men"): [format_value(v, "percent", lang) for v in gaps["men"]],
            ctx.t("Forskel", "Gap"): [format_value(v, "pp", lang) for v in gaps["gap"]],
        })
        extra.append((ctx.t("Forskellen mellem mænd og kvinder (mænd minus kvinder, egne beregninger)",
                            "The gap between men and women (men minus women, own calculations)"), gap_table))
    missing = "" if parts else no_figure(ctx, "kønsfordelingen i STEM", "the gender split in STEM")
    table = figure_table(used, lang)
    return Section("gender", theme_label("gender", lang), " ".join(parts), chart_list,
                   table, used,
                   missing=missing, extra_tables=extra, chart_rows=chart_rows, note=undated_note(ctx, notes))
