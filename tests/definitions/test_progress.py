"""The progress rule (observed against required compound annual growth), with cases computed by hand.

Every expected ratio below was worked out on paper from the formula
``((latest / baseline) ** (1 / years) - 1) / ((target / baseline) ** (1 / span) - 1)``.
"""

import pytest

from stemlib.definitions.progress import STATUS_TEXT, STATUSES, assess_progress


def _share(latest, *, baseline=30.0, target=36.0, latest_year=2023):
    """A share of 30 % in 2018 with a target of 36 % (20 % more) in 2028."""
    return assess_progress(baseline_year=2018, baseline_value=baseline, latest_year=latest_year,
                           latest_value=latest, target_year=2028, target_value=target)


def test_a_rising_share_on_track():
    # 30 -> 33 in 5 years: 1.1 ** 0.2 - 1 = 1.9245 % a year; needed 1.2 ** 0.1 - 1 = 1.8399 %: ratio 1.046.
    result = _share(33.0)
    assert result.status == "on_track"
    assert result.ratio == pytest.approx(1.046, abs=1e-3)
    assert result.observed_rate == pytest.approx(0.019245, abs=1e-6)
    assert result.required_rate == pytest.approx(0.018399, abs=1e-6)


def test_a_rise_too_slow():
    # 30 -> 32: (32/30) ** 0.2 - 1 = 1.2991 % a year: ratio 0.706, between 60 and 95 %.
    result = _share(32.0)
    assert result.status == "too_slow"
    assert result.ratio == pytest.approx(0.706, abs=1e-3)


def test_a_rise_with_limited_progress():
    # 30 -> 31: (31/30) ** 0.2 - 1 = 0.6580 % a year: ratio 0.358, under 60 %.
    result = _share(31.0)
    assert result.status == "limited"
    assert result.ratio == pytest.approx(0.358, abs=1e-3)


def test_dropout_falling_is_progress_when_lower_is_better():
    # Dropout 20 % in 2018, target 16 % in 2028 (20 % fewer). 20 -> 17.8 in 5 years:
    # 0.89 ** 0.2 - 1 = -2.3037 % a year; needed 0.8 ** 0.1 - 1 = -2.2067 %: ratio 1.044.
    result = _share(17.8, baseline=20.0, target=16.0)
    assert result.status == "on_track"
    assert result.ratio == pytest.approx(1.044, abs=1e-3)
    # 20 -> 18: 0.9 ** 0.2 - 1 = -2.0852 % a year: ratio 0.945, just short of on track.
    assert _share(18.0, baseline=20.0, target=16.0).status == "too_slow"


def test_dropout_rising_moves_away_from_the_target():
    # 20 -> 21: 1.05 ** 0.2 - 1 = +0.9806 % a year against -2.2067 % needed: ratio -0.444.
    result = _share(21.0, baseline=20.0, target=16.0)
    assert result.status == "moving_away"
    assert result.ratio == pytest.approx(-0.444, abs=1e-3)


def test_a_target_already_met():
    assert _share(36.5).status == "met"
    assert _share(36.0).status == "met"
    assert _share(15.9, baseline=20.0, target=16.0).status == "met"
    assert _share(36.5).ratio is None


def test_a_series_too_short_to_assess():
    only_baseline = _share(30.0, latest_year=2018)
    assert only_baseline.status == "not_assessable" and only_baseline.reason == "no_later_figure"
    assert _share(None, latest_year=None).reason == "no_later_figure"
    no_year = assess_progress(baseline_year=None, baseline_value=None, latest_year=2023, latest_value=33.0,
                              target_year=2028, target_value=36.0)
    assert no_year.reason == "no_baseline"
    no_value = assess_progress(baseline_year=2018, baseline_value=None, latest_year=2023, latest_value=33.0,
                               target_year=2028, target_value=36.0)
    assert no_value.reason == "no_baseline_value"
    assert "udgangsåret" in no_value.words("da") and "baseline" in no_value.words("en")


def test_every_status_has_a_symbol_and_words_in_both_languages():
    assert set(STATUS_TEXT) == set(STATUSES)
    symbols = [text[0] for text in STATUS_TEXT.values()]
    assert len(set(symbols)) == len(symbols)  # never colour alone: each status has its own symbol
