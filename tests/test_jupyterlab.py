"""JupyterLab as the analysts use it: every notebook run to the end in a real JupyterLab in Chromium.

For each notebook in notebooks/: open it in a fresh workspace, Run All Cells from the menu, wait
until the kernel is idle, then require that the tab did not crash, no cell raised, every chart
drew (SVG marks, or a canvas with ink on it) and no request left 127.0.0.1. The explorer in
compare_regions.ipynb is driven through its controls. A new notebook with a plain ``alt.Chart``
must draw offline too. Screenshots go to reports/screenshots/lab-<notebook>.png.

A chart with ``width="container"`` in the kernel makes JupyterLab's Vega renderer resize in a loop
until the tab crashes; that is what this test caught first (see README, "JupyterLab").
"""

from __future__ import annotations

import os

import nbformat
import pytest

from .conftest import REPO
from .lab_driver import CHROMIUM, LabTab, running_lab

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
    missing = "Chromium is not installed (apt-get install chromium)" if CHROMIUM is None else ""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "Playwright is not installed (make test installs requirements.txt)"
    if missing:
        if os.environ.get("CI") or os.environ.get("STEMLIB_REQUIRE_BROWSER"):
            pytest.fail(f"{missing}; the JupyterLab tests must run in CI")
        pytest.skip(f"{missing}; the JupyterLab tests did not run")
    with sync_playwright() as playwright:
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
