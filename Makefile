# The two commands: `make run` serves the app with the demo story, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app partnership
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM := /usr/bin/chromium

.PHONY: run test test-fast lint install install-test browser clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

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

lint: install-test
	$(BIN)/ruff check partnership tests

test: install-test browser lint
	$(BIN)/pytest -q

test-fast: install-test
	$(BIN)/pytest -q -m "not browser"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
