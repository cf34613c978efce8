"""Build the sections of a region report from the observations.

Each builder returns a :class:`Section`: a heading, one or two sentences that
state what the figures show (written from the data, for any region), charts,
the table of numbers behind them, the observation rows used (for the sources
section and the key numbers nbval checks), a caveat, and a statement when the
region has no published figure. A section never raises for lack of data and
never returns an empty chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import charts
from .formatting import format_value
from .indicators import get_indicator, indicators_in_family
from .regions import REGIONS
from .selection import SEX_LABELS, area_name, latest, select, series_label, split_by_scope, tr, year_text
from .targets import assess_target, goals_for_region, target_path, targets_for_region, TARGETS


@dataclass(frozen=True)
class ReportContext:
    """What a report is about: the region, the areas it is compared with, the language, the data."""

    region: str
    compare_with: tuple[str, ...]
    language: str
    observations: pd.DataFrame

    @property
    def areas(self) -> list[str]:
        """The report's region first, the compared regions, the whole country last."""
        others = [c for c in self.compare_with if c not in {self.region, "000"}]
        country = ["000"] if ("000" in self.compare_with or self.region == "000") and self.region != "000" else []
        return [self.region, *others, *country]

    @property
    def name(self) -> str:
        """The report region's full name."""
        return REGIONS[self.region].name(self.language)

    def t(self, da: str, en: str) -> str:
        """Return the text in the report's language."""
        return tr(self.language, da, en)


@dataclass
class Section:
    """One section of a report, ready to display."""

    key: str
    title: str
    finding: str
    charts: list = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    note: str = ""
    missing: str = ""
    extra_tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)

    def key_numbers(self) -> str:
        """Return the section's figures as plain, stable text (what nbval compares)."""
        if self.figures.empty:
            return f"{self.key}: no figures"
        lines = [f"{self.key}: {len(self.figures)} figures"]
        for row in self.figures.sort_values(["indicator", "region", "level", "sex", "breakdown", "year"],
                                            na_position="first").itertuples():
            year = "-" if pd.isna(row.year) else int(row.year)
            lines.append(f"  {row.indicator} {row.region} {row.level} {row.sex} {row.breakdown} {year}: "
                         f"{row.value:g} {row.unit}")
        return "\n".join(lines)


def chart_frame(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """Add the labelled columns the chart helpers and tables use."""
    if rows.empty:
        return rows.assign(area=[], area_label=[], measure=[], value_text=[], year_text=[], sex_label=[],
                           flag_text=[])
    frame = rows.copy()
    frame["area"] = frame["region"]
    frame["area_label"] = [area_name(code, language) for code in frame["region"]]
    frame["measure"] = [series_label(row, language, with_sex=False) for row in frame.itertuples()]
    frame["value_text"] = [format_value(v, u, language, q) for v, u, q in
                           zip(frame["value"], frame["unit"], frame["qualifier"])]
    frame["year_text"] = [year_text(y, language) for y in frame["year"]]
    frame["sex_label"] = [SEX_LABELS[language][s] for s in frame["sex"]]
    frame["flag_text"] = [_flag_text(f, language) for f in frame["flag"]]
    return frame


def _flag_text(flag: str, language: str) -> str:
    words = {"b": tr(language, "brud i tidsserien", "break in series"),
             "u": tr(language, "lav pålidelighed", "low reliability"),
             "d": tr(language, "definitionen afviger", "definition differs")}
    return ", ".join(words.get(letter, letter) for letter in flag)


def figure_table(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """The numbers behind a chart: area, measure, sex, year, value as formatted text, source."""
    frame = chart_frame(rows, language)
    if frame.empty:
        return pd.DataFrame()
    table = pd.DataFrame({
        tr(language, "Område", "Area"): frame["area_label"],
        tr(language, "Mål", "Measure"): frame["measure"],
        tr(language, "Køn", "Sex"): frame["sex_label"],
        tr(language, "År", "Year"): frame["year_text"],
        tr(language, "Værdi", "Value"): frame["value_text"] + frame["flag_text"].map(lambda t: f" ({t})" if t else ""),
        tr(language, "Kilde", "Source"): frame["source"],
    })
    return table.reset_index(drop=True)


def _axis_title(unit: str, language: str) -> str:
    return {"percent": tr(language, "Procent", "Percent"), "pp": tr(language, "Procentpoint", "Percentage points"),
            "persons": tr(language, "Personer", "People"), "count": tr(language, "Antal", "Number"),
            "dkk_million": tr(language, "Mio. kr.", "DKK million"), "index": "Indeks"}[unit]


def _no_figure(ctx: ReportContext, what_da: str, what_en: str) -> str:
    return ctx.t(f"Der er ikke offentliggjort tal om {what_da} for {ctx.name}.",
                 f"No figure on {what_en} has been published for {ctx.name}.")


def _others_with(ctx: ReportContext, rows: pd.DataFrame) -> str:
    others = [area_name(c, ctx.language) for c in ctx.areas[1:] if c in set(rows["region"])]
    if not others:
        return ctx.t("Ingen af de sammenlignede områder har et sammenligneligt tal.",
                     "None of the compared areas has a comparable figure.")
    return ctx.t(f"Sammenlignelige tal findes for: {', '.join(others)}.",
                 f"Comparable figures exist for: {', '.join(others)}.")


# ---------------------------------------------------------------- summary

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


# ---------------------------------------------------------------- gender

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
            focus_first, title=title, language=lang, axis_title=_axis_title("percent", lang),
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
            frame, focus=ctx.region, language=lang, axis_title=_axis_title("percent", lang),
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
    missing = "" if parts else _no_figure(ctx, "kønsfordelingen i STEM", "the gender split in STEM")
    if not parts and not used.empty:
        missing += " " + _others_with(ctx, used)
    return Section("gender", ctx.t("Køn i STEM", "Gender in STEM"), " ".join(parts), chart_list, table, used,
                   note=ctx.t("Målene bygger på forskellige populationer (dimittender, optag, 35-årige); "
                              "sammenlign kun tal for samme mål.",
                              "The measures cover different populations (graduates, intake, 35-year-olds); "
                              "compare only figures for the same measure."),
                   missing=missing, extra_tables=extra)


# ---------------------------------------------------------------- dropout

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
        return Section("dropout", title, "", missing=_no_figure(ctx, "frafald fra STEM-uddannelser",
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
    parts.append(_others_with(ctx, rows[rows["region"] != ctx.region]) if ctx.areas[1:] else "")
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
                               axis_title=_axis_title("percent", lang),
                               description=ctx.t("Søjlediagram: frafald fra STEM det første år efter område og køn.",
                                                 "Bar chart: first-year dropout from STEM by area and sex."))
    missing = "" if not own.empty else (_no_figure(ctx, "frafald fra STEM-uddannelser", "dropout from STEM education")
                                        + " " + _others_with(ctx, rows))
    return Section("dropout", title, " ".join(p for p in parts if p) if not own.empty else "", [chart],
                   figure_table(rows, lang), rows, missing=missing,
                   note=ctx.t("Nordjyllands 18,1 % har hverken år eller uddannelsesniveau i kilden; StatBank GENMF10 "
                              "giver landstal efter køn og årgang, når StatBank-cachen er hentet.",
                              "Nordjylland's 18.1% has no year or level in the source; StatBank GENMF10 gives "
                              "national figures by sex and cohort once the StatBank cache is fetched."))


# ---------------------------------------------------------------- families shown the same way

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


def _family_section(ctx: ReportContext, key: str, families: tuple[str, ...], title: str,
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
            chart_frame(shares, lang), focus=ctx.region, language=lang, axis_title=_axis_title("percent", lang),
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
        missing = _no_figure(ctx, *what) + (" " + _others_with(ctx, common) if not common.empty else "")
    return Section(key, title, " ".join(parts), chart_list, figure_table(common, lang), used, note=note,
                   missing=missing, extra_tables=extra)


# ---------------------------------------------------------------- A levels and HTX

def a_levels_section(ctx: ReportContext) -> Section:
    """STEM subjects at A level, IT at B/C level, HTX shares, applicants and women in HTX."""
    return _family_section(
        ctx, "a_levels", ("a_levels",), ctx.t("Gymnasiale fagvalg og HTX", "Upper-secondary subject choices and HTX"),
        ("gymnasiale fagvalg og HTX", "upper-secondary subject choices and HTX"),
        ctx.t("A-niveaufag i naturvidenskab er ikke offentliggjort for nogen region i kilderne; "
              "tallene her er de nærmeste: IT på B/C-niveau, STEM-fag i ungdomsuddannelsen, studieretninger, "
              "HTX og ansøgere til HTX.",
              "STEM subjects at A level are not published for any region in the sources; the nearest figures "
              "are shown: IT at B/C level, STEM subjects in youth education, study lines, HTX and HTX applicants."))


# ---------------------------------------------------------------- VEU

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
    missing = "" if not series.empty or not own_stem.empty else _no_figure(ctx, "voksen- og efteruddannelse",
                                                                           "adult and continuing education")
    return Section("veu", title, " ".join(parts), chart_list, main_table, used,
                   note=ctx.t("Eurostats arbejdskraftundersøgelse (trng_lfse_04) dækker al uddannelse, ikke kun STEM; "
                              "tidsserien har brud (markeret b) i 2016 og 2017, så ændringen siden 2011 går hen over "
                              "brud.",
                              "Eurostat's Labour Force Survey (trng_lfse_04) covers all education, not only STEM; the "
                              "series has breaks (flagged b) in 2016 and 2017, so the change since 2011 spans breaks."),
                   missing=missing, extra_tables=extra)


# ---------------------------------------------------------------- intake, completions and the labour market

def intake_section(ctx: ReportContext) -> Section:
    """Intake to and completion of STEM educations: counts, shares and growth."""
    return _family_section(
        ctx, "intake", ("intake", "completions"), ctx.t("Optag og fuldførelse", "Intake and completions"),
        ("optag på og fuldførelse af STEM-uddannelser", "intake to and completion of STEM education"),
        ctx.t("Antal og andele kommer fra forskellige kilder og år; kun tal med samme definition vises i samme figur.",
              "Counts and shares come from different sources and years; only figures with one definition share a "
              "chart."))


def labour_market_section(ctx: ReportContext) -> Section:
    """The STEM-educated workforce, job postings and recruitment problems."""
    return _family_section(
        ctx, "labour_market", ("supply", "demand"), ctx.t("STEM på arbejdsmarkedet", "STEM in the labour market"),
        ("STEM-uddannede på arbejdsmarkedet og efterspørgslen efter dem",
         "the STEM-educated workforce and the demand for it"),
        ctx.t("Arbejdsstyrke, beskæftigelse og jobopslag er forskellige mål; sammenlign kun tal for samme mål.",
              "Workforce, employment and job postings are different measures; compare only figures for the same "
              "measure."),
        # Eurostat's attainment covers every field of education, not STEM: it would bury the STEM figures.
        leave_out=("attainment_share",))


# ---------------------------------------------------------------- targets

def _baseline_text(ctx: ReportContext, target, a, unit: str) -> str:
    """The baseline cell: its value and year, or what is missing."""
    if a.baseline_value is not None:
        return f"{format_value(a.baseline_value, unit, ctx.language)} ({target.baseline_year})"
    if target.baseline_year is None:
        return ctx.t("ikke oplyst", "not stated")
    return ctx.t(f"mangler ({target.baseline_year})", f"missing ({target.baseline_year})")


def _latest_text(ctx: ReportContext, target, a, unit: str) -> str:
    """The latest cell: a value, or a change since the baseline where only that is published."""
    if a.latest_value is None:
        return "–"
    if a.measured_as_change:
        change = format_value(a.latest_value, "percent", ctx.language, signed=True)
        expected = format_value(a.expected_value, "percent", ctx.language, signed=True, decimals=0)
        return ctx.t(f"{change} siden {target.baseline_year} ({a.latest_year}; målstien: {expected})",
                     f"{change} since {target.baseline_year} ({a.latest_year}; target path: {expected})")
    return f"{format_value(a.latest_value, unit, ctx.language)} ({a.latest_year})"


STATUS_WORDS = {"on_track": ("på sporet", "on track"), "behind": ("bagud", "behind"), "no_data": ("ingen data", "no data")}


def targets_section(ctx: ReportContext) -> Section:
    """Baseline, target path and latest value for each target, with a status."""
    obs, lang = ctx.observations, ctx.language
    title = ctx.t("Mål og fremdrift", "Targets and progress")
    own_targets = targets_for_region(ctx.region)
    shown = own_targets + [t for t in TARGETS if t.region == "000" and t not in own_targets]
    rows, paths, observed, parts = [], [], [], []
    assessments = {target.id: assess_target(target, obs) for target in shown}
    for target in shown:
        a = assessments[target.id]
        status = STATUS_WORDS[a.status][1 if lang == "en" else 0]
        unit = get_indicator(target.indicator).unit
        rows.append({
            ctx.t("Mål", "Target"): target.label(lang),
            ctx.t("Område", "Area"): area_name(target.region, lang),
            ctx.t("Nulpunkt", "Baseline"): _baseline_text(ctx, target, a, unit),
            ctx.t("Målværdi", "Goal"): (f"{format_value(a.target_value, unit, lang, decimals=0)} ({target.target_year})"
                                   if a.target_value is not None else f"+{target.increase_percent:g} % "
                                   f"({target.target_year})"),
            ctx.t("Seneste", "Latest"): _latest_text(ctx, target, a, unit),
            "Status": status,
        })
        if a.baseline_value is not None:
            path = target_path(a.baseline_value, baseline_year=target.baseline_year, target_year=target.target_year,
                               increase_percent=target.increase_percent)
            paths.append(pd.DataFrame({"year": path.index, "value": path.values,
                                       "measure": target.label(lang),
                                       "value_text": [format_value(v, unit, lang, decimals=0) for v in path.values]}))
            # Only the source the path was built from: another publisher's figure may use another definition.
            points = select(obs, target.indicator, areas=[target.region], level=target.level, sex="total",
                            breakdown="all", source=a.source).dropna(subset=["year"])
            for r in points.itertuples():
                observed.append({"year": int(r.year), "value": r.value, "measure": target.label(lang),
                                 "value_text": format_value(r.value, r.unit, lang, r.qualifier),
                                 "kind_label": ctx.t("Offentliggjort tal", "Published figure")})
        if target.region == ctx.region or ctx.region == "000":
            parts.append(ctx.t(f"{target.label(lang)}: {status}.", f"{target.label(lang)}: {status}."))
    if not own_targets:
        parts.insert(0, ctx.t(f"{ctx.name} har ingen talsatte mål i de offentliggjorte pagter; den nationale "
                              "teknologipagts mål vises til sammenligning.",
                              f"{ctx.name} has no numeric targets in the published pacts; the national technology "
                              "pact's target is shown for comparison."))
    missing_baseline = [t for t in own_targets if assessments[t.id].baseline_value is None
                        and not assessments[t.id].measured_as_change]
    if any(t.baseline_year is None for t in missing_baseline):
        parts.append(ctx.t(f"Et af {ctx.name}s mål nævner intet nulpunkt, så fremdriften kan ikke måles.",
                           f"One of {ctx.name}'s targets names no baseline, so progress cannot be measured."))
        missing_baseline = [t for t in missing_baseline if t.baseline_year is not None]
    if missing_baseline:
        parts.append(ctx.t(f"Nulpunktet ({missing_baseline[0].baseline_year}) for {ctx.name}s mål er endnu ikke "
                           "offentliggjort som tal, så fremdriften kan ikke måles.",
                           f"The baseline ({missing_baseline[0].baseline_year}) of {ctx.name}'s targets has not been "
                           "published as a figure, so progress cannot be measured yet."))
    chart_list = []
    if paths:
        path_frame = pd.concat(paths, ignore_index=True)
        observed_frame = pd.DataFrame(observed)
        first = next(t for t in shown if assessments[t.id].baseline_value is not None)
        fa = assessments[first.id]
        unit = get_indicator(first.indicator).unit
        chart_title = ctx.t(
            f"{area_name(first.region, lang)}: målet er {format_value(fa.target_value, unit, lang, decimals=0)} "
            f"i {first.target_year} mod {format_value(fa.baseline_value, unit, lang)} i {first.baseline_year}",
            f"{area_name(first.region, lang)}: the goal is {format_value(fa.target_value, unit, lang, decimals=0)} "
            f"in {first.target_year} against {format_value(fa.baseline_value, unit, lang)} in {first.baseline_year}")
        chart_list.append(charts.target_chart(
            path_frame, observed_frame, language=lang, axis_title=_axis_title("persons", lang), title=chart_title,
            description=ctx.t("Linjediagram: stiplet målsti fra nulpunkt til målår; prikker er offentliggjorte tal.",
                              "Line chart: dashed target path from baseline to target year; dots are published "
                              "figures.")))
    goals = goals_for_region(ctx.region)
    extra = []
    if goals:
        extra.append((ctx.t("Kvalitative mål for 2025", "Qualitative goals for 2025"), pd.DataFrame({
            ctx.t("Mål", "Goal"): [g.text(lang) for g in goals],
            "Status": [ctx.t("kvalitativt mål – ikke målbart i tal", "qualitative goal – not measurable in figures")
                       for _ in goals]})))
    # Only the series each target is measured on (its region, level, both sexes together), and the
    # pacts' own figures: a StatBank cache holds every level, sex and municipality, which would bury them.
    measured = [select(obs, [t.indicator, t.baseline_indicator, t.change_indicator], areas=[t.region],
                       level=t.level, sex="total", breakdown="all") for t in shown]
    pact_figures = select(obs, [i.id for i in indicators_in_family("targets")], areas=list({ctx.region, "000"}))
    frame_rows = pd.concat([*measured, pact_figures]).drop_duplicates()
    return Section("targets", title, " ".join(parts), chart_list, pd.DataFrame(rows), frame_rows,
                   note=ctx.t("Pagterne fastsætter ingen mellemmål; målstien er en ret linje fra nulpunkt til mål "
                              "(arbejdsrummets læsning, ikke et offentliggjort tal).",
                              "The pacts set no interim values; the target path is a straight line from baseline to "
                              "goal (the workspace's reading, not a published figure)."),
                   extra_tables=extra + [(ctx.t("Pagtens tal", "The pact's figures"), figure_table(frame_rows, lang))])


# ---------------------------------------------------------------- sources

def sources_section(ctx: ReportContext, sections: list[Section], sources: pd.DataFrame) -> Section:
    """Every figure used, its source and locator, and which regions lack figures in each family."""
    lang = ctx.language
    used = pd.concat([s.figures for s in sections if not s.figures.empty], ignore_index=True)
    used = used.drop_duplicates(subset=["indicator", "region", "year", "sex", "level", "breakdown", "source"])
    frame = chart_frame(used, lang).sort_values(["source", "indicator", "region", "year"], na_position="first")
    table = pd.DataFrame({
        ctx.t("Mål", "Measure"): [series_label(r, lang) for r in frame.itertuples()],
        ctx.t("Område", "Area"): frame["area_label"],
        ctx.t("År", "Year"): frame["year_text"],
        ctx.t("Værdi", "Value"): frame["value_text"],
        # The id, not the title: the list of sources below gives title, publisher and address once per source.
        ctx.t("Kilde", "Source"): frame["source"],
        ctx.t("Sted i kilden", "Locator"): frame["locator"],
    }).reset_index(drop=True)
    obs = ctx.observations
    coverage = []
    from .indicators import FAMILIES

    for family in FAMILIES:
        ids = [i.id for i in indicators_in_family(family)]
        have = set(obs.loc[obs["indicator"].isin(ids), "region"])
        lacking = [area_name(c, lang) for c in REGIONS if c not in have]
        coverage.append({ctx.t("Emne", "Family"): family,
                         ctx.t("Områder uden offentliggjort tal", "Areas with no published figure"):
                             ", ".join(lacking) if lacking else ctx.t("ingen", "none")})
    source_list = sources.loc[sorted(set(used["source"]))]
    source_table = pd.DataFrame({"Id": source_list["id"], ctx.t("Titel", "Title"): source_list["title"],
                                 ctx.t("Udgiver", "Publisher"): source_list["publisher"],
                                 ctx.t("År", "Year"): source_list["year"],
                                 ctx.t("Adresse", "Address"): source_list["address"]}).reset_index(drop=True)
    finding = ctx.t(f"Rapporten bruger {len(used)} tal fra {len(source_list)} kilder.",
                    f"The report uses {len(used)} figures from {len(source_list)} sources.")
    extra = [(ctx.t("Kilder", "Sources"), source_table),
             (ctx.t("Dækning: områder uden tal, pr. emne", "Coverage: areas without figures, by family"),
              pd.DataFrame(coverage))]
    from .statbank.stem_check import stem_check_table

    check = stem_check_table(lang)  # None until UDDAKT10 and LIGEUB6 are both cached
    if check is not None:
        extra.append((ctx.t("STEM-afgrænsning: arbejdsrummets H-koder mod Danmarks Statistiks STEM-opdeling "
                            "(hele landet, indskrevne)", "STEM definition: the workspace's H codes against Statistics "
                            "Denmark's STEM split (whole country, enrolled)"), check))
    return Section("sources", ctx.t("Data og kilder", "Data and sources"), finding, [], table, used,
                   extra_tables=extra)
