"""Stage 2, *retrieve*: :class:`Reading` → :class:`Candidates`, the passages worth ranking.

One model call embeds the question, its focus and its unknown names
(WordSpace.encode_question). The question memory recalls what similar
remembered questions were answered by, for the guides it speaks for. The
retriever (roleqa.engine.search) ranks the passages of the question's guides;
when a reranker follows, the top ``CANDIDATES`` come with its features.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ...guides.memory import QuestionMemory, Recall
from ...types import Hit
from ..library import Library
from ..query import Query
from ..reranker import CANDIDATES
from ..search import Retriever, lexical_terms
from .read import Reading

__all__ = ["Candidates", "Found", "Retrieval", "spoken_for"]

Vector = npt.NDArray[np.float32]
Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Found:
    """The fused candidates of one search, with their reranker features."""

    hits: tuple[Hit, ...]
    #: reranker features, one row per hit; None when no reranker follows
    features: Array | None
    #: whether the question memory speaks for the guide of the fused leader
    banked: bool


@dataclass(frozen=True)
class Candidates:
    """What retrieval found for a reading."""

    reading: Reading
    query_vector: Vector
    focus_vector: Vector
    recall: Recall
    found: Found
    #: for a comparison of roles, one search per compared guide (in order)
    each: tuple[Found, ...] = ()


def spoken_for(memory: QuestionMemory | None, minimum: int) -> frozenset[str]:
    """The guides the memory speaks for: those it remembers at least ``minimum``
    answered questions of. A guide with a handful of labelled questions is served
    as one with none; its few out-of-scope entries would otherwise decline what
    its text answers."""
    counts = memory.answered_per_guide() if memory else {}
    return frozenset(d for d, n in counts.items() if n >= minimum)


class Retrieval:
    """Finds candidates in a library, with a retriever and a question memory."""

    def __init__(self, library: Library, retriever: Retriever, memory: QuestionMemory | None,
                 *, top_k: int, features: bool, memory_min: int, memory_offset: float,
                 follow_up_focus: float = 0.0) -> None:
        self.library = library
        self.retriever = retriever
        self.memory = memory
        self.top_k = top_k
        #: whether a reranker follows: then the top CANDIDATES come with features
        self.features = features
        self.memory_offset = memory_offset
        #: the share of a follow-up's focus vector added to its own (see retrieve)
        self.follow_up_focus = follow_up_focus
        self.spoken_for = spoken_for(memory, memory_min)

    def retrieve(self, reading: Reading, features: bool | None = None) -> Candidates:
        """Candidates for ``reading``; ``features`` overrides whether they carry
        reranker features (the tuner fits the reranker on them)."""
        self.library.ensure_vectors()
        query = reading.query
        query_vector, focus_vector = self.library.space.encode_question(
            query.text, reading.focus, reading.names)
        if (self.follow_up_focus and query.history_text and reading.focus != query.text
                and not self.spoken_for.intersection(reading.docs)):
            # A follow-up is searched with the question before it ("what does a
            # groomer do? / and what do they get paid?"), whose words pull it to
            # that question's passage; leaning on its own focus ("paid") finds
            # what it asks. Where the memory speaks for the guide, it does that
            # already: there, on dev, the blend cost 2 points of follow-ups' hit@1;
            # elsewhere it gave 4 (blind guides, 0.596 -> 0.635). Half the focus
            # (Tuning.follow_up_focus) kept that and cost the shipped guide served
            # without its memory less than the whole of it.
            blend = query_vector + self.follow_up_focus * focus_vector
            query_vector = (blend / max(float(np.linalg.norm(blend)), 1e-9)).astype(np.float32)
        recall = (self.memory.recall(query_vector, reading.key, reading.docs)
                  if self.memory else Recall({}))
        with_features = self.features if features is None else features
        own = self.library.catalogue.own_subject(reading.docs)
        found = self._find(query, query_vector, recall, reading.docs, with_features, own)
        # A comparison of roles: each guide speaks for its own role, from its own
        # best passages.
        each = tuple(self._find(query, query_vector, recall, [doc], with_features, own)
                     for doc in reading.compared)
        return Candidates(reading, query_vector, focus_vector, recall, found, each)

    def _find(self, query: Query, vector: Vector, recall: Recall, docs: Sequence[str],
              features: bool, subject: frozenset[str] = frozenset()) -> Found:
        k = max(CANDIDATES, self.top_k) if features else self.top_k
        terms = lexical_terms(" ".join(query.terms))
        # An intent word the question already holds must not count twice.
        terms += [t for t in dict.fromkeys(lexical_terms(" ".join(query.intents)))
                  if t not in terms]
        history = lexical_terms(query.history_text) if query.follow_up else []
        hits = self.retriever.search(vector, terms, k=k, history_terms=history, docs=docs)
        # Decided once per question, before reranking, and kept for the whole
        # answer: the reranker's features and fitting and the decline policy all
        # follow it.
        banked = self.memory is not None and bool(hits) and hits[0].passage.doc in self.spoken_for
        if not features:
            return Found(tuple(hits), None, banked)
        memory = ([recall.get(h.passage.id, h.dense + self.memory_offset) for h in hits]
                  if banked else None)
        # The role's own words are in every passage of its guide, and in the
        # heading of its opening (the title): they tell no section from another.
        # Measured on dev, counted so in headings only: hit@1 on the blind
        # guides .652 -> .665, fact recall .775 -> .800, the catalogue unchanged.
        telling = [t for t in terms if t not in subject] or terms
        return Found(tuple(hits), self.library.features.read(hits, terms, vector, memory, telling),
                     banked)
