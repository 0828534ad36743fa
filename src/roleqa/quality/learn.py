"""Learning the question memory from the question bank, and building a whole index.

The bank is a file of labelled questions in the evaluation set's format; its
dev split is what the memory learns from (the test split is never read). Each
question is searched exactly as :meth:`Assistant.ask` would search it (typo
repair, follow-ups read with their history), and remembered with the passages
that hold its evidence, or as out of scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..config import Settings
from ..engine.assistant import Assistant
from ..errors import ConfigError, QuestionError
from ..guides.build import embedder_for, stage
from ..guides.embed import Embedder
from ..guides.index import commit_index
from ..guides.manifest import Manifest
from ..guides.memory import QuestionMemory, bank_hash, question_key
from .evaluate import EvalQuestion, is_relevant, load_questions

__all__ = ["BANK_SPLIT", "Entry", "build_all", "entries", "remember"]

#: The split of the bank the memory learns from.
BANK_SPLIT = "dev"


@dataclass(frozen=True)
class Entry:
    """One question of the bank as the memory keeps it."""

    text: str  # the query text it is searched as
    key: str  # memory.question_key: what leave-one-out compares
    embedded: str  # what is embedded for it
    answers: tuple[int, ...]  # positions of the passages that answer it; () = out of scope
    guides: tuple[str, ...] = ()  # the guides it was asked of, if the bank says
    group: str = ""  # its paraphrase group, if the bank says


def entries(assistant: Assistant, questions: Sequence[EvalQuestion]) -> list[Entry]:
    """What the memory keeps of ``questions`` over the passages of ``assistant``'s index.

    An in-scope question whose evidence no passage holds (the guide has changed
    since it was written) teaches nothing and is left out.

    An out-of-scope follow-up is embedded as its own words: in "Where can I
    practice for the tests? how much does it cost?" only the second question
    is out of scope, and the whole would make the first look out of scope too.
    """
    passages = assistant.index.passages
    loaded = set(assistant.catalogue.slugs)
    kept = []
    for q in questions:
        if not set(q.guide) <= loaded or (q.scope is not None and q.scope not in loaded):
            continue  # a question about a guide this index does not hold
        cols = tuple(i for i, p in enumerate(passages) if is_relevant(p, q.evidence, q.guide))
        if q.kind == "in" and not cols:
            continue
        try:
            text = assistant.query_text(q.question, q.history)
            own = text if q.kind == "in" else assistant.query_text(q.question)
        except QuestionError as exc:
            raise ConfigError(f"Question {q.id!r} of the question bank: {exc}") from None
        asked = q.guide or ((q.scope,) if q.scope else ())
        key = question_key(q.question, q.history)
        kept.append(Entry(text, key, own, cols if q.kind == "in" else (), tuple(asked),
                          q.group or key))
    return kept


def remember(assistant: Assistant, questions: Sequence[EvalQuestion]) -> QuestionMemory:
    """A memory of ``questions`` (see :func:`entries`), embedded with ``assistant``'s model."""
    kept = entries(assistant, questions)
    vectors = (assistant.embedder.encode([e.embedded for e in kept]) if kept
               else np.zeros((0, assistant.embedder.dim), dtype=np.float32))
    return QuestionMemory(vectors, tuple(e.text for e in kept), tuple(e.key for e in kept),
                          tuple(e.answers for e in kept),
                          tuple(p.id for p in assistant.index.passages),
                          guides=tuple(e.guides for e in kept),
                          groups=tuple(e.group for e in kept))


def build_all(settings: Settings, embedder: Embedder | None = None,
              index_type: str = "auto") -> tuple[Manifest, QuestionMemory | None]:
    """Build the index from the corpus with a memory of the bank's dev split
    (``settings.question_bank``; none without a bank file), the engine's
    embedded tables (word, topic and heading vectors) and its lexicon, recording
    the tuning file it is to serve with.

    Atomic as a whole: the bank is read first, the new passages are staged and
    the memory learnt from them, and only then does one manifest make them the
    index. A bad bank line or an interrupted build leaves the old index serving.
    """
    embedder = embedder or embedder_for(settings)
    digest = bank_hash(settings.question_bank, BANK_SPLIT)
    questions = (load_questions(settings.question_bank, BANK_SPLIT)
                 if digest is not None else None)
    staged = stage(settings, embedder, index_type)
    # The staged index has no memory: entries are searched as a memory-less
    # assistant would ("the second one" searches the last question again), so
    # a rebuild gives the same memory.
    assistant = Assistant.over(staged, embedder, settings)
    memory = remember(assistant, questions) if questions is not None else None
    manifest = commit_index(settings.index_dir, staged, memory, digest or "",
                            assistant.library.tables(), assistant.catalogue.lexicon.to_dict())
    return manifest, memory
