"""Bringing to the front of a ranking the passage that gives what a question asks.

The reranker orders passages by how like the question they read. A question
can ask for something a passage either gives or does not, whatever its
likeness: pay figures, a span of time, the side of the job asked about. These
moves put the first passage that gives it first, within a reach of the best
(roleqa.engine.pipeline.rerank applies them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from ...language import LANGUAGE
from ...text import stem, words
from ...types import Hit, Passage
from ..answer_types import asks_money, holds_type
from ..follow_ups import ORDINALS
from ..guide_words import root
from ..sides import Facets, is_label, speaks_of
from ..spans import gives_span

__all__ = ["EARLY_WORDS", "HEADED_REACH", "PAY_LEVELS", "TELLING_REACH", "TOLD_REACH",
           "asked_line", "asks_no_step", "beyond_first_steps", "facet_first", "leading", "numbered",
           "numbered_first", "span_first",
           "telling_first", "to_front"]

#: How far down the ranking a passage giving the asked-for answer type is
#: looked for (see to_front): the passages an answer may quote.
TELLING_REACH = 3
#: ... and the figures asked for or the country asked about, in rerank: a
#: passage further down is more often a fee than the pay ("a private course
#: costs around £3,000")
TOLD_REACH = 10
#: ... and one under a heading naming the side of the job asked, among all those
#: reranked (reranker.CANDIDATES): "career progression for joiners?" of "Moving
#: on", twelfth. Dev blind hit@1: 5 → 10 .795 → .798 (+7 / −1), 10 → 20 +2 / −1
#: (the figures and the country still looked for among ten); catalogue, shipped unchanged.
HEADED_REACH = 20
#: the words of pay's first steps and later ones (data/language.toml ``[pay]``),
#: the first said within a passage's first :data:`_LEAD` words
EARLY_WORDS = LANGUAGE.pay_early
PAY_LEVELS = LANGUAGE.pay_levels
LATER_WORDS = LANGUAGE.pay_later
_LEAD = 6
#: the stems a heading names progression with and no other side ("growth" is the
#: outlook's too): that side asked, years in the job answer it
_LATER_ON = frozenset(stem(w) for a in LANGUAGE.facets["progression"].answers
                      for w in words(a)) - frozenset(
    stem(w) for name, f in LANGUAGE.facets.items() if name != "progression"
    for a in f.answers for w in words(a))


def to_front(hits: list[Hit], gives: Callable[[Hit], bool],
             reach: int = TELLING_REACH) -> list[Hit]:
    """``hits`` with the first of the best ``reach`` (:data:`TELLING_REACH`
    unless told) of the best hit's guide that ``gives`` what is asked moved to
    the front, when the best does not (``hits`` itself when none is moved)."""
    if not hits or gives(hits[0]):
        return hits
    top = hits[0].passage.doc
    for i, hit in enumerate(hits[1:reach], start=1):
        if hit.passage.doc == top and gives(hit):
            return [hit, *hits[:i], *hits[i + 1:]]
    return hits


def telling_first(hits: list[Hit], wants: str, topic: frozenset[str] = frozenset()
                  ) -> list[Hit]:
    """``hits`` with the first that gives the telling answer type asked for
    (pay figures for "salary?") brought to the front (:func:`to_front`): the
    words of the role can favour the guide's opening over its pay section,
    which never says "salary". One saying the ``topic`` stems asked of too
    first ("do offshore ones get paid more?": the offshore divers' pay, not the
    new divers')."""
    if not wants:
        return hits
    def holds(hit: Hit) -> bool:
        return holds_type(wants, hit.passage.text)

    def said(hit: Hit) -> set[str]:
        return {stem(w) for w in words(hit.passage.text)}

    # (not past a best that gives figures and says some of it: "apprentice pay per
    # hour?" of "Apprentice: £7.55 an hour")
    if topic and hits and not (holds(hits[0]) and topic & said(hits[0])):
        moved = to_front(hits, lambda h: holds(h) and topic <= said(h), reach=len(hits))
        if moved is not hits:
            return moved
    return to_front(hits, holds, reach=len(hits))


def asks_no_step(question: str) -> bool:
    """Whether ``question`` names no level of pay ("what do they make?", not
    "starting salary?", "senior pay?" nor "while training?", data/language.toml
    ``[pay] levels`` and ``early``)."""
    return not set(words(question)) & (PAY_LEVELS | EARLY_WORDS)


def beyond_first_steps(hits: list[Hit], reach: int) -> list[Hit]:
    """``hits`` with one giving pay figures beyond the first steps brought
    before the best when it gives a first step's alone ("Trainee drivers
    typically start on ..."): for pay asked of no step (:func:`asks_no_step`)."""
    def first_steps(hit: Hit) -> bool:
        return _leads_early(hit.passage.text) and not LATER_WORDS & set(words(hit.passage.text))

    if not hits or not first_steps(hits[0]):
        return hits
    return to_front(hits, lambda h: holds_type("money", h.passage.text) and not first_steps(h),
                    reach)


def _leads_early(text: str) -> bool:
    """Whether one of the first :data:`_LEAD` words of ``text`` names a first
    step of a noun after it ("Trainee drivers", "New divers", "In the UK,
    trainees on ..."), not "First, the pay" nor "New York pays best"."""
    tokens = text.split()[: _LEAD + 1]
    return any(w.lower() in EARLY_WORDS and nxt[:1].islower() and nxt[:1].isalpha()
               for w, nxt in pairwise(tokens))


def span_first(hits: list[Hit], side: Facets) -> list[Hit]:
    """``hits`` with the first giving a span of time ("three years full-time")
    brought to the front, not a rate a reranker may prefer ("37.5 hours a
    week"): one under a heading naming the ``side`` of the job asked before if
    any ("how long does that take?" after "how do I become one?" asks how long
    the way in takes, not the years to a broker's licence later)."""
    headed = speaks_of(side, in_text=False)
    # years in the job ("after two years as a qualified adviser") answer how
    # long a step up takes, not how long it takes to qualify
    in_role = bool(side[0] & _LATER_ON)

    def spans(hit: Hit) -> bool:
        return gives_span(hit.passage.text, in_role)

    if hits and spans(hits[0]) and (not side[0] or speaks_of(side)(hits[0].passage)):
        return hits  # the best already gives it: "How long does it take to become ...? ..."
    moved = to_front(hits, lambda h: spans(h) and headed(h.passage), len(hits))
    return moved if moved is not hits else to_front(hits, spans, len(hits))


def facet_first(hits: list[Hit], facets: Facets,
                intro_of: Mapping[str, Passage] | None = None) -> list[Hit]:
    """``hits`` with a passage of the best hit's guide that speaks of the side
    of the job asked for (``facets``, see :func:`speaks_of`) brought to the
    front (:func:`to_front`), unless the best already does: one under a
    heading or label naming it within :data:`HEADED_REACH`, else one whose
    text says it among the three best ("is being a marketing manager
    stressful?" is answered by "... targets can be unforgiving ... under
    pressure", not by the passage naming the role most often). A line speaks
    as its list's label does: "months away from family" under "Cons:" (``intro_of``)."""
    if not hits or not facets[0]:
        return hits

    def under(speaks: Callable[[Passage], bool]) -> Callable[[Hit], bool]:
        def judged(hit: Hit) -> bool:
            label = (intro_of or {}).get(hit.passage.id)
            return speaks(hit.passage) or (label is not None and is_label(label)
                                           and speaks(label))
        return judged

    speaks = under(speaks_of(facets))
    if speaks(hits[0]):
        return hits
    # a heading naming the side ("What would my working day look like?", a
    # list's "Cons:") is looked for further down than a word in a passage's
    # text, and before it: "under pressure" in a line of skills is no downside
    moved = to_front(hits, under(speaks_of(facets, in_text=False)), reach=HEADED_REACH)
    return moved if moved is not hits else to_front(hits, speaks)


def leading(passage: Passage, hits: Sequence[Hit]) -> Hit:
    """``passage`` put first in the place of ``hits[0]``, its list or a line of
    it: with the best hit's score, and its cosine and BM25 score or the best
    hit's if higher (the judge reads how near the question came to the answer,
    not to a line of it alone: "is there a background check?" of "Clear a
    security background investigation ...")."""
    own = next((h for h in hits if h.passage.id == passage.id), None)
    best = hits[0]
    return Hit(passage, best.score, max(best.dense, own.dense if own else best.dense),
               max(best.lexical, own.lexical if own else best.lexical))


#: a thing by its number, as a guide numbers it: "level 3", "band 6", "year 2",
#: and asked by an ordinal before it: "a 3rd period apprentice", "first year"
_NOUNS = r"(level|band|year|period|grade|stage|tier|step|module|unit|part|class|phase|term)s?"
_NUMBERED = re.compile(rf"\b{_NOUNS}\s+(\d{{1,2}})\b")
_ORDINAL_BEFORE = re.compile(
    rf"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+{_NOUNS}\b")


#: a thing named by a code of letters and a number: "CS31", "AZ-500", "C1"
_CODE = re.compile(r"\b([a-z]{1,5})-?(\d{1,4})\b")


def numbered(text: str) -> set[tuple[str, str]]:
    """The things ``text`` names by their number, as (word stem, number):
    "level 3" and "a 3rd period apprentice" → ("level", "3"), ("period", "3");
    a code, as ("code", it): "CS31" → ("code", "cs31")."""
    lower = text.lower()
    return ({(stem(w), n) for w, n in _NUMBERED.findall(lower)}
            | {(stem(w), str(ORDINALS[o])) for o, w in _ORDINAL_BEFORE.findall(lower)}
            | {("code", f"{w}{n}") for w, n in _CODE.findall(lower)})


def numbered_first(hits: list[Hit], asked: set[tuple[str, str]]) -> list[Hit]:
    """``hits`` with the first naming a thing by the number ``asked`` (see
    :func:`numbered`) brought to the front, when the best does not: the row
    of "Level 3", not "Level 4", for "hourly rate for a level 3 instructor?";
    of a code asked, one naming no other code ("CS31"'s row, not a paragraph
    listing "CS30 and CS31"); two codes asked ask of both, as one passage says."""
    codes = {a for a in asked if a[0] == "code"}
    if len(codes) > 1:
        asked, codes = asked - codes, set()
    if not asked:
        return hits

    def names(hit: Hit) -> bool:
        said = numbered(hit.passage.text)
        return bool(said & asked) and not (codes and {s for s in said if s[0] == "code"} - codes)
    return to_front(hits, names, TOLD_REACH)


def asked_line(lines: Sequence[Passage], asked: set[str], focus: Sequence[str],
               question: str) -> Passage | None:
    """Of the ``lines`` of a list (best ranked first) holding ``asked`` stems,
    the first holding the most levels of pay a pay question asks of ("pay
    with a few years experience?": "Experienced installer ...", not the
    "Apprentice ... year of training" line); None when none holds any."""
    levels = ({root(stem(w)) for w in focus if w in PAY_LEVELS}
              if asks_money(question) else set())
    held = []
    for line in lines:
        said = {stem(w) for w in words(line.text)}
        roots = {root(st) for st in said}
        if asked & said or levels & roots:
            held.append((len(levels & roots), line))
    return max(held, key=lambda n: n[0], default=(0, None))[1]
