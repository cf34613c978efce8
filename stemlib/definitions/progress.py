"""Progress towards a target: one rule for the cards, the targets section and the comparison.

The rule follows Eurostat's assessment of progress towards quantified targets (as written
out in open-sdg's ``docs/progress-methodology.md``): compare the compound annual growth
rate actually observed since the baseline with the rate needed to reach the target in
the target year, and read the ratio of the two.

* ratio >= 95 %: on track;
* 60-95 %: progress, but too slow;
* 0-60 %: limited progress;
* below 0: moving away from the target.

"Lower is better" targets (a dropout rate to be cut) need no special case: the required
rate is then negative, and so is the observed rate when the figure falls, so the ratio is
positive exactly when the figure moves the right way. A figure at or beyond the target is
"target met"; a target that cannot be assessed says why (no baseline, no figure after it,
a figure that is not positive, which compound growth cannot handle).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every status, in the order a reader sees them from best to worst, then "cannot be assessed".
STATUSES: tuple[str, ...] = ("met", "on_track", "too_slow", "limited", "moving_away", "not_assessable")
#: The lower bounds of the ratio of observed to required growth for each assessed status.
ON_TRACK_FROM = 0.95
TOO_SLOW_FROM = 0.60
LIMITED_FROM = 0.0

#: Symbol and words for each status: never colour alone (the symbol and the words carry it).
STATUS_TEXT: dict[str, tuple[str, str, str]] = {
    "met": ("✔", "målet er nået", "target met"),
    "on_track": ("▲", "på vej mod målet", "on track"),
    "too_slow": ("△", "fremgang, men for langsom", "progress, too slow"),
    "limited": ("◇", "begrænset fremgang", "limited progress"),
    "moving_away": ("▼", "bevæger sig væk fra målet", "moving away from the target"),
    "not_assessable": ("○", "kan ikke vurderes", "cannot be assessed"),
}

#: Why a target cannot be assessed, in words for readers.
#: Each reads after "fordi" / "because" ("kan ikke vurderes, fordi tallet for udgangsåret mangler").
REASONS: dict[str, tuple[str, str]] = {
    "no_baseline": ("målet ikke nævner et udgangsår", "the target names no baseline year"),
    "no_baseline_value": ("tallet for udgangsåret mangler", "the baseline figure is missing"),
    "no_later_figure": ("der mangler tal efter udgangsåret", "there is no figure after the baseline year"),
    "not_positive": ("tallene ikke er positive, så væksten ikke kan beregnes",
                     "the figures are not positive, so growth cannot be computed"),
}


@dataclass(frozen=True)
class Progress:
    """The assessment of one target at its latest figure.

    Attributes
    ----------
    status : str
        One of :data:`STATUSES`.
    ratio : float or None
        Observed over required compound annual growth (None unless assessed by the ratio).
    observed_rate, required_rate : float or None
        The compound annual growth rates, as fractions (0.02 is 2 % a year).
    reason : str
        Key of :data:`REASONS` when the status is ``"not_assessable"``, else ``""``.
    """

    status: str
    ratio: float | None = None
    observed_rate: float | None = None
    required_rate: float | None = None
    reason: str = ""

    def symbol(self) -> str:
        """Return the status symbol."""
        return STATUS_TEXT[self.status][0]

    def words(self, language: str = "da") -> str:
        """Return the status in words, with the reason when it cannot be assessed."""
        text = STATUS_TEXT[self.status][2 if language == "en" else 1]
        if self.reason:
            da, en = REASONS[self.reason]
            text += f", because {en}" if language == "en" else f", fordi {da}"
        return text


def _cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate from ``start`` to ``end`` over ``years`` years."""
    return (end / start) ** (1 / years) - 1


def assess_progress(*, baseline_year: int | None, baseline_value: float | None, latest_year: int | None,
                    latest_value: float | None, target_year: int, target_value: float) -> Progress:
    """Assess progress towards a target by the ratio of observed to required compound annual growth.

    Parameters
    ----------
    baseline_year, baseline_value
        The target's starting point (None when the target or the data lack it).
    latest_year, latest_value
        The latest figure from the same source as the baseline (None when there is none).
    target_year, target_value
        Where the target says the figure must be, and when. A target value below the
        baseline means lower is better (dropout).

    Returns
    -------
    Progress
        The status, with the ratio and both growth rates when assessed.

    Examples
    --------
    From 100 in 2018 to 110 in 2023, against a target of 120 in 2028: the observed
    rate (1.9 % a year) is 1.05 times the required rate (1.8 % a year), so on track.

    >>> assess_progress(baseline_year=2018, baseline_value=100, latest_year=2023, latest_value=110,
    ...                 target_year=2028, target_value=120).status
    'on_track'
    """
    if baseline_year is None:
        return Progress("not_assessable", reason="no_baseline")
    if baseline_value is None:
        return Progress("not_assessable", reason="no_baseline_value")
    if latest_year is None or latest_value is None or latest_year <= baseline_year:
        return Progress("not_assessable", reason="no_later_figure")
    lower_is_better = target_value < baseline_value
    if (latest_value <= target_value) if lower_is_better else (latest_value >= target_value):
        return Progress("met")
    if min(baseline_value, latest_value, target_value) <= 0:
        return Progress("not_assessable", reason="not_positive")
    observed = _cagr(baseline_value, latest_value, latest_year - baseline_year)
    required = _cagr(baseline_value, target_value, target_year - baseline_year)
    if required == 0:  # a target equal to its baseline and not met: any shortfall is a move away
        return Progress("moving_away", None, observed, required)
    ratio = observed / required
    if ratio >= ON_TRACK_FROM:
        status = "on_track"
    elif ratio >= TOO_SLOW_FROM:
        status = "too_slow"
    elif ratio >= LIMITED_FROM:
        status = "limited"
    else:
        status = "moving_away"
    return Progress(status, ratio, observed, required)
