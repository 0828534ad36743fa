"""Reranking the fused candidates with a small learned linear model.

The fused score (cosine + scaled BM25) leaves evidence on the table that is
cheap to read: whether the question's words sit in a passage's heading,
how well the heading alone matches the question, how strong the rest of the
passage's section is, how long the passage is, how like the question are the
remembered questions this passage answered (``roleqa.guides.memory``). :class:`Reranker` weighs such
features of each candidate with weights fitted on the dev split of the
evaluation set (:func:`fit`, run by ``roleqa eval --tune``) and turns the
weighted sums into probabilities over the candidates, which become the hits'
scores: the share of belief that this passage is the one that answers.

Every feature describes how a question meets a passage, never which passage
it is, so the weights carry over to guides added later. A passage no
remembered question names (a guide added without labelled questions) gets
the memory feature its cosine predicts: its cosine plus ``memory_offset``,
the mean gap between the two on the dev split.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from ..guides.tables import VectorTable
from ..types import Hit, Passage
from .search import lexical_terms

__all__ = ["CANDIDATES", "FEATURES", "FeatureReader", "Reranker", "features", "fit"]

Array = npt.NDArray[np.float64]
Vectors = npt.NDArray[np.float32]

#: How many fused candidates are reranked: enough that the answering passage
#: is almost always among them (hit@20 of the fused ranking is 1.0 on dev).
CANDIDATES = 20

#: What the reranker reads of each candidate, in the order of its weights.
FEATURES = (
    "dense",             # cosine of question and passage (with its heading)
    "lexical",           # BM25 score over the best candidate's
    "heading",           # cosine of question and the heading path alone
    "coverage",          # share of the question's terms in the passage text
    "heading_coverage",  # share of its terms beyond the role's words in the heading
    "log_words",         # longer passages answer more questions (a list: its lead-in)
    "item",              # 1 for a list item, or a list with its lead-in
    "dense_gap",         # cosine minus the best candidate's
    "section_best",      # best cosine of any candidate of the same section
    "first",             # 1 for the first passage of its section
    "dense_rank",        # 1 / rank by cosine among the candidates
    "lexical_rank",      # 1 / rank by BM25 among the candidates
    "memory",            # best cosine of a remembered question this passage answered
    "memory_gap",        # memory minus the best candidate's
    "focus_coverage",    # share of its terms beyond the role's words in the text
)


def _ranks(values: Array) -> Array:
    ranks = np.empty(len(values))
    ranks[np.argsort(-values, kind="stable")] = np.arange(1, len(values) + 1)
    return ranks


def features(
    hits: Sequence[Hit],
    terms: Sequence[str],
    heading_scores: Sequence[float],
    term_sets: Mapping[str, tuple[frozenset[str], frozenset[str]]],
    memory: Sequence[float] | None = None,
    telling: Sequence[str] | None = None,
) -> Array:
    """The feature matrix (one row per hit, columns as :data:`FEATURES`).

    ``terms`` are the stemmed question terms; ``heading_scores`` the cosine
    of the question with each hit's heading path; ``term_sets`` maps a passage
    id to the stemmed terms of its text and of its heading; ``memory`` is each
    hit's memory feature (default: its cosine, as with no memory at all);
    ``telling`` the terms beyond the role's own words (default: ``terms``),
    which the heading coverage counts: the opening's heading is the guide's
    title, which names the role and so holds the role's words of any question.
    The focus coverage counts them in the text: a guide's opening, which
    spells the role out, covers "SRE" of any question, and "stressful" of
    none (dev: blind guides hit@1 0.773 → 0.779, the catalogue 0.925 → 0.929).
    """
    n = len(hits)
    dense = np.array([h.dense for h in hits], dtype=np.float64)
    lexical = np.array([h.lexical for h in hits], dtype=np.float64)
    wanted = set(terms)
    share = 1.0 / max(len(wanted), 1)
    told = set(terms if telling is None else telling)
    told_share = 1.0 / max(len(told), 1)
    x = np.zeros((n, len(FEATURES)))
    x[:, 0] = dense
    x[:, 1] = lexical / lexical.max() if n and lexical.max() > 0 else 0.0
    x[:, 2] = heading_scores
    best_in_section: dict[tuple[str, tuple[str, ...]], float] = {}
    for h, d in zip(hits, dense, strict=True):
        key = (h.passage.doc, h.passage.heading_path)
        best_in_section[key] = max(best_in_section.get(key, -1.0), float(d))
    for i, h in enumerate(hits):
        text_terms, heading_terms = term_sets[h.passage.id]
        x[i, 3] = len(wanted & text_terms) * share
        x[i, 4] = len(told & heading_terms) * told_share
        x[i, 5] = math.log(max(len(h.passage.quote.split()), 1))
        x[i, 6] = h.passage.kind in ("item", "list")
        x[i, 8] = best_in_section[(h.passage.doc, h.passage.heading_path)]
        x[i, 9] = h.passage.id.endswith(":1")
        x[i, 14] = len(told & text_terms) * told_share
    x[:, 7] = dense - (dense.max() if n else 0.0)
    x[:, 10] = 1.0 / _ranks(dense) if n else 0.0
    x[:, 11] = 1.0 / _ranks(lexical) if n else 0.0
    recalled = dense if memory is None else np.asarray(memory, dtype=np.float64)
    x[:, 12] = recalled
    x[:, 13] = recalled - (recalled.max() if n else 0.0)
    return x


def _section(passage: Passage) -> tuple[str, tuple[str, ...]]:
    return passage.doc, passage.heading_path


def _heading(passage: Passage) -> str:
    return " › ".join(passage.heading_path) or passage.section


class FeatureReader:
    """Reads :func:`features` for the candidates of one index.

    It keeps what the features need of each passage: the vector of its heading
    path (embedded once, at :meth:`warm_up`) and its stemmed terms (on first use).
    """

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages
        self._headings: dict[tuple[str, tuple[str, ...]], Vectors] | None = None
        self._terms: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._lock = threading.Lock()

    def warm_up(self, encode: Callable[[list[str]], Vectors],
                stored: VectorTable | None = None) -> None:
        """Take every section's heading-path vector from ``stored`` (see
        :meth:`table`), embedding those it lacks with ``encode`` (the query model)."""
        with self._lock:
            if self._headings is None:
                heads = {_section(p): _heading(p) for p in self._passages}
                texts = list(dict.fromkeys(heads.values()))
                vectors: Vectors = (stored.vectors_for(texts, encode) if stored is not None
                                    else encode(texts) if texts else np.zeros((0, 0), np.float32))
                by_text = dict(zip(texts, vectors, strict=True))
                self._headings = {section: by_text[text] for section, text in heads.items()}

    def table(self) -> VectorTable:
        """The heading-path vectors as a table for the index to store (after warm-up)."""
        if self._headings is None:
            raise RuntimeError("FeatureReader.warm_up must run before table")
        by_text = {_heading(p): self._headings[_section(p)] for p in self._passages}
        return VectorTable(tuple(by_text), np.array(list(by_text.values()), dtype=np.float32))

    def read(self, hits: Sequence[Hit], terms: Sequence[str], vector: Vectors,
             memory: Sequence[float] | None = None,
             telling: Sequence[str] | None = None) -> Array:
        """The features of ``hits`` for a question with ``terms`` and ``vector``
        (each hit's ``memory`` feature, the ``telling`` terms: see :func:`features`)."""
        if self._headings is None:
            raise RuntimeError("FeatureReader.warm_up must run before read")
        for h in hits:
            p = h.passage
            if p.id not in self._terms:
                self._terms[p.id] = (frozenset(lexical_terms(p.text)),
                                     frozenset(lexical_terms(_heading(p))))
        headings = [float(self._headings[_section(h.passage)] @ vector) for h in hits]
        return features(hits, terms, headings, self._terms, memory, telling)


@dataclass(frozen=True)
class Reranker:
    """Orders candidates by ``softmax(features @ weights)``."""

    weights: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(
                f"the reranker needs {len(FEATURES)} weights ({', '.join(FEATURES)}), "
                f"not {len(self.weights)}"
            )
        if not all(math.isfinite(w) for w in self.weights):
            raise ValueError(f"reranker weights must be finite numbers, not {self.weights}")

    def probabilities(self, x: Array) -> Array:
        """For each candidate, the probability that it is the answering passage."""
        if not len(x):
            return np.zeros(0)
        logits = x @ np.asarray(self.weights)
        p = np.exp(logits - logits.max())
        return np.asarray(p / p.sum())

    def rerank(self, hits: Sequence[Hit], x: Array) -> list[Hit]:
        """``hits`` best first by probability, which becomes each hit's score."""
        p = self.probabilities(x)
        order = np.argsort(-p, kind="stable")
        return [replace(hits[i], score=float(p[i])) for i in order]


def fit(
    examples: Sequence[tuple[Array, Array]], l2: float = 1e-3, steps: int = 1500
) -> tuple[float, ...]:
    """Weights that maximise the probability given to relevant candidates.

    ``examples`` pairs each question's feature matrix with its 0/1 relevance
    labels; questions without a relevant candidate teach nothing and are
    skipped. The loss is the softmax (listwise) log loss with an L2 penalty,
    minimised by gradient descent on standardised features; the returned
    weights act on raw features.
    """
    usable = [(x, y) for x, y in examples if len(x) and y.any()]
    if not usable:
        raise ValueError("fitting the reranker needs questions with a relevant candidate")
    rows = np.concatenate([x for x, _ in usable])
    mean, std = rows.mean(axis=0), rows.std(axis=0)
    std[std == 0] = 1.0
    # Pad every question to the same number of candidates; padding is masked out.
    width = max(len(x) for x, _ in usable)
    xs = np.zeros((len(usable), width, len(mean)))
    present = np.zeros((len(usable), width), dtype=bool)
    relevant = np.zeros((len(usable), width), dtype=bool)
    for q, (x, y) in enumerate(usable):
        xs[q, : len(x)] = (x - mean) / std
        present[q, : len(x)] = True
        relevant[q, : len(x)] = y > 0
    w = np.zeros(len(mean))
    for _ in range(steps):
        logits = np.where(present, xs @ w, -np.inf)
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        # gradient of -log(p of the relevant ones): p minus p renormalised on them
        on_relevant = p * relevant
        on_relevant /= on_relevant.sum(axis=1, keepdims=True)
        w -= 0.5 * (np.einsum("qcf,qc->f", xs, p - on_relevant) / len(usable) + l2 * w)
    # A constant shift of the logits changes no probability, so the mean drops out.
    return tuple(round(float(v), 4) for v in w / std)
