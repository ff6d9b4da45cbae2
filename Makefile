# Two commands do all the set-up on a machine with only python3 and make:
#   make run   - create .venv, install plantrack, report on plans/
#   make test  - create .venv if missing, install the locked test environment, run the tests
#   make lock  - refresh requirements/test.txt (the pinned, hashed test environment)
VENV   := .venv
# Windows (make from Git for Windows' SDK, MSYS2 or Chocolatey): the venv keeps its
# programs in Scripts\ and python.org's installer names no python3.
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN    := $(VENV)/Scripts
EXE    := .exe
else
PYTHON ?= python3
BIN    := $(VENV)/bin
EXE    :=
endif
STAMP  := $(VENV)/.installed-test
LOCK   := requirements/test.txt
# uv resolves the lock for every Python we support at once (--universal).
UV_VERSION := 0.13.9
RUNSTAMP := $(VENV)/.installed
PLANS  ?= plans

.PHONY: run test lint lock lowest newest mutate bench fuzz schema report report-screenshot site-screenshots docs clean

$(BIN)/python$(EXE):
	$(PYTHON) -m venv $(VENV)

$(RUNSTAMP): pyproject.toml | $(BIN)/python$(EXE)
	$(BIN)/python -m pip install -q -e .
	touch $(RUNSTAMP)

# Tests run on exactly the versions in the committed lock (pip and setuptools
# included), so a new upstream release cannot turn a fresh clone red; CI's
# scheduled jobs try the newest and the lowest allowed versions instead.
$(STAMP): $(LOCK) pyproject.toml | $(BIN)/python$(EXE)
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP) $(RUNSTAMP)

# Re-resolve the test lock (after changing dependencies in pyproject.toml, or to
# take newer releases); commit the result with the change that needed it.
lock: | $(BIN)/python$(EXE)
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)
	$(BIN)/uv pip compile -q pyproject.toml requirements/tools.in --extra test \
		--universal --generate-hashes --python-version 3.10 \
		--custom-compile-command "make lock" -o $(LOCK) $(if $(UPGRADE),--upgrade)

# The meeting's job: check the plans, then the summary and what is overdue, both as at
# the close of the current quarter (one day D, so the two agree); plans that have
# ended are left out and counted (--all shows them).
run: $(RUNSTAMP)
	$(BIN)/plantrack validate $(PLANS)
	$(BIN)/plantrack summary --plans $(PLANS) --by plan --quarter current
	$(BIN)/plantrack overdue --plans $(PLANS) --quarter current

# One worker per core (pytest-xdist); a test file stays on one worker, so a module's
# expensive fixture (the site built once, its browser checks) is made once.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# CI's scheduled jobs, to run by hand: the suite on the lowest versions pyproject.toml
# allows for each direct dependency (`make lowest PYTHON=python3.12`), and on the
# newest releases with no lock. Each in its own venv, so .venv stays the locked one.
lowest: | $(BIN)/python$(EXE)
	$(BIN)/python -m pip install -q uv==$(UV_VERSION)
	rm -rf $(VENV)-lowest
	$(BIN)/uv venv -q -p $(PYTHON) $(VENV)-lowest
	$(BIN)/uv pip install -q --python $(VENV)-lowest --resolution lowest-direct -e '.[test]'
	$(VENV)-lowest/$(notdir $(BIN))/python -m pytest

newest:
	rm -rf $(VENV)-newest
	$(PYTHON) -m venv $(VENV)-newest
	$(VENV)-newest/$(notdir $(BIN))/python -m pip install -q --upgrade pip
	$(VENV)-newest/$(notdir $(BIN))/python -m pip install -q --upgrade -e '.[test]'
	$(VENV)-newest/$(notdir $(BIN))/python -m pytest

# Mutation testing of the core rules: each mutant (a flipped comparison, a changed
# constant, ...) is run against the tests that cover those modules, and one that
# no test fails is a survivor (`$(BIN)/mutmut results`, `$(BIN)/mutmut show ID`).
# mutmut changes each file in place and puts it back: run it on a committed tree.
# Slow, seconds a mutant: MUTATE= and MUTATE_TESTS= narrow it. Score: tests/README.md.
# mutmut 2.x counts only exit 1 as a kill: a mutant that breaks the import (pytest exits
# 2) would "survive", so any failure is turned into exit 1.
MUTMUT_VERSION := 2.5.1
# The modules mutated by default (tests/README.md has the score and the survivors of each).
MUTATED := dates/calendar.py dates/window.py rows/query.py rows/counts.py plan/check.py \
	plan/schema_errors.py dates/grammar.py \
	dates/resolve.py plan/load.py plan/edit.py usecases/importer.py
empty :=
comma := ,
MUTATE ?= $(subst $(empty) $(empty),$(comma),$(addprefix src/plantrack/,$(MUTATED)))
MUTATE_TESTS ?= tests/unit tests/acceptance/test_rules_at_their_edges.py
mutate: $(STAMP)
	$(BIN)/python -m pip install -q mutmut==$(MUTMUT_VERSION)
	$(BIN)/mutmut run --paths-to-mutate $(MUTATE) --tests-dir tests --simple-output \
		--runner "sh -c '$(BIN)/python -m pytest -x -q -p no:cacheprovider $(MUTATE_TESTS) || exit 1'" || true
	$(BIN)/mutmut results

# Benchmarks (ratios against baselines measured in the same run); not part of `make test`.
bench: $(STAMP)
	$(BIN)/python -m pip install -q check-jsonschema || echo "check-jsonschema unavailable: A skipped"
	$(BIN)/python bench/run.py

# A long mutation-fuzzing run (the default `make test` run is 300 mutations).
fuzz: $(STAMP)
	PLANTRACK_FUZZ_RUNS=$${RUNS:-100000} $(BIN)/python -m pytest tests/acceptance/test_fuzz.py

schema: $(STAMP)
	$(BIN)/plantrack schema

clean:
	rm -rf $(VENV) $(VENV)-lowest $(VENV)-newest build src/*.egg-info

# The committed sample committee paper: the plans in plans/ over a made-up quarterly git
# history (tests/sample_history.py), so that its changes and trend sections have data.
report: $(RUNSTAMP)
	@tmp=$$(mktemp -d) && $(BIN)/python tests/sample_history.py $$tmp && \
	(cd $$tmp && PLANTRACK_TODAY=2026-11-23 $(CURDIR)/$(BIN)/plantrack report --quarter Q4-25/26 --all) \
		> docs/report-sample.html; status=$$?; rm -rf $$tmp; exit $$status
	@echo "wrote docs/report-sample.html"

# The sample paper's first A4 page in headless Chromium, to look at (docs/report-sample.png).
report-screenshot: report
	$(BIN)/python tests/browser.py screenshot docs/report-sample.html docs/report-sample.png

# The public site of the same plans and history (build/site-sample/public), and one plan
# page at phone and desktop width in headless Chromium (docs/site-plan-*.png, the guide).
SITE_PAGE := build/site-sample/public/plans/year-ahead-plan-2021-22.html
site-screenshots: $(RUNSTAMP)
	rm -rf build/site-sample && $(BIN)/python tests/sample_history.py build/site-sample
	cd build/site-sample && $(CURDIR)/$(BIN)/plantrack site -o public --quarter Q4-25/26
	$(BIN)/python tests/browser.py screenshot $(SITE_PAGE) docs/site-plan-phone.png 375 1400
	$(BIN)/python tests/browser.py screenshot $(SITE_PAGE) docs/site-plan-desktop.png 1280 1000

# Re-run the commands shown in README.md, docs/*.md and docs/reference/*.md and refresh
# their output; write docs/reference/commands.md from the command line's own help.
docs: $(STAMP)
	$(BIN)/python tests/command_reference.py --write
	$(BIN)/python tests/doc_blocks.py --write
