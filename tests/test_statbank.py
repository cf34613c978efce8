import json
import math
import os
import shutil
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
from .statbank_fixtures import FakeStatBank, unreachable_transport


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


def test_a_zero_stays_zero_when_the_tables_marker_is_zero():
    # STRAF42's real tableinfo says "suppressedDataValue": "0": a true zero must not become missing.
    frame = parse_csv("\ufeffA;INDHOLD\r\nx;0\r\ny;..\r\nz;12\r\n".encode("utf-8"), suppressed="0")
    assert frame["INDHOLD"].iloc[0] == 0 and math.isnan(frame["INDHOLD"].iloc[1]) and frame["INDHOLD"].iloc[2] == 12


def test_a_dotted_marker_is_missing_and_a_zero_is_zero():
    frame = parse_csv("A;INDHOLD\r\nx;0\r\ny;..\r\n", suppressed="..")
    assert frame["INDHOLD"].iloc[0] == 0 and math.isnan(frame["INDHOLD"].iloc[1])


def test_tableinfo_that_is_not_json_is_a_clear_error():
    with pytest.raises(StatBankError, match="tableinfo answer for X is not JSON"):
        client(lambda u, b, t: Response(200, b"<html>maintenance</html>", {})).tableinfo("X")


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
    answers = [Response(429, b"{}", {"Retry-After": "5"}), Response(200, b'{"id": "X", "variables": []}', {})]
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


# ---------------------------------------------------------------- recipes on the tables' real structure

def _refresh_all(folder, fake):
    notes = []
    for table in fake.tables:
        refresh_table(client(fake), table, folder, notes=notes)
    return notes


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """Every recipe's table fetched once from the stand-in (real structure, synthetic numbers)."""
    folder = tmp_path_factory.mktemp("statbank")
    fake = FakeStatBank()
    notes = _refresh_all(folder, fake)
    return folder, fake, notes, cached_statbank_observations(folder)


@pytest.fixture
def cached(tmp_path, repo_data_copy, monkeypatch, fetched):
    """A copy of the real data folder with the fetched cache files in data/statbank."""
    monkeypatch.setenv("STEMLIB_DATA_DIR", str(repo_data_copy))
    for path in fetched[0].glob("*.json"):
        shutil.copy(path, repo_data_copy / "statbank" / path.name)
    return repo_data_copy


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
    from stemlib.regions import municipalities

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
    from stemlib import compare
    from stemlib.regions import municipalities

    obs = fetched[3]
    for indicator in ("stem_intake", "veu_participants"):
        assert set(municipalities()) <= set(obs[obs.indicator == indicator]["region"])
    assert not {"998", "999", "996", "001"} & set(obs["region"])  # unknown residence and landsdele left out
    rows = compare.comparable_series(obs.assign(qualifier="", flag=""))
    assert set(rows["region"]) <= {"000", "081", "082", "083", "084", "085"}
    ranked = compare.ranking(rows[rows.indicator == "stem_share_of_intake"], "en")
    assert set(ranked["Area"]) <= {"Whole country", "North Denmark", "Central Denmark", "Southern Denmark",
                                   "Capital Region", "Zealand"}


def test_stem_check_level_by_level(tmp_path):
    from stemlib.statbank.cache import write_entry
    from stemlib.statbank.stem_check import stem_check, stem_check_lines, stem_check_table
    import pandas as pd

    assert stem_check(tmp_path) is None and stem_check_lines(tmp_path) == []
    rows = []
    for code, value in {"H4035": 100, "H4058": 300, "H4075": 100, "H4090": 999, "H7035": 600, "H7059": 400}.items():
        rows.append(["000", code, "10", "B", "2024", value])
        rows.append(["081", code, "10", "B", "2024", 1])  # a region: not part of the national check
        rows.append(["000", code, "10", "T", "2024", 7])  # intake: not enrolled
    frame = pd.DataFrame(rows, columns=["BOPOMR", "UDDANNELSE", "KØN", "FSTATUS", "TID", "INDHOLD"])
    labels = {"BOPOMR": {"000": "All"}, "UDDANNELSE": {}, "KØN": {}, "FSTATUS": {}, "Tid": {"2024": "2024"}}
    write_entry("UDDAKT10", query={}, updated="u", retrieved="r", labels=labels, frame=frame, folder=tmp_path,
                recipe_version=2)
    official = pd.DataFrame([["H40A", "TOT", "2024", 400], ["H70A", "TOT", "2024", 1250], ["H70A", "M", "2024", 3]],
                            columns=["UDDANNELSE", "KØN", "TID", "INDHOLD"])
    write_entry("LIGEUB6", query={}, updated="u", retrieved="r", labels={"UDDANNELSE": {}, "KØN": {}, "Tid": {}},
                frame=official, folder=tmp_path, recipe_version=2)
    table = stem_check(tmp_path).set_index("level")
    # KVU: 100 + 300 + 100 (health not STEM) = 500 against 400 -> +25 %; LVU: 1,000 against 1,250 -> -20 %.
    assert table.loc["kvu", "workspace"] == 500 and table.loc["kvu", "difference_percent"] == 25.0
    assert table.loc["lvu", "workspace"] == 1000 and table.loc["lvu", "difference_percent"] == -20.0
    assert "higher" not in table.index  # MVU, bachelor, PhD have no official figure here: no total
    lines = stem_check_lines(tmp_path)
    assert "2024" in lines[0] and any("kvu" in line and "+25%" in line for line in lines)
    shown = stem_check_table("da", tmp_path)
    assert list(shown["Forskel"]) == ["+25 %", "–", "–", "−20 %", "–"]  # no official figure: a dash


def test_x075_counts_as_stem_and_veu_codes_are_one_level():
    from stemlib.classifications import h_codes, stem_veu_codes

    assert h_codes()["H6075"].stem == "yes" and "H8075" not in h_codes()
    assert stem_veu_codes() and {len(code) for code in stem_veu_codes()} == {5}


# ---------------------------------------------------------------- a table whose structure is wrong

@pytest.mark.parametrize(("table", "change", "variable", "expected"), [
    ("GENMF10", "wrong_genmf10", "STARTUD", "7-character STEM programmes"),
    ("UDDAKT30", "no_htx", "UDDANNELSE", "H202040"),
    ("VEU20", "no_selector", "OVERNAT1", "codes 11"),
    ("UDDAKT10", "no_regions", "BOPOMR", "the country and the five regions"),
])
def test_structure_mismatch_is_one_line_naming_table_variable_expected_found(tmp_path, table, change, variable,
                                                                             expected):
    import copy

    from stemlib.statbank.shape import StructureMismatch

    from .statbank_fixtures import TABLEINFO, with_wrong_genmf10

    tables = with_wrong_genmf10() if change == "wrong_genmf10" else copy.deepcopy(TABLEINFO)
    var = {v["id"]: v for v in tables[table]["variables"]}
    if change == "no_htx":
        var["UDDANNELSE"]["values"] = [v for v in var["UDDANNELSE"]["values"] if v["text"] != "htx"]
    elif change == "no_selector":
        var["OVERNAT1"]["values"] = [v for v in var["OVERNAT1"]["values"] if v["id"] != "11"]
    elif change == "no_regions":
        var["BOPOMR"]["values"] = [v for v in var["BOPOMR"]["values"] if v["id"] != "083"]
    with pytest.raises(StructureMismatch) as caught:
        refresh_table(client(FakeStatBank(tables=tables)), table, tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{table}: variable {variable}") and expected in message
    assert "found" in message and "\n" not in message
    assert not (tmp_path / f"{table}.json").exists()


def test_fetch_keeps_the_old_cache_of_a_mismatching_table_and_refreshes_the_others(tmp_path, capsys, monkeypatch,
                                                                                   fetched):
    from .statbank_fixtures import with_wrong_genmf10

    monkeypatch.setenv("STEMLIB_DATA_DIR", str(tmp_path))
    folder = tmp_path / "statbank"
    folder.mkdir()
    for path in fetched[0].glob("*.json"):
        shutil.copy(path, folder / path.name)
    old = (folder / "GENMF10.json").read_bytes()
    code = fetch_main(["--force"], client=client(FakeStatBank(tables=with_wrong_genmf10())))
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if "GENMF10" in line]
    assert lines == ["stemlib.fetch: GENMF10: variable STARTUD (read from UDDANNELSE): expected 7-character STEM "
                     "programmes under H40-H80 (e.g. H808059); found codes H4035, H4058, H8059, H40, H80, TOT; the "
                     "table's previous cache was kept"]
    assert "Traceback" not in err and (folder / "GENMF10.json").read_bytes() == old
    assert "UDDAKT10: " in err and "STEM check" in err  # the others were refreshed, and the check printed


def test_loader_skips_a_broken_or_old_cache_file_with_one_line(cached, capsys):
    folder = cached / "statbank"
    (folder / "GENMF10.json").write_text("{ not json", encoding="utf-8")
    document = json.loads((folder / "UDDAKT30.json").read_text(encoding="utf-8"))
    document["recipe_version"] = 1  # written by the recipes that guessed the structure
    (folder / "UDDAKT30.json").write_text(json.dumps(document), encoding="utf-8")
    obs = load_observations(cached)
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "GENMF10.json skipped" in err and "UDDAKT30.json skipped" in err
    assert "run `make data`" in err and "Traceback" not in err
    assert "statbank_genmf10" not in set(obs["source"]) and "statbank_uddakt30" not in set(obs["source"])
    assert {"statbank_uddakt10", "statbank_veu20", "statbank_ligeub6"} <= set(obs["source"])


def test_cache_files_say_what_and_when(fetched):
    folder = fetched[0]
    document = json.loads((folder / "UDDAKT10.json").read_text(encoding="utf-8"))
    assert document["table"] == "UDDAKT10" and document["updated"] == "2025-03-25T08:00:00"
    assert document["retrieved"].endswith("Z") and document["query"]["FSTATUS"] == ["T", "F", "B"]
    assert document["recipe_version"] == 2 and document["query"]["ALDER"] == ["TOT"]
    # The rows as semicolon CSV: codes keep their leading zeros, a suppressed cell is empty (never 0).
    lines = document["rows_csv"].splitlines()
    assert lines[0] == "BOPOMR;UDDANNELSE;KØN;FSTATUS;ALDER;TID;INDHOLD" and document["row_count"] == len(lines) - 1
    assert any(line.startswith("000;") for line in lines) and any(line.endswith(";") for line in lines)
    frame = read_entry(folder / "UDDAKT10.json")["frame"]
    assert frame["INDHOLD"].isna().sum() == 1 and (frame["BOPOMR"] == "000").any()
    assert any(line.startswith("StatBank UDDAKT10, updated 2025-03-25, retrieved 20") for line in cache_summary(folder))


def test_unchanged_table_is_not_downloaded_again(tmp_path, fetched):
    shutil.copy(fetched[0] / "LIGEUB6.json", tmp_path / "LIGEUB6.json")
    fake = FakeStatBank()
    message = refresh_table(client(fake), "LIGEUB6", tmp_path)
    assert "unchanged" in message and not [f for f, _ in fake.calls if f == "data"]
    changed = FakeStatBank(updated="2026-03-25T07:00:00")
    refresh_table(client(changed), "LIGEUB6", tmp_path)
    assert sum(1 for f, _ in changed.calls if f == "data") == 1


def test_loader_and_report_sections_use_the_cache(cached):
    obs = load_observations(cached)
    statbank = obs[obs.source.str.startswith("statbank")]
    assert statbank["locator"].str.contains("updated 2025-03-25").all()
    assert statbank["locator"].str.len().max() < 600  # the municipality list is abbreviated
    from stemlib import report, sections

    ctx = report.context("085")
    dropout = sections.dropout_section(ctx)
    assert "statbank_genmf10" in set(dropout.figures["source"])
    a_levels = sections.a_levels_section(ctx)
    assert set(a_levels.figures.loc[a_levels.figures.source == "statbank_uddakt30", "region"]) >= {"085", "000"}


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


def test_loader_skips_a_table_with_two_figures_for_one_key(cached, capsys):
    # Every cell twice with another value (as when an area comes both as "0" and "000", or a copy repeats rows).
    path = cached / "statbank" / "LIGEUI6.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    lines = document["rows_csv"].splitlines()
    document["rows_csv"] = "\n".join(lines + [";".join([*line.split(";")[:-1], "99"]) for line in lines[1:]]) + "\n"
    path.write_text(json.dumps(document), encoding="utf-8")
    obs = load_observations(cached)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "LIGEUI6.json skipped: two figures for one key" in err
    assert "statbank_ligeui6" not in set(obs["source"]) and "statbank_ligeub6" in set(obs["source"])


def test_genmf10_gives_no_figure_for_a_cohort_not_yet_followed_for_a_year():
    import pandas as pd

    from stemlib.statbank.recipes import RECIPES
    from stemlib.statbank.shape import Shape

    from .statbank_fixtures import TABLEINFO, public

    # Synthetic cells: 2023 cohort 1,000, 100 dropped out, 20 without status; 2024 cohort 1,000, status unknown
    # for 990 (not yet followed for a year), so its "dropout" of 1 would read as 0.1 %.
    rows = [["H808059", status, "10", year, value] for year, cells in
            {"2023": {"TOT": 1000, "3": 100, "4": 20}, "2024": {"TOT": 1000, "3": 1, "4": 990}}.items()
            for status, value in cells.items()]
    frame = pd.DataFrame(rows, columns=["STARTUD", "STAT", "KØN", "TID", "INDHOLD"])
    observations = RECIPES["GENMF10"].observations(frame, Shape("GENMF10", public(TABLEINFO["GENMF10"])))
    assert [(row["year"], row["value"]) for row in observations] == [(2023, 10.0)]
