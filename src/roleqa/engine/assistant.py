"""The one object every face talks to: ``Assistant.load(settings).ask(question, history)``.

It wires the pipeline's stages (roleqa.engine.pipeline) over one
:class:`Library`: a question is read, its candidates retrieved, reranked and
judged, and the verdict composed into an :class:`Answer`, each stage once and
in that order. The CLI, the chat page and the HTTP API all ask through it, so
they behave alike.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from ..config import Settings
from ..guides.corpus import corpus_hash
from ..guides.embed import Embedder
from ..guides.index import LoadedIndex, load_index
from ..guides.manifest import check_fresh
from ..guides.memory import QuestionMemory, bank_hash
from ..guides.onnx_embed import serving_embedder
from ..types import Answer
from .catalogue import Catalogue
from .library import Library
from .pipeline import (
    Answered,
    Composer,
    Judge,
    Ranked,
    Ranking,
    Reader,
    Reading,
    Retrieval,
)
from .reranker import Reranker
from .search import Retriever
from .tuning import Tuning, load_tuning

__all__ = ["Assistant", "Tuning"]


class Assistant:
    """Answers questions about the guides of one library."""

    def __init__(self, library: Library, settings: Settings | None = None,
                 tuning: Tuning | None = None, *, memory: QuestionMemory | None = None,
                 retriever: str | None = None, fusion: str = "linear",
                 rerank: bool = True) -> None:
        """The stages over ``library`` with ``tuning``'s fitted values and a
        question ``memory``; ``retriever`` (dense, lexical or hybrid) and
        ``fusion`` pick how passages are searched, ``rerank=False`` keeps the
        retriever's order (for comparisons in the evaluation report)."""
        self.library = library
        self.settings = settings = settings or Settings()
        self.tuning = tuning = tuning or Tuning()
        self.memory = memory
        #: whether the hybrid is reranked (False: the retriever's order, for comparisons)
        self.reranks = rerank
        search = Retriever(library.index, library.lexical,
                           kind=retriever or settings.retriever,
                           lexical_weight=tuning.lexical_weight, fusion=fusion)
        # Only the hybrid is reranked: the dense and lexical rankings stay as they
        # are, for the comparisons in the evaluation report.
        reranks = rerank and tuning.rerank is not None and search.kind == "hybrid"
        self.reader = Reader(library, settings)
        self.retrieval = Retrieval(library, search, memory, top_k=settings.top_k,
                                   features=reranks, memory_min=tuning.memory_min,
                                   memory_offset=tuning.memory_offset,
                                   follow_up_focus=tuning.follow_up_focus)
        self.ranking = Ranking(
            Reranker(tuning.rerank) if reranks and tuning.rerank else None,
            Reranker(tuning.rerank_unbanked) if reranks and tuning.rerank_unbanked else None,
            settings.top_k, library.lists, library.intro_of, library.catalogue.places)
        self.judge = Judge(library, tuning.policy, tuning.policy_unbanked, tuning.foreign_match)
        self.composer = Composer(library)

    @classmethod
    def over(cls, index: LoadedIndex, embedder: Embedder, settings: Settings | None = None,
             tuning: Tuning | None = None, retriever: str | None = None) -> Assistant:
        """An assistant over a loaded ``index``, with the memory it holds."""
        settings = settings or Settings()
        return cls(Library(index, embedder, settings.query_cache), settings, tuning,
                   memory=index.memory, retriever=retriever)

    @classmethod
    def load(
        cls, settings: Settings, embedder: Embedder | None = None, tuning: Tuning | None = None
    ) -> Assistant:
        """Load and verify the index in ``settings.index_dir``.

        The index must match the corpus folder and the question bank (when they
        exist: a server may ship the index alone) and the model, or
        :class:`IndexStaleError` says so.
        """
        index = load_index(settings.index_dir)
        tuning = tuning or load_tuning(settings.tuning)[0]
        embedder = embedder or serving_embedder(settings, index.manifest.extra)
        corpus = settings.corpus_dir
        current = corpus_hash(corpus) if corpus.is_dir() else index.manifest.corpus_hash
        check_fresh(index.manifest, current, embedder.model_id, bank_hash(settings.question_bank))
        return cls.over(index, embedder, settings, tuning)

    @property
    def index(self) -> LoadedIndex:
        return self.library.index

    @property
    def embedder(self) -> Embedder:
        return self.library.embedder

    @property
    def catalogue(self) -> Catalogue:
        return self.library.catalogue

    def warm_up(self) -> None:
        """Load the model, embed the corpus words and answer once, so the first
        visitor waits no longer than the rest."""
        self.library.ensure_vectors()
        self.ask(next(iter(self.suggestions()), self.catalogue.heading))

    def check_question(self, question: object) -> str:
        """The question as it will be read; :class:`QuestionError` if it cannot be."""
        return self.reader.check(question)

    def ask(self, question: str, history: Sequence[str] = (),
            scope: str | Sequence[str] | None = None) -> Answer:
        """Answer ``question``, reading follow-ups in the light of ``history``
        (the user's earlier questions, oldest first), from the guides of
        ``scope`` (slugs; all by default, :class:`UnknownGuideError` for an
        unknown one)."""
        start = time.perf_counter()
        reading = self.read(question, history, scope)
        if reading.refusal:
            answer = self.composer.decline(reading, reading.refusal)
        else:
            ranked = self.rank(reading)
            answer = self.composer.compose(self.judge.judge(ranked))
        return replace(answer, latency_ms=(time.perf_counter() - start) * 1000)

    def read(self, question: str, history: Sequence[str] = (),
             scope: str | Sequence[str] | None = None) -> Reading:
        """Stage 1 alone: how ``question`` is read."""
        return self.reader.read(question, history, scope, earlier_answer=self._answered_with)

    def rank(self, reading: Reading) -> Ranked:
        """Stages 2 and 3: the ranked hits for a reading."""
        return self.ranking.rank(self.retrieval.retrieve(reading))

    def _answered_with(self, earlier: Reading) -> Answered | None:
        """The passage the answer to an earlier question led with, and its
        guide's share of the answer (no more than that of the answer which
        kept it to its guide). The history holds questions, not answers, so
        it is searched again: one more model call per earlier question read,
        only for "the second one" and for questions naming no role asked
        across several guides."""
        hits = self.rank(earlier).hits
        if not hits:
            return None
        lead = hits[0].passage.doc
        total = sum(h.score for h in hits)
        share = sum(h.score for h in hits if h.passage.doc == lead) / total if total > 0 else 1.0
        return Answered(hits[0].passage, min(share, earlier.held))

    def query_text(self, question: str, history: Sequence[str] = ()) -> str:
        """The text ``question`` is searched with (and remembered as, in memory.py)."""
        return self.read(question, history).query.text

    def suggestions(self, exclude: set[str] | frozenset[str] = frozenset(), n: int = 3,
                    docs: Sequence[str] | None = None) -> tuple[str, ...]:
        """Questions to try next (see :meth:`Replies.suggestions`)."""
        return self.library.replies.suggestions(exclude, n, docs)

    @property
    def topics(self) -> list[str]:
        """Every section heading of the loaded guides, in reading order."""
        return self.library.replies.topics
