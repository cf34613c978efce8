"""Turn an executed notebook into one self-contained HTML file that works offline.

Councillors open the reports on laptops and phones behind firewalls that block
script CDNs, so nothing may be loaded from the network:

* the template (``templates/stemlib_offline``) drops nbconvert's require.js,
  MathJax, mermaid and widget-manager scripts;
* :class:`VegaLiteToHtml` replaces each chart's Vega-Lite output with a
  ``<div>`` and a short script calling ``vegaEmbed``; a chart's fixed width
  becomes the page's width (``"container"``) here and nowhere else;
* the Vega, Vega-Lite and vega-embed bundle (from vl-convert) is inlined once
  in the page head, not once per chart, and only in pages that have charts; it is
  built once per vl-convert version and kept in the user's cache folder, because
  building it takes about 2 s;
* the page's ``lang`` attribute is the report's language;
* code cells, prompts and the cells tagged ``nbval-key-numbers`` are left out;
* :func:`check_offline` refuses any page that still references an outside script,
  style sheet or font.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

from .atomic import atomic_write_text
from .html_tables import TABLE_CSS
from .paths import cache_dir

TEMPLATE_DIR = Path(__file__).with_name("templates")
VEGALITE_MIME = re.compile(r"^application/vnd\.vegalite\.v\d+\+json$")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REMOVED_TAGS = {"nbval-key-numbers", "remove-from-report"}
_EXTERNAL = re.compile(r"""(?:<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?//|<link[^>]*\bhref\s*=\s*["']?(?:https?:)?//|"""
                       r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|"""
                       r"""\bimport\(\s*["'](?:https?:)?//)""", re.IGNORECASE)
_FOCUSABLE_DIV = re.compile(
    r"""(<div\b[^>]*\bclass="[^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*"[^>]*?)(\s*/?)>""")
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)([^>]*?)(\s*/?)>", re.IGNORECASE)
VEGALITE_SCHEMA = re.compile(r"/vega-lite/v(\d+)\.(\d+)")
BUNDLE_MARK = "/* stemlib: the Vega bundle goes here */"
#: The Vega-Lite version Altair 5.5 writes; used when a spec does not say.
DEFAULT_VEGALITE = "5.20"


@cache
def vega_bundle(vl_version: str = DEFAULT_VEGALITE) -> str:
    """Return the JavaScript bundle of Vega, Vega-Lite ``vl_version`` and vega-embed (sets ``window.vegaEmbed``).

    Built by vl-convert on first use and kept in :func:`stemlib.paths.cache_dir`, keyed by the
    vl-convert and Vega-Lite versions, so later batches read it instead of building it again.
    """
    import vl_convert

    cached = cache_dir() / f"vega-bundle-vl{vl_version}-vlconvert{vl_convert.__version__}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    # The bundle is placed inside a <script> element: make sure no "</script" ends it early.
    bundle = vl_convert.javascript_bundle(vl_version=vl_version).replace("</script", "<\\/script")
    check_offline(bundle, "the Vega bundle")
    try:
        atomic_write_text(cached, bundle)
    except OSError:
        pass  # a read-only home folder only costs the next batch two seconds
    return bundle


def _vega_lite_version(notebook: nbformat.NotebookNode) -> str | None:
    """Return the Vega-Lite version ("5.20") of the notebook's first chart, or None if it has no chart."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for mime, spec in output.get("data", {}).items():
                if VEGALITE_MIME.match(mime):
                    found = VEGALITE_SCHEMA.search(str(spec.get("$schema", "")))
                    return f"{found[1]}.{found[2]}" if found else DEFAULT_VEGALITE
    return None


def chart_html(spec: dict, element_id: str) -> str:
    """Return the ``<div>`` and script that draw one chart with the page's inlined vegaEmbed."""
    description = spec.get("description") or ""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):  # a title broken into lines
        title = " ".join(title)
    text = f"{title}. {description}".strip(". ") if title else description
    # Vega replaces the container's label with the spec's description once it draws, so the
    # finding in the title goes into the description too: screen readers hear both.
    spec = {**spec, "description": text}
    # The one place charts become responsive: on the page a chart takes the width of its column, so on a
    # phone its text keeps its size. Only here: in JupyterLab "container" resizes in a loop and crashes the tab.
    if isinstance(spec.get("width"), (int, float)):
        spec["width"] = "container"
    label = html.escape(text, quote=True)
    payload = json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")
    options = json.dumps({"actions": False, "renderer": "svg"})
    return (f'<div class="stemlib-chart" id="{element_id}" role="img" aria-label="{label}"></div>\n'
            f'<script type="text/javascript">\n(function () {{\n  var spec = {payload};\n'
            f'  var element = document.getElementById("{element_id}");\n'
            f'  if (!window.vegaEmbed) {{ element.textContent = "The chart library is missing from this page."; return; }}\n'
            f'  window.vegaEmbed(element, spec, {options}).catch(function (error) {{\n'
            f'    element.textContent = "The chart could not be drawn: " + error; }});\n}})();\n</script>')


class VegaLiteToHtml(Preprocessor):
    """Replace Vega-Lite chart outputs with inline HTML, and drop live widget views."""

    def preprocess(self, nb, resources):
        """Number the charts across the notebook so every element id is unique."""
        self._count = 0
        nb.metadata.pop("widgets", None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        """Rewrite one cell's outputs."""
        if cell.cell_type != "code":
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                continue  # a live widget needs a kernel; the static comparison stands in for it
            mimes = [key for key in data if VEGALITE_MIME.match(key)]
            if mimes:
                self._count += 1
                output["data"] = {"text/html": chart_html(data[mimes[0]], f"stemlib-chart-{self._count}")}
            kept.append(output)
        cell["outputs"] = kept
        return cell, resources


class ExternalResourceError(RuntimeError):
    """The HTML would load something from the network."""


def check_offline(page: str, where: str = "report") -> None:
    """Raise :class:`ExternalResourceError` if ``page`` loads a script, style sheet or font from the network."""
    match = _EXTERNAL.search(page)
    if match:
        start = max(match.start() - 60, 0)
        msg = f"{where}: the HTML would load a resource from the network: ...{page[start:match.end() + 60]}..."
        raise ExternalResourceError(msg)


class OfflineHTMLExporter(HTMLExporter):
    """nbconvert's HTML exporter, minus its slow last step.

    ``HTMLExporter.from_notebook_node`` renders the page, then parses and rewrites all of
    it with BeautifulSoup only to give images a default alternative text and to make
    cell areas focusable (``tabindex="0"``), so keyboard users can scroll them. That
    pass took 60 % of the export time. This class makes the same two changes with two
    substitutions on the rendered page, whose markup nbconvert's own templates wrote;
    ``tests/test_html_export.py`` checks that the result parses to the same document.
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        """Render ``nb``; return the page and the resources (as ``HTMLExporter`` does)."""
        # The same set-up as HTMLExporter.from_notebook_node (nbconvert 7.17).
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                 resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        page = _IMG_WITHOUT_ALT.sub(r'<img\1 alt="No description has been provided for this image"\2>', page)
        return _FOCUSABLE_DIV.sub(r'\1 tabindex="0"\2>', page), resources


@cache
def _exporter(language: str) -> HTMLExporter:
    # One exporter per language and process: building it compiles the templates (about 0.25 s).
    exporter = OfflineHTMLExporter(template_name="stemlib_offline", extra_template_basedirs=[str(TEMPLATE_DIR)],
                                   exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                   language_code=language)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=REMOVED_TAGS, enabled=True), enabled=True)
    exporter.register_preprocessor(VegaLiteToHtml(), enabled=True)
    return exporter


def notebook_to_html(notebook: nbformat.NotebookNode, title: str, language: str = "da") -> str:
    """Return the self-contained HTML page of an executed notebook.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The executed notebook (not changed).
    title : str
        The page title.
    language : {"da", "en"}
        The report's language, for the page's ``lang`` attribute (screen readers use it).
    """
    version = _vega_lite_version(notebook)
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))  # work on a copy
    notebook.metadata["title"] = title
    resources = {"metadata": {"name": title}, "stemlib_vega_bundle": BUNDLE_MARK, "stemlib_table_css": TABLE_CSS}
    body, _ = _exporter(language).from_notebook_node(notebook, resources=resources)
    check_offline(body)
    if body.count(BUNDLE_MARK) != 1:
        raise RuntimeError("the page template must hold the Vega bundle's place exactly once")
    # The bundle goes in last: nbconvert parses and rewrites the whole page, and 880 KB of
    # script would triple the time that takes.
    return body.replace(BUNDLE_MARK, vega_bundle(version) if version else "", 1)
