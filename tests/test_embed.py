"""The embedders: the fake's properties, the micro-batcher under threads, the real model."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from roleqa.errors import ModelError
from roleqa.guides.batching import BatchingEmbedder
from roleqa.guides.embed import HashEmbedder, resolve_model_path


class SlowEmbedder(HashEmbedder):
    """A fake whose every call takes a while, as a model's forward pass does."""

    def __init__(self) -> None:
        super().__init__(dim=32)
        self.batches: list[int] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(len(texts))
        time.sleep(0.02)
        return super().encode(texts)


def test_hash_embedder_is_normalised_and_deterministic() -> None:
    e = HashEmbedder(dim=64)
    a = e.encode(["Which cloud platforms?", "", "!!!"])
    assert a.shape == (3, 64) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.array_equal(a, e.encode(["Which cloud platforms?", "", "!!!"]))


def test_batcher_gives_each_caller_its_own_rows_and_shares_model_calls() -> None:
    inner = SlowEmbedder()
    batcher = BatchingEmbedder(inner)
    texts = [[f"question {i}", f"focus {i}"] for i in range(24)]
    results: dict[int, np.ndarray] = {}

    def ask(i: int) -> None:
        results[i] = batcher.encode(texts[i])

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    reference = HashEmbedder(dim=32)
    for i in range(24):
        assert np.array_equal(results[i], reference.encode(texts[i]))
    assert batcher.calls == len(inner.batches) < 24  # concurrent callers shared calls
    assert max(inner.batches) > 2


def test_batcher_alone_adds_no_wait_and_respects_the_batch_cap() -> None:
    inner = SlowEmbedder()
    batcher = BatchingEmbedder(inner, max_texts=3)
    batcher.encode(["one"])
    assert inner.batches == [1]
    with pytest.raises(ValueError, match="max_texts"):
        BatchingEmbedder(inner, max_texts=0)


def test_batcher_passes_errors_to_every_waiting_caller() -> None:
    class Broken(HashEmbedder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            time.sleep(0.01)
            raise RuntimeError("model crashed")

    batcher = BatchingEmbedder(Broken())
    errors: list[str] = []

    def ask() -> None:
        try:
            batcher.encode(["x"])
        except RuntimeError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert errors == ["model crashed"] * 6
    # still usable afterwards (no stuck lock): the next call runs, and fails, at once
    with pytest.raises(RuntimeError):
        batcher.encode(["again"])


def test_a_model_path_that_is_not_a_model_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError, match="not a local sentence-transformers folder"):
        resolve_model_path(str(tmp_path))


@pytest.mark.model
def test_real_model_fast_path_matches_sentence_transformers(real_embedder) -> None:  # type: ignore[no-untyped-def]
    texts = ["Which cloud platforms does a deep learning engineer use?", "hi", "C++ and SQL"]
    ours = real_embedder.encode(texts)
    theirs = real_embedder._model.encode(texts, normalize_embeddings=True)
    assert real_embedder._fast is not None
    assert np.abs(ours - theirs).max() < 1e-5
    assert ours.shape == (3, real_embedder.dim)
