"""StatBank's answers read into frames: CSV with BOM, CRLF and markers; JSON-stat."""

import math

import pytest

from stemlib.data.statbank.client import Response
from stemlib.data.statbank.parse import parse_csv, parse_jsonstat
from stemlib.errors import StatBankError
from tests.support.statbank_fixtures import fake_client


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
        fake_client(lambda u, b, t: Response(200, b"<html>maintenance</html>", {})).tableinfo("X")


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
