"""Small value types shared by every layer: passages, hits, sources and answers.

They are frozen dataclasses so they can be cached, hashed and passed between
threads freely. ``Answer.to_dict`` is the public JSON contract of
``roleqa ask --json``, ``--jsonl`` and ``POST /api/ask``: fields may be added,
never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Answer", "Evidence", "Guide", "Hit", "Passage", "Source"]


@dataclass(frozen=True, slots=True)
class Guide:
    """One role guide of the catalogue: a Markdown file and what its front matter says.

    ``slug`` is the file's stem and names the guide everywhere (``doc`` of its
    passages, ``guide`` in the API). ``role`` is the job the guide describes
    ("florist"); ``aliases`` are other names visitors use for it
    ("flower designer", "florists").
    """

    slug: str
    title: str
    role: str
    aliases: tuple[str, ...] = ()
    author: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the role, the role itself first."""
        return tuple(dict.fromkeys((self.role, *self.aliases)))

    def to_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "title": self.title, "role": self.role,
                "aliases": list(self.aliases), "author": self.author}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Guide:
        return cls(slug=str(data["slug"]), title=str(data["title"]), role=str(data["role"]),
                   aliases=tuple(str(a) for a in data.get("aliases", ())),
                   author=str(data.get("author", "")))


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit a reader would quote: a paragraph or a list item of one guide.

    ``heading_path`` runs from the outermost heading to the nearest one; it is
    empty for text before the first heading. ``kind`` is "paragraph", "item",
    "row" (of a table), "code", "meta" (from front matter) or "list": a lead-in
    with its list, one line an item, whose items are passages too.
    """

    id: str
    doc: str
    doc_title: str
    heading_path: tuple[str, ...]
    text: str
    kind: str = "paragraph"

    @property
    def section(self) -> str:
        """The nearest heading, or the guide's title for its introduction."""
        return self.heading_path[-1] if self.heading_path else f"{self.doc_title} (introduction)"

    @property
    def title(self) -> str:
        """What a citation shows: guide title and section."""
        return f"{self.doc_title} › {self.section}"

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def quote(self) -> str:
        """What a reply quotes of it: a list's lead-in alone, its items cited
        one by one after it."""
        return self.text.split("\n", 1)[0] if self.kind == "list" else self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "doc_title": self.doc_title,
            "heading_path": list(self.heading_path),
            "text": self.text,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(
            id=str(data["id"]),
            doc=str(data["doc"]),
            doc_title=str(data["doc_title"]),
            heading_path=tuple(str(h) for h in data["heading_path"]),
            text=str(data["text"]),
            kind=str(data.get("kind", "paragraph")),
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage ranked for a query. ``score`` is the fused score used to rank;
    ``dense`` is the cosine similarity, ``lexical`` the BM25 score (0 if absent)."""

    passage: Passage
    score: float
    dense: float = 0.0
    lexical: float = 0.0


@dataclass(frozen=True, slots=True)
class Source:
    """A passage an answer cites, as shown to a user."""

    passage: Passage
    score: float

    def to_dict(self) -> dict[str, Any]:
        p = self.passage
        return {
            "title": p.title,
            "text": p.quote,  # a list's items are cited after its lead-in
            "score": round(float(self.score), 4),
            "id": p.id,
            "doc": p.doc,
            "guide_title": p.doc_title,
            "section": p.section,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """The raw facts the decline decision looks at (see ``roleqa.engine.policy``).

    ``dense`` is the best cosine of the whole query with a passage;
    ``focus_dense`` and ``off_guide`` are the best cosines of the question's
    focus with a passage and with a topic guides rarely cover; ``names`` are
    the question's name-like words the corpus lacks, each with its best cosine
    with a corpus word; ``missing_type`` the kind of answer asked for that the
    best passages lack; ``bank_answerable`` and ``bank_out`` the best cosines
    of the query with a remembered question the guides answer and with one they
    do not (-1 for none, see ``roleqa.guides.memory``). Kept raw so thresholds can be
    tuned without re-asking.
    """

    dense: float
    focus_dense: float
    off_guide: float
    names: tuple[tuple[str, float], ...] = ()
    missing_type: str = ""  # "number", "date", "money" or "task" the passages cannot give
    #: what the passages give that the question asks for: pay figures ("money"),
    #: the guide speaking of itself ("guide"), the role compared ("comparison"),
    #: a passage on what it asks about, a topic guides rarely cover ("topic")
    given_type: str = ""
    unshared: bool = False  # has content words, and not one of them is in the corpus
    bank_answerable: float = -1.0
    bank_out: float = -1.0
    #: best cosine of the whole query with a message about no role at all
    #: (data/off_topic.toml; -1 for none)
    off_topic: float = -1.0


@dataclass(frozen=True, slots=True)
class Answer:
    """What the assistant says: the reply, whether the guide covers the
    question, the ranked sources cited, and how long it took."""

    text: str
    answered: bool
    sources: tuple[Source, ...] = ()
    latency_ms: float = 0.0
    query: str = ""
    hits: tuple[Hit, ...] = field(default=(), repr=False, compare=False)
    suggestions: tuple[str, ...] = ()
    evidence: Evidence | None = field(default=None, repr=False, compare=False)
    #: the reply's prose without a decline's list of questions to try ("" = ``text``):
    #: faces show ``suggestions`` their own way, as chips or a list
    lead: str = ""

    @property
    def prose(self) -> str:
        """The reply without a decline's list of questions to try."""
        return self.lead or self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "answered": self.answered,
            "sources": [s.to_dict() for s in self.sources],
            "latency_ms": round(self.latency_ms, 2),
            "suggestions": list(self.suggestions),
            "lead": self.prose,
        }
