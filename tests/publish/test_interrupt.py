"""Interrupt a real batch run and check what is left on disk."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.support.batchtools import write_notebook
from tests.support.repo import REPO

pytestmark = pytest.mark.slow


def _consistent(output):
    leftovers = [p.name for p in output.iterdir() if p.name.startswith(".tmp-") or p.name.endswith(".partial")]
    assert not leftovers, leftovers
    for page in output.glob("*.html"):
        if page.name == "index.html":
            continue
        text = page.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>") and 'id="stemlib-vega-runtime"' in text, f"{page.name} is partial"
        assert (output / f"{page.stem}.ipynb").exists(), f"{page.name} has no notebook beside it"
    index = (output / "index.html").read_text(encoding="utf-8")
    for target in re.findall(r'href="([^"#]+)"', index):
        if not target.startswith(("http", "data:")):
            assert (output / target).exists(), f"index links missing {target}"


#: A report that says when it has started and then never finishes: the batch is interrupted while
#: it runs, at a known point, whatever the machine's speed (synthetic, for this test only).
HOLD_CELL = ("from pathlib import Path\nimport time\n\nPath(marker).write_text('started', encoding='utf-8')\n"
             "while True:  # until the interrupt\n    time.sleep(0.05)")


#: A report that only says that it started (synthetic): queued behind the held report, it must never start.
MARK_CELL = "from pathlib import Path\n\nPath(marker).write_text('started', encoding='utf-8')"


def _wait_for(path, process, timeout: float = 300) -> None:
    """Wait until ``path`` exists (the held report has started), or fail if the batch ended first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the batch ended before the held report started: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the held report did not start within {timeout} s")
        time.sleep(0.05)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_batch_leaves_complete_reports_or_none(tmp_path, how):
    output = tmp_path / "out"
    output.mkdir()
    old = ('<html><body>the report from last week'
           '<script type="application/octet-stream" id="stemlib-vega-runtime">AA==</script></body></html>')
    (output / "syddanmark.html").write_text(old, encoding="utf-8")
    (output / "syddanmark.ipynb").write_text("{}", encoding="utf-8")
    notebooks, parameters = tmp_path / "notebooks", tmp_path / "parameters"
    notebooks.mkdir()
    parameters.mkdir()
    shutil.copy(REPO / "notebooks" / "region_report.ipynb", notebooks)
    marker = tmp_path / "held-report-started"
    write_notebook(notebooks / "hold.ipynb", 'marker: str = ""  # file written when the report starts', HOLD_CELL)
    (parameters / "syddanmark.yaml").write_text(f"notebook: hold.ipynb\nmarker: '{marker}'\n", encoding="utf-8")
    shutil.copy(REPO / "parameters" / "nordjylland.yaml", parameters)
    write_notebook(notebooks / "mark.ipynb", 'marker: str = ""  # file written when the report starts', MARK_CELL)
    for name in ("sjaelland", "hovedstaden"):
        (parameters / f"{name}.yaml").write_text(f"notebook: mark.ipynb\nmarker: '{tmp_path / f'started-{name}'}'\n",
                                                 encoding="utf-8")
    # --jobs 1: nordjylland is finished before syddanmark (held) starts; the other two never start.
    process = subprocess.Popen([sys.executable, "-m", "stemlib.batch",
                                *(str(parameters / f"{n}.yaml") for n in ("nordjylland", "syddanmark", "sjaelland",
                                                                          "hovedstaden")),
                                "--jobs", "1", "--output", str(output)], cwd=REPO,
                               env={**os.environ, "STEMLIB_NOTEBOOK_DIR": str(notebooks)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_for(marker, process)
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
    assert done == {"nordjylland", "syddanmark"}, done  # finished before the interrupt; the held one kept its old page
    # The batch has exited and its pipes are closed, so no worker is left: nothing queued may have started.
    assert not list(tmp_path.glob("started-*")), "a report started after the interrupt"
    assert (output / "syddanmark.html").read_text(encoding="utf-8") == old
    assert "STEM-barometer: Region Nordjylland" in (output / "nordjylland.html").read_text(encoding="utf-8")


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
