"""Like with like, by rule: which figures may stand side by side in a chart, a table row or a sentence.

Two figures are comparable when they share the indicator, the level, the sex, the
breakdown and the definition. The definition is the source's: one statistical table
(Eurostat's, Statistics Denmark's) or one publication counts every area it covers the
same way, while two publishers may count the same thing differently (a pact document's
"STEM" is not a news item's). So the rule is: same series, same source. A figure
flagged ``d`` (definition differs) and a figure under a region's own definition
(scope ``regional``) are comparable with no other area's figure.
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.indicators import get_indicator

#: What a series is: one indicator at one level, sex and breakdown.
SERIES: tuple[str, ...] = ("indicator", "level", "sex", "breakdown")
#: What two figures must share to be compared.
COMPARISON_KEY: tuple[str, ...] = (*SERIES, "source")


def _own_definition(rows: pd.DataFrame) -> pd.Series:
    """True for rows that cannot be compared with another area's: a region's own or a differing definition."""
    regional = rows["indicator"].map(lambda i: not get_indicator(i).comparable_across_areas).astype(bool)
    flagged = rows["flag"].fillna("").astype(str).str.contains("d") if "flag" in rows else False
    return regional | flagged


def comparison_key(rows: pd.DataFrame) -> pd.Series:
    """Return, per row, a key that is equal exactly for figures that may be compared across areas."""
    if rows.empty:
        return pd.Series([], dtype=object, index=rows.index)
    key = rows[list(COMPARISON_KEY)].astype(str).agg("|".join, axis=1)
    # A figure under its own definition is compared with nothing but its own area's other years.
    own = _own_definition(rows)
    return key.where(~own, key + "|own:" + rows["region"].astype(str))


def comparable_with(rows: pd.DataFrame, reference: pd.Series | dict) -> pd.DataFrame:
    """Return the rows that may stand beside ``reference`` (same series, same source, common definition)."""
    if rows.empty:
        return rows
    reference_frame = pd.DataFrame([dict(reference)])
    key = comparison_key(reference_frame).iloc[0]
    return rows[comparison_key(rows) == key]


def areas_with_comparable(rows: pd.DataFrame, reference: pd.Series | dict) -> list[str]:
    """Return the other areas that have a figure comparable with ``reference``, in the rows' order."""
    same = comparable_with(rows, reference)
    return [code for code in dict.fromkeys(same["region"]) if code != dict(reference)["region"]]


def mixes_definitions(rows: pd.DataFrame) -> bool:
    """True when rows shown as one comparison (one chart series, one table row) come from different definitions.

    Rows of one area's own figures over time are not a mix; rows for several areas are, unless
    they share the comparison key.
    """
    if rows.empty or rows["region"].nunique() <= 1:
        return False
    return comparison_key(rows).nunique() > 1


def like_with_like(rows: pd.DataFrame, region: str) -> pd.DataFrame:
    """Return the region's latest figure per series, and other areas' latest figures comparable with one of them.

    This is what a region page compares: a chart, a table row or a sentence never sets
    the region's figure beside another area's figure from another source, level, sex,
    breakdown or definition. Other areas' figures with no counterpart for the region are
    left out (the comparison report shows them).
    """
    if rows.empty:
        return rows
    by_year = rows.assign(_year=rows["year"].astype("Float64").fillna(-1)).sort_values(["_year", "source"])
    own = by_year[by_year["region"] == region].drop_duplicates(list(SERIES), keep="last")
    if own.empty:
        return own.drop(columns="_year")
    keys = comparison_key(by_year)
    others = by_year[(by_year["region"] != region) & keys.isin(set(comparison_key(own)))]
    others = others.drop_duplicates(["region", *COMPARISON_KEY], keep="last")
    return pd.concat([own, others]).drop(columns="_year")


def is_change(indicator: str) -> bool:
    """True for indicators that measure a change (growth since a year), not a level: never on one axis with levels."""
    return "_change" in indicator


def most_recent_series(rows: pd.DataFrame, region: str, limit: int) -> pd.DataFrame:
    """Keep the rows of the region's ``limit`` most recent series (and the comparable rows of other areas).

    A chart with twenty measures answers nothing on a phone; the rest stay in the table.
    """
    own = rows[rows["region"] == region].sort_values("year", ascending=False, na_position="last")
    keep = own[list(SERIES)].drop_duplicates().head(limit)
    return rows.merge(keep, on=list(SERIES))
