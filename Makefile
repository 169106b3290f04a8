# RiskHub — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint bench-ingest clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel

$(STAMP): $(VENV)/bin/python setup.cfg pyproject.toml
	$(PIP) install -q -e . --config-settings editable_mode=compat
	touch $@

$(TSTAMP): $(STAMP)
	$(PIP) install -q -e '.[test]' --config-settings editable_mode=compat
	touch $@

run: $(STAMP)
	$(VENV)/bin/riskhub db upgrade
	$(VENV)/bin/riskhub demo seed
	$(VENV)/bin/riskhub serve --host $(HOST) --port $(PORT)

test: $(TSTAMP)
	bash scripts/test-system-deps.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(TSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check hub tests/hub

clean:
	rm -rf $(VENV) build *.egg-info
