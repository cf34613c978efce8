"""Figures told as sentences from the templates per measure, and the rules around them.

The observations are synthetic, built here; every expected sentence is written out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from stemlib.definitions.targets import pact_name, targets_owner
from stemlib.report.cards import break_words, key_messages
from stemlib.report.consistency import shares_from_own_counts
from stemlib.report.frames import figure_table
from stemlib.report.prose import say, tell
from stemlib.report.scorecards import change_over_window, scorecard
from tests.report.test_scorecard import _ctx, _rows, _veu


def _obs(items, unit="percent") -> pd.DataFrame:
    """Rows from (indicator, region, year, level, sex, value[, qualifier, breakdown]) tuples, one source (synthetic)."""
    out = []
    for indicator, region, year, level, sex, value, *rest in items:
        out.append({"indicator": indicator, "region": region, "year": year, "sex": sex, "level": level,
                    "breakdown": rest[1] if len(rest) > 1 else "all", "value": float(value), "unit": unit,
                    "qualifier": rest[0] if rest else "", "flag": "", "source": "S", "locator": "synthetic"})
    frame = pd.DataFrame(out)
    frame["year"] = pd.array(frame["year"], dtype="Int64")
    return frame


def test_a_figure_is_told_from_its_measures_template_and_names_the_region_once():
    rows = _obs([("stem_share_of_intake", "081", 2018, "eud", "total", 42),
                 ("stem_share_of_intake", "081", 2018, "higher", "total", 34),
                 ("stem_share_of_intake", "081", 2018, "eud", "women", 10),
                 ("stem_share_of_intake", "081", 2018, "higher", "women", 20),
                 ("stem_unfilled_recruitment_rate", "081", 2018, "all", "total", 32.3)])
    text = tell(_ctx(rows), rows)
    # A paragraph opens with the year and names the region at the end of its first sentence.
    assert text == ("I 2018 begyndte 42 % af de optagne på erhvervsuddannelserne på en STEM-uddannelse "
                    "i Region Nordjylland. På de videregående uddannelser var andelen 34 %. Blandt de optagne kvinder var andelen "
                    "henholdsvis 10 % på erhvervsuddannelserne og 20 % på de videregående uddannelser. Samme år var "
                    "32,3 % af rekrutteringsforsøgene inden for STEM forgæves.")
    english = tell(_ctx(rows, language="en"), rows)
    assert "Of the women admitted, 10% in vocational education and 20% in higher education were admitted" in english
    # A measure without words of its own for a sex: "Blandt kvinderne var andelene ...".
    lines = _obs([("science_study_line_share_of_gymnasium_intake", "083", 2016, "upper_secondary", "total", 31.3),
                  ("science_study_line_share_of_gymnasium_intake", "083", 2016, "upper_secondary", "women", 28.6)])
    assert tell(_ctx(lines, region="083"), lines).endswith(" Blandt kvinderne var andelen 28,6 %.")


def test_an_undated_figure_says_so_and_a_change_since_a_year_gets_a_verb():
    rows = _obs([("stem_job_postings_change_since_2011", "081", pd.NA, "all", "total", 88)])
    assert say(_ctx(rows), rows.iloc[0]) == ("I Region Nordjylland er antallet af STEM-jobopslag steget 88 % siden 2011 "
                                             "(kilden oplyser ikke slutåret).")
    falling = _obs([("htx_applicants_change_yoy", "085", 2016, "htx", "total", -3)])
    assert say(_ctx(falling, region="085"), falling.iloc[0]) == ("I Region Sjælland var antallet af ansøgere til htx "
                                                                 "3 % lavere end året før i 2016.")


def test_a_row_for_one_programme_keeps_its_label_and_the_country_is_lower_case():
    rows = _obs([("stem_intake_change_yoy", "000", 2023, "higher", "total", 5, "", "programme:it")])
    text = say(_ctx(rows, region="000"), rows.iloc[0])
    assert text.startswith("Ændring i STEM-optaget fra året før (") and text.endswith(" i hele landet i 2023.")


def test_a_change_lying_mostly_at_a_break_gets_no_verdict_and_says_where_it_lies():
    flags = {2016: "b", 2017: "b"}
    rows = _rows(_veu("081", {2014: 27.7, 2015: 28.3, 2016: 23.8, 2017: 23.9, 2018: 21.2, 2019: 23.5},
                      flags=flags))
    change = change_over_window(rows, 2019, "percent")
    # Steps into the break years: 2016 −4.5, 2017 +0.1 = −4.4 of a total −4.2: more than half lies at the breaks.
    assert change["change_mostly_at_break"] is True and change["change_break_years"] == "2016 2017"
    assert change["change_wholly_at_break"] is True  # the step at the break (−4.4) is larger than the change
    card = scorecard(_ctx(rows)).set_index("theme").loc["veu"]
    assert pd.isna(card["change_good"]) or card["change_good"] is None
    assert break_words(card, "da") == " Faldet kom ved bruddene i tidsserien i 2016 og 2017."
    assert change["change_break_jump"] == pytest.approx(-4.4)  # 28.3 -> 23.8 in 2016, 23.8 -> 23.9 in 2017
    # Half the change at the break, not all of it: "det meste af".
    half = _rows(_veu("081", {2014: 30.0, 2015: 29.0, 2016: 27.0, 2019: 26.0}, flags={2016: "b"}))
    assert break_words(scorecard(_ctx(half)).set_index("theme").loc["veu"], "da") == \
        " Det meste af faldet kom ved bruddet i tidsserien i 2016."
    # A fall spread over the years, with a small step at the break, is told as a break inside the window only.
    spread = change_over_window(_rows(_veu("081", {2014: 30.0, 2016: 29.5, 2019: 24.0}, flags={2016: "b"})), 2019,
                                "percent")
    assert spread["change_spans_break"] and not spread["change_mostly_at_break"]


def test_a_stated_share_its_own_counts_contradict_does_not_head_the_card():
    stated = _obs([("women_share_of_stem_intake", "081", 2018, "all", "total", 33.3, "approx")])
    counts = _obs([("stem_intake", "081", 2018, "eud", "total", 1300), ("stem_intake", "081", 2018, "eud", "women", 117),
                   ("stem_intake", "081", 2018, "higher", "total", 3600),
                   ("stem_intake", "081", 2018, "higher", "women", 1000)], unit="persons")
    graduates = _obs([("stem_share_of_graduates", "081", 2016, "all", "women", 14)])
    rows = pd.concat([stated, counts, graduates], ignore_index=True)
    found = shares_from_own_counts(rows, stated.iloc[0])
    # Per level, and for the levels together: (117 + 1000) / (1300 + 3600) = 22.8 %.
    assert [level for level, _ in found] == ["eud", "higher", "all"]
    assert [round(v) for _, v in found] == [9, 28, 23]
    card = scorecard(_ctx(rows)).set_index("theme").loc["gender"]
    assert card["indicator"] == "stem_share_of_graduates" and card["value"] == 14
    assert key_messages(scorecard(_ctx(rows)), _ctx(rows))[0].startswith(
        "I Region Nordjylland havde 14 % af de kvindelige dimittender en STEM-profil i 2016; ")


def test_tables_give_level_and_sex_columns_of_their_own_and_group_rows_by_area():
    rows = _obs([("stem_share_of_intake", "081", 2018, "eud", "women", 10),
                 ("attainment_higher_share_15_69", "084", 2018, "higher", "total", 40),
                 ("stem_share_of_intake", "081", 2018, "higher", "total", 34),
                 ("attainment_higher_share_15_69", "081", 2018, "higher", "total", 26)])
    table = figure_table(rows, "da")
    assert list(table.columns) == ["Område", "Opgørelse", "Niveau", "Køn", "År", "Værdi", "Kilde"]
    assert list(table["Område"]) == ["Nordjylland", "Nordjylland", "Nordjylland", "Hovedstaden"]
    assert "(" not in " ".join(table["Opgørelse"])
    assert set(table["Køn"]) == {"Kvinder", "I alt"} and "Erhvervsuddannelser" in set(table["Niveau"])


@pytest.mark.parametrize(("region", "da", "en"), [
    ("081", "Nordjysk Teknologipagts mål", "the targets of the North Jutland Technology Pact"),
    ("000", "Teknologipagtens mål", "the targets of the national Technology Pact"),
    ("083", "regionens egne mål", "the region's own targets"),
])
def test_targets_are_named_after_whoever_set_them(region, da, en):
    assert targets_owner(region, "da") == da and targets_owner(region, "en") == en
    assert pact_name("084") == "Teknologipagten"


def test_a_share_the_source_also_gives_as_a_count_implies_its_group():
    from stemlib.report.consistency import implied_bases

    share = _obs([("youth_completed_with_stem_subjects_share", "081", 2018, "youth", "total", 57)])
    count = _obs([("youth_completed_with_stem_subjects", "081", 2018, "youth", "total", 2400, "just_under")],
                 unit="persons")
    found = implied_bases(pd.concat([share, count], ignore_index=True), "081")
    # 2,400 / 0.57 = 4,210.5 (synthetic rows with the pact's published pair).
    assert len(found) == 1 and found[0][2] == pytest.approx(4210.5, abs=0.1)
    assert implied_bases(share, "081") == []  # no count beside the share: nothing implied
