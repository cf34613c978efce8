import time

import pandas as pd
import pytest

from stemlib.data.observations import load_observations
from stemlib.data.schema import KEY, value_range
from stemlib.data.sources import read_sources
from stemlib.definitions.indicators import indicators
from stemlib.definitions.regions import REGIONS
from stemlib.errors import DataValidationError
from tests.support.repo import REPO
from tests.support.synthetic_rows import GOOD_ROW, HEADER


@pytest.fixture(scope="module")
def observations():
    return load_observations(REPO / "data", include_statbank=False)


def test_typed_columns(observations):
    assert str(observations["year"].dtype) == "Int64"
    assert observations["value"].dtype == "float64"
    assert observations["region"].map(type).eq(str).all()
    assert observations["region"].str.len().eq(3).all()


def test_every_row_has_known_indicator_region_unit_and_source(observations):
    registry = indicators()
    sources = read_sources(REPO / "data" / "sources.csv")
    assert observations["indicator"].isin(list(registry)).all()
    assert observations["region"].isin(list(REGIONS)).all()
    assert (observations["unit"] == observations["indicator"].map(lambda i: registry[i].unit)).all()
    assert observations["source"].isin(list(sources.index)).all()
    assert observations["locator"].str.len().gt(0).all()


def test_no_duplicate_keys(observations):
    assert not observations.duplicated(list(KEY)).any()


def test_the_seed_and_published_figures_and_eurostat_are_all_in(observations):
    per_source = observations.groupby("source").size()
    seed_rows = per_source[["rn_teknologipagt_2019", "rm_analyse_2018", "rm_teknologipagt_2018", "rm_notat_2017"]].sum()
    assert seed_rows > 100
    assert per_source["eurostat_trng_lfse_04"] == 255 and per_source["eurostat_edat_lfse_04"] == 1020
    for source in ("ufm_datavarehus_stem", "astra_groede", "di_konsfordeling_2023", "ekstrabladet_2021", "ida_2020"):
        assert per_source[source] > 0
    eurostat = observations[observations.source.str.startswith("eurostat")]
    assert set(eurostat.region) == set(REGIONS)


def test_values_lie_in_their_units_range(observations):
    for row in observations.itertuples():
        low, high = value_range(row.indicator, row.unit)
        assert low <= row.value <= high, row


# Spot checks against the seed documents: value as printed there, and the text it is printed in.
SPOT_CHECKS = [
    ("000_4de322b4885fe971.txt", "18,1%", "stem_first_year_dropout", "081", None, "total", "all", 18.1),
    ("000_4de322b4885fe971.txt", "10.574", "intake_all_fields", "081", 2018, "total", "higher", 10574),
    ("000_4de322b4885fe971.txt", "32,3%", "stem_unfilled_recruitment_rate", "081", 2018, "total", "all", 32.3),
    ("000_4de322b4885fe971.txt", "14 % af kvinderne", "stem_share_of_graduates", "081", 2016, "women", "all", 14),
    ("001_8f5fd81d277265dd.txt", "7,2 pct.", "stem_share_of_workforce", "000", 2016, "total", "higher", 7.2),
    ("001_8f5fd81d277265dd.txt", "4,5 \npct.", "htx_share_25yo", "082", 2016, "total", "htx", 4.5),
    ("001_8f5fd81d277265dd.txt", "32.000 personer", "stem_veu_participants", "082", 2016, "total", "veu", 32000),
    ("002_5235d895b153be2f.txt", "55 mio. kr.", "stem_effort_budget", "082", None, "total", "all", 55),
    ("003_56d850b61680e93a.txt", "70.000 faglærte", "projected_labour_shortage", "000", 2025, "total", "eud", 70000),
]


@pytest.mark.parametrize(("seed", "printed", "indicator", "region", "year", "sex", "level", "value"), SPOT_CHECKS)
def test_spot_check_against_the_seeds(observations, seed, printed, indicator, region, year, sex, level, value):
    rows = observations[(observations.indicator == indicator) & (observations.region == region)
                        & (observations.sex == sex) & (observations.level == level)]
    rows = rows[rows.year.isna()] if year is None else rows[rows.year == year]
    assert len(rows) >= 1 and rows.value.iloc[0] == value
    seed_path = REPO.parent / "shared" / "seeds" / seed
    if seed_path.exists():  # the seeds sit beside the repository in CI and in the workplace
        assert " ".join(printed.split()) in " ".join(seed_path.read_text(encoding="utf-8").split())


def test_cache_returns_copies_and_reloads_after_an_edit(data_folder):
    first = load_observations(data_folder)
    first.loc[0, "value"] = -1
    assert load_observations(data_folder).loc[0, "value"] == 18.1
    started = time.perf_counter()
    load_observations(data_folder)
    assert time.perf_counter() - started < 0.5
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(HEADER + GOOD_ROW.replace("18.1", "19.5"), encoding="utf-8")
    assert load_observations(data_folder).loc[0, "value"] == 19.5


BAD_FILES = [
    ("missing column", "indicator,region,year,sex,level,value,unit,source\n" + "x\n", "line 1: missing column locator"),
    ("non-numeric", HEADER + GOOD_ROW.replace("18.1", "\"18,1\""), "line 2, column value: '18,1' is not a number"),
    ("unknown unit", HEADER + GOOD_ROW.replace(",percent,", ",procent,"), "line 2, column unit: 'procent'"),
    ("unknown region", HEADER + GOOD_ROW.replace(",081,", ",81,"), "line 2, column region: '81'"),
    ("unknown indicator", HEADER + GOOD_ROW.replace("stem_first_year_dropout", "dropout"), "column indicator"),
    ("unknown source", HEADER + GOOD_ROW.replace("test_source", "nowhere"), "column source: 'nowhere'"),
    ("duplicate key", HEADER + GOOD_ROW + GOOD_ROW, "line 3: duplicate key"),
    ("share above 100", HEADER + GOOD_ROW.replace("18.1", "118.1"), "outside the possible range 0 to 100"),
    ("negative count", HEADER + "stem_intake,081,2018,total,eud,all,-5,persons,,test_source,x\n",
     "-5 is outside the possible range"),
    ("unit differs", HEADER + GOOD_ROW.replace(",percent,", ",pp,"), "differs from the registry's unit 'percent'"),
    ("ragged row", HEADER + "stem_intake,081,2018\n", "line 2: 3 cells, but the header has 11 columns"),
    ("bad year", HEADER + GOOD_ROW.replace(",2018,", ",18,"), "column year: '18'"),
    ("bad qualifier", HEADER + GOOD_ROW.replace(",percent,,", ",percent,ca.,"), "column qualifier: 'ca.'"),
    ("empty", "", "the file is empty"),
]


@pytest.mark.parametrize(("case", "content", "message"), BAD_FILES, ids=[case for case, _, _ in BAD_FILES])
def test_malformed_data_files_are_refused_with_file_line_and_column(data_folder, case, content, message):
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_observations(data_folder)
    assert "synthetic.csv" in str(error.value)
    assert message in str(error.value)


def test_wrong_encoding_is_refused_with_the_line(data_folder):
    path = data_folder / "observations" / "synthetic.csv"
    path.write_bytes((HEADER + GOOD_ROW.replace("synthetic row", "Sjælland")).encode("latin-1"))
    with pytest.raises(DataValidationError, match=r"synthetic.csv, line 2: the file is not UTF-8"):
        load_observations(data_folder)


def test_several_problems_are_reported_together(data_folder):
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(HEADER + GOOD_ROW.replace("18.1", "x") + GOOD_ROW.replace(",081,", ",999,").replace("2018", "2019"),
                    encoding="utf-8")
    with pytest.raises(DataValidationError, match="2 problems") as error:
        load_observations(data_folder)
    assert "line 2, column value" in str(error.value) and "line 3, column region" in str(error.value)


def test_duplicate_source_ids_are_refused(data_folder):
    sources = data_folder / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8") + "test_source,Again,x,,y,\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="line 3, column id: 'test_source' repeats line 2"):
        load_observations(data_folder)


def test_real_data_still_loads_from_a_copy(repo_data_copy):
    assert isinstance(load_observations(repo_data_copy), pd.DataFrame)
