import json
import math
import os
import subprocess
import sys
import time

import pytest

from stemlib.errors import StatBankError
from stemlib.fetch import main as fetch_main
from stemlib.fetch import refresh_table
from stemlib.observations import load_observations
from stemlib.statbank.cache import cache_summary, read_entry
from stemlib.statbank.client import Response, StatBankClient, resolve_values, split_under_cap
from stemlib.statbank.parse import parse_csv, parse_jsonstat
from stemlib.statbank.recipes import cached_statbank_observations

from .conftest import REPO
from .statbank_fixtures import TABLEINFO, FakeStatBank, unreachable_transport


def client(transport, **kwargs):
    return StatBankClient(transport, sleep=lambda s: None, base_url="https://statbank.invalid/v1", **kwargs)


# ---------------------------------------------------------------- parsing

def test_csv_with_bom_crlf_semicolons_and_decimal_comma():
    payload = "\ufeffHERKOMST1;TID;INDHOLD\r\nTotal;2023;233454\r\nDansk;2023;37,7\r\nUdland;2023;..\r\nX;2023;\r\n"
    frame = parse_csv(payload.encode("utf-8"), decimal_comma=True)
    assert list(frame.columns) == ["HERKOMST1", "TID", "INDHOLD"]
    assert frame["INDHOLD"].iloc[0] == 233454 and frame["INDHOLD"].iloc[1] == 37.7
    assert math.isnan(frame["INDHOLD"].iloc[2]) and math.isnan(frame["INDHOLD"].iloc[3])  # never 0


def test_csv_danish_thousands_and_suppressed_marker():
    frame = parse_csv("A;INDHOLD\r\nx;1.234,5\r\ny;*\r\n", decimal_comma=True, suppressed="*")
    assert frame["INDHOLD"].iloc[0] == 1234.5 and math.isnan(frame["INDHOLD"].iloc[1])


@pytest.mark.parametrize(("payload", "message"), [("", "empty"), ("A;B\r\n1;2\r\n", "INDHOLD"),
                                                  ("A;INDHOLD\r\n1\r\n", "line 2 has 1 cells"),
                                                  ("A;INDHOLD\r\n1;abc\r\n", "not a number")])
def test_bad_csv_is_refused(payload, message):
    with pytest.raises(StatBankError, match=message):
        parse_csv(payload)


def test_jsonstat_row_major_with_nulls():
    document = {"dataset": {"dimension": {
        "KØN": {"label": "sex", "category": {"index": {"M": 0, "K": 1}, "label": {"M": "Men", "K": "Women"}}},
        "Tid": {"label": "time", "category": {"index": {"2022": 0, "2023": 1, "2024": 2}}},
        "ContentsCode": {"category": {"index": {"X": 0}}},
        "id": ["KØN", "Tid", "ContentsCode"], "size": [2, 3, 1], "role": {"time": ["Tid"], "metric": ["ContentsCode"]}},
        "label": "t", "source": "Statistics Denmark", "updated": "2025-03-25T07:00:00Z",
        "value": [1, 2, None, 4, 5, 6], "extension": {"px": {"tableid": "T", "decimals": 0}}}}
    frame = parse_jsonstat(document)
    assert list(frame.columns) == ["KØN", "TID", "CONTENTSCODE", "INDHOLD"]
    assert frame.loc[(frame["KØN"] == "K") & (frame["TID"] == "2022"), "INDHOLD"].item() == 4
    assert math.isnan(frame.loc[(frame["KØN"] == "M") & (frame["TID"] == "2024"), "INDHOLD"].item())


def test_jsonstat_size_mismatch_is_refused():
    document = {"dataset": {"dimension": {"A": {"category": {"index": {"x": 0}}}, "id": ["A"], "size": [1]},
                            "value": [1, 2]}}
    with pytest.raises(StatBankError, match="2 cells"):
        parse_jsonstat(document)


# ---------------------------------------------------------------- client

def test_http_400_shows_statbanks_own_message():
    with pytest.raises(StatBankError, match="Tabellen NOPE findes ikke"):
        client(FakeStatBank()).tableinfo("NOPE")


def test_transient_errors_are_retried_politely():
    fake = FakeStatBank(fail_first=2)
    pauses = []
    info = StatBankClient(fake, sleep=pauses.append, pause=1.0).tableinfo("VEU20")
    assert info["id"] == "VEU20" and len(fake.calls) == 3 and pauses == [1.0, 2.0]


def test_retry_after_header_is_respected():
    answers = [Response(429, b"{}", {"Retry-After": "5"}), Response(200, b'{"id": "X"}', {})]
    pauses = []
    StatBankClient(lambda u, b, t: answers.pop(0), sleep=pauses.append).tableinfo("X")
    assert pauses == [5.0]


def test_timeouts_give_up_with_a_clear_error():
    def slow(url, body, timeout):
        raise TimeoutError("timed out")
    with pytest.raises(StatBankError, match="did not answer within 3 s"):
        client(slow, timeout=3, retries=1).tableinfo("VEU20")


def test_unreachable_is_not_retried():
    calls = []

    def transport(url, body, timeout):
        calls.append(url)
        return unreachable_transport(url, body, timeout)
    with pytest.raises(StatBankError, match="could not be reached"):
        client(transport).tableinfo("VEU20")
    assert len(calls) == 1


def test_selectors_and_the_cell_cap_split():
    info = {"variables": [{"id": "OMRÅDE", "values": [{"id": c, "text": c} for c in ("000", "081", "082", "083")]},
                          {"id": "KØN", "values": [{"id": c, "text": c} for c in ("M", "K")]},
                          {"id": "Tid", "time": True, "values": [{"id": str(y), "text": str(y)} for y in range(2005, 2025)]}]}
    tid = info["variables"][2]
    assert resolve_values(tid, [">=2011<=2013"]) == ["2011", "2012", "2013"]
    assert resolve_values(tid, ["(2)"]) == ["2023", "2024"]
    assert resolve_values(info["variables"][0], ["*3"]) == ["083"]
    query = {"OMRÅDE": ["*"], "KØN": ["*"], "Tid": ["*"]}  # 4 x 2 x 20 = 160 cells
    assert len(split_under_cap(info, query, cap=1000)) == 1
    chunks = split_under_cap(info, query, cap=50)
    assert all(len(c["OMRÅDE"]) * len(c["KØN"]) * len(c["Tid"]) <= 50 for c in chunks)
    assert sorted(y for c in chunks for y in c["Tid"]) == [str(y) for y in range(2005, 2025)]
    tiny = split_under_cap(info, query, cap=3)  # below one year's 8 cells: split further
    assert all(len(c["OMRÅDE"]) * len(c["KØN"]) * len(c["Tid"]) <= 3 for c in tiny)
    assert sum(len(c["OMRÅDE"]) * len(c["KØN"]) * len(c["Tid"]) for c in tiny) == 160


# ---------------------------------------------------------------- recipes, cache and the loader

@pytest.fixture
def cached(tmp_path, repo_data_copy, monkeypatch):
    """A copy of the real data folder with every recipe's table fetched from the fake StatBank."""
    monkeypatch.setenv("STEMLIB_DATA_DIR", str(repo_data_copy))
    fake = FakeStatBank()
    for table in TABLEINFO:
        refresh_table(client(fake), table, repo_data_copy / "statbank")
    return repo_data_copy, fake


def _value(frame, **where):
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows["value"].iloc[0]


def test_uddakt10_arithmetic_worked_out_by_hand(cached):
    folder, _ = cached
    obs = cached_statbank_observations(folder / "statbank")
    nord = dict(region="081", year=2018, breakdown="all")
    # STEM intake to higher education: 250 + 100 + 300 + 500 + 50 = 1,200 of 5 x 1,000 = 5,000 -> 24 %.
    assert _value(obs, indicator="stem_intake", level="higher", sex="total", **nord) == 1200
    assert _value(obs, indicator="intake_all_fields", level="higher", sex="total", **nord) == 5000
    assert _value(obs, indicator="stem_share_of_intake", level="higher", sex="total", **nord) == 24.0
    # Women: 60 + 20 + 100 + 180 + 20 = 380 of 1,200 -> 31.6667 %.
    assert _value(obs, indicator="women_share_of_stem_intake", level="higher", sex="total", **nord) == 31.6667
    assert _value(obs, indicator="stem_intake", level="lvu", sex="women", **nord) == 180
    # Agriculture (H4080) and health (H7090) are not STEM by default, so LVU STEM is 300 + 200.
    assert _value(obs, indicator="stem_intake", level="lvu", sex="total", **nord) == 500


def test_suppressed_cells_give_no_figure_never_zero(cached):
    folder, _ = cached
    obs = cached_statbank_observations(folder / "statbank")
    women_082 = obs[(obs.indicator == "stem_intake") & (obs.region == "082") & (obs.year == 2018)
                    & (obs.sex == "women")]
    assert set(women_082["level"]) == {"kvu", "mvu", "bachelor", "lvu"}  # phd has a suppressed cell: no phd, no higher
    entry = read_entry(folder / "statbank" / "UDDAKT10.json")
    assert entry["frame"]["INDHOLD"].isna().sum() == 1 and (entry["frame"]["INDHOLD"] == 0).sum() == 0


def test_other_recipes_arithmetic(cached):
    folder, _ = cached
    obs = cached_statbank_observations(folder / "statbank")
    assert _value(obs, indicator="htx_share_of_upper_secondary", region="081", year=2018) == 15.0  # 1,200 / 8,000
    assert _value(obs, indicator="women_share_htx", region="081", year=2018) == 25.0  # 300 / 1,200
    stem_veu = obs[(obs.indicator == "veu_participants") & (obs.region == "081") & (obs.sex == "total")
                   & (obs.breakdown == "area:stem")].set_index("year")["value"]
    assert stem_veu.to_dict() == {2011: 10000, 2012: 7500}  # natural science + ICT; health is not STEM
    assert _value(obs, indicator="veu_participants_index_2011", region="081", year=2012, breakdown="area:stem") == 75.0
    assert _value(obs, indicator="veu_participants_index_2011", region="081", year=2012, breakdown="area:all") == 80.0
    # GENMF10: every cell is 7, so dropout = 10 codes x 7 / (10 x 7) = 100 %.
    assert _value(obs, indicator="stem_first_year_dropout", region="000", year=2018, sex="total") == 100.0
    assert _value(obs, indicator="women_share_of_stem_students", region="000", year=2018) == 50.0  # 7 / (7 + 7)
    assert _value(obs, indicator="stem_share_gender_gap", region="000", year=2018) == 7.0


def test_cache_files_say_what_and_when(cached):
    folder, _ = cached
    document = json.loads((folder / "statbank" / "UDDAKT10.json").read_text(encoding="utf-8"))
    assert document["table"] == "UDDAKT10" and document["updated"] == "2025-03-25T07:00:00"
    assert document["retrieved"].endswith("Z") and document["query"]["FSTATUS"] == ["T", "F"]
    assert any(line.startswith("StatBank UDDAKT10, updated 2025-03-25, retrieved 20")
               for line in cache_summary(folder / "statbank"))


def test_unchanged_table_is_not_downloaded_again(cached):
    folder, fake = cached
    before = sum(1 for f, _ in fake.calls if f == "data")
    message = refresh_table(client(fake), "UDDAKT10", folder / "statbank")
    assert "unchanged" in message and sum(1 for f, _ in fake.calls if f == "data") == before
    changed = FakeStatBank(updated="2026-03-25T07:00:00")
    refresh_table(client(changed), "UDDAKT10", folder / "statbank")
    assert sum(1 for f, _ in changed.calls if f == "data") == 1


def test_loader_and_reports_use_the_cache_without_notebook_changes(cached):
    folder, _ = cached
    obs = load_observations(folder)
    assert {"statbank_uddakt10", "statbank_veu20"} <= set(obs["source"])
    assert obs[obs.source.str.startswith("statbank")]["locator"].str.contains("updated 2025-03-25").all()
    from stemlib import report, sections

    assert set(obs[(obs.indicator == "stem_completions") & (obs.region == "081")]["source"]) == {"statbank_uddakt10"}
    # Nordjylland's targets now have a baseline (2018) and a later figure (2019) from one source:
    # completions are 10 STEM codes x 7 = 70 in both years, below the path, so the status is "behind".
    # The vocational target stays without data: no H30 field code is mapped to STEM.
    targets = sections.targets_section(report.context("081"))
    assert list(targets.table["Status"][:2]) == ["ingen data", "bagud"]
    assert targets.table["Nulpunkt"].iloc[1] == "70 personer (2018)"


def test_offline_fetch_fails_fast_with_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("STEMLIB_DATA_DIR", str(tmp_path))
    started = time.monotonic()
    code = fetch_main([], client=client(unreachable_transport))
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
