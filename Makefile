# Two commands set everything up on a fresh machine with python3 and make:
#   make demo   venv, install, clean seeds/ into cleaned/, show what each rule removed
#   make test   venv, install with test extras (and chromium for the browser tests), lint,
#               type check (mypy, strict), the whole test suite
#   make fuzz   the property tests with many random examples (HYPOTHESIS_PROFILE=fuzz)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test fuzz bench clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The compiled core (rust/) is built by the install: a change to it reinstalls.
CORE_SOURCES := rust/Cargo.toml rust/Cargo.lock $(wildcard rust/src/*.rs)

$(VENV)/.installed-test: pyproject.toml $(CORE_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed: pyproject.toml $(CORE_SOURCES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

demo: $(VENV)/.installed
	rm -rf cleaned
	$(BIN)/clean seeds/ -o cleaned/ --explain --stats
	@echo
	@echo "Cleaned copies are in cleaned/; compare with: diff -r seeds cleaned"

test: $(VENV)/.installed-test
	sh .ci/browser-deps
	$(BIN)/python -m ruff check src tests benchmarks
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest -q

# The suite's hypothesis tests run a fixed set of examples (tests/conftest.py); this
# draws many more, at random: idempotence and "only removes or trims" on every format.
FUZZ_TESTS ?= tests/test_properties.py tests/test_format_properties.py \
	tests/test_mojibake.py tests/test_folding.py
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q $(FUZZ_TESTS)

# The full benchmark, on a generated and a real corpus (benchmarks/README.md).
# CLEANER_BENCH_MB=200 (size of each corpus), CLEANER_BENCH_LARGE_MB=1000 (flat-memory
# check). After make test, .ci/run runs the short guard: python -m benchmarks.guard
bench: $(VENV)/.installed-test
	$(BIN)/python -m pytest benchmarks -q --benchmark-columns=min,mean,rounds

clean-venv:
	rm -rf $(VENV)
