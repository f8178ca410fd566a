# The two commands a newcomer needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed

# deploy-check: follow docs/deploy.md on this machine (root, PostgreSQL, nginx from Debian).
.PHONY: deploy-check
deploy-check:
	bash deploy/check.sh

.PHONY: demo test lint typecheck unit bench venv clean lock docs test-postgres test-browser browser-deps

$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/scorecard demo

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q -m "not browser"

# The whole suite again on PostgreSQL (DATABASE_URL, default: this machine's server).
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
test-postgres: $(STAMP)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser" -p no:cacheprovider

# Browser tests: Debian's Chromium driven by Playwright (never `playwright install`),
# axe-core from npm injected into each page.
browser-deps:
	test -x /usr/bin/chromium -a -x /usr/bin/pdftotext || \
		(apt-get update -qq && apt-get install -y -qq chromium poppler-utils)
	test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund

test-browser: $(STAMP) browser-deps
	$(BIN)/pytest -q -m browser -p no:cacheprovider

# Bytecode first: this machine's PYTHONDONTWRITEBYTECODE=1 would otherwise make every
# server process compile the project's sources again.
bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python -m benchmarks

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements-runtime.lock

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

docs: $(STAMP)
	$(BIN)/python tests/test_docs.py
