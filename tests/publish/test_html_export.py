import nbformat
import pytest

from stemlib.publish.html_export import (ExternalResourceError, VegaLiteToHtml, chart_html, check_offline,
                                         notebook_to_html, page_spec)
from stemlib.publish.page_payload import read_blocks

#: What every page with charts has once, at its end: the packed Vega runtime.
RUNTIME = 'id="stemlib-vega-runtime"'

SPEC = {"$schema": "https://vega.github.io/schema/vega-lite/v5.20.1.json", "title": "A </script> title",
        "description": "desc", "data": {"values": [{"a": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a"}}}


def _notebook(charts: int = 2):
    nb = nbformat.v4.new_notebook()
    for i in range(charts):
        cell = nbformat.v4.new_code_cell(f"chart{i}")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.vegalite.v5+json": SPEC,
                                                                     "text/plain": "alt.Chart(...)"})]
        nb.cells.append(cell)
    checked = nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(1)", metadata={"tags": ["nbval-key-numbers"]})
    checked.outputs = [nbformat.v4.new_output("stream", name="stdout", text="KEY-NUMBERS-LINE\n")]
    nb.cells.append(checked)
    widget = nbformat.v4.new_code_cell("explorer")
    widget.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "VBox()"})]
    nb.cells.append(widget)
    nb.metadata["widgets"] = {"state": {}}
    return nb


def test_chart_html_escapes_the_label_and_reserves_the_height():
    snippet = chart_html(SPEC, "c1", 3, 228)
    assert 'role="img"' in snippet and 'aria-label="A &lt;/script&gt; title. desc"' in snippet
    assert 'data-stemlib-chart="3"' in snippet and 'style="min-height: 228px"' in snippet
    assert "<script" not in snippet  # the page's one script draws it


def test_a_title_in_lines_is_read_as_one_sentence_with_the_description():
    spec = {**SPEC, "title": {"text": ["Nordjylland er nr. 5", "af 5 regioner"]}}
    assert 'aria-label="Nordjylland er nr. 5 af 5 regioner. desc"' in chart_html(spec, "c2")
    assert page_spec(spec)["description"] == "Nordjylland er nr. 5 af 5 regioner. desc"  # what Vega puts on the chart


def test_a_chart_takes_the_width_of_the_page_only_in_the_html():
    spec = {**SPEC, "width": 560}
    assert page_spec(spec)["width"] == "container"
    assert spec["width"] == 560  # the notebook's own chart keeps its width in pixels
    assert "width" not in page_spec(SPEC)  # a chart without a width is left as it is


def test_charts_are_compiled_to_vega_with_their_data_and_measured():
    from stemlib.publish.page_payload import chart_height, compile_chart

    compiled = compile_chart(page_spec({**SPEC, "width": 560}), "5.20")
    assert "$schema" not in compiled and compiled["data"][0]["values"] == [{"a": 1}]
    assert any(signal.get("name") == "width" for signal in compiled.get("signals", []))  # follows the container
    assert 20 < chart_height(compiled) < 400


def test_a_chart_that_loads_its_data_from_an_address_is_refused():
    from stemlib.publish.page_payload import compile_chart

    with pytest.raises(ExternalResourceError, match="https://example.org/x.csv"):
        compile_chart({**SPEC, "data": {"url": "https://example.org/x.csv"}}, "5.20")


def test_preprocessor_turns_charts_into_html_and_drops_widgets():
    nb, resources = VegaLiteToHtml().preprocess(_notebook(), {})
    datas = [o["data"] for c in nb.cells for o in c.outputs if o.get("output_type") == "display_data"]
    assert all("text/html" in d and len(d) == 1 for d in datas)
    assert len(datas) == 2 and "widgets" not in nb.metadata
    assert [c["spec"]["data"][0]["values"] for c in resources["stemlib_charts"]] == [[{"a": 1}]] * 2


def test_page_inlines_vega_once_and_nothing_from_the_network():
    page = notebook_to_html(_notebook(3), "Test")
    assert page.count(RUNTIME) == 1
    assert page.count('class="stemlib-chart"') == 3
    blocks = read_blocks(page)
    assert "window.vegaEmbed=" in blocks["runtime"]
    # The three charts draw one dataset, which the page carries once.
    assert len(blocks["data"]["charts"]) == 3 and blocks["data"]["datasets"] == [[{"a": 1}]]
    assert "KEY-NUMBERS-LINE" not in page  # nbval's cells stay out of the report
    assert "cdnjs" not in page and "unpkg" not in page and "require.js" not in page.lower()
    assert "chart0" not in page  # code is hidden


@pytest.mark.parametrize("snippet", ['<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>',
                                     '<link rel="stylesheet" href="//fonts.googleapis.com/css">',
                                     "<style>@import url('https://x.org/a.css');</style>"])
def test_check_offline_refuses_network_resources(snippet):
    with pytest.raises(ExternalResourceError):
        check_offline(f"<html>{snippet}</html>")


def test_check_offline_accepts_links_and_schema_ids():
    check_offline('<a href="https://ida.dk/x">IDA</a><script>var s = {"$schema": "https://vega.github.io/x"};</script>')


def test_our_exporter_gives_the_same_page_as_nbconvert():
    """OfflineHTMLExporter skips nbconvert's BeautifulSoup pass; the document must not change."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from stemlib.publish.html_export import TEMPLATE_DIR, OfflineHTMLExporter

    nb = _notebook(2)
    nb.metadata.pop("widgets")  # our pipeline drops it in a preprocessor; this compares the exporters alone
    nb.cells.insert(0, nbformat.v4.new_markdown_cell('# Heading\n\n<img src="data:image/png;base64,iVBORw0KGgo=">'))
    options = dict(template_name="stemlib_offline", extra_template_basedirs=[str(TEMPLATE_DIR)], exclude_input=True)
    resources = {"metadata": {"name": "t"}, "stemlib_page_script": "<!-- script -->", "stemlib_table_css": ""}
    theirs, _ = HTMLExporter(**options).from_notebook_node(nb, resources=dict(resources))
    ours, _ = OfflineHTMLExporter(**options).from_notebook_node(nb, resources=dict(resources))
    assert 'tabindex="0"' in ours and "No description has been provided for this image" in ours
    assert str(BeautifulSoup(ours, "html.parser")) == str(BeautifulSoup(theirs, "html.parser"))


def test_page_language_and_no_bundle_without_charts():
    page = notebook_to_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Only text")]), "T",
                            language="en")
    assert '<html lang="en">' in page
    assert RUNTIME not in page  # nothing to draw, so no Vega


# ---------------------------------------------------------------- the nbconvert format


def _with_parameters(source: str, *, injected: str = "") -> nbformat.NotebookNode:
    nb = _notebook(1)
    nb.cells.insert(0, nbformat.v4.new_code_cell(source, metadata={"tags": ["parameters"]}))
    if injected:
        nb.cells.insert(1, nbformat.v4.new_code_cell(injected, metadata={"tags": ["injected-parameters"]}))
    return nb


def test_the_format_is_registered_with_nbconvert():
    from nbconvert.exporters import get_export_names, get_exporter

    from stemlib.publish.html_export import FORMAT_NAME, OfflineReportExporter

    assert FORMAT_NAME in get_export_names()
    assert get_exporter(FORMAT_NAME) is OfflineReportExporter
    assert OfflineReportExporter().output_mimetype == "text/html"


@pytest.mark.parametrize("nb, expected", [
    (nbformat.v4.new_notebook(), "da"),  # no parameters: Danish
    (_with_parameters('region = "081"\nlanguage: str = "en"  # English'), "en"),  # JupyterLab, annotated
    (_with_parameters('language = "en"', injected='language = "da"'), "da"),  # papermill's cell wins
])
def test_the_page_language_comes_from_the_notebook_parameters(nb, expected):
    from stemlib.publish.html_export import report_language

    assert report_language(nb) == expected


def test_papermill_metadata_gives_the_language_and_a_bad_one_is_refused():
    from stemlib.publish.html_export import report_language

    nb = nbformat.v4.new_notebook(metadata={"papermill": {"parameters": {"language": "en"}}})
    assert report_language(nb) == "en"
    nb.metadata.papermill.parameters.language = "english"
    with pytest.raises(ValueError, match="language='english' is not a language code.*'da'.*'en'"):
        report_language(nb)


def test_exporter_reads_language_title_and_print_line_from_the_notebook():
    from stemlib.publish.html_export import OfflineReportExporter

    nb = _with_parameters('language = "en"')
    header = nbformat.v4.new_code_cell("header")
    header.outputs = [nbformat.v4.new_output("display_data", data={"text/html": (
        "<h1>STEM barometer: North &amp; South</h1><p class='stemlib-print-line' hidden>Sources: A · 2026-01-02</p>"
        "<p class='stemlib-print-line' hidden>Sources: B; \"C\" &lt;/style&gt; · Generated 2026-01-03</p>")})]
    nb.cells.insert(1, header)
    page, _ = OfflineReportExporter().from_notebook_node(nb, resources={"metadata": {"name": "file-name"}})
    assert '<html lang="en">' in page
    assert "<title>STEM barometer: North &amp; South</title>" in page
    # The last print line (the report's final one) goes into the page margin, safely quoted for CSS.
    footer = page.split("@bottom-left", 1)[1].split("}", 1)[0]
    assert "Sources: B; \\22 C\\22  \\3c /style\\3e  · Generated 2026-01-03" in footer
    assert '"Page " counter(page) " of " counter(pages)' in page
    assert page.count(RUNTIME) == 1 and "KEY-NUMBERS-LINE" not in page


def test_a_notebook_without_a_report_header_prints_its_title_and_date():
    from stemlib.publish.html_export import OfflineReportExporter

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Mine tal\n\nTekst")],
                                  metadata={"papermill": {"end_time": "2026-03-04T05:06:07"}})
    page, _ = OfflineReportExporter().from_notebook_node(nb)
    assert '<html lang="da">' in page and "<title>Mine tal</title>" in page
    assert '"Mine tal · Dannet 2026-03-04"' in page
    assert '"Side " counter(page) " af " counter(pages)' in page


def test_the_batch_page_is_the_exporter_page():
    """notebook_to_html (the batch) and the registered exporter give the same page for the same notebook."""
    from stemlib.publish.html_export import OfflineReportExporter

    nb = _with_parameters('language = "en"')
    batch = notebook_to_html(nb, "T", language="en")
    exported, _ = OfflineReportExporter().from_notebook_node(nb, resources={"stemlib_title": "T"})
    assert batch == exported


# ---------------------------------------------------------------- the page's data files and its blocks


def _rows(language_rows: int):
    """Synthetic observation rows (test data, not published figures)."""
    import pandas as pd

    return pd.DataFrame([{"indicator": "x_share", "region": "081", "year": 2016 + i, "sex": "women", "level": "all",
                          "breakdown": "all", "value": 18.1 + i, "unit": "percent", "qualifier": "", "flag": "",
                          "source": "synthetic", "locator": f'Afsnit {i}; "æøå" # 100 %'} for i in range(language_rows)])


@pytest.mark.parametrize("language", ["da", "en"])
def test_each_data_link_gives_the_file_the_notebook_held_byte_for_byte(language):
    from stemlib.report.data_download import download_link_html, figures_csv

    whole, part = _rows(5), _rows(2)
    nb = _notebook(1)
    cell = nbformat.v4.new_code_cell("links")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": (
        download_link_html(whole, language, "all.csv", "All") + download_link_html(part, language, "part.csv", "Part"))})]
    nb.cells.append(cell)
    page = notebook_to_html(nb, "T", language=language)
    assert "data:text/csv" not in page  # the files travel once, packed
    assert page.count('href="#stemlib-csv" data-stemlib-csv="') == 2
    csv = read_blocks(page)["data"]["csv"]
    files = ["\r\n".join(csv["lines"][i] for i in numbers) for numbers in csv["files"]]
    assert files == [figures_csv(whole, language), figures_csv(part, language)]
    assert len(csv["lines"]) == 1 + 5 + 1  # the header, five rows and the end: the part's rows are not repeated


def test_a_page_carries_nothing_that_loads_from_the_network():
    """The HTML, the unpacked runtime and every chart in the page's data: no outside address to load."""
    from stemlib.publish.page_payload import _check_spec_offline

    page = notebook_to_html(_notebook(2), "T")
    check_offline(page)
    blocks = read_blocks(page)
    check_offline(blocks["runtime"], "the runtime")
    for number, chart in enumerate(blocks["data"]["charts"]):
        _check_spec_offline(chart["spec"], f"chart {number}")
    assert "<script src" not in page.lower() and "<link rel=\"stylesheet\"" not in page.lower()
