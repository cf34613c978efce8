"""The StatBank client: its errors, polite retries, and queries split under the cell cap."""

import pytest

from stemlib.data.statbank.client import Response, StatBankClient, resolve_values, split_under_cap
from stemlib.errors import StatBankError
from tests.support.statbank_fixtures import FakeStatBank, fake_client, unreachable_transport


def test_http_400_shows_statbanks_own_message():
    with pytest.raises(StatBankError, match="Tabellen NOPE findes ikke"):
        fake_client(FakeStatBank()).tableinfo("NOPE")


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
        fake_client(slow, timeout=3, retries=1).tableinfo("VEU20")


def test_unreachable_is_not_retried():
    calls = []

    def transport(url, body, timeout):
        calls.append(url)
        return unreachable_transport(url, body, timeout)
    with pytest.raises(StatBankError, match="could not be reached"):
        fake_client(transport).tableinfo("VEU20")
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
