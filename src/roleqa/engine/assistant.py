"""The one object every face talks to: ``Assistant.load(settings).ask(question, history)``.

It wires the index, the embedder, the retrievers, the question memory, query
building, the decline judge and answer composition together, and owns the
checks on what a user typed, so the CLI, the chat UI and the HTTP API all
behave alike.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..config import Settings
from ..errors import QuestionError
from ..guides.corpus import corpus_hash
from ..guides.embed import Embedder, dictionary_of
from ..guides.index import LoadedIndex, check_fresh, embedding_text, load_index
from ..guides.memory import QuestionMemory, Recall, bank_hash, question_key
from ..guides.onnx_embed import serving_embedder
from ..text import STOPWORDS, Vocabulary, clean_text, content_words, stem, valid_text, words
from ..types import Answer, Evidence, Hit, Passage
from .answer import compose, compose_each, list_runs
from .catalogue import Catalogue
from .judge import OFF_GUIDE_TOPICS, DeclinePolicy, focus_words, measure, unknown_names
from .query import Query, build_query, ordinal, repair, sibling_groups
from .replies import Replies
from .rerank import CANDIDATES, FeatureReader, Reranker
from .retrieve import LexicalIndex, Retriever, lexical_terms
from .scoping import foreign_words, guides_for
from .tuning import Tuning, load_tuning
from .wordspace import WordSpace

__all__ = ["Assistant", "Tuning"]

Vector = npt.NDArray[np.float32]
Array = npt.NDArray[np.float64]


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
    return latin >= 0.5 * len(letters)


class Assistant:
    """Answers questions about the guides in one loaded index."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        settings: Settings | None = None,
        tuning: Tuning | None = None,
        retriever: str | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.tuning = tuning or Tuning()
        self.index = index
        self.embedder = embedder
        documents = [(p.doc, embedding_text(p)) for p in index.passages]
        self.catalogue = Catalogue(index.guides, documents, dictionary_of(embedder))
        self.vocabulary = Vocabulary(
            (text for _, text in documents), dictionary_of(embedder),
            self.catalogue.short_forms,
        )
        self.retriever = Retriever(
            index,
            LexicalIndex(index.passages),
            kind=retriever or self.settings.retriever,
            lexical_weight=self.tuning.lexical_weight,
        )
        self.reranker, self.reranker_unbanked = self._rerankers(self.tuning)
        self.memory = index.memory
        self._memory_docs = self._spoken_for(self.memory)
        self.replies = Replies(self.catalogue, index.passages)
        self.catalogue.set_headings((p.doc, h) for p in index.passages for h in p.heading_path)
        self._lists = list_runs(index.passages)
        self._siblings = sibling_groups([[p.text for p in run] for run in self._lists.values()])
        self._lock = threading.Lock()
        self._features = FeatureReader(index.passages)
        self._features_ready = False
        words_ = sorted(w for w, _ in self.vocabulary.df.most_common(20_000)
                        if w.isalpha() and len(w) > 2 and w not in STOPWORDS)
        self.space = WordSpace(embedder, words_, OFF_GUIDE_TOPICS, self.settings.query_cache)

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
        corpus: Path = settings.corpus_dir
        current = corpus_hash(corpus) if corpus.is_dir() else index.manifest.corpus_hash
        check_fresh(index.manifest, current, embedder.model_id, bank_hash(settings.question_bank))
        return cls(index, embedder, settings, tuning)

    def warm_up(self) -> None:
        """Load the model, embed the corpus words and answer once, so the first
        visitor waits no longer than the rest."""
        self._ensure_vectors()
        self.vocabulary.warm_up()
        self.ask(next(iter(self.suggestions()), self.catalogue.heading))

    def _ensure_vectors(self) -> None:
        if self._features_ready:
            return
        with self._lock:
            if not self._features_ready:
                self.space.warm_up()
                self._features.warm_up(self.embedder.encode)
                self._features_ready = True

    def variant(self, retriever: str | None = None, tuning: Tuning | None = None,
                fusion: str | None = None, rerank: bool = True,
                holdout: bool = False, memory: bool = True) -> Assistant:
        """A copy sharing the loaded index, model and caches, with another
        retriever kind or tuning (for comparisons in one run); ``holdout``
        keeps a question from recalling its own memory entry (for evaluation),
        ``memory=False`` forgets every entry (as for a guide without a bank)."""
        clone = copy.copy(self)
        if holdout and self.memory is not None:
            clone.memory = self.memory.holding_out()
        if not memory:
            clone.memory = None
        clone.tuning = tuning or self.tuning
        clone._memory_docs = clone._spoken_for(clone.memory)
        clone.reranker, clone.reranker_unbanked = (
            self._rerankers(clone.tuning) if rerank else (None, None))
        clone.retriever = replace(
            self.retriever,
            kind=retriever or self.retriever.kind,
            lexical_weight=clone.tuning.lexical_weight,
            fusion=fusion or self.retriever.fusion,
        )
        return clone

    def with_memory(self, memory: QuestionMemory | None) -> Assistant:
        """A copy sharing everything but the question memory (for evaluation:
        a memory learnt without some guide's questions)."""
        clone = copy.copy(self)
        clone.memory = memory
        clone._memory_docs = self._spoken_for(memory)
        return clone

    def _spoken_for(self, memory: QuestionMemory | None) -> frozenset[str]:
        """The guides the memory speaks for: those it remembers enough answered
        questions of (``tuning.memory_min``). A guide with a handful of labelled
        questions is served as one with none; its few out-of-scope entries would
        otherwise decline what its text answers."""
        counts = memory.answered_per_guide() if memory else {}
        return frozenset(d for d, n in counts.items() if n >= self.tuning.memory_min)

    @staticmethod
    def _rerankers(tuning: Tuning) -> tuple[Reranker | None, Reranker | None]:
        banked, unbanked = tuning.rerank, tuning.rerank_unbanked
        return (Reranker(banked) if banked else None,
                Reranker(unbanked) if unbanked else None)

    def _banked(self, fused: Sequence[Hit]) -> bool:
        """Whether the question memory speaks for the guide of the fused leader.

        Decided once per question, before reranking, and kept for the whole
        answer: the reranker's features and fitting and the decline policy
        all follow it.
        """
        return (self.memory is not None and bool(fused)
                and fused[0].passage.doc in self._memory_docs)

    # -- asking -------------------------------------------------------------
    def check_question(self, question: object) -> str:
        """The question as it will be read; :class:`QuestionError` if it cannot be."""
        if not isinstance(question, str):
            raise QuestionError("The question must be text.")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(
                f"Your question is {len(question):,} characters long; the limit is "
                f"{limit:,}. Please shorten it."
            )
        cleaned = clean_text(question)
        if not cleaned:
            raise QuestionError("Please type a question.")
        return cleaned

    def ask(self, question: str, history: Sequence[str] = (),
            scope: str | Sequence[str] | None = None) -> Answer:
        """Answer ``question``, reading follow-ups in the light of ``history``
        (the user's earlier questions, oldest first), from the guides of
        ``scope`` (slugs; all by default, :class:`UnknownGuideError` for an
        unknown one)."""
        start = time.perf_counter()
        self.check_question(question)
        # Text from any face reaches the model valid: a lone surrogate would make
        # the tokenizer raise (and once did fail a whole batch of other visitors).
        question = valid_text(question)
        history = [valid_text(h) for h in history if isinstance(h, str)]
        allowed = self.catalogue.scope(scope)
        query = self._query(question, history, allowed)
        if not words(query.question):
            return self._decline(query, start, "I could not find any words in that to look up.",
                                 docs=allowed)
        if not _mostly_latin(query.question):
            # The embedding model reads English; a guess in another script would
            # cite an unrelated passage with confidence.
            return self._decline(query, start, "Sorry, I can only read questions in English.",
                                 docs=allowed)
        docs, refusal = self._guides_for(query, history, allowed)
        if refusal:
            return self._decline(query, start, refusal, docs=allowed)
        own = content_words(" ".join(query.terms))
        # A follow-up is judged with the words it leans on: "and later on?" is a
        # covered question after "What does a team focus on first?". Measured on
        # the dev split: wrongly declined 0.034 → 0.017, out of scope declined
        # 0.911 → 0.885, a lower cost by the tuner's measure (tune.py).
        judged = own + content_words(query.history_text)
        subject = self.catalogue.subject(docs)
        focus = (" ".join(focus_words(judged, self.vocabulary, subject)) or " ".join(judged)
                 or query.text)
        names = [n for n in unknown_names(judged, query.question, self.vocabulary)
                 if n not in self.catalogue.initials]
        self._ensure_vectors()
        query_vector, focus_vector = self.space.encode_question(query.text, focus, names)
        recall = self._recall(question_key(question, history), query_vector, docs)
        hits, banked = self._search(query, query_vector, recall, docs)
        evidence = self._evidence(query, judged, own, names, hits, focus_vector,
                                  recall if banked else Recall({}), docs, subject)
        policy = self.tuning.policy if banked else self.tuning.policy_unbanked
        if not hits or not policy.answers(evidence):
            return self._decline(query, start, None, evidence, hits, policy, docs)
        foreign = foreign_words(
            self.catalogue, self.vocabulary.dictionary, focus_words(own, self.vocabulary, subject),
            docs, lambda w: self.space.close_in(w, docs, lambda c: self.catalogue.holds(
                stem(c), docs)), self.tuning.foreign_match)
        if foreign:
            return self._decline(query, start,
                                 self.replies.sorry(docs, f"cover {', '.join(foreign)}"),
                                 evidence, hits, policy, docs)
        terms = list(query.terms) if own else judged
        named = [d for d in self.catalogue.named(query.text) if d in docs]
        if len(named) > 1:
            # A comparison of roles: each guide speaks for its own role, from
            # its own best passages.
            each = [h for d in named for h in self._search(query, query_vector, recall, [d])[0]]
            text, sources = compose_each(terms, each, named, lists=self._lists)
        else:
            text, sources = compose(terms, hits, lists=self._lists)
        return Answer(
            text=text,
            answered=True,
            sources=tuple(sources),
            latency_ms=(time.perf_counter() - start) * 1000,
            query=query.text,
            hits=tuple(hits),
            suggestions=self.replies.suggestions(exclude={s.passage.section for s in sources},
                                                 docs=[s.passage.doc for s in sources[:1]]),
            evidence=evidence,
        )

    def _guides_for(self, query: Query, history: Sequence[str],
                    allowed: Sequence[str]) -> tuple[list[str], str | None]:
        """The guides a question is about, or a reply saying why none answers
        (see :func:`roleqa.engine.scoping.guides_for`)."""
        return guides_for(self.catalogue, repair(query.question, self.vocabulary),
                          [*history, query.history_text], query.follow_up, allowed)

    def _query(self, question: str, history: Sequence[str],
               docs: Sequence[str] | None = None) -> Query:
        """What ``question`` searches for, read in the light of ``history``."""
        limit = self.settings.max_question_chars
        past = [h[:limit] for h in history if isinstance(h, str) and h.strip()]
        past = past[-self.settings.max_history :]
        query = build_query(question, past, self.vocabulary, self._siblings)
        n = ordinal(query.question) if query.history_text else None
        item = self._list_item(past, n, docs) if n else None
        if item is not None:
            # "the second one" is that item of the list the last answer showed.
            query = replace(query, text=f"{item.text} {query.text}",
                            terms=(*words(item.text), *query.terms))
        return query

    def query_text(self, question: str, history: Sequence[str] = ()) -> str:
        """The text ``question`` is searched with (and remembered as, in memory.py)."""
        return self._query(self.check_question(question), history).text

    def candidates(self, question: str, history: Sequence[str] = (),
                   scope: str | Sequence[str] | None = None) -> tuple[list[Hit], Array]:
        """The fused candidates for ``question`` before reranking, with their
        reranker features (what ``roleqa eval --tune`` fits the reranker on)."""
        allowed = self.catalogue.scope(scope)
        query = self._query(self.check_question(question), history, allowed)
        docs, _ = self._guides_for(query, history, allowed)
        self._ensure_vectors()
        vector = self.space.embed([query.text])[0]
        hits, x, _ = self._candidates(
            query, vector, self._recall(question_key(question, history), vector, docs), docs)
        return hits, x

    def _recall(self, key: str, vector: Vector, docs: Sequence[str] | None = None) -> Recall:
        return self.memory.recall(vector, key, docs) if self.memory else Recall({})

    def _candidates(self, query: Query, vector: Vector, recall: Recall,
                    docs: Sequence[str] | None = None) -> tuple[list[Hit], Array, bool]:
        """The fused candidates, their features, and whether the memory speaks for them."""
        hits, terms = self._fused(query, vector, max(CANDIDATES, self.settings.top_k), docs)
        banked = self._banked(hits)
        offset = self.tuning.memory_offset
        memory = [recall.get(h.passage.id, h.dense + offset) for h in hits] if banked else None
        return hits, self._features.read(hits, terms, vector, memory), banked

    def _fused(self, query: Query, vector: Vector, k: int,
               docs: Sequence[str] | None = None) -> tuple[list[Hit], list[str]]:
        """The top ``k`` by the retriever's own ranking, and the terms BM25 matched."""
        terms = lexical_terms(" ".join(query.terms))
        # An intent word the question already holds must not count twice.
        terms += [t for t in dict.fromkeys(lexical_terms(" ".join(query.intents)))
                  if t not in terms]
        history = lexical_terms(query.history_text) if query.follow_up else []
        scope = set(docs) if docs is not None else None
        return self.retriever.search(vector, terms, k=k, history_terms=history,
                                     docs=scope), terms

    def _search(self, query: Query, vector: Vector, recall: Recall,
                docs: Sequence[str] | None = None) -> tuple[list[Hit], bool]:
        """The top hits, and whether the memory speaks for them (see :meth:`_banked`)."""
        # Only the hybrid is reranked: the dense and lexical rankings stay as
        # they are, for the comparisons in the evaluation report.
        if self.reranker is None or self.retriever.kind != "hybrid":
            hits = self._fused(query, vector, self.settings.top_k, docs)[0]
            return _distinct(hits), self._banked(hits)
        hits, x, banked = self._candidates(query, vector, recall, docs)
        reranker = (self.reranker if banked else self.reranker_unbanked) or self.reranker
        return _distinct(reranker.rerank(hits, x))[: self.settings.top_k], banked

    def _list_item(self, past: Sequence[str], n: int,
                   docs: Sequence[str] | None = None) -> Passage | None:
        """Item ``n`` (1-based, -1 for the last) of the list that the answer to
        the last question in ``past`` showed, or None if it showed none.

        The history holds questions, not answers, so the last one is searched
        again: one more model call, only for questions such as "the second one".
        """
        last = build_query(past[-1], past[:-1], self.vocabulary, self._siblings)
        scope, _ = self._guides_for(last, past[:-1], docs or self.catalogue.slugs)
        self._ensure_vectors()
        vector = self.space.embed([last.text])[0]
        hits, _ = self._search(
            last, vector, self._recall(question_key(past[-1], past[:-1]), vector, scope), scope)
        if not hits:
            return None
        top = hits[0].passage
        items = self._lists.get(top.id) or next(
            (run for run in self._lists.values() if any(p.id == top.id for p in run)), []
        )
        if not items or n > len(items):
            return None
        return items[n - 1] if n > 0 else items[-1]

    def _evidence(
        self, query: Query, judged: list[str], own: list[str], names: list[str],
        hits: Sequence[Hit], focus_vector: Vector, recall: Recall,
        docs: Sequence[str], subject: frozenset[str],
    ) -> Evidence:
        """The decline evidence; ``recall`` is empty when the memory does not speak
        for the question's guide (an out-of-scope entry says nothing of another guide)."""
        if len(docs) < len(self.catalogue):
            rows = np.flatnonzero(self.index.rows_of(set(docs)))
            best = float((self.index.matrix[rows] @ focus_vector).max()) if rows.size else 0.0
            scores = np.array([[best]], dtype=np.float32)
        else:
            scores, _ = self.index.search(focus_vector.reshape(1, -1), 1)
        # "and florists?" after "How much do gardeners make?" asks the
        # same again of another role: it asks for what the earlier question did.
        same_again = query.history_text and not focus_words(own, self.vocabulary, subject)
        return measure(
            list(dict.fromkeys(judged)),
            names,
            f"{query.history_text} {query.question}" if same_again else query.question,
            dense=max((h.dense for h in hits), default=0.0),
            focus_dense=float(scores[0][0]) if scores.size else 0.0,
            off_guide=self.space.off_guide(focus_vector),
            vocabulary=self.vocabulary,
            similarity=self.space.similar,
            passages_text=" ".join(h.passage.text for h in hits[:3]),
            asked=own,
            bank=(recall.answerable, recall.out_of_scope),
            subject=subject,
        )

    def _decline(
        self,
        query: Query,
        start: float,
        reason: str | None,
        evidence: Evidence | None = None,
        hits: Sequence[Hit] = (),
        policy: DeclinePolicy | None = None,
        docs: Sequence[str] = (),
    ) -> Answer:
        docs = list(docs) or list(self.catalogue.slugs)
        missing = policy.missing_names(evidence) if policy and evidence else []
        if reason is None and missing:
            reason = self.replies.sorry(docs, f"mention {', '.join(missing)}")
        suggestions = self.replies.suggestions(docs=docs)
        text = self.replies.decline(reason or self.replies.sorry(docs, "cover that"), docs,
                                    suggestions)
        return Answer(
            text=text,
            answered=False,
            sources=(),
            latency_ms=(time.perf_counter() - start) * 1000,
            query=query.text,
            hits=tuple(hits),
            suggestions=suggestions,
            evidence=evidence,
        )

    def suggestions(self, exclude: set[str] | frozenset[str] = frozenset(), n: int = 3,
                    docs: Sequence[str] | None = None) -> tuple[str, ...]:
        """Questions to try next (see :meth:`Replies.suggestions`)."""
        return self.replies.suggestions(exclude, n, docs)

    @property
    def topics(self) -> list[str]:
        """Every section heading of the loaded guides, in reading order."""
        return self.replies.topics


def _distinct(hits: Sequence[Hit]) -> list[Hit]:
    """The hits with a passage whose words an earlier hit already holds left
    out: text several guides share (a template footnote) is quoted once."""
    seen: set[str] = set()
    out = []
    for hit in hits:
        key = " ".join(words(hit.passage.text))
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out
