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
    assert any(t["field"] == "flag_text" for t in points["tooltip"])
    assert "break in series" in set(frame["flag_text"])


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
