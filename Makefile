# Passend Portaal — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
APT_LINE := sudo apt-get install -y python3-venv make libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
HOST ?= 127.0.0.1
# The shape of the demo database under var/. When migrations are reset before the first release, this
# number goes up and `make run` puts an older demo database aside instead of failing on it.
SCHEMA := 2
PORT ?= 8000

.PHONY: run test install install-dev check-system bench bench-web lint clean

check-system:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Passend Portaal heeft Python 3.11 of nieuwer nodig."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || \
	  { echo "Python-venv ontbreekt. Installeer het met:"; echo "  $(APT_LINE)"; exit 1; }
	@(ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0') || \
	  { echo "WeasyPrint (PDF) heeft Pango nodig. Installeer het met:"; echo "  $(APT_LINE)"; exit 1; }

$(VENV)/bin/activate:
	@echo "Passend Portaal installeren in .venv (eenmalig; met een trage verbinding duurt dit enkele minuten)."
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# XStatic-Bootstrap (Bootstrap 5 from PyPI) only ships an sdist whose build needs pkg_resources.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	@echo "1/3 bouwgereedschap"
	@$(PIP) install --quiet "setuptools<81" wheel
	@echo "2/3 Bootstrap (vormgeving, van PyPI)"
	@mkdir -p var/log && $(PIP) install --quiet --no-build-isolation "XStatic-Bootstrap>=5.3,<6" 2>var/log/install.log \
	  || { cat var/log/install.log; exit 1; }
	@echo "3/3 Django, Celery, WeasyPrint en de rest (zie README: wat elke bibliotheek doet)"
	@$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	@echo "Testgereedschap installeren (pytest, Playwright, ruff)"
	@$(PIP) install --quiet -e ".[dev]"
	@touch $@

# The local OpenID Connect provider of the single sign-on tests (panva's oidc-provider, from npm; tests/oidc). Without
# npm the step is skipped quietly and those tests skip with a message (CI, REQUIRE_SERVICES=1: they fail instead).
tests/oidc/node_modules/.package-lock.json: tests/oidc/package-lock.json
	@if command -v npm >/dev/null; then echo "OIDC-testaanbieder installeren (npm ci --prefix tests/oidc)"; \
	  npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error >/dev/null; fi

install: check-system $(VENV)/.installed

install-dev: check-system $(VENV)/.installed-dev tests/oidc/node_modules/.package-lock.json

# make run: the embedded default — SQLite under var/, the deadline worker on the filesystem broker
# with an embedded beat (really running the periodic tasks), e-mail as files under var/mail.
run: install
	@export PORTAL_DEMO=1 TERMIJNEN_SWEEP_INTERVAL=$${TERMIJNEN_SWEEP_INTERVAL:-60} PORTAL_BASE_URL=http://$(HOST):$(PORT); \
	set -e; mkdir -p var; \
	if [ -f var/portal.sqlite3 ] && [ "$$(cat var/.schema 2>/dev/null)" != "$(SCHEMA)" ]; then \
	  oud=var/oud-$$(date +%Y%m%d-%H%M%S); mkdir -p $$oud; mv var/portal.sqlite3* $$oud/; [ -d var/media ] && mv var/media $$oud/; \
	  echo "De demo-database in var/ had een oudere opzet; hij staat nu in $$oud/ en wordt opnieuw gemaakt."; \
	fi; echo $(SCHEMA) > var/.schema; \
	$(PY) manage.py migrate --noinput >/dev/null; \
	$(PY) manage.py vertalingen >/dev/null; \
	$(PY) manage.py demo; \
	mkdir -p var/log; \
	$(VENV)/bin/celery -A portal worker --beat --pool=solo --loglevel=INFO \
	    --schedule var/celerybeat-schedule >var/log/worker.log 2>&1 & WORKER=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload & WEB=$$!; \
	trap 'kill $$WORKER $$WEB 2>/dev/null; wait 2>/dev/null; echo; echo "Passend Portaal is gestopt."; exit 0' INT TERM; \
	echo; echo "Passend Portaal draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"; \
	echo "Termijnbewaker (Celery worker + beat, zonder Redis): log in var/log/worker.log; e-mail in var/mail/"; echo; \
	wait $$WEB

# make test: the whole suite. Browser tests skip with a message without Chromium (REQUIRE_BROWSER=1 fails instead).
test: install-dev
	$(PY) tests/draai.py $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

# Not in CI: need DATABASE_URL pointing at PostgreSQL (bench-web also REDIS_URL and wrk). Print tables.
bench: install-dev
	$(PY) benchmarks/sweep.py

# The load benchmark of the web pages beside a bare Django view (issue #14); SCALE=0.01 … 1.0 (national).
SCALE ?= 0.1
bench-web: install-dev
	$(PY) benchmarks/web.py --scale $(SCALE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
