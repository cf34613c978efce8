"""What a report page carries besides its HTML: the Vega runtime, its charts and its data files, packed small.

Measured on the Nordjylland page (docs/benchmarks.md): the page used to inline Vega, Vega-Lite and
vega-embed (880 KB of script, parsed before anything showed), each chart's Vega-Lite spec in its own
script, and each data file as a ``data:`` address that repeated the same rows. Now:

* every chart is compiled from Vega-Lite to Vega here, at export time, by vl-convert (the same compiler
  the browser ran), so the phone no longer compiles it (:func:`vega_runtime` explains why the bundle still
  holds Vega-Lite);
* a dataset that several charts draw is stored once;
* the CSV files' lines are stored once: a file is a list of line numbers; the page builds it as a
  ``Blob`` when its link is used, byte for byte the file the ``data:`` address held;
* the runtime and the page's data travel as two blocks compressed with deflate and written in base64,
  which the page unpacks with the browser's ``DecompressionStream`` (the runtime: 895 KB of script to
  305 KB, 406 KB in base64; the data six to seventeen times);
* each chart's box reserves the height its chart will have (measured here with vl-convert), so the
  charts arrive without moving the text.

:func:`pack` returns the blocks and :func:`page_script` the script that unpacks them
(``templates/stemlib_offline/page.js``).
"""

from __future__ import annotations

import base64
import html
import json
import re
import zlib
from functools import cache
from pathlib import Path

from stemlib.atomic import atomic_write_text
from stemlib.paths import cache_dir
from stemlib.report.data_download import csv_from_data_uri

PAGE_SCRIPT = Path(__file__).with_name("templates") / "stemlib_offline" / "page.js"
#: A data link as the notebook's HTML writes it (stemlib.report.data_download.download_link_html).
_CSV_HREF = re.compile(r'href="(data:text/csv;charset=utf-8,[^"]*)"')
#: What a packed page holds in place of a data: address: the link gets its file when it is used.
CSV_HREF = "#stemlib-csv"


class ExternalResourceError(RuntimeError):
    """The HTML would load something from the network."""


def deflate_base64(text: str) -> str:
    """Compress ``text`` (raw deflate, what ``DecompressionStream('deflate-raw')`` unpacks) and write it in base64."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii")


def inflate_base64(block: str) -> str:
    """The inverse of :func:`deflate_base64` (tests and the benchmark read a page's blocks with it)."""
    return zlib.decompress(base64.b64decode(block), -15).decode("utf-8")


#: The Vega-Lite version Altair 5.5 writes; the runtime's when the page's charts do not say.
DEFAULT_VEGALITE = "5.20"


@cache
def vega_runtime(vl_version: str = DEFAULT_VEGALITE) -> str:
    """Return Vega and vega-embed as one script (sets ``window.vegaEmbed``), built by vl-convert on first use.

    vl-convert can bundle only the whole set: Vega, Vega-Lite ``vl_version`` and vega-embed (a snippet that
    asks for Vega alone gets ``vega`` as null in vl-convert 1.9). The charts arrive compiled, so the page
    never calls Vega-Lite; V8 only pre-parses its functions. Kept in :func:`stemlib.paths.cache_dir`, keyed by
    the vl-convert and Vega-Lite versions, because building it takes about 2 s.
    """
    import vl_convert

    cached = cache_dir() / f"vega-bundle-vl{vl_version}-vlconvert{vl_convert.__version__}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    runtime = vl_convert.javascript_bundle(vl_version=vl_version)
    check_offline(runtime, "the Vega bundle")
    try:
        atomic_write_text(cached, runtime)
    except OSError:
        pass  # a read-only home folder only costs the next batch two seconds
    return runtime


@cache
def packed_runtime(vl_version: str = DEFAULT_VEGALITE) -> str:
    """The runtime as the page carries it (:func:`deflate_base64`); packed once per process."""
    return deflate_base64(vega_runtime(vl_version))


@cache
def page_script() -> str:
    """The script that unpacks the blocks, draws the charts and builds the data files."""
    return PAGE_SCRIPT.read_text(encoding="utf-8")


_EXTERNAL = re.compile(r"""(?:<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?//|<link[^>]*\bhref\s*=\s*["']?(?:https?:)?//|"""
                       r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|"""
                       r"""\bimport\(\s*["'](?:https?:)?//)""", re.IGNORECASE)


def check_offline(page: str, where: str = "report") -> None:
    """Raise :class:`ExternalResourceError` if ``page`` loads a script, style sheet or font from the network."""
    match = _EXTERNAL.search(page)
    if match:
        start = max(match.start() - 60, 0)
        msg = f"{where}: the HTML would load a resource from the network: ...{page[start:match.end() + 60]}..."
        raise ExternalResourceError(msg)


def _check_spec_offline(spec, where: str) -> None:
    """Refuse a chart that would load its data or an image from an address (a Vega ``url``)."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "url":
                raise ExternalResourceError(f"{where} loads {value!r}; a page's charts must carry their data")
            _check_spec_offline(value, where)
    elif isinstance(spec, list):
        for value in spec:
            _check_spec_offline(value, where)


def compile_chart(spec: dict, vl_version: str, where: str = "a chart") -> dict:
    """Return the Vega spec of a Vega-Lite ``spec`` (vl-convert), checked to load nothing from the network."""
    import vl_convert

    compiled = vl_convert.vegalite_to_vega(spec, vl_version=vl_version)
    compiled.pop("$schema", None)  # says Vega 5; the runtime (Vega 6) would warn in the console for each chart
    _check_spec_offline(compiled, where)
    return compiled


def chart_height(compiled: dict) -> int:
    """The height in pixels the chart's SVG will have (titles, axes and legend included), drawn by vl-convert.

    The width does not change it: rows, titles and legends have fixed sizes; only the width follows the page.
    """
    import vl_convert

    return int(vl_convert.vega_to_scenegraph(compiled)["height"])


def _share_datasets(charts: list[dict]) -> list:
    """Move the charts' inline datasets into one list, each distinct dataset once; the specs keep its index."""
    shared: list = []
    index: dict[str, int] = {}
    for chart in charts:
        for data in chart["spec"].get("data", []):
            if "values" in data:
                key = json.dumps(data["values"], sort_keys=True, ensure_ascii=False)
                if key not in index:
                    index[key] = len(shared)
                    shared.append(data["values"])
                data["stemlib_values"] = index[key]
                del data["values"]
    return shared


def _csv_files(page: str) -> tuple[str, dict]:
    """Replace each data link's ``data:`` address; return the page and the files as shared lines."""
    numbers: dict[str, int] = {}
    files: list[list[int]] = []

    def replace(match: re.Match) -> str:
        text = csv_from_data_uri(html.unescape(match[1]))
        # Split and joined again on CRLF, whatever the fields hold: the file the page builds is this text.
        parts = text.split("\r\n")
        files.append([numbers.setdefault(part, len(numbers)) for part in parts])
        return f'href="{CSV_HREF}" data-stemlib-csv="{len(files) - 1}"'

    page = _CSV_HREF.sub(replace, page)
    return page, {"lines": list(numbers), "files": files}


def pack(page: str, charts: list[dict], vl_version: str = DEFAULT_VEGALITE) -> tuple[str, str]:
    """Take the data links out of ``page``; return it and the script blocks to put at its end.

    Parameters
    ----------
    page : str
        The rendered page, its charts already ``<div>`` elements that name their index in ``charts``.
    charts : list of dict
        ``{"spec": <Vega spec>, "locale": <number locale or None>}`` per chart, in page order.
    vl_version : str
        The Vega-Lite version of the runtime's bundle (the charts' own).
    """
    page, csv = _csv_files(page)
    if not charts and not csv["files"]:
        return page, ""
    charts = [{**chart, "spec": json.loads(json.dumps(chart["spec"]))} for chart in charts]  # not the caller's
    datasets = _share_datasets(charts)
    data = json.dumps({"charts": charts, "datasets": datasets, "csv": csv}, ensure_ascii=False,
                      separators=(",", ":"))
    blocks = [f'<script type="application/octet-stream" id="stemlib-page-data">{deflate_base64(data)}</script>']
    if charts:
        blocks.append(f'<script type="application/octet-stream" id="stemlib-vega-runtime">{packed_runtime(vl_version)}</script>')
    blocks.append(f'<script type="text/javascript">\n{page_script()}</script>')
    return page, "\n".join(blocks)


def read_blocks(page: str) -> dict:
    """Return a packed page's data (charts, datasets, csv) and runtime, unpacked (tests and the benchmark)."""
    found = dict(re.findall(r'<script type="application/octet-stream" id="([\w-]+)">([^<]*)</script>', page))
    out = {}
    if "stemlib-page-data" in found:
        out["data"] = json.loads(inflate_base64(found["stemlib-page-data"]))
    if "stemlib-vega-runtime" in found:
        out["runtime"] = inflate_base64(found["stemlib-vega-runtime"])
    return out
