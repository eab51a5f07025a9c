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

.PHONY: run
run: install ## Set up (migrate, demo page, admin account) and serve on http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) setup_demo --port $(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

.PHONY: test
test: install ## Run checks and the whole test suite (SQLite)
	DJANGO_SETTINGS_MODULE=badgecms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=badgecms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

# PostgreSQL and Redis of `make test-postgres`; pytest-django creates and drops the
# database test_<name>. Override on the command line, e.g.
# make test-postgres DATABASE_URL=postgres://root@127.0.0.1:5432/badgecms_me REDIS_URL=redis://127.0.0.1:6379/5
test-postgres: export DATABASE_URL ?= postgres://root@127.0.0.1:5432/test
test-postgres: export REDIS_URL ?= redis://127.0.0.1:6379/0
test-postgres: export DJANGO_SETTINGS_MODULE = badgecms.settings.test

.PHONY: test-postgres
test-postgres: install ## Run checks and the whole test suite on PostgreSQL with the Redis cache
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

.PHONY: audit
audit: install ## Check the pinned dependencies (constraints.txt) for known vulnerabilities (pip-audit)
	test -x $(BIN)/pip-audit || $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[audit]'
	$(BIN)/python -m badgecms.dependency_audit constraints.txt

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
