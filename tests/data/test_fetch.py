"""``python -m stemlib.fetch``: a mismatching table costs only itself, an unchanged one is not downloaded again,
and offline the command stops fast with one line."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from stemlib.data.fetch import main as fetch_main
from stemlib.data.fetch import refresh_table
from tests.support.repo import REPO
from tests.support.statbank_fixtures import FakeStatBank, fake_client, unreachable_transport


@pytest.mark.parametrize(("table", "change", "variable", "expected"), [
    ("GENMF10", "wrong_genmf10", "STARTUD", "7-character STEM programmes"),
    ("UDDAKT30", "no_htx", "UDDANNELSE", "H202040"),
    ("VEU20", "no_selector", "OVERNAT1", "codes 11"),
    ("UDDAKT10", "no_regions", "BOPOMR", "the country and the five regions"),
])
def test_structure_mismatch_is_one_line_naming_table_variable_expected_found(tmp_path, table, change, variable,
                                                                             expected):
    import copy

    from stemlib.data.statbank.shape import StructureMismatch
    from tests.support.statbank_fixtures import TABLEINFO, with_wrong_genmf10

    tables = with_wrong_genmf10() if change == "wrong_genmf10" else copy.deepcopy(TABLEINFO)
    var = {v["id"]: v for v in tables[table]["variables"]}
    if change == "no_htx":
        var["UDDANNELSE"]["values"] = [v for v in var["UDDANNELSE"]["values"] if v["text"] != "htx"]
    elif change == "no_selector":
        var["OVERNAT1"]["values"] = [v for v in var["OVERNAT1"]["values"] if v["id"] != "11"]
    elif change == "no_regions":
        var["BOPOMR"]["values"] = [v for v in var["BOPOMR"]["values"] if v["id"] != "083"]
    with pytest.raises(StructureMismatch) as caught:
        refresh_table(fake_client(FakeStatBank(tables=tables)), table, tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{table}: variable {variable}") and expected in message
    assert "found" in message and "\n" not in message
    assert not (tmp_path / f"{table}.json").exists()


def test_fetch_keeps_the_old_cache_of_a_mismatching_table_and_refreshes_the_others(tmp_path, capsys, monkeypatch,
                                                                                   fetched):
    from tests.support.statbank_fixtures import with_wrong_genmf10

    monkeypatch.setenv("STEMLIB_DATA_DIR", str(tmp_path))
    folder = tmp_path / "statbank"
    folder.mkdir()
    for path in fetched[0].glob("*.json"):
        shutil.copy(path, folder / path.name)
    old = (folder / "GENMF10.json").read_bytes()
    code = fetch_main(["--force"], client=fake_client(FakeStatBank(tables=with_wrong_genmf10())))
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if "GENMF10" in line]
    assert lines == ["stemlib.fetch: GENMF10: variable STARTUD (read from UDDANNELSE): expected 7-character STEM "
                     "programmes under H40-H80 (e.g. H808059); found codes H4035, H4058, H8059, H40, H80, TOT; the "
                     "table's previous cache was kept"]
    assert "Traceback" not in err and (folder / "GENMF10.json").read_bytes() == old
    assert "UDDAKT10: " in err and "STEM check" in err  # the others were refreshed, and the check printed


def test_unchanged_table_is_not_downloaded_again(tmp_path, fetched):
    shutil.copy(fetched[0] / "LIGEUB6.json", tmp_path / "LIGEUB6.json")
    fake = FakeStatBank()
    message = refresh_table(fake_client(fake), "LIGEUB6", tmp_path)
    assert "unchanged" in message and not [f for f, _ in fake.calls if f == "data"]
    changed = FakeStatBank(updated="2026-03-25T07:00:00")
    refresh_table(fake_client(changed), "LIGEUB6", tmp_path)
    assert sum(1 for f, _ in changed.calls if f == "data") == 1


def test_offline_fetch_fails_fast_with_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("STEMLIB_DATA_DIR", str(tmp_path))
    started = time.monotonic()
    code = fetch_main([], client=fake_client(unreachable_transport))
    err = capsys.readouterr().err
    assert code == 2 and time.monotonic() - started < 5
    assert err.count("\n") == 1 and "StatBank could not be reached" in err and "cached and published figures" in err
    assert not (tmp_path / "statbank").exists() or not list((tmp_path / "statbank").iterdir())


def test_real_command_offline(tmp_path):
    # A host under .invalid never resolves, so this checks the real network path without reaching anything.
    env = {**os.environ, "STEMLIB_STATBANK_URL": "https://statbank.invalid/v1", "STEMLIB_DATA_DIR": str(tmp_path)}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "stemlib.fetch"], cwd=REPO, capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 2 and time.monotonic() - started < 20
    assert "Traceback" not in result.stderr and "StatBank could not be reached" in result.stderr


def test_unknown_table_is_refused(capsys):
    assert fetch_main(["NOPE10"]) == 2
    assert "no recipe for NOPE10" in capsys.readouterr().err
