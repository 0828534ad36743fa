"""Ranking passages for a query: dense (FAISS), lexical (BM25) and their fusion.

The hybrid ranks by a weighted sum of the dense cosine and the BM25 score
scaled to [0, 1] by the query's best BM25 score. Reciprocal-rank fusion was
measured against it on the dev split (``roleqa eval``) and lost: with a small
corpus of short passages, the size of a score gap carries information that
ranks throw away.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
import numpy.typing as npt

from ..guides.index import LoadedIndex, embedding_text
from ..text import STOPWORDS, stem, words
from ..types import Hit, Passage

__all__ = ["LexicalIndex", "Retriever", "lexical_terms"]

KINDS = ("dense", "lexical", "hybrid")


def lexical_terms(text: str) -> list[str]:
    """Stemmed non-stop words: what BM25 matches on."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


class LexicalIndex:
    """BM25 over the passages' embedding texts (heading + text), stemmed."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        corpus = [lexical_terms(embedding_text(p)) or ["\u2205"] for p in passages]
        self._bm25 = bm25s.BM25()
        self._bm25.index(corpus, show_progress=False)
        self._size = len(passages)
        self._known = {t for doc in corpus for t in doc}

    def scores(self, terms: Sequence[str]) -> npt.NDArray[np.float32]:
        """BM25 score of every passage for ``terms`` (zeros when none is known)."""
        known = [t for t in terms if t in self._known]
        if not known:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)


def _rrf(scores: npt.NDArray[np.float32], k: int = 60) -> npt.NDArray[np.float64]:
    """Reciprocal-rank scores 1 / (k + rank), rank 1 for the best."""
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
    return 1.0 / (k + ranks)


@dataclass(frozen=True)
class Retriever:
    """Ranks the passages of a loaded index; ``kind`` picks dense, lexical or hybrid.

    ``lexical_weight`` is the weight of the scaled BM25 score against the
    cosine, tuned on the dev split.
    """

    index: LoadedIndex
    lexical: LexicalIndex
    kind: str = "hybrid"
    lexical_weight: float = 0.15
    candidates: int = 50
    fusion: str = "linear"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"retriever kind must be one of {KINDS}, not {self.kind!r}")
        if self.fusion not in ("linear", "rrf"):
            raise ValueError(f"fusion must be linear or rrf, not {self.fusion!r}")
        if not 0 <= self.lexical_weight <= 10:
            raise ValueError(f"lexical_weight must be in [0, 10], not {self.lexical_weight}")

    def search(
        self,
        query_vector: npt.NDArray[np.float32],
        terms: Sequence[str],
        k: int = 5,
        history_terms: Sequence[str] = (),
        docs: Collection[str] | None = None,
    ) -> list[Hit]:
        """The top ``k`` hits, of the guides ``docs`` only when given.
        ``history_terms`` count half as much as ``terms``."""
        n = len(self.index.passages)
        mask = self.index.rows_of(docs) if docs is not None else None
        if mask is not None and mask.all():
            mask = None
        if mask is None:
            scores, ids = self.index.search(query_vector.reshape(1, -1), min(self.candidates, n))
            dense = np.full(n, float(scores[0][-1]) if len(ids[0]) else 0.0, dtype=np.float32)
            valid = ids[0] >= 0
            dense[ids[0][valid]] = scores[0][valid]
        else:
            # Confined to some guides: their cosines exactly, as the top
            # candidates of the whole index may hold none of their passages.
            rows = np.flatnonzero(mask)
            dense = np.full(n, -1.0, dtype=np.float32)
            dense[rows] = self.index.matrix[rows] @ query_vector.astype(np.float32)
        lexical = self.lexical.scores(terms)
        if history_terms:
            lexical = lexical + 0.5 * self.lexical.scores(history_terms)
        if mask is not None:
            lexical = np.where(mask, lexical, 0.0).astype(np.float32)
        top_lex = float(lexical.max()) if lexical.size else 0.0
        scaled = lexical / top_lex if top_lex > 0 else lexical
        if self.kind == "dense":
            fused = dense
        elif self.kind == "lexical":
            fused = scaled + 1e-3 * dense  # cosine only breaks BM25 ties
        elif self.fusion == "rrf":
            fused = _rrf(dense) + _rrf(lexical) + 1e-6 * dense
        else:
            fused = dense + self.lexical_weight * scaled
        if mask is not None:
            fused = np.where(mask, fused, -np.inf)
            n = int(mask.sum())
        # argpartition first: a full sort of 100k scores cost half the search time
        k = min(k, n)
        top = (np.argpartition(-fused, k - 1)[:k] if k < len(fused)
               else np.arange(len(fused)))
        order = top[np.argsort(-fused[top], kind="stable")]
        return [
            Hit(
                passage=self.index.passages[i],
                score=float(fused[i]),
                dense=float(dense[i]),
                lexical=float(lexical[i]),
            )
            for i in order
        ]
