# One task runner. `make example` and `make test` are the README's two Quickstart commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE_LIBRARY := .example-library

.PHONY: setup example test lint bench clean

$(BIN)/corroborate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[dev]'
	touch $@

setup: $(BIN)/corroborate

example: setup
	$(BIN)/corroborate index add examples/library --library $(EXAMPLE_LIBRARY) --quiet
	$(BIN)/corroborate check examples/article.md --library $(EXAMPLE_LIBRARY) --quiet

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests

bench: setup
	$(BIN)/corroborate bench all

clean:
	rm -rf $(VENV) $(EXAMPLE_LIBRARY) build src/*.egg-info
