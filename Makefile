# The two front-door commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup setup-dev lint format bench mutants check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "This project needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12+ (pyenv install 3.13, or your system's python3.13) and run again,"; \
	  echo "or point make at it: make run PYTHON=python3.13"; exit 1; }

$(VENV)/.installed: requirements.txt | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

run: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py demo
	@echo ""
	@echo "  Review desk:  http://$(HOST):$(PORT)/"
	@echo "  Admin panel:  http://$(HOST):$(PORT)/admin/"
	@echo "  (demo logins are listed above; Ctrl-C stops the server and the task worker)"
	@echo ""
	@# The task worker (big imports, checks and exports) runs beside the server; Ctrl-C reaches
	@# both, and the trap stops the worker whichever way the server ends.
	@DJANGO_DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup-dev
	$(PY) benchmarks/run.py

# Mutation testing of review/services/ (mutmut, niced, one worker; ~2-3 hours on 2 shared
# cores). Results stay in mutants/; `tools/mutants.py report` prints them again.
mutants: setup-dev
	$(PY) tools/mutants.py fresh
	$(PY) tools/mutants.py report

clean:
	rm -rf $(VENV) db.sqlite3 mutants
