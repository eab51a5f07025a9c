# badgecms: every command a person types. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the make targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

.PHONY: install
install: $(BIN)/.installed ## Create .venv and install the pinned dependencies

# Browser tests drive Debian's Chromium through Playwright; Playwright's own browser
# download is never used (it cannot work offline).
.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests if it is missing
	@test -x /usr/bin/chromium || { \
	  echo "Installing Chromium from the OS packages (apt-get)..."; \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get update -qq && \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

.PHONY: run
run: install ## Set up (migrate, demo page, admin account) and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) setup_demo --port $(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

.PHONY: test
test: install browser ## Run checks and the whole test suite (SQLite), browser tests included
	DJANGO_SETTINGS_MODULE=badgecms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=badgecms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

# The benchmark drives load with wrk from the OS packages; see docs/benchmarks.md.
.PHONY: bench
bench: install ## Benchmark the API and page against stock Wagtail API v2 and pre-built bytes
	@command -v wrk >/dev/null || { \
	  echo "Installing wrk from the OS packages (apt-get)..."; \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get update -qq && \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench.run

.PHONY: lint
lint: install ## Lint and check formatting with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: install ## Format the code and fix lint that ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: lock
lock: ## Re-pin constraints.txt from a fresh resolution of pyproject.toml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lock-venv
