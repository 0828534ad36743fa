"""The sides of a job a question asks about, and the passages that speak of them.

"Is it stressful?", "career path?", "what do they do all day?" ask for a side
of the job in words guides rarely share (data/language.toml ``[facets]``). A
guide writes it in its own: a heading ("Where can it lead?", "The good and the
not so good") or words in the text ("pressure", "promotion", "move up"). The
rank stage brings a passage speaking of the side asked for to the front, and
the judge reads whether the best one does (roleqa.engine.pipeline.heard).
"""

from __future__ import annotations

from collections.abc import Callable

from ..language import LANGUAGE
from ..text import stem, words
from ..types import Passage
from .answer_types import asks_money
from .query import FACET_ANSWER_STEMS, FACET_STEMS, FACETS

__all__ = ["NO_FACETS", "SIDE_HEADS", "Facets", "facets_asked", "is_label", "says",
           "speaks_of"]

#: The stems a passage's heading, and those its text, speaks of a side of the job with
Facets = tuple[frozenset[str], frozenset[str]]
NO_FACETS: Facets = (frozenset(), frozenset())

#: the most words of a list's lead-in read as its label ("The downsides:")
_LABEL_WORDS = 4
#: the stems each side of the job is named with in a heading, and all of them;
#: not a facet's ``heads``, which name it only when it is the side asked:
#: "Physical requirements" is no way in, "Training and development" no side
_HEADS: tuple[frozenset[str], ...] = FACET_ANSWER_STEMS
_FACET_HEADS: frozenset[str] = frozenset().union(*_HEADS)
#: words naming a level of pay ("senior", "directors"), not a side of the job
_PAY_LEVELS = frozenset(stem(w) for w in LANGUAGE.pay_levels)
#: ... those naming a side but not a level of pay: "and the hours?" asks for a
#: side of the job, "and the directors?" for their pay
SIDE_HEADS = _FACET_HEADS - _PAY_LEVELS


def facets_asked(question: str) -> Facets:
    """The stems of the words guides write the sides of the job ``question``
    asks for in (data/language.toml ``[facets]``), in a heading and in a
    passage's text: "is it stressful?" → "pressure", "demanding", ..."""
    if asks_money(question):
        return NO_FACETS  # "paid extra for nights?" asks for pay
    asked = [stems for (pattern, _), stems in zip(FACETS, FACET_STEMS, strict=True)
             if pattern.search(question)]
    return (frozenset().union(*(h for h, _ in asked)),
            frozenset().union(*(t for _, t in asked)))


def says(said: frozenset[str], text: str) -> bool:
    """Whether ``text`` holds one of the ``said`` stems, or one of its phrases
    whole ("move up", not "move across")."""
    stems = [stem(w) for w in words(text)]
    if said & set(stems):
        return True
    joined = f" {' '.join(stems)} "
    return any(f" {phrase} " in joined for phrase in said if " " in phrase)


def is_label(passage: Passage) -> bool:
    """Whether ``passage`` is a list led in by a short label ("Cons:")."""
    return passage.kind == "list" and len(words(passage.quote)) <= _LABEL_WORDS


def speaks_of(facets: Facets, in_text: bool = True) -> Callable[[Passage], bool]:
    """Whether a passage speaks of the side of the job asked for (``facets``):
    the nearest heading naming a side of the job names it, or, under none and
    if ``in_text``, its own text says it ("... targets can be unforgiving ...
    under pressure")."""
    headed, said = facets

    def speaks(passage: Passage) -> bool:
        if not headed:
            return False
        path = passage.heading_path
        # the nearest heading naming the side asked, or another: a list's label
        # ("Cons:"), then its section's ("Cons" under "Pros and cons") ...
        levels = [*([passage.quote] if is_label(passage) else []), *path[-1:], " ".join(path)]
        for level in ({stem(w) for w in words(heading)} for heading in levels):
            if level & headed:
                # ... and when it names other sides as well, a line under it
                # speaks for itself: "Exam pressure: ..." under "Pros and cons"
                mixed = any((level - headed) & heads for heads in _HEADS)
                return not mixed or bool(headed & {stem(w) for w in words(passage.quote)})
            if level & _FACET_HEADS:
                break
        return in_text and says(said, passage.quote)

    return speaks
