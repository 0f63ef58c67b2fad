# eventplan: `make run` serves the demo; `make test` runs every suite.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run install dev translations chromium pdf-libs pgclient test lint format extract bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed translations pdf-libs

dev: $(VENV)/.installed-dev translations

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d eventplan/translations

run: install
	$(BIN)/eventplan init
	$(BIN)/eventplan demo
	EVENTPLAN_BASE_URL=$${EVENTPLAN_BASE_URL:-http://$(HOST):$(PORT)} \
	  $(BIN)/eventplan serve --host $(HOST) --port $(PORT)

chromium:
	@test -x $(CHROMIUM) || command -v chromium >/dev/null || { \
	  echo "Installing Chromium from Debian's packages"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# WeasyPrint (the progress report's PDF) loads Pango, HarfBuzz and Fontconfig from the system;
# Liberation Serif stands in for Times New Roman with the same metrics.
PDF_PACKAGES ?= libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation

pdf-libs:
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -qi "Liberation Serif" || { \
	  echo "Installing Pango and fonts for PDF from Debian's packages"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_PACKAGES); }

lint: dev
	$(BIN)/ruff check eventplan tests bench migrations/env.py

pgclient:
	@command -v pg_dump >/dev/null || { \
	  echo "Installing the PostgreSQL client tools (pg_dump, pg_restore) from Debian's packages"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql-client; }

test: dev chromium pdf-libs pgclient lint
	@echo "== SQLite suite"
	$(BIN)/pytest -q
	@if url=$$($(BIN)/python -m tests.pg_database); then \
	  echo "== PostgreSQL suite ($$url)"; \
	  EVENTPLAN_TEST_DATABASE_URL=$$url $(BIN)/pytest -q; \
	elif [ "$$EVENTPLAN_TEST_REQUIRE_ALL" = 1 ]; then \
	  echo "PostgreSQL is required (EVENTPLAN_TEST_REQUIRE_ALL=1) but 127.0.0.1:5432 does not answer"; exit 1; \
	else echo "== PostgreSQL suite skipped: nothing answers on 127.0.0.1:5432"; fi

format: dev
	$(BIN)/ruff format eventplan tests bench
	$(BIN)/ruff check --fix eventplan tests bench

extract: dev
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-output -o eventplan/translations/messages.pot .
	$(BIN)/pybabel update -i eventplan/translations/messages.pot -d eventplan/translations --no-fuzzy-matching --ignore-obsolete

bench: dev
	$(BIN)/python -m bench.plans

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
