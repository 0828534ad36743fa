"""Learning the question memory from the question bank, and building a whole index.

The bank is a file of labelled questions in the evaluation set's format; its
dev split is what the memory learns from (the test split is never read). Each
question is searched exactly as :meth:`Assistant.ask` would search it (typo
repair, follow-ups read with their history), and remembered with the passages
that hold its evidence, or as out of scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .assistant import Assistant
from .build import build, embedder_for
from .config import Settings
from .embed import Embedder
from .evaluate import EvalQuestion, is_relevant, load_questions
from .index import Manifest, attach_memory, load_index
from .memory import QuestionMemory, bank_hash

__all__ = ["BANK_SPLIT", "Entry", "build_all", "entries", "learn", "remember"]

#: The split of the bank the memory learns from.
BANK_SPLIT = "dev"


@dataclass(frozen=True)
class Entry:
    """One question of the bank as the memory keeps it."""

    text: str  # the query text it is asked as (what leave-one-out compares)
    embedded: str  # what is embedded for it
    answers: tuple[int, ...]  # positions of the passages that answer it; () = out of scope


def entries(assistant: Assistant, questions: Sequence[EvalQuestion]) -> list[Entry]:
    """What the memory keeps of ``questions`` over the passages of ``assistant``'s index.

    An in-scope question whose evidence no passage holds (the guide has changed
    since it was written) teaches nothing and is left out.

    An out-of-scope follow-up is embedded as its own words: in "Where can I
    practice for the tests? how much does it cost?" only the second question
    is out of scope, and the whole would make the first look out of scope too.
    """
    passages = assistant.index.passages
    kept = []
    for q in questions:
        cols = tuple(i for i, p in enumerate(passages) if is_relevant(p, q.evidence))
        if q.kind == "in" and not cols:
            continue
        text = assistant.query_text(q.question, q.history)
        own = text if q.kind == "in" else assistant.query_text(q.question)
        kept.append(Entry(text, own, cols if q.kind == "in" else ()))
    return kept


def remember(assistant: Assistant, questions: Sequence[EvalQuestion]) -> QuestionMemory:
    """A memory of ``questions`` (see :func:`entries`), embedded with ``assistant``'s model."""
    kept = entries(assistant, questions)
    vectors = (assistant.embedder.encode([e.embedded for e in kept]) if kept
               else np.zeros((0, assistant.embedder.dim), dtype=np.float32))
    return QuestionMemory(vectors, tuple(e.text for e in kept), tuple(e.answers for e in kept),
                          tuple(p.id for p in assistant.index.passages))


def learn(settings: Settings, embedder: Embedder | None = None) -> Manifest:
    """Attach to the index a memory of the bank's dev split (``settings.question_bank``).

    With no bank file the index is left as it is.
    """
    index = load_index(settings.index_dir)
    digest = bank_hash(settings.question_bank)
    if digest is None:
        return index.manifest
    embedder = embedder or embedder_for(settings)
    # Entries are searched as a memory-less assistant would ("the second one"
    # searches the last question again), so a rebuild gives the same memory.
    assistant = Assistant(replace(index, memory=None), embedder, settings)
    memory = remember(assistant, load_questions(settings.question_bank, BANK_SPLIT))
    return attach_memory(settings.index_dir, memory, digest)


def build_all(settings: Settings, embedder: Embedder | None = None,
              index_type: str = "auto") -> Manifest:
    """Build the index from the corpus, then learn its memory from the bank."""
    embedder = embedder or embedder_for(settings)
    build(settings, embedder, index_type=index_type)
    return learn(settings, embedder)
