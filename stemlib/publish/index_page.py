"""reports/index.html: the landing page: the headline matrix, every report with its run date, the sources.

The page opens with the theme × area matrix (:mod:`stemlib.report.matrix`) for the five
regions and the whole country, each column header linking to that area's report; then
the list of reports, then the register of sources and the coverage of the data, both
folded. It links a file only when it exists, so it never points at a missing or
partial report; every text is escaped. Which report shows which area is read from the
manifest entry's parameters or, failing that, from the parameters papermill stored in
the report's notebook.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path

from stemlib.atomic import atomic_write_text
from stemlib.report.html_tables import TABLE_CSS, html_table

_STATUS = {"done": "færdig", "failed": "fejlet", "invalid": "ugyldige parametre"}
#: The areas of the landing page's matrix: the five regions, the whole country last.
AREAS: tuple[str, ...] = ("081", "082", "083", "084", "085", "000")


def _parameters(output: Path, name: str, entry: dict) -> tuple[dict, str]:
    """A report's parameters and its notebook's name, from the manifest or the executed notebook."""
    if isinstance(entry.get("parameters"), dict):
        return entry["parameters"], str(entry.get("notebook", ""))
    try:
        meta = json.loads((output / f"{name}.ipynb").read_text(encoding="utf-8"))["metadata"]["papermill"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}, ""
    return dict(meta.get("parameters") or {}), str(meta.get("input_path") or "")


def area_pages(output: Path, manifest: dict) -> tuple[dict[str, str], str | None]:
    """Return each area's report page (area code to file name) and the comparison page, for existing files.

    A Danish report is preferred where an area has reports in several languages.
    """
    pages: dict[str, tuple[bool, str]] = {}
    comparison: tuple[bool, str] | None = None
    for name in sorted(manifest):
        page = f"{name}.html"
        if not (output / page).exists():
            continue
        parameters, notebook = _parameters(output, name, manifest[name])
        danish = parameters.get("language", "da") == "da"
        if "region" in parameters:
            code = str(parameters["region"])
            if code not in pages or (danish and not pages[code][0]):
                pages[code] = (danish, page)
        elif "regions" in parameters or notebook.endswith("compare_regions.ipynb"):
            if comparison is None or (danish and not comparison[0]):
                comparison = (danish, page)
    return {code: page for code, (_, page) in pages.items()}, comparison[1] if comparison else None


def _matrix_html(links: dict[str, str]) -> str:
    from stemlib.data.observations import load_observations
    from stemlib.report.matrix import matrix, matrix_html

    try:
        observations = load_observations()
    except Exception:  # noqa: BLE001 - the index must still be written
        return "<p>Hovedtallene kunne ikke vises, fordi datafilerne ikke kunne læses.</p>"
    return matrix_html(matrix(observations, list(AREAS), "da"), "da", links)


def _sources_html() -> str:
    """The register of sources: publisher (year): title, linked where the source has a web address.

    The link is the publisher's own page without tracking parameters (never ``retrieved_from``).
    """
    from stemlib.data.addresses import reader_address
    from stemlib.data.sources import read_sources
    from stemlib.paths import data_dir

    try:
        sources = read_sources(data_dir() / "sources.csv")
    except Exception:  # noqa: BLE001 - the index must still be written
        return "<p>Kildelisten kunne ikke læses.</p>"
    items = []
    for row in sources.sort_values(["publisher", "year", "title"]).itertuples():
        who = html.escape(row.publisher) + (f" ({html.escape(row.year)})" if row.year else "")
        title = html.escape(row.title)
        link = reader_address(row.address)
        if link:
            title = f'<a href="{html.escape(link, quote=True)}">{title}</a>'
        items.append(f"<li>{who}: {title}</li>")
    return f"<ul class='stemlib-sources'>{''.join(items)}</ul>"


def _coverage_html() -> str:
    """Which areas lack figures in each indicator family, in words."""
    from stemlib.data.observations import load_observations
    from stemlib.definitions.indicators import FAMILIES, family_label, indicators_in_family
    from stemlib.report.selection import area_name

    try:
        observations = load_observations()
    except Exception:  # noqa: BLE001 - the index must still be written
        return "<p>Dækningen kunne ikke opgøres, fordi datafilerne ikke kunne læses.</p>"
    rows = []
    for family in FAMILIES:
        ids = [i.id for i in indicators_in_family(family)]
        present = set(observations.loc[observations["indicator"].isin(ids), "region"])
        missing = [area_name(code) if code != "000" else "hele landet" for code in AREAS if code not in present]
        if not missing:
            text = "tal for alle regioner og hele landet"
        elif len(missing) == len(AREAS):
            text = "ingen tal for nogen region eller for hele landet"
        else:
            text = "mangler for " + (missing[0] if len(missing) == 1 else
                                     ", ".join(missing[:-1]) + " og " + missing[-1])
        rows.append([family_label(family), text])
    return html_table(["Emne", "Dækning"], rows, "Områder uden tal pr. emne")


def _reports_table(output: Path, manifest: dict) -> str:
    from stemlib.report.formatting import format_date

    rows = []
    for name in sorted(manifest):
        entry = manifest[name]
        links = []
        if (output / f"{name}.html").exists():
            links.append(f'<a href="{html.escape(name)}.html">HTML</a>')
        if (output / f"{name}.ipynb").exists():
            links.append(f'<a href="{html.escape(name)}.ipynb">notebook</a>')
        if entry.get("status") == "failed" and (output / "failed" / f"{name}.ipynb").exists():
            links.append(f'<a href="failed/{html.escape(name)}.ipynb">fejlet notebook</a>')
        when = entry.get("last_success") or ""
        try:
            when = format_date(datetime.strptime(when[:10], "%Y-%m-%d").date()) + when[10:] if when else "–"
        except ValueError:
            pass
        note = ""
        if entry.get("status") != "done":
            previous = (" Den viste HTML er fra sidste vellykkede kørsel." if (output / f"{name}.html").exists()
                        else "")
            note = f"{entry.get('detail', '')}{previous}"
        rows.append([html.escape(entry.get("title") or name),
                     html.escape(_STATUS.get(entry.get("status", ""), entry.get("status", ""))),
                     html.escape(when), " · ".join(links) or "–", html.escape(note)])
    return html_table(["Rapport", "Status", "Kørt", "Filer", "Note"], rows, "Rapporter", cells_are_html=True)


def write_index(output: Path, manifest: dict) -> None:
    """Write ``index.html`` in ``output`` from the manifest of report outcomes.

    Parameters
    ----------
    output : Path
        The reports folder.
    manifest : dict
        Report name to its outcome (``title``, ``status``, ``detail``, ``last_success``;
        optionally ``parameters``).
    """
    from stemlib.report.formatting import format_date

    links, comparison = area_pages(output, manifest)
    compare_link = (f'<p><a href="{html.escape(comparison, quote=True)}">Alle regioner side om side</a>: hvert mål '
                    "med tal for mindst to områder.</p>") if comparison else ""
    now = datetime.now(timezone.utc)
    generated = f"{format_date(now.date())} kl. {now:%H.%M} UTC"
    page = f"""<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>STEM-barometer</title><link rel="icon" href="data:,">
<style>
 body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #111;
   background: #fff; line-height: 1.4; }}
 h1 {{ font-size: 1.6rem; margin: 0 0 0.5rem; }}
 a {{ color: #0b57a4; }}
 details {{ margin: 0.75rem 0; }} summary {{ cursor: pointer; font-weight: 600; }}
 .stemlib-meta {{ font-size: 0.85rem; color: #333; }}
 ul.stemlib-sources li {{ margin: 0.2rem 0; overflow-wrap: anywhere; }}
 {TABLE_CSS}
</style></head><body>
<h1>STEM-barometer</h1>
<p>Hovedtal for STEM i uddannelse og på arbejdsmarkedet i de fem regioner og hele landet, med links til hver
regions rapport.</p>
{_matrix_html(links)}
{compare_link}
<h2>Rapporter</h2>
<p class="stemlib-meta">Opdateret {html.escape(generated)}. Hver rapport virker uden netforbindelse.</p>
{_reports_table(output, manifest)}
<details><summary>Kilder</summary>
{_sources_html()}
</details>
<details><summary>Dækning: områder uden tal</summary>
{_coverage_html()}
</details>
</body></html>
"""
    atomic_write_text(output / "index.html", page)
