"""The scorecard and its cards, on synthetic observations built here (labelled synthetic, never real figures).

Every expected value below is worked out by hand from the rows the test builds.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from stemlib.report.cards import cards_html, key_messages, missing_text
from stemlib.report.report_context import ReportContext
from stemlib.report.scorecards import change_over_window, scorecard

REGIONS = ("081", "082", "083", "084", "085")


def _rows(items) -> pd.DataFrame:
    """Observation rows from (indicator, region, year, level, sex, value, source[, flag]) tuples (synthetic)."""
    out = []
    for indicator, region, year, level, sex, value, source, *flag in items:
        out.append({"indicator": indicator, "region": region, "year": year, "sex": sex, "level": level,
                    "breakdown": "all", "value": float(value), "unit": "percent", "qualifier": "",
                    "flag": flag[0] if flag else "", "source": source, "locator": "synthetic"})
    frame = pd.DataFrame(out)
    frame["year"] = pd.array(frame["year"], dtype="Int64")
    return frame


def _veu(region, values: dict[int, float], source="S", flags: dict[int, str] | None = None):
    flags = flags or {}
    return [("adult_participation_4w", region, year, "all", "total", value, source, flags.get(year, ""))
            for year, value in values.items()]


def _ctx(rows, region="081", language="da"):
    return ReportContext(region, tuple(c for c in ("000", *REGIONS) if c != region), language, rows)


def test_the_change_uses_the_year_nearest_five_back_within_three_to_seven():
    rows = _rows(_veu("081", {2012: 30.0, 2015: 28.0, 2019: 26.0}))
    # 2019 - 5 = 2014 has no figure; 2015 (4 back) and 2012 (7 back) are both within 3-7, 2015 is nearer to 5.
    change = change_over_window(rows, 2019, "percent")
    assert change["change_from_year"] == 2015 and change["change"] == pytest.approx(-2.0)
    # 2016 (3 back) and 2012 (7 back) are equally near: the longer span is taken.
    tie = change_over_window(_rows(_veu("081", {2012: 30.0, 2016: 28.0, 2019: 26.0})), 2019, "percent")
    assert tie["change_from_year"] == 2012 and tie["change"] == pytest.approx(-4.0)
    assert change["change_unit"] == "pp" and change["change_direction"] == "down"
    assert change_over_window(_rows(_veu("081", {2018: 30.0, 2019: 26.0})), 2019, "percent")["change"] is None


def test_a_change_under_one_point_is_no_real_change_and_counts_use_two_percent():
    rows = _rows(_veu("081", {2014: 30.0, 2019: 30.8}))
    assert change_over_window(rows, 2019, "percent")["change_direction"] == "flat"
    counts = _rows(_veu("081", {2014: 1000.0, 2019: 1015.0}))
    change = change_over_window(counts, 2019, "persons")
    assert change["change_unit"] == "percent" and change["change"] == pytest.approx(1.5)
    assert change["change_direction"] == "flat"
    assert change_over_window(_rows(_veu("081", {2014: 1000.0, 2019: 1030.0})), 2019, "persons")[
        "change_direction"] == "up"


def test_a_break_inside_the_window_is_named():
    rows = _rows(_veu("081", {2014: 30.0, 2016: 29.0, 2019: 26.0}, flags={2016: "b"}))
    assert change_over_window(rows, 2019, "percent")["change_spans_break"] is True
    rows = _rows(_veu("081", {2014: 30.0, 2019: 26.0}, flags={2014: "b"}))  # the start year's own break is outside
    assert change_over_window(rows, 2019, "percent")["change_spans_break"] is False


def test_country_and_rank_come_from_the_same_source_only():
    items = [*_veu("081", {2014: 30.0, 2019: 26.0}), *_veu("000", {2019: 25.0}), *_veu("000", {2019: 40.0}, "OTHER")]
    items += [row for code, value in zip(REGIONS[1:], (27.0, 24.0, 29.0, 23.0)) for row in _veu(code, {2019: value})]
    card = scorecard(_ctx(_rows(items)))
    veu = card.set_index("theme").loc["veu"]
    assert veu["country_value"] == 25.0  # not the other source's 40
    # Higher is better: 29 (084), 27 (082), 26 (081): rank 3 of 5.
    assert veu["rank"] == 3 and veu["ranked_regions"] == 5
    assert veu["change"] == pytest.approx(-4.0) and veu["change_good"] is False


def test_no_rank_when_a_region_lacks_a_figure_from_that_source():
    items = [*_veu("081", {2019: 26.0}), *_veu("082", {2019: 27.0}), *_veu("083", {2019: 24.0}, "OTHER")]
    veu = scorecard(_ctx(_rows(items))).set_index("theme").loc["veu"]
    assert pd.isna(veu["rank"])


def test_the_headline_follows_the_stated_order_not_whatever_exists():
    # Both the first (higher education) and the third (all levels) gender headline exist: the first wins.
    items = [("women_share_of_stem_intake", "081", 2018, "all", "total", 40.0, "S"),
             ("women_share_of_stem_intake", "081", 2015, "higher", "total", 30.0, "S")]
    gender = scorecard(_ctx(_rows(items))).set_index("theme").loc["gender"]
    assert gender["level"] == "higher" and gender["value"] == 30.0


def test_a_theme_without_a_figure_says_why_instead_of_dashes():
    items = [("stem_first_year_dropout", "000", 2019, "higher", "total", 16.0, "S"), *_veu("081", {2019: 26.0})]
    ctx = _ctx(_rows(items))
    card = scorecard(ctx)
    assert card.set_index("theme").loc["dropout", "reason"] == "national_only"
    text = missing_text(card, ctx)
    assert "frafald (kun offentliggjort for hele landet)" in text
    page = cards_html(card, ctx)
    assert not re.search(r"(^|[\s>])–([\s<]|$)", page)  # no dash standing in for a figure
    assert page.count("class='stemlib-card'") == 1


def _intake(region, values: dict[int, float], source="S"):
    return [("women_share_of_stem_intake", region, year, "higher", "total", value, source)
            for year, value in values.items()]


def test_key_messages_are_sentences_with_a_reason_and_at_most_two():
    items = [*_intake("081", {2014: 30.0, 2019: 26.0}), *_intake("000", {2014: 30.0, 2019: 25.0}),
             *_veu("081", {2014: 30.0, 2019: 26.0}),
             ("stem_share_of_intake", "081", 2018, "higher", "total", 20.0, "S"),
             ("stem_share_of_workforce", "081", 2018, "all", "total", 10.0, "S")]
    ctx = _ctx(_rows(items))
    messages = key_messages(scorecard(ctx), ctx)
    assert 1 <= len(messages) <= 2
    # The real change comes first: what happened, then why it matters, in one sentence.
    # The measure's own sentence (its template), then the change over the window, then why it matters.
    assert messages[0].startswith("I Region Nordjylland var 26 % af de optagne på STEM-uddannelser på videregående "
                                  "niveau kvinder i 2019, ned fra 30 % i 2014; ")
    assert messages[0].endswith("; Nordjysk Teknologipagt peger på, at for få kvinder vælger STEM.")
    assert all(m.endswith(".") and m.count(". ") == 0 for m in messages)
    # Adult participation covers all education, not STEM: it has a card but no key message.
    assert not any("25–64-årige" in m for m in messages)


def test_english_cards():
    ctx = _ctx(_rows([*_intake("081", {2014: 30.0, 2019: 26.0})]), language="en")
    page = cards_html(scorecard(ctx), ctx)
    # A STEM measure falling where the pacts want it to rise: the words say so, not the colour alone.
    assert "has fallen 4.0 pp since 2014, the wrong way." in page
    assert "Women in STEM" in page


def test_a_measure_of_all_fields_gets_no_verdict():
    ctx = _ctx(_rows([*_veu("081", {2014: 30.0, 2019: 26.0})]), language="en")
    page = cards_html(scorecard(ctx), ctx)
    assert "has fallen 4.0 pp since 2014." in page and "wrong way" not in page
    # One pair of brackets: the label's own "(last 4 weeks)" takes the scope too.
    assert "(last 4 weeks; all fields, ordinary education too)" in page
