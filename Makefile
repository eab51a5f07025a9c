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
	@# A .venv made by another Python than 3.11 cannot install the project: start afresh.
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || rm -rf $(VENV)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

.PHONY: install
install: $(BIN)/.installed ## Create .venv and install the pinned dependencies

# Browser tests drive Debian's Chromium through Playwright; Playwright's own browser
# download is never used (it cannot work offline).
.PHONY: browser
browser: ## Install Debian's Chromium and axe-core (npm) for the browser tests if missing
	@test -x /usr/bin/chromium || { \
	  echo "Installing Chromium from the OS packages (apt-get)..."; \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get update -qq && \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@# axe-core (npm), injected into pages by the accessibility browser tests.
	@test -f tests/browser/node_modules/axe-core/axe.min.js || npm ci --prefix tests/browser --no-audit --no-fund --silent

# `make run` also publishes and expires scheduled pages every SCHEDULE_INTERVAL seconds
# (Wagtail's publish_scheduled) in a background loop, and runs the task worker that
# delivers webhooks (django-tasks' db_worker, docs/webhooks.md); both stop with the
# server. In production run them as services instead, see docs/editors.md and
# docs/webhooks.md.
SCHEDULE_INTERVAL ?= 60

.PHONY: run
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install ## Set up (migrate, demo page, roles, admin account), serve on http://127.0.0.1:8000 (PORT=… for another port), publish scheduled pages every minute and deliver webhooks
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) setup_demo --port $(PORT)
	@( while sleep $(SCHEDULE_INTERVAL); do $(MANAGE) publish_scheduled -v 0; done ) & \
	  scheduler=$$!; \
	  $(MANAGE) db_worker --backend webhooks --no-reload -v 0 & \
	  worker=$$!; trap 'kill $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:$(PORT)

.PHONY: worker
worker: install ## Run only the task worker that delivers webhooks (db_worker)
	$(MANAGE) db_worker --backend webhooks

.PHONY: test
test: install browser ## Run checks and the whole test suite (SQLite), browser tests included
	DJANGO_SETTINGS_MODULE=badgecms.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=badgecms.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

# The plugin test builds the wheel and installs it into a fresh `wagtail start` site in a
# new virtual environment of each of these Pythons (pyenv's, when present).
PLUGIN_PYTHONS ?= $(or $(firstword $(wildcard $(HOME)/.pyenv/versions/3.11*/bin/python3)),python3.11) \
	$(or $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3)),python3.13)

.PHONY: test-plugin
test-plugin: install ## Install the wheel into a fresh `wagtail start` site (Python 3.11 and 3.13) and test it there
	@for python in $(PLUGIN_PYTHONS); do \
	  echo "=== plugin test with $$python"; \
	  PLUGIN_PYTHON=$$python $(BIN)/pytest -m plugin tests/plugin -p no:cacheprovider || exit 1; \
	done

.PHONY: snapshots
snapshots: install ## Regenerate the API contract snapshots (docs/openapi.yaml, seed page JSON)
	UPDATE_SNAPSHOTS=1 $(BIN)/pytest api/tests/test_contract.py -q

# The editor guide's screenshots are taken by the editor workflow browser test.
DOCS_SCREENSHOTS := test-output/screenshots/test_editor_imports_submits_and_publisher_approves

.PHONY: docs-images
docs-images: install browser ## Re-take the screenshots of docs/editors.md (browser test) into docs/images/
	$(BIN)/pytest tests/browser/test_editor_workflow.py -q
	mkdir -p docs/images
	cp $(DOCS_SCREENSHOTS)/*.png docs/images/

# PostgreSQL and Redis of `make test-postgres`; pytest-django creates and drops the
# database test_<name>. Override on the command line, e.g.
# make test-postgres DATABASE_URL=postgres://root@127.0.0.1:5432/badgecms_me REDIS_URL=redis://127.0.0.1:6379/5
test-postgres: export DATABASE_URL ?= postgres://root@127.0.0.1:5432/test
test-postgres: export REDIS_URL ?= redis://127.0.0.1:6379/0
test-postgres: export DJANGO_SETTINGS_MODULE = badgecms.settings.test

.PHONY: test-postgres
test-postgres: install browser ## Run checks and the whole test suite on PostgreSQL with the Redis cache
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

.PHONY: audit
audit: install ## Check the pinned dependencies (constraints.txt) for known vulnerabilities (pip-audit)
	test -x $(BIN)/pip-audit || $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[audit]'
	$(BIN)/python -m badgecms.dependency_audit constraints.txt

# The benchmark drives load with wrk from the OS packages; see docs/benchmarks.md.
.PHONY: bench
bench: install ## Benchmark the API and page against stock Wagtail API v2 and pre-built bytes
	@command -v wrk >/dev/null || { \
	  echo "Installing wrk from the OS packages (apt-get)..."; \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get update -qq && \
	  $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench.run

# The soak needs PostgreSQL (SOAK_DATABASE_URL, default postgres://root@127.0.0.1:5432;
# it creates and drops a database of its own) and redis-server on PATH; see
# docs/reliability.md. SOAK_SECONDS (default 120) bounds it.
.PHONY: soak
soak: install ## Soak: gunicorn on PostgreSQL + Redis, 16 readers while an editor publishes, schedules and imports; fails on any 5xx or stale read
	$(BIN)/python -m bench.soak

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
