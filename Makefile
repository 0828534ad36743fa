# roleqa — two commands do everything on a fresh machine:
#   make run    install, build the index if stale, serve the app
#   make test   install (with test tools and Chromium) and run every check
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
# torch first, pinned: the CPU wheel on this disk. Unpinned, pip pulls a multi-GB CUDA build.
TORCH := torch==2.13.0
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test install install-test index chromium lint bench eval clean catalogue tune eval-catalogue eval-blind eval-heldout

run: install index
	$(BIN)/roleqa serve

# `index` first: a fresh clone has no ONNX export yet (git-ignored, made from the packaged model)
test: install-test chromium index
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.torch: | $(BIN)/python
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(TORCH)
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.torch
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	touch $@

# Debian's Chromium drives the browser tests (never `playwright install`: it downloads).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

index: install
	$(BIN)/roleqa index

eval: install
	$(BIN)/roleqa eval

# The example catalogue (six guides): where the tuning is fitted and the
# many-guide figures are measured.
CATALOGUE := --corpus-dir examples/catalogue --index-dir build/catalogue

catalogue: install
	$(BIN)/roleqa $(CATALOGUE) index

tune: catalogue
	$(BIN)/roleqa $(CATALOGUE) eval --tune --write

eval-catalogue: catalogue
	$(BIN)/roleqa $(CATALOGUE) eval --retriever hybrid --leave-one-guide-out \
		--out eval/reports/catalogue

# Guides written blind (eval/blind/), served beside the catalogue: a dev set
# of guides shaped unlike it.
BLIND := --corpus-dir build/blind/corpus --index-dir build/blind/index

eval-blind: install
	mkdir -p build/blind/corpus
	cp examples/catalogue/*.md eval/blind/guides/*.md build/blind/corpus/
	$(BIN)/roleqa $(BLIND) index
	$(BIN)/roleqa $(BLIND) eval --set eval/blind/questions.jsonl --split dev \
		--retriever hybrid --out eval/reports/blind

# Guides held out (eval/heldout/): scored once, never tuned on.
HELDOUT := --corpus-dir build/heldout/corpus --index-dir build/heldout/index

eval-heldout: install
	mkdir -p build/heldout/corpus
	cp examples/catalogue/*.md eval/heldout/guides/*.md build/heldout/corpus/
	$(BIN)/roleqa $(HELDOUT) index
	$(BIN)/roleqa $(HELDOUT) eval --set eval/heldout/questions.jsonl --split test \
		--retriever hybrid --out eval/reports/heldout

bench: install-test
	$(BIN)/python benchmarks/run.py --quick

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts .cache
