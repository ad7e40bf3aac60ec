# UR Desk: `make run` serves the app (embedded mode); `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-unit lint bench syslibs browser faultlibs serve migrate demo clean

# Python 3.11+ (the code uses 3.11's stdlib); a venv that failed half-way is removed, not reused.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "UR Desk needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) -V 2>&1). Try: make PYTHON=python3.11 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "Could not create $(VENV) (Debian/Ubuntu: apt-get install python3-venv)" >&2; exit 1; }

$(VENV)/.deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.deps

# WeasyPrint needs Pango; reading faxed records needs Tesseract (+ English) and poppler's pdftoppm.
# Install them when we can (root + apt), otherwise say exactly what to install.
syslibs:
	@$(PYTHON) scripts/check_syslibs.py pango letterfonts tesseract poppler

# Debian's Chromium for the browser tests (a test tool's own browser download cannot work offline).
browser:
	@$(PYTHON) scripts/check_syslibs.py chromium poppler

# The fault tests' private redis-server and the backup/restore drill's pg_dump/pg_restore.
faultlibs:
	@$(PYTHON) scripts/check_syslibs.py redis-server pgclient

migrate: $(VENV)/.deps syslibs
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v 0

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# ruff (lint and format), mypy with django-stubs (config in pyproject.toml), the migrations check.
lint: $(VENV)/.deps-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0

# The whole suite: lint first, then pytest in two phases (in process; then on PostgreSQL + Redis).
test: lint syslibs browser faultlibs
	$(BIN)/pytest -m "not services"
	$(BIN)/python scripts/with_services.py --else-only-services $(BIN)/pytest

# The fast suite: no browser, no PostgreSQL/Redis/worker (what to run while working).
test-unit: $(VENV)/.deps-dev syslibs
	$(BIN)/pytest -m "not services and not e2e" -q

bench: $(VENV)/.deps-dev syslibs
	$(BIN)/python -m bench

clean:
	rm -rf var
