"""The VEU section: adult participation in education, its change since 2011, and STEM VEU where published."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator, indicators_in_family

from .. import charts
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..report_context import ReportContext
from ..selection import area_name, latest, select
from .common import no_figure
from .family import figure_sentence
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
        label = get_indicator("adult_participation_4w").label(lang)
        if not own.empty:
            c = own.iloc[0]
            verb = ctx.t("faldt", "fell") if c.change < 0 else ctx.t("steg", "rose")
            country = change[change["region"] == "000"]
            versus = ""
            if ctx.region != "000" and not country.empty:
                national = format_value(country.iloc[0].change, "pp", lang, signed=True)
                versus = ctx.t(f" I hele landet var ændringen {national}.",
                               f" Across the country the change was {national}.")
            parts.append(ctx.t(
                f"{label} i {ctx.name} {verb} fra {format_value(c.v2011, 'percent', lang)} i 2011 til "
                f"{format_value(c.last, 'percent', lang)} i {c.last_year} "
                f"({format_value(c.change, 'pp', lang, signed=True)}).{versus}",
                f"{label} in {ctx.name} {verb} from {format_value(c.v2011, 'percent', lang)} in 2011 to "
                f"{format_value(c.last, 'percent', lang)} in {c.last_year} "
                f"({format_value(c.change, 'pp', lang, signed=True)}).{versus}"))
            breaks = sorted({int(y) for y, f in zip(series["year"], series["flag"])
                             if isinstance(f, str) and "b" in f and 2011 < y <= c.last_year})
            if breaks:
                years = " og ".join(str(y) for y in breaks)
                parts.append(ctx.t(f"Serien har brud i {years}, så ændringen går hen over et brud.",
                                   f"The series breaks in {' and '.join(str(y) for y in breaks)}, so the change "
                                   "spans a break."))
            chart_title = ctx.t(f"{label} i {area_name(ctx.region, lang)} "
                                f"{verb} {format_value(abs(c.change), 'pp', lang)} fra 2011 til {c.last_year}",
                                f"{label} in {area_name(ctx.region, lang)} {verb} "
                                f"{format_value(abs(c.change), 'pp', lang)} from 2011 to {c.last_year}")
        else:
            chart_title = label
        chart_list.append(charts.lines_over_time(
            frame, title=chart_title, focus=ctx.region, language=lang,
            axis_title=axis_title("percent", lang),
            description=ctx.t("Linjediagram: andel af 25-64-årige i uddannelse de seneste fire uger, 2007 og frem, "
                              "en linje pr. område. Ruder markerer brud i tidsserien.",
                              "Line chart: share of people aged 25-64 in education in the last four weeks, from "
                              "2007, one line per area. Diamonds mark breaks in series.")))
        if not change.empty:
            extra.append((ctx.t("Ændringen siden 2011 (beregnet her)", "The change since 2011 (calculated here)"),
                          pd.DataFrame({
                              ctx.t("Område", "Area"): [area_name(r, lang) for r in change["region"]],
                              "2011": [format_value(v, "percent", lang) for v in change["v2011"]],
                              ctx.t("Seneste", "Latest"): [f"{format_value(v, 'percent', lang)} ({y})"
                                                           for v, y in zip(change["last"], change["last_year"])],
                              ctx.t("Ændring", "Change"): [format_value(v, "pp", lang, signed=True)
                                                           for v in change["change"]]})))
    own_stem = stem_veu[stem_veu["region"] == ctx.region]
    for r in latest(own_stem).head(2).itertuples():
        parts.append(figure_sentence(ctx, r))
    if own_stem.empty:
        parts.append(ctx.t(f"Der er ikke offentliggjort tal for voksen- og efteruddannelse i STEM for {ctx.name}.",
                           f"No figure on adult and continuing education in STEM has been published for {ctx.name}."))
    # The latest STEM VEU figure per series is what the section shows, so it is what the sources list.
    used = pd.concat([series, latest(stem_veu), latest(other_veu)], ignore_index=True)
    table = figure_table(latest(stem_veu), lang) if not stem_veu.empty else pd.DataFrame()
    if not table.empty:
        extra.insert(0, (ctx.t("Voksen- og efteruddannelse i STEM, hvor det er offentliggjort",
                               "Adult and continuing education in STEM, where published"), table))
    if not other_veu.empty:
        extra.append((ctx.t("Voksen- og efteruddannelse i alle fag, ikke kun STEM",
                            "Adult and continuing education in every subject, not only STEM"),
                      figure_table(latest(other_veu), lang)))
    main_table = figure_table(series, lang)
    missing = "" if not series.empty or not own_stem.empty else no_figure(ctx, "voksen- og efteruddannelse",
                                                                           "adult and continuing education")
    return Section("veu", title, " ".join(parts), chart_list, main_table, used,
                   note=ctx.t("Tallene kommer fra Eurostats arbejdskraftundersøgelse og dækker al uddannelse, ikke "
                              "kun STEM. Ruderne i figuren markerer brud i tidsserien.",
                              "The figures come from Eurostat's labour force survey and cover all education, not "
                              "only STEM. The diamonds in the chart mark breaks in the series."),
                   missing=missing, extra_tables=extra)
