"""Atomic writes, the index page and the kernel-start retry, without running real kernels."""

import json
import os

import nbformat
import pytest

from stemlib.atomic import OutputLock, OutputLockedError, atomic_write_text
from stemlib.publish import batch
from stemlib.publish.index_page import write_index
from stemlib.publish.params import ReportSpec


def test_atomic_write_replaces_whole_files_with_normal_permissions(tmp_path):
    target = tmp_path / "a.html"
    atomic_write_text(target, "old")
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_lock_is_exclusive_and_released(tmp_path):
    with OutputLock(tmp_path):
        with pytest.raises(OutputLockedError, match=r"another batch \(pid \d+, started"):
            with OutputLock(tmp_path):
                pass
    with OutputLock(tmp_path):  # free again
        pass


def test_index_escapes_titles_and_links_only_existing_files(tmp_path):
    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "a.ipynb").write_text("{}")
    manifest = {"a": {"title": "<script>alert(1)</script>", "status": "done", "last_success": "2026-11-22"},
                "b": {"title": "B", "status": "failed", "detail": "cell 3 <img src=x>"}}
    write_index(tmp_path, manifest)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x>" not in page and "&lt;img src=x&gt;" in page
    assert 'href="a.html"' in page and 'href="b.html"' not in page


def _fake_kernel(monkeypatch, failures: int):
    """Make the worker's kernel fail to start ``failures`` times, then run a one-cell notebook (synthetic)."""
    import papermill

    from stemlib.publish.warm_kernel import WarmKernel

    attempts = []

    def prepare(self):
        attempts.append(1)
        if len(attempts) <= failures:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return {}

    def execute(input_path, output_path, **kwargs):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
        nb.metadata["papermill"] = {"input_path": input_path, "output_path": output_path, "cwd": "/somewhere"}
        return nb

    monkeypatch.setattr(WarmKernel, "prepare", prepare)
    monkeypatch.setattr(papermill, "execute_notebook", execute)
    monkeypatch.setattr(batch, "_kernel", None)
    monkeypatch.setattr(batch.time, "sleep", lambda s: None)
    monkeypatch.setattr(batch, "_log_to", lambda path: None)
    return attempts


def test_kernel_start_failures_are_retried(tmp_path, monkeypatch):
    attempts = _fake_kernel(monkeypatch, failures=2)
    spec = ReportSpec("x", tmp_path / "x.yaml", "region_report.ipynb", {"region": "081"})
    outcome = batch.run_report(spec, tmp_path, cell_timeout=10, kernel_retries=2)
    assert outcome.status == "done" and len(attempts) == 3
    meta = json.loads((tmp_path / "x.ipynb").read_text())["metadata"]["papermill"]
    assert meta == {"input_path": "notebooks/region_report.ipynb", "output_path": "reports/x.ipynb"}


def test_kernel_that_never_starts_fails_the_report_only(tmp_path, monkeypatch):
    attempts = _fake_kernel(monkeypatch, failures=10)
    spec = ReportSpec("y", tmp_path / "y.yaml", "region_report.ipynb", {"region": "081"})
    outcome = batch.run_report(spec, tmp_path, cell_timeout=10, kernel_retries=1)
    assert outcome.status == "failed" and "Kernel died" in outcome.detail and len(attempts) == 2
    assert not (tmp_path / "y.html").exists() and not list(tmp_path.glob(".tmp-*"))
