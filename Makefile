# TradeWatch: `make run` serves the demo site, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install install-dev lint format demo bench backup clean

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
	rm -rf var/cache
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

## backup: a timestamped database backup (pg_dump or SQLite copy) and bundle export in backups/
backup: install
	$(BIN)/python manage.py backup --output-dir backups

## bench: load benchmark on PostgreSQL with 10,000 generated articles; writes docs/benchmarks.md
BENCH_DATABASE ?= tradewatch_bench
BENCH_PGHOST ?= 127.0.0.1
BENCH_PGPORT ?= 5432
BENCH_PGUSER ?= postgres
BENCH_DATABASE_URL ?= postgres://$(BENCH_PGUSER)@$(BENCH_PGHOST):$(BENCH_PGPORT)/$(BENCH_DATABASE)
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/14
BENCH_ARGS ?=
bench: install
	command -v wrk >/dev/null 2>&1 || (apt-get install -y -qq wrk >/dev/null 2>&1) \
	  || echo "wrk could not be installed: the benchmark uses its Python load generator"
	createdb -h $(BENCH_PGHOST) -p $(BENCH_PGPORT) -U $(BENCH_PGUSER) $(BENCH_DATABASE) \
	  2>/dev/null || true
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
	  $(BIN)/python manage.py bench --articles 10000 --seed 1 --output docs/benchmarks.md $(BENCH_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles var/cache .pytest_cache .ruff_cache
