"""stemlib keeps its layers: imports run one way, no circles, few top-level modules, no module over 500 lines.

The checks read the source (tests/support/architecture.py). Each rule is first shown to catch a
synthetic package that breaks it, so a check that can no longer fail is noticed.
"""

from pathlib import Path

import pytest

from tests.support import architecture as arch
from tests.support.repo import REPO

PACKAGE = REPO / "stemlib"


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write a synthetic package ``pkg`` (layers as in stemlib) from {relative path: source}."""
    root = tmp_path / "pkg"
    for relative, source in {"__init__.py": "", **{f"{layer}/__init__.py": "" for layer in arch.LAYERS},
                             **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


# ---------------------------------------------------------------- the checks catch what they should

def test_an_upward_import_is_caught_wherever_it_hides(tmp_path):
    root = _package(tmp_path, {
        "definitions/regions.py": "def f():\n    from ..report import charts\n",  # lazy, relative, upward
        "report/charts.py": "from pkg.definitions import regions\n",  # downward: allowed
        "data/observations.py": "import pkg.publish.batch\n",  # absolute, upward
        "publish/batch.py": "from pkg import load\n",  # a layer importing the package face
        "errors.py": "from pkg.data import observations\n",  # a shared module importing a layer
    })
    found = arch.upward_imports(root)
    assert len(found) == 4
    assert any(line.startswith("pkg.definitions.regions (line 2, the definitions layer) imports pkg.report.charts")
               for line in found)
    assert any("pkg.data.observations" in line and "pkg.publish.batch" in line for line in found)
    assert any("pkg.publish.batch" in line and "the package face" in line for line in found)
    assert any(line.startswith("pkg.errors") for line in found)


def test_a_circle_is_caught(tmp_path):
    root = _package(tmp_path, {"data/a.py": "from . import b\n", "data/b.py": "def f():\n    from .c import x\n",
                               "data/c.py": "from .a import y\n", "data/d.py": "from . import a\n"})
    assert arch.circles(root) == [["pkg.data.a", "pkg.data.b", "pkg.data.c", "pkg.data.a"]]


def test_page_and_kernel_machinery_below_publish_is_caught(tmp_path):
    root = _package(tmp_path, {"report/page.py": "import papermill\n", "data/plot.py": "import altair as alt\n",
                               "publish/run.py": "import papermill\nimport altair\n"})
    assert sorted(line.split(" ")[0] for line in arch.third_party_misplaced(root)) == ["pkg.data.plot",
                                                                                        "pkg.report.page"]


def test_long_modules_and_top_level_modules_are_counted(tmp_path):
    root = _package(tmp_path, {"report/long.py": "x = 1\n" * 501, "report/short.py": "x = 1\n" * 500,
                               "errors.py": "", "paths.py": ""})
    assert arch.long_modules(root) == ["pkg/report/long.py: 501 lines (at most 500)"]
    assert arch.top_level_modules(root) == ["__init__.py", "errors.py", "paths.py"]


# ---------------------------------------------------------------- stemlib keeps them

def test_stemlib_imports_run_one_way():
    assert arch.upward_imports(PACKAGE) == []


def test_stemlib_has_no_import_circle():
    assert arch.circles(PACKAGE) == []


def test_pages_and_kernels_are_publish_business_and_charts_report_business():
    assert arch.third_party_misplaced(PACKAGE) == []


def test_stemlib_has_at_most_six_top_level_modules_and_none_over_500_lines():
    top = arch.top_level_modules(PACKAGE)
    assert len(top) <= arch.MAX_TOP_LEVEL_MODULES, top
    assert arch.long_modules(PACKAGE) == []


def test_every_layer_is_a_folder_and_every_module_sits_in_one():
    modules = arch.module_files(PACKAGE)
    assert {f"stemlib.{layer}" for layer in arch.LAYERS} <= set(modules)
    outside = [name for name in modules if name.count(".") == 1 and name.split(".")[1] not in arch.LAYERS]
    assert sorted(outside) == ["stemlib.atomic", "stemlib.batch", "stemlib.errors", "stemlib.fetch", "stemlib.paths"]


@pytest.mark.parametrize("layer", arch.LAYERS)
def test_tests_mirror_the_layers(layer):
    assert (REPO / "tests" / layer).is_dir(), f"tests/{layer}/ holds the tests of stemlib/{layer}/"
    assert list((REPO / "tests" / layer).rglob("test_*.py")), layer
