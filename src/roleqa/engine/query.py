"""From what a visitor typed (and asked before) to what the retrievers search for.

Four steps, none needing a language model:

1. Clean and repair: normalise Unicode, leave out what the question sets
   aside, spell out short forms ("dl") and fix typos against the corpus's own
   words ("tols" → "tools") (:mod:`roleqa.engine.typed`).
2. Decide whether the question leans on the conversation: a pronoun standing
   for something said before ("which of *them*"), an elliptic opener ("what
   about …", "and for …"), or nothing left to search for once stop words go
   ("why?"). "They" alone does not count: in a guide about one role it means
   the role, and "What tools do they use?" is a question of its own
   (:mod:`roleqa.engine.follow_ups`).
3. For a follow-up, first try to read it as an ellipsis of the last question:
   "and pruning?" after "What tools are used for planting?" means "What
   tools are used for pruning?". The new words replace the old ones when
   the guide lists both in parallel (items of one list: "planting",
   "pruning"), or else when they follow the same preposition ("and from
   florists?" after "... differ from gardeners?"), or else when it names
   another side of the job ("and the tools?", :mod:`roleqa.engine.asked_again`).
   Otherwise prepend the last earlier question (or two, when the last was
   itself a follow-up) for the dense query, and give its words half weight
   in BM25, so the new words still decide between passages.
4. Add, for BM25 only, the words guides use for a few ways of asking that
   rarely share a word with the answer: a comparison ("how is it different
   from ...?" is answered by "compared to" or "as opposed to"), the start or
   the later phase of something, and the purpose of the guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..language import LANGUAGE
from ..text import Vocabulary, clean_text, stem, words
from .asked_again import asked_of_side
from .follow_ups import SiblingGroups, is_follow_up, substitute, swap_sibling
from .typed import repair, set_aside

__all__ = [
    "COMPARISON",
    "FACETS",
    "FACET_ANSWER_STEMS",
    "FACET_STEMS",
    "INTENTS",
    "INTENTS_ASKED",
    "Asking",
    "Query",
    "build_query",
    "intent_words",
    "repair",
    "search_terms",
]

#: (how a question asks, words a guide answers it with). Measured on the dev
#: split of the evaluation set, together they take hit@1 from 0.870 to 0.904
#: and fact recall from 0.864 to 0.902. "start" is not among the added words:
#: "the team *starts* focusing on X" is about the later phase.
INTENTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(compar(e|es|ed|ing|ison)|differ(s|ent|ence|ences)?|vs|versus|unlike|"
                r"similar)\b", re.I), LANGUAGE.intents["comparison"]),
    (re.compile(r"\b(start|starts|begin|begins|beginning|early|initially|outset)\b", re.I),
     LANGUAGE.intents["early"]),
    (re.compile(r"\b(later|mature|matures|maturity|eventually|grows|afterwards)\b", re.I),
     LANGUAGE.intents["later"]),
    (re.compile(r"\b(purpose|point|aim|aims|goal|intended|written for|for whom|set out to|"
                r"who is (it|this)( \w+)? for|why (was|is|did) .*\b(written|write)|"
                r"what is (this|the) (guide|article) about)\b", re.I),
     LANGUAGE.intents["purpose"]),
)


def _phrases(phrases: Sequence[str]) -> re.Pattern[str]:
    """A pattern matching any of ``phrases`` whole, however they are spaced,
    with the apostrophe a phone types too ("what’s"); the longest first, so a
    match holds all of the phrase it found ("will there be jobs in the future")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]")
                                          for p in ordered) + r")\b", re.I)


@dataclass(frozen=True)
class Asking:
    """How a question shows an intent or asks for a side of the job: one of
    its phrases, in a question holding none of the ``unless`` phrases. Those
    speak for the whole question: "what can I move into later?" asks where
    the job leads, and no part of it the way in."""

    asks: re.Pattern[str]
    unless: re.Pattern[str] | None = None

    def search(self, question: str) -> re.Match[str] | None:
        """The first phrase asking, as :meth:`re.Pattern.search`."""
        return next(self.finditer(question), None)

    def finditer(self, question: str) -> Iterator[re.Match[str]]:
        """Every phrase asking, as :meth:`re.Pattern.finditer`."""
        if self.unless is not None and self.unless.search(question):
            return iter(())
        return self.asks.finditer(question)


#: Sides of a job asked about in words guides rarely share ("is it stressful?",
#: "career path?"), with the words guides write them in (data/language.toml).
FACETS = tuple((Asking(_phrases(f.asks), _phrases(f.unless) if f.unless else None), f.answers)
               for f in LANGUAGE.facets.values() if f.asks)
#: For each of :data:`FACETS`, the stems of the words its ``answers`` name it
#: with in a heading, whichever side is asked (roleqa.engine.sides)
FACET_ANSWER_STEMS = tuple(frozenset(stem(w) for a in f.answers for w in words(a))
                           for f in LANGUAGE.facets.values() if f.asks)
#: For each of :data:`FACETS`, the stems of its words a passage's heading may
#: speak of it with when it is asked (its answers and heads), and the words and
#: phrases its text may ("pressure", "move up"; not "needed"), stemmed (see
#: roleqa.engine.sides.says).
FACET_STEMS = tuple(
    (answered | {stem(w) for a in f.heads for w in words(a)},
     # a phrase ("move up") is said only whole: its stems joined by spaces
     frozenset(" ".join(stem(w) for w in words(a)) for a in f.said))
    for f, answered in zip((f for f in LANGUAGE.facets.values() if f.asks),
                           FACET_ANSWER_STEMS, strict=True))

#: "How is it different from a florist?": a comparison (the first of :data:`INTENTS`).
COMPARISON = INTENTS[0][0]
#: every intent and side of the job, as each is asked
INTENTS_ASKED = tuple((Asking(p), w) for p, w in INTENTS) + FACETS


def intent_words(question: str) -> tuple[str, ...]:
    """The answer-side words of every intent the question shows (see :data:`INTENTS_ASKED`)."""
    return tuple(w for pattern, extra in INTENTS_ASKED if pattern.search(question)
                 for w in extra)


@dataclass(frozen=True)
class Query:
    """What one question searches for."""

    question: str  # as cleaned, shown back to the user
    text: str  # repaired question, or history + repaired question for follow-ups
    terms: tuple[str, ...]  # the question's own words, repaired
    history_text: str = ""
    follow_up: bool = False
    intents: tuple[str, ...] = ()  # extra BM25 words, see intent_words
    line: str = ""  # id of the list line an ordinal ("the second one") points at
    sibling: bool = False  # the question swaps a list line for another ("and for modeling?")
    repaired: str = ""  # the question alone, repaired ("how many yrs" as "how many years")


#: how often something is done, said around what is asked
_HOW_OFTEN = re.compile(r"\b(?:day[- ]to[- ]day|every day|all day|on a daily basis)\b", re.I)


def search_terms(text: str) -> tuple[str, ...]:
    """The words ``text`` is searched by: not how often ("who would I work
    with day to day?" asks nothing of a day), unless that is all it says."""
    return tuple(words(_HOW_OFTEN.sub(" ", text))) or tuple(words(text))


def build_query(question: str, history: Sequence[str], vocabulary: Vocabulary,
                siblings: SiblingGroups = ()) -> Query:
    """The query for ``question`` asked after the user questions in ``history``.

    ``siblings`` are the guide's parallel list items
    (:func:`roleqa.engine.follow_ups.sibling_groups`).
    """
    cleaned = set_aside(clean_text(question))
    repaired = repair(cleaned, vocabulary)
    past = [clean_text(h) for h in history if clean_text(h)]
    intents = intent_words(repaired)
    if not past or not is_follow_up(cleaned):
        return Query(question=cleaned, text=repaired, terms=search_terms(repaired),
                     intents=intents, repaired=repaired)
    resolved = None
    if not is_follow_up(past[-1]):
        last = repair(past[-1], vocabulary)
        swapped = swap_sibling(repaired, last, siblings)
        resolved = swapped or substitute(repaired, last) or asked_of_side(repaired, last)
    if resolved:
        # A complete question again: searched and judged like a first question.
        return Query(question=cleaned, text=resolved, terms=search_terms(resolved), follow_up=True,
                     intents=intent_words(resolved), sibling=bool(swapped), repaired=repaired)
    context = [past[-1]]
    if len(past) > 1 and is_follow_up(past[-1]):
        context.insert(0, past[-2])
    history_text = repair(" ".join(context), vocabulary)
    return Query(
        question=cleaned,
        text=f"{history_text} {repaired}",
        terms=search_terms(repaired),
        history_text=history_text,
        follow_up=True,
        intents=intents,
        repaired=repaired,
    )
