"""The barometer answers first: page budgets, the first phone screen and the printed pages, in headless Chromium.

Heights and page counts do not depend on the machine's speed: a page is measured once it has
loaded and every chart is drawn (an event, never a guessed delay). Each page is checked twice:
from the figures that ship in data/, and with a full StatBank cache from the stand-in server.

Budgets (issue "The barometer answers first"):
* a region page is at most 15,000 px tall on a 390 px phone and 8,000 px on a 1280 px laptop;
* its first 844 px on a phone show the title and at least three theme cards, each with a figure;
* no "–" placeholder on its first two phone screens;
* it prints on at most 10 A4 pages, with every card on page 1;
* the comparison page is at most 15,000 px on a phone and opens with the matrix on the first screen.
"""

from __future__ import annotations

import io

import pytest

from tests.support.browser_checks import CHARTS_DRAWN
from tests.support.playwright_session import CHROMIUM, playwright_or_skip
from tests.support.repo import REPO, REPORT_NAMES
from tests.support.sharing_checks import PRINTABLE_HEIGHT, PRINTABLE_WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
PHONE_BUDGET, LAPTOP_BUDGET, PRINT_BUDGET = 15_000, 8_000, 10
COMPARISON = "alle_regioner"
REGION_PAGES = [name for name in REPORT_NAMES if name != COMPARISON]
SCREENSHOTS = REPO / "reports" / "screenshots"

#: What the first phone screen shows: the title's bottom, each card's bottom and whether it holds a figure.
FIRST_SCREEN = """() => ({
  title: document.querySelector('h1') ? document.querySelector('h1').getBoundingClientRect().bottom + scrollY : 1e9,
  cards: [...document.querySelectorAll('.stemlib-card')].map(c => ({
    bottom: c.getBoundingClientRect().bottom + scrollY,
    figure: /\\d/.test((c.querySelector('.stemlib-card-value') || {}).textContent || '')})),
  matrix: document.querySelector('.stemlib-matrix')
    ? document.querySelector('.stemlib-matrix').getBoundingClientRect().top + scrollY : 1e9,
})"""
#: Visible text nodes holding a lone "–" (a placeholder) above a given height, with where they are.
DASHES_ABOVE = """(limit) => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('script, style')) continue;
    if (!/(^|\\s)–(\\s|$)/.test(node.textContent)) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.height > 0 && box.top + scrollY < limit) out.push(node.textContent.trim().slice(0, 60));
  }
  return out;
}"""


@pytest.fixture(scope="module")
def chromium():
    with playwright_or_skip("page budget tests") as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=["offline", "statbank"])
def pages(request):
    """The folder of a batch's pages: from data/ as shipped, or with a full StatBank cache from the stand-in."""
    output, result = request.getfixturevalue("batch_run" if request.param == "offline" else "statbank_batch_run")
    assert result.returncode == 0, result.stderr[-2000:]
    return request.param, output


def _screenshot(page, kind: str, name: str) -> None:
    """Keep what a reader sees (the batch from data/ as shipped) in reports/screenshots/ for people to look at."""
    if kind == "offline":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _open(chromium, path, viewport):
    page = chromium.new_page(viewport=viewport)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    # Wait for the event "every chart drawn", never for a guessed delay; printing draws any chart left.
    page.wait_for_function(CHARTS_DRAWN)
    return page


@pytest.mark.parametrize("name", REGION_PAGES)
def test_a_region_page_answers_on_its_first_phone_screen(chromium, pages, name):
    kind, folder = pages
    page = _open(chromium, folder / f"{name}.html", PHONE)
    try:
        height = page.evaluate("document.documentElement.scrollHeight")
        screen = page.evaluate(FIRST_SCREEN)
        dashes = page.evaluate(DASHES_ABOVE, 2 * PHONE["height"])
        _screenshot(page, kind, f"{name}-first-phone-screen")
    finally:
        page.close()
    assert height <= PHONE_BUDGET, f"{name} ({kind}): {height:,} px on a phone, budget {PHONE_BUDGET:,}"
    assert screen["title"] <= PHONE["height"], f"{name} ({kind}): the title is below the first screen"
    on_screen = [c for c in screen["cards"] if c["bottom"] <= PHONE["height"] and c["figure"]]
    assert len(on_screen) >= 3, f"{name} ({kind}): {len(on_screen)} cards with a figure on the first phone screen"
    assert not dashes, f"{name} ({kind}): placeholders on the first two phone screens: {dashes[:5]}"


@pytest.mark.parametrize("name", [*REGION_PAGES, COMPARISON])
def test_a_page_fits_its_laptop_budget(chromium, pages, name):
    kind, folder = pages
    page = _open(chromium, folder / f"{name}.html", LAPTOP)
    try:
        height = page.evaluate("document.documentElement.scrollHeight")
        _screenshot(page, kind, f"{name}-laptop")
    finally:
        page.close()
    if name != COMPARISON:  # the comparison page's budget is set for phones only
        assert height <= LAPTOP_BUDGET, f"{name} ({kind}): {height:,} px on a laptop, budget {LAPTOP_BUDGET:,}"


@pytest.mark.parametrize("name", REGION_PAGES)
def test_a_region_page_prints_on_ten_pages_with_the_cards_on_the_first(chromium, pages, name):
    from pypdf import PdfReader

    kind, folder = pages
    page = _open(chromium, folder / f"{name}.html", {"width": round(PRINTABLE_WIDTH), "height": 1000})
    try:
        page.emulate_media(media="print")
        cards = page.evaluate(FIRST_SCREEN)["cards"]
        pdf = page.pdf(format="A4")
    finally:
        page.close()
    printed = len(PdfReader(io.BytesIO(pdf)).pages)
    assert printed <= PRINT_BUDGET, f"{name} ({kind}): {printed} A4 pages, budget {PRINT_BUDGET}"
    assert cards and max(c["bottom"] for c in cards) <= PRINTABLE_HEIGHT, \
        f"{name} ({kind}): the cards reach past page 1 ({max(c['bottom'] for c in cards):.0f} px of " \
        f"{PRINTABLE_HEIGHT:.0f})"


def test_the_comparison_page_opens_with_the_matrix(chromium, pages):
    kind, folder = pages
    page = _open(chromium, folder / f"{COMPARISON}.html", PHONE)
    try:
        height = page.evaluate("document.documentElement.scrollHeight")
        screen = page.evaluate(FIRST_SCREEN)
        _screenshot(page, kind, f"{COMPARISON}-first-phone-screen")
    finally:
        page.close()
    assert height <= PHONE_BUDGET, f"comparison ({kind}): {height:,} px on a phone, budget {PHONE_BUDGET:,}"
    assert screen["matrix"] < PHONE["height"], f"comparison ({kind}): the matrix starts below the first screen"
