"""Observations from the cache: a broken, old or doubled table is skipped with one line; the rest is used."""

import json

from stemlib.data.observations import load_observations


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


def test_loader_and_report_sections_use_the_cache(cached):
    obs = load_observations(cached)
    statbank = obs[obs.source.str.startswith("statbank")]
    assert statbank["locator"].str.contains("updated 2025-03-25").all()
    assert statbank["locator"].str.len().max() < 600  # the municipality list is abbreviated
    from stemlib import report
    from stemlib.report import sections

    ctx = report.context("085")
    dropout = sections.dropout_section(ctx)
    assert "statbank_genmf10" in set(dropout.figures["source"])
    a_levels = sections.a_levels_section(ctx)
    assert set(a_levels.figures.loc[a_levels.figures.source == "statbank_uddakt30", "region"]) >= {"085", "000"}


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
