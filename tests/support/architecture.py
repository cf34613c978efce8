"""Read a package's architecture from its source: which module imports which, and what breaks the layering.

The rules (docs/architecture.md, "Folders"; ../shared/DESIGN.md, "Layers"):

* the layers are subpackages, lowest first: ``definitions``, ``data``, ``report``, ``publish``;
  a module imports only from its own layer and the layers below it;
* a few top-level modules serve every layer (``SHARED``: errors, paths, atomic writes); they
  import no layer;
* the package face (``__init__``) and the command modules (``python -m stemlib.batch``) sit
  above every layer: they may import any layer, and no layer imports them;
* no module imports itself back through a circle of imports;
* the machinery of pages and kernels (papermill, nbconvert, ...) is imported only in
  ``publish``; charts and notebook display only from ``report`` up.

Imports are read with :mod:`ast`, inside functions too, so a lazy import counts like any other.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

LAYERS = ("definitions", "data", "report", "publish")
SHARED = ("errors", "paths", "atomic")
MAX_TOP_LEVEL_MODULES = 6
MAX_MODULE_LINES = 500
#: Third-party packages a layer may not import, with the lowest layer that may.
LOWEST_LAYER_FOR = {"papermill": "publish", "nbconvert": "publish", "nbclient": "publish", "nbformat": "publish",
                    "jupyter_client": "publish", "altair": "report", "IPython": "report", "ipywidgets": "report"}


@dataclass(frozen=True)
class Import:
    """One import statement's target, resolved to an absolute module name."""

    importer: str
    imported: str
    line: int


def module_files(package_dir: Path) -> dict[str, Path]:
    """Return every module of the package under ``package_dir``, by dotted name (a package by its own name)."""
    root = package_dir.name
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = [root, *path.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports(package_dir: Path) -> list[Import]:
    """Return every import of a module of the package by a module of the package, resolved and with its line."""
    modules = module_files(package_dir)
    root = package_dir.name
    found = []
    for name, path in modules.items():
        here = name.split(".") if _is_package(path) else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - (node.level - 1)]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    source = node.module or ""
                # "from package import module" imports the module; "from module import name" the module.
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names]
            for target in targets:
                if target == root or target.startswith(root + "."):
                    found.append(Import(name, _known(target, modules), node.lineno))
    return found


def _known(target: str, modules: dict[str, Path]) -> str:
    """The module an import name lands in (``pkg.mod.func`` never happens for ``import``, but be safe)."""
    while target not in modules and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


def rank(module: str, root: str) -> int:
    """Return the module's height: 0 shared, 1-4 the layers from definitions up, 5 the face and commands."""
    parts = module.split(".")
    if len(parts) == 1:
        return 5  # the package face
    if parts[1] in LAYERS:
        return 1 + LAYERS.index(parts[1])
    return 0 if parts[1] in SHARED else 5


def _describe(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "the package face"
    if parts[1] in LAYERS:
        return f"the {parts[1]} layer"
    return "a shared module" if parts[1] in SHARED else "a command module"


def upward_imports(package_dir: Path) -> list[str]:
    """Return one line per import that runs up a layer (or into the face or a command)."""
    root = package_dir.name
    out = []
    for imp in imports(package_dir):
        low, high = rank(imp.importer, root), rank(imp.imported, root)
        if high > low:
            out.append(f"{imp.importer} (line {imp.line}, {_describe(imp.importer)}) imports {imp.imported} "
                       f"({_describe(imp.imported)}): imports must run publish -> report -> data -> definitions")
    return out


def circles(package_dir: Path) -> list[list[str]]:
    """Return each circle of imports once, as the list of modules that form it."""
    graph: dict[str, set[str]] = {}
    for imp in imports(package_dir):
        if imp.importer != imp.imported:
            graph.setdefault(imp.importer, set()).add(imp.imported)
    found, seen = [], set()
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circle = path[path.index(nxt):] + [nxt]
                key = frozenset(circle)
                if key not in seen:
                    seen.add(key)
                    found.append(circle)
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def third_party_misplaced(package_dir: Path) -> list[str]:
    """Return one line per import of page, kernel or chart machinery below the layer that may use it."""
    out = []
    for name, path in module_files(package_dir).items():
        module_rank = rank(name, package_dir.name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for imported in names:
                top = imported.split(".")[0]
                lowest = LOWEST_LAYER_FOR.get(top)
                if lowest and 0 < module_rank < 1 + LAYERS.index(lowest):
                    out.append(f"{name} (line {node.lineno}) imports {imported}: only the {lowest} layer and above "
                               "may")
    return out


def top_level_modules(package_dir: Path) -> list[str]:
    """Return the modules directly in the package folder (``__init__`` included)."""
    return sorted(path.name for path in package_dir.glob("*.py"))


def long_modules(package_dir: Path, limit: int = MAX_MODULE_LINES) -> list[str]:
    """Return one line per module longer than ``limit`` lines."""
    out = []
    for path in sorted(package_dir.rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            out.append(f"{path.relative_to(package_dir.parent)}: {count} lines (at most {limit})")
    return out
