import pytest

from stemlib.data.eurostat import eurostat_observations, read_eurostat_tsv
from stemlib.errors import DataValidationError
from tests.support.repo import REPO

EUROSTAT = REPO / "data" / "eurostat"


def test_reads_the_real_adult_participation_file_with_flags():
    raw = read_eurostat_tsv(EUROSTAT / "trng_lfse_04_DK.tsv")
    # Nordjylland (DK05), women, 2017 is "26.5 b": a break in series.
    cell = raw[(raw.geo == "DK05") & (raw.sex == "F") & (raw.time == "2017")].iloc[0]
    assert cell.value == 26.5 and cell.flag == "b"
    unflagged = raw[(raw.geo == "DK05") & (raw.sex == "F") & (raw.time == "2019")].iloc[0]
    assert unflagged.value == 28.7 and unflagged.flag == ""


def test_missing_cells_give_no_rows():
    raw = read_eurostat_tsv(EUROSTAT / "trng_lfse_04_DK.tsv")
    regional = raw[raw.geo == "DK01"]
    assert regional.time.astype(int).min() == 2007  # 2000-2006 are ':'
    assert len(raw) == 3 * (2 * 20 + 5 * 13)


def test_observations_map_nuts_to_regions_and_drop_dk0():
    obs = eurostat_observations(EUROSTAT)
    participation = obs[obs.indicator == "adult_participation_4w"]
    assert set(participation.region) == {"000", "081", "082", "083", "084", "085"}
    assert len(participation) == 3 * (20 + 5 * 13)
    row = participation[(participation.region == "081") & (participation.year == 2011)
                        & (participation.sex == "total")].iloc[0]
    assert row.value == 29.4  # DK05, T, 2011
    attainment = obs[obs.indicator == "attainment_share"]
    assert set(attainment.level) == {"ed0_2", "ed3_4", "ed3_8", "ed5_8"}


def test_dk_and_dk0_rows_are_identical_in_the_source():
    for name in ("trng_lfse_04_DK.tsv", "edat_lfse_04_DK.tsv"):
        raw = read_eurostat_tsv(EUROSTAT / name)
        dims = [c for c in raw.columns if c not in {"geo", "value", "flag", "line"}]
        dk = raw[raw.geo == "DK"].set_index(dims)[["value", "flag"]]
        dk0 = raw[raw.geo == "DK0"].set_index(dims)[["value", "flag"]]
        assert dk.sort_index().equals(dk0.sort_index())


def test_low_reliability_flag_and_missing_with_flag(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("unit,sex,age,geo\\time\t2019 \t2018 \nPC,T,Y25-64,DK05\t12.5 u\t: c\n", encoding="utf-8")
    raw = read_eurostat_tsv(path)
    assert list(raw.value) == [12.5] and list(raw.flag) == ["u"]


@pytest.mark.parametrize(("content", "message"), [
    ("", "empty"),
    ("unit,sex,geo\t2019 \nPC,T,DK05\t12.5 \n", "should end in a dimension"),
    ("unit,sex,geo\\time\t2019 \nPC,T,DK05\t12,5 \n", "neither a number"),
    ("unit,sex,geo\\time\t2019 \nPC,T,DK05\t12.5 \t3.0 \n", "expected 3 dimension codes and 1 periods"),
    ("unit,sex,geo\\time\t2019 \nPC,T,DK05\tabc\n", "line 2, period 2019"),
])
def test_malformed_eurostat_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataValidationError, match=message):
        read_eurostat_tsv(path)
