"""End to end: `python -m stemlib.fetch` against a local stand-in for StatBank, then the batch, then the reports.

The stand-in (tests/support/statbank_server.py) answers with the six tables' real structure and synthetic numbers.
Everything is written under pytest's tmp_path (STEMLIB_DATA_DIR and --output), never into data/statbank.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.support.batchtools import run_batch
from tests.support.repo import REPO
from tests.support.statbank_fixtures import with_wrong_genmf10
from tests.support.statbank_server import StandInStatBank

pytestmark = pytest.mark.slow

REGION_REPORTS = {"nordjylland": "081", "midtjylland": "082", "syddanmark": "083", "hovedstaden": "084",
                  "sjaelland": "085"}


def fetch(url: str, data: os.PathLike, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "STEMLIB_STATBANK_URL": url, "STEMLIB_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "stemlib.fetch", *args], cwd=REPO, capture_output=True, text=True,
                          env=env, timeout=300)


def key_numbers(notebook_path) -> str:
    """The text the report's key-number cells printed (the figures each section used)."""
    nb = json.loads(notebook_path.read_text(encoding="utf-8"))
    return "\n".join(output.get("text", "") if isinstance(output.get("text"), str) else "".join(output.get("text", []))
                     for cell in nb["cells"] if cell["cell_type"] == "code" for output in cell.get("outputs", [])
                     if output.get("output_type") == "stream")


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """A copy of data/ whose StatBank cache was filled by the real command from the stand-in."""
    data = tmp_path_factory.mktemp("e2e") / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("statbank"))  # as in a fresh clone
    with StandInStatBank() as stand_in:
        result = fetch(stand_in.url, data)
        requests = list(stand_in.requests)
    return data, result, requests


def test_the_stand_in_answers_like_statbank():
    with StandInStatBank() as stand_in:
        def post(function, payload):
            request = urllib.request.Request(f"{stand_in.url}/{function}", data=json.dumps(payload).encode(),
                                             method="POST", headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()

        status, body = post("data", {"table": "UDDAKT30", "format": "CSV", "variables": [
            {"code": "UDDANNELSE", "values": ["H20"]}, {"code": "BOPREG", "values": ["081"]},
            {"code": "KØN", "values": ["10"]}, {"code": "FSTATUS", "values": ["B"]},
            {"code": "Tid", "values": ["2013"]}]})
        assert status == 200 and body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
        lines = body.decode("utf-8-sig").splitlines()
        # HERKOMST and HERKOMST1 were left out, so they are summed away: 20 x 6 x 5 x 5 x 4 x (8+1+1) x (8+1+1).
        assert lines == ["UDDANNELSE;BOPREG;KØN;FSTATUS;TID;INDHOLD", f"H20;081;10;B;2013;{20 * 6 * 5 * 5 * 4 * 100}"]
        status, body = post("data", {"table": "UDDAKT30", "format": "CSV", "variables": [
            {"code": "UDDANNELSE", "values": ["HTX"]}, {"code": "FSTATUS", "values": ["B"]}]})
        assert status == 400 and "HTX" in json.loads(body)["message"]


def test_fetch_then_reports_for_all_five_regions(refreshed, tmp_path):
    data, result, requests = refreshed
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for table in ("UDDAKT10", "UDDAKT30", "VEU20", "GENMF10", "LIGEUB6", "LIGEUI6"):
        assert f"{table}: " in result.stderr and (data / "statbank" / f"{table}.json").exists()
    assert "STEM check, whole country" in result.stderr and "H40A" in result.stderr
    assert {payload["table"] for function, payload in requests if function == "data"} == {
        "UDDAKT10", "UDDAKT30", "VEU20", "GENMF10", "LIGEUB6", "LIGEUI6"}

    output = tmp_path / "reports"
    batch = run_batch(*REGION_REPORTS, "--output", str(output), env={"STEMLIB_DATA_DIR": str(data)}, timeout=900)
    assert batch.returncode == 0, batch.stdout + batch.stderr
    assert "Traceback" not in batch.stderr
    for name, code in REGION_REPORTS.items():
        text = key_numbers(output / f"{name}.ipynb")
        assert f"stem_share_of_intake {code} " in text, name                      # UDDAKT10, intake
        assert f"stem_share_of_completions {code} " in text, name                 # UDDAKT10, completions
        assert f"htx_share_of_upper_secondary {code} htx total all 2013: 10 percent" in text, name  # H202040 / H20
        assert f"veu_participants {code} veu total area:stem 2013" in text, name  # VEU20, STEM areas
        if code == "081":  # Nordjylland's own figure (its pact); the national one is not comparable with it
            assert "stem_first_year_dropout 081 all total all -: 18.1 percent" in text, name
        else:  # no regional figure: the national one from GENMF10, shown for reference
            assert "stem_first_year_dropout 000 higher total all 2013: 15 percent" in text, name
        page = (output / f"{name}.html").read_text(encoding="utf-8")
        assert "STEM som afgrænset her (UDDAKT10)" in page and "Danmarks Statistik (LIGEUB6)" in page


def test_a_wrong_table_costs_that_table_only(refreshed, tmp_path):
    source, _, _ = refreshed
    data = tmp_path / "data"
    shutil.copytree(source, data)
    before = {path.name: path.read_bytes() for path in (data / "statbank").glob("*.json")}
    with StandInStatBank(tables=with_wrong_genmf10()) as stand_in:
        result = fetch(stand_in.url, data, "--force")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    genmf10_lines = [line for line in result.stderr.splitlines() if "GENMF10" in line]
    assert len(genmf10_lines) == 1
    assert "variable STARTUD" in genmf10_lines[0] and "expected 7-character" in genmf10_lines[0]
    assert "found codes" in genmf10_lines[0] and "previous cache was kept" in genmf10_lines[0]
    assert (data / "statbank" / "GENMF10.json").read_bytes() == before["GENMF10.json"]
    assert (data / "statbank" / "UDDAKT10.json").read_bytes() != before["UDDAKT10.json"]  # retrieved again

    # A cache file broken by hand (or by a full disk) costs that table only, in `make report` too.
    (data / "statbank" / "LIGEUI6.json").write_text('{"table": "LIGEUI6", "rows": [', encoding="utf-8")
    output = tmp_path / "reports"
    batch = run_batch("sjaelland", "--output", str(output), env={"STEMLIB_DATA_DIR": str(data)}, timeout=600)
    assert batch.returncode == 0 and "Traceback" not in batch.stderr, batch.stderr
    skipped = [line for line in batch.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and skipped[0].startswith("stemlib: data/statbank/LIGEUI6.json skipped: ")
    text = key_numbers(output / "sjaelland.ipynb")
    assert "stem_first_year_dropout 000 higher total all 2013: 15 percent" in text  # from the kept cache
    assert "htx_share_of_upper_secondary 081 htx total all 2013: 10 percent" in text
