"""The vectors a question is compared with besides the passages, and the model calls it costs.

:class:`WordSpace` holds the corpus's words and the off-guide topics as
vectors (read from the index, or embedded once at warm-up), answers "how close is this word to some
word of these guides?", remembers the best corpus match of each unknown name,
and embeds a question's texts in one model call (with an optional cache for
texts asked again, which evaluation turns on).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..guides.embed import Embedder
from ..guides.tables import VectorTable

__all__ = ["WordSpace"]

Vector = npt.NDArray[np.float32]


class WordSpace:
    """Word and topic vectors of one index, and the question-side caches."""

    def __init__(self, embedder: Embedder, words: Sequence[str], topics: Sequence[str],
                 cache_size: int = 0, off_topic: Sequence[str] = ()) -> None:
        self.embedder = embedder
        self.words = list(words)
        self.rows = {w: i for i, w in enumerate(self.words)}
        self._topic_texts = list(topics)
        self._off_topic_texts = list(off_topic)
        self.off_topic_vectors: Vector | None = None
        self.cache_size = cache_size
        self.word_vectors: Vector | None = None
        self.topic_vectors: Vector | None = None
        self._lock = threading.Lock()
        self._masks: dict[tuple[str, ...], npt.NDArray[np.bool_]] = {}
        #: best cosine of a name the corpus lacks with a corpus word; bounded LRU
        self.similar: OrderedDict[str, float] = OrderedDict()
        self._cache: OrderedDict[str, Vector] = OrderedDict()

    @property
    def ready(self) -> bool:
        return self.topic_vectors is not None

    def warm_up(self, stored: Mapping[str, VectorTable] | None = None) -> None:
        """Take the corpus words' and the topics' vectors from the ``stored``
        tables (``words``, ``topics``: see :meth:`tables`), embedding only
        what they lack (once; thread-safe)."""
        stored = stored or {}
        empty = VectorTable((), np.zeros((0, self.embedder.dim), dtype=np.float32))
        encode = self.embedder.encode
        with self._lock:
            if self.topic_vectors is None:
                self.word_vectors = (stored.get("words", empty).vectors_for(self.words, encode)
                                     if self.words else None)
                self.off_topic_vectors = stored.get("off_topic", empty).vectors_for(
                    self._off_topic_texts, encode)
                self.topic_vectors = stored.get("topics", empty).vectors_for(
                    self._topic_texts, encode)

    def tables(self) -> dict[str, VectorTable]:
        """The word and topic vectors as tables for the index to store (after warm-up)."""
        self.warm_up()
        assert self.topic_vectors is not None
        words = (self.word_vectors if self.word_vectors is not None
                 else np.zeros((0, self.topic_vectors.shape[1]), dtype=np.float32))
        assert self.off_topic_vectors is not None
        return {"words": VectorTable(tuple(self.words), words),
                "topics": VectorTable(tuple(self._topic_texts), self.topic_vectors),
                "off_topic": VectorTable(tuple(self._off_topic_texts), self.off_topic_vectors)}

    def embed(self, texts: list[str]) -> Vector:
        """``texts`` embedded in one model call. With a ``cache_size``, a text
        embedded before reuses its vector (bounded LRU): evaluation asks the
        same questions of many variants. Serving keeps it off by default, so
        every ask costs what a new visitor's does."""
        with self._lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
            for t in known:
                self._cache.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            for t, v in zip(missing, self.embedder.encode(missing), strict=True):
                known[t] = v
            with self._lock:
                self._cache.update((t, known[t]) for t in missing if self.cache_size)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def encode_question(self, text: str, focus: str, names: Sequence[str]) -> tuple[Vector, Vector]:
        """Embed query and focus, and in the same batch any name-like word the
        corpus lacks, so the judge can ask whether some corpus word means the
        same. One model call per question."""
        self.warm_up()
        # Only words written as names can decide a decline (see judge.py), so only
        # they are worth embedding; each is embedded once, then remembered.
        fresh = [w for w in names if w not in self.similar]
        batch = [text] if focus == text else [text, focus]
        vectors = self.embed([*batch, *fresh])
        if fresh:
            best = (
                (vectors[len(batch):] @ self.word_vectors.T).max(axis=1)
                if self.word_vectors is not None else np.zeros(len(fresh))
            )
            with self._lock:
                for word, score in zip(fresh, best, strict=True):
                    self.similar[word] = float(score)
                while len(self.similar) > 50_000:
                    self.similar.popitem(last=False)
        return vectors[0], vectors[len(batch) - 1]

    def off_guide(self, focus_vector: Vector) -> float:
        """The best cosine of a question's focus with a topic guides rarely cover."""
        return float(self._topic_scores(focus_vector).max())

    def off_topic(self, query_vector: Vector) -> float:
        """The best cosine of a whole query with a message about no role at all."""
        self.warm_up()
        vectors = self.off_topic_vectors
        if vectors is None or not len(vectors):
            return -1.0
        return float((vectors @ query_vector).max())

    def off_guide_topic(self, focus_vector: Vector) -> str:
        """The topic guides rarely cover that a question's focus comes closest to."""
        return self._topic_texts[int(self._topic_scores(focus_vector).argmax())]

    def _topic_scores(self, focus_vector: Vector) -> Vector:
        self.warm_up()
        assert self.topic_vectors is not None
        return self.topic_vectors @ focus_vector

    def close_in(self, word: str, docs: Sequence[str], holds: Callable[[str], bool],
                 embed_unknown: bool = False) -> float:
        """The best cosine of ``word`` with a word of the guides ``docs``
        (``holds(w)``: whether those guides use ``w``). A word the corpus
        lacks is embedded when ``embed_unknown`` (one model call), else it
        counts as close: no evidence either way."""
        self.warm_up()
        row = self.rows.get(word)
        if self.word_vectors is None or (row is None and not embed_unknown):
            return 1.0
        vector = self.word_vectors[row] if row is not None else self.embed([word])[0]
        key = tuple(sorted(docs))
        mask = self._masks.get(key)
        if mask is None:
            mask = np.array([holds(w) for w in self.words], dtype=bool)
            with self._lock:
                if len(self._masks) > 1024:
                    self._masks.clear()
                self._masks[key] = mask
        if not mask.any():
            return 0.0
        return float((self.word_vectors[mask] @ vector).max())
