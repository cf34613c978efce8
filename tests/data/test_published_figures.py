"""Spot checks: a handful of published regional figures, as read on their pages by hand.

Each expected value below was read on the page at the given address (2026-11-25) and is
compared with what ``load_observations()`` serves, with the address of the page it was read on
(``retrieved_from``, else ``address``, in data/sources.csv). A typo in a data file, a wrong region
code or a source pointing at another page makes these fail.
"""

import pandas as pd
import pytest

from stemlib import load_observations
from stemlib.data.sources import read_sources, retrieval_address
from stemlib.paths import data_dir

# indicator, region, year, sex, level, value, qualifier, page address (start)
SPOT_CHECKS = [
    # Region Syddanmark news item (March 2019): science incl. health 41 % of higher intake in 2017; 48 % of men, 34 % of women.
    ("science_incl_health_share_of_higher_intake", "083", 2017, "total", "higher", 41.0, "",
     "https://regionsyddanmark.dk/om-region-syddanmark/presse-og-nyheder/nyhedsarkiv/2019/marts-2019/"),
    ("science_incl_health_share_of_higher_intake", "083", 2017, "women", "higher", 34.0, "",
     "https://regionsyddanmark.dk/om-region-syddanmark/presse-og-nyheder/nyhedsarkiv/2019/marts-2019/"),
    ("health_share_of_higher_intake", "083", 2017, "total", "higher", 15.0, "",
     "https://regionsyddanmark.dk/om-region-syddanmark/presse-og-nyheder/nyhedsarkiv/2019/marts-2019/"),
    # Statistics Denmark, Befolkningens uddannelse 2018: higher education among 15-69-year-olds by region.
    ("attainment_higher_share_15_69", "084", 2018, "total", "higher", 40.0, "",
     "https://www.dst.dk/da/Statistik/nyt/NytHtml?cid=27215"),
    ("attainment_higher_share_15_69", "085", 2018, "total", "higher", 25.0, "",
     "https://www.dst.dk/da/Statistik/nyt/NytHtml?cid=27215"),
    ("attainment_qualifying_share_15_69", "085", 2018, "total", "skilled_or_higher", 61.0, "",
     "https://www.dst.dk/da/Statistik/nyt/NytHtml?cid=27215"),
    # Højbjerre Brauer Schultz for Region Hovedstaden: a STEM workforce of just under 180,000 in 2016.
    ("stem_workforce", "084", 2016, "total", "all", 180000.0, "just_under",
     "http://www.hbseconomics.dk/publikationer/stem-kompetencer-region-hovedstaden/"),
    # DK Nyt on Statistics Denmark: +14.8 points (Hovedstaden) and +10.4 points (Sjælland), 2005-2019.
    ("higher_education_completion_change_since_2005", "084", 2019, "total", "higher", 14.8, "",
     "https://www.dknyt.dk/artikel/stigende-geografisk-forskel-paa-antal-med-lang-uddannelse"),
    ("higher_education_completion_change_since_2005", "085", 2019, "total", "higher", 10.4, "",
     "https://www.dknyt.dk/artikel/stigende-geografisk-forskel-paa-antal-med-lang-uddannelse"),
    # Region Sjælland press release (March 2015): 8,985 applicants to upper secondary.
    ("upper_secondary_applicants", "085", 2015, "total", "upper_secondary", 8985.0, "",
     "https://www.regionsjaelland.dk/nyheder/pressemeddelelser/"),
    # The Technology Pact's status report for 2018: 78 projects.
    ("pact_projects", "000", 2018, "total", "all", 78.0, "", "https://9pdf.org/document/qo5gpwr7-status-p"),
]


@pytest.fixture(scope="module")
def observations_with_address() -> pd.DataFrame:
    # The page a figure was read from: the copy in retrieved_from where there is one (the 9pdf.org status report).
    sources = read_sources(data_dir() / "sources.csv")
    read_from = {source: retrieval_address(row) for source, row in sources.iterrows()}
    observations = load_observations()
    return observations.assign(address=observations["source"].map(read_from))


@pytest.mark.parametrize("indicator, region, year, sex, level, value, qualifier, address", SPOT_CHECKS,
                         ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in SPOT_CHECKS])
def test_published_figure_is_served_as_on_its_page(observations_with_address, indicator, region, year, sex, level,
                                                   value, qualifier, address):
    rows = observations_with_address
    match = rows[(rows["indicator"] == indicator) & (rows["region"] == region) & (rows["year"] == year)
                 & (rows["sex"] == sex) & (rows["level"] == level) & rows["address"].str.startswith(address)]
    assert len(match) == 1, f"expected one row, found {len(match)}"
    row = match.iloc[0]
    # An exact figure's qualifier is missing (written "" in the list above), never an empty string.
    assert row["value"] == value and (pd.isna(row["qualifier"]) if qualifier == "" else row["qualifier"] == qualifier)
    assert row["locator"], "every figure says where on the page it stands"


@pytest.mark.parametrize("region", ["083", "084", "085"])
def test_each_region_has_ten_published_figures_from_two_sources_without_statbank_or_eurostat(region):
    rows = load_observations(include_statbank=False)
    published = rows[(rows["region"] == region) & ~rows["source"].str.startswith("eurostat")]
    assert len(published) >= 10 and published["source"].nunique() >= 2
