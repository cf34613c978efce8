"""What a reader reads: every page's text, Danish and English, scanned for the marks of machine output.

The scan reads the text a browser shows (scripts, styles and the hidden print line left out; the
CSV files are for analysts and keep their ids). It fails on:

* a source id from data/sources.csv, a file key (``*.csv``, ``seed:``) or an internal word;
* a label repeated in brackets ("videregående uddannelse (videregående uddannelse)");
* an ISO date in running text (readers write "30. november 2026");
* "label: value" chains in running text ("Ungdomsårgang med STEM-fag: 57 % (2018). …").

The pages come from a real batch (Danish, as in parameters/) and a second batch of the same parameter
files switched to English.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from stemlib.data.sources import read_sources
from tests.support.batchtools import run_batch
from tests.support.repo import REPO

pytestmark = pytest.mark.slow

#: Words that belong to the code and its maintainers, never to a reader's page.
INTERNAL_WORDS = ("cache", "arbejdsrum", "workspace", "målsti", "nulpunkt", "beregnet her", "calculated here",
                  "kolonnen År", "the Year column", "nbval", "papermill", "StatBank-", "indicator id", "source id")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
FILE_KEY = re.compile(r"\bseed:|\b[\w-]+\.(?:csv|json|tsv|yaml|ipynb)\b")
#: A label, a colon and a number: "Andel: 57 %". Running text only (tables are label and value by design).
LABEL_VALUE = re.compile(r"[A-Za-zÆØÅæøå)][^.:;!?]{2,80}: (?:ca\. |knap |godt |about |just under |just over )?[−+-]?\d")


class _Text(HTMLParser):
    """Collect the running text (paragraphs and list items outside tables) and all visible text of a page."""

    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.running: list[str] = []
        self.everything: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "meta", "link", "input", "hr", "wbr"}:
            return
        hidden = "hidden" in dict(attrs) or any(t in self.SKIP for t, _ in self.stack) or tag in self.SKIP
        # A list of sources is citations ("Publisher (year): title"), not running text.
        if "stemlib-sources" in (dict(attrs).get("class") or ""):
            tag = "citations"
        self.stack.append((tag, hidden or any(h for _, h in self.stack)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not data.strip() or any(hidden for _, hidden in self.stack):
            return
        tags = [t for t, _ in self.stack]
        self.everything.append(data)
        if "table" not in tags and "citations" not in tags and any(t in {"p", "li"} for t in tags):
            self.running.append(data)


def page_text(path: Path) -> tuple[str, str]:
    """Return (running text, all visible text) of one page."""
    running, pieces = page_pieces(path)
    return " ".join(running), " ".join(pieces)


def page_pieces(path: Path) -> tuple[list[str], list[str]]:
    """Return the page's running text and its visible text, one text node (a cell, a line) at a time."""
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.running, parser.everything


@pytest.fixture(scope="module")
def english_batch(tmp_path_factory):
    """Every parameter file of parameters/ switched to English, run by the batch (parameter files from anywhere)."""
    folder = tmp_path_factory.mktemp("english-parameters")
    for path in sorted((REPO / "parameters").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        (folder / f"{path.stem}_en.yaml").write_text(yaml.safe_dump({**spec, "language": "en"}), encoding="utf-8")
    output = tmp_path_factory.mktemp("english-reports")
    result = run_batch("--output", str(output), "--jobs", "2", *[str(p) for p in sorted(folder.glob("*.yaml"))])
    assert result.returncode == 0, result.stderr[-2000:]
    return output


@pytest.fixture(scope="module")
def pages(batch_run, english_batch):
    danish, result = batch_run
    assert result.returncode == 0, result.stderr[-2000:]
    found = sorted(danish.glob("*.html")) + sorted(english_batch.glob("*.html"))
    assert len(found) >= 2 * len(list((REPO / "parameters").glob("*.yaml")))
    return found


def test_no_page_shows_ids_file_keys_or_internal_words(pages):
    ids = list(read_sources(REPO / "data" / "sources.csv").index)
    problems = []
    for path in pages:
        _, text = page_text(path)
        problems += [f"{path.name}: source id {i!r}" for i in ids if re.search(rf"\b{re.escape(i)}\b", text)]
        problems += [f"{path.name}: file key {m!r}" for m in FILE_KEY.findall(text)]
        problems += [f"{path.name}: internal word {w!r}" for w in INTERNAL_WORDS if w.lower() in text.lower()]
    assert not problems, "\n".join(problems[:30])


def test_no_label_repeated_in_brackets(pages):
    problems = []
    for path in pages:
        matches = [m for text in page_pieces(path)[1] for m in re.finditer(r"([^()]{1,80}) \(([^()]{3,60})\)", text)]
        problems += [f"{path.name}: {m[0].strip()[-100:]!r}" for m in matches
                     if m[2].lower().strip() in m[1].lower()[-len(m[2]) - 40:]]
    assert not problems, "\n".join(problems[:30])


def test_dates_are_written_for_readers(pages):
    problems = [f"{path.name}: {m!r}" for path in pages for m in ISO_DATE.findall(page_text(path)[1])]
    assert not problems, "\n".join(problems[:30])


def test_running_text_is_sentences_not_label_value_chains(pages):
    problems = []
    for path in pages:
        running, _ = page_text(path)
        problems += [f"{path.name}: {m[0][-90:]!r}" for m in LABEL_VALUE.finditer(running)]
    assert not problems, "\n".join(problems[:30])


def test_the_scan_finds_what_it_looks_for():
    """The patterns catch the marks the review found (so a green scan means something)."""
    assert LABEL_VALUE.search("Ungdomsårgang med STEM-fag (ungdomsuddannelse): 57 % (2018).")
    assert ISO_DATE.search("Dannet 2026-11-30.")
    assert FILE_KEY.search("se rn_teknologipagt_2019.csv") and FILE_KEY.search("seed:000_4de3")
    assert not LABEL_VALUE.search("Andelen var 57 % i 2018.")
