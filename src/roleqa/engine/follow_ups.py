"""Whether a question leans on the conversation, and what it stands for then.

A pronoun standing for something said before ("which of *them*"), an elliptic
opener ("what about …", "and for …"), a place spoken of before ("which cities
*there*?") or nothing left to search for once stop words go ("why?") make a
follow-up (:func:`is_follow_up`). "They" alone does not: in a guide about one
role it means the role. An ellipsis of the last question is read whole: "and
pruning?" after "What tools are used for planting?" swaps one list item for its
sibling (:func:`swap_sibling`), "and from florists?" the phrase after the same
preposition (:func:`substitute`); "the second one" points at a line of the
list the last answer showed (:func:`ordinal`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import content_words, stem, words

__all__ = ["ORDINALS", "THERE", "SiblingGroups", "is_follow_up", "ordinal", "sibling_groups",
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
