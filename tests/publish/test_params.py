import pytest

from stemlib.errors import ParameterError
from stemlib.publish.params import load_parameter_file


def _write(tmp_path, text, name="report.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_parameter_files_are_valid():
    from tests.support.repo import REPO

    files = sorted((REPO / "parameters").glob("*.yaml"))
    specs = [load_parameter_file(path) for path in files]
    regions = {s.parameters["region"] for s in specs if "region" in s.parameters}
    assert regions == {"000", "081", "082", "083", "084", "085"}
    assert all(not s.notices for s in specs), "shipped files should need no normalising"
    for path in files:  # region codes are quoted in the files themselves
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("region:"):
                assert '"' in line


@pytest.mark.parametrize(("text", "code", "notice"), [
    ("region: 81\n", "081", "81 read as region '081'"),
    ("region: 000\n", "000", "0 read as region '000'"),  # YAML reads unquoted 000 as 0
    ("region: Nordjylland\n", "081", "'Nordjylland' read as region '081'"),
    ('region: "DK04"\n', "082", "'DK04' read as region '082'"),
])
def test_safe_normalisation_is_done_and_said(tmp_path, text, code, notice):
    spec = load_parameter_file(_write(tmp_path, text))
    assert spec.parameters["region"] == code
    assert any(notice in n for n in spec.notices)


@pytest.mark.parametrize(("text", "message"), [
    ("region: 0101\n", "YAML took it as octal 65"),
    ("region: \"086\"\n", "report.yaml: region: '086' is not a known region. Valid choices: \"000\""),
    ("", "report.yaml: the file is empty"),
    ("- 081\n- 082\n", "expected a mapping of parameter names to values"),
    ('regoin: "081"\n', "'regoin' is not a parameter of region_report.ipynb. Did you mean 'region'?"),
    ('region: "081"\nlanguage: de\n', "language: 'de' is not a supported language; allowed: 'da'"),
    ('region: "081"\ntitle: 2024\n', "title: 2024 is a int; expected a str"),
    ('region: "081"\ncompare_with: [82, "Fyn"]\n', "compare_with[1]: 'Fyn' is not a known region"),
    ('notebook: other.ipynb\n', "notebook: 'other.ipynb' is not a notebook in notebooks/"),
    ('region: "081"\n  language: da\n', "report.yaml, line 2: not valid YAML"),
    ('notebook: compare_regions.ipynb\ninteractive: "no"\n', "interactive: 'no' is a str; expected a bool"),
])
def test_bad_parameters_are_refused_with_file_parameter_value_and_choices(tmp_path, text, message):
    with pytest.raises(ParameterError) as error:
        load_parameter_file(_write(tmp_path, text))
    assert message in str(error.value)


def test_every_problem_is_one_line(tmp_path):
    with pytest.raises(ParameterError) as error:
        load_parameter_file(_write(tmp_path, 'regoin: "081"\nlanguage: fr\ncolour: red\n'))
    lines = str(error.value).splitlines()
    assert len(lines) == 3 and all(line.startswith(str(tmp_path / "report.yaml")) for line in lines)


def test_report_name_must_be_safe(tmp_path):
    with pytest.raises(ParameterError, match="use letters, digits"):
        load_parameter_file(_write(tmp_path, 'region: "081"\n', name="my report.yaml"))


def test_missing_file(tmp_path):
    with pytest.raises(ParameterError, match="no such parameter file"):
        load_parameter_file(tmp_path / "nope.yaml")


def test_a_municipality_in_a_parameter_file_names_its_region(tmp_path):
    with pytest.raises(ParameterError) as error:
        load_parameter_file(_write(tmp_path, "region: 851\n"))
    message = str(error.value)
    assert "region: 851 is Aalborg Kommune in Region Nordjylland" in message and 'region: "081"' in message
    assert "octal" not in message  # 851 is no octal accident
