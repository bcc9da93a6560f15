# lawstats — the commands a newcomer needs. Each target installs what it needs first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install html test test-fast lab data audit bench browser lock check-lock clean

## install: create .venv and install lawstats with every locked dependency
install: $(STAMP)
$(STAMP): pyproject.toml requirements/lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/lock.txt -e ".[dev]"
	@touch $(STAMP)

## html: build the static site into site/ (the main job)
html: install
	$(BIN)/lawstats build

## test: unit tests, doctests, notebooks executed top to bottom, site and browser tests
##       (two workers, each site build made once and its tests run where it is: tests/conftest.py)
test: install browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

## test-fast: unit tests and doctests only (no notebooks, site or browser): the inner loop
test-fast: install
	$(BIN)/python -m pytest -m "not slow" -n 2 --dist loadgroup -q

## lab: open the project in JupyterLab (general notebooks in notebooks/, the case study's in lawstats/case_studies/), with kernels set up as the build's (jupyter/kernels/)
# --allow-root only when run as root (as in a container); LAB_ARGS adds options, e.g. --no-browser
LAB_ARGS ?=
lab: install
	JUPYTER_PATH="$(CURDIR)/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	  $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS) .

## data: regenerate data/figures.csv, data/excluded.csv and data/audit.csv
data: install
	$(BIN)/lawstats data

## audit: print the audit of the report's arithmetic
audit: install
	$(BIN)/lawstats audit

## bench: run the benchmarks
bench: install
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/quality.py

## browser: Debian's Chromium for the end-to-end test (needs root and apt-get; once: then skipped)
browser:
	@test -x /usr/bin/chromium || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## lock: re-resolve the dependencies in a scratch venv and rewrite requirements/lock.txt
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements/lock.txt
	rm -rf .lock-venv
	$(PYTHON) requirements/check_lock.py

## check-lock: resolve the lock for Debian 12's Python 3.11.2, the newest 3.11 and 3.12 (needs PyPI)
check-lock:
	$(PYTHON) requirements/check_lock.py

clean:
	rm -rf site .cache test-output
