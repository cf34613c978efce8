"""Every generated report, opened in headless Chromium with the network blocked, on a laptop and a phone.

The pages are served from 127.0.0.1 and every other request is aborted (and
recorded: a report must not even try to load anything). Chromium comes from
Debian's packages (``make test`` installs it when it can); Playwright drives it
and never downloads a browser of its own. Screenshots of each page at both
widths are saved in reports/screenshots/ for people to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from stemlib.report.charts import AREA_COLOURS, OTHER_COLOUR, SEX_COLOURS
from tests.support.browser_checks import (CHART_MARK_COLOURS, CHARTS_DRAWN, TABLE_HEADERS, TEXT_COLOURS,
                                          TEXT_OUTSIDE_VIEWPORT, hover_until_tooltip)
from tests.support.colour import blend, confusable_pairs, contrast_ratio, parse_colour
from tests.support.playwright_session import CHROMIUM, playwright_or_skip
from tests.support.repo import REPO, REPORT_NAMES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = REPO / "reports" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Colours a chart may draw data in: the Okabe-Ito areas and sexes, the grey of "other" bars, black.
PALETTE = {c.lower() for c in [*AREA_COLOURS.values(), *SEX_COLOURS.values(), OTHER_COLOUR, "#000000"]}
#: ΔE*ab below which two colours in one chart count as confusable (10: easy to tell apart side by side).
MINIMUM_DELTA_E = 10
#: ``make check-reports`` sets this to reports/ to check the pages people are about to share;
#: otherwise the tests check a fresh batch of every parameter file.
UNDER_TEST = os.environ.get("STEMLIB_REPORTS_UNDER_TEST")
#: A page made by hand as the README shows (papermill, then ``jupyter nbconvert --to offline_html``), not by the
#: batch: it must pass every check the batch's pages pass. English, as its name says.
BY_HAND = "by_hand_nordjylland_en"
if UNDER_TEST:
    REPORT_NAMES = sorted(p.stem for p in Path(UNDER_TEST).glob("*.html") if p.stem != "index")
else:
    REPORT_NAMES = [*REPORT_NAMES, BY_HAND]
PAGES = [*REPORT_NAMES, "index"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """Serve the reports on 127.0.0.1 (a fresh batch and the page made by hand, or the folder under test)."""
    if UNDER_TEST:
        output = Path(UNDER_TEST)
        assert (output / "index.html").exists(), f"{output} holds no reports: run make report first"
    else:
        batch, result = request.getfixturevalue("batch_run")
        assert result.returncode == 0, result.stderr
        output = tmp_path_factory.mktemp("served")
        for page in batch.glob("*.html"):
            shutil.copy(page, output / page.name)
        shutil.copy(request.getfixturevalue("by_hand"), output / f"{BY_HAND}.html")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=output))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def notebooks(request):
    """The executed notebook behind each page (its data links hold the files the page hands out), or None."""
    if UNDER_TEST:
        folder = Path(UNDER_TEST)
        return lambda name: folder / f"{name}.ipynb" if (folder / f"{name}.ipynb").exists() else None
    batch, _ = request.getfixturevalue("batch_run")
    by_hand = request.getfixturevalue("by_hand").with_suffix(".ipynb")
    return lambda name: by_hand if name == BY_HAND else batch / f"{name}.ipynb"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, with background networking off."""
    with playwright_or_skip("browser tests") as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        yield chromium
        chromium.close()


class LoadedPage:
    """A report opened at one screen size, with what the browser said while loading it."""

    def __init__(self, browser, url: str, viewport: dict):
        self.page = browser.new_page(viewport=viewport, accept_downloads=True)
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.route("**/*", functools.partial(self._only, url))
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function(CHARTS_DRAWN, timeout=30_000)

    def _only(self, url, route):
        if route.request.url == url:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # JPEG: a whole report is 20,000 pixels tall, and a PNG of it takes 3 s and 5 MB.
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.jpg"), full_page=True, type="jpeg", quality=60)


def _language(name: str) -> str:
    parameters = REPO / "parameters" / f"{name}.yaml"
    if name == "index" or not parameters.exists():  # a report made from a parameter file kept elsewhere
        return "en" if name.endswith("_en") else "da"
    spec = yaml.safe_load(parameters.read_text(encoding="utf-8")) or {}
    return spec.get("language", "da")


@pytest.fixture(scope="module")
def desktop_pages(browser, server):
    """Each page opened once at laptop size (shared by the checks below)."""
    pages = {}
    yield lambda name: pages.setdefault(name, LoadedPage(browser, f"{server}{name}.html", DESKTOP))
    for loaded in pages.values():
        loaded.page.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_with_every_chart_drawn(desktop_pages, name):
    loaded = desktop_pages(name)
    assert loaded.errors == [], f"{name}: console errors {loaded.errors}"
    assert loaded.blocked == [], f"{name} tried to load from elsewhere: {loaded.blocked}"
    page = loaded.page
    assert page.title().strip(), f"{name} has no title"
    assert page.evaluate("document.documentElement.lang") == _language(name)
    charts = page.evaluate("""() => [...document.querySelectorAll('.stemlib-chart')].map(c => {
        const svg = c.querySelector('svg.marks'); const box = svg ? svg.getBoundingClientRect() : null;
        return {id: c.id, width: box ? box.width : 0, height: box ? box.height : 0,
                marks: c.querySelectorAll('[role="graphics-symbol"], .mark-text text').length,
                text: svg ? '' : c.textContent};})""")
    if name != "index":
        assert charts, f"{name} has no chart"
    for chart in charts:
        assert chart["width"] > 100 and chart["height"] > 20 and chart["marks"] > 0, f"{name}: {chart} is empty"
    loaded.screenshot(f"{name}-desktop")


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_a_tooltip_appears_on_hover(desktop_pages, name):
    page = desktop_pages(name).page
    shown = hover_until_tooltip(page)
    assert shown, f"{name}: no tooltip appeared over any chart mark"
    assert any(char.isdigit() for char in shown), f"{name}: the tooltip shows no figure: {shown!r}"


@pytest.mark.parametrize("name", PAGES)
def test_every_chart_has_a_description_and_every_table_headers(desktop_pages, name):
    page = desktop_pages(name).page
    # Each chart's container is announced as an image (Vega makes it a graphics document) with its description.
    labels = page.evaluate("""() => [...document.querySelectorAll('.stemlib-chart')].map(c => {
        const title = c.querySelector('.role-title-text');  // its first line, when Vega drew it in lines
        const first = title ? (title.querySelector('tspan') || title).textContent : '';
        return [c.getAttribute('role'), c.getAttribute('aria-label') || '', first];})""")
    for role, label, title in labels:
        assert role in {"img", "graphics-document"} and len(label) > 20, \
            f"{name}: chart without a text description: {role} {label!r}"
        assert title and title.strip() in label, f"{name}: the description {label!r} leaves out the title {title!r}"
    tables = page.evaluate(TABLE_HEADERS)
    assert tables, f"{name} has no table"  # every report shows the numbers behind its charts; the index lists reports
    for table in tables:
        assert table["headers"] and all(h.strip() for h in table["headers"]), f"{name}: table without headers"
        assert table["scoped"], f"{name}: header cells without scope=col: {table['headers']}"
        assert all(n == len(table["headers"]) for n in table["row_lengths"]), \
            f"{name}: rows do not match the {len(table['headers'])} headers of {table['headers']}"


@pytest.mark.parametrize("name", PAGES)
def test_text_contrast_is_at_least_4_5_to_1(desktop_pages, name):
    page = desktop_pages(name).page
    failures = []
    for item in page.evaluate(TEXT_COLOURS):
        background = (255.0, 255.0, 255.0)
        for layer in reversed(item["backgrounds"]):  # from the page down to the element
            colour, alpha = parse_colour(layer)
            background = blend(colour, alpha, background)
        colour, alpha = parse_colour(item["colour"])
        ratio = contrast_ratio(blend(colour, alpha, background), background)
        if ratio < 4.5:
            failures.append(f"{item['text']!r} ({item['colour']} on {background}): {ratio:.2f}:1")
    assert not failures, f"{name}: text below 4.5:1 contrast: {failures[:10]}"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_chart_colours_are_colour_blind_safe(desktop_pages, name):
    page = desktop_pages(name).page
    for chart in page.evaluate(CHART_MARK_COLOURS):
        colours = {parse_colour_hex(c) for c in chart["colours"]}
        assert colours <= PALETTE, f"{name}, {chart['id']}: colours outside the palette {colours - PALETTE}"
        problems = confusable_pairs(sorted(colours), MINIMUM_DELTA_E)
        assert not problems, f"{name}, {chart['id']}: colours that colour-blind readers may confuse: {problems}"


def parse_colour_hex(text: str) -> str:
    """Return a browser colour (``#rrggbb`` or ``rgb()``) as lower-case ``#rrggbb``."""
    (r, g, b), _ = parse_colour(text)
    return f"#{round(r):02x}{round(g):02x}{round(b):02x}"


@pytest.mark.parametrize("name", PAGES)
def test_page_reads_on_a_390_pixel_phone(browser, server, name):
    loaded = LoadedPage(browser, f"{server}{name}.html", PHONE)
    try:
        page = loaded.page
        assert loaded.errors == [], f"{name} on a phone: console errors {loaded.errors}"
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{name} scrolls sideways on a phone: {width[0]} px wide in {width[1]}"
        outside = page.evaluate(TEXT_OUTSIDE_VIEWPORT)
        assert not outside, f"{name}: text outside a 390-pixel screen (scroll needed): {outside[:5]}"
        tiny = page.evaluate("""() => [...document.querySelectorAll('.stemlib-chart svg text')]
            .filter(t => t.textContent.trim() && t.getBoundingClientRect().height > 0
                         && t.getBoundingClientRect().height < 9).map(t => t.textContent).slice(0, 5)""")
        assert not tiny, f"{name}: chart text shrunk below 9 px on a phone: {tiny}"
        loaded.screenshot(f"{name}-phone")
    finally:
        loaded.page.close()


# ---------------------------------------------------------------- the figures as a file, and print


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_the_figures_download_as_csv_and_read_back_to_the_rows_the_page_shows(desktop_pages, notebooks, name):
    from stemlib.data.schema import COLUMNS
    from stemlib.report.data_download import READER_COLUMNS
    from stemlib.report.selection import area_name
    from tests.support.sharing_checks import (SECTION_FILES, SECTIONS, download_links, notebook_files, read_csv,
                                              shown_in_file)

    loaded = desktop_pages(name)
    page, language = loaded.page, _language(name)
    links = download_links(page)
    assert links, f"{name} offers no data file"
    assert links[0]["top"], f"{name}: the first data link is not near the top (before the first section)"
    assert loaded.blocked == [], f"{name}: a data link reached for the network: {loaded.blocked}"
    assert all(link["address"].startswith("blob:") for link in links), f"{name}: a data link is not built in the page"
    # Byte for byte the files the executed notebook's links hold: the page changes how they travel, not what.
    notebook = notebooks(name)
    if notebook is not None:
        assert [link["text"] for link in links] == notebook_files(notebook), \
            f"{name}: a downloaded file differs from the notebook's data link"
    files = []
    for link in links:
        rows = read_csv(link["text"], language)
        assert link["name"].endswith(".csv") and rows, f"{name}: {link['name']!r} is empty"
        # A reader's columns first (area, measure, source cited), in the page's language, then the codes.
        assert tuple(rows[0]) == (*READER_COLUMNS[language], *COLUMNS), \
            f"{name}: {link['name']} has columns {list(rows[0])}"
        assert len(rows) == link["rows"], f"{name}: {link['name']} says {link['rows']} rows and has {len(rows)}"
        files.append({tuple(r.values()) for r in rows})
    # The file at the top holds every figure of the page; each section's file holds a part of them.
    assert all(part <= files[0] for part in files[1:]), f"{name}: a section's file has rows the page file lacks"
    # Every figure a section's tables show is in that section's file (area, year and value as shown).
    checked = 0
    area = "Område" if language == "da" else "Area"
    for section in page.evaluate(SECTION_FILES):
        shown = [row for row in section["rows"] if area in row and ("Værdi" in row or "Value" in row)]
        if not shown or section["file_index"] is None:
            continue
        lacking = shown_in_file(shown, read_csv(links[section["file_index"]]["text"], language), language, area_name)
        assert not lacking, f"{name}, {section['title']}: shown but not in its data file: {lacking[:3]}"
        checked += len(shown)
    assert checked or name == "alle_regioner", f"{name}: no table of figures was compared with a data file"
    for section in page.evaluate(SECTIONS):
        if section["tables"]:
            assert section["links"] >= 1, f"{name}: section {section['title']!r} has no data link under its table"


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_the_page_prints_to_a_clean_a4_pdf(browser, server, name):
    """Printed from a window as wide as the paper: A4 pages with the source line, charts and table rows whole."""
    import io

    from pypdf import PdfReader

    from tests.support.sharing_checks import PRINT_LAYOUT, PRINTABLE_WIDTH, page_count_bounds, squash

    loaded = LoadedPage(browser, f"{server}{name}.html", {"width": round(PRINTABLE_WIDTH), "height": 1000})
    try:
        page = loaded.page
        page.emulate_media(media="print")
        layout = page.evaluate(PRINT_LAYOUT)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pdf = page.pdf(path=str(SCREENSHOTS / f"{name}.pdf"), format="A4")
    finally:
        page.close()
    assert layout["width"] <= layout["paper"] + 1, f"{name}: {layout['width']} px of content on a {layout['paper']} px page"
    assert not layout["wide"], f"{name}: wider than the paper (cut off in print): {layout['wide'][:3]}"
    assert not layout["shown_controls"], f"{name}: links or controls on paper: {layout['shown_controls']}"
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    fewest, most = page_count_bounds(layout["height"], len(layout["charts"]))
    assert fewest <= len(pages) <= most, \
        f"{name}: {len(pages)} pages for {layout['height']} px of content ({fewest} to {most} expected)"
    # The source line and run date (the one in the report's header) and the page number on every page.
    assert layout["line"] and layout["run_date"] and layout["run_date"] in layout["line"], \
        f"{name}: the printed line {layout['line']!r} lacks the run date {layout['run_date']!r}"
    word, of = ("Side", "af") if _language(name) == "da" else ("Page", "of")
    for number, text in enumerate(pages, start=1):
        assert squash(layout["line"]) in text, f"{name}: page {number} lacks the line {layout['line']!r}"
        assert squash(f"{word} {number} {of} {len(pages)}") in text, f"{name}: page {number} has no page number"
    # Every chart's text (title, axes, legend) on one page: a chart split over two pages would spread it.
    for chart in layout["charts"]:
        assert any(all(squash(t) in text for t in chart) for text in pages), \
            f"{name}: the chart {chart[:2]} is split over pages or missing"
    # Every table row's cells on one page: no row cut in two.
    cut = [row for row in layout["rows"] if not any(all(squash(c) in text for c in row) for text in pages)]
    assert not cut, f"{name}: {len(cut)} table rows cut over two pages, e.g. {cut[:2]}"


# ---------------------------------------------------------------- the first screen


#: The first contentful paint and the moment the page's chart script started (page.js), in ms since navigation,
#: and the layout shift the page made as its charts arrived (the browser's cumulative layout shift score).
FIRST_SCREEN = """async () => {
  let shift = 0;
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value; });
  observer.observe({type: 'layout-shift', buffered: true});
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));  // buffered entries delivered
  for (const entry of observer.takeRecords()) if (!entry.hadRecentInput) shift += entry.value;
  observer.disconnect();
  const first = name => (performance.getEntriesByName(name)[0] || {}).startTime ?? null;
  return {paint: first('first-contentful-paint'), charts: first('stemlib-charts-start'), shift,
          drawn: document.documentElement.getAttribute('data-stemlib-charts')};
}"""


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_the_first_screen_is_painted_before_any_chart_script_runs_and_charts_move_nothing(desktop_pages, name):
    screen = desktop_pages(name).page.evaluate(FIRST_SCREEN)
    assert screen["drawn"] == "drawn", f"{name}: the page's script did not report every chart drawn: {screen}"
    assert screen["paint"] is not None and screen["charts"] is not None, f"{name}: {screen}"
    assert screen["paint"] <= screen["charts"], f"{name}: the chart script ran before the first paint: {screen}"
    # Each chart's box holds its height before it is drawn; 0.05 is half of what browsers call a good score.
    assert screen["shift"] < 0.05, f"{name}: the page moved by {screen['shift']:.3f} as its charts arrived"


def test_charts_not_yet_drawn_are_drawn_for_print(browser, server):
    """Printed while only the charts in view are drawn: the page draws the others before the paper is laid out."""
    import io

    from pypdf import PdfReader

    from tests.support.sharing_checks import squash

    name = REPORT_NAMES[0]
    page = browser.new_page(viewport=PHONE)
    try:
        # The page draws its charts in slices of 200 ms (page.js, function next); here the first slice is the
        # last: the next one is never started, and the CPU is slowed 20 times so that the first slice cannot
        # draw every chart.
        page.add_init_script("""(() => { const later = window.setTimeout;
            window.setTimeout = (f, ...rest) => f && f.name === 'next' ? 0 : later(f, ...rest); })();""")
        session = page.context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": 20})
        page.goto(f"{server}{name}.html", wait_until="load")
        page.wait_for_function("() => document.querySelector('.stemlib-chart svg.marks g')", timeout=60_000)
        page.wait_for_function("() => performance.getEntriesByName('stemlib-charts-start').length", timeout=60_000)
        session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        drawn = "() => [...document.querySelectorAll('.stemlib-chart')].filter(c => c.querySelector('svg.marks g')).length"
        total = page.evaluate("() => document.querySelectorAll('.stemlib-chart').length")
        assert page.evaluate(drawn) < total, f"{name}: every chart was drawn before printing; nothing to check"
        pdf = page.pdf(format="A4")
        titles = page.evaluate("() => [...document.querySelectorAll('.stemlib-chart')].map(c => c.getAttribute('aria-label'))")
        assert page.evaluate(drawn) == total, f"{name}: printing did not draw every chart"
    finally:
        page.close()
    text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    # The label is the chart's title, a full stop, then its description: the title's start must be on paper.
    missing = [t for t in titles if squash(t.split(". ")[0])[:25] not in text]
    assert not missing, f"{name}: charts missing from the printed page: {missing[:3]}"
