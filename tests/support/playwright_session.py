"""Debian's Chromium under Playwright for the browser and JupyterLab tests: found, or skipped with a reason.

Outside CI a machine without Chromium skips these tests with a message; in CI (or with
STEMLIB_REQUIRE_BROWSER set) a missing browser fails them, so a green run always drove a real browser.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def playwright_or_skip(what: str):
    """Yield a started Playwright, or skip (fail in CI) saying what is missing.

    Parameters
    ----------
    what : str
        The tests' name for the message, e.g. ``"browser tests"``.
    """
    missing = "Chromium is not installed (apt-get install chromium)" if CHROMIUM is None else ""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "Playwright is not installed (make test installs requirements.txt)"
    if missing:
        if os.environ.get("CI") or os.environ.get("STEMLIB_REQUIRE_BROWSER"):
            pytest.fail(f"{missing}; the {what} must run in CI")
        pytest.skip(f"{missing}; the {what} did not run")
    with sync_playwright() as playwright:
        yield playwright
