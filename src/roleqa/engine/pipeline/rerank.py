"""Stage 3, *rerank*: :class:`Candidates` → :class:`Ranked`, the top hits best first.

The reranker (roleqa.engine.reranker) orders the candidates by its fitted
weights, one fitting for guides the question memory speaks for and one for
guides served without it. Without a reranker the retriever's order stands.
Text that several guides share (a template footnote) is kept once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...text import words
from ...types import Hit
from ..reranker import Reranker
from .retrieve import Candidates, Found

__all__ = ["Ranked", "Ranking", "distinct"]


@dataclass(frozen=True)
class Ranked:
    """The hits an answer may quote, best first."""

    candidates: Candidates
    hits: tuple[Hit, ...]
    #: whether the question memory speaks for these hits (see Found.banked)
    banked: bool
    #: for a comparison of roles, each compared guide's own hits (in order)
    each: tuple[tuple[Hit, ...], ...] = ()


def distinct(hits: Sequence[Hit]) -> list[Hit]:
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


class Ranking:
    """Reranks candidates with the fitted weights, or keeps the retriever's order."""

    def __init__(self, banked: Reranker | None, unbanked: Reranker | None, top_k: int) -> None:
        self.banked = banked
        # A guide without its own fitting is ranked as the memory's guides are.
        self.unbanked = unbanked or banked
        self.top_k = top_k

    def rank(self, candidates: Candidates) -> Ranked:
        """The top hits of ``candidates``, and of each compared guide's."""
        found = candidates.found
        return Ranked(candidates, self._order(found), found.banked,
                      tuple(self._order(f) for f in candidates.each))

    def _order(self, found: Found) -> tuple[Hit, ...]:
        reranker = self.banked if found.banked else self.unbanked
        hits = (found.hits if found.features is None or reranker is None
                else reranker.rerank(found.hits, found.features))
        return tuple(distinct(hits)[: self.top_k])
