"""The batch's options for analysts: --language, parameter files from anywhere, names with the language,
a plain progress line in logs, no lock file or kernel noise left behind."""

import shutil

import pytest

from stemlib.errors import ParameterError
from stemlib.publish.params import load_parameter_file, report_name, with_language
from tests.support.batchtools import run_batch
from tests.support.repo import REPO


@pytest.mark.parametrize(("stem", "language", "name"), [("nordjylland", "da", "nordjylland"),
                                                        ("nordjylland", "en", "nordjylland-en"),
                                                        ("nordjylland-en", "en", "nordjylland-en"),
                                                        ("syd_en", "en", "syd_en")])
def test_a_reports_name_shows_its_language_and_danish_names_stay(stem, language, name):
    assert report_name(stem, language) == name


def test_with_language_overrides_the_file_and_renames_the_report():
    spec = load_parameter_file(REPO / "parameters" / "syddanmark.yaml")
    assert (spec.name, spec.parameters["language"]) == ("syddanmark", "da")
    english = with_language(spec, "en")
    assert (english.name, english.parameters["language"]) == ("syddanmark-en", "en")
    assert english.parameters["region"] == "083" and spec.parameters["language"] == "da"
    with pytest.raises(ParameterError, match="'de' is not a supported language"):
        with_language(spec, "de")


def test_an_english_parameter_file_is_named_with_its_language(tmp_path):
    path = tmp_path / "syd.yaml"
    path.write_text('region: "083"\nlanguage: "en"\n', encoding="utf-8")
    assert load_parameter_file(path).name == "syd-en"


def test_an_unknown_language_option_is_refused_before_anything_runs(tmp_path):
    result = run_batch("nordjylland", "--language", "de", "--output", str(tmp_path / "out"))
    assert result.returncode == 2 and "invalid choice: 'de'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_two_files_with_one_report_name_are_refused(tmp_path):
    shutil.copy(REPO / "parameters" / "nordjylland.yaml", tmp_path / "nordjylland.yaml")
    result = run_batch("nordjylland", str(tmp_path / "nordjylland.yaml"), "--output", str(tmp_path / "out"))
    assert result.returncode == 2 and "would both write reports/nordjylland.html" in result.stderr


@pytest.mark.slow
def test_english_and_danish_reports_from_a_file_anywhere_sit_side_by_side(tmp_path):
    mine = tmp_path / "mine" / "syd.yaml"  # a parameter file outside parameters/
    mine.parent.mkdir()
    mine.write_text('region: "083"\ncompare_with: ["081", "084"]\nlanguage: "da"\n', encoding="utf-8")
    output = tmp_path / "out"
    english = run_batch(str(mine), "--language", "en", "--output", str(output))
    danish = run_batch(str(mine), "--output", str(output))
    assert english.returncode == 0, english.stderr
    assert danish.returncode == 0, danish.stderr
    assert '<html lang="en"' in (output / "syd-en.html").read_text(encoding="utf-8")[:2000]
    assert '<html lang="da"' in (output / "syd.html").read_text(encoding="utf-8")[:2000]
    index = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="syd-en.html"' in index and 'href="syd.html"' in index
    # Output to a pipe, as to a log file: one plain line per report, no progress bar redrawn with \r.
    assert "stemlib.batch: 1/1 syd-en done (" in english.stderr
    assert "\r" not in english.stderr and "%|" not in english.stderr
    # Nothing left behind: no lock file, and no harmless kernel warnings in the report's log.
    assert not (output / ".batch.lock").exists()
    log = (output / "logs" / "syd-en.log").read_text(encoding="utf-8")
    assert "without encryption" not in log and "WARNING" not in log.upper(), log


def test_a_worker_that_saw_ctrl_c_starts_no_further_report(tmp_path, monkeypatch):
    from stemlib.publish import batch

    monkeypatch.setattr(batch, "_ctrl_c", False)
    batch._note_ctrl_c(2, None)  # what the worker's SIGINT handler does when Ctrl-C reaches the process group
    spec = load_parameter_file(REPO / "parameters" / "nordjylland.yaml")
    outcome = batch.run_report(spec, tmp_path, cell_timeout=60, kernel_retries=0)
    assert (outcome.status, outcome.detail) == ("failed", "not started: the batch was interrupted")
    assert list(tmp_path.iterdir()) == []
