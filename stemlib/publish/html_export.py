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
  style sheet or font;
* the page prints on A4 with the report's source line, run date and page number on
  every page (the ``@page`` rule from :func:`print_page_css`; the rest of the print
  style is in the template).

All of this is one nbconvert exporter, :class:`OfflineReportExporter`, registered as the
format ``offline_html`` (``jupyter nbconvert --to offline_html``, JupyterLab's export menu);
the batch calls it through :func:`notebook_to_html`.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbconvert.utils.iso639_1 import iso639_1
from traitlets import Unicode, default

from stemlib.atomic import atomic_write_text
from stemlib.paths import cache_dir
from stemlib.report.html_tables import TABLE_CSS

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
    ``tests/publish/test_html_export.py`` checks that the result parses to the same document.
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


#: The name of the format: ``jupyter nbconvert --to offline_html``, and JupyterLab's export menu.
FORMAT_NAME = "offline_html"
_PRINT_LINE = re.compile(r"""<p\b[^>]*\bclass=["']stemlib-print-line["'][^>]*>(.*?)</p>""", re.DOTALL)
_FIRST_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def _html_outputs(nb):
    """Yield the HTML of every output and the source of every markdown cell, in page order."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            yield cell.source
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html")
            if text:
                yield "".join(text) if isinstance(text, list) else text


def _parameter_value(nb, name: str):
    """Return the literal value the notebook's parameters give ``name`` (papermill's injected cell wins), or None."""
    import ast

    found = None
    for tag in ("parameters", "injected-parameters"):
        for cell in nb.cells:
            if cell.cell_type != "code" or tag not in cell.get("metadata", {}).get("tags", []):
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                    if isinstance(node, ast.AnnAssign) and node.value is not None else []
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    try:
                        found = ast.literal_eval(node.value)
                    except ValueError:
                        pass
    return found


def report_language(nb) -> str:
    """Return the language of an executed notebook's report: its ``language`` parameter, else Danish.

    Looks at the parameters papermill recorded, then at the cells tagged ``injected-parameters`` and
    ``parameters`` (so a notebook run in JupyterLab counts too).

    Raises
    ------
    ValueError
        The parameter is not a two-letter language code.
    """
    language = nb.metadata.get("papermill", {}).get("parameters", {}).get("language")
    if language is None:
        language = _parameter_value(nb, "language")
    if language is None:
        return "da"
    if not isinstance(language, str) or language not in iso639_1:
        raise ValueError(f"the notebook's parameter language={language!r} is not a language code; "
                         "use 'da' (Danish, the default) or 'en' (English)")
    return language


def report_title(nb) -> str:
    """Return the text of the first level-1 heading the notebook shows, or an empty string."""
    for text in _html_outputs(nb):
        found = _FIRST_HEADING.search(text)
        if found:
            return html.unescape(_TAG.sub("", found[1])).strip()
        for line in text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return ""


def _print_line(nb, title: str, language: str) -> str:
    """The line printed on every page: the report's own (its sources and run date), else the title and today."""
    lines = [found for text in _html_outputs(nb) for found in _PRINT_LINE.findall(text)]
    if lines:
        return html.unescape(_TAG.sub("", lines[-1])).strip()
    made = nb.metadata.get("papermill", {}).get("end_time") or date.today().isoformat()
    return f"{title} · {'Dannet' if language == 'da' else 'Generated'} {made[:10]}"


def _css_string(text: str) -> str:
    """Quote ``text`` as a CSS string; anything but letters, digits and plain punctuation is escaped."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;-–·()'/+%" else f"\\{ord(c):x} " for c in text) + '"'


_MARGIN_TEXT = "font-family: system-ui, sans-serif; font-size: 7.5pt; color: #333333;"
#: The printed page: A4 portrait, margins in millimetres (top, right, bottom, left); the bottom one holds the
#: source line and the page number.
PAPER_MM = (210, 297)
PAGE_MARGINS_MM = (14, 14, 18, 14)


def print_page_css(line: str, language: str) -> str:
    """Return the ``@page`` rule that prints ``line`` and the page number at the foot of every A4 page."""
    page = '"Side " counter(page) " af " counter(pages)' if language == "da" else \
        '"Page " counter(page) " of " counter(pages)'
    margins = " ".join(f"{m}mm" for m in PAGE_MARGINS_MM)
    return (f"@page {{ size: A4 portrait; margin: {margins};\n"
            f"  @bottom-left {{ content: {_css_string(line)}; width: 80%; {_MARGIN_TEXT} }}\n"
            f"  @bottom-right {{ content: {page}; width: 20%; text-align: right; {_MARGIN_TEXT} }} }}")


class OfflineReportExporter(OfflineHTMLExporter):
    """The offline report page as an nbconvert format (``jupyter nbconvert --to offline_html``).

    Registered under the ``nbconvert.exporters`` entry point, so nbconvert and JupyterLab's
    "Save and Export Notebook As" offer it for any notebook; the batch uses it too (one code
    path). The page is self-contained (the Vega bundle inlined, nothing from the network, checked
    by :func:`check_offline`), in the language of the notebook's ``language`` parameter (Danish
    when it has none), without code, prompts or nbval's key-number cells, and prints on A4 with
    the report's source line, run date and page number on every page.
    """

    export_from_notebook = "Offline HTML (STEM barometer)"

    language = Unicode(None, allow_none=True,
                       help="The page's language (da, en); by default the notebook's language parameter, else da."
                       ).tag(config=True)

    @default("template_name")
    def _template_name_default(self):
        return "stemlib_offline"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATE_DIR)]

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    def __init__(self, **kw):
        """Build the exporter and add the report's preprocessors (tagged cells out, charts inline)."""
        super().__init__(**kw)
        if str(TEMPLATE_DIR) not in self.extra_template_basedirs:  # a configured list must still find our template
            self.extra_template_basedirs = [*self.extra_template_basedirs, str(TEMPLATE_DIR)]
        self.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=REMOVED_TAGS, enabled=True), enabled=True)
        self.register_preprocessor(VegaLiteToHtml(), enabled=True)

    def _init_resources(self, resources):
        language = resources.get("stemlib_language") if resources else None
        resources = super()._init_resources(resources)
        if language:
            resources["language_code"] = language  # per page, not per exporter: the batch shares one exporter
        return resources

    def from_notebook_node(self, nb, resources=None, **kw):
        """Return the offline page of ``nb`` (not changed) and the resources.

        ``resources`` may hold ``stemlib_language`` and ``stemlib_title`` (the batch passes them);
        otherwise they come from the notebook.
        """
        resources = dict(resources or {})
        language = resources.get("stemlib_language") or self.language or report_language(nb)
        metadata = dict(resources.get("metadata") or {})
        title = resources.get("stemlib_title") or nb.metadata.get("title") or report_title(nb) \
            or metadata.get("name") or "STEM-barometer"
        metadata["name"] = title  # the template's <title> when the notebook's metadata has none
        resources.update(metadata=metadata, stemlib_language=language, stemlib_vega_bundle=BUNDLE_MARK,
                         stemlib_table_css=TABLE_CSS, stemlib_print_css=print_page_css(
                             _print_line(nb, title, language), language))
        version = _vega_lite_version(nb)
        page, resources = super().from_notebook_node(nb, resources, **kw)
        check_offline(page)
        if page.count(BUNDLE_MARK) != 1:
            raise RuntimeError("the page template must hold the Vega bundle's place exactly once")
        # The bundle goes in last: nbconvert parses and rewrites the whole page, and 880 KB of
        # script would triple the time that takes.
        return page.replace(BUNDLE_MARK, vega_bundle(version) if version else "", 1), resources


@cache
def _exporter() -> OfflineReportExporter:
    # One exporter per process: building it compiles the templates (about 0.25 s).
    return OfflineReportExporter()


def notebook_to_html(notebook: nbformat.NotebookNode, title: str, language: str = "da") -> str:
    """Return the self-contained HTML page of an executed notebook (the batch's use of the exporter).

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The executed notebook (not changed).
    title : str
        The page title.
    language : {"da", "en"}
        The report's language, for the page's ``lang`` attribute (screen readers use it).
    """
    page, _ = _exporter().from_notebook_node(
        notebook, resources={"metadata": {"name": title}, "stemlib_title": title, "stemlib_language": language})
    return page
