"""``make check-data`` (``python -m stemlib.data.check``): the loader's messages, "did you mean", dates after sources."""

import subprocess
import sys

import pytest

from stemlib.data.check import main
from tests.support.repo import REPO
from tests.support.synthetic_rows import GOOD_ROW, HEADER


def _write(folder, text):
    (folder / "observations" / "synthetic.csv").write_text(HEADER + text, encoding="utf-8")


def test_the_shipped_data_passes(capsys):
    assert main([str(REPO / "data")]) == 0
    out = capsys.readouterr().out
    assert "is valid" in out and "figures from" in out


def test_make_check_data_runs_the_check_and_exits_2_on_bad_data(data_folder):
    _write(data_folder, GOOD_ROW.replace(",percent,", ",procent,"))
    # -o: never reinstall the environment from inside a test (the stamp may be older than a fresh checkout's files).
    make = subprocess.run(["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "check-data"], cwd=REPO,
                          capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "STEMLIB_DATA_DIR": str(data_folder)})
    assert make.returncode == 2, make.stderr  # make passes the command's exit code 2 through as its own 2
    assert "synthetic.csv, line 2, column unit: 'procent' is not one of" in make.stderr
    assert "Did you mean 'percent'?" in make.stderr


DID_YOU_MEAN = [
    ("source", GOOD_ROW.replace("test_source", "test_sorce"), "column source: 'test_sorce'", "'test_source'"),
    ("indicator", GOOD_ROW.replace("stem_first_year_dropout", "stem_first_year_dropuot"), "column indicator",
     "'stem_first_year_dropout'"),
    ("unit", GOOD_ROW.replace(",percent,", ",procent,"), "column unit: 'procent'", "'percent'"),
    ("sex", GOOD_ROW.replace(",total,", ",woman,"), "column sex: 'woman'", "'women'"),
    ("level", GOOD_ROW.replace(",all,all,", ",higer,all,"), "column level: 'higer'", "'higher'"),
]


@pytest.mark.parametrize(("column", "row", "where", "suggestion"), DID_YOU_MEAN, ids=[c[0] for c in DID_YOU_MEAN])
def test_a_misspelt_code_gets_did_you_mean(data_folder, capsys, column, row, where, suggestion):
    _write(data_folder, row)
    assert main([str(data_folder)]) == 2
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if where in line)
    assert "synthetic.csv, line 2" in line and f"Did you mean {suggestion}" in line


def test_no_suggestion_for_a_code_like_nothing_known(data_folder, capsys):
    _write(data_folder, GOOD_ROW.replace("test_source", "qqqqqqqqqqqq"))
    assert main([str(data_folder)]) == 2
    assert "Did you mean" not in capsys.readouterr().err


def test_a_figure_dated_after_its_source_is_refused(data_folder, capsys):
    # The data_folder's source was published in 2026; a 2027 figure from it cannot be a measurement.
    _write(data_folder, GOOD_ROW.replace(",2018,", ",2027,"))
    assert main([str(data_folder)]) == 2
    err = capsys.readouterr().err
    assert "line 2, column year: 2027 is after the source 'test_source' was published (2026" in err


@pytest.mark.parametrize("row", [
    "target_completions_increase,081,2028,total,higher,all,20,percent,,test_source,a target\n",
    "projected_labour_shortage,000,2030,total,eud,all,70000,persons,approx,test_source,a forecast\n",
], ids=["target", "forecast"])
def test_targets_and_forecasts_may_be_dated_after_their_source(data_folder, capsys, row):
    _write(data_folder, row)
    assert main([str(data_folder)]) == 0, capsys.readouterr().err


def test_a_source_without_a_year_is_not_checked_for_dates(data_folder, capsys):
    (data_folder / "sources.csv").write_text(
        "id,title,publisher,year,address,licence\ntest_source,Synthetic,stemlib tests,,tests,synthetic\n",
        encoding="utf-8")
    _write(data_folder, GOOD_ROW.replace(",2018,", ",2099,"))
    assert main([str(data_folder)]) == 0, capsys.readouterr().err


def test_the_module_runs_from_the_command_line(data_folder):
    run = subprocess.run([sys.executable, "-m", "stemlib.data.check", str(data_folder)], capture_output=True,
                         text=True)
    assert run.returncode == 0 and "is valid: 1 figures from 1 sources" in run.stdout


def test_sources_without_a_year_are_counted_in_a_note(data_folder, capsys):
    (data_folder / "sources.csv").write_text(
        "id,title,publisher,year,address,licence\ntest_source,Synthetic,stemlib tests,2026,tests,synthetic\n"
        "undated,Synthetic,stemlib tests,,tests,synthetic\n", encoding="utf-8")
    assert main([str(data_folder)]) == 0
    assert "note: 1 of 2 sources in data/sources.csv have no year" in capsys.readouterr().out
