"""The recipes on the tables' real structure: figures worked out by hand from the stand-in's weights."""

import pytest

from stemlib.data.statbank.cache import read_entry


def _value(frame, **where):
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows["value"].iloc[0]


def test_uddakt10_levels_and_stem_fields_worked_out_by_hand(fetched):
    obs = fetched[3]
    nord = dict(indicator="stem_share_of_intake", region="081", year=2012, sex="total", breakdown="all")
    # Field weights in the stand-in: KVU 20:2 25:1 35:1 58:3 75:1 80:1 90:1 -> STEM (35, 58, 75) 5 of 10.
    assert _value(obs, level="kvu", **nord) == 50.0
    assert _value(obs, level="mvu", **nord) == 15.0  # (1 + 2) of 20; health (90) is not STEM
    assert _value(obs, level="lvu", **nord) == 40.0  # (3 + 4 + 1) of 20, x075 counted
    assert _value(obs, level="phd", **nord) == 50.0  # (2 + 2) of 8; H8080 agriculture not STEM
    assert _value(obs, level="higher", **nord) == 32.0513  # 25 of 78: the five levels' fields, never TOT
    # Women's share of STEM intake: sex weights men 3, women 2.
    assert _value(obs, indicator="women_share_of_stem_intake", region="081", year=2012, level="higher") == 40.0
    # Counts: area 081 = its municipalities' weights; intake T = 2; year 2012 = 3; age total 7; both sexes 5.
    from stemlib.definitions.regions import municipalities

    area = sum(int(c) % 5 + 1 for c, m in municipalities().items() if m.region == "081")
    assert _value(obs, indicator="stem_intake", region="081", year=2012, sex="total", level="kvu",
                  breakdown="all") == area * 5 * 7 * 5 * 2 * 3


def test_suppressed_cell_gives_no_figure_and_no_partial_sum(fetched):
    obs = fetched[3]
    women_082 = obs[(obs.indicator == "stem_intake") & (obs.region == "082") & (obs.year == 2012)
                    & (obs.sex == "women")]
    assert set(women_082["level"]) == {"kvu", "mvu", "bachelor", "lvu"}  # phd has a ".." cell: no phd, no higher
    entry = read_entry(fetched[0] / "UDDAKT10.json")
    assert entry["frame"]["INDHOLD"].isna().sum() == 1


def test_uddakt30_htx_share_is_against_upper_secondary_not_tot(fetched):
    obs = fetched[3]
    # htx 2 of H20 = 20 (stx 10, hf 3, hhx 2-year... 1 + 4, htx 2) -> 10 %; against TOT (24, with access courses) 8.3 %.
    assert _value(obs, indicator="htx_share_of_upper_secondary", region="083", year=2013) == 10.0
    assert _value(obs, indicator="women_share_htx", region="083", year=2013) == 40.0
    assert set(obs[obs.indicator == "htx_share_of_upper_secondary"]["region"]) == {"000", "081", "082", "083",
                                                                                    "084", "085"}


def test_veu20_participants_calendar_year_and_stem_areas_of_one_level(fetched):
    obs = fetched[3]
    veu = obs[(obs.indicator == "veu_participants") & (obs.region == "084") & (obs.sex == "total")
              & (obs.year == 2011)].set_index("breakdown")["value"]
    # Area weights: the ten 5-character STEM codes present sum to 13 of 92 (TOT); the 7- and 9-character
    # codes below them are never added on top.
    assert veu["area:stem"] / veu["area:all"] == pytest.approx(13 / 92)
    assert _value(obs, indicator="veu_participants_index_2011", region="084", year=2013,
                  breakdown="area:stem") == 200.0  # year weights 2011: 2, 2013: 4


def test_veu20_lists_the_amu_areas_it_could_not_classify(fetched):
    notes = fetched[2]
    assert len(notes) == 1 and "H3910" in notes[0] and "veu_stem_codes.csv" in notes[0]


def test_genmf10_dropout_from_seven_character_programmes_and_a_true_zero(fetched):
    obs = fetched[3]
    # STAT weights: cohort TOT 100, dropout within one year (3) 15: 15 % whenever no cell is set by hand.
    assert _value(obs, indicator="stem_first_year_dropout", year=2011, sex="total") == 15.0
    # 2012: H808059 (weight 1 of the 20 STEM programme weights) has a true 0 in a table whose marker is "0":
    # 15 x 19 / (100 x 20) = 14.25 %, not "missing".
    assert _value(obs, indicator="stem_first_year_dropout", year=2012, sex="total") == 14.25
    query = read_entry(fetched[0] / "GENMF10.json")["query"]
    assert "H808059" in query["STARTUD"] and "H808080" not in query["STARTUD"]
    assert all(len(code) == 7 for code in query["STARTUD"])


def test_ligeub6_and_ligeui6(fetched):
    obs = fetched[3]
    assert _value(obs, indicator="women_share_of_stem_students", year=2013) == 40.0
    assert _value(obs, indicator="stem_share_gender_gap", year=2013) == 20.0
    assert _value(obs, indicator="stem_share_of_higher_students", year=2013, sex="men") == 40.0


def test_municipal_rows_are_kept_but_never_ranked_with_regions(fetched):
    from stemlib.definitions.regions import municipalities
    from stemlib.report import compare

    obs = fetched[3]
    for indicator in ("stem_intake", "veu_participants"):
        assert set(municipalities()) <= set(obs[obs.indicator == indicator]["region"])
    assert not {"998", "999", "996", "001"} & set(obs["region"])  # unknown residence and landsdele left out
    rows = compare.comparable_series(obs.assign(qualifier="", flag=""))
    assert set(rows["region"]) <= {"000", "081", "082", "083", "084", "085"}
    ranked = compare.ranking(rows[rows.indicator == "stem_share_of_intake"], "en")
    assert set(ranked["Area"]) <= {"Whole country", "North Denmark", "Central Denmark", "Southern Denmark",
                                   "Capital Region", "Zealand"}


def test_x075_counts_as_stem_and_veu_codes_are_one_level():
    from stemlib.definitions.classifications import h_codes, stem_veu_codes

    assert h_codes()["H6075"].stem == "yes" and "H8075" not in h_codes()
    assert stem_veu_codes() and {len(code) for code in stem_veu_codes()} == {5}


def test_genmf10_gives_no_figure_for_a_cohort_not_yet_followed_for_a_year():
    import pandas as pd

    from stemlib.data.statbank.recipes import RECIPES
    from stemlib.data.statbank.shape import Shape
    from tests.support.statbank_fixtures import TABLEINFO, public

    # Synthetic cells: 2023 cohort 1,000, 100 dropped out, 20 without status; 2024 cohort 1,000, status unknown
    # for 990 (not yet followed for a year), so its "dropout" of 1 would read as 0.1 %.
    rows = [["H808059", status, "10", year, value] for year, cells in
            {"2023": {"TOT": 1000, "3": 100, "4": 20}, "2024": {"TOT": 1000, "3": 1, "4": 990}}.items()
            for status, value in cells.items()]
    frame = pd.DataFrame(rows, columns=["STARTUD", "STAT", "KØN", "TID", "INDHOLD"])
    observations = RECIPES["GENMF10"].observations(frame, Shape("GENMF10", public(TABLEINFO["GENMF10"])))
    assert [(row["year"], row["value"]) for row in observations] == [(2023, 10.0)]
