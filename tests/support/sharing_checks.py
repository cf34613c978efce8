"""What the browser tests check of a page's data files and of its printed PDF.

The JavaScript runs in the page; the Python compares what the page shows with what its CSV
file holds, and what the page lays out with what the PDF's pages hold.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections import Counter

from stemlib.publish.html_export import PAGE_MARGINS_MM, PAPER_MM

#: Every data link: the file name, the row count it states, and whether it comes before the first section
#: heading ("near the top"). The file itself comes from clicking the link (:func:`download_links`).
DATA_LINKS = """() => {
  const firstSection = document.querySelector('h2');
  return [...document.querySelectorAll('.stemlib-download a[download]')].map(a => ({
    name: a.getAttribute('download') || '', rows: Number(a.dataset.rows),
    top: !firstSection || !!(a.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING)}));
}"""


def download_links(page) -> list[dict]:
    """Click every data link as a reader would; return :data:`DATA_LINKS` with each file's text (BOM kept).

    The page builds each file when its link is used (a Blob), so the file is what the browser saves, not an
    address read from the HTML.
    """
    links = page.evaluate(DATA_LINKS)
    anchors = page.locator(".stemlib-download a[download]")
    for index, link in enumerate(links):
        with page.expect_download() as saved:
            anchors.nth(index).click()
        download = saved.value
        assert download.suggested_filename == link["name"], (download.suggested_filename, link["name"])
        link["text"] = open(download.path(), "rb").read().decode("utf-8")  # noqa: SIM115 - read at once
        link["address"] = download.url
    return links


def notebook_files(notebook_path) -> list[str]:
    """The CSV files the executed notebook's data links hold (``data:`` addresses), in page order."""
    import html

    import nbformat

    from stemlib.report.data_download import csv_from_data_uri

    notebook = nbformat.read(notebook_path, as_version=4)
    files = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else text
            files += [csv_from_data_uri(html.unescape(m)) for m in re.findall(r'href="(data:text/csv[^"]*)"', text)]
    return files


#: Per section heading: its title, how many data tables it has and how many data links follow its first table.
SECTIONS = """() => {
  const out = [];
  let current = null;
  for (const node of document.querySelectorAll('h2, table.stemlib-table, .stemlib-download a')) {
    if (node.tagName === 'H2') { current = {title: node.textContent, tables: 0, links: 0}; out.push(current); }
    else if (!current) continue;
    else if (node.tagName === 'TABLE') current.tables += 1;
    else if (current.tables > 0) current.links += 1;
  }
  return out;
}"""

#: Per section: its title, the rows of its tables ({header: cell text}) and the index of its first data link
#: among the page's data links (in page order, as the list of links the tests download).
SECTION_FILES = """() => {
  const out = [];
  let current = null;
  let index = -1;
  for (const node of document.querySelectorAll('h2, table.stemlib-table, .stemlib-download a[download]')) {
    if (node.tagName === 'A') index += 1;
    if (node.tagName === 'H2') { current = {title: node.textContent, rows: [], file_index: null}; out.push(current); }
    else if (!current) continue;
    else if (node.tagName === 'TABLE') {
      const heads = [...node.querySelectorAll('thead th')].map(h => h.textContent.trim());
      for (const r of node.querySelectorAll('tbody tr'))
        current.rows.push(Object.fromEntries([...r.querySelectorAll('td')].map((td, i) => [heads[i], td.textContent.trim()])));
    } else if (current.file_index === null) current.file_index = index;
  }
  return out;
}"""
#: Every data table as a list of {header: cell text} rows.
TABLES = """() => [...document.querySelectorAll('table.stemlib-table')].map(t => {
  const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
  return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
    [...r.querySelectorAll('td')].map((td, i) => [heads[i], td.textContent.trim()])));
})"""

#: In print emulation: the page's height and width, tables and charts that reach past the paper, data links still shown, each chart's texts from top to
#: bottom that do not depend on its width (title, axis titles, legend; tick labels change when Vega lays the
#: chart out again for the paper), each table row's cells, the line printed on every page and the header's run date.
PRINT_LAYOUT = """() => ({
  height: document.documentElement.scrollHeight,
  width: document.documentElement.scrollWidth,
  paper: window.innerWidth,
  wide: [...document.querySelectorAll('table, .stemlib-chart svg')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => `${e.tagName} ${Math.round(e.getBoundingClientRect().width)} px: ${e.textContent.trim().slice(0, 40)}`),
  shown_controls: [...document.querySelectorAll('.stemlib-download, .stemlib-pending, .jupyter-widgets')]
    .filter(e => getComputedStyle(e).display !== 'none').map(e => e.textContent.trim().slice(0, 60)),
  charts: [...document.querySelectorAll('.stemlib-chart')].map(c =>
    [...c.querySelectorAll('.role-title-text text, text.role-title-text, .role-axis-title text, text.role-axis-title, '
                           + '.role-legend-label text, .role-legend-title text')]
      .map(t => t.textContent).filter(t => t.trim())),
  rows: [...document.querySelectorAll('table.stemlib-table tbody tr')].filter(r => !r.closest('details:not([open])')).map(r =>
    [...r.querySelectorAll('td')].map(td => td.textContent)),
  line: [...document.querySelectorAll('.stemlib-print-line')].map(e => e.textContent.trim()).pop() || '',
  run_date: ((document.querySelector('.stemlib-meta') || {}).textContent || '').match(/\\d{1,2}\\.? [A-Za-zæøå]+ \\d{4}/)?.[0] || '',
})"""

PX_PER_MM = 96 / 25.4
#: The printable area of an A4 page inside the report's margins, in CSS pixels.
PRINTABLE_WIDTH = (PAPER_MM[0] - PAGE_MARGINS_MM[1] - PAGE_MARGINS_MM[3]) * PX_PER_MM
PRINTABLE_HEIGHT = (PAPER_MM[1] - PAGE_MARGINS_MM[0] - PAGE_MARGINS_MM[2]) * PX_PER_MM


def squash(text: str) -> str:
    """Letters and digits only, ligatures undone: how text is compared between the page and the PDF.

    PDF text extraction drops or moves spaces and punctuation at line breaks and writes "fi" as one glyph.
    """
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text))


def page_count_bounds(height: float, charts: int) -> tuple[int, int]:
    """The fewest and most A4 pages a page of ``height`` CSS pixels with ``charts`` charts should print to.

    At least the content's height in printable pages; at most that plus one page per chart (each kept
    whole, it can push at most a page's worth of white space) plus a tenth for table rows and headings
    kept with what follows them.
    """
    pages = height / PRINTABLE_HEIGHT
    return math.ceil(pages), math.ceil(pages) + charts + math.ceil(pages / 10)


def read_csv(text: str, language: str) -> list[dict]:
    """Parse a data file as a reader's program would: BOM first, semicolons in Danish, commas in English."""
    assert text.startswith("\ufeff"), "the data file has no byte order mark (Excel would garble æ, ø, å)"
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";" if language == "da" else ","))


def shown_number(text: str, language: str) -> float:
    """The number in a value as the page shows it ("about 10,574 people", "18,1 %", "−2 pp", "ca. en tredjedel")."""
    for words, share in (("to tredjedele", 66.7), ("two thirds", 66.7), ("en tredjedel", 33.3), ("one third", 33.3)):
        if words in text:  # the source's fraction, as the page writes it
            return share
    found = re.search(r"[−-]?\d[\d.,]*", text)
    assert found, f"no number in the value {text!r}"
    number = found[0].replace("−", "-").rstrip(".,")
    number = number.replace(".", "").replace(",", ".") if language == "da" else number.replace(",", "")
    # A change beside a qualifier is said in words: "fald på ca. 2 procentpoint" is −2.
    falling = text.startswith(("fald på", "fall of"))
    return -float(number) if falling else float(number)


def _year(text: str) -> str:
    return text if re.fullmatch(r"\d{4}", text or "") else ""


def shown_keys(rows: list[dict], language: str, with_locator: bool) -> Counter:
    """(area, year, value[, locator]) of each row of a table of figures, as the page shows them."""
    area, year, value = [("Område", "År", "Værdi"), ("Area", "Year", "Value")][language == "en"]
    locator = "Sted i kilden" if language == "da" else "Locator"
    return Counter((r[area], _year(r[year]), shown_number(r[value], language),
                    *([r[locator]] if with_locator else [])) for r in rows)


def shown_in_file(shown: list[dict], file_rows: list[dict], language: str, area_name) -> list[dict]:
    """The rows of a table of figures that its section's data file lacks (area, year and value as shown).

    A value matches when it equals the file's as the page rounds it: one decimal, or a whole number
    for an approximate figure ("ca. 33 %" for 33.3).
    """
    area, year, value = [("Område", "År", "Værdi"), ("Area", "Year", "Value")][language == "en"]
    in_file = [(area_name(r["region"], language), r["year"],
                float(r["value"].replace(",", ".") if language == "da" else r["value"])) for r in file_rows]
    return [row for row in shown
            if not any(a == row[area] and y == _year(row[year]) and abs(v - shown_number(row[value], language)) <= 0.5
                       for a, y, v in in_file)]


def file_keys(rows: list[dict], language: str, area_name, with_locator: bool) -> Counter:
    """The same keys from the data file's rows (the value rounded as the page rounds it: one decimal at most)."""
    def value(text: str) -> float:
        return round(float(text.replace(",", ".") if language == "da" else text), 1)

    return Counter((area_name(r["region"], language), r["year"], value(r["value"]),
                    *([r["locator"]] if with_locator else [])) for r in rows)
