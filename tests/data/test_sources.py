"""data/sources.csv: readers' addresses are the publishers' own pages without tracking; every retrieval copy is kept."""

import pytest

from stemlib.data.addresses import copy_location, reader_address, strip_tracking, tracking_parameters
from stemlib.data.check import main
from stemlib.data.sources import read_sources, retrieval_address, source_warnings
from stemlib.errors import DataValidationError
from tests.support.repo import REPO

SOURCES = REPO / "data" / "sources.csv"
EUROSTAT = {"eurostat_trng_lfse_04": "7ef6ca0ee1d7dbf2a4109cbd12a207df81d2a5c6",
            "eurostat_edat_lfse_04": "d65fddc21eb99aad7a7fd7c775ff086068c23756"}


@pytest.fixture(scope="module")
def sources():
    return read_sources(SOURCES)


# ---------------------------------------------------------------- the shipped register

def test_no_address_in_the_register_carries_tracking_parameters(sources):
    found = {(source, column): tracking_parameters(row[column]) for source, row in sources.iterrows()
             for column in ("address", "retrieved_from") if tracking_parameters(row[column])}
    assert not found, f"tracking parameters in data/sources.csv: {found}"


def test_no_readers_address_is_a_copy(sources):
    copies = {source: row["address"] for source, row in sources.iterrows()
              if copy_location(row["address"]) or "github.com" in row["address"] or "datacommons" in row["address"]}
    assert not copies, f"addresses readers are sent to that are third-party copies: {copies}"


def test_the_eurostat_sources_link_to_eurostat_and_keep_the_copy_they_were_read_from(sources):
    for source, commit in EUROSTAT.items():
        row = sources.loc[source]
        code = source.removeprefix("eurostat_")
        assert row["address"] == f"https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table"
        assert row["publisher"] == "Eurostat"
        # The exact file read (data/eurostat/PROVENANCE.md): the repository, the commit and the table's file.
        assert row["retrieved_from"].startswith("https://github.com/datacommonsorg/data/blob/")
        assert commit in row["retrieved_from"] and row["retrieved_from"].endswith(f"/{code}.tsv")
        assert retrieval_address(row) == row["retrieved_from"]


def test_every_source_says_where_its_figures_were_read(sources):
    assert all(retrieval_address(row) for _, row in sources.iterrows())
    copied = sources[sources["retrieved_from"] != ""]
    assert set(EUROSTAT) <= set(copied.index)
    assert "9pdf.org" in sources.loc["dk_teknologipagt_statusrapport_2018", "retrieved_from"]


def test_the_shipped_register_gives_no_warning():
    assert source_warnings(SOURCES) == []


# ---------------------------------------------------------------- the rules

def test_tracking_parameters_are_stripped_and_other_parameters_kept_as_written():
    nordjyske = ("https://nordjyske.dk/nyheder/a/0e59?utm_source=nyheder&utm_medium=rss&utm_campaign=broenderslev")
    assert strip_tracking(nordjyske) == "https://nordjyske.dk/nyheder/a/0e59"
    assert tracking_parameters(nordjyske) == ["utm_source", "utm_medium", "utm_campaign"]
    assert strip_tracking("https://x.dk/p?a=1&fbclid=AbC&b=%C3%A6#part") == "https://x.dk/p?a=1&b=%C3%A6#part"
    assert strip_tracking("https://x.dk/p?gclid=1&UTM_Term=x") == "https://x.dk/p"
    assert strip_tracking("https://bt.dk/a?referrer=RSS") == "https://bt.dk/a"
    kept = "https://dokumenter.rn.dk/edocPunkt.aspx?id=5533&punktguid=284f7ed2"
    assert strip_tracking(kept) == kept and tracking_parameters(kept) == []
    assert strip_tracking("seed:000_4de3") == "seed:000_4de3"


def test_copies_are_told_from_publishers_pages():
    datacommons = "https://github.com/datacommonsorg/data/blob/x/trng_lfse_04.tsv"
    assert copy_location(datacommons) == "github.com/datacommonsorg"
    assert copy_location("https://web.archive.org/web/2020/https://rm.dk/") == "web.archive.org"
    assert copy_location("https://www.9pdf.org/document/x.html") == "9pdf.org"
    assert copy_location("https://ec.europa.eu/eurostat/databrowser/view/trng_lfse_04/default/table") == ""
    assert copy_location("https://github.com/someone-else/data") == ""
    assert reader_address("https://github.com/datacommonsorg/data/blob/x.tsv") == ""
    assert reader_address("https://rm.dk/a/?utm_source=x") == "https://rm.dk/a/"
    assert reader_address("seed:000") == ""


# ---------------------------------------------------------------- reading and checking a register

HEADER = "id,title,publisher,year,address,licence"


def test_a_register_without_retrieved_from_still_reads(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(f"{HEADER}\ns,T,P,2020,https://p.dk/,l\n", encoding="utf-8")
    assert read_sources(path).loc["s", "retrieved_from"] == ""


def test_a_source_needs_an_address_or_a_retrieval_copy(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(f"{HEADER},retrieved_from\ns,T,P,2020,,l,https://copy.example/t.tsv\n", encoding="utf-8")
    assert retrieval_address(read_sources(path).loc["s"]) == "https://copy.example/t.tsv"
    path.write_text(f"{HEADER},retrieved_from\ns,T,P,2020,,l,\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"sources.csv, line 2, column address: is empty, and so is"):
        read_sources(path)


def test_check_data_warns_of_tracking_and_copies_naming_file_line_and_column(data_folder, capsys):
    (data_folder / "sources.csv").write_text(
        f"{HEADER},retrieved_from\n"
        "test_source,Synthetic,stemlib tests,2026,https://p.dk/a?utm_source=rss&id=3,synthetic,\n"
        "copied,Synthetic,stemlib tests,2026,https://web.archive.org/web/1/https://p.dk/,synthetic,\n",
        encoding="utf-8")
    assert main([str(data_folder)]) == 0  # pages clean both, so the data stay valid
    err = capsys.readouterr().err
    assert "sources.csv, line 2, column address (test_source): has tracking parameters (utm_source)" in err
    assert "https://p.dk/a?id=3" in err
    assert "sources.csv, line 3, column address (copied): is a copy on web.archive.org" in err
