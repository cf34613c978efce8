# STEM barometer workspace. `make help` lists the targets.
# Every target creates the virtual environment from requirements.txt when it is missing or out of date.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report test check-data check-reports data lab benchmark browser clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# requirements.txt is a complete lock, installed without dependency resolution (see its header).
# compileall: the environment may set PYTHONDONTWRITEBYTECODE, and every kernel imports stemlib.
# The IPython startup file makes Altair's offline renderer the default in every kernel of .venv (README, JupyterLab).
$(STAMP): requirements.txt pyproject.toml jupyter/ipython_startup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m compileall -q stemlib
	install -D -m 644 jupyter/ipython_startup.py $(VENV)/etc/ipython/startup/00-stemlib-charts.py
	touch $(STAMP)

report: $(STAMP) ## run every report in parameters/ and write reports/ (the main job)
	$(PY) -m stemlib.batch

test: $(STAMP) browser ## run all tests, including the notebooks under nbval
	$(PY) -m pytest tests notebooks --nbval-lax -p no:cacheprovider

check-data: $(STAMP) ## check every file in data/ in seconds (the loader's messages; exit code 2 on bad data)
	$(PY) -m stemlib.data.check

check-reports: $(STAMP) browser ## open every page in reports/ in headless Chromium, check it, save screenshots
	STEMLIB_REPORTS_UNDER_TEST=reports STEMLIB_REQUIRE_BROWSER=1 $(PY) -m pytest tests/e2e/test_browser.py -p no:cacheprovider

data: $(STAMP) ## refresh the StatBank cache in data/statbank (needs internet)
	$(PY) -m stemlib.fetch

# jupyter/jupyter_lab_config.py: listen on 127.0.0.1 only, no news feed, update check or PyPI queries.
lab: $(STAMP) ## open the workspace in JupyterLab (offline settings from jupyter/)
	$(VENV)/bin/jupyter lab --config=jupyter/jupyter_lab_config.py notebooks/

benchmark: $(STAMP) browser ## page sizes and phone timings against the fixture, load and render timings, the batch
	$(PY) benchmarks/pages.py
	$(PY) benchmarks/run.py
	$(PY) benchmarks/batch.py

# Browser tests need Chromium. Install it with apt-get when we can (root on Debian, as in CI);
# otherwise say how, and the browser tests are skipped outside CI.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium for the browser tests (apt-get)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install Chromium; browser tests will fail in CI and be skipped elsewhere."; \
	  else echo "Chromium not found: install it (apt-get install chromium) to run the browser tests."; fi; }

clean: ## remove generated reports and caches (keeps the virtual environment)
	rm -rf reports .pytest_cache build *.egg-info
