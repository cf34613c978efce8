"""The explorer's pure parts: the catalogue, one chosen series, and its CSV for Excel."""

import pandas as pd

from stemlib.data.observations import load_observations
from stemlib.report import explorer


def test_the_catalogue_says_what_each_measure_means():
    table = explorer.catalogue(load_observations(), "en")
    row = table.loc["adult_participation_4w"]
    assert row["Unit"] == "Percent" and row["Better"] == "higher is better"
    assert row["Years"] == "2000–2019" and row["Areas"] == 6
    assert "eurostat_trng_lfse_04" in row["Sources"] and row["Definition"]


def test_a_measure_with_levels_offers_each_level_and_the_choice_is_kept():
    obs = load_observations()
    choices = explorer.series_choices(obs, "attainment_share", "en")
    assert len(choices) == 4 and all(breakdown == "all" for _, (_, breakdown) in choices)
    level = choices[2][1][0]
    rows = explorer.choose(obs, "attainment_share", level=level, areas=["081", "082"], sex="women",
                           years=(2010, 2015))
    assert set(rows["level"]) == {level} and set(rows["region"]) == {"081", "082"}
    assert set(rows["year"]) == set(range(2010, 2016)) and set(rows["sex"]) == {"women"}


def test_the_csv_opens_in_danish_excel():
    rows = pd.DataFrame({"indicator": ["x"], "region": ["081"], "year": [2019], "sex": ["women"], "level": ["all"],
                         "breakdown": ["all"], "value": [23.5], "unit": ["percent"], "qualifier": [""], "flag": [""],
                         "source": ["s"], "locator": ["synthetic row"]})
    data = explorer.selection_csv(rows, "da")
    assert data.startswith(b"\xef\xbb\xbf")
    header, line = data.decode("utf-8-sig").splitlines()
    assert header.split(";")[:4] == ["indicator", "region", "area", "year"]
    assert line.split(";")[2] == "Nordjylland" and "23,5" in line.split(";")
    assert "23.5" in explorer.selection_csv(rows, "en").decode("utf-8-sig")


def test_explorer_charts_have_a_width_in_pixels_and_the_source_in_the_tooltip():
    obs = load_observations()
    rows = explorer.choose(obs, "adult_participation_4w", areas=["081", "082"], years=(2010, 2015))
    spec = explorer.choice_chart(rows, "en").to_dict()  # validated against the Vega-Lite schema
    assert isinstance(spec["width"], int)
    tooltip = {t["field"] for layer in spec["layer"] for t in layer["encoding"].get("tooltip", [])}
    assert {"source_text", "locator"} <= tooltip
