"""The cache files: what they hold and say."""

import json

from stemlib.data.statbank.cache import cache_summary, read_entry


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
