"""The notebooks in the repository: clean, parameterised, and guarded by nbval."""

import os
import shutil
import subprocess
import sys

import pytest

from stemlib.publish.params import notebook_parameters
from tests.support.nbtools import unchecked_outputs
from tests.support.repo import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_only_checked_cells_store_output(path):
    assert unchecked_outputs(path) == []


def test_parameters_cells_are_typed_and_commented():
    assert notebook_parameters("region_report.ipynb") == {"region": "str", "compare_with": "list",
                                                          "language": "str", "title": "str"}
    assert notebook_parameters("compare_regions.ipynb") == {"regions": "list", "language": "str", "title": "str",
                                                            "interactive": "bool"}
    assert notebook_parameters("explore.ipynb") == {"measure": "str", "areas": "list", "sex": "str", "language": "str",
                                                    "csv_path": "str"}


@pytest.mark.slow
def test_nbval_fails_when_a_headline_figure_changes(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "observations" / "rn_teknologipagt_2019.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",18.1,percent,", ",18.4,percent,"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", str(REPO / "notebooks" / "region_report.ipynb"),
                             "--nbval-lax", "-p", "no:cacheprovider", "-q"], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "STEMLIB_DATA_DIR": str(data)}, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    # The scorecard's and the dropout section's key numbers both show the figure, so both cells fail.
    assert "region_report.ipynb::Cell 2" in result.stdout and "region_report.ipynb::Cell 6" in result.stdout
    assert "2 failed" in result.stdout
