"""What the assistant says around an answer: the questions to try next, and declines.

Suggestions are the sections of the guides asked about, as questions, taking
the guides in turn; a decline names the guide ("Sorry, the florist guide does
not cover that.") and what it does answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from ..guides.corpus import sections
from ..types import Passage
from .catalogue import Catalogue

__all__ = ["Replies"]


class Replies:
    """Suggestions and decline wording for the guides of one catalogue."""

    def __init__(self, catalogue: Catalogue, passages: Iterable[Passage]) -> None:
        self.catalogue = catalogue
        passages = list(passages)
        # The author line is answerable, but no topic to suggest.
        self._sections = {g.slug: sections(p for p in passages
                                           if p.doc == g.slug and p.kind != "meta")
                          for g in catalogue.guides}

    def suggestions(self, exclude: set[str] | frozenset[str] = frozenset(), n: int = 3,
                    docs: Sequence[str] | None = None) -> tuple[str, ...]:
        """Questions to try next: sections of the guides ``docs`` (all by default)
        not just cited, as questions, taking the guides in turn."""
        # Each guide gives at least one suggestion: n guides are enough.
        slugs = [d for d in (docs or self.catalogue.slugs) if d in self._sections][:n]
        per_guide = []
        for slug in slugs:
            role = self.catalogue.get(slug).role
            open_ = [s for s in self._sections[slug] if s not in exclude]
            # Headings phrased as questions read best as suggestions; others follow.
            ranked = sorted(open_, key=lambda s: not s.endswith("?"))
            per_guide.append([s if s.endswith("?") else f"What does the {role} guide say "
                              f"about {s}?" for s in ranked])
        out: list[str] = []
        for row in zip_longest(*per_guide):
            out.extend(s for s in row if s and s not in out)
        return tuple(out[:n])

    def sorry(self, docs: Sequence[str], what: str) -> str:
        """ "Sorry, the florist guide does not cover pay." for the guides ``docs``."""
        who = self.catalogue.describe(docs)
        does = "does" if len(docs) == 1 else "do"
        return f"Sorry, {who[0].lower()}{who[1:]} {does} not {what}."

    def decline(self, reason: str, docs: Sequence[str],
                suggestions: Sequence[str]) -> tuple[str, str]:
        """A decline's text and its lead: ``reason``, saying that the guides
        ``docs`` answer questions such as these; the text goes on to list them."""
        if not suggestions:
            return reason, reason
        they = "It answers" if len(docs) == 1 else "They answer"
        lead = f"{reason} {they} questions such as:"
        return f"{lead} {' '.join(f'• {s}' for s in suggestions)}", lead

    @property
    def topics(self) -> list[str]:
        """Every section heading of the loaded guides, in reading order."""
        return [s for slug in self.catalogue.slugs for s in self._sections.get(slug, [])]
