"""The theme × area matrix: one row per theme, like with like, empty cells and targets said in words.

Every observation row here is synthetic (labelled so in its locator and its source ids);
the registry, the headline order and the pacts' targets are the real ones.
"""

import html
import re

import pandas as pd
import pytest

from stemlib.definitions.headlines import THEMES
from stemlib.report.matrix import choose_headline, matrix, matrix_html

AREAS = ["081", "082", "083", "084", "085", "000"]


def _text(page: str) -> str:
    """The page's text without its tags (entities left as they are)."""
    return re.sub(r"<[^>]+>", "", page).replace("\u00a0", " ")  # the no-break space before "%" reads as a space


def _rows(specs):
    """Observation rows from (indicator, level, region, year, value, source) tuples (synthetic)."""
    return pd.DataFrame({
        "indicator": [s[0] for s in specs], "region": [s[2] for s in specs],
        "year": pd.array([s[3] for s in specs], dtype="Int64"), "sex": "total", "level": [s[1] for s in specs],
        "breakdown": "all", "value": [float(s[4]) for s in specs], "unit": "percent", "qualifier": "", "flag": "",
        "source": [s[5] for s in specs], "locator": "synthetic test row"})


@pytest.fixture
def observations():
    women_intake, women_completions = "women_share_of_stem_intake", "women_share_of_stem_completions"
    return pd.concat([
        _rows([
            # The first gender series: two areas, but from two sources, so not comparable side by side.
            (women_intake, "higher", "081", 2020, 30.0, "synthetic_a"),
            (women_intake, "higher", "082", 2021, 40.0, "synthetic_b"),
            # The second: two regions from one source (and the country from another, left out of the row).
            (women_completions, "higher", "081", 2019, 25.0, "synthetic_a"),
            (women_completions, "higher", "081", 2021, 23.5, "synthetic_a"),
            (women_completions, "higher", "083", 2021, 27.0, "synthetic_a"),
            (women_completions, "higher", "000", 2021, 26.0, "synthetic_c"),
            # Dropout: one area only, so the row falls back to the first series any area has.
            ("stem_first_year_dropout", "all", "084", 2018, 18.1, "synthetic_a"),
        ]),
        # Nordjylland's target on vocational completions: baseline 2018 and a later year, one source.
        _rows([("stem_completions", "eud", "081", 2018, 1000, "synthetic_a"),
               ("stem_completions", "eud", "081", 2023, 1300, "synthetic_a")]).assign(unit="persons"),
    ], ignore_index=True)


def test_one_row_per_theme_with_every_area_the_country_last(observations):
    frame = matrix(observations, ["000", "081", "082", "083", "084", "085"])
    assert list(dict.fromkeys(frame["theme"])) == list(THEMES)
    assert frame.groupby("theme", sort=False).size().tolist() == [6] * len(THEMES)
    assert list(frame.loc[frame["theme"] == "gender", "area"]) == AREAS


def test_a_row_holds_one_series_from_one_source(observations):
    frame = matrix(observations, AREAS)
    gender = frame[frame["theme"] == "gender"].set_index("area")
    assert set(gender["indicator"]) == {"women_share_of_stem_completions"}
    assert set(gender["source"].dropna()) == {"synthetic_a"}
    assert gender.loc["081", "value"] == 23.5 and gender.loc["081", "year"] == 2021  # the latest figure
    assert gender.loc["083", "value"] == 27.0
    # The country's figure of the same series comes from another source, so its cell is empty.
    assert pd.isna(gender.loc["000", "value"]) and pd.isna(gender.loc["082", "value"])


def test_a_series_no_two_areas_share_falls_back_to_the_first_any_area_has(observations):
    headline, source = choose_headline(observations, "dropout", AREAS)
    assert (headline.indicator, headline.level, source) == ("stem_first_year_dropout", "all", "synthetic_a")
    assert choose_headline(observations, "veu", AREAS) is None


def test_empty_cells_say_so_in_words_never_a_dash(observations):
    page = matrix_html(matrix(observations, AREAS), "da")
    assert "23,5 % (2021)" in _text(page) and "27 % (2021)" in _text(page)
    assert "intet tal" in page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page)
    assert cells and all(re.sub(r"<[^>]+>", "", cell).strip() not in ("", "–", "-") for cell in cells)
    assert "<script" not in page and "synthetic_a" not in page


def test_targets_row_shows_each_areas_own_status_or_no_numeric_target(observations):
    frame = matrix(observations, AREAS)
    targets = frame[frame["theme"] == "targets"].set_index("area")
    # Nordjylland: 1000 -> 1300 against 1200 in 2028 is met; Midtjylland and Sjælland set no numeric target.
    assert targets.loc["081", "status"] == "met" and targets.loc["081", "status_text"].startswith("✔ ")
    for area in ("082", "085"):
        assert targets.loc[area, "status"] == "no_target"
        assert targets.loc[area, "status_text"] == "ingen mål med tal"
    # Hovedstaden's target names no baseline: said in words, with the symbol.
    assert targets.loc["084", "status_text"] == "○ kan ikke vurderes, fordi målet ikke nævner et udgangsår"
    page = matrix_html(frame, "da")
    assert page.count("ingen mål med tal") == 2 and "✔ målet er nået" in page


def test_english_labels_and_links_in_the_column_headers(observations):
    frame = matrix(observations, AREAS, "en")
    page = matrix_html(frame, "en", links={"081": "nordjylland.html", "000": "hele_landet.html"})
    assert "Headline figures by theme and area" in page and "Women in STEM" in page
    assert "23.5% (2021)" in _text(page) and "no figure" in page and "intet tal" not in page
    assert "no numeric target" in page and "target met" in page
    assert '<a href="nordjylland.html">North Denmark</a>' in page
    assert '<a href="hele_landet.html">Whole country</a>' in page
    # Each row is headed by the theme and its measure.
    assert page.count('<th scope="row"') == len(THEMES)


def test_labels_from_data_are_escaped(observations):
    frame = matrix(observations, AREAS)
    frame.loc[0, "theme_label"] = "<b>x</b>"
    page = matrix_html(frame, "da", links={"081": 'a"><script>'})
    assert "<b>x</b>" not in page and html.escape("<b>x</b>") in page and "<script>" not in page
