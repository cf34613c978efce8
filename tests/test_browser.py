"""Open a generated report in headless Chromium with the network blocked: every chart must draw."""

import os
import re
import shutil
import subprocess
import tempfile

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _dom(page) -> str:
    if CHROMIUM is None:
        if os.environ.get("CI") or os.environ.get("STEMLIB_REQUIRE_BROWSER"):
            pytest.fail("Chromium is needed for the browser test in CI: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium); the browser check did not run")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}",
             # No network: every host name fails to resolve and any proxy use goes nowhere.
             "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
             "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120)
    return result.stdout


@pytest.mark.parametrize("name", ["nordjylland", "alle_regioner"])
def test_every_chart_draws_offline_with_tooltips(batch_run, name):
    output, result = batch_run
    assert result.returncode == 0
    dom = _dom(output / f"{name}.html")
    expected = (output / f"{name}.html").read_text(encoding="utf-8").count('class="stemlib-chart"')
    assert expected > 0
    embedded = len(re.findall(r'<div[^>]*class="stemlib-chart vega-embed"', dom))
    drawn = len(re.findall(r'<svg[^>]*class="marks"', dom))
    assert embedded == expected and drawn == expected, f"{drawn} of {expected} charts drawn"
    visible = re.sub(r"<script.*?</script>", "", dom, flags=re.S)
    assert "could not be drawn" not in visible and "library is missing" not in visible
    assert 'id="vega-tooltip-style"' in dom  # the tooltip handler is installed
