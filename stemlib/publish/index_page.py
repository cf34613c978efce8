"""reports/index.html: one page linking every report, with its run date and the data sources.

The page links a file only when it exists, so it never points at a missing or
partial report; every text is escaped.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

from stemlib.atomic import atomic_write_text
from stemlib.report.html_tables import TABLE_CSS, html_table

_STATUS = {"done": "færdig / done", "failed": "fejlet / failed", "invalid": "ugyldige parametre / invalid parameters"}


def _sources_html() -> str:
    from stemlib.data.sources import read_sources
    from stemlib.paths import data_dir

    try:
        sources = read_sources(data_dir() / "sources.csv")
    except Exception as error:  # noqa: BLE001 - the index must still be written
        return f"<p>{html.escape(str(error))}</p>"
    items = "".join(
        f"<li>{html.escape(row.title)} ({html.escape(row.publisher)}{', ' + html.escape(row.year) if row.year else ''})"
        f" – <code>{html.escape(row.address)}</code></li>" for row in sources.itertuples())
    statbank = _statbank_html()
    return f"<ul>{items}</ul>{statbank}"


def _statbank_html() -> str:
    try:
        from stemlib.data.statbank.cache import cache_summary
    except ImportError:
        return ""
    lines = cache_summary()
    if not lines:
        return "<p>StatBank: ingen hentede tabeller i data/statbank / no cached tables.</p>"
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def write_index(output: Path, manifest: dict) -> None:
    """Write ``index.html`` in ``output`` from the manifest of report outcomes."""
    rows = []
    for name in sorted(manifest):
        entry = manifest[name]
        links = []
        if (output / f"{name}.html").exists():
            links.append(f'<a href="{html.escape(name)}.html">HTML</a>')
        if (output / f"{name}.ipynb").exists():
            links.append(f'<a href="{html.escape(name)}.ipynb">notebook</a>')
        if entry.get("status") == "failed" and (output / "failed" / f"{name}.ipynb").exists():
            links.append(f'<a href="failed/{html.escape(name)}.ipynb">fejlet notebook / failed notebook</a>')
        when = entry.get("last_success") or "–"
        note = ""
        if entry.get("status") != "done":
            previous = (" Den viste HTML er fra sidste vellykkede kørsel / the HTML shown is from the last "
                        "successful run." if (output / f"{name}.html").exists() else "")
            note = f"{entry.get('detail', '')}{previous}"
        rows.append([html.escape(entry.get("title") or name),
                     html.escape(_STATUS.get(entry.get("status", ""), entry.get("status", ""))),
                     html.escape(when), " · ".join(links) or "–", html.escape(note)])
    table = html_table(["Rapport / report", "Status", "Kørt / run", "Filer / files", "Note"], rows,
                       "Rapporter / reports", cells_are_html=True)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>STEM-barometer: rapporter</title><link rel="icon" href="data:,">
<style>
 body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111;
   background: #fff; }}
 a {{ color: #0b57a4; }} code {{ font-size: .85em; overflow-wrap: anywhere; }}
 {TABLE_CSS}
</style></head><body>
<h1>STEM-barometer: rapporter / reports</h1>
<p>Opdateret / updated {generated}. Hver rapport virker uden netforbindelse. Each report works offline.</p>
{table}
<h2>Datakilder / data sources</h2>
{_sources_html()}
</body></html>
"""
    atomic_write_text(output / "index.html", page)
