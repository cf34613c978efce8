"""The VEU section: adult participation in education, its change over the cards' window, and STEM VEU."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.headlines import ALL_FIELDS_LABELS, theme_label
from stemlib.definitions.indicators import get_indicator, indicators_in_family

from .. import charts
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..prose import say
from ..report_context import ReportContext
from ..scorecards import change_over_window
from ..selection import area_name, latest, select
from ..time_table import series_table
from .common import no_figure
from .section import Section


def _order(ctx: ReportContext) -> dict[str, int]:
    """Each area's place on the page: the region first, the compared regions, the whole country last."""
    return {code: place for place, code in enumerate(ctx.areas)}


def change_table(ctx: ReportContext, change: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each area's share in the base year and the latest year, and the change in points.

    When every area's latest figure is from one year, that year heads the column and the cells
    hold the share alone; otherwise each cell says its year ("24,0 % (2018)").
    """
    lang = ctx.language
    shares = [format_value(v, "percent", lang, decimals=1) for v in change["last"]]
    years = set(change["last_year"])
    if len(years) == 1 and years != {base_year}:  # two columns headed by one year would read as one
        latest_heading, latest_cells = str(years.pop()), shares
    else:
        latest_heading = ctx.t("Seneste", "Latest")
        latest_cells = [f"{share} ({year})" for share, year in zip(shares, change["last_year"])]
    return pd.DataFrame({
        ctx.t("Område", "Area"): [area_name(r, lang) for r in change["region"]],
        str(base_year): [format_value(v, "percent", lang, decimals=1) for v in change["start_value"]],
        latest_heading: latest_cells,
        ctx.t("Ændring", "Change"): [format_value(v, "pp", lang, signed=True, decimals=1) for v in change["change"]],
    })


def veu_section(ctx: ReportContext) -> Section:
    """Adult participation (all five regions, Eurostat), its change over the cards' window, and STEM VEU."""
    obs, lang = ctx.observations, ctx.language
    title = theme_label("veu", lang)
    # Where the region has no STEM VEU figure, the section shows adults in all education: it is named so, as
    # its card is (stemlib.definitions.headlines.ALL_FIELDS_LABELS).
    own_veu = obs[(obs["region"] == ctx.region) & obs["indicator"].str.startswith("stem_veu")]
    if own_veu.empty:
        title = ctx.t(*ALL_FIELDS_LABELS["veu"])
    series = select(obs, "adult_participation_4w", areas=ctx.areas, sex="total")
    series = series[series["year"] >= 2007]
    # A break in the first year shown has no "before" on the page: it is not marked (table, chart or text).
    if not series.empty:
        series = series.assign(flag=series["flag"].where(series["year"] != series["year"].min(), ""))
    other_veu = select(obs, [i.id for i in indicators_in_family("veu") if i.id != "adult_participation_4w"],
                       areas=ctx.areas)
    # STEM VEU: the STEM indicators, and StatBank's participants in the STEM education areas; the rest
    # (AMU in all subject areas, all VEU participants) is shown apart, so it is never read as STEM.
    is_stem = other_veu["indicator"].str.startswith("stem_") | other_veu["breakdown"].str.contains("area:stem")
    stem_veu, other_veu = other_veu[is_stem], other_veu[~is_stem]
    chart_list, parts, extra = [], [], []
    if not series.empty:
        frame = chart_frame(series, lang)
        own_series = series[series["region"] == ctx.region]
        window = change_over_window(own_series, int(own_series["year"].max()), "percent") \
            if not own_series.empty else {"change": None}
        # Every area's change over the card's window, so the page counts from one year.
        base_year = window["change_from_year"] if window["change"] is not None else 2011
        change = []
        for region, group in series.groupby("region", sort=False):
            by_year = group.set_index("year")["value"]
            last = int(by_year.index.max())
            if base_year in by_year.index:
                change.append({"region": region, "start_value": by_year[base_year], "last_year": last,
                               "last": by_year[last], "change": by_year[last] - by_year[base_year]})
        change = pd.DataFrame(change)
        if not change.empty:  # the areas in the report's order, as in the table of figures
            change = change.sort_values("region", key=lambda codes: codes.map(_order(ctx)), kind="stable")
        label = get_indicator("adult_participation_4w").label(lang)
        if window["change"] is not None:
            # The same window as the card (the scorecard's rule), so the page tells one story.
            last_year, start = int(own_series["year"].max()), window["change_from_year"]
            by_year = own_series.set_index("year")["value"]
            delta = window["change"]
            verb = ctx.t("faldt", "fell") if delta < 0 else ctx.t("steg", "rose")
            latest_row = own_series[own_series["year"] == last_year].iloc[0]
            start_text = format_value(by_year[start], "percent", lang, decimals=1)
            wholly, mostly = window.get("change_wholly_at_break"), window.get("change_mostly_at_break")
            told = say(ctx, latest_row, first=True, decimals=1).rstrip(".")
            country = series[series["region"] == "000"].set_index("year")["value"]
            at = window["change_break_years"].replace(" ", ctx.t(" og ", " and "))
            several = " " in str(window["change_break_years"])
            if wholly:
                # The fall since the window's start is the method's, not the region's: the region's level is
                # compared with the country's in the same year, and the change is said to lie at the break.
                parts.append(told + ".")
                if ctx.region != "000" and last_year in country.index:
                    parts.append(ctx.t(f"I hele landet var andelen "
                                       f"{format_value(country[last_year], 'percent', lang, decimals=1)} samme år.",
                                       f"Across the country the share was "
                                       f"{format_value(country[last_year], 'percent', lang, decimals=1)} that year."))
                brud = ctx.t("bruddene" if several else "bruddet", "the breaks" if several else "the break")
                # Nothing is compared across the break: the text says what the break means and stops there.
                # Every break the table and the chart mark (the first year shown carries none), named once.
                marked = sorted({int(y) for y, f in zip(own_series["year"], own_series["flag"])
                                 if isinstance(f, str) and "b" in f and int(y) > int(own_series["year"].min())})
                every = ", ".join(map(str, marked[:-1])) + ctx.t(" og ", " and ") + str(marked[-1]) \
                    if len(marked) > 1 else at
                brud = ctx.t("bruddene" if len(marked) > 1 else brud, "the breaks" if len(marked) > 1 else brud)
                parts.append(ctx.t(f"Tallene før og efter {brud} i tidsserien i {every} er ikke fuldt "
                                   "sammenlignelige.",
                                   f"The figures before and after {brud} in the series in {every} are not fully "
                                   "comparable."))
                # The change that can be read: from the last break on, the figures are comparable.
                since = max(int(y) for y in str(window["change_break_years"]).split())
                if since < last_year and since in by_year.index:
                    was = format_value(by_year[since], "percent", lang, decimals=1)
                    now = format_value(by_year[last_year], "percent", lang, decimals=1)
                    parts.append(ctx.t(f"Efter det seneste brud gik andelen fra {was} i {since} til {now} i "
                                       f"{last_year}.",
                                       f"After the last break the share went from {was} in {since} to {now} in "
                                       f"{last_year}."))
            else:
                parts.append(told + ctx.t(f", {'ned' if delta < 0 else 'op'} fra {start_text} i {start}.",
                                          f", {'down' if delta < 0 else 'up'} from {start_text} in {start}."))
                if mostly:
                    parts.append(ctx.t(f"Det meste af {'faldet' if delta < 0 else 'stigningen'} kom ved "
                                       f"{'bruddene' if several else 'bruddet'} i tidsserien i {at}.",
                                       f"Most of the change came at the break in the "
                                       f"series in {at}."))
                if ctx.region != "000" and {start, last_year} <= set(country.index):
                    national = country[last_year] - country[start]
                    moved = format_value(abs(national), "pp", lang, decimals=1)
                    parts.append(ctx.t(f"I hele landet {'faldt' if national < 0 else 'steg'} andelen {moved} i "
                                       "samme periode.",
                                       f"Across the country the share {'fell' if national < 0 else 'rose'} {moved} "
                                       "over the same years."))
            where = area_name(ctx.region, lang)
            if wholly and last_year in country.index and ctx.region != "000":
                own_text = format_value(by_year[last_year], "percent", lang, decimals=1)
                country_text = format_value(country[last_year], "percent", lang, decimals=1)
                # The title names the measure: under "Voksen- og efteruddannelse" a bare "Andelen" reads as VEU.
                chart_title = ctx.t(f"{own_text} af de 25–64-årige i {where} havde deltaget i uddannelse eller "
                                    f"undervisning de seneste fire uger i {last_year} mod {country_text} i hele landet",
                                    f"{own_text} of people aged 25–64 in {where} had taken part in education or "
                                    f"training in the last four weeks in {last_year} against {country_text} "
                                    "nationally")
            elif mostly:
                chart_title = ctx.t(f"Andelen i {where} {verb} fra {start} til {last_year}, det meste ved "
                                    f"{'bruddene' if several else 'bruddet'} i tidsserien i {at}",
                                    f"The share in {where} {verb} from {start} to {last_year}, mostly at the break "
                                    f"in the series in {at}")
            else:
                chart_title = ctx.t(f"Andelen i {where} {verb} {format_value(abs(delta), 'pp', lang, decimals=1)} "
                                    f"fra {start} til {last_year}",
                                    f"The share in {where} {verb} {format_value(abs(delta), 'pp', lang, decimals=1)} "
                                    f"from {start} to {last_year}")
        else:
            chart_title = label
        chart_list.append(charts.lines_over_time(
            frame, title=chart_title, focus=ctx.region, language=lang,
            axis_title=axis_title("percent", lang),
            description=ctx.t("Linjediagram: andel af 25–64-årige, der har deltaget i uddannelse de seneste fire "
                              "uger, 2007 og frem, en linje pr. område. Ruder markerer brud i tidsserien.",
                              "Line chart: share of people aged 25-64 in education in the last four weeks, from "
                              "2007, one line per area. Diamonds mark breaks in series.")))
        # A change the text says cannot be read as a trend is not tabulated for every area either.
        if not change.empty and not (window.get("change_mostly_at_break") if window["change"] is not None else False):
            all_breaks = sorted({int(y) for y, f in zip(series["year"], series["flag"])
                                 if isinstance(f, str) and "b" in f and y > base_year})
            spans = ctx.t(f"; brud i tidsserien i {' og '.join(map(str, all_breaks))}",
                          f"; the series breaks in {' and '.join(map(str, all_breaks))}") if all_breaks else ""
            extra.append((ctx.t(f"Ændringen siden {base_year} (egne beregninger{spans})",
                                f"The change since {base_year} (own calculations{spans})"),
                          change_table(ctx, change, base_year)))
    own_stem = stem_veu[stem_veu["region"] == ctx.region]
    for r in latest(own_stem).head(2).itertuples():
        parts.append(say(ctx, r, first=not parts))
    if own_stem.empty:
        parts.append(ctx.t(f"Der er ikke offentliggjort tal for voksen- og efteruddannelse i STEM for "
                           f"{ctx.name_in_text}.",
                           f"No figure on adult and continuing education in STEM has been published for "
                           f"{ctx.name_in_text}."))
    # The latest STEM VEU figure per series is what the section shows, so it is what the sources list.
    used = pd.concat([series, latest(stem_veu), latest(other_veu)], ignore_index=True)
    table = figure_table(latest(stem_veu), lang) if not stem_veu.empty else pd.DataFrame()
    if not table.empty:
        published_for = [area_name(c, lang) for c in ctx.areas if c in set(stem_veu["region"])]
        named = (", ".join(published_for[:-1]) + ctx.t(" og ", " and ") + published_for[-1]) \
            if len(published_for) > 1 else published_for[0]
        named = named.replace("Hele landet", "hele landet").replace("Whole country", "the whole country")
        extra.insert(0, (ctx.t(f"Voksen- og efteruddannelse i STEM: offentliggjorte tal for {named}",
                               f"Adult and continuing education in STEM: published figures for {named}"), table))
    if not other_veu.empty:
        only_amu = set(other_veu["level"]) == {"amu"}
        extra.append((ctx.t("Arbejdsmarkedsuddannelser (AMU) på alle fagområder" if only_amu else
                            "Voksen- og efteruddannelse på alle områder",
                            "Labour-market training (AMU) in all subject areas" if only_amu else
                            "Adult and continuing education in every subject, not only STEM"),
                      figure_table(latest(other_veu), lang)))
    # One series for every area over the years: a year × area table, the measure and source named once.
    main_table = series_table(series, lang, ctx.areas)
    missing = "" if not series.empty or not own_stem.empty else no_figure(ctx, "voksen- og efteruddannelse",
                                                                           "adult and continuing education")
    return Section("veu", title, " ".join(parts), chart_list, main_table, used,
                   note=ctx.t("Figuren bygger på Eurostats arbejdskraftundersøgelse og dækker al uddannelse og "
                              "undervisning blandt 25–64-årige, også ordinær uddannelse, ikke kun voksen- og "
                              "efteruddannelse i STEM. Linjerne er afbrudt ved brud i tidsserien, og årene med brud "
                              "er vist som større, rombeformede punkter.",
                              "The chart is based on Eurostat's labour force survey and covers all education, not "
                              "only STEM. The lines stop at breaks in the series, and the years with a break are "
                              "drawn as larger diamonds."),
                   missing=missing, extra_tables=extra)
