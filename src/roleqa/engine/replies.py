"""What the assistant says around an answer: the questions to try next, and declines.

Suggestions are the sections of the guides asked about, as questions, taking
the guides in turn; a decline names the guide ("Sorry, the florist guide does
not cover that.") and what it does answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import zip_longest

from ..guides.corpus import sections
from ..language import LANGUAGE
from ..text import join_names
from ..types import Passage
from .catalogue import Catalogue

__all__ = ["Replies"]

#: headings that name no topic to suggest (data/language.toml)
_PLAIN = LANGUAGE.plain_headings


class Replies:
    """Suggestions and decline wording for the guides of one catalogue."""

    def __init__(self, catalogue: Catalogue, passages: Iterable[Passage]) -> None:
        self.catalogue = catalogue
        passages = list(passages)
        # The author line is answerable, but no topic to suggest.
        self._sections = {g.slug: sections(p for p in passages
                                           if p.doc == g.slug and p.kind != "meta")
                          for g in catalogue.guides}
        #: each guide's FAQ questions opening a passage, with their sections
        self._asked: dict[str, list[tuple[str, str]]] = {}
        for p in passages:
            if p.kind in ("paragraph", "item") and p.heading_path and (
                    m := _ASKED.match(p.text)) and m[1] != p.heading_path[-1]:
                self._asked.setdefault(p.doc, []).append((m[1], p.heading_path[-1]))

    def suggestions(self, exclude: set[str] | frozenset[str] = frozenset(), n: int = 3,
                    docs: Sequence[str] | None = None) -> tuple[str, ...]:
        """Questions to try next: sections of the guides ``docs`` (all by default)
        not just cited, as questions, taking the guides in turn."""
        # Each guide gives at least one suggestion: n guides are enough.
        slugs = [d for d in (docs or self.catalogue.slugs) if d in self._sections][:n]
        per_guide = []
        for slug in slugs:
            role = self.catalogue.get(slug).role
            open_ = [s for s in self._sections[slug]
                     if s not in exclude and s.lower().rstrip(":") not in _PLAIN]
            # Headings phrased as questions read best as suggestions, then those
            # naming a topic ("Pay"), then those saying a sentence of their own.
            ranked = sorted(open_, key=lambda s: (not s.endswith("?"), _says_sentence(s)))
            # ... the guide's own FAQ questions among them, after its question headings
            asked = [q for q, heading in self._asked.get(slug, []) if heading not in exclude]
            posed = [s for s in ranked if s.endswith("?")]
            per_guide.append([*posed, *asked, *(self._asking(s, role) for s in ranked
                                                if not s.endswith("?"))])
        out: list[str] = []
        for row in zip_longest(*per_guide):
            out.extend(s for s in row if s and s not in out)
        return tuple(out[:n])

    def _asking(self, heading: str, role: str) -> str:
        """A section's heading as a question to try: as it is when one, else
        what the guide says about its topic, or under it when it says a
        sentence of its own ("... say under “Hours can spike before deadlines”?")."""
        if heading.endswith("?"):
            return heading
        if _says_sentence(heading):
            return f"What does the {role} guide say under “{heading}”?"
        return (f"What does the {role} guide say about "
                f"{_in_sentence(heading, self.catalogue.names_used)}?")

    def small_talk(self, kind: str, docs: Sequence[str]) -> str:
        """What to say to a greeting, thanks or "which roles do you cover?"
        (``kind``, see roleqa.engine.small_talk): which guides answer here, from ``docs``."""
        roles = self.catalogue.roles(docs)
        knows = (f"This assistant knows the {roles[0]} guide." if len(roles) == 1 else
                 f"This assistant knows the guides to these roles: {join_names(roles)}.")
        opening = {"greeting": "Hello! ", "thanks": "You're welcome! "}.get(kind, "")
        return opening + knows

    def personal(self, kind: str, docs: Sequence[str]) -> str:
        """What to say to a request no guide should answer (``kind``, see
        personal.personal_request): the visitor's health or legal trouble,
        schoolwork to do, help doing wrong, goods to buy, a recipe, a repair, a
        ranking of schools or the day's news."""
        # The reply goes on with the questions the guides answer (Composer.decline).
        knows = self.small_talk("", docs)
        if kind == "health":
            return ("I can't give medical advice. If you are worried about your health, "
                    "please contact a doctor, or the emergency services if it is urgent. "
                    + knows)
        if kind == "pet":
            return ("I can't give advice on an animal's health: please contact a vet, or an "
                    f"emergency vet if it is urgent. {knows}")
        if kind == "legal":
            return ("I can't give legal advice: a lawyer or a free legal advice service "
                    f"can help with your situation. {knows}")
        if kind == "schoolwork":
            return f"Sorry, I can't do homework or coursework. {knows}"
        if kind == "shopping":
            return f"Sorry, I can't recommend things to buy. {knows}"
        if kind == "recipe":
            return f"Sorry, I can't give recipes or cooking instructions. {knows}"
        if kind == "diy":
            return ("Sorry, I can't help with mending, fixing or setting up things yourself. "
                    f"{knows}")
        if kind == "rankings":
            return f"Sorry, I can't rank schools, universities or courses. {knows}"
        if kind == "news":
            return f"Sorry, I can't tell the weather, the news or results. {knows}"
        return f"Sorry, I can't help with that. {knows}"

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
        # "Sorry, the physiotherapist guide does not cover Ontario." of two roles
        # compared: "they" would be that one guide
        they = ("It answers" if len(docs) == 1 else
                "The guides here answer" if " guide does " in reason else "They answer")
        lead = f"{reason} {they} questions such as:"
        return f"{lead} {' '.join(f'• {s}' for s in suggestions)}", lead

    @property
    def topics(self) -> list[str]:
        """Every section heading of the loaded guides, in reading order."""
        return [s for slug in self.catalogue.slugs for s in self._sections.get(slug, [])]


#: an FAQ's question opening a passage, its answer after it: "Do I need a PhD? No. ...",
#: "Q: Is a dogman the same as a crane operator? ..."
_ASKED = re.compile(r"^(?:Q\s*[:.]\s*)?([A-Z][^.?!:]{2,100}\?)\s+\S")
#: the most words of a heading read as a topic ("Tools and equipment"); a longer
#: one says a sentence ("Paralegals do much of the detailed work behind legal cases")
_TOPIC_WORDS = 4


def _says_sentence(heading: str) -> bool:
    return len(heading.split()) > _TOPIC_WORDS


def _in_sentence(heading: str, names: frozenset[str] | set[str]) -> str:
    """A heading as words inside a sentence: "Responsibilities" → "responsibilities",
    while "FAQ", and "Python tools" where the guides write Python as a name
    (``names``, lower-cased), keep their capitals."""
    first = heading.split(" ", 1)[0]
    if first == "A" or (len(first) > 1 and first[0].isupper() and first[1:].islower()
                        and first.lower() not in names):
        return heading[0].lower() + heading[1:]
    return heading
