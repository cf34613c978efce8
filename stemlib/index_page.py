"""reports/index.html: one page linking every report, with its run date and the data sources.

The page links a file only when it exists, so it never points at a missing or
partial report; every text is escaped.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

from .atomic import atomic_write_text

_STATUS = {"done": "færdig / done", "failed": "fejlet / failed", "invalid": "ugyldige parametre / invalid parameters"}


def _sources_html() -> str:
    from .paths import data_dir
    from .sources import read_sources

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
        from .statbank.cache import cache_summary
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
        rows.append(
            f"<tr><td>{html.escape(entry.get('title') or name)}</td>"
            f"<td>{html.escape(_STATUS.get(entry.get('status', ''), entry.get('status', '')))}</td>"
            f"<td>{html.escape(when)}</td><td>{' · '.join(links) or '–'}</td><td>{html.escape(note)}</td></tr>")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>STEM-barometer: rapporter</title>
<style>
 body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }}
 table {{ border-collapse: collapse; width: 100%; }} th, td {{ text-align: left; padding: .35rem .6rem;
 border-bottom: 1px solid #ccc; vertical-align: top; }} code {{ font-size: .85em; }}
</style></head><body>
<h1>STEM-barometer: rapporter / reports</h1>
<p>Opdateret / updated {generated}. Hver rapport virker uden netforbindelse. Each report works offline.</p>
<table><thead><tr><th>Rapport / report</th><th>Status</th><th>Kørt / run</th><th>Filer / files</th><th>Note</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>Datakilder / data sources</h2>
{_sources_html()}
</body></html>
"""
    atomic_write_text(output / "index.html", page)
