"""The workspace's STEM mapping against Statistics Denmark's own split, level by level."""


def test_stem_check_level_by_level(tmp_path):
    import pandas as pd

    from stemlib.data.statbank.cache import write_entry
    from stemlib.data.statbank.stem_check import stem_check, stem_check_lines
    from stemlib.report.sections.sources import stem_check_table

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
