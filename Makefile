# Two commands for a fresh machine: `make serve` and `make test`.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3
STAMP  := $(VENV)/.installed

.PHONY: serve site test bench validate schema clean

# The virtualenv, with the exact versions of constraints.txt.
$(STAMP): requirements.txt requirements-test.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## Build and serve on http://127.0.0.1:8000/ with live reload.
serve: $(STAMP)
	scripts/system-deps
	$(BIN)/portal serve

## Build the site into site/ without serving.
site: $(STAMP)
	scripts/system-deps
	$(BIN)/portal build

## The whole test suite, browser tests included (installs Debian chromium when root).
test: $(STAMP)
	scripts/system-deps --browser
	$(BIN)/pytest -q

## Timings and sizes (build seconds, pages, page weight), then search (index bytes, bytes per query, precision).
bench: $(STAMP)
	scripts/system-deps --browser
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py

validate: $(STAMP)
	$(BIN)/portal validate

schema: $(STAMP)
	$(BIN)/portal schema

clean:
	rm -rf build site .cache
