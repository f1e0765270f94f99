# lightlane: every target sets up what it needs in .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: demo test lint bench docs clean help

help:
	@echo "make demo   build, simulate and check the demo optical engine (writes build/demo)"
	@echo "make test   run the linters, the import-layer contract and the test suite"
	@echo "make lint   ruff check, ruff format --check and the import-layer contract"
	@echo "make bench  run the benchmarks (writes benchmarks/results)"
	@echo "make docs   build the documentation site with --strict (writes site/)"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,docs,bench]"
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: $(STAMP)
	$(VENV)/bin/lightlane engine 1.6T-DR8 --side trx -o build/demo

# Lower layers (pdk, physics) never import higher ones: the contract is in pyproject.toml.
lint: $(STAMP)
	$(VENV)/bin/ruff check lightlane tests benchmarks scripts
	$(VENV)/bin/ruff format --check lightlane tests benchmarks scripts
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/run.py

# docs/ holds the hand-written pages and tutorials; the generator writes the whole Markdown tree
# (gallery, PDK, executed tutorials, engines, API) into DOCS_BUILD, which mkdocs.yml builds from.
DOCS_BUILD := build/docs

docs: $(STAMP)
	$(PY) -m lightlane.docsgen docs $(DOCS_BUILD)
	LIGHTLANE_DOCS_DIR=$(DOCS_BUILD) NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

clean:
	rm -rf build site .pytest_cache
