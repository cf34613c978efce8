"""The papermill batch, run for real: outputs, failures, timeouts, the lock and the index."""

import json
import re
import shutil

import pytest

from stemlib.atomic import OutputLock
from tests.support.batchtools import run_batch, write_notebook
from tests.support.repo import REPO, REPORT_NAMES

pytestmark = pytest.mark.slow


def test_batch_writes_notebook_html_and_index(batch_run):
    output, result = batch_run
    assert result.returncode == 0, result.stderr
    for name in ("nordjylland", "alle_regioner"):
        assert (output / f"{name}.ipynb").stat().st_size > 1000
        page = (output / f"{name}.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>")
        assert page.count('id="stemlib-vega-runtime"') == 1
    index = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="nordjylland.html"' in index and 'href="alle_regioner.ipynb"' in index
    assert "Nordjysk Teknologipagt" in index  # the data sources are listed
    assert re.search(r"nordjylland\s+done", result.stdout)
    assert f"{len(REPORT_NAMES)} of {len(REPORT_NAMES)} reports done" in result.stdout


def test_reports_do_not_depend_on_the_machine(batch_run):
    output, _ = batch_run
    for path in list(output.glob("*.html")) + list(output.glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert str(REPO) not in text, f"{path.name} holds the absolute path {REPO}"
        assert str(output) not in text, f"{path.name} holds the absolute path {output}"
    meta = json.loads((output / "nordjylland.ipynb").read_text(encoding="utf-8"))["metadata"]["papermill"]
    assert meta["input_path"] == "notebooks/region_report.ipynb" and "cwd" not in meta


def test_index_never_links_a_missing_file(batch_run):
    output, _ = batch_run
    index = (output / "index.html").read_text(encoding="utf-8")
    for target in re.findall(r'href="([^"#]+)"', index):
        if not target.startswith(("http", "data:")):
            assert (output / target).exists(), target


@pytest.fixture
def failing_notebooks(tmp_path):
    """A notebook folder with the real region report, one that raises and one that hangs (synthetic)."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(REPO / "notebooks" / "region_report.ipynb", notebooks)
    write_notebook(notebooks / "boom.ipynb", 'region: str = "081"  # a region', 'x = 1',
                   'raise ValueError("synthetic failure")')
    write_notebook(notebooks / "hang.ipynb", 'region: str = "081"  # a region', "import time\ntime.sleep(120)")
    params = tmp_path / "parameters"
    params.mkdir()
    (params / "ok.yaml").write_text('region: "085"\n', encoding="utf-8")
    (params / "boom.yaml").write_text('notebook: boom.ipynb\nregion: "081"\n', encoding="utf-8")
    (params / "hang.yaml").write_text('notebook: hang.ipynb\nregion: "081"\n', encoding="utf-8")
    return notebooks, params


def test_a_failing_and_a_hung_report_do_not_stop_the_others(tmp_path, failing_notebooks):
    notebooks, params = failing_notebooks
    output = tmp_path / "out"
    output.mkdir()
    (output / "boom.html").write_text("<html>an earlier, complete report</html>", encoding="utf-8")
    result = run_batch(*(str(params / f"{n}.yaml") for n in ("ok", "boom", "hang")), "--output", str(output),
                       "--cell-timeout", "5", env={"STEMLIB_NOTEBOOK_DIR": str(notebooks)})
    assert result.returncode == 1
    assert (output / "ok.html").exists()
    # The failed report keeps its executed notebook for debugging and writes no new HTML.
    assert (output / "failed" / "boom.ipynb").exists() and not (output / "boom.ipynb").exists()
    assert (output / "boom.html").read_text(encoding="utf-8") == "<html>an earlier, complete report</html>"
    assert re.search(r"boom\s+failed .*cell 2 \('raise ValueError.*ValueError: synthetic failure", result.stdout)
    assert re.search(r"hang\s+failed .*timed out after 5 s in cell 1", result.stdout)
    assert not (output / "hang.html").exists()
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["boom"]["status"] == "failed" and manifest["ok"]["status"] == "done"
    index = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="failed/boom.ipynb"' in index and "sidste vellykkede" in index


def test_a_second_batch_on_the_same_folder_is_refused(tmp_path):
    output = tmp_path / "out"
    with OutputLock(output):
        result = run_batch("nordjylland", "--output", str(output))
    assert result.returncode == 3
    assert "another batch (pid" in result.stderr and "--output" in result.stderr
    assert not (output / "nordjylland.html").exists()


def test_invalid_parameter_file_is_reported_and_the_rest_run(tmp_path):
    bad = tmp_path / "typo.yaml"
    bad.write_text('regoin: "081"\n', encoding="utf-8")
    output = tmp_path / "out"
    result = run_batch(str(bad), "--output", str(output))
    assert result.returncode == 2  # nothing valid to run
    assert "'regoin' is not a parameter of region_report.ipynb. Did you mean 'region'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists() or not list(output.glob("*.html"))


def test_broken_data_stops_the_batch_before_any_kernel(tmp_path, repo_data_copy):
    path = repo_data_copy / "observations" / "rn_teknologipagt_2019.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",18.1,percent,", ",181,percent,"), encoding="utf-8")
    output = tmp_path / "out"
    result = run_batch("nordjylland", "--output", str(output), env={"STEMLIB_DATA_DIR": str(repo_data_copy)})
    assert result.returncode == 2
    assert "rn_teknologipagt_2019.csv, line 12, column value: 181 is outside the possible range 0 to 100" in result.stderr
    assert "Traceback" not in result.stderr and not output.exists()
