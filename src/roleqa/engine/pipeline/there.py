"""The country a question asks about, and the hits speaking of it.

"How much in the UK?" of a guide giving US and UK pay, "how long is the degree?"
after "how do I become one in the US?": the rank stage brings a passage on the
country asked about to the front (:func:`country_first`), read off its text
and its section's headings ("In the UK" over a list of steps).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...text import stem, words
from ...types import Hit
from ..answer_types import BEING_ON, holds_type
from ..guide_words import root
from ..places import spoken_of
from .front import to_front

__all__ = ["ASKS_FIGURES", "COUNTRY_REACH", "There", "asked_there", "country_first",
           "spoken_in_text"]

#: How far down the ranking a passage on the country asked about is looked for
#: (front.to_front): a guide's pay for another country, line by line, can fill
#: the first three ("nlp engineer pay in the uk?" of a US list and a UK paragraph)
COUNTRY_REACH = 6
#: Asking for an amount, not only naming money: "what's the pay like?", "how
#: well paid are they?", not "do they run the pay review?" or "can I earn a
#: certificate?".
ASKS_FIGURES = re.compile(
    r"\bhow much\b|\bhow well paid\b|\bearns?\b(?!\s+(?:a|an|the)\b)"
    # "what do they get paid?", not "do they get paid extra for nights?"
    r"|\bwhat (?:do|does|would|will) (?:\w+ ){1,3}get paid\b(?!\s+\w)"
    rf"|{BEING_ON}"
    r"|\b(?:salary|salaries|earnings|wages?|income|compensation|pay)\b"
    r"(?!\s+(?:review|reviews|band|bands|scale|scales|attention|rise|rises)\b)", re.I)


@dataclass(frozen=True)
class There:
    """Whether a hit speaks of the countries ``places`` a question asks about
    ("and in the UK?"), of its ``focus`` stems if it has any beyond them ("a
    degree in England" is not answered by an NHS service there) and gives the
    telling answer type it ``wants`` (pay figures)."""

    places: frozenset[str]
    focus: frozenset[str]
    wants: str
    spoken: Callable[[str, str], frozenset[str]]  # Ranking.spoken

    def __call__(self, hit: Hit) -> bool:
        text = hit.passage.text
        return (bool(self.places & self.where(hit))
                and (not self.focus or bool(self.focus & {root(stem(w)) for w in words(text)}))
                and (not self.wants or holds_type(self.wants, text)))

    def alone(self, hit: Hit) -> bool:
        """Whether ``hit`` is there and its text speaks of no other country."""
        return self(hit) and self.spoken(hit.passage.doc, hit.passage.text) <= self.places

    def where(self, hit: Hit) -> frozenset[str]:
        """The countries ``hit`` speaks of, in its text or headings ("In the UK";
        not a question's, "Can a UK pharmacist work in the US?")."""
        headings = [h for h in hit.passage.heading_path
                    if h != hit.passage.doc_title and not h.endswith("?")]
        return self.spoken(hit.passage.doc, " ".join([*headings, hit.passage.text]))


def country_first(hits: list[Hit], there: There) -> list[Hit]:
    """``hits`` with one speaking of the asked countries first, and of them
    alone if one near the top does: "how much in the UK?" is not answered by
    "In the United States, ... Contractors in the UK charge ..." while the UK's
    salary table is ranked next to it."""
    return to_front(to_front(hits, there, COUNTRY_REACH), there.alone)


def spoken_in_text(_doc: str, text: str) -> frozenset[str]:
    """The countries ``text`` speaks of, whatever its guide (no GuidePlaces at hand)."""
    return spoken_of(text)


def asked_there(places: frozenset[str], focus: Sequence[str], wants: str = "",
           spoken: Callable[[str, str], frozenset[str]] = spoken_in_text) -> There | None:
    """What a hit must be to answer for the countries ``places`` a question
    asks about; None when it asks about none."""
    if not places:
        return None
    # by root: "an apprenticeship in america" is "apprentices ... in the United States";
    # the words asking for pay ("and in the UK?" after "what do they earn?") are
    # asked of the figures ``wants`` reads, not of the text ("salaries are: ...")
    asked = ({root(stem(w)) for w in focus if not (wants and ASKS_FIGURES.search(w))}
             - {root(stem(w)) for place in places for w in words(place)})
    return There(places, frozenset(asked), wants, spoken)
