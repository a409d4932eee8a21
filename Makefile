# Two entry points for a fresh machine: `make site` and `make test`.
# Each creates .venv itself; nothing else needs to be installed first.
PYTHON ?= python3
# Material prints a banner about MkDocs 2 on every build; the portal pins MkDocs 1.x.
export NO_MKDOCS_2_WARNING = 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test validate lint schemas workflows docs-examples screenshots catalogue clean

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

## site: make the demo portal with its replayed history (build/demo), validate it, build it into site/
# The site shows the demo's own dated history (`portal demo`), not this repository's development commits.
# The build cache moves over to each new copy, so unchanged pages are taken from the last build.
site: $(STAMP)
	rm -rf build/demo.new
	$(BIN)/portal demo --from . --to build/demo.new
	if [ -d build/demo/.cache ]; then mv build/demo/.cache build/demo.new/; fi
	rm -rf build/demo && mv build/demo.new build/demo
	cd build/demo && ../../$(BIN)/portal validate && ../../$(BIN)/mkdocs build --site-dir ../../site

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

## screenshots: build the demo and photograph it in Chromium (phone and desktop) into docs/screenshots/
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

schemas: $(STAMP)
	$(BIN)/portal schema --to schemas --reference docs/reference.md

## workflows: check.yml and publish.yml from their templates in generator/starter/workflows/; the templates of
## intake.yml and supports.yml from this repository's files
workflows: $(STAMP)
	$(BIN)/python -c 'from generator.scaffold import sync_workflows; sync_workflows()'

## catalogue: merge generator/locale/portal.pot into every language's portal.po (as `pybabel update` does): new
## strings arrive untranslated, changed ones fuzzy; tests/test_languages.py then lists what to translate
catalogue: $(STAMP)
	$(BIN)/python -c 'from generator.i18n import update_catalogues; update_catalogues()'

## docs-examples: write what the shell examples in README.md and docs/ print into them (tests/test_docs_examples.py)
docs-examples: $(STAMP)
	$(BIN)/python -m tests.test_docs_examples --update

clean:
	rm -rf site $(VENV)
