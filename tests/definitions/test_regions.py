import pytest

from stemlib.definitions.regions import NUTS_TO_REGION, REGIONS, municipalities, normalise_region
from stemlib.errors import UnknownRegionError


@pytest.mark.parametrize("value", ["81", 81, "081", "Nordjylland", "nordjylland", "DK05", "dk05",
                                   "Region Nordjylland", "  north denmark region "])
def test_normalise_nordjylland_spellings(value):
    assert normalise_region(value) == "081"


@pytest.mark.parametrize(("value", "expected"), [(0, "000"), ("0", "000"), ("000", "000"), ("Hele landet", "000"),
                                                 ("DK", "000"), (85, "085"), ("Sjaelland", "085"),
                                                 ("Hovedstaden", "084"), ("DK01", "084"), ("DK04", "082")])
def test_normalise_other_regions(value, expected):
    assert normalise_region(value) == expected


@pytest.mark.parametrize("value", ["086", 86, 65, "Jylland", "", None, True, 81.0, "DK06", "0101", 1000])
def test_unknown_regions_are_refused_with_the_choices(value):
    with pytest.raises(UnknownRegionError) as error:
        normalise_region(value, where="parameters/x.yaml: region")
    message = str(error.value)
    assert "parameters/x.yaml: region" in message
    assert '"081" (Nordjylland)' in message and '"000"' in message


def test_five_regions_and_the_country_with_nuts_codes():
    assert list(REGIONS) == ["000", "081", "082", "083", "084", "085"]
    assert {r.code: r.nuts2 for r in REGIONS.values()} == {
        "000": None, "081": "DK05", "082": "DK04", "083": "DK03", "084": "DK01", "085": "DK02"}
    assert NUTS_TO_REGION["DK0"] == "000"


def test_98_municipalities_each_in_a_region():
    towns = municipalities()
    assert len(towns) == 98
    assert all(len(code) == 3 and code.isdigit() for code in towns)
    assert {m.region for m in towns.values()} == {"081", "082", "083", "084", "085"}
    counts = {region: sum(m.region == region for m in towns.values()) for region in REGIONS if region != "000"}
    assert counts == {"081": 11, "082": 19, "083": 22, "084": 29, "085": 17}
    assert towns["851"].name == "Aalborg" and towns["851"].region == "081"
    assert towns["751"].name == "Aarhus" and towns["751"].region == "082"
    assert towns["101"].name == "København" and towns["101"].region == "084"


@pytest.mark.parametrize("value", ["851", 851, "Aalborg", " aalborg kommune "])
def test_a_municipality_is_named_with_its_region_and_the_right_parameter(value):
    with pytest.raises(UnknownRegionError) as error:
        normalise_region(value, where="region")
    message = str(error.value)
    assert message.startswith("region: ")
    assert "is Aalborg Kommune in Region Nordjylland: -p region 081" in message
    assert "municipal reports are not built yet" in message
    assert "Valid choices" not in message


@pytest.mark.parametrize(("value", "named", "region"), [(101, "Københavns Kommune", "Region Hovedstaden: -p region 084"),
                                                        ("Ærø", "Ærø Kommune", "Region Syddanmark: -p region 083")])
def test_other_municipalities_by_code_and_name(value, named, region):
    with pytest.raises(UnknownRegionError, match=f"is {named} in {region}"):
        normalise_region(value)
