"""Which guides a question is about, and what in it only other guides cover.

:func:`guides_for` reads the question's roles: a role it names picks its
guide; else the role the conversation is about; else every guide in scope. A
role outside the scope, or one no guide covers, gets a reply naming the roles
that are covered. :func:`foreign_words` finds the focus words that other
guides use and the asked-about ones do not: "legal" asked of a guide that
never speaks of legal work, when another guide does; words for pay are the
judge's to weigh, never such a topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import NamedTuple

from ..language import LANGUAGE
from ..text import (
    ABBREVIATIONS,
    CAREER_VERBS,
    content_words,
    join_names,
    stem,
    words,
)
from .catalogue import Catalogue
from .guide_words import Owners
from .lexicon import fold, plain_word
from .naming import name_words
from .places import PLACE_WORDS
from .query import COMPARISON
from .role_names import role_head

__all__ = ["Scoped", "foreign_words", "guides_for", "only_here", "owner_of", "spelled_here",
           "visitors_job"]

#: "Do they work with florists?": the page's own role, beside another.
_OWN_ROLE = re.compile(r"\b(they|them|their|this (role|job|position))\b", re.I)
#: "I'm a florist, ...": the visitor's own job, not the one asked about. The
#: job ends where the sentence goes on ("I'm a student and florists interest me").
_VISITOR_IS = re.compile(
    r"\b(?:(?:i['\u2019]?m|i am)(?:\s+(?:currently|now|still))?(?:\s+working\s+as)?"
    # "I've been a chippy for years", "I was a nurse", "I used to work as a chef"
    r"|i['\u2019]?ve\s+been|i\s+have\s+been|i\s+was|i\s+used\s+to\s+be"
    r"|i(?:\s+(?:currently|now|still|used\s+to))?\s+work(?:ed)?\s+as)\s+(?:a|an)"
    r"((?:\s+(?!(?:and|but|or|who|that|so|interested|wondering|looking|thinking|with|at|in"
    r"|how|what|when|why|where|which|do|does|did|can|could|is|are|should|would|will)\b)"
    r"[\w-]+){1,4})", re.I)
#: "How is that different from a florist?": a comparison pointing back at the
#: role spoken of before, not "what are the different kinds of florist?".
_POINTS_BACK = re.compile(r"\b(that|this|it|they|them|those|these|the (former|first|other))\b",
                          re.I)


class Scoped(NamedTuple):
    """Which guides answer a question, or why none does."""

    docs: list[str]
    #: a reply given without searching: the question is about a role out of reach
    refusal: str | None = None
    #: roles out of scope the question asks about that the guides in scope
    #: speak of: answered only from a passage that names them (see Judge)
    others: tuple[str, ...] = ()
    #: the roles a comparison sets side by side, when not all are named in it
    compared: tuple[str, ...] = ()


def guides_for(catalogue: Catalogue, own: str, history: Sequence[str], follow_up: bool,
               allowed: Sequence[str], typed: str = "") -> Scoped:
    """The guides the question ``own`` (repaired, without its history) is
    about, or a reply saying why none answers. The question as ``typed``
    names roles too: "HGV driver", an alias of a guide, is no "heavy goods
    vehicle driver" that none covers."""
    # typed and repaired alike most often: the catalogue is read once then
    as_typed = catalogue.named(typed) if typed and typed != own else []
    named = list(dict.fromkeys([*as_typed, *catalogue.named(own)]))
    if set(named) - set(allowed) and named == catalogue.by_doing(own):
        # "is developing software stressful?" on a software engineer's page asks
        # of its own work, not of another role named by what it does
        named = []
    said_before = cache(lambda: catalogue.focus_in(history))  # read once, if at all
    if named and not catalogue.named(_VISITOR_IS.sub(" ", own)):
        # "can I skip some of it if I've been a chippy for years?" after a
        # question on locksmiths: the visitor's own job, asked of the role before
        earlier = [d for d in said_before() if d in allowed]
        if earlier:
            return Scoped(earlier)
    if named and history and (earlier := [d for d in said_before() if d in allowed]) and all(
            _of_the_focus(catalogue, own, d, earlier, follow_up) for d in named):
        # "and what about directors?" after a quantity surveyor's pay asks of its
        # directors; "can officers reach a higher rank?" after deck officers, of them
        return Scoped(earlier)
    if named:
        inside = [d for d in named if d in allowed]
        if len(inside) == 1 and COMPARISON.search(own) and _POINTS_BACK.search(own):
            # "How is that different from a florist?" after a question on
            # gardeners compares the two.
            earlier = [d for d in said_before() if d in allowed and d not in inside]
            if earlier:
                pair = (earlier[0], inside[0])
                return Scoped(list(pair), compared=pair)
        if inside and COMPARISON.search(own) and (uncovered := _uncovered_beside(
                catalogue, _VISITOR_IS.sub(" ", own), inside)):
            # "what does a podiatrist earn compared to a nail tech?": half of it
            # no guide covers, so the comparison none can make (not "I'm a
            # software developer: ..." of the visitor's own job)
            return Scoped(list(allowed), _not_covered(catalogue, allowed, uncovered))
        if inside:
            return Scoped(inside)
        visitor = catalogue.named(" ".join(m.group(1) for m in _VISITOR_IS.finditer(own)))
        if COMPARISON.search(own) or _of_the_page(catalogue, own, named) or set(named) <= set(
                visitor):
            # "How is it different from a florist?", "Do they work with
            # florists?", "I'm a florist: ..." on another role's page: a question
            # about the page's role, which its guide answers (or not) itself.
            return Scoped(list(allowed))
        if all(_by_own_word(catalogue, own, d, allowed) for d in named):
            # "how much do senior ones and coordinators earn?" on a youth
            # worker's page whose guide has project coordinators: its own word
            return Scoped(list(allowed))
        if catalogue.speaks_of(allowed, named):
            # "What do the gardeners bring?" on a florist's page whose guide
            # says what gardeners bring: its own words on them may answer.
            return Scoped(list(allowed), others=tuple(named))
        return Scoped(list(allowed), only_here(catalogue, allowed))
    earlier = said_before()
    focus = [d for d in earlier if d in allowed]
    if earlier and not focus and follow_up:
        # "and what do they earn?" after a question about a role outside the scope
        if catalogue.speaks_of(allowed, earlier):
            return Scoped(list(allowed), others=tuple(earlier))
        return Scoped(list(allowed), only_here(catalogue, allowed))
    # "I'm a team manager: could I move into HR?" asks about HR, not about the
    # visitor's own job.
    asked = _VISITOR_IS.sub(" ", own)
    unknown = catalogue.unknown_role(asked) if not (focus or follow_up) else None
    if unknown:
        return Scoped(list(allowed), _not_covered(catalogue, allowed, unknown))
    return Scoped(focus or list(allowed))


def _not_covered(catalogue: Catalogue, allowed: Sequence[str], role: str) -> str:
    """The reply to a question about ``role``, which no guide ``allowed`` covers."""
    roles = join_names(catalogue.roles(allowed))
    which = "None of the guides here is" if len(allowed) > 1 else "The guide here is not"
    return (f"{which} about the {role} role. "
            f"{'They cover' if len(allowed) > 1 else 'It covers'} "
            f"the {roles} role{'s' if len(allowed) > 1 else ''}.")


def _uncovered_beside(catalogue: Catalogue, own: str, named: Sequence[str]) -> str | None:
    """An occupation no guide covers that ``own`` sets beside the roles ``named``
    ("podiatrist" of "what does a podiatrist earn compared to a nail tech?"),
    read from the question without the named roles' words; not one their guides
    speak of ("a dentist" of a dental hygienist's guide saying how they differ)."""
    names = {fold(w) for d in named for w in name_words(catalogue.get(d))}
    return catalogue.unknown_role(" ".join(w for w in words(own) if fold(w) not in names))


def _of_the_page(catalogue: Catalogue, own: str, named: Sequence[str]) -> bool:
    """Whether a pronoun of ``own`` speaks of the page's role ("Do they work
    with florists?", "do florists work with them?"), not "they" of the role
    named before it ("what does a QS do and how much do they make?")."""
    return any(m.group(1).lower() != "they"
               or not set(named) & set(catalogue.named(own[:m.start()]))
               for m in _OWN_ROLE.finditer(own))


def _by_own_word(catalogue: Catalogue, own: str, slug: str, allowed: Sequence[str]) -> bool:
    """Whether ``own`` names the role of guide ``slug`` by its last word alone
    ("coordinators", not "logistics coordinators" nor, of a veterinary nurse
    called "vet nurse", "vet nurses"), a word the guides ``allowed`` write
    themselves."""
    guide = catalogue.get(slug)
    role = [fold(w) for w in words(guide.role)]
    named = {fold(w) for w in words(" ".join([guide.role, *guide.aliases]))} - {role[-1]}
    tokens = [fold(w) for w in words(own)]
    return (len(role) > 1 and role[-1] in tokens and not named & set(tokens)
            and catalogue.holds(stem(role[-1]), allowed))


def _of_the_focus(catalogue: Catalogue, own: str, slug: str, focus: Sequence[str],
                  follow_up: bool) -> bool:
    """Whether ``own`` names the role of guide ``slug`` only by its last word,
    one the guides ``focus`` write themselves: in a follow-up, a level of pay
    or rank (``[pay] levels``: "directors", "managers") or their own role's
    last word too; in any question after them, a post of their own role
    ("what would a trainer make?" after bus drivers, whose guide writes
    "driver trainer"; not "nurses" after paramedics)."""
    last = role_head(catalogue.get(slug).role)
    heads = [(d, role_head(catalogue.get(d).role)) for d in focus]
    shared = any(head == last for _, head in heads)
    post = any(catalogue.words.writes(f"{head} {last}", d) for d, head in heads)
    return (slug not in focus and ((follow_up and (last in _LEVELS or shared)) or post)
            and _by_own_word(catalogue, own, slug, focus))


#: the levels of pay or rank a role's last word may be ("head", "director")
_LEVELS = frozenset(fold(w) for w in LANGUAGE.pay_levels)
#: A word one guide uses in this many passages or more, and over
#: :data:`OWN_TIMES` as many as any other guide, points a question naming no
#: role to that guide ("a normal day on the ambulances?" to the paramedic's).
#: On the blind dev questions naming no role, asked first: 67 answerable ones
#: pointed to their own guide, none to another.
OWN_LEAST = 3
OWN_TIMES = 4
_ROLE_WORDS = frozenset(LANGUAGE.occupations)
#: a word typed in capitals, two letters or more ("AU", "CPCU")
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+\b")


def owner_of(catalogue: Catalogue, owners_of: Owners, question: str,
             docs: Sequence[str]) -> str | None:
    """The one guide of ``docs`` that a word of ``question`` points to (see
    :data:`OWN_TIMES`, ``owners_of`` counting the guides' own words); None
    when none does, or words point to several. A word of a role's name names
    it by that name or not at all ("social media" is no social worker's)."""
    owners = set()
    # A short form typed in capitals that one guide alone writes, in capitals
    # too, points to it however seldom it does ("the pass rate for the AU
    # exams"; not "SAT" of a guide where a driver "sat" in traffic). So does
    # one typed in lower case that is no English word ("join aslef").
    capitals = set() if question.isupper() else set(_CAPITALS.findall(question))
    for w in content_words(question):
        short = next((c for c in capitals if c.lower() == w), "") or (
            w.upper() if _typed_short(w, catalogue) else "")
        only = owners_of.only(stem(w)) if short and w not in PLACE_WORDS else None
        if only is not None and any(re.search(rf"\b{re.escape(short)}\b", text)
                                    for text in catalogue.words.texts.get(only, ())):
            owners.add(only)
            continue
        if len(w) < 3 or w in PLACE_WORDS or w in ABBREVIATIONS:
            continue  # "rn" is chat for "right now"; "australia" is where, not what
        if {w, w.removesuffix("s")} & (_ROLE_WORDS | catalogue.name_words):
            continue  # a role is named by its name: "physical therapist" names no OT
        st = stem(w)
        if catalogue.ordinary(st):
            continue
        owner = owners_of.owner(st, OWN_LEAST, OWN_TIMES)
        if owner is not None:
            owners.add(owner)
    return owners.pop() if len(owners) == 1 and owners <= set(docs) else None


def _typed_short(word: str, catalogue: Catalogue) -> bool:
    """Whether ``word``, typed in lower case, may be a guide's short form: four
    letters or more, no chat ("thnx"), no English word nor the plural of one
    or of a short form ("cvs"); "cpl" or "att" are chat and typos as often."""
    single = word.removesuffix("s")
    return (len(word) >= 4 and word.isalpha() and word not in ABBREVIATIONS
            and not plain_word(word, catalogue.dictionary)
            and not (single != word and (plain_word(single, catalogue.dictionary)
                                         or single in catalogue.short_forms)))


def visitors_job(question: str) -> bool:
    """Whether ``question`` tells the visitor's own job ("I was a nurse, ...")."""
    return _VISITOR_IS.search(question) is not None


def only_here(catalogue: Catalogue, allowed: Sequence[str]) -> str:
    """The reply to a question about a role outside the scope ``allowed``."""
    roles = join_names(catalogue.roles(allowed))
    return (f"Sorry, I can only answer questions about the {roles} "
            f"role{'s' if len(allowed) > 1 else ''} here.")


#: stems of the words for pay itself ("money", "salaries"): no topic only some guides cover
_PAY_STEMS = frozenset(stem(w) for w in LANGUAGE.pay_money)

#: the least share of the guides using a word that head a section with it, for
#: the word to name a topic a guide may lack (GuideWords.headed_share)
HEADED_SHARE = 0.125


def foreign_words(catalogue: Catalogue, dictionary: frozenset[str], focus: Sequence[str],
                  docs: Sequence[str], close_in: Callable[[str], float],
                  match: float) -> list[str]:
    """Focus words other guides use and the guides ``docs`` do not.

    A word whose root the guides ``docs`` use ("botany" beside "botanists")
    is theirs. A name (a tool, a product: "TrowelPro", "SoilScan") counts whenever another guide
    uses it. A plain word counts only when few guides use it (not
    :meth:`Catalogue.ordinary`), another guide has a section on it
    (its heading says "legal", "earn", "day": "still" and "libraries" are just
    English), an eighth of the guides using it head a section with it
    (:data:`HEADED_SHARE`: one "career options" heading of fourteen guides
    writing "options" makes no topic) and no word of ``docs`` comes within
    ``match`` cosine of it
    (``close_in``). Such a question would otherwise be answered with the
    nearest passage on something else.
    """
    others = [s for s in catalogue.slugs if s not in docs]
    if len(catalogue) < 3 or not others:
        return []
    out = []
    for w in focus:
        st = stem(w)
        if st in CAREER_VERBS or len(w) < 2 or st in _PAY_STEMS or w in LANGUAGE.judging:
            # "become" is asked of every role, "worth it?" of anything; "r u" is
            # chat for "are you"; whether a guide gives pay is the judge's to tell
            continue
        if catalogue.holds_kin(st, docs) or not catalogue.holds(st, others):
            continue  # "botany" of a guide that speaks of botanists is its own
        named = w in catalogue.names_used or not plain_word(w, dictionary)
        topic = (len(w) >= 4 and not catalogue.ordinary(st)
                 and any(catalogue.heads(st, o) for o in others)
                 and catalogue.words.headed_share(st) >= HEADED_SHARE
                 and close_in(w) < match)
        if named or topic:
            out.append(w)
    return out


def spelled_here(focus: Sequence[str], catalogue: Catalogue, docs: Sequence[str]) -> list[str]:
    """``focus`` but the words of a short form kept beside its spelling ("dbs
    disclosure and barring service", see lexicon._kept_beside) that the
    guides ``docs`` write the other way: a guide saying "DBS check" and never
    spelling it out lacks no "barring", nor one spelling out "continuing
    professional development" a "CPD"."""
    drop: set[str] = set()
    for w in focus:
        term = catalogue.short_forms.get(w) or catalogue.capital_forms.get(w)
        if not term or not term.startswith(w + " "):
            continue
        spelled = content_words(term)[1:]
        if not set(spelled) <= set(focus):
            continue  # not spelled out: "aims" in lower case is the verb
        if catalogue.holds(stem(w), docs):
            drop.update(spelled)
        elif all(catalogue.holds_kin(stem(t), docs) for t in spelled):
            drop.add(w)
    return [w for w in focus if w not in drop]
