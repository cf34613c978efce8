"""One series over time as a year × area table: rows are years, columns areas, a break marked once.

The rows are synthetic (labelled so in their locator); indicator and source are real registry entries.
"""

import pandas as pd

from stemlib.report.html_tables import frame_table
from stemlib.report.time_table import series_table, time_table

SOURCE = "eurostat_trng_lfse_04"


def _rows(specs, indicator="adult_participation_4w", source=SOURCE):
    """Synthetic observation rows: (region, year, value, flag)."""
    return pd.DataFrame({
        "indicator": indicator, "region": [s[0] for s in specs],
        "year": pd.array([s[1] for s in specs], dtype="Int64"), "sex": "total", "level": "all", "breakdown": "all",
        "value": [float(s[2]) for s in specs], "unit": "percent", "qualifier": "", "flag": [s[3] for s in specs],
        "source": source, "locator": "synthetic test row"})


SERIES = _rows([("000", 2015, 31.5, ""), ("000", 2016, 28.0, "b"), ("000", 2017, 26.9, ""),
                ("081", 2015, 28.3, ""), ("081", 2016, 23.8, "b"), ("081", 2017, 24, ""),
                ("082", 2015, 30.4, ""), ("082", 2016, 28.0, "b")])


def test_rows_are_years_newest_first_and_columns_areas_in_the_reports_order():
    table = time_table(SERIES, "da", areas=["081", "082", "000"])
    assert list(table.columns) == ["År", "Nordjylland", "Midtjylland", "Hele landet"]
    assert list(table["År"]) == ["2017", "2016¹", "2015"]
    # One number of decimals for the series ("24,0 %", not "24 %"); an area without a figure that year is empty.
    newest = table.iloc[0].tolist()[1:]
    assert newest[0] == "24,0 %" and pd.isna(newest[1]) and newest[2] == "26,9 %"
    assert "<td role=\"cell\" data-label=\"Midtjylland\">–</td>" in frame_table(table)
    assert table.iloc[1].tolist()[1:] == ["23,8 %", "28,0 %", "28,0 %"]


def test_the_caption_names_measure_years_and_source_once_and_a_break_gets_one_footnote():
    table = time_table(SERIES, "da", areas=["081", "082", "000"])
    assert table.attrs["stemlib_caption"] == ("Andel af 25–64-årige, der har deltaget i uddannelse eller undervisning de seneste fire uger, "
                                              "2015–2017. Kilde: Eurostat")
    assert table.attrs["stemlib_footnotes"] == [
        "¹ Brud i tidsserien: tallene før og efter er ikke fuldt sammenlignelige."]
    page = frame_table(table, "Tallene")
    assert page.count("Brud i tidsserien") == 1 and page.count("Eurostat") == 1
    assert "brud i tidsserien" not in page  # no cell repeats the flag in words


def test_a_break_some_areas_lack_marks_their_cells_not_the_year():
    rows = SERIES.assign(flag=["", "b", "", "", "", "", "", "b"])  # 2016: the country and Midtjylland only
    table = time_table(rows, "da", areas=["081", "082", "000"])
    assert list(table["År"]) == ["2017", "2016", "2015"]
    assert table.iloc[1].tolist()[1:] == ["23,8 %", "28,0 %¹", "28,0 %¹"]
    assert table.attrs["stemlib_footnotes"] == [
        "¹ Brud i tidsserien: tallene før og efter er ikke fuldt sammenlignelige."]


def test_english_tables_have_english_headings_numbers_and_footnotes():
    table = time_table(SERIES, "en", areas=["081", "082", "000"])
    assert list(table.columns) == ["Year", "North Denmark", "Central Denmark", "Whole country"]
    assert table.iloc[1].tolist() == ["2016¹", "23.8%", "28.0%", "28.0%"]
    assert table.attrs["stemlib_caption"].endswith(", 2015–2017. Source: Eurostat")
    assert table.attrs["stemlib_footnotes"] == [
        "¹ Break in series: the figures before and after are not fully comparable."]


def test_rows_that_are_not_one_series_over_years_and_areas_stay_one_row_per_figure():
    two_sources = pd.concat([SERIES, _rows([("084", 2016, 30, "")], source="eurostat_edat_lfse_04")])
    one_year = SERIES[SERIES["year"] == 2016]
    one_area = SERIES[SERIES["region"] == "081"]
    undated = SERIES.assign(year=pd.array([None] + [2015] * 7, dtype="Int64")).head(1)
    for rows in (two_sources, one_year, one_area, undated, SERIES.iloc[0:0]):
        assert time_table(rows, "da") is None
    table = series_table(two_sources, "da")
    assert "Opgørelse" in table.columns and len(table) == len(two_sources)


def test_the_grid_keeps_years_as_row_headings_and_scrolls_inside_its_own_box():
    page = frame_table(time_table(SERIES, "da", areas=["081", "082", "000"]), "Tallene")
    assert '<th scope="row" role="rowheader">2016¹</th>' in page
    assert '<td role="cell" data-label="Midtjylland">28,0\u00a0%</td>' in page  # each value names its area
    assert 'class="stemlib-table stemlib-grid"' in page and "class='stemlib-scroll'" in page
    # The caption above the box names the table and the box (no <caption>: it would scroll away with the table).
    ident = page.split("id='")[1].split("'")[0]
    assert f'aria-labelledby="{ident}"' in page and f"aria-labelledby='{ident}'" in page
    assert "<caption>" not in page
