"""The warm kernel the batch reuses: what one report leaves behind must not reach the next."""

from __future__ import annotations

import re

import nbformat
import papermill
import pytest

from stemlib.publish.warm_kernel import WarmKernel
from tests.support.batchtools import run_batch, write_notebook
from tests.support.repo import REPORT_NAMES

pytestmark = pytest.mark.slow
RANDOM_CELL_ID = re.compile(r"cell-id=[0-9a-f-]+")

LEAVE_STATE_BEHIND = """\
import os, sys, warnings
import pandas as pd
import altair as alt
leftover = 1
pd.set_option("display.max_rows", 5)
os.environ["STEMLIB_LEFTOVER"] = "1"
sys.path.append("/leftover")
os.chdir("/")
warnings.simplefilter("error")
alt.renderers.enable("json")
"""
LOOK_AROUND = """\
import os, sys, warnings
import pandas as pd
import altair as alt
print("leftover" in globals(), pd.get_option("display.max_rows"), os.environ.get("STEMLIB_LEFTOVER"),
      "/leftover" in sys.path, os.path.basename(os.getcwd()), alt.renderers.active)
warnings.warn("shown in every report", UserWarning)
"""


def _run(kernel: WarmKernel, path, tmp_path, name: str):
    return papermill.execute_notebook(str(path), str(tmp_path / f"{name}.ipynb"), parameters={"region": "081"},
                                      progress_bar=False, request_save_on_cell_execute=False, **kernel.prepare())


def _stdout(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")


def _stderr(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr")


def test_a_reused_kernel_forgets_what_the_last_report_left(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "leave.ipynb", 'region: str = "081"  # a region', LEAVE_STATE_BEHIND)
    write_notebook(notebooks / "look.ipynb", 'region: str = "081"  # a region', LOOK_AROUND)
    kernel = WarmKernel(notebooks)
    try:
        first = _run(kernel, notebooks / "look.ipynb", tmp_path, "first")
        _run(kernel, notebooks / "leave.ipynb", tmp_path, "leave")
        again = _run(kernel, notebooks / "look.ipynb", tmp_path, "again")
        assert kernel.reports_run == 3  # one kernel ran all three
    finally:
        kernel.shutdown()
    # "mimetype": every kernel of .venv starts with the offline renderer (jupyter/ipython_startup.py).
    assert _stdout(first).split() == ["False", "60", "None", "False", "notebooks", "mimetype"]
    assert _stdout(again) == _stdout(first)
    # A warning already shown in this kernel is shown again, as a fresh kernel would.
    assert "shown in every report" in _stderr(first) and "shown in every report" in _stderr(again)
    counts = [c.execution_count for c in again.cells if c.cell_type == "code"]
    assert counts == [c.execution_count for c in first.cells if c.cell_type == "code"] and counts[0] == 1


def test_a_failed_warm_up_says_what_failed(tmp_path, monkeypatch):
    from stemlib.publish import warm_kernel

    monkeypatch.setattr(warm_kernel, "WARM_UP", "import a_module_that_does_not_exist\n")
    kernel = WarmKernel(tmp_path)
    with pytest.raises(warm_kernel.KernelStateError, match="warm-up failed: .*a_module_that_does_not_exist"):
        kernel.start()
    assert kernel.km is None  # the half-started kernel was stopped


def _outputs(path) -> list:
    """The cell outputs of an executed notebook, without papermill's timings.

    Printed text is joined into one piece per cell and stream and compared without its final line
    break: ipykernel 7 sometimes sends the ``"\\n"`` that ``print`` writes last as a separate message,
    or after the cell has finished, so that nbclient keeps it apart or misses it, in fresh and warm
    kernels alike (both seen while writing this test). The text itself always arrives.
    """
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        outputs, streams = [], {}
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                streams[output["name"]] = streams.get(output["name"], "") + output["text"]
            else:
                outputs.append(output)
        texts = sorted((name, text.rstrip("\n")) for name, text in streams.items())
        cells.append((cell.source, cell.get("execution_count"), outputs, texts))
    return cells


def test_every_report_is_the_same_from_warm_and_from_fresh_kernels(batch_run, tmp_path):
    """The shared batch ran 7 reports in 2 warm kernels, so at least 5 ran in a kernel used before."""
    warm, result = batch_run
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / "fresh"
    again = run_batch("--output", str(fresh), "--jobs", "2", "--fresh-kernels")
    assert again.returncode == 0, again.stderr
    for name in REPORT_NAMES:
        assert _outputs(warm / f"{name}.ipynb") == _outputs(fresh / f"{name}.ipynb"), f"{name} differs"
        # Papermill gives the cell it adds a random id, in every run: leave those out.
        warm_page = RANDOM_CELL_ID.sub("", (warm / f"{name}.html").read_text(encoding="utf-8"))
        fresh_page = RANDOM_CELL_ID.sub("", (fresh / f"{name}.html").read_text(encoding="utf-8"))
        assert warm_page == fresh_page, f"{name}.html differs between a warm and a fresh kernel"
    assert f"{len(REPORT_NAMES)} of {len(REPORT_NAMES)} reports done" in again.stdout
