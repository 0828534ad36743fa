"""From what a visitor typed (and asked before) to what the retrievers search for.

Four steps, none needing a language model:

1. Clean and repair: normalise Unicode, leave out what the question sets
   aside, spell out short forms ("dl") and fix typos against the corpus's own
   words ("tols" → "tools") (:mod:`roleqa.engine.typed`).
2. Decide whether the question leans on the conversation: a pronoun standing
   for something said before ("which of *them*"), an elliptic opener ("what
   about …", "and for …"), or nothing left to search for once stop words go
   ("why?"). "They" alone does not count: in a guide about one role it means
   the role, and "What tools do they use?" is a question of its own.
3. For a follow-up, first try to read it as an ellipsis of the last question:
   "and pruning?" after "What tools are used for planting?" means "What
   tools are used for pruning?". The new words replace the old ones when
   the guide lists both in parallel (items of one list: "planting",
   "pruning"), or else when they follow the same preposition ("and from
   florists?" after "... differ from gardeners?").
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
from ..text import Vocabulary, clean_text, content_words, stem, words
from .asked_again import asked_of_side
from .typed import repair, set_aside

__all__ = ["COMPARISON", "FACETS", "FACET_ANSWER_STEMS", "FACET_STEMS", "INTENTS",
           "INTENTS_ASKED", "ORDINALS", "THERE", "Asking", "Query", "build_query",
           "intent_words", "is_follow_up", "ordinal", "repair", "search_terms", "sibling_groups",
           "substitute", "swap_sibling"]

#: Stems of the words that set one list item apart from its siblings, per list.
SiblingGroups = Sequence[Sequence[tuple[str, ...]]]

_ANAPHORA = frozenset("them those these it its that this ones former latter second third "
                      "same above previous".split())
#: a place the question before named: "over there", "which cities there?"; not
#: "is there ...?" (whether something exists), "what jobs are out there?" (the
#: market), a step of a career ("till I get there") nor a greeting ("hi there")
THERE = re.compile(r"\bover there\b|" + "".join(rf"(?<!\b{w} )" for w in (
    "out", "get", "gets", "got", "getting", "from", "hi", "hey", "hello", "is", "are", "was",
    "were")) + r"\bthere\b(?![’']|\s+(?:is|are|was|were|isn|aren|wasn|weren|will|would|could"
    r"|should|might|must|be|has|have|had|seems?|exists?|any|so|many|much|some|a|an|lots?"
    r"|loads)\b)", re.I)
# A demonstrative followed by one of these nouns names its own referent.
_SELF_NAMED = frozenset(
    "guide article role job page text document career track field position".split()
)
#: what "how ... do they ...?" asks of a thing, with nothing else: "how long do they last?"
_MEASURES = frozenset({"long", "much", "many", "often", "old", "far", "big", "hard", "cost",
                       "costs"})
_OPENERS = re.compile(
    # past a word of assent ("ok and what about managers?", "cool, what about ...")
    r"^(?:(?:ok|okay|oh|right|cool|alright|great|thanks|hmm)[,.!]?\s+)?"
    r"(and|also|so|but|what about|how about|and what about|what else|anything else|"
    r"why|how come|tell me more|more|which of|same for|for)\b",
    re.IGNORECASE,
)
# "on which platform?", "in what way?": a preposition opening a fragment of a
# few words continues the last question.
_FRAGMENT = re.compile(r"^(on|in|at|with|by|from|about|to|via|using)\s+(which|what|whom?)\b",
                       re.IGNORECASE)


# "and for pruning?", "what about from florists?": a preposition and
# a short phrase, standing for the same preposition's phrase in the last question.
# The phrase is taken whole and its length checked in Python: a pattern that
# counts words itself backtracks for seconds on one long pasted token.
_ELLIPSIS = re.compile(
    r"^(?:(?:and|but|also|ok|okay|so)\s+)?(?:(?:what|how)\s+about\s+)?"
    r"(for|in|on|with|during|from|to|by)\s+(?!(?:which|what|whom?|that|this|it|them|those)\b)"
    r"(.+)$",
    re.IGNORECASE,
)
# "the second one", "the last task": an item of the list the last answer showed.
# Not "the first part of the job": an ordinal followed by "of" names its own whole.
_ORDINAL = re.compile(
    r"\bthe\s+(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\b"
    r"(?:\s+(?:one|item|point|group|task|part|kind|type|bullet|line)s?\b|\s*[?.!,]*$)"
    r"(?!\s+of\b)",
    re.IGNORECASE,
)
#: an ordinal's place, counted from the first (-1: the last)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
            "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}

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


def sibling_groups(lists: Sequence[Sequence[str]]) -> list[list[tuple[str, ...]]]:
    """For each list (its items' texts), the stems of each item's opening
    content words in order ("seed planting", "pruning"), without the
    words all its items open with ("subtasks")."""
    groups = []
    for items in lists:
        heads = [tuple(stem(w) for w in content_words(" ".join(words(t)[:3]))) for t in items]
        shared = set.intersection(*(set(h) for h in heads)) if heads else set()
        group = [tuple(w for w in h if w not in shared) for h in heads]
        if len(group) > 1 and all(group):
            groups.append(group)
    return groups


def swap_sibling(question: str, last: str, groups: SiblingGroups) -> str | None:
    """``last`` with the words of one list item replaced by the question's
    words of a sibling item, or None when the question names no sibling of
    something ``last`` names.

    An item counts as named in ``last``, and a sibling in the question, by its
    first word ("data" of "data planting"), so "seeds" alone does not stand
    for "seed planting", nor "plans" for "workforce planning".
    """
    own = content_words(question)
    if not own or len(words(question)) > 6:
        return None
    own_stems = {stem(w) for w in own}
    tokens = re.findall(r"\S+", last)
    core = [stem(t.strip(".,;:!?()\"'").lower()) for t in tokens]
    best: tuple[int, list[tuple[str, ...]], set[str]] | None = None
    for group in groups:
        # a sibling is named by its first word, as an item of ``last`` is:
        # "and for seating plans?" names no line "Leading workforce planning"
        new = [g for g in group if g[0] in own_stems]
        old = [g for g in group if g[0] in core and not own_stems & set(g)]
        said = own_stems & {x for g in new for x in g}
        # the list whose line holds most of the words asked: "seed planting"
        # is the line "seed planting", not one opening "seed catalogues"
        if new and old and (best is None or len(said) > best[0]):
            best = (len(said), old, said)
    if best is None:
        return None
    _, old, said = best
    start, end = _named_span(core, old)
    phrase = " ".join(w for w in own if stem(w) in said)
    tail = tokens[end][len(tokens[end].rstrip("?.!,;:")):]
    return " ".join([*tokens[:start], phrase + tail, *tokens[end + 1 :]])


def _named_span(core: Sequence[str], items: Sequence[tuple[str, ...]]) -> tuple[int, int]:
    """Where in ``core`` (stems of the last question) one of ``items`` is named:
    an item's words in a row ("seed planting") before a lone first word
    ("data"), and the last such place before earlier ones."""
    whole, lone = [], []
    for item in items:
        for i, c in enumerate(core):
            if c != item[0]:
                continue
            if tuple(core[i : i + len(item)]) == item:
                whole.append((i, i + len(item) - 1))
            else:
                lone.append((i, i))
    return max(whole or lone)


def substitute(question: str, last: str) -> str | None:
    """``last`` with the phrase after the follow-up's preposition replaced by the
    follow-up's own phrase, or None when ``question`` is no such ellipsis or
    ``last`` has no phrase after that preposition."""
    match = _ELLIPSIS.match(question.strip())
    if not match:
        return None
    prep, phrase = match.group(1).lower(), match.group(2).strip().rstrip("?.! ")
    if not 1 <= len(words(phrase)) <= 5 or len(phrase.split()) > 5:
        return None
    found = list(re.finditer(rf"\b{prep}\s+", last, re.IGNORECASE))
    if not found:
        return None
    return f"{last[: found[-1].end()]}{phrase}?"


def ordinal(question: str) -> int | None:
    """Which list item "the second one" means: 1, 2, ... or -1 for "the last"."""
    match = _ORDINAL.search(question)
    return ORDINALS[match.group(1).lower()] if match else None


def is_follow_up(question: str) -> bool:
    """Whether the question cannot be understood without what was asked before."""
    tokens = words(question)
    if not tokens:
        return False
    if _OPENERS.match(question.strip()):
        return True
    if _FRAGMENT.match(question.strip()) and len(tokens) <= 5:
        return True
    if _ORDINAL.search(question) or THERE.search(question):
        return True
    for i, tok in enumerate(tokens):
        if tok in _ANAPHORA:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if tok in ("this", "that", "these", "those") and nxt in _SELF_NAMED:
                continue
            return True
    own = content_words(question)
    if "they" in tokens and own and set(own) <= _MEASURES:
        return True  # "how long do they last?": "they" are what was asked of, not the role
    # Nothing left to search for ("why?", "tell me more") means the question leans
    # on the last one, unless it names its own subject ("What is this guide about?").
    return not own and not any(t in _SELF_NAMED for t in tokens)


#: how often something is done, said around what is asked
_HOW_OFTEN = re.compile(r"\b(?:day[- ]to[- ]day|every day|all day|on a daily basis)\b", re.I)


def search_terms(text: str) -> tuple[str, ...]:
    """The words ``text`` is searched by: not how often ("who would I work
    with day to day?" asks nothing of a day), unless that is all it says."""
    return tuple(words(_HOW_OFTEN.sub(" ", text))) or tuple(words(text))


def build_query(question: str, history: Sequence[str], vocabulary: Vocabulary,
                siblings: SiblingGroups = ()) -> Query:
    """The query for ``question`` asked after the user questions in ``history``.

    ``siblings`` are the guide's parallel list items (:func:`sibling_groups`).
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
