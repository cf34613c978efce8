import pytest

from stemlib.definitions import classifications as c


@pytest.mark.parametrize(("code", "expected"), [("05", True), ("061", True), ("0713", True), ("073", True),
                                                ("04", False), ("091", False), ("0912", False), ("08", False)])
def test_isced_stem_fields(code, expected):
    assert c.is_stem_isced(code) is expected


def test_health_only_with_nordjylland_widening():
    assert not c.is_stem_isced("091")
    assert c.is_stem_isced("091", include_health=True)
    assert not c.is_stem_isced("092", include_health=True)  # welfare stays outside


def test_isced_code_must_be_digits():
    with pytest.raises(ValueError, match="2-4 digits"):
        c.is_stem_isced("x5")


def test_isced_narrow_fields_under_the_three_broad_fields():
    fields = c.isced_fields()
    narrow = [code for code in fields if len(code) == 3 and code != "091"]
    assert {code[:2] for code in narrow} == {"05", "06", "07"}
    assert "054" in fields and "061" in fields and "071" in fields


def test_danish_subject_areas():
    assert sorted(c.dun_subject_areas()) == ["45", "50", "55", "57", "58"]
    assert c.is_stem_subject_area("5510") and not c.is_stem_subject_area("80")


def test_disco_groups_and_competence_groups():
    assert sorted(c.disco_groups()) == ["13", "21", "25", "31", "35", "70", "71", "72", "74", "75"]
    assert c.is_stem_occupation("2512") and not c.is_stem_occupation("2611")
    assert len(c.competence_groups()) == 9
    assert c.competence_group_of("2153") == "ict_specialist"  # longest prefix beats engineering's 215
    assert c.competence_group_of("2151") == "engineering"
    assert c.competence_group_of("7212") == "metal_machine"
    assert c.competence_group_of("9999") is None


def test_h_code_mapping_states_its_basis_and_health_flag():
    codes = c.h_codes()
    assert codes["H7059"].stem == "yes" and codes["H7059"].level == "lvu"
    assert "H7090" not in c.stem_h_codes()
    assert "H7090" in c.stem_h_codes(include_health=True)
    assert set(c.stem_h_codes(level="kvu")) == {"H4035", "H4058", "H4075"}  # x075 counts (README)
    assert any("statbank.md" in line for line in c.h_code_basis())
    assert not any(code.verified for code in codes.values())  # nothing was checked against a live tableinfo
