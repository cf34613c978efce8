"""``stemlib.read_figures``: a report page's CSV file read back; ``stemlib.latest``: undated figures last."""

import numpy as np
import pandas as pd
import pytest

import stemlib
from stemlib.data.schema import COLUMNS, KEY
from stemlib.report.data_download import figures_csv
from tests.support.repo import REPO


@pytest.fixture(scope="module")
def observations():
    return stemlib.load_observations(REPO / "data", include_statbank=False)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_pages_csv_reads_back_into_the_same_rows(tmp_path, observations, language):
    # The text a page's download link is built from, saved as the browser saves it (bytes as they are).
    path = tmp_path / "figures.csv"
    path.write_bytes(figures_csv(observations, language).encode("utf-8"))
    back = stemlib.read_figures(path)
    expected = observations.sort_values(list(KEY), na_position="first", kind="stable").reset_index(drop=True)
    assert list(back.columns) == list(COLUMNS)
    assert len(back) == len(observations) > 1000
    pd.testing.assert_frame_equal(back, expected)
    assert back["region"].str.fullmatch(r"\d{3}").all()  # codes stay text: "081", not 81


def test_read_figures_names_file_line_and_column_of_a_bad_value(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(";".join(COLUMNS) + "\nx;081;2018;total;all;all;n/a;percent;;;s;l\n", encoding="utf-8-sig")
    with pytest.raises(stemlib.DataValidationError, match=r"figures.csv, line 2, column value: 'n/a'"):
        stemlib.read_figures(path)


def _rows(years):
    return pd.DataFrame({"indicator": "x", "region": "081", "sex": "total", "level": "all", "breakdown": "all",
                         "year": pd.array(years, dtype="Int64"), "value": np.arange(len(years), dtype=float),
                         "source": "s"})


def test_latest_prefers_a_dated_figure_to_an_undated_one():
    rows = _rows([2016, None, 2019, 2018])
    # The obvious way picks the undated row, because missing years sort last.
    assert rows.sort_values("year").tail(1)["year"].isna().all()
    picked = stemlib.latest(rows)
    assert len(picked) == 1 and picked["year"].iloc[0] == 2019 and picked["value"].iloc[0] == 2.0


def test_latest_keeps_an_undated_figure_when_a_series_has_nothing_else():
    rows = pd.concat([_rows([None]), _rows([2017]).assign(region="082")], ignore_index=True)
    picked = stemlib.latest(rows)
    assert picked["region"].tolist() == ["081", "082"]
    assert picked["year"].isna().tolist() == [True, False]


def test_latest_by_source_keeps_each_sources_latest():
    rows = pd.concat([_rows([2015, 2018]), _rows([2020]).assign(source="t")], ignore_index=True)
    assert len(stemlib.latest(rows)) == 1
    assert sorted(stemlib.latest(rows, by=("indicator", "region", "source"))["year"].tolist()) == [2018, 2020]


def test_an_exact_figures_qualifier_is_missing_not_empty(observations):
    assert observations["qualifier"].isna().any()
    assert not observations["qualifier"].eq("").any()
    assert set(observations["qualifier"].dropna()) <= {"approx", "just_under", "just_over", "more_than", "up_to"}
