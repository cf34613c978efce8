"""Interrupt a real batch run and check what is left on disk."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow


def _consistent(output):
    leftovers = [p.name for p in output.iterdir() if p.name.startswith(".tmp-") or p.name.endswith(".partial")]
    assert not leftovers, leftovers
    for page in output.glob("*.html"):
        if page.name == "index.html":
            continue
        text = page.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>") and "window.vegaEmbed=" in text, f"{page.name} is partial"
        assert (output / f"{page.stem}.ipynb").exists(), f"{page.name} has no notebook beside it"
    index = (output / "index.html").read_text(encoding="utf-8")
    for target in re.findall(r'href="([^"#]+)"', index):
        if not target.startswith(("http", "data:")):
            assert (output / target).exists(), f"index links missing {target}"


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_leaves_complete_reports_or_none(tmp_path, how):
    output = tmp_path / "out"
    output.mkdir()
    old = "<html><body>the report from last week<script>window.vegaEmbed=1</script></body></html>"
    (output / "syddanmark.html").write_text(old, encoding="utf-8")
    (output / "syddanmark.ipynb").write_text("{}", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "stemlib.batch", "nordjylland", "syddanmark", "sjaelland",
                                "hovedstaden", "--jobs", "1", "--output", str(output)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (output / "manifest.json").exists():
        time.sleep(0.2)
    time.sleep(1.5)  # the next report is now half way through its kernel
    # Ctrl-C reaches the whole process group; a SIGTERM (e.g. from a scheduler) only the batch.
    if how == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    _consistent(output)
    done = {p.stem for p in output.glob("*.html")} - {"index"}
    assert "nordjylland" in done  # finished before the interrupt, so it is in place
    assert len(done) < 5
    syddanmark = (output / "syddanmark.html").read_text(encoding="utf-8")
    assert syddanmark == old or "STEM-barometer: Region Syddanmark" in syddanmark


def test_killed_batch_leaves_nothing_that_looks_complete(tmp_path):
    output = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "stemlib.batch", "nordjylland", "--output", str(output)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(output.glob(".tmp-*")):
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert not (output / "nordjylland.html").exists() or \
        (output / "nordjylland.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    # The next run sweeps the leftovers and finishes the report.
    result = subprocess.run([sys.executable, "-m", "stemlib.batch", "nordjylland", "--output", str(output)],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    _consistent(output)
