"""Helpers for tests that run the real batch in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

from tests.support.repo import REPO


def run_batch(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run ``python -m stemlib.batch`` with ``args``; return the finished process."""
    return subprocess.run([sys.executable, "-m", "stemlib.batch", *args], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def write_notebook(path: Path, *sources: str) -> None:
    """Write a small notebook whose first cell is the parameters cell (synthetic, for failure tests)."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells.append(nbformat.v4.new_code_cell(sources[0], metadata={"tags": ["parameters"]}))
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources[1:]]
    nbformat.write(nb, path)
