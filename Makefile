# Madang: `make run` serves the demo site, `make test` runs the whole suite. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install serve migrate demo static messages lint format check-deploy \
	check-migrations check-translations makemessages ci bench lock worker scheduler clean

run: install static migrate demo serve

serve:
	@echo "Serving Madang at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	scripts/ensure-system-packages chromium
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed node_modules/.installed messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	@scripts/ensure-system-packages gettext
	cd madang && ../$(PY) ../manage.py compilemessages --verbosity 0

migrate: install
	mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

static: install
	$(MANAGE) collectstatic --noinput --verbosity 0

worker: install
	$(MANAGE) db_worker --queue-name '*'

scheduler: install
	$(MANAGE) scheduler

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: install
	scripts/check-deploy

check-migrations: install
	mkdir -p var
	$(MANAGE) makemigrations --check --dry-run

makemessages: $(VENV)/.installed
	@scripts/ensure-system-packages gettext
	scripts/makemessages

check-translations: $(VENV)/.installed
	@scripts/ensure-system-packages gettext
	scripts/check-translations

bench: install
	scripts/ensure-system-packages wrk
	$(PY) bench/run_all.py

lock:
	scripts/lock-requirements

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) node_modules var
