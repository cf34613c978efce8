"""Shared fixtures: small synthetic data folders for the loader tests, and one real batch for the slow tests.

Constants and helpers live in :mod:`tests.support`; test files import them from there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.repo import REPO
from tests.support.synthetic_rows import GOOD_ROW, HEADER


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A minimal, valid data folder (synthetic test data, one source, one observation)."""
    folder = tmp_path / "data"
    (folder / "observations").mkdir(parents=True)
    (folder / "sources.csv").write_text(
        "id,title,publisher,year,address,licence\n"
        "test_source,Synthetic test source,stemlib tests,2026,tests/conftest.py,synthetic\n", encoding="utf-8")
    (folder / "observations" / "synthetic.csv").write_text(HEADER + GOOD_ROW, encoding="utf-8")
    return folder


@pytest.fixture
def repo_data_copy(tmp_path: Path) -> Path:
    """A copy of the repository's real data folder that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target, ignore=shutil.ignore_patterns("statbank"))
    (target / "statbank").mkdir()
    return target


@pytest.fixture(scope="session")
def batch_run(tmp_path_factory):
    """One real batch of every report in parameters/, shared by the slow tests (the browser tests among them)."""
    from tests.support.batchtools import run_batch

    output = tmp_path_factory.mktemp("reports")
    result = run_batch("--output", str(output), "--jobs", "2")
    return output, result


@pytest.fixture(scope="session")
def by_hand(tmp_path_factory):
    """A report made as the README shows (papermill, then ``jupyter nbconvert --to offline_html``); its HTML path."""
    from tests.support.by_hand import papermill_then_nbconvert

    return papermill_then_nbconvert(tmp_path_factory.mktemp("by-hand"))


@pytest.fixture(scope="session")
def statbank_batch_run(tmp_path_factory):
    """The batch again, with a StatBank cache filled by ``python -m stemlib.fetch`` from the stand-in server.

    The stand-in answers with the tables' real structure (every region and municipality) and synthetic
    numbers; the data folder is a copy, so data/statbank is never touched.
    """
    import os
    import subprocess
    import sys

    from tests.support.batchtools import run_batch
    from tests.support.statbank_server import StandInStatBank

    data = tmp_path_factory.mktemp("statbank-data") / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("statbank"))
    env = {"STEMLIB_DATA_DIR": str(data)}
    with StandInStatBank() as stand_in:
        fetched = subprocess.run([sys.executable, "-m", "stemlib.fetch"], cwd=REPO, capture_output=True, text=True,
                                 env={**os.environ, **env, "STEMLIB_STATBANK_URL": stand_in.url}, timeout=300)
    assert fetched.returncode == 0, fetched.stderr
    output = tmp_path_factory.mktemp("statbank-reports")
    return output, run_batch("--output", str(output), "--jobs", "2", env=env)
