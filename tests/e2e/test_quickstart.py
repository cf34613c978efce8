"""The README's quick start, run as written: its code blocks are read from README.md, so the two cannot drift.

The blocks run in order in a throwaway copy of the workspace (the notebooks copied, ``.venv`` linked, a
home folder of its own). Where the README asks the reader to save a page's CSV file from the browser,
Chromium does it: it opens the page the blocks made and saves the download behind the link text the
README names into ``~/Downloads``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.support.playwright_session import CHROMIUM, playwright_or_skip
from tests.support.repo import REPO

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def quick_start() -> tuple[str, list[tuple[str, str]]]:
    """Return the quick start's text and its fenced code blocks as ``(language, code)``, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Quick start\n(.*?)(?=^## )", text, flags=re.S | re.M)
    assert match, "README.md has no '## Quick start' section"
    section = match.group(1)
    return section, re.findall(r"^```(\w+)\n(.*?)^```", section, flags=re.S | re.M)


def test_the_quick_start_is_near_the_top_and_about_one_screen():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section, blocks = quick_start()
    assert text.index("## Quick start") < text.index("make test") + 1500, "the quick start follows the two commands"
    assert len(section.splitlines()) <= 50
    assert {language for language, _ in blocks} == {"python", "sh"}
    assert len(text.encode("utf-8")) < 15_000, "README.md stays under 15 KB"


def _save_download(page_path, link_text, downloads):
    """Open the page in Chromium (nothing from the network), click the link, save its file; return the path."""
    with playwright_or_skip("quick start test") as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--host-resolver-rules=MAP * ~NOTFOUND"])
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(page_path.as_uri())
            with page.expect_download() as download:
                page.get_by_text(link_text, exact=True).click()
            target = downloads / download.value.suggested_filename
            download.value.save_as(target)
        finally:
            browser.close()
    return target


def test_every_line_of_the_quick_start_runs(tmp_path):
    section, blocks = quick_start()
    workspace, home = tmp_path / "workspace", tmp_path / "home"
    shutil.copytree(REPO / "notebooks", workspace / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "kernel-*"))
    (workspace / ".venv").symlink_to(REPO / ".venv")
    (home / "Downloads").mkdir(parents=True)
    env = {**os.environ, "HOME": str(home)}
    saved = None
    outputs = []
    for number, (language, code) in enumerate(blocks, start=1):
        if "read_figures(" in code and saved is None:
            # The reader's step between the blocks: save the page's CSV file from the browser.
            link = re.search(r'save the file behind "([^"]+)"', section)
            assert link, "the quick start names the link whose file is read back"
            pages = sorted((workspace / "reports").glob("*.html"))
            assert len(pages) == 1, f"the blocks before should have made one page, found {pages}"
            saved = _save_download(pages[0], " ".join(link.group(1).split()), home / "Downloads")
        if language == "python":
            command = [str(workspace / ".venv" / "bin" / "python"), "-c", code]
        else:
            command = ["bash", "-euo", "pipefail", "-c", code]
        result = subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"quick start block {number} ({language}) failed:\n{code}\n{result.stderr[-3000:]}"
        outputs.append(result.stdout)
    assert saved is not None and saved.exists(), "the quick start reads no page's CSV back"
    # What the blocks printed: the catalogue found the measure, latest() gave one dated figure per area,
    # and the page's file came back with region codes as text.
    assert "adult_participation_4w" in outputs[0]
    assert re.search(r"^\S+\s+081\s+20\d\d\s", outputs[0], flags=re.M), outputs[0]
    assert "<NA>" not in outputs[0].split("adult_participation_4w", 1)[1]
    assert re.search(r"^081\s+\d+$", outputs[-1], flags=re.M), outputs[-1]
    page = (workspace / "reports" / "syddanmark-en.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page[:3000]
