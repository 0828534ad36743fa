"""How visitors name roles beyond a guide's own names, and ask about other jobs.

People shorten a role ("wind turbine techs"), name it by its field and a
word for people ("wind turbine folks") or by its work ("air traffic
control" of an air traffic controller): :func:`loosely_named` reads these
against the role names of the loaded guides. :func:`asked_as_career` tells
an occupation asked about as a job to have ("how do I become a plumber?")
from one a guide merely works beside. Only the guides' names and
``data/language.toml`` are read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..language import LANGUAGE
from ..text import STOPWORDS, edit_distance, stem, words
from ..types import Guide
from .guide_words import ROOT, GuideWords, root

__all__ = [
    "COORDINATING",
    "FIELD_ALONE",
    "Field",
    "asked_as_career",
    "field_index",
    "lone_fields",
    "loosely_named",
    "name_words",
    "named_by_field",
    "named_by_head",
    "named_by_kind",
    "named_by_lead",
    "named_by_lone_field",
    "named_by_slip",
    "past_modifiers",
    "thing_elsewhere",
    "words_before",
]


#: what follows an occupation asked about as a job of its own ("what do bakers
#: earn?"); not "make" or "pay" ("does the chef make the menu?")
_EARNS = frozenset({"earn", "earns", "salary", "salaries", "paid"})
#: "want to be a ...": "be a" asks for a job after these, not in "do I need to be a driver?"
_WANT_TO = frozenset({"want", "wanna", "like", "how", "going", "hope", "plan"})
#: "work as a ...", "a job as a ...": what "as a" names is a job to have; not
#: "how does this help me as a hiring manager?", the visitor's own
_AS_WORK = frozenset({"work", "working", "job", "career", "employed", "train", "training",
                      "start", "starting", "qualify", "qualified"})
#: "working as a carer first": experience on the way to the job asked about
_ON_THE_WAY = frozenset({"first", "before", "beforehand", "initially"})
#: "I'm working as a waiter": the visitor's own job, whatever follows
_VISITOR = frozenset({"i", "im", "i'm", "am", "currently", "now", "still"})


def asked_as_career(raw: Sequence[str], start: int, end: int) -> bool:
    """Whether the occupation at ``raw[start:end + 1]`` is asked about as a job
    to have: "become a plumber", "want to be a baker", "work as a baker",
    "what do bakers earn?"; not the visitor's own ("I'm working as a waiter"),
    nor a step on the way to another ("would working as a carer first help?")."""
    if set(raw[end + 1:end + 2]) & _ON_THE_WAY:
        return False
    before = raw[max(0, start - 5):start]
    if before and before[-1] in ("a", "an"):
        verb = before[:-1]
        if {"become", "becoming"} & set(verb[-2:]):
            return True
        if len(verb) >= 3 and verb[-1] == "be" and verb[-2] == "to" and verb[-3] in _WANT_TO:
            return True
        if (len(verb) >= 2 and verb[-1] == "as" and verb[-2] in _AS_WORK
                and not (len(verb) >= 3 and verb[-3] in _VISITOR)):
            return True
    return bool(_EARNS & set(raw[end + 1:end + 3]))


def _abbreviates(token: str, word: str) -> bool:
    """Whether ``token`` is ``word`` or its first three letters or more
    ("tech"); a stop word is no one's start ("the" of "therapist")."""
    return token == word or (len(token) >= 3 and word.startswith(token)
                             and token not in STOPWORDS)


Field = tuple[tuple[str, ...], str, str]


def field_index(fields: Sequence[Field]) -> dict[str, list[Field]]:
    """``fields`` (a role's leading words, its last word, its slug) by the
    first three letters of their first word: a question's word can only
    start a field its own first letters key, so a question is read against a
    few roles, not every role of a large catalogue."""
    index: dict[str, list[Field]] = {}
    for field in fields:
        index.setdefault(field[0][0][:3], []).append(field)
    return index


def named_by_field(tokens: Sequence[str], fields: Mapping[str, Sequence[Field]],
                   taken: set[int], most_about: Callable[[str], str | None],
                   ) -> list[tuple[int, str]]:
    """Roles named by their field and the job their guide's text is about: "a
    games programmer" of a guide titled "Game developer" whose passages speak
    of gameplay programmers throughout (``most_about``: the guide whose
    passages write the job word most). ``fields`` is :func:`field_index` of the
    roles' names."""
    found = []
    for i in range(1, len(tokens)):
        job = tokens[i]
        if taken & {i - 1, i} or job not in LANGUAGE.occupations:
            continue
        for lead, last, slug in fields.get(tokens[i - 1][:3], ()):
            if lead == (tokens[i - 1],) and job != last and most_about(job) == slug:
                found.append((i - 1, slug))
    return found


def named_by_lead(tokens: Sequence[str], fields: Mapping[str, Sequence[Field]],
                  taken: set[int], elsewhere: Callable[[str, str], bool],
                  heads: frozenset[str]) -> list[tuple[int, str]]:
    """Roles named by their leading words alone, of two words or more, as the
    field they work in: "get into aircraft maintenance" of an aircraft
    maintenance engineer, where no other guide writes them (``elsewhere``:
    "data protection" may be an HR partner's work too), and no occupation
    (``heads``) follows them ("an aircraft maintenance planner" is another
    job), nor "of" ("the early years of your career" is no early years
    educator). ``fields`` is :func:`field_index` of the roles' names."""
    found = []
    for i in range(len(tokens)):
        for lead, _last, slug in fields.get(tokens[i][:3], ()):
            n = len(lead)
            if (n >= 2 and tuple(tokens[i:i + n]) == lead and not taken & set(range(i, i + n))
                    and not heads & set(tokens[i + n:i + n + 3])
                    and tokens[i + n:i + n + 1] != ["of"]
                    and not elsewhere(" ".join(lead), slug)):
                found.append((i, slug))
    return found


def name_words(guide: Guide) -> list[str]:
    """The words of a guide's title, role and aliases."""
    return words(" ".join([guide.title, guide.role, *guide.aliases]))


def words_before(texts: Sequence[str], head: str) -> frozenset[str]:
    """The words ``texts`` write right before ``head`` or its plural, lower
    case ("speech" of "call them speech therapists"; "end" and "frontend" of
    "Front-end developers")."""
    found = re.findall(rf"([^\W_]+(?:-[^\W_]+)?)[\s-]+{re.escape(head)}s?\b",
                       " ".join(texts).lower())
    # "Front-end developers": "end", and "frontend" as visitors write it
    return frozenset(w for word in found for w in (word.rsplit("-", 1)[-1],
                                                   word.replace("-", "")))


def named_by_kind(tokens: Sequence[str], taken: set[int],
                  kinds: Mapping[str, Sequence[tuple[str, frozenset[str]]]],
                  ) -> list[tuple[int, str]]:
    """Roles named by a shorter kind of their name: "speech therapist" of the
    guide whose role is "speech and language therapist". ``kinds`` holds, for
    a role's last word, each guide whose role ends in it with the words its
    name holds or its text writes before it; the two words name a guide when
    only that one has the first ("occupational" is another therapist's; "are
    hospitals hiring therapists?" names none)."""
    found = []
    for i in range(1, len(tokens)):
        lead = tokens[i - 1]
        if (taken & {i - 1, i} or lead in STOPWORDS or len(lead) < 3
                or lead.endswith("ing")):
            continue
        slugs = [slug for slug, before in kinds.get(tokens[i], ()) if lead in before]
        if len(slugs) == 1:
            found.append((i - 1, slugs[0]))
    return found


#: the longest field that names its role alone ("ux", "nlp", "hgv"): longer
#: fields are words ("pharmacy"), which name a topic, not a job
FIELD_ALONE = 5


def lone_fields(names: Sequence[tuple[tuple[str, ...], str]], common: frozenset[str],
                most_about: Callable[[str], str | None]) -> dict[str, str]:
    """The short one-word fields no ``common`` word spells, each led by one
    role's name of two words (``names``, see :func:`name_keys`) and written
    far more by that role's guide than by any (``most_about``): field → slug.
    "a few years in UX" asks about the UX designer."""
    # the roles each such field leads: "data" leads several, "ux" one
    leading: dict[str, set[str]] = {}
    for key, slug in names:
        if len(key) == 2:
            leading.setdefault(key[0], set()).add(slug)
    return {key[0]: slug for key, slug in names
            if len(key) == 2 and len(leading[key[0]]) == 1 and len(key[0]) <= FIELD_ALONE
            and key[0] not in common and most_about(key[0]) == slug}


def named_by_lone_field(tokens: Sequence[str], fields: Mapping[str, str],
                        jobs: frozenset[str],
                        written_elsewhere: Callable[[str, str], bool],
                        ) -> list[tuple[int, str]]:
    """Roles named by a field of :func:`lone_fields` alone, unless before
    another job's word ("a ux researcher" is one) or in a phrase another guide
    writes ("ux writing" of a copywriter's guide)."""
    found = []
    for i, token in enumerate(tokens):
        slug = fields.get(token)
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if slug and after not in jobs and not (after and written_elsewhere(
                f"{token} {after}", slug)):
            found.append((i, slug))
    return found


def loosely_named(tokens: Sequence[str], fields: Mapping[str, Sequence[Field]],
                  taken: set[int],
                  topic_elsewhere: Callable[[str, str], bool] = lambda _p, _s: False,
                  common: frozenset[str] = frozenset(),
                  ) -> list[tuple[int, str]]:
    """Roles named the way people shorten them: "wind turbine techs" (a
    word's start; every word shortened only when each keeps four letters and
    one is no ``common`` word: "pharm tech", not "even plan"), "wind turbine
    people" (the field and a word for people),
    "air traffic control" (the field and its work, of a field of two words or
    more, or of the role's own stem: "vet nursing", unless another guide
    writes it as a task of its own, ``topic_elsewhere``: "theatre nursing" of
    an anaesthetist's guide). A field several roles share ("data people")
    names none.
    ``fields`` is :func:`field_index` of the roles' names."""
    found: dict[int, set[str]] = {}
    for i in range(len(tokens)):
        for lead, last, slug in fields.get(tokens[i][:3], ()):
            n = len(lead)
            span = tokens[i : i + n + 1]
            if len(span) <= n or taken & set(range(i, i + n + 1)):
                continue
            if not all(_abbreviates(t, w) for t, w in zip(span, lead, strict=False)):
                continue
            end = span[n]
            # one word as the role writes it anchors the rest: "fin analyst",
            # "wind turbine techs"; every word shortened names the role only when
            # each keeps four letters and one is a clipping, no common word
            # ("pharm tech"; not "sec tech", nor "should i even plan to")
            if not (any(t == w for t, w in zip(span, lead, strict=False)) or end == last
                    or (all(len(t) >= 4 for t in span) and not set(span) <= common)):
                continue
            # "air traffic control" of a controller; "vet nursing" of a vet
            # nurse, the same stem, for a field of one word too
            work = ((n > 1 and len(last) >= ROOT and root(end) == root(last))
                    or (end != last and end.endswith("ing") and stem(end) == stem(last)
                        and not topic_elsewhere(" ".join(span), slug)))
            # "AI practitioners" of a guide that writes of AI practitioners
            # beside its own role is no AI product manager
            people = (end in LANGUAGE.people_nouns
                      and not topic_elsewhere(" ".join(span), slug))
            if _abbreviates(end, last) or people or work:
                found.setdefault(i, set()).add(slug)
    return [(i, slugs.pop()) for i, slugs in found.items() if len(slugs) == 1]


def thing_elsewhere(tokens: Sequence[str], i: int, slug: str, said: GuideWords) -> bool:
    """Whether one-word name ``tokens[i]`` of guide ``slug`` (an alias, not its
    role) is, with the word before it, a thing only another guide writes of
    (``said``): "a mini digger" of a landscaper's machines, not the
    archaeologists who call themselves diggers (nor "a senior nurse")."""
    prev = tokens[i - 1] if i else ""
    if not prev or prev in STOPWORDS or prev in LANGUAGE.person_modifiers:
        return False
    phrase = f"{prev} {tokens[i]}"
    return said.written_elsewhere(phrase, slug) and not said.writes(phrase, slug)


def past_modifiers(tokens: Sequence[str], i: int) -> int:
    """Where the words before ``tokens[i]`` that say a person's seniority,
    number or pay ("a junior nurse", "the best paid pilots") end: the position
    of the word before them, -1 at the start."""
    j = i - 1
    while j >= 0 and tokens[j] in LANGUAGE.person_modifiers:
        j -= 1
    return j


#: words joining two roles: "nurse or designer?", "pharmacist vs technician"
COORDINATING = frozenset({"or", "and", "vs", "versus"})


def named_by_head(raw: Sequence[str], tokens: Sequence[str], taken: set[int],
                  head_of: Mapping[str, str],
                  kind_written: Callable[[Sequence[str], str, str], bool],
                  ) -> list[tuple[int, str]]:
    """Roles named by their last word alone (``head_of``: that word → the one
    guide it names; ``raw`` the question's words as typed, ``tokens`` folded):
    "nurses", "a nurse", "a junior nurse", "nurse or designer?", not "the
    nurse on call". ``kind_written(words, head, slug)``: whether a guide names
    its role with the words before its last word or writes them there."""
    found = []
    for i, tok in enumerate(tokens):
        if tok not in head_of or i in taken:
            continue
        j = past_modifiers(raw, i)  # "a junior nurse"
        # "a secondary teacher", "an OTR driver": past up to two words its
        # guide's name holds or its text writes before the role's word (not
        # "a racing driver", "a university teacher", nor "the hiring nurses")
        slug, k = head_of[tok], j
        while (k >= 0 and j - k < 2 and raw[k] not in STOPWORDS
               and not raw[k].endswith("ing")):
            k -= 1
        if k < j and (k < 0 or raw[k] in STOPWORDS) and kind_written(
                raw[k + 1 : j + 1], raw[i], slug):
            j = k
        before = raw[j] if j >= 0 else ""
        after = raw[i + 1] if i + 1 < len(raw) else ""
        one = before in ("a", "an") or bool({before, after} & COORDINATING)
        if (not before or before in STOPWORDS) and (raw[i] != tok or one):
            found.append((i, slug))
    return found


#: the words before "a" that ask a job to be had: "become a", "to be a", "work as a"
_TO_BE = frozenset({"become", "becoming", "be", "as"})


def named_by_slip(raw: Sequence[str], tokens: Sequence[str], taken: set[int],
                  one_word: Mapping[str, str]) -> list[tuple[int, str]]:
    """A one-word role's name typed one letter off as another word, where a job
    to have is asked (:func:`asked_as_career`): "can i do an apprenticeship to
    become a chief" of a chef's guide. The word must end the question or come
    before a stop word ("become a chief officer" names an officer), and be one
    edit from one role's name alone (``one_word``: name → slug)."""
    found = []
    for i, tok in enumerate(tokens):
        if i in taken or len(tok) < 4 or tok in one_word or (
                i + 1 < len(tokens) and tokens[i + 1] not in STOPWORDS):
            continue
        # "become a", "be a", "as a" before it, not "what does a foreman get paid"
        if i < 2 or raw[i - 1] not in ("a", "an") or raw[i - 2] not in _TO_BE or (
                not asked_as_career(raw, i, i)):
            continue
        near = {slug for name, slug in one_word.items() if edit_distance(tok, name) == 1}
        if len(near) == 1:
            found.append((i, near.pop()))
    return found
