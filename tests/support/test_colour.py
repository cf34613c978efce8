import pytest

from stemlib.report.charts import AREA_COLOURS, OTHER_COLOUR, SEX_COLOURS
from tests.support.colour import confusable_pairs, contrast_ratio, delta_e, parse_colour, simulate


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 is the usual "lightest grey that passes 4.5:1 on white".
    assert contrast_ratio(parse_colour("#767676")[0], (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(parse_colour("#777777")[0], (255, 255, 255)) < 4.5


def test_parse_colour_reads_browser_forms_and_refuses_names():
    assert parse_colour("rgb(0, 114, 178)") == ((0, 114, 178), 1.0)
    assert parse_colour("rgba(0, 0, 0, 0.5)") == ((0, 0, 0), 0.5)
    assert parse_colour("#fff") == ((255, 255, 255), 1.0)
    with pytest.raises(ValueError, match="not a colour this check understands"):
        parse_colour("rebeccapurple")


def test_simulation_merges_red_and_green_for_deuteranopia_only():
    red, green = parse_colour("#d62728")[0], parse_colour("#2ca02c")[0]
    assert delta_e(red, green) > 50
    assert delta_e(simulate(red, "deuteranopia"), simulate(green, "deuteranopia")) < 20
    assert any("deuteranopia" in p for p in confusable_pairs(["#d62728", "#2ca02c"], 20))


def test_our_palette_stays_apart_for_colour_blind_readers():
    colours = [*AREA_COLOURS.values(), *SEX_COLOURS.values(), OTHER_COLOUR]
    assert confusable_pairs(colours, 10) == []
