import pandas as pd
import pytest

from stemlib.report.html_tables import frame_table, html_table


def test_table_has_scoped_headers_labels_for_phones_and_escapes_text():
    page = frame_table(pd.DataFrame({"Område": ["<b>Nord</b>"], "Værdi": [None]}), caption="Tal & kilder")
    assert "<caption>Tal &amp; kilder</caption>" in page
    assert '<th scope="col" role="columnheader">Område</th>' in page
    assert '<td role="cell" data-label="Område">&lt;b&gt;Nord&lt;/b&gt;</td>' in page
    assert '<td role="cell" data-label="Værdi">–</td>' in page  # a missing value is shown as a dash


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        html_table(["a", "b", "c"], [["1", "2"]])


def test_empty_frame_gives_no_table():
    assert frame_table(pd.DataFrame()) == ""
