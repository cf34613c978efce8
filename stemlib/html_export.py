"""Turn an executed notebook into one self-contained HTML file that works offline.

Councillors open the reports on laptops and phones behind firewalls that block
script CDNs, so nothing may be loaded from the network:

* the template (``templates/stemlib_offline``) drops nbconvert's require.js,
  MathJax, mermaid and widget-manager scripts;
* :class:`VegaLiteToHtml` replaces each chart's Vega-Lite output with a
  ``<div>`` and a short script calling ``vegaEmbed``;
* the Vega, Vega-Lite and vega-embed bundle (from vl-convert) is inlined once
  in the page head, not once per chart;
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
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor

TEMPLATE_DIR = Path(__file__).with_name("templates")
VEGALITE_MIME = re.compile(r"^application/vnd\.vegalite\.v\d+\+json$")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REMOVED_TAGS = {"nbval-key-numbers", "remove-from-report"}
_EXTERNAL = re.compile(r"""(?:<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?//|<link[^>]*\bhref\s*=\s*["']?(?:https?:)?//|"""
                       r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|"""
                       r"""\bimport\(\s*["'](?:https?:)?//)""", re.IGNORECASE)


@cache
def vega_bundle(vl_version: str | None = None) -> str:
    """Return the JavaScript bundle of Vega, Vega-Lite and vega-embed (sets ``window.vegaEmbed``)."""
    import altair as alt
    import vl_convert

    version = vl_version or ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    # The bundle is placed inside a <script> element: make sure no "</script" ends it early.
    return vl_convert.javascript_bundle(vl_version=version).replace("</script", "<\\/script")


def chart_html(spec: dict, element_id: str) -> str:
    """Return the ``<div>`` and script that draw one chart with the page's inlined vegaEmbed."""
    description = spec.get("description") or ""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    label = html.escape(f"{title}. {description}".strip(". ") if title else description, quote=True)
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


def notebook_to_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """Return the self-contained HTML page of an executed notebook."""
    exporter = HTMLExporter(template_name="stemlib_offline", extra_template_basedirs=[str(TEMPLATE_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=REMOVED_TAGS, enabled=True), enabled=True)
    exporter.register_preprocessor(VegaLiteToHtml(), enabled=True)
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))  # work on a copy
    notebook.metadata["title"] = title
    body, _ = exporter.from_notebook_node(notebook, resources={"stemlib_vega_bundle": vega_bundle(),
                                                               "metadata": {"name": title}})
    check_offline(body)
    return body
