"""Concurrent callers' encodes as one model call: :class:`BatchingEmbedder`.

It wraps any :class:`~roleqa.guides.embed.Embedder`. A caller whose input
fails the model (a lone surrogate, once) fails alone: the batch is run again
one request at a time, so the other callers still get their vectors.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from .embed import Embedder, Vectors, dictionary_of

__all__ = ["BatchingEmbedder"]


class _Request:
    __slots__ = ("error", "result", "texts")

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.result: Vectors | None = None
        self.error: BaseException | None = None


class BatchingEmbedder:
    """Runs the encodes of concurrent callers as one model call.

    On two cores, eight requests at once cost far less as one batch of eight
    than as eight calls fighting for the cores. No timer is involved: an idle
    caller runs its own texts at once (no added latency); callers that arrive
    while a batch runs wait, and the first of them then runs all that piled up.
    """

    def __init__(self, inner: Embedder, max_texts: int = 64) -> None:
        if max_texts < 1:
            raise ValueError(f"max_texts must be at least 1, not {max_texts}")
        self.inner = inner
        self.max_texts = max_texts
        self.calls = 0  # model calls made, for tests and benchmarks
        self._cond = threading.Condition()
        self._pending: list[_Request] = []
        self._busy = False

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dim(self) -> int:
        return self.inner.dim

    @property
    def dictionary(self) -> frozenset[str]:
        return dictionary_of(self.inner)

    def warm_up(self) -> None:
        warm = getattr(self.inner, "warm_up", None)
        if warm is not None:
            warm()

    def encode(self, texts: Sequence[str]) -> Vectors:
        request = _Request(texts)
        with self._cond:
            self._pending.append(request)
            while request.result is None and request.error is None and self._busy:
                self._cond.wait()
            if request.result is None and request.error is None:
                batch, size = [], 0
                # Take waiting requests in arrival order up to max_texts (always ours).
                for r in list(self._pending):
                    if r is request or size + len(r.texts) <= self.max_texts:
                        batch.append(r)
                        size += len(r.texts)
                self._pending = [r for r in self._pending if r not in batch]
                self._busy = True
            else:
                batch = []
        if batch:
            self._run(batch)
        if request.error is not None:
            raise request.error
        assert request.result is not None
        return request.result

    def _run(self, batch: list[_Request]) -> None:
        try:
            try:
                vectors = self.inner.encode([t for r in batch for t in r.texts])
            except Exception:
                if len(batch) == 1:
                    raise
                # One caller's bad input must not fail the others sharing its
                # batch: run each alone, so only the culprit gets the error.
                self._run_each(batch)
            else:
                start = 0
                for r in batch:
                    r.result = vectors[start : start + len(r.texts)]
                    start += len(r.texts)
        except BaseException as exc:  # every waiter must learn of it, not hang
            for r in batch:
                if r.result is None and r.error is None:
                    r.error = exc
        finally:
            with self._cond:
                self.calls += 1
                self._busy = False
                self._cond.notify_all()

    def _run_each(self, batch: list[_Request]) -> None:
        """Encode each request of a failed batch on its own, recording its error."""
        for r in batch:
            try:
                r.result = self.inner.encode(r.texts)
            except Exception as exc:
                r.error = exc
