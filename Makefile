# sudsud — every command a developer or a ministry IT team needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL used by `make test` for its second pass (trust auth on this machine type).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/sudsud
PYTEST_ARGS ?=

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

.PHONY: install
install: $(VENV)/.installed assets translations ## Install Python packages (PyPI) and front-end assets (npm)

.PHONY: assets
assets: assets/vendor/htmx.min.js assets/vendor/world-50m.json ## Install front-end assets from the npm registry, build the map boundaries

assets/vendor/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p assets/vendor
	cp node_modules/htmx.org/dist/htmx.min.js assets/vendor/htmx.min.js

assets/vendor/world-50m.json: assets/vendor/htmx.min.js scripts/build_boundaries.py sudsud/atlas/boundaries.py
	$(PYTHON) scripts/build_boundaries.py

.PHONY: translations
translations: $(VENV)/.installed ## Compile the fr/en/ar catalogues (.po → .mo)
	$(PY) scripts/compile_messages.py

.PHONY: messages
messages: $(VENV)/.installed ## Extract new strings into the fr/en/ar catalogues, then compile them
	$(MANAGE) makemessages --locale fr --locale en --locale ar --ignore ".venv/*" --ignore "node_modules/*" --ignore "var/*" --no-obsolete
	$(PY) scripts/fill_english_catalogue.py
	$(PY) scripts/compile_messages.py

.PHONY: migrate
migrate: install ## Create or upgrade the database
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

.PHONY: setup
setup: migrate ## Install, migrate, load reference data and create the demo administrator
	$(MANAGE) load_reference_data
	$(MANAGE) ensure_demo_admin

.PHONY: run
run: setup ## Everything a new user needs, then serve on http://127.0.0.1:8000 with a worker
	@echo "Starting the background worker and the server on http://$(HOST):$(PORT) (Ctrl-C stops both)"
	@trap 'trap - EXIT INT TERM; kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --interval 1 & \
	  $(MANAGE) runserver $(HOST):$(PORT)

# The EUTF common output indicators that `make demo` maps demonstration indicators to,
# when the file is there (it is read from ../shared, never copied into the repository).
EUTF_CATALOGUE ?= ../shared/data/eutf/eutf_common_output_indicators_akvo_2021-12.csv

.PHONY: demo
demo: setup ## Load demonstration data (about 120 activities; never in production)
	@if [ -f "$(EUTF_CATALOGUE)" ]; then \
	  echo "EUTF catalogue found at $(EUTF_CATALOGUE): demonstration indicators will be mapped to it."; \
	  $(MANAGE) load_demo_data --eutf-catalogue "$(EUTF_CATALOGUE)"; \
	else \
	  echo "No EUTF catalogue at $(EUTF_CATALOGUE): demonstration indicators are mapped only to an EUTF catalogue already loaded (set EUTF_CATALOGUE=path, or run manage.py load_framework)."; \
	  $(MANAGE) load_demo_data; \
	fi

.PHONY: worker
worker: ## Run the background worker alone
	$(MANAGE) db_worker

.PHONY: test
test: install ## The whole suite, on SQLite and then on PostgreSQL
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

.PHONY: test-sqlite
test-sqlite: install ## The suite on SQLite
	@echo "=== Test suite on SQLite ==="
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

.PHONY: test-postgres
test-postgres: install ## The suite on PostgreSQL ($(TEST_POSTGRES_URL))
	@if $(PY) scripts/postgres_available.py "$(TEST_POSTGRES_URL)"; then \
	  echo "=== Test suite on PostgreSQL ==="; \
	  DATABASE_URL="$(TEST_POSTGRES_URL)" $(PY) -m pytest $(PYTEST_ARGS); \
	elif [ -n "$$SUDSUD_REQUIRE_POSTGRES" ]; then \
	  echo "PostgreSQL is required (SUDSUD_REQUIRE_POSTGRES) but $(TEST_POSTGRES_URL) is unreachable"; exit 1; \
	else \
	  echo "=== PostgreSQL pass skipped: $(TEST_POSTGRES_URL) is unreachable (set TEST_POSTGRES_URL) ==="; \
	fi

.PHONY: check
check: install ## Lint, format check, types, layer contracts, missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy sudsud config
	$(VENV)/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run

.PHONY: format
format: install ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: backup
backup: ## Back up the database and uploaded files into var/backups/ (or BACKUP=path)
	$(MANAGE) backup $(if $(BACKUP),--output $(BACKUP),)

.PHONY: restore
restore: ## Restore a backup: make restore BACKUP=var/backups/sudsud-….tar.gz
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=path/to/backup.tar.gz"; exit 1; }
	$(MANAGE) restore $(BACKUP)

.PHONY: upgrade
upgrade: migrate ## After pulling a new version: install, migrate, reload reference data, collect static
	$(MANAGE) load_reference_data
	$(MANAGE) collectstatic --noinput --verbosity 0

.PHONY: bench
bench: install ## Print the benchmarks (page weight, monitoring at 10× scale, atlas import)
	$(PY) bench/page_weight
	$(PY) bench/programme
	$(PY) bench/atlas

.PHONY: clean
clean: ## Remove the virtual environment and installed assets (keeps var/ data)
	rm -rf $(VENV) node_modules assets/vendor
