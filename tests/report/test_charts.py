import pandas as pd
import pytest

from stemlib.report import charts
from stemlib.report.frames import chart_frame

OKABE_ITO = {"#000000", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#767676"}


def _rows():
    return pd.DataFrame({"indicator": "adult_participation_4w", "region": ["081", "082", "000"], "year": [2019] * 3,
                         "sex": "total", "level": "all", "breakdown": "all", "value": [23.5, 24.0, 25.3],
                         "unit": "percent", "qualifier": "", "flag": ["", "b", ""], "source": "x", "locator": "y"})


@pytest.mark.parametrize("language", ["da", "en"])
def test_ranked_bars_are_accessible(language):
    spec = charts.ranked_bars(chart_frame(_rows(), language), title="Nordjylland er nr. 2", description="Bars",
                              axis_title="%", focus="081", language=language).to_dict()
    assert spec["title"]["text"] == ["Nordjylland er nr. 2"]  # lines, wrapped for phones
    assert spec["description"] == "Bars"
    assert spec["usermeta"]["embedOptions"]["formatLocale"]["decimal"] == ("," if language == "da" else ".")
    encoded = spec["layer"][0]["encoding"]
    assert {t["field"] for t in encoded["tooltip"]} >= {"area_label", "value_text", "year_text"}
    colours = {encoded["color"]["condition"]["value"], encoded["color"]["value"]}
    assert colours <= OKABE_ITO


def test_area_colours_are_fixed_and_colour_blind_safe():
    spec = charts.dot_comparison(chart_frame(_rows(), "da"), title="t", description="d", axis_title="%",
                                 focus="081").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Nordjylland", "Midtjylland", "Hele landet"]
    assert scale["range"] == ["#0072B2", "#E69F00", "#000000"]
    assert set(charts.AREA_COLOURS.values()) <= OKABE_ITO
    assert spec["encoding"]["shape"]["scale"]["domain"] == scale["domain"]  # one legend, two cues


def test_lines_mark_breaks_in_series():
    frame = chart_frame(_rows(), "en")
    spec = charts.lines_over_time(frame, title="t", description="d", axis_title="%", focus="081",
                                  language="en").to_dict()
    points = spec["layer"][1]["encoding"]
    assert points["shape"]["condition"]["value"] == "diamond"
    # The break is said beside the value in the tooltip; there is no separate (often empty) "Note" field.
    assert not any(t["field"] == "flag_text" for t in points["tooltip"])
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert any(v["value_text"].endswith("(break in series)") for v in values)
    # Screen readers get each mark described in the report's language, not Vega's "sex_label: Mænd" or English axes.
    assert spec["config"]["axis"]["aria"] is False and spec["config"]["legend"]["aria"] is False
    assert points["description"]["field"] == "aria_text"
    assert any(v["aria_text"].startswith("Central Denmark") and "break in series" in v["aria_text"] for v in values)
    assert spec["description"] == "d"


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_small_multiple_of_the_comparison_is_valid_vega_lite(language):
    """The reports display charts without validating them again (charts.show); the tests validate."""
    from stemlib.data.observations import load_observations
    from stemlib.definitions.regions import REGIONS
    from stemlib.report import compare

    series = compare.comparable_series(load_observations(), list(REGIONS))
    shown = compare.small_multiples(series, language)
    assert len(shown) == series.groupby(["indicator", "level", "sex", "breakdown"]).ngroups
    for chart in shown:
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["width"] == charts.WIDTH and spec["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_charts_shown_in_a_notebook_have_a_width_in_pixels():
    """JupyterLab's Vega renderer resizes a width="container" chart in a loop until the tab crashes.

    Only the exported HTML makes charts take the page's width (tests/publish/test_html_export.py).
    """
    assert isinstance(charts.WIDTH, int) and 300 <= charts.WIDTH <= 800
    frame = chart_frame(_rows(), "en")
    made = [charts.ranked_bars(frame, title="t", description="d", axis_title="%", focus="081"),
            charts.dot_comparison(frame, title="t", description="d", axis_title="%", focus="081"),
            charts.paired_bars(frame.assign(sex_label="total"), title="t", description="d", axis_title="%"),
            charts.lines_over_time(frame, title="t", description="d", axis_title="%", focus="081"),
            charts.target_chart(frame, frame.assign(kind_label="k"), title="t", description="d", axis_title="%")]
    for chart in made:
        assert chart.to_dict()["width"] == charts.WIDTH


# The reviewer's label: greedy wrapping at 24 characters left "en" alone on the second of five lines.
LONG_LABEL = "Andel af 15–69-årige med en erhvervskompetencegivende uddannelse (faglært eller videregående)"


@pytest.mark.parametrize("text", [
    LONG_LABEL,
    "Andel af 15–69-årige med en videregående uddannelse",
    "Andelen af 15–69-årige med en erhvervskompetencegivende uddannelse (faglært eller videregående) var 61 % i "
    "Nordjylland i 2018",
    "Share of 25–64-year-olds in education or training in the last 4 weeks, all fields",
    "a erhvervskompetencegivende b erhvervskompetencegivende",
])
def test_wrapped_labels_leave_no_short_word_alone(text):
    for width, slack in ((charts.LABEL_WRAP, charts.LABEL_SLACK), (charts.TITLE_WRAP, 0)):
        got = charts.lines(text, width, slack)
        assert " ".join(got) == " ".join(text.split())  # every word, in order, none broken
        assert not [line for line in got if " " not in line and len(line) <= charts.SHORT_WORD], got
        for line in got:
            assert len(line) <= width + slack or " " not in line, line  # only a single long word runs over


def test_wrapped_labels_are_few_and_balanced():
    assert charts.wrapped(LONG_LABEL).split("\n") == ["Andel af 15–69-årige med en", "erhvervskompetencegivende",
                                                      "uddannelse (faglært", "eller videregående)"]
    # Balanced, not greedy ("Forskel på 36 procentpoint mellem mænd" / "og kvinder"); as many lines as greedy.
    assert charts.lines("Forskel på 36 procentpoint mellem mænd og kvinder", 40) == [
        "Forskel på 36 procentpoint", "mellem mænd og kvinder"]
    assert charts.lines("Nordjylland er nr. 2", 40) == ["Nordjylland er nr. 2"]
    assert charts.lines("", 24) == [""]


@pytest.mark.parametrize(("values", "zero", "expected"), [
    ([25.3, 64.2, 61.0], True, [0, 10, 20, 30, 40, 50, 60, 70]),  # the reviewer's chart: the axis ended at 60
    ([95.5], True, [0, 20, 40, 60, 80, 100]),
    ([60.0], True, [0, 10, 20, 30, 40, 50, 60]),
    ([-4.2, 10.0], True, [-5, 0, 5, 10]),
    ([21.2, 36.1], False, [20, 25, 30, 35, 40]),
    ([12345.0, 300.0], True, [0, 10000, 20000]),  # wide labels: fewer of them
])
def test_value_axes_end_on_a_labelled_round_number_beyond_every_value(values, zero, expected):
    assert charts.value_ticks(values, zero=zero) == expected


def _axis_of(channel: dict) -> tuple[list, list]:
    return channel["scale"]["domain"], channel["axis"]["values"]


def test_every_chart_helper_draws_every_value_inside_its_axis():
    """Vega's nice rounded the ends (0-65) and labelled every 10, so 64 % sat past the last label (60)."""
    rows = _rows().assign(value=[25.3, 64.2, 61.0])
    frame = chart_frame(rows, "da")
    path = frame.assign(year=[2020, 2025, 2030])
    specs = {"ranked_bars": charts.ranked_bars(frame, title="t", description="d", axis_title="%", focus="081"),
             "dot_comparison": charts.dot_comparison(frame, title="t", description="d", axis_title="%", focus="081"),
             "paired_bars": charts.paired_bars(frame, title="t", description="d", axis_title="%"),
             "lines_over_time": charts.lines_over_time(frame, title="t", description="d", axis_title="%",
                                                       focus="081"),
             "target_chart": charts.target_chart(path, frame.assign(kind_label="k"), title="t", description="d",
                                                 axis_title="%")}
    for name, chart in specs.items():
        spec = chart.to_dict()
        encoding = spec["layer"][0]["encoding"] if "layer" in spec else spec["encoding"]
        channel = encoding["y"] if name in ("lines_over_time", "target_chart") else encoding["x"]
        (low, high), ticks = _axis_of(channel)
        assert low <= 25.3 and high >= 64.2, name
        assert channel["scale"]["nice"] is False, name  # Vega must not move the ends again
        assert ticks[0] == low and ticks[-1] == high, name  # both ends labelled
        assert channel["axis"]["tickCount"] == len(ticks), name  # else Vega thins the labels, dropping the end
        if name not in ("lines_over_time", "target_chart"):
            assert low == 0, name  # a share is read from 0


def test_dot_chart_labels_wrap_without_an_orphan():
    frame = chart_frame(_rows(), "da").assign(measure=LONG_LABEL)
    spec = charts.dot_comparison(frame, title="t", description="d", axis_title="%", focus="081").to_dict()
    labels = {row["measure_lines"] for data in spec["datasets"].values() for row in data}
    assert labels == {charts.wrapped(LONG_LABEL)}
    assert "en" not in labels.pop().split("\n")
