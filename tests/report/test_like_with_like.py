"""Like with like, checked from the data (not the text): no chart or comparison mixes definitions, units or kinds.

Every section of every region is built twice: from the figures that ship in data/, and with a
StatBank cache filled from the stand-in (the tables' real structure, synthetic numbers).
"""

from __future__ import annotations

import pandas as pd
import pytest

from stemlib.data.fetch import refresh_table
from stemlib.data.observations import load_observations
from stemlib.data.statbank.cached_observations import cached_statbank_observations
from stemlib.definitions.regions import REGIONS
from stemlib.report import sections
from stemlib.report.comparability import SERIES, comparison_key, is_change, mixes_definitions
from stemlib.report.report_context import ReportContext
from stemlib.report.scorecards import scorecard
from tests.support.statbank_fixtures import FakeStatBank, fake_client

BUILDERS = [sections.gender_section, sections.dropout_section, sections.a_levels_section, sections.veu_section,
            sections.intake_section, sections.labour_market_section, sections.targets_section]


@pytest.fixture(scope="module", params=["shipped", "statbank"])
def observations(request, tmp_path_factory):
    shipped = load_observations()
    if request.param == "shipped":
        return shipped
    folder = tmp_path_factory.mktemp("statbank")
    fake = FakeStatBank()
    for table in fake.tables:
        refresh_table(fake_client(fake), table, folder, notes=[])
    return pd.concat([shipped, cached_statbank_observations(folder)], ignore_index=True)


def _contexts(observations):
    for region in REGIONS:
        yield ReportContext(region, tuple(c for c in REGIONS if c != region), "da", observations)


def test_no_chart_mixes_definitions_units_or_kinds(observations):
    checked = 0
    for ctx in _contexts(observations):
        for build in BUILDERS:
            section = build(ctx)
            for rows in section.chart_rows:
                checked += 1
                where = f"{section.key} for {ctx.region}"
                assert rows["unit"].nunique() == 1, f"{where}: one chart, several units {set(rows['unit'])}"
                assert rows["indicator"].map(is_change).nunique() == 1, f"{where}: levels and changes on one axis"
                for series, group in rows.groupby(list(SERIES)):
                    assert not mixes_definitions(group), f"{where}: {series} from {set(group['source'])}"
                # Every other area's figure is comparable with one of the region's own.
                own = set(comparison_key(rows[rows["region"] == ctx.region]))
                assert set(comparison_key(rows[rows["region"] != ctx.region])) <= own, where
    assert checked > 0  # the test looked at charts, not at nothing


def test_the_scorecard_sets_the_country_beside_the_region_only_from_the_same_source(observations):
    compared = 0
    for ctx in _contexts(observations):
        for row in scorecard(ctx).dropna(subset=["country_value"]).itertuples():
            national = observations[(observations["indicator"] == row.indicator) & (observations["region"] == "000")
                                    & (observations["level"] == row.level) & (observations["sex"] == row.sex)
                                    & (observations["breakdown"] == row.breakdown)]
            assert row.country_value in set(national.loc[national["source"] == row.source, "value"]), row
            compared += 1
    assert compared > 0


def test_a_rank_only_where_every_region_has_the_same_source_and_year(observations):
    for ctx in _contexts(observations):
        for row in scorecard(ctx).dropna(subset=["rank"]).itertuples():
            peers = observations[(observations["indicator"] == row.indicator) & (observations["level"] == row.level)
                                 & (observations["sex"] == row.sex) & (observations["breakdown"] == row.breakdown)
                                 & (observations["source"] == row.source) & (observations["year"] == row.year)]
            assert {"081", "082", "083", "084", "085"} <= set(peers["region"]), row
