"""The landing page: the matrix linking each region's page, the reports, and the sources folded, without ids.

The report files here are stand-ins (synthetic: an empty page and a notebook holding only
the parameters papermill stores); the matrix and the sources come from the real data/.
"""

import json
import re
from html.parser import HTMLParser

import pytest

from stemlib.data.sources import read_sources
from stemlib.paths import data_dir
from stemlib.publish.index_page import area_pages, write_index

PAGES = {"nordjylland": {"region": "081"}, "midtjylland": {"region": "082"}, "syddanmark": {"region": "083"},
         "hovedstaden": {"region": "084"}, "sjaelland": {"region": "085"}, "hele_landet": {"region": "000"},
         "alle_regioner": {"regions": [], "interactive": False}}


class _Visible(HTMLParser):
    """The text a reader sees (outside <style> and <script>), and the stack of open elements for each piece."""

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "link", "br", "img", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if data.strip() and not {"style", "script"} & set(self.stack):
            self.texts.append((data, tuple(self.stack)))


@pytest.fixture
def index(tmp_path):
    manifest = {}
    for name, parameters in PAGES.items():
        (tmp_path / f"{name}.html").write_text("<html></html>", encoding="utf-8")
        notebook = "compare_regions.ipynb" if "regions" in parameters else "region_report.ipynb"
        meta = {"papermill": {"input_path": f"notebooks/{notebook}", "parameters": {"language": "da", **parameters}}}
        (tmp_path / f"{name}.ipynb").write_text(json.dumps({"metadata": meta}), encoding="utf-8")
        manifest[name] = {"title": name, "status": "done", "last_success": "2026-11-30 09:04 UTC"}
    write_index(tmp_path, manifest)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    parser = _Visible()
    parser.feed(page)
    return page, parser.texts


def test_area_pages_come_from_the_reports_parameters(tmp_path, index):
    pages, comparison = area_pages(tmp_path, {name: {} for name in PAGES})
    assert pages == {"081": "nordjylland.html", "082": "midtjylland.html", "083": "syddanmark.html",
                     "084": "hovedstaden.html", "085": "sjaelland.html", "000": "hele_landet.html"}
    assert comparison == "alle_regioner.html"


def test_matrix_column_headers_link_each_region_page(index):
    page, _ = index
    matrix = page[page.index("<section class='stemlib-matrix'"):page.index("</section>")]
    for name, label in (("nordjylland", "Nordjylland"), ("midtjylland", "Midtjylland"), ("syddanmark", "Syddanmark"),
                        ("hovedstaden", "Hovedstaden"), ("sjaelland", "Sjælland"), ("hele_landet", "Hele landet")):
        assert f'<th scope="col" role="columnheader"><a href="{name}.html">{label}</a></th>' in matrix
    assert page.index("stemlib-matrix") < page.index("<h2>Rapporter</h2>")  # the matrix opens the page
    assert 'href="alle_regioner.html"' in page
    assert "2026-11-30" not in page and "30. november 2026" in page  # run dates as readers write them


def test_no_source_id_or_seed_address_is_visible(index):
    page, texts = index
    visible = " ".join(text for text, _ in texts)
    sources = read_sources(data_dir() / "sources.csv")
    shown = [source for source in sources["id"] if re.search(rf"\b{re.escape(source)}\b", visible)]
    assert not shown, f"source ids visible on the index page: {shown}"
    assert "seed:" not in page
    assert "Nordjysk Teknologipagt" in visible


def test_sources_register_and_coverage_are_folded(index):
    page, texts = index
    sources = read_sources(data_dir() / "sources.csv")
    title = sources.iloc[0]["title"]
    in_register = [stack for text, stack in texts if title in text]
    assert in_register and all("details" in stack for stack in in_register)
    linked = sources[sources["address"].str.startswith("http")].iloc[0]
    assert f'href="{linked["address"]}"' in page
    coverage = [stack for text, stack in texts if "Områder uden tal pr. emne" in text]
    assert coverage and all("details" in stack for stack in coverage)
    assert "Dækning" in page and "cache" not in page.lower()


def test_the_register_links_publishers_pages_never_a_copy_or_a_tracker(index):
    page, _ = index
    hrefs = re.findall(r'href="([^"]*)"', page)
    bad = [h for h in hrefs if any(word in h for word in ("utm_", "fbclid", "gclid", "github.com", "datacommons",
                                                          "9pdf.org"))]
    assert not bad, f"links to a copy or with tracking parameters on the index page: {bad}"
    assert 'href="https://ec.europa.eu/eurostat/databrowser/view/trng_lfse_04/default/table"' in page
