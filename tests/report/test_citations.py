"""Citations as readers see them: "Publisher (year): title", linked to the publisher's own page.

Never to the copy the figures were read from, and never with tracking parameters.
"""

import pandas as pd
import pytest

from stemlib.data.addresses import copy_location, tracking_parameters
from stemlib.data.sources import read_sources
from stemlib.paths import data_dir
from stemlib.report import citations

FORBIDDEN = ("utm_", "fbclid", "gclid", "referrer=", "github.com", "datacommons", "9pdf.org", "web.archive.org")


def _ids():
    return list(read_sources(data_dir() / "sources.csv").index)


@pytest.mark.parametrize("source", _ids())
def test_no_citation_links_a_copy_or_carries_tracking(source):
    link = citations.address(source)
    shown = citations.citation_html(source)
    assert not tracking_parameters(link) and not copy_location(link), link
    assert not [word for word in FORBIDDEN if word in shown], shown


def test_eurostat_is_cited_as_eurostat_with_its_own_table_page():
    for code in ("trng_lfse_04", "edat_lfse_04"):
        source = f"eurostat_{code}"
        assert citations.address(source) == f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table"
        assert citations.short_citation(source) == "Eurostat"
        assert citations.full_citation(source).startswith("Eurostat: ") and "via" not in citations.full_citation(source)
        assert f"href='https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table'" in \
            citations.citation_html(source)


def test_a_source_known_only_from_a_copy_is_cited_without_a_link():
    html = citations.citation_html("dk_teknologipagt_statusrapport_2018")
    assert "<a " not in html and "Statusrapport for 2018" in html and "copy" not in html


@pytest.fixture
def register(monkeypatch):
    """A synthetic register in place of data/sources.csv: one tracked link, one copy, one clean page."""
    rows = pd.DataFrame([
        {"id": "tracked", "title": "T", "publisher": "P", "year": "2024", "licence": "",
         "address": "https://news.example/a/?utm_source=rss&utm_medium=feed&id=7", "retrieved_from": ""},
        {"id": "mirrored", "title": "M", "publisher": "Q", "year": "", "licence": "",
         "address": "https://web.archive.org/web/2020/https://pub.example/r.pdf", "retrieved_from": ""},
    ]).set_index("id", drop=False)
    monkeypatch.setattr(citations, "_register", lambda: rows)


def test_a_future_row_with_tracking_is_cleaned_when_shown(register):
    assert citations.address("tracked") == "https://news.example/a/?id=7"
    assert "utm_" not in citations.citation_html("tracked")


def test_a_future_row_linking_a_copy_is_shown_without_the_link(register):
    assert citations.address("mirrored") == ""
    assert citations.citation_html("mirrored") == "Q: M"


def test_a_range_of_numbers_in_a_title_takes_an_en_dash():
    from stemlib.report import citations

    assert "aged 25–64 in" in citations.full_citation("eurostat_trng_lfse_04")
