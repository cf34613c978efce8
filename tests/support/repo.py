"""Where the repository under test is, and what it holds: the seeds beside it and the reports its parameters name."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
REPORT_NAMES = sorted(path.stem for path in (REPO / "parameters").glob("*.yaml"))
