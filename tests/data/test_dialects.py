"""Observations files saved by Danish or English Excel read into the same figures; what is ambiguous is refused."""

import csv
import io

import pandas as pd
import pytest

from stemlib.data.observations import load_observations
from stemlib.errors import DataValidationError
from tests.support.synthetic_rows import GOOD_ROW, HEADER


def _as_excel_saves_it(text: str, separator: str, decimal: str) -> bytes:
    """Re-save a workspace CSV as Excel does: BOM, CRLF, the separator and decimal sign of its locale, and
    region codes without their leading zeros (Excel reads 081 as the number 81)."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows[1:]:
        cells = dict(zip(header, row))
        cells["region"] = str(int(cells["region"]))
        cells["value"] = cells["value"].replace(".", decimal)
        writer.writerow([cells[column] for column in header])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@pytest.mark.parametrize(("separator", "decimal"), [(";", ","), (",", ".")], ids=["danish-excel", "english-excel"])
def test_every_observations_file_resaved_by_excel_gives_the_same_observations(repo_data_copy, separator, decimal):
    original = load_observations(repo_data_copy, include_statbank=False)
    files = sorted((repo_data_copy / "observations").glob("*.csv"))
    assert len(files) >= 5
    for path in files:
        path.write_bytes(_as_excel_saves_it(path.read_text(encoding="utf-8"), separator, decimal))
    assert b";" in files[0].read_bytes().splitlines()[0] or separator == ","
    resaved = load_observations(repo_data_copy, include_statbank=False)
    pd.testing.assert_frame_equal(resaved, original)


def test_decimal_commas_become_the_same_values(data_folder):
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(HEADER.replace(",", ";") + "stem_first_year_dropout;081;2018;total;all;all;18,1;percent;;"
                    "test_source;synthetic row\n", encoding="utf-8")
    assert load_observations(data_folder).loc[0, "value"] == 18.1


def test_without_a_byte_order_mark_region_codes_keep_their_strictness(data_folder):
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(HEADER + GOOD_ROW.replace(",081,", ",81,"), encoding="utf-8")
    with pytest.raises(DataValidationError, match="column region: '81'"):
        load_observations(data_folder)


AMBIGUOUS = [
    ("thousands point", "12.500", "'12.500' in a semicolon-separated file can be a decimal number or a thousands"),
    ("mixed decimals", None, "'18.1' has a point, but the file writes decimals with a comma (line 2: '18,5')"),
]


@pytest.mark.parametrize(("case", "value", "message"), AMBIGUOUS, ids=[c[0] for c in AMBIGUOUS])
def test_a_number_that_reads_two_ways_is_refused_in_one_line(data_folder, case, value, message):
    row = "stem_intake;081;{year};total;eud;all;{value};persons;;test_source;synthetic row {year}\n"
    if value is None:
        body = (row.format(year=2017, value="18,5").replace("stem_intake", "stem_first_year_dropout")
                .replace("persons", "percent").replace(";eud;", ";all;")
                + row.format(year=2018, value="18.1").replace("stem_intake", "stem_first_year_dropout")
                .replace("persons", "percent").replace(";eud;", ";all;"))
    else:
        body = row.format(year=2018, value=value)
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(HEADER.replace(",", ";") + body, encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_observations(data_folder)
    text = str(error.value)
    assert len(text.splitlines()) == 1
    assert "synthetic.csv, line 3, column value" in text or "synthetic.csv, line 2, column value" in text
    assert message in text


def test_a_header_under_neither_separator_names_the_missing_columns(data_folder):
    path = data_folder / "observations" / "synthetic.csv"
    path.write_text(HEADER.replace(",", "\t") + GOOD_ROW.replace(",", "\t"), encoding="utf-8")
    with pytest.raises(DataValidationError, match="line 1: missing columns indicator, region.*separated by commas "
                                                  "or by semicolons"):
        load_observations(data_folder)
