"""Shared fixtures. Every test runs with ROLEQA_* variables cleared and offline
model loading forced, so a developer's environment cannot change results."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roleqa.config import Settings
from roleqa.guides.embed import HashEmbedder
from roleqa.quality.variants import with_memory

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
INDEX = ROOT / "index"
BANK = ROOT / "eval" / "questions.jsonl"
TUNING = ROOT / "eval" / "tuning.json"
CATALOGUE = ROOT / "examples" / "catalogue"
#: where `roleqa index` (and so `make run`, `make test`) puts the model's ONNX export
CACHE = ROOT / ".cache" / "roleqa"

TINY_GUIDE = """\
Intro text before any heading. It sets the scene.

# What does a gardener do?

Gardeners plant seeds, water beds and prune roses.

- planting subtasks such as sowing seeds and transplanting seedlings.
- care subtasks such as watering, weeding and pruning.

# What tools does a gardener use?

Gardeners use spades, rakes and watering cans. Some use a wheelbarrow.
"""


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in list(os.environ):
        if name.startswith("ROLEQA_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ROLEQA_CACHE_DIR", str(CACHE))  # the same export from any folder
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    monkeypatch.setenv("ROLEQA_FEEDBACK_PATH", str(feedback))
    # No question bank unless a test names one: the repo's evaluation set is
    # about the shipped guide, not the small guides tests build.
    monkeypatch.setenv("ROLEQA_QUESTION_BANK", str(feedback.parent / "no-bank.jsonl"))


@pytest.fixture(scope="session", autouse=True)
def onnx_export(request: pytest.FixtureRequest) -> None:
    """The packaged model's ONNX export, made once (about 20 s) if missing: a fresh
    clone's `make test` makes it with `roleqa index` first, a bare `pytest` here.
    Skipped when the real model is deselected (``-m "not model"``)."""
    if "not model" in (request.config.getoption("markexpr") or ""):
        return
    from roleqa.guides.build import ensure_export

    ensure_export(Settings(corpus_dir=CORPUS, question_bank=BANK, cache_dir=CACHE))


@pytest.fixture
def fake_embedder() -> HashEmbedder:
    return HashEmbedder(dim=128)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "gardener.md").write_text(TINY_GUIDE, encoding="utf-8")
    return corpus


@pytest.fixture
def tiny_settings(tmp_path: Path, tiny_corpus: Path) -> Settings:
    return Settings(corpus_dir=tiny_corpus, index_dir=tmp_path / "index",
                    question_bank=tmp_path / "no-bank.jsonl")


@pytest.fixture(scope="session")
def real_embedder() -> Iterator[object]:
    """The packaged all-MiniLM-L6-v2, loaded once for the whole run."""
    from roleqa.guides.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.warm_up()
    yield embedder


@pytest.fixture(scope="session")
def assistant(real_embedder: object) -> object:
    """The real assistant over the committed index of the shipped guide."""
    from roleqa.engine.assistant import Assistant

    settings = Settings(corpus_dir=CORPUS, index_dir=INDEX, question_bank=BANK, tuning=TUNING)
    a = Assistant.load(settings, embedder=real_embedder)  # type: ignore[arg-type]
    a.warm_up()
    return a


@pytest.fixture(scope="session")
def assistant_over(real_embedder: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Makes the real assistant over a folder of guides, indexed afresh without a
    question memory and with the committed tuning, as a site's own guides are."""
    from roleqa.engine.assistant import Assistant
    from roleqa.engine.tuning import load_tuning
    from roleqa.guides.build import stage

    def make(corpus: Path) -> Any:
        settings = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("index"),
                            question_bank=Path("no-bank.jsonl"), tuning=TUNING)
        a = Assistant.over(stage(settings, real_embedder), real_embedder, settings,
                           load_tuning(TUNING)[0])
        a.warm_up()
        return a

    return make


@pytest.fixture(scope="session")
def blind_assistant(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Makes the real assistant over some guides written blind (eval/blind/guides,
    by slug), copied into a folder of their own as a site would bring them."""
    blind = Path(__file__).resolve().parents[1] / "eval" / "blind" / "guides"

    def make(*slugs: str) -> Any:
        corpus = tmp_path_factory.mktemp("guides")
        for slug in slugs:
            text = (blind / f"{slug}.md").read_text(encoding="utf-8")
            (corpus / f"{slug}.md").write_text(text, encoding="utf-8")
        return assistant_over(corpus)

    return make


@pytest.fixture(scope="session")
def catalogue_assistant(assistant_over: Any) -> Any:
    """The real assistant over the example catalogue (six role guides sharing
    template text)."""
    return assistant_over(CATALOGUE)


@pytest.fixture(scope="session")
def catalogue_banked(catalogue_assistant: Any) -> Any:
    """The example catalogue with the question memory of the bank's dev split,
    as `roleqa index` builds it for that corpus."""
    from roleqa.quality.evaluate import load_questions
    from roleqa.quality.learn import remember

    a = catalogue_assistant
    return with_memory(a, remember(a, load_questions(BANK, "dev")))


_REAL_MODEL = {"assistant", "real_embedder", "assistant_over", "catalogue_assistant",
               "catalogue_banked"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that takes a real-model fixture is a real-model test: mark it
    ``model``, so that ``pytest -m "not model"`` is the fast suite."""
    for item in items:
        if _REAL_MODEL & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
