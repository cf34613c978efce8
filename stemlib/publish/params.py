"""Read and check report parameter files (parameters/*.yaml) before any kernel starts.

A parameter file is a YAML mapping of notebook parameters, plus an optional
``notebook`` key naming the notebook in notebooks/ (``region_report.ipynb`` by
default). The allowed parameters and their types are read from the notebook's
cell tagged ``parameters``, so a new parameter needs no change here.

Each problem becomes one line naming the file, the parameter, the value and
what is allowed. What can be normalised safely is normalised and reported as a
notice (``region: 81 -> "081"``); what cannot is refused. YAML turns an
unquoted ``000`` into the number 0 and ``0101`` into 65 (octal), which is why
region codes should be quoted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from stemlib.definitions.regions import find_municipality, normalise_region
from stemlib.errors import ParameterError, UnknownRegionError
from stemlib.paths import notebook_dir
from stemlib.report.formatting import LANGUAGES

DEFAULT_NOTEBOOK = "region_report.ipynb"
REGION_PARAMETERS = {"region"}
REGION_LIST_PARAMETERS = {"compare_with", "regions"}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_TYPES = {"str": str, "list": list, "bool": bool, "int": int, "float": (int, float), "dict": dict}


def report_name(stem: str, language: str) -> str:
    """Return a report's name: the parameter file's name, with ``-en`` for an English report.

    A Danish report keeps the file's name (``nordjylland``), so existing links keep working; an English
    one gets its language (``nordjylland-en``), so both can sit side by side in one folder. A file whose
    name already ends in the language (``nordjylland-en.yaml``) is not given it twice.
    """
    if language == "da" or stem.endswith((f"-{language}", f"_{language}")):
        return stem
    return f"{stem}-{language}"


@dataclass
class ReportSpec:
    """A checked parameter file: the report's name, its notebook and its normalised parameters."""

    name: str
    path: Path
    notebook: str
    parameters: dict
    notices: list[str] = field(default_factory=list)


def notebook_parameters(notebook: str) -> dict[str, str]:
    """Return the parameters a notebook declares, with their type names (from its ``parameters`` cell)."""
    return _declared(str(notebook_dir() / notebook))


@cache
def _declared(path: str) -> dict[str, str]:
    import papermill

    declared = papermill.inspect_notebook(path)
    return {name: info["inferred_type_name"] for name, info in declared.items()}


def _region(value, where: str, notices: list[str]):
    code = normalise_region(value, where=where)
    if value != code:
        notices.append(f"{where}: {value!r} read as region {code!r}")
    return code


def _check_region_value(value, where: str, notices: list[str]) -> str:
    """Normalise one region value; explain YAML's octal reading of numbers like 0101."""
    try:
        return _region(value, where, notices)
    except UnknownRegionError as error:
        hint = ""
        if isinstance(value, int) and not isinstance(value, bool) and find_municipality(value) is None:
            hint = (f" YAML read an unquoted number: if you wrote 0{value:o}, YAML took it as octal {value}. "
                    'Quote region codes: region: "081".')
        raise ParameterError(f"{error}{hint}") from None


def check_parameters(raw: object, *, where: str) -> ReportSpec:
    """Check a parsed parameter mapping; ``where`` names the file in messages.

    Raises
    ------
    ParameterError
        With one line per problem: file, parameter, value and allowed choices.
    """
    path = Path(where)
    if raw is None:
        raise ParameterError(f"{where}: the file is empty; expected a mapping such as 'region: \"081\"'.")
    if not isinstance(raw, dict):
        raise ParameterError(f"{where}: expected a mapping of parameter names to values (like 'region: \"081\"'), "
                             f"found a {type(raw).__name__}.")
    values = dict(raw)
    notebook = values.pop("notebook", DEFAULT_NOTEBOOK)
    available = sorted(p.name for p in notebook_dir().glob("*.ipynb"))
    if not isinstance(notebook, str) or notebook not in available:
        raise ParameterError(f"{where}: notebook: {notebook!r} is not a notebook in notebooks/; "
                             f"choose one of {', '.join(available)}.")
    declared = notebook_parameters(notebook)
    problems, notices, checked = [], [], {}
    for name, value in values.items():
        key = f"{where}: {name}"
        if not isinstance(name, str) or name not in declared:
            close = difflib.get_close_matches(str(name), declared, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            problems.append(f"{where}: {name!r} is not a parameter of {notebook}.{hint} "
                            f"Allowed: notebook, {', '.join(declared)}.")
            continue
        try:
            if name in REGION_PARAMETERS:
                checked[name] = _check_region_value(value, key, notices)
            elif name in REGION_LIST_PARAMETERS:
                items = value if isinstance(value, list) else [value]
                if value is None:
                    items = []
                checked[name] = [_check_region_value(item, f"{key}[{i}]", notices) for i, item in enumerate(items)]
            elif name == "language":
                if value not in LANGUAGES:
                    raise ParameterError(f"{key}: {value!r} is not a supported language; allowed: 'da' (Danish, "
                                         "default) or 'en' (English).")
                checked[name] = value
            else:
                wanted = _TYPES.get(declared[name])
                if wanted is not None and (not isinstance(value, wanted)
                                           or (wanted is int and isinstance(value, bool))):
                    raise ParameterError(f"{key}: {value!r} is a {type(value).__name__}; expected a {declared[name]}.")
                checked[name] = value
        except ParameterError as error:
            problems.append(str(error))
    if not _NAME.match(path.stem):
        problems.append(f"{where}: the file name {path.stem!r} becomes the report's name; use letters, digits, '-' "
                        "and '_' only.")
    if problems:
        raise ParameterError("\n".join(problems))
    return ReportSpec(report_name(path.stem, checked.get("language", "da")), path, notebook, checked, notices)


def with_language(spec: ReportSpec, language: str) -> ReportSpec:
    """Return ``spec`` with its language replaced (the batch's ``--language``), and named after it.

    Raises
    ------
    ParameterError
        If the language is not supported, or the report's notebook has no ``language`` parameter.
    """
    if language not in LANGUAGES:
        raise ParameterError(f"--language: {language!r} is not a supported language; allowed: 'da' or 'en'.")
    if "language" not in notebook_parameters(spec.notebook):
        raise ParameterError(f"--language: {spec.notebook} has no 'language' parameter.")
    parameters = {**spec.parameters, "language": language}
    return ReportSpec(report_name(spec.path.stem, language), spec.path, spec.notebook, parameters, spec.notices)


def load_parameter_file(path: str | Path, *, shown_as: str | None = None) -> ReportSpec:
    """Read and check one YAML parameter file.

    Raises
    ------
    ParameterError
        If the file is missing, is not YAML, or fails :func:`check_parameters`.
    """
    path = Path(path)
    where = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParameterError(f"{where}: no such parameter file.") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{where}: the file is not UTF-8 text.") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ParameterError(f"{where}{line}: not valid YAML ({problem}).") from None
    spec = check_parameters(raw, where=where)
    spec.path = path
    return spec
