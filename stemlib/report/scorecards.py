"""The scorecard: one row per theme with the region's headline figure, its change, the country and the target.

``scorecard(ctx)`` is data (a DataFrame), usable in JupyterLab as it is; the cards at the
top of a region page, the key messages, the comparison matrix and the index page are all
drawn from it (:mod:`.cards`, :mod:`.matrix`). The rules it applies are stated in the
definitions layer:

* the headline series of each theme, in order of preference
  (:func:`stemlib.definitions.headlines.headlines`);
* the change over one fixed window (:data:`~stemlib.definitions.headlines.CHANGE_YEARS`,
  or the nearest earlier year within :data:`~stemlib.definitions.headlines.CHANGE_YEARS_RANGE`),
  from the same source, "no real change" under a stated threshold, and any break in
  the series inside the window named;
* the whole country's figure from the same source (like with like,
  :mod:`.comparability`), and a rank only when every region has a figure from that
  source for the same year;
* the target status by the one progress rule (:mod:`stemlib.definitions.progress`).
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.headlines import (
    CHANGE_YEARS,
    CHANGE_YEARS_RANGE,
    THEME_FAMILIES,
    THEMES,
    Headline,
    change_is_real,
    headlines,
    theme_label,
)
from stemlib.definitions.indicators import get_indicator, indicators_in_family
from stemlib.definitions.regions import REGIONS
from stemlib.definitions.targets import Assessment, assess_target, targets_for_region

from .consistency import shares_from_own_counts
from .report_context import ReportContext
from .selection import latest, series_label

#: The scorecard's columns, in order.
COLUMNS: tuple[str, ...] = (
    "theme", "theme_label", "indicator", "level", "sex", "breakdown", "measure", "unit", "better",
    "value", "year", "qualifier", "flag", "source",
    "change", "change_unit", "change_from_year", "change_direction", "change_good", "change_spans_break",
    "change_break_years", "change_mostly_at_break", "change_wholly_at_break", "change_break_jump",
    "country_value", "country_year", "country_qualifier", "country_change", "rank", "ranked_regions",
    "target_id", "target_status", "target_value", "target_year", "all_fields", "reason",
)
#: Why a theme has no card, keyed by :func:`missing_reason`'s result (Danish, English).
MISSING_REASONS: dict[str, tuple[str, str]] = {
    "national_only": ("kun offentliggjort for hele landet", "published for the whole country only"),
    "other_regions": ("kun offentliggjort for andre regioner", "published for other regions only"),
    "regional_definition": ("kun regionens egen opgørelse, som ikke kan sammenlignes med andre områders",
                            "only the region's own measure, which cannot be compared with other areas"),
    "other_measures": ("kun andre mål, som afsnittet nedenfor viser",
                       "only other measures, shown in the section below"),
    "not_published": ("ikke offentliggjort", "not published"),
    "no_target": ("regionens pagt har intet mål med tal", "the region's pact sets no numeric target"),
}


def _as_text(value) -> str:
    """A qualifier or flag as text: missing (None, NaN, NA) is the empty string."""
    return value if isinstance(value, str) else ""


def _series_rows(observations: pd.DataFrame, headline: Headline) -> pd.DataFrame:
    """The observations of one headline series."""
    return observations[(observations["indicator"] == headline.indicator) & (observations["level"] == headline.level)
                        & (observations["sex"] == headline.sex) & (observations["breakdown"] == headline.breakdown)]


def change_over_window(rows: pd.DataFrame, latest_year: int, unit: str) -> dict:
    """The change of one area's series (one source) from the window's start year to ``latest_year``.

    Parameters
    ----------
    rows : DataFrame
        One area's observations of one series from one source.
    latest_year : int
        The year of the headline figure.
    unit : str
        The indicator's unit: shares change in percentage points, counts in per cent.

    Returns
    -------
    dict
        ``change``, ``change_unit`` (``"pp"`` or ``"percent"``), ``change_from_year``,
        ``change_direction`` (``"up"``, ``"down"``, ``"flat"``) and ``change_spans_break``;
        all None when no year lies within the window.
    """
    none = {"change": None, "change_unit": None, "change_from_year": None, "change_direction": None,
            "change_spans_break": False, "change_break_years": "", "change_mostly_at_break": False,
            "change_wholly_at_break": False, "change_break_jump": 0.0}
    dated = rows.dropna(subset=["year"])
    by_year = dated.groupby(dated["year"].astype(int))["value"].first()
    low, high = CHANGE_YEARS_RANGE
    candidates = [int(y) for y in by_year.index if low <= latest_year - y <= high]
    if not candidates or latest_year not in by_year.index:
        return none
    # Nearest to the fixed window first; of two equally near, the longer span.
    start = min(candidates, key=lambda y: (abs(latest_year - y - CHANGE_YEARS), y))
    first, last = float(by_year[start]), float(by_year[latest_year])
    if unit in ("percent", "pp"):
        change, change_unit = last - first, "pp"
    elif first:
        change, change_unit = (last / first - 1) * 100, "percent"
    else:
        return none
    direction = ("up" if change > 0 else "down") if change_is_real(change, unit) else "flat"
    inside = dated[(dated["year"] > start) & (dated["year"] <= latest_year)]
    spans_break = bool(inside["flag"].map(_as_text).str.contains("b").any()) if "flag" in inside else False
    breaks, at_breaks = _change_at_breaks(inside, by_year, last - first) if spans_break else ([], 0.0)
    # The size of the jump at the carrying breaks, in the series' own unit (percentage points for shares).
    jump = sum(float(by_year[y]) - float(by_year[y - 1]) for y in breaks if y - 1 in by_year.index)
    # Every break inside the window is named (the table and the chart mark them all), and the jump counts them all.
    breaks = sorted(int(y) for y in inside.loc[inside["flag"].map(_as_text).str.contains("b"), "year"].unique()) \
        if spans_break else []
    jump = sum(float(by_year[y]) - float(by_year[y - 1]) for y in breaks if y - 1 in by_year.index)
    return {"change": change, "change_unit": change_unit, "change_from_year": start, "change_direction": direction,
            "change_spans_break": spans_break, "change_break_years": " ".join(str(y) for y in breaks),
            "change_mostly_at_break": at_breaks >= 0.5, "change_wholly_at_break": at_breaks >= 1,
            "change_break_jump": jump}


def _change_at_breaks(inside: pd.DataFrame, by_year: pd.Series, total: float) -> tuple[list[int], float]:
    """The break years that carry the change, and whether at least half of the change lies at them.

    A step into a year flagged ``b`` (from the year before it) is where the new method starts; when
    those steps make up half the change or more, the change says more about the method than about
    the region, and a card must not call it good or bad (Eurostat: "break in time series").

    Returns
    -------
    years, share : list of int, float
        The break years whose step goes the change's way and is at least a quarter of it (all break
        years when none does), and the part of the change the steps at the breaks make up (1 or more:
        all of it).
    """
    flagged = sorted(int(y) for y in inside.loc[inside["flag"].map(_as_text).str.contains("b"), "year"].unique())
    steps = {y: float(by_year[y]) - float(by_year[y - 1]) for y in flagged if y - 1 in by_year.index}
    if not total or not steps:
        return flagged, 0.0
    at_breaks = sum(steps.values())
    carrying = [y for y, step in steps.items() if step * total > 0 and abs(step) >= abs(total) / 4]
    return carrying or flagged, at_breaks / total


def _country_and_rank(series: pd.DataFrame, own: pd.Series, region: str) -> dict:
    """The whole country's figure from the headline's source, and the region's rank when all regions compare."""
    same_source = series[series["source"] == own["source"]]
    out = {"country_value": None, "country_year": None, "country_qualifier": "", "rank": None, "ranked_regions": 0}
    country = same_source[same_source["region"] == "000"]
    if region != "000" and not country.empty:
        in_year = country[country["year"] == own["year"]]
        pick = latest(in_year if not in_year.empty else country, by=("region",)).iloc[0]
        out.update(country_value=float(pick["value"]),
                   country_year=None if pd.isna(pick["year"]) else int(pick["year"]),
                   country_qualifier=_as_text(pick["qualifier"]))
    regions = [code for code, r in REGIONS.items() if code != "000"]
    peers = same_source[same_source["region"].isin(regions) & (same_source["year"] == own["year"])]
    better = get_indicator(own["indicator"]).better
    values = peers.groupby("region")["value"].first().sort_values(ascending=better == "down")
    # A rank says the region differs from the others: not when another region is within the no-real-change
    # threshold (1 percentage point for shares), which a survey's uncertainty can cover.
    apart = region in values.index and all(change_is_real(float(values[region] - v), own["unit"])
                                           for code, v in values.items() if code != region)
    if region in regions and better != "neither" and set(peers["region"]) == set(regions) and apart:
        out.update(rank=int(list(values.index).index(region)) + 1, ranked_regions=len(regions))
    return out


def _country_change(series: pd.DataFrame, own: pd.Series, row: dict) -> float | None:
    """The whole country's change over the region's window, from the same source (None where a year is missing)."""
    if row["change_from_year"] is None or own["region"] == "000":
        return None
    country = series[(series["region"] == "000") & (series["source"] == own["source"])].dropna(subset=["year"])
    by_year = country.groupby(country["year"].astype(int))["value"].first()
    start, end = row["change_from_year"], row["year"]
    if start not in by_year.index or end not in by_year.index:
        return None
    first, last = float(by_year[start]), float(by_year[end])
    if row["change_unit"] == "pp":
        return last - first
    return (last / first - 1) * 100 if first else None


def _target_for(region: str, headline_row: dict, observations: pd.DataFrame) -> Assessment | None:
    """The assessment of the region's target on the headline's series, if one applies."""
    for target in targets_for_region(region):
        if target.indicator == headline_row["indicator"] and target.level == headline_row["level"]:
            return assess_target(target, observations)
    return None


def missing_reason(ctx: ReportContext, theme: str) -> str:
    """Why a theme has no headline figure for the report's region (a key of :data:`MISSING_REASONS`)."""
    obs = ctx.observations
    if theme == "targets":
        return "no_target"
    ids = [i.id for family in THEME_FAMILIES[theme] for i in indicators_in_family(family)]
    own = obs[obs["indicator"].isin(ids) & (obs["region"] == ctx.region)]
    if not own.empty:
        common = own["indicator"].map(lambda i: get_indicator(i).comparable_across_areas).astype(bool)
        return "other_measures" if common.any() else "regional_definition"
    headline_rows = pd.concat([_series_rows(obs, h) for h in headlines()[theme]])
    regions = {code for code in REGIONS if code != "000"}
    if set(headline_rows["region"]) & regions:
        return "other_regions"
    if "000" in set(headline_rows["region"]) or "000" in set(obs.loc[obs["indicator"].isin(ids), "region"]):
        return "national_only"
    return "not_published"


def _empty_row(theme: str, language: str, reason: str, region: str | None = None) -> dict:
    row = dict.fromkeys(COLUMNS)
    row.update(theme=theme, theme_label=theme_label(theme, language, region), qualifier="", flag="",
               country_qualifier="",
               change_spans_break=False, change_break_years="", change_mostly_at_break=False,
               change_wholly_at_break=False, change_break_jump=0.0, ranked_regions=0,
               all_fields=False, reason=reason)
    return row


def _theme_row(ctx: ReportContext, theme: str) -> dict:
    """The scorecard row of one theme: the first headline series the region has a figure for."""
    obs, lang = ctx.observations, ctx.language
    for headline in headlines()[theme]:
        series = _series_rows(obs, headline)
        own_rows = series[series["region"] == ctx.region]
        if own_rows.empty:
            continue
        own = latest(own_rows, by=("region",)).iloc[0]
        if shares_from_own_counts(obs, own):  # the source's own counts contradict it: the section shows both
            continue
        indicator = get_indicator(headline.indicator)
        row = _empty_row(theme, lang, "", ctx.region)
        row.update(indicator=headline.indicator, level=headline.level, sex=headline.sex, breakdown=headline.breakdown,
                   all_fields=headline.all_fields,
                   measure=series_label(own, lang), unit=indicator.unit, better=indicator.better,
                   value=float(own["value"]), year=None if pd.isna(own["year"]) else int(own["year"]),
                   qualifier=_as_text(own["qualifier"]), flag=_as_text(own.get("flag")), source=own["source"])
        if row["year"] is not None:
            row.update(change_over_window(own_rows[own_rows["source"] == own["source"]], row["year"], indicator.unit))
            # A change that lies mostly at a break in the series is the method's, not the region's: no verdict.
            if row["change_direction"] in ("up", "down") and indicator.better != "neither" \
                    and not row["change_mostly_at_break"]:
                row["change_good"] = row["change_direction"] == indicator.better
        row.update(_country_and_rank(series, own, ctx.region))
        row["country_change"] = _country_change(series, own, row)
        assessment = _target_for(ctx.region, row, obs)
        if assessment is not None:
            row.update(target_id=assessment.target.id, target_status=assessment.status,
                       target_value=assessment.target_value, target_year=assessment.target.target_year)
        return row
    return _empty_row(theme, lang, missing_reason(ctx, theme), ctx.region)


def _targets_row(ctx: ReportContext) -> dict:
    """The targets theme: the region's first assessable numeric target (or its first), by the progress rule."""
    lang = ctx.language
    targets = targets_for_region(ctx.region)
    if not targets:
        return _empty_row("targets", lang, "no_target", ctx.region)
    assessments = [assess_target(target, ctx.observations) for target in targets]
    chosen = next((a for a in assessments if a.latest_value is not None), assessments[0])
    target = chosen.target
    row = _empty_row("targets", lang, "", ctx.region)
    row.update(indicator=target.indicator, level=target.level, sex="total", breakdown="all",
               measure=target.label(lang), unit="percent" if chosen.measured_as_change else get_indicator(
                   target.indicator).unit, better="up", source=chosen.source, target_id=target.id,
               target_status=chosen.status, target_value=chosen.target_value, target_year=target.target_year)
    if chosen.latest_value is None:
        row["reason"] = "target:" + (chosen.progress.reason or "no_later_figure")
        return row
    row.update(value=chosen.latest_value, year=chosen.latest_year)
    return row


def scorecard(ctx: ReportContext) -> pd.DataFrame:
    """Return one row per theme: the region's headline figure, its change, the country, the rank and the target.

    Parameters
    ----------
    ctx : ReportContext
        The report's region, language and observations (:func:`stemlib.report.context`).

    Returns
    -------
    pandas.DataFrame
        One row per theme of :data:`~stemlib.definitions.headlines.THEMES`, with the columns of
        :data:`COLUMNS`. ``value`` is missing when the region has no headline figure for the theme;
        ``reason`` then says why (a key of :data:`MISSING_REASONS`, or ``"target:<reason>"`` for a
        target that cannot be assessed, see :data:`stemlib.definitions.progress.REASONS`). ``change``
        is in percentage points for shares and in per cent for counts (``change_unit``).

    Examples
    --------
    >>> from stemlib import report                                  # doctest: +SKIP
    >>> card = report.scorecard(report.context("081"))               # doctest: +SKIP
    >>> card[["theme_label", "measure", "value", "year", "country_value"]]  # doctest: +SKIP
    """
    rows = [_targets_row(ctx) if theme == "targets" else _theme_row(ctx, theme) for theme in THEMES]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("value", "change", "country_value", "country_change", "target_value"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("year", "change_from_year", "country_year", "rank", "target_year"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


def scorecard_key_numbers(card: pd.DataFrame) -> str:
    """Return the scorecard's figures as plain, stable text (what nbval compares in the region report)."""
    lines = ["scorecard:"]
    for row in card.itertuples():
        if pd.isna(row.value):
            lines.append(f"  {row.theme}: no figure ({row.reason})")
            continue
        year = "-" if pd.isna(row.year) else int(row.year)
        change = "" if pd.isna(row.change) else f", change {row.change:+.1f} {row.change_unit} since " \
                                                 f"{int(row.change_from_year)}"
        country = "" if pd.isna(row.country_value) else f", country {row.country_value:g}"
        status = f", target {row.target_status}" if isinstance(row.target_status, str) else ""
        lines.append(f"  {row.theme}: {row.indicator} {row.level} {row.sex} {year} {row.value:g} {row.unit}"
                     f"{change}{country}{status}")
    return "\n".join(lines)
