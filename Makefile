# TradeWatch: `make run` serves the demo site, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install install-dev lint format demo bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## run: create the venv, install, migrate, load the demo data and serve on SQLite
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo ""
	@echo "  TradeWatch is at  http://$(HOST):$(PORT)/"
	@echo "  The admin is at   http://$(HOST):$(PORT)/admin/"
	@echo "  Log in as the demo editor:   editor / tradewatch-demo"
	@echo "  or as the demo reporter:     reporter / tradewatch-demo"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install test dependencies and run the whole suite (DATABASE_URL picks the database)
test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
