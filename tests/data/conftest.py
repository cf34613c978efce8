"""Fixtures for the data layer's tests: every StatBank table fetched once from the stand-in, and a data folder
that holds that cache."""

import shutil

import pytest

from stemlib.data.fetch import refresh_table
from stemlib.data.statbank.cached_observations import cached_statbank_observations
from tests.support.statbank_fixtures import FakeStatBank, fake_client


def _refresh_all(folder, fake):
    notes = []
    for table in fake.tables:
        refresh_table(fake_client(fake), table, folder, notes=notes)
    return notes


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """Every recipe's table fetched once from the stand-in (real structure, synthetic numbers)."""
    folder = tmp_path_factory.mktemp("statbank")
    fake = FakeStatBank()
    notes = _refresh_all(folder, fake)
    return folder, fake, notes, cached_statbank_observations(folder)


@pytest.fixture
def cached(tmp_path, repo_data_copy, monkeypatch, fetched):
    """A copy of the real data folder with the fetched cache files in data/statbank."""
    monkeypatch.setenv("STEMLIB_DATA_DIR", str(repo_data_copy))
    for path in fetched[0].glob("*.json"):
        shutil.copy(path, repo_data_copy / "statbank" / path.name)
    return repo_data_copy
