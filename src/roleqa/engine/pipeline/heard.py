"""What the judge reads off the ranked hits of a question (stage 4's helpers).

Which guides a question is answered from, which hits its reply is made of,
which of its words ask for a side of the job a passage words its own way
("is it stressful?" of a passage on "pressure"; data/language.toml
``[facets]``), which country it asks about that its answering guide does
not speak of, and which kind of pay it never names. Plain functions of a
:class:`Ranked`, so that the :class:`~roleqa.engine.pipeline.judge.Judge`
reads as its decisions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ...language import LANGUAGE
from ...text import CAREER_VERBS, STOPWORDS, stem, words
from ...types import Hit
from ..answer_types import asks_money
from ..catalogue import Catalogue
from ..follow_ups import THERE
from ..places import (
    PAID_APART,
    PARTS,
    PEOPLE_WORDS,
    PLACE_WORDS,
    asked_about,
    asked_cities,
    asked_parts,
    peoples,
    peoples_of,
)
from ..query import FACET_STEMS, FACETS
from ..sides import says
from ..tasks import spells_initials
from .rerank import Ranked

__all__ = ["answering", "elsewhere", "facet_words", "passages_text", "pay_kind", "says_most",
           "says_step", "speaking", "told_around", "unworded", "word_span"]


def answering(ranked: Ranked, share: float = 0.0) -> list[str]:
    """The guides of the best three hits: those a question is answered from
    (with ``share``, only those with a hit weighing at least that share of the
    first hit's weight)."""
    hits = ranked.hits[:3]
    floor = share * hits[0].score if hits else 0.0
    return list(dict.fromkeys(h.passage.doc for h in hits if h.score >= floor))


def passages_text(hits: Sequence[Hit]) -> str:
    """The best three of ``hits`` as the answer types read them: one passage a
    line, so that a price is read within one (roleqa.engine.answer_types)."""
    return "\n".join(h.passage.text for h in hits[:3])


def speaking(ranked: Ranked) -> list[Hit]:
    """The hits a reply is made of: the best hit's guide's alone, unless the
    question compares roles (see the composer), so that another guide's pay
    figures do not pass a question its own text cannot answer."""
    if ranked.each or not ranked.hits:
        return list(ranked.hits)
    top = ranked.hits[0].passage.doc
    return [h for h in ranked.hits if h.passage.doc == top]


def elsewhere(ranked: Ranked, catalogue: Catalogue) -> tuple[str, ...]:
    """A country the question asks about that its answering guide never
    speaks of, where the guide speaks of some other: "how much do pilots
    make in the UK?" of a guide giving dollars for the United States."""
    query = ranked.candidates.reading.query
    question = query.question
    where = question
    asked = asked_about(question)
    if not asked and query.history_text and (THERE.search(question) or asks_money(question)):
        # "what do they make a year over there?" after a question on the US;
        # "how much do apprentices get paid?" after one on the UK route
        where = query.history_text
        asked = asked_about(where)
    paying = asks_money(question) or asks_money(query.text) or bool(_CHARGES.search(question))
    if paying:  # "what do Canadian electricians earn?": a people before the role
        asked = list(dict.fromkeys([*asked, *peoples_of(question, catalogue.name_words)]))
    parts = asked_parts(where)
    top = speaking(ranked)[:1]
    if not asked or not top or not catalogue.places.countries(top[0].passage.doc):
        return ()
    # A country a guide among the best hits speaks of: the best passage may
    # be the wrong guide's, not the country an absent one. (Not every guide
    # asked of: "nurses in the UK" asked of all of them is asked of a US
    # nursing guide when its passages are the best.)
    docs = answering(ranked)
    spoken = frozenset(c for d in docs for c in catalogue.places.countries(d))
    if peoples(question) & catalogue.places.countries(top[0].passage.doc):
        return ()  # "do British police carry guns like in the US?": the guide's own
    abroad = [c for c in asked if c not in spoken]
    # A part of a country the guide leaves out: "police pay in Scotland" of a
    # guide on England and Wales gives their scales, not Scotland's.
    abroad += [p for p in parts
               if not any(catalogue.places.covers_part(d, p) for d in docs)]
    if paying:
        # Pay asked for a country the guide speaks of only on other things:
        # "hairdressers' pay in the US" of a guide with a US licence paragraph
        # and pounds for its pay.
        paid = [catalogue.places.pay_countries(d) for d in docs]
        if any(paid):
            abroad += [f"pay in {c}" for c in asked
                       if c in spoken and not any(c in p for p in paid)]
        # A country's figures are no city's ("SRE salary in London?" of a guide
        # giving the UK's pay that never names London), unless they are a scale
        # set for the whole country ("Pay is set nationally").
        places = catalogue.places
        abroad += [f"pay in {_city_name(city)}" for city in asked_cities(where)
                   if not any(city in places.names(d) or places.pays_by_scale(d, asked)
                              for d in docs)]
        # Nor a state's ("salary in California?" of a guide on US pay) unless a
        # scale for the whole country, or named where pay is given (not "demand
        # is strongest in Texas"); nor, of a guide naming another part of its
        # country, any part's: NHS bands "for England" are not Scotland's.
        abroad += [f"pay in {part}" for part in parts if not any(
            (places.pays_part(d, part) if part in PAID_APART else places.names_part(d, part))
            or ((part not in PAID_APART or places.pays_by_scale(d, [PARTS[part]]))
                and not places.names_other_part(d, part))
            for d in docs)]
    return tuple(abroad)[:1]


def away_from(hits: Sequence[Hit], question: str, catalogue: Catalogue) -> str:
    """The place ``question`` asks about that the guide of ``hits``, one of the
    roles compared, never speaks of, where it speaks of others: "Ontario" of
    "what does a physio earn in Ontario compared to an RMT?" for a
    physiotherapist's guide on the UK ("" for none)."""
    doc = hits[0].passage.doc if hits else ""
    places = catalogue.places
    if not doc or not places.countries(doc):
        return ""
    parts = asked_parts(question)
    away = [next((p for p in parts if PARTS[p] == c), c) for c in asked_about(question)
            if c not in places.countries(doc)]
    away += [p for p in parts if not places.covers_part(doc, p)]
    return away[0] if away else ""


def _city_name(name: str) -> str:
    """A city's name as written in a reply: "London", "NYC"."""
    return name.upper() if len(name) <= 3 else name.title()


def facet_words(ranked: Ranked, in_heading: bool = False) -> set[str]:
    """The question's words asking for a side of the job (data/language.toml,
    ``[facets]``) that its best passage speaks of in its own words: in its
    heading, or (unless ``in_heading``) its text ("is it stressful?" of a
    passage on "pressure")."""
    top = speaking(ranked)[:1]
    if not top:
        return set()
    passage = top[0].passage
    heading = {stem(w) for h in passage.heading_path for w in words(h)}
    question = ranked.candidates.reading.query.question
    asking: set[str] = set()
    for (pattern, _), (headed, said) in zip(FACETS, FACET_STEMS, strict=True):
        if ((headed & heading or (not in_heading and says(said, passage.text)))
                and pattern.search(question)):
            asking |= {w for m in pattern.finditer(question) for w in words(m.group())}
    return asking


def says_most(ranked: Ranked, least: int = 1) -> bool:
    """Whether the best passage holds more than half the question's focus
    words, and ``least`` of them."""
    focus = {stem(w) for w in ranked.candidates.reading.own_focus}
    top = speaking(ranked)[:1]
    if not focus or not top:
        return False
    passage = top[0].passage
    held = {stem(w) for w in words(" ".join((passage.text, *passage.heading_path)))}
    return 2 * len(focus & held) > len(focus) and len(focus & held) >= least


#: the visitor's own studies: "i only have gcses", "if you studied history at uni"
#: (not "i have a mortgage": a life the guides say nothing of)
_BROUGHT = re.compile(r"\b(?:i|you)(?:['’]?ve)?\s+(?:(?:only|just|already)\s+)?(studied|have"
                      r"|hold|got|have\s+got)\s+((?!(?:a\s+)?(?:to|questions?|idea|problem"
                      r"|issue)\b)(?:[\w-]+\s+){0,3}?[\w-]+)(?=\s*(?:[,.?!;]|$|\s+(?:and|but|so"
                      r"|can|could|will|would|is|are|do|does|what|how)\b))", re.I)
_STUDIES = re.compile(r"\b(?:degrees?|diplomas?|gcses?|a[- ]?levels?|certificates?|btecs?"
                      r"|qualifications?|masters|bachelors?|phd|hnd|nvqs?|highers|ged)\b", re.I)


def unworded(ranked: Ranked) -> list[str]:
    """The question's focus words but those asking for a side of the job its
    best passage speaks of (:func:`facet_words`), and places and peoples."""
    asking = facet_words(ranked)
    question = ranked.candidates.reading.query.question
    # "how many CE hours?" of passages on "continuing education": a short form
    # in capitals the best passages spell out is what they speak of
    capitals = {w.lower() for w in _CAPITALS.findall(question)}
    spoken = " ".join(h.passage.text for h in speaking(ranked)[:3]) if capitals else ""
    # "i only have GCSEs", "if you studied history": what the visitor brings
    brought = {w for m in _BROUGHT.finditer(question) for w in words(m[2])
               if m[1].lower() == "studied" or _STUDIES.search(m[2])}
    # "British" says where, as "in the US" does: no topic of another guide's
    return [w for w in ranked.candidates.reading.own_focus
            if w not in asking and w not in PLACE_WORDS and w not in PEOPLE_WORDS
            and w not in brought and not (w in capitals and spells_initials(w, spoken))]


#: what the self-employed charge: "what do photographers charge?", "day rate" (not "in charge")
_CHARGES = re.compile(r"\bwhat (?:do|does|would|should|can|could|did) (?:\w+\s+){0,4}charge\b"
                      r"|\bcharges?\s+(?:for|per)\b|\b(?:day|hourly|daily) rates?\b", re.I)
#: a short form as typed: "CE", "CEUs"
_CAPITALS = re.compile(r"\b([A-Z]{2,6})s?\b")


def told_around(ranked: Ranked, aside: Sequence[str], catalogue: Catalogue) -> bool:
    """Whether the best passage holds two or more of the question's own words
    beside the words ``aside`` it lacks, its roles' names and career verbs
    left out: "can a newly qualified plumber work on gas boilers straight
    away?" of a passage on working on gas boilers once qualified. The
    question is then this passage's, and a word only other guides use
    ("away") is said in passing. One word held ("the legal team" of a passage
    on the team) does not settle it."""
    top = speaking(ranked)[:1]
    if not top:
        return False
    held = {stem(w) for w in words(top[0].passage.text)}
    others = {st for w in ranked.candidates.reading.own
              if w not in aside and w not in catalogue.name_words
              and (st := stem(w)) not in CAREER_VERBS and not catalogue.ordinary(st)}
    return len(others & held) >= 2


def says_step(focus: Sequence[str], text: str) -> bool:
    """Whether ``text`` says the career step ("become") of the words ``focus``,
    if they ask one."""
    steps = {stem(w) for w in focus} & CAREER_VERBS
    return not steps or bool(steps & {stem(w) for w in words(text)})


#: A word right before a word for pay, after a word that opens a noun phrase:
#: "what maternity pay", "the minimum wage" (not "do agencies pay", a verb)
_PAY_KIND = re.compile(r"\b(?:what|whats|which|the|a|an|any|get|gets|much|is|their|your|my"
                       r"|for|on|of|about|no)\s+([a-z]+)[- ](pay|salary|salaries|wages?)\b"
                       r"(?:\s+([a-z]+))?", re.I)


#: what a premium is asked for: "paid extra for being on call?", "earn more
#: for nights?" (the first two words past "being", "working", "a", ...)
_PAID_FOR = re.compile(r"\b(?:paid|pay|earn)\w*\s+(?:extra|more)\s+(?:for|on)\s+"
                       r"(?:(?:being|working|doing|going|an?|the)\s+)*([a-z]+(?:[\s-][a-z]+)?)",
                       re.I)


#: what a money question asks the amount of: "how much pension do ...?"
_HOW_MUCH_OF = re.compile(r"\bhow much ([a-z]+) (?:do|does|did|is|are|will|would|can|could"
                          r"|should)\b", re.I)


#: each rate the law sets (data/language.toml [pay] laws), where a question
#: asks for it: "what's the national minimum wage?"; not "paid above minimum
#: wage?", which the guide's figures answer
_LAWS = tuple((law, re.compile(rf"(?<!above )(?<!below )(?<!over )(?<!under )(?<!than )"
                               rf"\b{re.escape(law)}s?\b", re.I))
              for law in sorted(LANGUAGE.pay_laws))


def pay_kind(ranked: Ranked, catalogue: Catalogue) -> tuple[str, ...]:
    """A kind of pay the question asks for that the guides answering it
    never name: their pay figures do not say what "maternity pay" is, nor what
    "the minimum wage" is, a rate the law sets. ("starting pay" asks for an
    amount of it: data/language.toml ``[pay]``.)"""
    question = ranked.candidates.reading.query.question
    if not asks_money(question):
        return ()
    docs = answering(ranked)
    for law, asked in _LAWS:
        if asked.search(question) and not any(catalogue.words.writes(law, d) for d in docs):
            return (law,)
    for match in _PAY_KIND.finditer(question):
        word, noun, after = ((match.group(i) or "").lower() for i in (1, 2, 3))
        if after in LANGUAGE.pay_after:
            continue  # "the union pay scale": an amount of pay
        if f"{word} {noun.rstrip('s')}" in LANGUAGE.pay_laws:
            continue
        st = stem(word)
        if not (_said_of_pay(word, catalogue) or catalogue.holds_kin(st, docs)
                or catalogue.ordinary(st)):
            return (f"{word} {noun}",)
    for match in _PAID_FOR.finditer(question):
        # a premium for something the answering guides never name: "paid extra
        # for being on call?" of a guide without on-call work
        # (beside a rarer word, one any guide says names nothing: "christmas
        # day" asks of christmas)
        premium = [w for w in words(match.group(1).lower()) if w not in STOPWORDS]
        named = [w for w in premium if not catalogue.ordinary(stem(w))] or premium
        if named and not any(_said_of_pay(w, catalogue) or catalogue.holds_kin(stem(w), docs)
                             for w in named):
            said = match.group(1).lower() if named == premium else " ".join(named)
            return (f"pay for {said}",)
    for match in _HOW_MUCH_OF.finditer(question):
        # "how much pension do firms pay into?": figures of pay give none
        # ("how much realistically do they make?" asks for them)
        word = match.group(1).lower()
        if not (_said_of_pay(word, catalogue) or word in LANGUAGE.pay_money
                or word.endswith("ly") or catalogue.holds(stem(word), docs)):
            return (word,)
    return ()


def _said_of_pay(word: str, catalogue: Catalogue) -> bool:
    """Whether ``word`` beside a question's pay says which amount, whose or
    where ("starting", "their", "London", "British", a role), not which kind."""
    return (word in LANGUAGE.pay_amounts or word in STOPWORDS or word in PLACE_WORDS
            or word in PEOPLE_WORDS or bool(catalogue.named(word)))


def word_span(wanted: set[str], tokens: list[str]) -> int | float:
    """The fewest consecutive ``tokens`` that hold every word of ``wanted``
    (infinity if some word is missing)."""
    last: dict[str, int] = {}
    best: int | float = math.inf
    for i, token in enumerate(tokens):
        if token in wanted:
            last[token] = i
            if len(last) == len(wanted):
                best = min(best, i - min(last.values()) + 1)
    return best
