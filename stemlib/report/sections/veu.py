"""The VEU section: adult participation in education, its change since 2011, and STEM VEU where published."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import indicators_in_family

from .. import charts
from ..formatting import format_value
from ..frames import chart_frame, figure_table
from ..report_context import ReportContext
from ..selection import area_name, latest, select, series_label, year_text
from .common import no_figure
from .section import Section


def veu_section(ctx: ReportContext) -> Section:
    """Adult participation (all five regions, Eurostat), its change since 2011, and STEM VEU where published."""
    obs, lang = ctx.observations, ctx.language
    title = ctx.t("Voksen- og efteruddannelse (VEU)", "Adult and continuing education (VEU)")
    series = select(obs, "adult_participation_4w", areas=ctx.areas, sex="total")
    series = series[series["year"] >= 2007]
    other_veu = select(obs, [i.id for i in indicators_in_family("veu") if i.id != "adult_participation_4w"],
                       areas=ctx.areas)
    # STEM VEU: the STEM indicators, and StatBank's participants in the STEM education areas; the rest
    # (AMU in all subject areas, all VEU participants) is shown apart, so it is never read as STEM.
    is_stem = other_veu["indicator"].str.startswith("stem_") | other_veu["breakdown"].str.contains("area:stem")
    stem_veu, other_veu = other_veu[is_stem], other_veu[~is_stem]
    chart_list, parts, extra = [], [], []
    if not series.empty:
        frame = chart_frame(series, lang)
        change = []
        for region, group in series.groupby("region", sort=False):
            by_year = group.set_index("year")["value"]
            last = int(by_year.index.max())
            if 2011 in by_year.index:
                change.append({"region": region, "v2011": by_year[2011], "last_year": last, "last": by_year[last],
                               "change": by_year[last] - by_year[2011]})
        change = pd.DataFrame(change)
        own = change[change["region"] == ctx.region]
        if not own.empty:
            c = own.iloc[0]
            verb = ctx.t("faldt", "fell") if c.change < 0 else ctx.t("steg", "rose")
            country = change[change["region"] == "000"]
            versus = ""
            if ctx.region != "000" and not country.empty:
                versus = ctx.t(f" Hele landet: {format_value(country.iloc[0].change, 'pp', lang, signed=True)}.",
                               f" Whole country: {format_value(country.iloc[0].change, 'pp', lang, signed=True)}.")
            parts.append(ctx.t(
                f"Andelen af 25-64-årige i uddannelse i {ctx.name} {verb} fra {format_value(c.v2011, 'percent', lang)} "
                f"i 2011 til {format_value(c.last, 'percent', lang)} i {c.last_year} "
                f"({format_value(c.change, 'pp', lang, signed=True)}).{versus}",
                f"The share of people aged 25-64 in education in {ctx.name} {verb} from "
                f"{format_value(c.v2011, 'percent', lang)} in 2011 to {format_value(c.last, 'percent', lang)} in "
                f"{c.last_year} ({format_value(c.change, 'pp', lang, signed=True)}).{versus}"))
            chart_title = ctx.t(f"Voksnes deltagelse i uddannelse i {area_name(ctx.region, lang)} "
                                f"{verb} {format_value(abs(c.change), 'pp', lang)} fra 2011 til {c.last_year}",
                                f"Adult participation in education in {area_name(ctx.region, lang)} {verb} "
                                f"{format_value(abs(c.change), 'pp', lang)} from 2011 to {c.last_year}")
        else:
            chart_title = ctx.t("Voksnes deltagelse i uddannelse", "Adult participation in education")
        chart_list.append(charts.lines_over_time(
            frame, title=chart_title, focus=ctx.region, language=lang,
            axis_title=ctx.t("Andel af 25-64-årige (%)", "Share of people aged 25-64 (%)"),
            description=ctx.t("Linjediagram: andel af 25-64-årige i uddannelse de seneste fire uger, 2007 og frem, "
                              "en linje pr. område. Ruder markerer brud i tidsserien.",
                              "Line chart: share of people aged 25-64 in education in the last four weeks, from "
                              "2007, one line per area. Diamonds mark breaks in series.")))
        if not change.empty:
            extra.append((ctx.t("Ændring siden 2011 (egen beregning)", "Change since 2011 (own calculation)"),
                          pd.DataFrame({
                              ctx.t("Område", "Area"): [area_name(r, lang) for r in change["region"]],
                              "2011": [format_value(v, "percent", lang) for v in change["v2011"]],
                              ctx.t("Seneste", "Latest"): [f"{format_value(v, 'percent', lang)} ({y})"
                                                           for v, y in zip(change["last"], change["last_year"])],
                              ctx.t("Ændring", "Change"): [format_value(v, "pp", lang, signed=True)
                                                           for v in change["change"]]})))
    own_stem = stem_veu[stem_veu["region"] == ctx.region]
    for r in latest(own_stem).head(2).itertuples():
        parts.append(f"{series_label(r, lang)}: {format_value(r.value, r.unit, lang, r.qualifier, signed=r.unit == 'pp')} "
                     f"({year_text(r.year, lang)}).")
    if own_stem.empty:
        parts.append(ctx.t(f"STEM-VEU er ikke offentliggjort som tal for {ctx.name}.",
                           f"STEM VEU has not been published as a figure for {ctx.name}."))
    # The latest STEM VEU figure per series is what the section shows, so it is what the sources list.
    used = pd.concat([series, latest(stem_veu), latest(other_veu)], ignore_index=True)
    table = figure_table(latest(stem_veu), lang) if not stem_veu.empty else pd.DataFrame()
    if not table.empty:
        extra.insert(0, (ctx.t("STEM-VEU, hvor det er offentliggjort", "STEM VEU where published"), table))
    if not other_veu.empty:
        extra.append((ctx.t("Voksen- og efteruddannelse i alt (alle fag, ikke kun STEM)",
                            "Adult and continuing education in all (every subject, not only STEM)"),
                      figure_table(latest(other_veu), lang)))
    main_table = figure_table(series, lang)
    missing = "" if not series.empty or not own_stem.empty else no_figure(ctx, "voksen- og efteruddannelse",
                                                                           "adult and continuing education")
    return Section("veu", title, " ".join(parts), chart_list, main_table, used,
                   note=ctx.t("Eurostats arbejdskraftundersøgelse (trng_lfse_04) dækker al uddannelse, ikke kun STEM; "
                              "tidsserien har brud (markeret b) i 2016 og 2017, så ændringen siden 2011 går hen over "
                              "brud.",
                              "Eurostat's Labour Force Survey (trng_lfse_04) covers all education, not only STEM; the "
                              "series has breaks (flagged b) in 2016 and 2017, so the change since 2011 spans breaks."),
                   missing=missing, extra_tables=extra)
