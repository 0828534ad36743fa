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

# Guides written blind beside the catalogue: eval/blind/ a dev set shaped
# unlike it, eval/heldout/ scored and never tuned on.
# $(call guide-set,NAME,SPLIT) indexes eval/NAME/guides with the catalogue and
# scores eval/NAME/questions.jsonl into eval/reports/NAME.
define guide-set
	mkdir -p build/$(1)/corpus
	cp examples/catalogue/*.md eval/$(1)/guides/*.md build/$(1)/corpus/
	$(BIN)/roleqa --corpus-dir build/$(1)/corpus --index-dir build/$(1)/index index
	$(BIN)/roleqa --corpus-dir build/$(1)/corpus --index-dir build/$(1)/index eval \
		--set eval/$(1)/questions.jsonl --split $(2) --retriever hybrid --out eval/reports/$(1)
endef

eval-blind: install
	$(call guide-set,blind,dev)

eval-heldout: install
	$(call guide-set,heldout,test)

bench: install-test
	$(BIN)/python benchmarks/run.py --quick

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts .cache
