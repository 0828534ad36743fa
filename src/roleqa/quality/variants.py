"""Evaluation seams: one loaded assistant served in other ways, in the same run.

A variant shares the assistant's :class:`~roleqa.engine.library.Library` (the
index, the model and every cache) and changes what evaluation compares: the
retriever, the fusion, the tuning, the reranker, the question memory. Kept
out of the serving object: nothing here is used to answer a visitor.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..engine.assistant import Assistant
from ..engine.tuning import Tuning
from ..guides.memory import QuestionMemory
from ..types import Hit

__all__ = ["candidates", "variant", "with_memory"]


def variant(assistant: Assistant, retriever: str | None = None, tuning: Tuning | None = None,
            fusion: str | None = None, rerank: bool = True, holdout: bool = False,
            memory: bool = True) -> Assistant:
    """``assistant`` with another retriever kind, fusion or tuning;
    ``rerank=False`` keeps the retriever's order, ``holdout`` keeps a question
    from recalling its own memory entry (as ``roleqa eval`` asks), and
    ``memory=False`` forgets every entry (as for a guide without a bank)."""
    kept = assistant.memory
    if holdout and kept is not None:
        kept = kept.holding_out()
    return _rebuilt(assistant, kept if memory else None, tuning, retriever, fusion, rerank)


def with_memory(assistant: Assistant, memory: QuestionMemory | None) -> Assistant:
    """``assistant`` with another question memory (a memory learnt without
    some guide's questions, for leave-one-guide-out)."""
    return _rebuilt(assistant, memory)


def _rebuilt(assistant: Assistant, memory: QuestionMemory | None, tuning: Tuning | None = None,
             retriever: str | None = None, fusion: str | None = None,
             rerank: bool | None = None) -> Assistant:
    """A new assistant over ``assistant``'s library: what is not given is kept."""
    search = assistant.retrieval.retriever
    return Assistant(assistant.library, assistant.settings, tuning or assistant.tuning,
                     memory=memory, retriever=retriever or search.kind,
                     fusion=fusion or search.fusion,
                     rerank=assistant.reranks if rerank is None else rerank)


def candidates(assistant: Assistant, question: str, history: Sequence[str] = (),
               scope: str | Sequence[str] | None = None,
               ) -> tuple[list[Hit], npt.NDArray[np.float64]]:
    """The fused candidates for ``question`` before reranking, with their
    reranker features (what ``roleqa eval --tune`` fits the reranker on)."""
    found = assistant.retrieval.retrieve(assistant.read(question, history, scope),
                                         features=True).found
    assert found.features is not None
    return list(found.hits), found.features
