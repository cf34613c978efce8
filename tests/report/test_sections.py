import pandas as pd
import pytest

from stemlib import report
from stemlib.definitions.regions import REGIONS
from stemlib.report import notebook, sections
from stemlib.report.report_context import ReportContext

BUILDERS = [sections.gender_section, sections.dropout_section,
            sections.a_levels_section, sections.veu_section, sections.intake_section,
            sections.labour_market_section, sections.targets_section]


@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_section_builds_for_every_region(region, language):
    ctx = report.context(region, None, language)
    built = [builder(ctx) for builder in BUILDERS]
    built.append(sections.sources_section(ctx, built, report.sources_table()))
    for section in built:
        assert section.finding or section.missing, section.key
        for chart in section.charts:
            spec = chart.to_dict()
            assert spec.get("datasets"), f"{section.key} has an empty chart"
            # A number, never "container": JupyterLab crashes on that (only the HTML export may set it).
            assert isinstance(spec.get("width"), int), f"{section.key}: width {spec.get('width')!r}"
        if section.charts:
            assert not section.table.empty, f"{section.key} chart without its table"


def test_nordjylland_dropout_is_stated_in_both_languages():
    da = sections.dropout_section(report.context("081"))
    en = sections.dropout_section(report.context("Nordjylland", None, "en"))
    assert da.finding.startswith("Af dem, der begyndte på en STEM-uddannelse i Region Nordjylland, faldt 18,1 % fra "
                                 "i løbet af det første år")
    assert "18.1% of those starting a STEM programme dropped out" in en.finding and "North Denmark Region" in en.finding


def test_region_without_dropout_figure_gets_a_statement_not_a_guess():
    section = sections.dropout_section(report.context("083"))
    assert section.finding == ""
    assert "Der er ikke offentliggjort tal om frafald" in section.missing
    assert "Nordjylland" in section.missing  # says where a figure does exist


def test_gender_gap_is_men_minus_women_in_points():
    section = sections.gender_section(report.context("081"))
    assert "var 14 % for kvinder og 50 % for mænd" in section.finding
    assert "forskel på 36 procentpoint" in section.finding
    # One gap is said and drawn; a table of gaps appears only when there are several.
    assert not any(caption.startswith("Forskellen mellem mænd og kvinder") for caption, _ in section.extra_tables)
    from stemlib.report.sections.gender import _gaps

    pairs = pd.DataFrame({"region": "081", "indicator": "stem_share_of_graduates", "level": "all", "breakdown": "all",
                          "year": 2016, "source": "S", "sex": ["women", "men"], "value": [14.0, 50.0]})
    assert _gaps(pairs)["gap"].tolist() == [36.0]  # men minus women (synthetic rows)


def test_veu_change_over_the_cards_window_from_eurostat():
    section = sections.veu_section(report.context("081"))
    # DK05 total: 27.7 in 2014, 23.5 in 2019, flagged b in 2016 and 2017 (data/eurostat/trng_lfse_04_DK.tsv, line 22):
    # the section uses the scorecard's five-year window and names the breaks inside it.
    # 2015 28.3 -> 2016 23.8 (b): the step at the break (−4.5) is larger than the whole fall (−4.2), so the
    # section compares levels in 2019 (the country 25.3) and says that the fall lies at the break.
    # Every break the table marks (2008, 2016, 2017; not 2007, the first year shown) is named once.
    assert "I Region Nordjylland havde 23,5 % af de 25–64-årige deltaget i uddannelse eller undervisning de seneste " \
        "fire uger i 2019. I hele landet var andelen 25,3 % samme år. Tallene før og efter bruddene i tidsserien i " \
        "2008, 2016 og 2017 er ikke fuldt sammenlignelige. Efter det seneste brud gik andelen fra 23,9 % i 2017 til " \
        "23,5 % i 2019." in section.finding
    # The breaks are marked in the table and the chart; the text names the one that carries the change only.
    assert "Tidsserien har brud" not in section.finding
    # 2007 is the first year shown: its break flag has no "before" on the page and is not marked.
    years = list(section.table.iloc[:, 0])
    assert years[-2:] == ["2008¹", "2007"] and "2016¹" in years
    # The steps into 2016 (28.3 -> 23.8) and 2017 (23.8 -> 23.9) make −4.4 of the whole −4.2: the fall is the
    # method's, so no table of every area's change over the window either.
    assert not any(caption.startswith("Ændringen siden") for caption, _ in section.extra_tables)


def test_veu_series_is_a_year_by_area_table_and_the_file_keeps_every_figure():
    ctx = report.context("081")
    section = sections.veu_section(ctx)
    table = section.table
    # Eurostat's series for six areas, 2007-2019 (78 figures): a row per year, newest first, a column per area.
    assert list(table.columns) == ["År", "Nordjylland", "Midtjylland", "Syddanmark", "Hovedstaden", "Sjælland",
                                   "Hele landet"]
    assert len(table) == 13 and table["År"].iloc[0] == "2019"
    # DK05 (Nordjylland) 2016: 23.8, flagged b in every area (data/eurostat/trng_lfse_04_DK.tsv).
    assert table.set_index("År").loc["2016¹", "Nordjylland"] == "23,8 %"
    assert table.attrs["stemlib_footnotes"] == [
        "¹ Brud i tidsserien: tallene før og efter er ikke fuldt sammenlignelige."]
    assert table.attrs["stemlib_caption"].endswith("2007–2019. Kilde: Eurostat")
    # The section's data file is built from its rows, not from the table: all 78 figures stay in it.
    series = section.figures[section.figures["indicator"] == "adult_participation_4w"]
    assert len(series) == 78
    bottom = notebook.section_html(section, "da")[1]
    assert "<summary>Tallene (13 rækker)</summary>" in bottom
    assert f'data-rows="{len(section.figures.drop_duplicates())}"' in bottom


def test_veu_change_table_heads_the_latest_column_with_its_year_when_all_share_it():
    from stemlib.report.sections.veu import change_table

    ctx = report.context("081")
    # Nordjylland's fall since 2014 lies at the breaks: the section tabulates no change that it says cannot be read.
    assert not any(caption.startswith("Ændringen siden") for caption, _ in sections.veu_section(ctx).extra_tables)
    same = pd.DataFrame({"region": ["081", "000"], "start_value": [27.7, 31.9], "last_year": [2019, 2019],
                         "last": [23.5, 25.3], "change": [-4.2, -6.6]})
    window = change_table(ctx, same, 2014)
    assert list(window.columns) == ["Område", "2014", "2019", "Ændring"]
    assert window.iloc[0].tolist() == ["Nordjylland", "27,7 %", "23,5 %", "−4,2 procentpoint"]
    mixed = pd.DataFrame({"region": ["081", "000"], "start_value": [27.7, 31.9], "last_year": [2019, 2018],
                          "last": [23.5, 23.5], "change": [-4.2, -8.4]})
    table = change_table(ReportContext("081", ("000",), "en", ctx.observations), mixed, 2014)
    assert list(table.columns) == ["Area", "2014", "Latest", "Change"]
    assert table["Latest"].tolist() == ["23.5% (2019)", "23.5% (2018)"]


def test_targets_without_baseline_say_no_data():
    section = sections.targets_section(report.context("081"))
    # Nordjylland's 2018 baseline has not been published; the national benchmark has no figure after 2021.
    assert {status.split(",")[0] for status in section.table["Status"]} == {"○ kan ikke vurderes"}
    assert "udgangsåret 2018" in section.finding
    national = sections.targets_section(report.context("000"))
    assert national.charts, "the national path has a published baseline (2021) and is drawn"


def test_key_numbers_are_stable_text():
    section = sections.dropout_section(report.context("081", ["082"]))
    assert section.key_numbers() == "dropout: 1 figures\n  stem_first_year_dropout 081 all total all -: 18.1 percent"


def test_labels_from_data_are_escaped_in_html(monkeypatch):
    section = sections.Section("x", "<script>alert(1)</script>", "a < b", table=pd.DataFrame({"c": ["<b>x</b>"]}))
    top, bottom = notebook.section_html(section, "da")
    assert "<script>alert" not in top and "&lt;script&gt;" in top
    assert "<b>x</b>" not in bottom and "&lt;b&gt;x&lt;/b&gt;" in bottom


def test_target_chart_shows_only_the_source_the_path_is_built_from():
    # Synthetic rows: source A has the baseline (2018) and 2020; source B has only a 2019 figure.
    rows = pd.DataFrame({
        "indicator": "stem_completions", "region": "081", "year": pd.array([2018, 2020, 2019], dtype="Int64"),
        "sex": "total", "level": "higher", "breakdown": "all", "value": [1000.0, 1150.0, 5000.0],
        "unit": "persons", "qualifier": "", "flag": "", "source": ["A", "A", "B"], "locator": "synthetic"})
    ctx = ReportContext("081", ("000",), "da", rows)
    section = sections.targets_section(ctx)
    higher = section.table[section.table["Mål"].str.contains("videregående")].iloc[0]
    # 1000 -> 1150 in two years: 7.2 % a year against the 1.8 % a year that reaches 1200 in 2028: on track.
    assert higher["Status"] == "▲ på vej mod målet" and higher["Seneste"] == "1.150 personer (2020)"
    plotted = [row for data in section.charts[0].to_dict()["datasets"].values() for row in data
               if row.get("kind_label")]
    assert sorted(row["year"] for row in plotted) == [2018, 2020]  # B's 5,000 in 2019 is not drawn


def test_a_comparison_says_when_the_source_covers_some_areas_only():
    # Statistics Denmark's release gives the 15-69-year-olds' share for three regions (data/observations,
    # source dk_dst_nyt_2019_uddannelsesniveau): 61 % Nordjylland, 64 % Hovedstaden, 61 % Sjælland.
    section = sections.labour_market_section(report.context("081"))
    assert ("Af de øvrige områder oplyser kilden kun dette tal for Hovedstaden og Sjælland, hvor andelen var "
            "henholdsvis 64 % og 61 %.") in section.finding
    assert "Til sammenligning" not in section.finding
