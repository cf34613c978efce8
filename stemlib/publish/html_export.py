"""Turn an executed notebook into one self-contained HTML file that works offline.

Councillors open the reports on laptops and phones behind firewalls that block
script CDNs, so nothing may be loaded from the network:

* the template (``templates/stemlib_offline``) drops nbconvert's require.js,
  MathJax, mermaid and widget-manager scripts;
* :class:`VegaLiteToHtml` replaces each chart's Vega-Lite output with an empty
  ``<div>`` of the chart's height and compiles the chart to Vega; a chart's fixed
  width becomes the page's width (``"container"``) here and nowhere else;
* the charts, the page's data files and the Vega runtime travel packed right after
  the page's first chart, with the script that draws the charts after the first
  screen is painted (:mod:`stemlib.publish.page_payload`, ``templates/stemlib_offline/page.js``);
  a notebook keeps its Vega-Lite outputs and its ``data:`` links: only the page changes;
* the page's ``lang`` attribute is the report's language;
* code cells, prompts and the cells tagged ``nbval-key-numbers`` are left out;
* JupyterLab's style sheet, which nbconvert inlines whole, is cut to the rules the page
  can use (:mod:`stemlib.publish.css_prune`);
* :func:`check_offline` refuses any page that still references an outside script,
  style sheet or font, and a chart that would load its data from an address;
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

from stemlib.report.html_tables import TABLE_CSS

from .css_prune import prune_page_css
from .page_payload import (DEFAULT_VEGALITE, ExternalResourceError, chart_height, check_offline,  # noqa: F401
                           compile_chart, pack, packed_runtime)

TEMPLATE_DIR = Path(__file__).with_name("templates")
VEGALITE_MIME = re.compile(r"^application/vnd\.vegalite\.v\d+\+json$")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REMOVED_TAGS = {"nbval-key-numbers", "remove-from-report"}
_FOCUSABLE_DIV = re.compile(
    r"""(<div\b[^>]*\bclass="[^"]*\b(?:jp-OutputArea-output|jp-Cell-inputWrapper)\b[^"]*"[^>]*?)(\s*/?)>""")
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)([^>]*?)(\s*/?)>", re.IGNORECASE)
VEGALITE_SCHEMA = re.compile(r"/vega-lite/v(\d+)\.(\d+)")
BUNDLE_MARK = "<!-- stemlib: the page's charts, data files and script go here -->"
_FIRST_CHART = re.compile(r'<div class="stemlib-chart" [^>]*\bdata-stemlib-chart="0"[^>]*></div>')


def vega_bundle(vl_version: str = DEFAULT_VEGALITE) -> str:
    """Return the page's Vega runtime packed as the page carries it (built once; the batch warms it up).

    The charts are compiled to Vega at export time (:func:`stemlib.publish.page_payload.compile_chart`).
    """
    return packed_runtime(vl_version)


def _spec_version(spec: dict) -> str:
    found = VEGALITE_SCHEMA.search(str(spec.get("$schema", "")))
    return f"{found[1]}.{found[2]}" if found else DEFAULT_VEGALITE


def chart_label(spec: dict) -> str:
    """The chart's text for screen readers: its title (the finding) and its description."""
    description = spec.get("description") or ""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):  # a title broken into lines
        title = " ".join(title)
    return f"{title}. {description}".strip(". ") if title else description


def page_spec(spec: dict) -> dict:
    """The Vega-Lite spec as the page draws it: the label as its description, the width of the page.

    Vega replaces the container's label with the spec's description once it draws, so the finding in the
    title goes into the description too: screen readers hear both. The one place charts become responsive:
    on the page a chart takes the width of its column, so on a phone its text keeps its size. Only here: in
    JupyterLab "container" resizes in a loop and crashes the tab.
    """
    spec = {**spec, "description": chart_label(spec)}
    if isinstance(spec.get("width"), (int, float)):
        spec["width"] = "container"
    return spec


def chart_html(spec: dict, element_id: str, index: int = 0, height: int | None = None) -> str:
    """Return the ``<div>`` that the page's script draws chart number ``index`` into.

    ``height`` (pixels) is reserved, so that the chart arrives without moving the text below it.
    """
    label = html.escape(chart_label(spec), quote=True)
    style = f' style="min-height: {int(height)}px"' if height else ""
    return (f'<div class="stemlib-chart" id="{element_id}" role="img" aria-label="{label}" '
            f'data-stemlib-chart="{index}"{style}></div>')


class VegaLiteToHtml(Preprocessor):
    """Replace Vega-Lite chart outputs with inline HTML, and drop live widget views."""

    def preprocess(self, nb, resources):
        """Number the charts across the notebook; compile each to Vega into ``resources["stemlib_charts"]``."""
        self._charts = []
        nb.metadata.pop("widgets", None)
        nb, resources = super().preprocess(nb, resources)
        resources["stemlib_charts"] = self._charts
        return nb, resources

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
                spec = data[mimes[0]]
                number = len(self._charts) + 1
                compiled = compile_chart(page_spec(spec), _spec_version(spec), f"chart {number} (cell {index})")
                locale = (spec.get("usermeta") or {}).get("embedOptions", {}).get("formatLocale")
                self._charts.append({"spec": compiled, "locale": locale, "vl_version": _spec_version(spec)})
                output["data"] = {"text/html": chart_html(spec, f"stemlib-chart-{number}", number - 1,
                                                          chart_height(compiled))}
            kept.append(output)
        cell["outputs"] = kept
        return cell, resources


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
        resources.update(metadata=metadata, stemlib_language=language, stemlib_page_script=BUNDLE_MARK,
                         stemlib_table_css=TABLE_CSS, stemlib_print_css=print_page_css(
                             _print_line(nb, title, language), language))
        page, resources = super().from_notebook_node(nb, resources, **kw)
        check_offline(page)
        if page.count(BUNDLE_MARK) != 1:
            raise RuntimeError("the page template must hold the place of the page's script exactly once")
        page = prune_page_css(page)
        # The blocks go in last: nbconvert's filters and our two substitutions then never read them.
        charts = resources.pop("stemlib_charts", [])
        page, blocks = pack(page, [{"spec": c["spec"], "locale": c["locale"]} for c in charts],
                            charts[0]["vl_version"] if charts else DEFAULT_VEGALITE)
        first_chart = _FIRST_CHART.search(page)
        if first_chart is None:
            return page.replace(BUNDLE_MARK, blocks, 1), resources
        # Right after the first chart: the text above it is read and painted first, and the runtime unpacks and
        # starts while the browser reads the rest of the page (the tables of a long page take seconds on a phone).
        page = page.replace(BUNDLE_MARK, "", 1)
        return page[:first_chart.end()] + "\n" + blocks + page[first_chart.end():], resources


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
