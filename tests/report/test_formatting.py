import pytest

from stemlib.report.formatting import format_number, format_value, vega_format_locale


@pytest.mark.parametrize(("value", "language", "expected"), [
    (18.1, "da", "18,1"), (18.1, "en", "18.1"), (10574, "da", "10.574"), (10574, "en", "10,574"),
    (1234567.5, "da", "1.234.567,5"), (-0.7, "da", "−0,7"), (float("nan"), "da", "–")])
def test_numbers_use_the_languages_separators(value, language, expected):
    assert format_number(value, language) == expected


def test_values_carry_unit_and_qualifier():
    assert format_value(18.1, "percent") == "18,1 %"
    assert format_value(18.1, "percent", "en") == "18.1%"
    assert format_value(3600, "persons", qualifier="just_over") == "godt 3.600 personer"
    assert format_value(3600, "persons", "en", qualifier="just_over") == "just over 3,600 people"
    assert format_value(2, "pp", signed=True) == "+2 procentpoint"
    assert format_value(4.7, "dkk_million", "en") == "DKK 4.7 million"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'da'"):
        format_number(1.0, "de")


def test_chart_locale_matches_tables():
    assert vega_format_locale("da")["decimal"] == "," and vega_format_locale("da")["thousands"] == "."
    assert vega_format_locale("en")["decimal"] == "."
