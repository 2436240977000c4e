# make build: create .venv from the pins when missing or stale, build and validate the package.
# make test:  same set-up, then lint, type check and the whole test suite (with doctests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint format docs golden bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/tidynews build seeds --out .
	$(BIN)/tidynews validate datapackage.json
	$(BIN)/tidynews report datapackage.json --out report.html

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The README's code tables, from src/tidynews/codes.py by src/tidynews/readme.py (tests/test_docs.py checks them).
docs: $(STAMP)
	$(BIN)/python -m tidynews.readme README.md

bench: $(STAMP)
	@ls benchmarks/*.py >/dev/null 2>&1 && for b in benchmarks/*.py; do $(BIN)/python $$b; done || echo "no benchmarks yet"

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
