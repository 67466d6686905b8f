# Raadhuis: two commands for a newcomer.
#   make demo   install, migrate the SQLite database, load demo data and serve on :8000
#   make test   install the same way and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test suite install lint format bench serve migrate load-demo clean system-deps

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (never a downloaded browser).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

migrate: install
	$(BIN)/raadhuis migrate --no-input

load-demo: migrate
	$(BIN)/raadhuis load-demo

demo: install
	$(BIN)/raadhuis demo --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/raadhuis serve --host $(HOST) --port $(PORT)

# The static checks, then the whole suite. PYTEST_ARGS adds pytest options, e.g.
# PYTEST_ARGS='-m "not e2e"' (what .ci/run's PostgreSQL pass uses with `make suite`).
PYTEST_ARGS ?=

test: lint
	$(BIN)/raadhuis makemigrations --check --dry-run
	$(MAKE) suite

# The test suite only (no static checks): `make test` without the linters.
# --no-loadscope-reorder: xdist would otherwise hand out the files with the most tests first,
# leaving the long files with few tests (the demo, the stories) to the end, one worker busy
# while the other idles; tests/conftest.py orders the files longest first instead.
suite: install system-deps
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) node_modules var
