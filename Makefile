# Machi Portal — `make help` lists the targets.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Parallel test processes (pytest-xdist); the suite is CPU-bound, so one per core.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.DEFAULT_GOAL := help
.PHONY: help install run test test-postgres lint format check-deploy benchmark browser stack-tools clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

run: install ## Migrate a SQLite database, load the demo city and serve http://127.0.0.1:8000/
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

browser: ## Install Debian's headless Chromium for the browser tests (needs root)
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

stack-tools: ## Install Varnish for the stack test, tests/home/test_stack.py (needs root)
	@command -v varnishd >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq varnish)

test: install browser stack-tools ## Run the whole test suite (on PostgreSQL instead when DATABASE_URL is set)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test-postgres: install browser stack-tools ## Run the suite on the local PostgreSQL (a throw-away database)
	DATABASE_URL=postgres://root@127.0.0.1:5432/machi_test $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: install ## ruff check, ruff format --check, and no missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-deploy: install ## manage.py check --deploy under the production settings, and deploy/'s files
	DJANGO_SETTINGS_MODULE=portal.settings.production DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		ALLOWED_HOSTS=portal.example.jp $(PY) manage.py check --deploy --fail-level WARNING
	PY=$(PY) bash deploy/check

benchmark: install ## Measure page speed under gunicorn (see docs/benchmarks.md)
	$(PY) benchmarks/run.py

clean: ## Remove the virtual environment, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media
