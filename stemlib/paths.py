"""Where the workspace's data lives.

The data folder is the repository's ``data/`` next to the package, unless the
environment variable ``STEMLIB_DATA_DIR`` points elsewhere (tests use that to
load small synthetic folders).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """Return the data folder: ``override``, else ``$STEMLIB_DATA_DIR``, else ``<repo>/data``."""
    if override is not None:
        return Path(override)
    env = os.environ.get("STEMLIB_DATA_DIR")
    return Path(env) if env else REPO_ROOT / "data"


def notebook_dir() -> Path:
    """Return the notebooks folder: ``$STEMLIB_NOTEBOOK_DIR`` if set (tests), else ``<repo>/notebooks``."""
    env = os.environ.get("STEMLIB_NOTEBOOK_DIR")
    return Path(env) if env else REPO_ROOT / "notebooks"


def cache_dir() -> Path:
    """Return the folder for rebuildable files: ``$STEMLIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/stemlib``,
    else ``~/.cache/stemlib``."""
    env = os.environ.get("STEMLIB_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stemlib"
