"""The indicator registry: complete entries, families, directions, and a "did you mean" for a misspelt id."""

import pytest

from stemlib.definitions.indicators import FAMILIES, get_indicator, indicators, indicators_in_family


def test_every_indicator_is_complete():
    for indicator in indicators().values():
        assert indicator.id == indicator.id.lower() and " " not in indicator.id
        assert indicator.label_da and indicator.label_en and indicator.definition_da and indicator.definition_en
        assert indicator.family in FAMILIES


def test_each_named_family_has_indicators():
    for family in FAMILIES:
        assert indicators_in_family(family), family


def test_dropout_is_better_down_and_gender_share_up():
    assert get_indicator("stem_first_year_dropout").better == "down"
    assert get_indicator("women_share_of_stem_intake").better == "up"


def test_unknown_indicator_suggests_close_match():
    with pytest.raises(KeyError, match="stem_first_year_dropout"):
        get_indicator("stem_first_year_drop_out")
