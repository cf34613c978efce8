"""The pacts' targets: the path from baseline to goal, and the status each assessment gives."""

import pandas as pd
import pytest

from stemlib.definitions.targets import TARGETS, assess_target, target_path


def _frame(rows):
    return pd.DataFrame(rows, columns=["indicator", "region", "year", "sex", "level", "breakdown", "value"])


def test_target_path_is_a_straight_line_to_plus_twenty_percent():
    path = target_path(1000.0, baseline_year=2018, target_year=2028, increase_percent=20)
    assert path[2018] == 1000.0
    assert path[2023] == pytest.approx(1100.0)
    assert path[2028] == pytest.approx(1200.0)
    assert len(path) == 11


def test_target_path_refuses_a_target_before_its_baseline():
    with pytest.raises(ValueError, match="after baseline_year"):
        target_path(1.0, baseline_year=2028, target_year=2018, increase_percent=20)


def test_assessment_statuses():
    target = next(t for t in TARGETS if t.id == "rn_higher_2028")
    base = ["stem_completions", "081", 2018, "total", "higher", "all", 1000.0]
    assert assess_target(target, _frame([])).status == "not_assessable"
    assert assess_target(target, _frame([base])).progress.reason == "no_later_figure"
    # 1000 -> 1120 in five years: 2.29 % a year against the 1.84 % a year that reaches 1200 in 2028.
    on_track = assess_target(target, _frame([base, ["stem_completions", "081", 2023, "total", "higher", "all", 1120.0]]))
    assert on_track.status == "on_track" and on_track.expected_value == pytest.approx(1100.0)
    assert on_track.progress.ratio == pytest.approx(0.022925 / 0.018399, rel=1e-3)
    # 1000 -> 1050: 0.98 % a year, 53 % of the rate needed.
    behind = assess_target(target, _frame([base, ["stem_completions", "081", 2023, "total", "higher", "all", 1050.0]]))
    assert behind.status == "limited" and behind.progress.ratio == pytest.approx(0.533, abs=1e-3)
    assert behind.target_value == pytest.approx(1200.0)


def test_national_target_starts_from_the_expected_2021_level():
    target = next(t for t in TARGETS if t.id == "national_higher_2028")
    frame = _frame([["stem_completions_expected_without_pact", "000", 2021, "total", "higher", "all", 8100.0]])
    assessment = assess_target(target, frame)
    assert assessment.status == "not_assessable"
    assert assessment.baseline_value == 8100.0 and assessment.target_value == pytest.approx(9720.0)


def test_target_without_published_baseline_is_measured_by_its_published_change():
    # Synthetic changes since 2010 for Syddanmark's 2010-2015 goal of +20 %: the path expects +12 % in 2013.
    # +4 % in three years is 1.32 % a year against the 3.71 % a year that +20 % in five needs: ratio 0.35.
    target = next(t for t in TARGETS if t.id == "rsd_science_share_2015")
    change = ["science_incl_health_share_change_since_2010", "083", 2013, "total", "higher", "all"]
    behind = assess_target(target, _frame([[*change, 4.0]]))
    assert behind.measured_as_change and behind.status == "limited"
    assert behind.progress.ratio == pytest.approx(0.013159 / 0.037137, rel=1e-3)
    assert behind.expected_value == pytest.approx(12.0) and behind.baseline_value is None
    assert assess_target(target, _frame([[*change, 12.5]])).status == "on_track"
    undated = ["science_incl_health_share_change_since_2010", "083", None, "total", "higher", "all", 4.0]
    assert assess_target(target, _frame([undated])).status == "not_assessable"


def test_target_without_a_baseline_year_has_no_status():
    target = next(t for t in TARGETS if t.id == "rh_stem_choice_2030")
    rows = _frame([["stem_intake", "084", 2020, "total", "higher", "all", 5000.0],
                   ["stem_intake", "084", 2024, "total", "higher", "all", 9000.0]])
    assessment = assess_target(target, rows)
    assert assessment.status == "not_assessable" and assessment.progress.reason == "no_baseline"
