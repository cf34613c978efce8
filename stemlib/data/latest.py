"""The latest figure of each series, the right way round: an undated figure never beats a dated one.

Some sources give a figure without a year (``year`` is missing). pandas sorts
missing values last, so ``sort_values("year").tail(1)`` picks exactly those
undated figures as the "latest". :func:`latest` puts them first instead: an
undated figure is kept only for a series that has no dated figure at all.
"""

from __future__ import annotations

import pandas as pd

#: One series in one area: what "the latest figure of each" means by default.
SERIES_IN_AREA: tuple[str, ...] = ("indicator", "region", "sex", "level", "breakdown")


def latest(observations: pd.DataFrame, by: tuple[str, ...] | list[str] = SERIES_IN_AREA) -> pd.DataFrame:
    """Return the latest figure of each group of ``by``.

    Parameters
    ----------
    observations : pandas.DataFrame
        Rows of :func:`stemlib.load_observations` (or any frame with ``year``, ``source`` and the ``by`` columns).
    by : sequence of str, optional
        The columns that make one series. The default, indicator, region, sex, level and breakdown, gives
        one figure per series and area; add ``"source"`` to keep each source's latest figure.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by ``by``, with the original index. The row with the highest year; a row
        without a year only when the group has no dated row. Between two sources with the same year, the
        one whose id sorts last (the same choice the reports make).

    Examples
    --------
    >>> import stemlib
    >>> obs = stemlib.load_observations()
    >>> dropout = obs[(obs.indicator == "stem_first_year_dropout") & (obs.breakdown == "all")]
    >>> newest = stemlib.latest(dropout)
    """
    missing = [column for column in (*by, "year", "source") if column not in observations.columns]
    if missing:
        raise KeyError(f"latest(): the frame has no column {', '.join(map(repr, missing))}; "
                       "expected rows of stemlib.load_observations()")
    if observations.empty:
        return observations.copy()
    ordered = observations.sort_values(["year", "source"], na_position="first", kind="stable")
    return ordered.drop_duplicates(list(by), keep="last").sort_values(list(by), kind="stable")
