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


def own_count_shares(observations: pd.DataFrame, row) -> pd.DataFrame:
    """The share the source's own counts give, per level and for the levels together (level "all").

    Returns
    -------
    DataFrame
        Columns ``level``, ``women``, ``total``, ``share`` (per cent); empty when the share has no counts
        behind it. The row for the levels together is a sum of the levels' counts (a calculation).
    """
    row = row._asdict() if hasattr(row, "_asdict") else dict(row)
    counts_of = SHARE_FROM_COUNTS.get(row["indicator"])
    columns = ["level", "women", "total", "share"]
    if counts_of is None or pd.isna(row["year"]):
        return pd.DataFrame(columns=columns)
    counts = observations[(observations["indicator"] == counts_of) & (observations["region"] == row["region"])
                          & (observations["source"] == row["source"]) & (observations["breakdown"] == "all")
                          & (observations["year"] == row["year"])]
    out = []
    for level, group in counts.groupby("level", sort=False):
        women, total = group[group["sex"] == "women"], group[group["sex"] == "total"]
        if women.empty or total.empty or not total["value"].iloc[0]:
            continue
        out.append({"level": str(level), "women": float(women["value"].iloc[0]),
                    "total": float(total["value"].iloc[0]), "women_qualifier": _text(women["qualifier"].iloc[0]),
                    "total_qualifier": _text(total["qualifier"].iloc[0])})
    frame = pd.DataFrame(out, columns=["level", "women", "total", "women_qualifier", "total_qualifier"])
    if len(frame) > 1:  # a sum keeps its parts' qualifier only when they all share it ("godt" + "godt")
        same = {c: frame[c].iloc[0] if frame[c].nunique() == 1 else "" for c in ("women_qualifier", "total_qualifier")}
        # A sum of rounded figures is no more exact than they are: "godt 115" + "godt 1.000" is "godt 1.100".
        digits = -2 if frame["women_qualifier"].ne("").any() or frame["total_qualifier"].ne("").any() else 0
        women, total = frame["women"].sum(), frame["total"].sum()
        frame = frame.assign(share=frame["women"] / frame["total"] * 100)
        # The share from the exact sums; the counts shown rounded.
        frame = pd.concat([frame, pd.DataFrame([{"level": "all", "women": round(women, digits),
                                                 "total": round(total, digits), "share": women / total * 100,
                                                 **same}])], ignore_index=True)
    columns += ["women_qualifier", "total_qualifier"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    if "share" not in frame:
        frame = frame.assign(share=frame["women"] / frame["total"] * 100)
    return frame[columns]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


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
        Empty when the share has no counts behind it, or when they agree within :data:`TOLERANCE_PP`. The
        levels together (level ``"all"``) come last, where the counts give more than one level.
    """
    value = float((row._asdict() if hasattr(row, "_asdict") else dict(row))["value"])
    shares = own_count_shares(observations, row)
    found = [(lv, float(s)) for lv, s in zip(shares["level"], shares["share"]) if abs(s - value) >= TOLERANCE_PP]
    return found if any(lv != "all" for lv, _ in found) else []


#: A share and the count the same source gives for it: share indicator -> count indicator. The two imply the
#: size of the group the share is taken of, which a reader can hold against what they know.
SHARE_AND_COUNT = {"youth_completed_with_stem_subjects_share": "youth_completed_with_stem_subjects",
                   "it_bc_level_share_of_students": "it_bc_level_students"}
#: What the implied group is called (Danish, English).
GROUP_NAMES = {"youth_completed_with_stem_subjects_share": ("en ungdomsårgang", "a youth cohort"),
               "it_bc_level_share_of_students": ("en studenterårgang", "a year of upper-secondary graduates")}


def implied_bases(observations: pd.DataFrame, region: str) -> list[tuple[pd.Series, pd.Series, float]]:
    """Return (share row, count row, implied base) for each share a source also gives as a count, in one year.

    The base is the count divided by the share (a calculation): "57 % ... knap 2.400 unge" gives about 4,200.
    """
    found = []
    for share_id, count_id in SHARE_AND_COUNT.items():
        shares = observations[(observations["indicator"] == share_id) & (observations["region"] == region)]
        for share in shares.itertuples():
            counts = observations[(observations["indicator"] == count_id) & (observations["region"] == region)
                                  & (observations["source"] == share.source) & (observations["year"] == share.year)
                                  & (observations["level"] == share.level) & (observations["sex"] == share.sex)]
            if not counts.empty and share.value:
                count = counts.iloc[0]
                found.append((pd.Series(share._asdict()), count, float(count["value"]) / float(share.value) * 100))
    return found
