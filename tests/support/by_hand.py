"""A report made by hand, as the README shows: the papermill command line, then ``jupyter nbconvert``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.repo import REPO

#: The commands' folder: the virtual environment's, as a user who follows the README has it.
BIN = Path(sys.executable).parent
FORMAT = "offline_html"


def run(command: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run a command line; fail with its output when it does not succeed."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}"
    return result


def papermill_then_nbconvert(folder: Path, name: str = "nordjylland-en") -> Path:
    """Run region_report.ipynb for Nordjylland in English with papermill, convert it with nbconvert; return the HTML."""
    executed = folder / f"{name}.ipynb"
    run([str(BIN / "papermill"), "region_report.ipynb", str(executed), "-p", "region", "081", "-p", "language", "en",
         "--no-progress-bar"], cwd=REPO / "notebooks")
    result = run([str(BIN / "jupyter"), "nbconvert", "--to", FORMAT, executed.name], cwd=folder)
    page = folder / f"{name}.html"
    assert page.exists(), f"nbconvert wrote no {page.name}: {result.stderr}"
    return page
