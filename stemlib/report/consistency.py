"""Whether a source's stated share agrees with the counts the same source publishes.

A pact may state a share in words ("en tredjedel af optaget er kvinder") and also publish the
counts by sex and level that the share should follow from. Where the counts give another share,
the stated figure cannot head a card (the reader would take it as the fact), and the section
shows both, the calculation labelled as such.
"""

from __future__ import annotations

import pandas as pd

#: A stated share and the share from the counts differ when they are this many percentage points apart.
TOLERANCE_PP = 2.0

#: Shares that follow from counts of another indicator: share indicator -> count indicator (women / total).
SHARE_FROM_COUNTS = {"women_share_of_stem_intake": "stem_intake"}


def shares_from_own_counts(observations: pd.DataFrame, row) -> list[tuple[str, float]]:
    """Return (level, share in per cent) for each level where the source's own counts contradict its stated share.

    Parameters
    ----------
    observations : DataFrame
        Every observation.
    row : Series, dict or namedtuple
        The stated share (indicator, region, year, source, value).

    Returns
    -------
    list of (str, float)
        Empty when the share has no counts behind it, or when they agree within :data:`TOLERANCE_PP`.
    """
    row = row._asdict() if hasattr(row, "_asdict") else dict(row)
    counts_of = SHARE_FROM_COUNTS.get(row["indicator"])
    if counts_of is None or pd.isna(row["year"]):
        return []
    counts = observations[(observations["indicator"] == counts_of) & (observations["region"] == row["region"])
                          & (observations["source"] == row["source"]) & (observations["breakdown"] == "all")
                          & (observations["year"] == row["year"])]
    found = []
    for level, group in counts.groupby("level", sort=False):
        women, total = group[group["sex"] == "women"], group[group["sex"] == "total"]
        if women.empty or total.empty or not total["value"].iloc[0]:
            continue
        share = float(women["value"].iloc[0] / total["value"].iloc[0] * 100)
        if abs(share - float(row["value"])) >= TOLERANCE_PP:
            found.append((str(level), share))
    return found
