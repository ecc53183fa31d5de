# Maillage — `make run` serves the demo, `make test` runs everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run install install-dev translations extract-messages lint format test test-sqlite test-postgres bench bench-email clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

translations: install
	$(BIN)/pybabel compile -d portal/translations -f 2>&1 | grep -v "^compiling catalog" || true

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o portal/translations/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel update -i portal/translations/messages.pot -d portal/translations --ignore-obsolete --ignore-pot-creation-date --no-fuzzy-matching

run: translations
	$(FLASK) db upgrade
	$(FLASK) portal seed-demo
	@echo ""
	@echo "  Maillage is starting on http://127.0.0.1:5000"
	@echo "  Demo logins (password: maillage-demo): admin@example.org (administrator),"
	@echo "  facilitatrice@example.org (facilitator of the cohort), membre@example.org (member)"
	@echo "  Two-factor code of the admin and facilitators: add the key MAILLAGEDEMOTOTPSECRETFORDEVONLY"
	@echo "  to an authenticator app, or: .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('MAILLAGEDEMOTOTPSECRETFORDEVONLY').now())\""
	@echo "  Emails are written to instance/mail/ (no MAIL_SERVER set)."
	@echo ""
	PORTAL_INPROCESS_WORKER=1 $(FLASK) run --host 127.0.0.1 --port 5000

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The SQLite pass ignores PORTAL_TEST_DATABASE_URL (CI sets it for the PostgreSQL pass).
test-sqlite: install-dev translations
	env -u PORTAL_TEST_DATABASE_URL $(BIN)/pytest

# PostgreSQL pass: only when a server answers (CI requires it; see .ci/run).
test-postgres: install-dev translations
	@if [ -n "$$PORTAL_TEST_DATABASE_URL" ] || $(BIN)/python -c "import socket,sys; socket.create_connection(('127.0.0.1',5432),1)" 2>/dev/null; then \
		PORTAL_TEST_DATABASE_URL=$${PORTAL_TEST_DATABASE_URL:-$(PG_TEST_URL)} $(BIN)/pytest; \
	elif [ "$$PORTAL_REQUIRE_SERVICES" = "1" ]; then \
		echo "PostgreSQL is required (PORTAL_REQUIRE_SERVICES=1) but unreachable"; exit 1; \
	else \
		echo "SKIPPED: the PostgreSQL pass (no server on 127.0.0.1:5432; set PORTAL_TEST_DATABASE_URL)"; \
	fi

test: lint test-sqlite test-postgres

# Both benchmarks run, even when the first misses a target; the status says if either did.
# BENCH_SCALE=0.1 make bench shrinks the load benchmark's data (1 = the full alliance).
bench: install-dev
	status=0; \
	$(BIN)/python -m bench || status=1; \
	$(BIN)/python -m bench.load --scale $${BENCH_SCALE:-1} || status=1; \
	exit $$status

# Monday's digests for 2,000 and 10,000 members, built and delivered to a local SMTP sink.
# BENCH_EMAIL_ARGS="--database-url $(PG_TEST_URL)" measures PostgreSQL as well.
bench-email: install-dev
	$(BIN)/python -m bench.email $(BENCH_EMAIL_ARGS)

clean:
	rm -rf $(VENV) instance/maillage.sqlite3* instance/mail .pytest_cache
