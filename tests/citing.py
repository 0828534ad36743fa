"""What an answer cites, as the tests over several guides read it."""

from __future__ import annotations

from typing import Any


def cited_guides(answer: Any) -> set[str]:
    """The slugs of the guides ``answer`` quotes."""
    return {s.passage.doc for s in answer.sources}
