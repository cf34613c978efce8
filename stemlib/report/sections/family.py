"""Sections built the same way for several indicator families (A levels, intake, the labour market).

A family section shows the region's own figures, compares figures under one common
definition with every area that has them, and lists figures under the region's own
definition apart, with that definition, never charted against other areas.
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator, indicators_in_family

from .. import charts
from ..citations import short_citation
from ..comparability import is_change, like_with_like, most_recent_series
from ..frames import axis_title, chart_frame, figure_table
from ..prose import say, tell, undated_note
from ..report_context import ReportContext
from ..selection import select, series_label, split_by_scope, tr
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
        tr(language, "Opgørelse", "Measure"): [series_label(r, language) for r in frame.itertuples()],
        tr(language, "År", "Year"): frame["year_text"],
        tr(language, "Værdi", "Value"): frame["value_text"],
        tr(language, "Hvad tallet dækker", "What the figure counts"):
            [get_indicator(i).definition(language) for i in frame["indicator"]],
        # The registry's comparability notes are in English only, so Danish reports rely on the definition.
        **({"Not comparable because": [get_indicator(i).comparability for i in frame["indicator"]]}
           if language == "en" else {}),
        tr(language, "Kilde", "Source"): frame["source"].map(short_citation),
    }).reset_index(drop=True)


#: At most this many of the region's own measures are told in sentences (each with its levels and sexes of one
#: year); the rest are in the table.
SENTENCES = 2
#: At most this many figures of one measure are told.
PER_MEASURE = 4


def figure_sentence(ctx: ReportContext, row) -> str:
    """One figure as a sentence, from its measure's template (:func:`stemlib.report.prose.say`)."""
    return say(ctx, row, first=True)


def figures_to_tell(rows: pd.DataFrame, measures: int = SENTENCES) -> pd.DataFrame:
    """The figures a section tells: the first :data:`SENTENCES` measures, each with its levels and sexes of one year.

    ``rows`` come in the order they should be told; shares are told before counts when two or more
    shares exist, because a share can be read without knowing the size of the population.
    """
    shares = rows[rows["unit"] == "percent"]
    pool = shares if len(shares) >= 2 else rows
    picked = list(dict.fromkeys(pool["indicator"]))[:measures]
    told = []
    for indicator in picked:
        group = pool[pool["indicator"] == indicator]
        # Figures for a whole level first; figures for one programme or industry only where there is nothing else,
        # and then one of them (the table has the rest).
        whole = group[group["breakdown"] == "all"]
        told.append(whole.head(PER_MEASURE) if not whole.empty else group.head(1))
    return pd.concat(told) if told else pool.iloc[0:0]


def family_section(ctx: ReportContext, key: str, families: tuple[str, ...], title: str,
                   what: tuple[str, str], note: str, leave_out: tuple[str, ...] = ()) -> Section:
    """A section for indicator families: the region's own figures, compared only like with like.

    Figures under one common definition are charted with every area that has the same
    series from the same source; figures under the region's own definition are listed
    with that definition and never charted against other areas.
    """
    obs, lang = ctx.observations, ctx.language
    ids = [i.id for family in families for i in indicators_in_family(family) if i.id not in leave_out]
    every = select(obs, ids, areas=ctx.areas)
    common, regional = split_by_scope(like_with_like(every, ctx.region))
    regional = regional[regional["region"] == ctx.region]
    own_common = common[common["region"] == ctx.region]
    own = pd.concat([own_common, regional], ignore_index=True)
    # Sentences tell the figures under the common definition (the region's own measures stay in their table):
    # STEM measures first, then shares, then the most recent; counts only when fewer than two shares exist.
    told_from = own_common if not own_common.empty else own
    told_from = told_from.assign(_stem=~told_from["indicator"].str.contains("stem"),
                                 _share=told_from["unit"] != "percent").sort_values(
        ["_stem", "_share", "year"], ascending=[True, True, False], na_position="last",
    ).drop(columns=["_stem", "_share"])
    chart_list, chart_rows = [], []
    shares = common[(common["unit"] == "percent") & ~common["indicator"].map(is_change).astype(bool)]
    in_two = shares.groupby(["indicator", "level", "sex", "breakdown"])["region"].transform("nunique") >= 2
    shares = shares[in_two] if not shares.empty else shares
    shares = most_recent_series(shares, ctx.region, SENTENCES * 2) if not shares.empty else shares
    # A paragraph a councillor reads: when the chart's measure gets sentences of its own, one more measure.
    told = figures_to_tell(told_from, 1 if not shares.empty else SENTENCES)
    notes: list[str] = []  # undated figures are said once, under the section, not in brackets in every sentence
    parts = [tell(ctx, told, notes=notes)] if not told.empty else []
    if not shares.empty:
        first = shares[shares["region"] == ctx.region].iloc[0]
        if first.indicator not in set(told["indicator"]):
            parts.append(say(ctx, first, first=told.empty, notes=notes,
                             after_year=told["year"].dropna().iloc[-1] if told["year"].notna().any() else None))
        parts.append(others_with(ctx, common, first))
        # Where the source also gives the charted measure's change, that is often its news ("steget mest i
        # Nordjylland"): told with the same comparison, from the same source.
        changes = common[common["indicator"].str.startswith(f"{first.indicator}_change_since_")
                         & (common["region"] == ctx.region) & (common["source"] == first.source)]
        if not changes.empty:
            change = changes.iloc[0]
            against = others_with(ctx, common, change, against=True)
            told_change = say(ctx, change, first=False, notes=notes)
            parts.append(f"{told_change[:-1]} {against}." if against else told_change)
        if "stem" not in first.indicator:  # the nearest measure is for every field: say so where it is drawn
            parts.append(ctx.t("Figuren omfatter alle uddannelser, ikke kun STEM.",
                               "The chart covers all fields of education, not only STEM."))
        chart_list.append(charts.dot_comparison(
            chart_frame(shares, lang), focus=ctx.region, language=lang, axis_title=axis_title("percent", lang),
            # The title is the region's sentence, as the paragraph says it (one name per measure).
            title=say(ctx, first, first=True).rstrip("."),
            description=ctx.t("Prikdiagram: andele med samme mål og kilde i flere områder, en prik pr. område.",
                              "Dot chart: shares with the same measure and source in several areas, one dot per "
                              "area.")))
        chart_rows.append(shares)
    extra = []
    if not regional.empty:
        extra.append((ctx.t("Tal efter regionens egen opgørelse, som ikke kan sammenlignes med andre regioners tal",
                            f"Figures counted in a way that holds for {ctx.name_in_text} only, and cannot be "
                            "compared with other areas'"),
                      regional_definition_table(regional, lang)))
    used = pd.concat([common, regional], ignore_index=True)
    missing = ""
    if own.empty:
        missing = f"{no_figure(ctx, *what)} {others_with(ctx, every)}".strip()
    return Section(key, title, " ".join(p for p in parts if p), chart_list, figure_table(common, lang), used,
                   note=" ".join(n for n in (undated_note(ctx, notes), note) if n), missing=missing, extra_tables=extra,
                   chart_rows=chart_rows)
