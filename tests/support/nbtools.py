"""Keep the notebooks in the repository clean: outputs only where nbval checks them.

Usage::

    python -m tests.support.nbtools refresh notebooks/*.ipynb   # re-run, store checked outputs, strip the rest
    python -m tests.support.nbtools check notebooks/*.ipynb     # fail if any other cell stores output

``refresh`` runs a notebook with its default parameters and keeps the outputs
of the cells marked ``# NBVAL_CHECK_OUTPUT`` (the key numbers nbval compares);
all other outputs and execution counts are removed. Run it after a deliberate
change to a headline figure, and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

MARK = "NBVAL_CHECK_OUTPUT"


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove outputs and execution counts, except in checked cells, and run-specific metadata."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if MARK not in cell.source:
            # nbval treats a checked cell without an execution count as unrun, so only the others lose theirs.
            cell.execution_count = None
            cell.outputs = []
    for key in ("widgets", "papermill"):
        nb.metadata.pop(key, None)
    return nb


def refresh(path: Path) -> None:
    """Execute ``path`` with its default parameters and store only the checked outputs."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(strip(nb), path)


def unchecked_outputs(path: Path) -> list[int]:
    """Return the indexes of code cells that store output but are not checked by nbval."""
    nb = nbformat.read(path, as_version=4)
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and cell.get("outputs") and MARK not in cell.source]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``refresh`` or ``check`` followed by notebook paths."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in {"refresh", "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for name in argv[1:]:
        path = Path(name)
        if argv[0] == "refresh":
            refresh(path)
            print(f"refreshed {path}")
        elif bad := unchecked_outputs(path):
            print(f"{path}: cells {bad} store output that nbval does not check; run "
                  f"'python -m tests.support.nbtools refresh {path}'", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
