# The two commands: `make run` serves the app with the demo story, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app partnership
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM := /usr/bin/chromium

.PHONY: document-libraries run serve bench load test-postgres test test-fast lint install install-test browser axe directory-server clean translations update-translations

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

# Message catalogues are kept as .po text; the binary .mo files are built here, never committed.
TRANSLATIONS := partnership/translations
CATALOGUES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)

translations: $(VENV)/.installed
	@if [ -n "$(CATALOGUES)" ]; then $(BIN)/pybabel -q compile -d $(TRANSLATIONS); fi

# Collect new interface texts into the catalogues (then translate them in the .po files).
update-translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k N_ -k lazy_pgettext:1c,2 -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Pango and its fonts draw the PDFs (participant lists to sign, the funder's report pack);
# libmagic tells what an uploaded document really is from its content. Debian's packages.
document-libraries:
	@{ ldconfig -p | grep -q 'libpango-1.0.so.0' && ldconfig -p | grep -q 'libpangoft2-1.0.so.0' \
	   && ldconfig -p | grep -q 'libmagic.so.1' && test -d /usr/share/fonts/truetype/dejavu; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	    --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core file; }

install: document-libraries $(VENV)/.installed translations

install-test: document-libraries $(VENV)/.installed-test translations

run: install
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty --login
	@echo "Serving on http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's Chromium drives the browser tests; Playwright cannot download its own here.
browser:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo apt-get install -y -q chromium; fi; }

# OpenLDAP's slapd (and openssl for its test certificates) for the directory login tests; the
# tests start their own slapd on 127.0.0.1.
# The package would start a system-wide slapd: a policy-rc.d answering 101 keeps it from doing so.
SLAPD := /usr/sbin/slapd

directory-server:
	@{ test -x $(SLAPD) && command -v openssl >/dev/null; } || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  made=; if [ ! -e /usr/sbin/policy-rc.d ]; then made=1; \
	    printf '#!/bin/sh\nexit 101\n' | $$SUDO tee /usr/sbin/policy-rc.d >/dev/null; \
	    $$SUDO chmod 755 /usr/sbin/policy-rc.d; fi; \
	  $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -q --no-install-recommends slapd ldap-utils openssl; status=$$?; \
	  if [ -n "$$made" ]; then $$SUDO rm -f /usr/sbin/policy-rc.d; fi; \
	  if pidof slapd >/dev/null; then $$SUDO service slapd stop || true; fi; \
	  exit $$status; }

# axe-core (from the npm registry) checks accessibility inside Chromium during the browser tests.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q nodejs npm; \
	  else sudo apt-get update -q && sudo apt-get install -y -q nodejs npm; fi; }
	npm ci --no-audit --no-fund --silent
	touch $@

axe: $(AXE)

lint: install-test
	$(BIN)/ruff check partnership tests bench

# Tests run in parallel processes (pytest-xdist), each with databases of its own; a process
# that runs out of tests takes some of the other's still waiting (worksteal), so that neither
# sits idle at the end while the other works through a long tail. One process more than a
# 2-core machine has: a process waiting on Chromium or on the PostgreSQL server leaves its core
# to the others (measured: 8% less time on PostgreSQL, 5% with the browser tests on SQLite).
TEST_WORKERS ?= 3
PYTEST := $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal

# The whole suite on SQLite (browser tests included), then again on a PostgreSQL server that
# scripts/with-postgres.sh installs if needed, starts on 127.0.0.1 and removes afterwards.
test: install-test browser axe directory-server lint
	$(PYTEST)
	@echo "Screenshots of the main pages, as users see them: test-artifacts/screenshots/"
	scripts/with-postgres.sh $(PYTEST) -m "not browser"

test-postgres: install-test
	scripts/with-postgres.sh $(PYTEST) -m "not browser"

WORKERS ?= 4

# Production serving: gunicorn with several stateless workers on the configured database;
# threads, timeouts and keep-alive are in gunicorn.conf.py.
serve: install
	$(FLASK) db upgrade
	@echo "Serving on http://$(HOST):$(PORT)/ with $(WORKERS) workers (stop with Ctrl+C)"
	$(BIN)/gunicorn -c gunicorn.conf.py --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - "partnership:create_app()"

# The load run gets a server of its own with PostgreSQL's crash-safe defaults (fsync on), so
# that "no acknowledged write lost" means something; the timings run on a fast test server.
LOAD_RUN := POSTGRES_DURABLE=1 scripts/with-postgres.sh \
	sh -c '$(BIN)/python -m bench.load --workers $(WORKERS) --database-url "$$TEST_DATABASE_URL"'

# Synthetic data at two sizes, page and export timings against bare-SQL baselines, on SQLite
# and on PostgreSQL; then a load run of gunicorn on PostgreSQL. Figures in bench/results.json.
# Every part runs; make fails at the end if any target was not met.
bench: install
	@status=0; $(BIN)/python -m bench || status=1; \
	scripts/with-postgres.sh sh -c '$(BIN)/python -m bench --database-url "$$TEST_DATABASE_URL"' \
	  || status=1; \
	$(LOAD_RUN) || status=1; exit $$status

# Only the load run: gunicorn with $(WORKERS) workers on PostgreSQL, users reading and writing.
load: install
	$(LOAD_RUN)

test-fast: install-test directory-server
	$(PYTEST) -m "not browser"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
