"""The installed environment: requirements.txt is a complete lock, without the slow IRI grammar package."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.repo import REPO

#: Left out on purpose (see the header of requirements.txt).
LEFT_OUT = {"rfc3987-syntax", "lark"}


def _locked() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_of_a_locked_package_is_locked_too():
    pins = _locked()
    missing = []
    for name in pins:
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            wanted = canonicalize_name(requirement.name)
            # Plain requirements only: an extra is installed only when something in the lock asks for it.
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if wanted not in pins:
                missing.append(f"{name} needs {text}")
    assert not missing, f"requirements.txt is installed with --no-deps, so it must list these too: {missing}"


def test_the_lock_leaves_out_the_slow_iri_checker_and_jsonschema_does_not_load_it():
    assert not LEFT_OUT & set(_locked())
    loaded = subprocess.run([sys.executable, "-c", "import sys, jsonschema; print('rfc3987_syntax' in sys.modules)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"


def test_pyproject_uses_no_deprecated_setuptools_form():
    """setuptools warns (four times per install) about a ``project.license`` TOML table; 77 takes an SPDX string."""
    import re
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(config["project"]["license"], str)
    assert "license-files" not in config["project"] or isinstance(config["project"]["license-files"], list)
    requires = next(r for r in config["build-system"]["requires"] if r.startswith("setuptools"))
    minimum = re.search(r">=\s*(\d+)", requires)
    assert minimum and int(minimum.group(1)) >= 77, f"{requires}: SPDX license strings need setuptools>=77"
