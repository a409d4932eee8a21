# Two entry points for a fresh machine: `make site` and `make test`.
# Each creates .venv itself; nothing else needs to be installed first.
PYTHON ?= python3
# Material prints a banner about MkDocs 2 on every build; the portal pins MkDocs 1.x.
export NO_MKDOCS_2_WARNING = 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test validate lint schemas clean

WHEELHOUSE := $(VENV)/wheelhouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# The package's dependencies and build backend as wheels: tests/test_workflow_steps.py installs the
	# package as the workflows do (`pip install .`), in a fresh venv, from here instead of the network.
	rm -rf $(WHEELHOUSE)
	$(BIN)/python -m pip wheel --quiet --wheel-dir $(WHEELHOUSE) . 'setuptools>=69'
	rm -f $(WHEELHOUSE)/idea_portal-*.whl
	touch $(STAMP)

## site: validate the demo content and build the portal into site/
site: $(STAMP)
	$(BIN)/portal validate
	$(BIN)/mkdocs build

## serve: live preview on http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: lint, type-check and run every test
test: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/portal validate

schemas: $(STAMP)
	$(BIN)/portal schema --to schemas --reference docs/reference.md

clean:
	rm -rf site $(VENV)
