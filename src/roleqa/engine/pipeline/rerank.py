"""Stage 3, *rerank*: :class:`Candidates` → :class:`Ranked`, the top hits best first.

The reranker (roleqa.engine.reranker) orders the candidates by its fitted
weights, one fitting for guides the question memory speaks for and one for
guides served without it. Without a reranker the retriever's order stands.
Text that several guides share (a template footnote) is kept once. What a
question asks for can then bring one of the best passages to the front: pay
figures, the side of the job asked about, the country asked about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...text import stem, words
from ...types import Hit, Passage
from ..answer_types import COSTS, asks_price, gives_price, holds_type, telling_type
from ..extract import singles_out
from ..guide_places import GuidePlaces
from ..needs import asked_without, says_without
from ..places import asked_about, names_city
from ..query import Query
from ..reranker import Reranker
from ..sides import NO_FACETS, SIDE_HEADS, Facets, facets_asked
from ..spans import asks_span
from ..tasks import STANDS_FOR, spelled_out
from .front import (
    HEADED_REACH,
    PAY_LEVELS,
    TOLD_REACH,
    asked_line,
    asks_no_step,
    beyond_first_steps,
    facet_first,
    leading,
    numbered,
    numbered_first,
    span_first,
    telling_first,
    to_front,
)
from .retrieve import Candidates, Found
from .there import (
    ASKS_FIGURES,
    COUNTRY_REACH,
    There,
    asked_there,
    country_first,
    spoken_in_text,
)

__all__ = ["COUNTRY_REACH", "Ranked", "Ranking", "distinct"]

#: pay said in words: "earn toward the top of each range"
_SAYS_PAY = re.compile(r"\b(?:earn\w*|paid|pay|salar(?:y|ies)|wages?)\b", re.I)
#: the words asking a price, which say nothing of what is priced
_PRICE_WORDS = frozenset(stem(w) for w in ("cost", "costs", "price", "fee", "fees", "charge",
                                           "spend", "pay", "much"))


#: A choice among the lines of a list shown: "which of them ...?", "which ones ...?"
_CHOOSING = re.compile(r"\bwhich (?:of (?:them|those|these)|ones?)\b", re.I)


@dataclass(frozen=True)
class Ranked:
    """The hits an answer may quote, best first."""

    candidates: Candidates
    hits: tuple[Hit, ...]
    #: whether the question memory speaks for these hits (see Found.banked)
    banked: bool
    #: for a comparison of roles, each compared guide's own hits (in order)
    each: tuple[tuple[Hit, ...], ...] = ()


def distinct(hits: Sequence[Hit]) -> list[Hit]:
    """The hits with a passage whose words an earlier hit already holds left
    out: text several guides share (a template footnote) is quoted once."""
    seen: set[str] = set()
    out = []
    for hit in hits:
        key = " ".join(words(hit.passage.text))
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


class Ranking:
    """Reranks candidates with the fitted weights, or keeps the retriever's order."""

    def __init__(self, banked: Reranker | None, unbanked: Reranker | None, top_k: int,
                 lists: Mapping[str, Sequence[Passage]] | None = None,
                 intro_of: Mapping[str, Passage] | None = None,
                 places: GuidePlaces | None = None) -> None:
        self.banked = banked
        # A guide without its own fitting is ranked as the memory's guides are.
        self.unbanked = unbanked or banked
        self.top_k = top_k
        #: a list's introducing passage id → its lines (roleqa.engine.extract.list_runs)
        self.lists = lists or {}
        #: a list line's id → the passage introducing its list
        self.intro_of = intro_of or {}
        #: the countries a passage (its guide, its text) speaks of: the
        #: currency read as its guide's, "$" in a guide on Australia
        self.spoken = places.spoken_in if places else spoken_in_text
        #: the countries each guide speaks of, anywhere in it
        self.countries = places.countries if places else None

    def rank(self, candidates: Candidates) -> Ranked:
        """The top hits of ``candidates``, and of each compared guide's."""
        found = candidates.found
        query = candidates.reading.query
        asked = f"{query.question} {' '.join(query.terms)}"
        # a wage is no price: "how much does the course cost?" wants none
        wants = (telling_type(asked) if ASKS_FIGURES.search(asked)
                 and not COSTS.search(query.question) else "")
        facets = facets_asked(query.question)
        places = self._telling(asked_about(query.question), found.hits)
        focus = candidates.reading.own_focus
        there = asked_there(places, focus, wants, self.spoken)
        no_step = not query.follow_up and asks_no_step(query.question)
        # the words asked of beside the figures ("offshore" of "do offshore ones earn more?")
        topic = frozenset(stem(w) for w in focus if not (
            ASKS_FIGURES.search(w) or _SAYS_PAY.search(w) or w in PAY_LEVELS))
        # "how much is the passenger endorsement course?": a price, not the step naming it
        priced = asks_price(query.question)
        hits = self._order(found, wants, facets, there, no_step, topic, priced)
        before = asked_there(frozenset(candidates.reading.places_before), focus, wants,
                             self.spoken)
        if there is None and before is not None and hits and not before(hits[0]) and (
                self.spoken(hits[0].passage.doc, hits[0].passage.text)):
            # "how long is the degree?" after "how do I become one in the US?":
            # not the UK's degree first (a passage on no country stays first)
            hits = tuple(to_front(list(hits), before, COUNTRY_REACH))
        # the question's own words, not the one before it a follow-up is searched with
        own = query.text[len(query.history_text):] if query.history_text else query.text
        if lacking := asked_without(own):
            # "can I become one without a degree?" and "do I need a degree?"
            # are answered by the passage saying it is not needed ("You can
            # also start without a degree ..."), not the one on the degree most take
            hits = tuple(to_front(list(hits), lambda h: says_without(lacking, h.passage.text)))
        # "a level 3 instructor", or "that course" after "level 4": that one's row
        by_number = numbered(query.question) or numbered(query.history_text)
        hits = tuple(numbered_first(list(hits), by_number))
        if short := STANDS_FOR.search(query.question):
            # "what does WSET stand for?" is answered where a passage spells it out
            # (asked as typed: the repaired question has it spelled out already)
            hits = tuple(to_front(list(hits), lambda h: spelled_out(short[1], h.passage.text),
                                   reach=len(hits)))
        # a level of pay another guide's role ends in is no focus ("and a director?"
        # beside a funeral director's guide) but still the level asked
        levels = focus or tuple(w for w in words(query.question) if w in PAY_LEVELS)
        if carried := _carried(query, wants, facets, levels):
            # "and what about directors?" after "what does a QS earn starting
            # out?" asks the directors' pay: the passage giving it, wherever it ranks
            stems = {stem(w) for w in levels}

            def of_it(hit: Hit) -> bool:
                return stems <= {stem(w) for w in words(hit.passage.text)}

            # (unless the best says that pay in words: "commercial technicians earn
            # toward the top", for "what about commercial ones?")
            if not (hits and of_it(hits[0]) and _SAYS_PAY.search(hits[0].passage.text)):
                hits = tuple(to_front(list(hits), lambda h: holds_type(
                    carried, h.passage.text) and of_it(h), reach=len(hits)))
        if _CITIES_ASKED.search(query.question) and there is None:
            # "is the pay better in the cities?" of "Sydney, Melbourne and Perth
            # generally pay above regional areas"
            hits = tuple(to_front(list(hits), lambda h: names_city(h.passage.text),
                                   reach=COUNTRY_REACH))
        if asks_span(query.question) and there is None:
            # "how long does that take?", after "how do I become one?" too
            side = facets if facets[0] else facets_asked(query.history_text)
            hits = tuple(span_first(list(hits), side))
        hits = self._line_first(hits, focus, query, places)
        return Ranked(candidates, hits, found.banked,
                      tuple(self._order(f, wants, facets, there, no_step, topic, priced)
                            for f in candidates.each))

    def _telling(self, places: Sequence[str], hits: Sequence[Hit]) -> frozenset[str]:
        """The countries asked about that tell the ``hits`` apart: none when
        every guide of theirs speaks of those alone ("how long does it take
        in the UK?" of a UK guide is no question on the UK: its intro, the
        passage saying "UK", is no answer)."""
        asked = frozenset(places)
        if self.countries is None or not asked:
            return asked
        told = [self.countries(doc) for doc in {h.passage.doc for h in hits}]
        return frozenset() if told and all(c and c <= asked for c in told) else asked

    def _line_first(self, hits: tuple[Hit, ...], focus: Sequence[str],
                    query: Query, places: frozenset[str]) -> tuple[Hit, ...]:
        """``hits`` with one line of a list first and the list passage (its
        lead-in with every line) last, when the best hit is either and the
        question asks for that line: the one an ordinal points at ("tell me
        more about the second one"), else the best ranked line holding the
        ``focus`` words of a sibling swapped in ("and for modeling?") or of a
        choice among the lines ("which of them involve data?"), or words the
        list's lead-in and heading never say ("do they use Kubernetes?").
        "What kit do I need?" of "their own kit, including:" asks for the list,
        which then comes first even when one of its lines was ranked best."""
        if not hits:
            return hits
        best = hits[0].passage
        head = best if best.kind == "list" else self.intro_of.get(best.id)
        if head is None or head.kind != "list":
            return hits
        lines = {p.id: p for p in self.lists.get(head.id, ())}
        listed = {stem(w) for w in words(" ".join((head.quote, *head.heading_path)))}
        choosing = query.sibling or bool(_CHOOSING.search(query.question))
        asked = {stem(w) for w in focus} - (set() if choosing else listed)
        ranked = [h.passage for h in hits if h.passage.id in lines]
        order = [*ranked, *(p for p in lines.values() if p not in ranked)]
        chosen = lines.get(query.line) or asked_line(order, asked, focus, query.question)
        if chosen is None:
            # ``places``: the countries the question asks about (rank reads them once)
            if (best is head or singles_out(query.question, best, list(lines.values()), head)
                    or not places <= self.spoken(head.doc, head.text)):
                return hits  # "band 5 pay?", or the list of another country's pay
            # a line ranked best that nothing asked singles out: the question
            # asks for the list ("how much do they make?" of a pay list by level)
            rest = tuple(h for h in hits if h.passage.id != head.id)
            return (leading(head, hits), *rest)[: self.top_k]
        rest = tuple(h for h in hits if h.passage.id not in (chosen.id, head.id))
        last = tuple(h for h in hits if h.passage.id == head.id)
        return (leading(chosen, hits), *rest, *last)[: self.top_k]

    def _order(self, found: Found, wants: str = "",
               facets: Facets = NO_FACETS,
               there: There | None = None, no_step: bool = False,
               topic: frozenset[str] = frozenset(), priced: bool = False) -> tuple[Hit, ...]:
        reranker = self.banked if found.banked else self.unbanked
        hits = (found.hits if found.features is None or reranker is None
                else reranker.rerank(found.hits, found.features))
        hits = distinct(hits)[: max(self.top_k, HEADED_REACH)]
        window = max(self.top_k, TOLD_REACH)
        hits = telling_first(hits[:window], wants, topic) + hits[window:]
        if priced:
            # of the thing priced: at least half the words asked of ("exam" alone
            # does not price the RPR exam), and some asked ("how much will it
            # cost me?" is not priced by any fee of the guide's); of several,
            # the one saying most of them ("level 1" of a table of levels)
            of = topic - _PRICE_WORDS

            def prices(hit: Hit) -> int:
                said = {stem(w) for w in words(hit.passage.text)}
                held = len(of & said)
                return held if gives_price(hit.passage.text) and of and 2 * held >= len(of) else 0
            score = {h.passage.id: prices(h) for h in hits}
            most = max((score[h.passage.id] for h in hits
                        if h.passage.doc == hits[0].passage.doc), default=0)
            if most:
                hits = to_front(hits, lambda h: score[h.passage.id] == most, reach=len(hits))
        if wants == "money" and no_step:
            hits = beyond_first_steps(hits, window)
        if there is not None and not there.focus and there.wants:
            # "and in america?" after UK pay asks nothing but the place and the
            # figures: the passage giving them is the answer wherever it ranks
            # (a London supplement can come first). Not a passage that only
            # names the place: after "career progression?", the US pay is no answer.
            hits = to_front(hits, there, window)
        if not wants:
            hits = facet_first(hits, facets, self.intro_of)
        hits = hits[: self.top_k]
        return tuple(hits if there is None else country_first(hits, there))


def _carried(query: Query, wants: str, facets: Facets, focus: Sequence[str]) -> str:
    """The telling answer type (pay figures) a bare follow-up naming one or
    two things and asking nothing else ("and the directors?") carries over
    from the question before it; "" for any other question."""
    if wants or facets[0] or not query.history_text or not 0 < len(focus) <= 2:
        return ""
    if any(stem(w) in SIDE_HEADS for w in focus):
        return ""  # "and the hours?" asks for a side of the job, not its pay
    asked = query.history_text
    return (telling_type(asked) if ASKS_FIGURES.search(asked) and not COSTS.search(asked)
            else "")


#: cities asked about as such: "which cities pay best?", "in the big cities?"
#: (not "new york city", "city council")
_CITIES_ASKED = re.compile(r"\b(?:which|what|the|big|major|large|in|other)\s+(?:big\s+)?"
                           r"cit(?:y|ies)\b(?!\s+(?:councils?|centres?|centers?|of)\b"
                           r"|\s+(?:and|&)\s+guilds\b)", re.I)
