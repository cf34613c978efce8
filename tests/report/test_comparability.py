"""Figures under a region's own definition are shown for that region and never ranked with others.

The rows here are synthetic (labelled so in their locator); the registry entries are the real
ones, with one synthetic regional-scope indicator added through monkeypatch.
"""

import importlib
from dataclasses import replace

import pandas as pd
import pytest

from stemlib.definitions.indicators import get_indicator
from stemlib.report import compare, sections
from stemlib.report.report_context import ReportContext

# The module, not the function of the same name that stemlib re-exports.
indicators = importlib.import_module("stemlib.definitions.indicators")


def _rows(specs):
    """Synthetic observation rows: (indicator, region, value, source)."""
    return pd.DataFrame({
        "indicator": [s[0] for s in specs], "region": [s[1] for s in specs],
        "year": pd.array([2020] * len(specs), dtype="Int64"), "sex": "total", "level": "higher",
        "breakdown": "all", "value": [float(s[2]) for s in specs], "unit": "percent", "qualifier": "", "flag": "",
        "source": [s[3] for s in specs], "locator": "synthetic test row"})


@pytest.fixture
def regional_registry(monkeypatch):
    """The real registry with stem_share_of_intake turned into a regional-definition indicator."""
    registry = dict(indicators.indicators())
    registry["stem_share_of_intake"] = replace(registry["stem_share_of_intake"], scope="regional",
                                               comparability="synthetic: counts health as science")
    monkeypatch.setattr(indicators, "indicators", lambda: registry)
    return registry


def test_every_regional_indicator_says_why_it_is_not_comparable():
    for indicator in indicators.indicators().values():
        if indicator.scope == "regional":
            assert indicator.comparability and indicator.definition_da and indicator.definition_en, indicator.id


def test_scope_is_validated_when_the_registry_is_read():
    assert {i.scope for i in indicators.indicators().values()} <= set(indicators.SCOPES)
    assert get_indicator("stem_share_of_intake").comparable_across_areas


def test_regional_figure_is_listed_with_its_definition_not_charted(regional_registry):
    rows = _rows([("stem_share_of_intake", "083", 41, "a"), ("stem_share_of_intake", "084", 30, "b"),
                  ("stem_share_of_intake", "000", 38, "c")])
    section = sections.intake_section(ReportContext("083", ("084", "000"), "da", rows))
    assert not section.charts  # nothing to compare fairly
    assert section.table.empty
    caption, table = section.extra_tables[0]
    assert "ikke kan sammenlignes" in caption
    assert list(table["Værdi"]) == ["41 %"]  # only the report's own region; 084's own definition is not shown
    assert "Hvad tallet dækker" in table.columns
    assert "41 %" in section.finding


def test_common_figure_is_compared_on_a_chart():
    rows = _rows([("stem_share_of_intake", "083", 41, "a"), ("stem_share_of_intake", "084", 30, "a")])
    section = sections.intake_section(ReportContext("083", ("084",), "da", rows))
    assert len(section.charts) == 1 and not section.extra_tables
    plotted = [r["value"] for data in section.charts[0].to_dict()["datasets"].values() for r in data]
    assert sorted(plotted) == [30.0, 41.0]


def test_comparison_leaves_out_regional_definitions(regional_registry):
    rows = _rows([("stem_share_of_intake", "083", 41, "a"), ("stem_share_of_intake", "084", 30, "a"),
                  ("women_share_of_stem_intake", "083", 30, "a"), ("women_share_of_stem_intake", "084", 35, "a")])
    series = compare.comparable_series(rows)
    assert set(series["indicator"]) == {"women_share_of_stem_intake"}


@pytest.mark.parametrize("sources, ranked", [(["a", "a", "z"], True), (["a", "b", "a"], False)])
def test_regions_are_ranked_only_on_figures_from_one_source(sources, ranked):
    rows = _rows([("women_share_of_stem_intake", "083", 30, sources[0]),
                  ("women_share_of_stem_intake", "084", 35, sources[1]),
                  ("women_share_of_stem_intake", "000", 33, sources[2])])
    table = compare.ranking(rows, "da").set_index("Område")["Rang"]
    if ranked:  # the country's own source does not matter: it is shown for reference only
        assert (table["Hovedstaden"], table["Syddanmark"], table["Hele landet"]) == ("1", "2", "·")
    else:
        assert table["Hovedstaden"] == table["Syddanmark"] == "– (forskellige kilder)"


def test_english_report_says_why_a_regional_figure_is_not_comparable(regional_registry):
    rows = _rows([("stem_share_of_intake", "083", 41, "a")])
    section = sections.intake_section(ReportContext("083", ("000",), "en", rows))
    caption, table = section.extra_tables[0]
    assert "cannot be compared" in caption
    assert list(table["Not comparable because"]) == ["synthetic: counts health as science"]


@pytest.mark.parametrize("build", [sections.a_levels_section, sections.intake_section,
                                   sections.labour_market_section, sections.gender_section])
def test_no_chart_in_a_region_report_plots_a_regional_definition(build):
    from stemlib import report

    section = build(report.context("083"))
    regional = {i.label("da") for i in indicators.indicators().values() if i.scope == "regional"}
    for chart in section.charts:
        plotted = {row.get("measure", "") for data in chart.to_dict()["datasets"].values() for row in data}
        assert not any(measure.startswith(label) for measure in plotted for label in regional), plotted


def test_veu_section_keeps_all_subject_adult_education_apart_from_stem():
    from stemlib import report

    section = sections.veu_section(report.context("000"))
    captions = dict(section.extra_tables)
    all_subjects = captions["Arbejdsmarkedsuddannelser (AMU) på alle fagområder"]
    assert all_subjects["Opgørelse"].str.contains("AMU").any()
    stem = next(table for caption, table in captions.items()
                if caption.startswith("Voksen- og efteruddannelse i STEM: offentliggjorte tal for "))
    assert not stem.empty and not set(all_subjects["Opgørelse"]) & set(stem["Opgørelse"])
