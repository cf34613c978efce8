"""The figures as a CSV file inside the page: format, round trip, the link."""

from __future__ import annotations

import csv
import io
import urllib.parse

import pandas as pd
import pytest

from stemlib.data.schema import COLUMNS
from stemlib.report.data_download import BOM, READER_COLUMNS, csv_data_uri, download_link_html, figures_csv, file_name
from stemlib.report.formatting import format_date

#: Synthetic rows (test data, not published figures): a decimal, a missing year, a separator and a quote
#: in the locator, Danish letters, a minus sign.
ROWS = pd.DataFrame([
    {"indicator": "x_share", "region": "081", "year": 2016, "sex": "women", "level": "all", "breakdown": "all",
     "value": 18.1, "unit": "percent", "qualifier": "approx", "flag": "b", "source": "synthetic",
     "locator": 'Afsnit 2; "Piger og kvinder", side 4'},
    {"indicator": "x_count", "region": "000", "year": pd.NA, "sex": "total", "level": "all", "breakdown": "all",
     "value": 10574.0, "unit": "persons", "qualifier": "", "flag": "", "source": "synthetic",
     "locator": "Målgruppe: ældre elever # 100 %"},
    {"indicator": "x_gap", "region": "085", "year": 2019, "sex": "total", "level": "all", "breakdown": "all",
     "value": -2.25, "unit": "pp", "qualifier": "", "flag": "", "source": "synthetic", "locator": "line 3"},
]).astype({"year": "Int64"})


def _parse(text: str, separator: str) -> list[dict]:
    assert text.startswith(BOM), "the file must start with a byte order mark (Excel reads it as UTF-8 then)"
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=separator))


@pytest.mark.parametrize("language, separator, decimal", [("da", ";", ","), ("en", ",", ".")])
def test_csv_has_the_observation_columns_and_reads_back_to_the_same_rows(language, separator, decimal):
    text = figures_csv(pd.concat([ROWS, ROWS]), language)  # a repeated row is written once
    # A reader's three columns first (area, measure, source as cited), then the observation columns.
    assert text.splitlines()[0] == BOM + separator.join([*READER_COLUMNS[language], *COLUMNS])
    rows = _parse(text, separator)
    assert len(rows) == len(ROWS)
    by_indicator = {row["indicator"]: row for row in rows}
    for expected in ROWS.to_dict("records"):
        row = by_indicator[expected["indicator"]]
        assert float(row["value"].replace(decimal, ".")) == expected["value"]
        assert row["year"] == ("" if pd.isna(expected["year"]) else str(expected["year"]))
        for column in ("region", "sex", "unit", "qualifier", "flag", "source", "locator"):
            assert row[column] == expected[column], column
    assert by_indicator["x_count"]["value"] == "10574"  # no thousands separator, no ".0"


def test_csv_refuses_rows_without_the_observation_columns():
    with pytest.raises(ValueError, match="lack the observation columns.*locator"):
        figures_csv(ROWS.drop(columns=["locator"]), "da")


def test_data_address_decodes_to_the_file_as_a_browser_does():
    text = figures_csv(ROWS, "da")
    address = csv_data_uri(text)
    assert address.startswith("data:text/csv;charset=utf-8,")
    body = address.split(",", 1)[1]
    assert "\n" not in body and "\r" not in body and "#" not in body  # a URL parser drops or cuts at these
    assert urllib.parse.unquote(body, encoding="utf-8") == text


def test_link_names_its_file_and_counts_the_figures():
    link = download_link_html(ROWS, "da", file_name("Køn i STEM"), "Hent <tal>")
    assert 'download="stem-barometer-koen-i-stem.csv"' in link
    assert 'data-rows="3"' in link and "3 tal" in link
    assert "Hent &lt;tal&gt;" in link  # the label is escaped
    assert download_link_html(ROWS.iloc[0:0], "da", "x.csv", "Hent") == ""  # no link to an empty file


def test_the_printed_line_names_the_main_publishers_and_the_run_date():
    from datetime import date

    from stemlib.report.notebook import page_data_html, print_line

    sources = pd.DataFrame({"publisher": ["Eurostat (via a mirror)", "Region Nordjylland", "Astra"]},
                           index=["e", "r", "a"])
    figures = pd.DataFrame({"source": ["e", "e", "e", "r", "r", "a"]})
    today = format_date(date.today(), "da")  # "30. november 2026": a reader's date, never ISO
    assert print_line("da", figures, sources) == f"Kilder: Eurostat; Region Nordjylland m.fl. · Opdateret {today}"
    assert print_line("en", figures.iloc[:3], sources) == f"Sources: Eurostat · Updated {format_date(date.today(), 'en')}"
    waiting = page_data_html("da")  # the header, before the sources section has run
    assert "stemlib-pending" in waiting and "href=" not in waiting and f"Opdateret {today}" in waiting


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_data_address_gives_back_its_file_exactly(language):
    from stemlib.report.data_download import csv_from_data_uri

    text = figures_csv(ROWS, language)
    assert csv_from_data_uri(csv_data_uri(text)) == text


def test_something_else_than_a_csv_address_is_refused():
    from stemlib.report.data_download import csv_from_data_uri

    with pytest.raises(ValueError, match="not a CSV data address"):
        csv_from_data_uri("data:text/plain,hello")
