"""JupyterLab as the analysts use it: every notebook run to the end in a real JupyterLab in Chromium.

For each notebook in notebooks/: open it in a fresh workspace, Run All Cells from the menu, wait
until the kernel is idle, then require that the tab did not crash, no cell raised, every chart
drew (SVG marks, or a canvas with ink on it) and no request left 127.0.0.1. The explorer in
compare_regions.ipynb is driven through its controls. A new notebook with a plain ``alt.Chart``
must draw offline too. Screenshots go to reports/screenshots/lab-<notebook>.png.

A chart with ``width="container"`` in the kernel makes JupyterLab's Vega renderer resize in a loop
until the tab crashes; that is what this test caught first (see docs/architecture.md, "Charts in notebooks and pages").
"""

from __future__ import annotations

import nbformat
import pytest

from tests.support.lab_driver import LabTab, running_lab
from tests.support.playwright_session import playwright_or_skip
from tests.support.repo import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
SCREENSHOTS = REPO / "reports" / "screenshots"
#: A new notebook as an analyst would start one: a plain Altair chart, nothing from stemlib.
PLAIN_CHART = "plain_altair_chart.ipynb"
PLAIN_CHART_SOURCE = ("import altair as alt\nimport pandas as pd\n\n"
                      "alt.Chart(pd.DataFrame({'area': ['a', 'b'], 'value': [1, 2]})).mark_bar()"
                      ".encode(x='area', y='value')")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    with playwright_or_skip("JupyterLab tests") as playwright:
        yield playwright.chromium  # each tab launches its own (see LabTab)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving copies of the notebooks and of a new plain-chart notebook."""
    root = tmp_path_factory.mktemp("jupyterlab")
    plain = root / PLAIN_CHART
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                 "language": "python"}})
    notebook.cells.append(nbformat.v4.new_code_cell(PLAIN_CHART_SOURCE))
    nbformat.write(notebook, plain)
    with running_lab(root, [*NOTEBOOKS, plain]) as server:
        yield server


@pytest.fixture(scope="module")
def ran(browser, lab):
    """Each notebook opened and run once (shared by the checks below); returns the open tab."""
    tabs: dict[str, LabTab] = {}

    def run(name: str) -> LabTab:
        if name not in tabs:
            tab = tabs[name] = LabTab(browser, lab, name)
            try:
                tab.run_all()
            except Exception as error:  # noqa: BLE001 - said as what the analyst would see
                if not tab.responsive():
                    pytest.fail(f"{name}: the browser tab crashed or stopped responding while the notebook ran "
                                f"(an analyst sees 'Aw, Snap'); crashed: {tab.crashed}, stopped: {tab.hung}")
                raise AssertionError(f"{name}: Run All did not finish: {error}\nJupyterLab's log:\n"
                                     + "\n".join(lab.log[-30:])) from error
        return tabs[name]

    yield run
    for tab in tabs.values():
        tab.close()


def _require_every_chart_drawn(tab: LabTab, name: str) -> list[dict]:
    expected = tab.model_charts()
    try:
        tab.wait_for_charts(expected)
    except Exception as error:  # noqa: BLE001
        assert not tab.crashed, f"{name}: the browser tab crashed while drawing the charts"
        raise AssertionError(f"{name}: not every chart drew: {tab.charts()}") from error
    assert not tab.crashed, f"{name}: the browser tab crashed"
    charts = tab.charts()
    assert len(charts) >= expected, f"{name}: {expected} chart outputs, {len(charts)} on the page"
    failed = [c for c in charts if not c["drawn"] or c["width"] < 50 or c["height"] < 20]
    assert not failed, f"{name}: charts that did not draw: {failed}"
    return charts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_to_the_end_and_every_chart_draws(ran, path):
    tab = ran(path.name)
    assert not tab.crashed, f"{path.name}: the browser tab crashed"
    assert tab.errors() == [], f"{path.name}: cells raised {tab.errors()}"
    charts = _require_every_chart_drawn(tab, path.name)
    assert charts, f"{path.name} drew no chart"
    assert tab.outside == [], f"{path.name}: requests left 127.0.0.1: {tab.outside[:10]}"
    tab.page.locator(".jp-RenderedVegaCommon5").first.scroll_into_view_if_needed()
    tab.screenshot(SCREENSHOTS / f"lab-{path.stem}.png")


def test_a_plain_altair_chart_draws_offline_in_a_new_notebook(ran):
    tab = ran(PLAIN_CHART)
    assert tab.errors() == []
    _require_every_chart_drawn(tab, PLAIN_CHART)
    assert tab.outside == [], f"a plain alt.Chart tried to load from the network: {tab.outside}"


EXPLORER = ".stemlib-explorer"
#: True once the explorer shows a chart drawn after the last mark_old() and its caption contains the text.
REDRAWN = """([text]) => {
  const box = document.querySelector('.stemlib-explorer');
  const chart = box && [...box.querySelectorAll('.jp-RenderedVegaCommon5')].find(c => !c.dataset.stemlibOld);
  const svg = chart && chart.querySelector('svg.marks');
  const caption = box && box.querySelector('.stemlib-choice');
  return !!(svg && svg.querySelectorAll('[role="graphics-symbol"]').length && caption
            && caption.textContent.includes(text));
}"""
MARK_OLD = """() => document.querySelectorAll('.stemlib-explorer .jp-RenderedVegaCommon5')
    .forEach(c => { c.dataset.stemlibOld = '1'; })"""


def _change(tab: LabTab, action, caption: str) -> None:
    """Do ``action`` on the explorer and wait until it has drawn a new chart whose caption says ``caption``."""
    tab.evaluate(MARK_OLD)
    with tab.guard(90):
        action()
        try:
            tab.page.wait_for_function(REDRAWN, arg=[caption], timeout=60_000)
        except Exception as error:  # noqa: BLE001
            shown = tab.page.locator(EXPLORER).inner_text()
            raise AssertionError(f"the explorer did not redraw for {caption!r}; it shows: {shown[:500]}") from error


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def _chart_text(tab: LabTab) -> dict:
    return tab.evaluate("""() => {
      const chart = [...document.querySelectorAll('.stemlib-explorer .jp-RenderedVegaCommon5')].pop();
      // A wrapped title is one text element with a tspan per line: its lines are words apart.
      const words = t => { const lines = [...t.querySelectorAll('tspan')];
                           return lines.length ? lines.map(l => l.textContent).join(' ') : t.textContent; };
      return {all: [...chart.querySelectorAll('svg text')].map(words).join(' | '),
              axis: [...chart.querySelectorAll('.role-axis-label text')].map(t => t.textContent)};
    }""")


def test_the_explorer_answers_every_control(ran):
    tab = ran("compare_regions.ipynb")
    page = tab.page
    explorer = page.locator(EXPLORER)
    explorer.scroll_into_view_if_needed()
    tab.wait_for_charts(tab.model_charts() + 1)  # the explorer's own chart has drawn too
    selects = explorer.locator(".widget-dropdown select")
    measure, series, sex = selects.nth(0), selects.nth(1), selects.nth(2)
    areas = explorer.locator("select[multiple]")

    # Another measure: measures are grouped by family and carry their unit.
    options = "s => [...s.options].map(o => o.textContent)"  # a closed <select>'s options have no inner text
    # ipywidgets writes the labels with no-break spaces; the label selected must be the one shown.
    wanted = next(text for text in measure.evaluate(options) if "Befolkningens uddannelsesniveau" in _plain(text))
    assert _plain(wanted).startswith("Udbud af arbejdskraft: ") and _plain(wanted).endswith("(Procent)"), wanted
    _change(tab, lambda: measure.select_option(label=wanted), "tal:")
    assert "befolkningens uddannelsesniveau" in _chart_text(tab)["all"].lower()
    # Its level: the measure has four, and the choice is the analyst's, not the first one's.
    levels = series.evaluate(options)
    assert len(levels) == 4, levels
    _change(tab, lambda: series.select_option(label=levels[2]), "tal:")
    area_labels = {_plain(text): text for text in areas.evaluate(options)}
    _change(tab, lambda: areas.select_option(label=[area_labels["Nordjylland"], area_labels["Midtjylland"]]),
            "tal: Nordjylland, Midtjylland;")
    sex_labels = {_plain(text): text for text in sex.evaluate(options)}
    _change(tab, lambda: sex.select_option(label=sex_labels["Kvinder"]), "; kvinder;")

    # A narrower range of years, with the keyboard on the slider's two handles.
    slider = explorer.locator(".widget-hslider, .widget-inline-hbox").filter(has=page.locator(".noUi-handle")).first
    assert explorer.locator(".stemlib-years").inner_text().strip() == "2000 – 2019"  # the data's years, in full

    def narrow():
        slider.locator(".noUi-handle-lower").focus()
        for _ in range(10):
            page.keyboard.press("ArrowRight")
        slider.locator(".noUi-handle-upper").focus()
        for _ in range(4):
            page.keyboard.press("ArrowLeft")

    _change(tab, narrow, "; kvinder; 2010–2015.")
    text = _chart_text(tab)
    assert "befolkningens uddannelsesniveau" in text["all"].lower() and "kvinder" in text["all"]
    assert "Nordjylland" in text["all"] and "Midtjylland" in text["all"]
    assert not any(name in text["all"] for name in ("Syddanmark", "Hovedstaden", "Sjælland", "Hele landet"))
    years = sorted(int(label) for label in text["axis"] if label.isdigit() and len(label) == 4)
    assert years and years[0] == 2010 and years[-1] == 2015, text["axis"]

    # The choice, taken away as CSV: UTF-8 with a byte-order mark for Excel, only what was chosen.
    with tab.guard(60), page.expect_download(timeout=30_000) as download:
        explorer.locator("a.stemlib-csv").click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("indicator;region;area;year;sex")
    body = [line.split(";") for line in lines[1:]]
    assert len(body) == 2 * 6, lines  # two areas, six years
    assert {row[2] for row in body} == {"Nordjylland", "Midtjylland"} and {row[4] for row in body} == {"women"}
    assert {int(row[3]) for row in body} == set(range(2010, 2016))
    tab.screenshot(SCREENSHOTS / "lab-compare_regions-explorer.png")

    # Nothing chosen: the explorer says so instead of drawing an empty chart.
    with tab.guard(90):
        areas.select_option([])
        page.wait_for_function("""() => document.querySelector('.stemlib-explorer').textContent
                                        .includes('Ingen tal for dette valg')""", timeout=60_000)
    assert not tab.crashed and tab.outside == [], tab.outside
