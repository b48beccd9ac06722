# One task runner. `make example` and `make test` are the README's two Quickstart commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE_LIBRARY := .example-library

.PHONY: setup browser example test lint bench serve clean

$(BIN)/corroborate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[dev]'
	touch $@

setup: $(BIN)/corroborate

example: setup
	$(BIN)/corroborate index add examples/library --library $(EXAMPLE_LIBRARY) --quiet
	$(BIN)/corroborate check examples/article.md --library $(EXAMPLE_LIBRARY) --quiet

# The web UI's tests drive Debian's chromium through its chromedriver (no browser download).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: setup browser
	$(BIN)/ruff check src tests
	CORROBORATE_REQUIRE_BROWSER=1 $(BIN)/python -m pytest

serve: setup
	$(BIN)/corroborate index add examples/library --library $(EXAMPLE_LIBRARY) --quiet
	$(BIN)/corroborate serve --library $(EXAMPLE_LIBRARY)

lint: setup
	$(BIN)/ruff check src tests

bench: setup
	$(BIN)/corroborate bench all

clean:
	rm -rf $(VENV) $(EXAMPLE_LIBRARY) build src/*.egg-info
