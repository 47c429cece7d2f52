# Two commands on a fresh machine: `make run` (the app on embedded defaults) and
# `make test` (the whole suite). Both build .venv first; running either twice is harmless.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# The first interpreter on PATH that is Python 3.12 or newer (Django 6 needs it).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test run test lint format check-deploy benchmark clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is required (python3.12 or python3.13 on PATH)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

install-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

# Web app, Celery worker and beat on SQLite and a broker kept in files (no server needed);
# Ctrl+C stops all three once (see the script).
run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_curriculum
	$(PY) manage.py seed_demo
	@bash scripts/run-local.sh $(BIN) $(HOST):$(PORT)

test: install-test
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	ALLOWED_HOSTS=example.com SITE_URL=https://example.com REDIS_URL=redis://127.0.0.1:6379/0 EMAIL_HOST=localhost \
	TRUSTED_PROXY_COUNT=1 \
	$(PY) manage.py check --deploy --fail-level WARNING

# Plan generation (no server), then the pages and the load on gunicorn with production
# settings: they need PostgreSQL, Redis and wrk (see benchmarks/README.md). reminders.py
# takes long: run it on its own.
benchmark: install-test
	$(PY) benchmarks/plan_generation.py
	$(PY) benchmarks/pages.py --drop
	$(PY) benchmarks/load.py --drop

clean:
	rm -rf $(VENV) var
