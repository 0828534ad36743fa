"""Other names of a role that its guide's opening gives in its own words.

A guide without front matter still says what else its role is called, near
its start: "In New Zealand the role is also called a "kaiako" or "ECE
teacher"", "A diagnostic radiographer, sometimes called a medical imaging
technologist or radiologic technologist, ...", "In care homes they are often
called care workers or healthcare assistants". Visitors ask by those names, so
they become the guide's aliases beside any its front matter lists.

Only the opening is read (:data:`OPENING` paragraphs), and only names said of
the role itself: the words before "called" must be the role's ("a diagnostic
radiographer"), or the role, the job, the trade or "they"; names people
"call themselves" when those are the role's people ("Site staff often call
themselves diggers"), not when they deny it. "In corporate
finance, often called FP&A" names a field, and "Assistant engineers,
sometimes called runners", later on, a junior post. Some names need no one
to give them: "the job title is ...", "employers advertise the same job as
...", "people just say ...". A title naming the role otherwise ("Tree
Surgery Technician" of arborist.md) is a name too. A name another guide
already goes by stays that guide's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..language import LANGUAGE
from ..types import Guide, Passage

__all__ = ["OPENING", "names_said", "title_name", "with_names_said"]

#: How many of a guide's first paragraphs are read for its other names.
OPENING = 3
#: The longest other name read, in words ("medical imaging technologist").
_MOST_WORDS = 4

#: "(is|are) (also|sometimes|...) called|known as|referred to as|shortened to"
#: the adverbs a name may be given with: "is *also* called", "the job title is
#: *actually* ..."
_HOW_OFTEN = (r"(?:(?:also|sometimes|often|usually|commonly|widely|simply|informally|actually"
              r"|officially|generally|normally|typically|mostly)\s+)*")
_CALLED = re.compile(
    r"\b" + _HOW_OFTEN + r"(?:called|known\s+as|referred\s+to\s+as|shortened\s+to|titled)\s+",
    re.I)
#: "Site staff often call themselves diggers": names people in the job give
#: themselves (who says so is read by _they_call)
_THEMSELVES = re.compile(r"\b" + _HOW_OFTEN + r"(?:call|calls|called)\s+themselves\s+", re.I)
#: names given with no one said to give them: "the job title is usually medical
#: laboratory assistant", "employers advertise the same job as "lab assistant"",
#: "people outside the industry just say recruiter"; only a name for people in
#: quotes or ending in an occupation counts (not "advertised as temporary")
_TITLED = re.compile(
    r"\b(?:job\s+title\s+is|advertised?\s+the\s+same\s+(?:job|role|post|position)\s+as"
    r"|(?:just|often|usually|mostly|simply)\s+say)\s+" + _HOW_OFTEN, re.I)
#: who may call themselves a name ("Site staff often call themselves ..."),
#: beside the role's own word and :data:`_SAID_OF_ROLE`, and words denying it
_PEOPLE = frozenset({"staff", "people", "worker", "member", "most", "many", "some"})
_DENYING = frozenset({"not", "never", "few", "rarely", "seldom", "no", "nobody", "don",
                      "doesn", "didn", "won", "wouldn"})
#: what the words before "called" may say instead of the role's own words
_SAID_OF_ROLE = frozenset({"role", "job", "trade", "profession", "occupation", "they",
                           "practitioners", "practitioner", "position"})
#: said between the role and "called": "the role *is* also called"
_BEING = frozenset({"is", "are", "was", "were", "be", "been", "being", "now"})
#: where the names end: a clause's punctuation or bracket, a new clause ("...,
#: while"), or where they are used ("... in New Zealand")
_NAMES_END = re.compile(r"[,.;:!?)\u2013\u2014]|\s-\s|\s(?:while|whereas|but|who|which|because"
                        r"|when|in|by|for|across|within|at|on|to)\s")
#: how names for people end ("technologist", "care workers", "opticians"), unless
#: quoted ("kaiako") or written in capitals ("HVAC-R"): "called in when a fault
#: is found" and "known as an apprenticeship" give no name
_PERSON = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|nurse|tech|ie|y)s?$", re.I)
_JOINING = frozenset({"and", "of", "the", "or", "&"})
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_OCCUPATIONS = frozenset(LANGUAGE.occupations)
#: words a title that is only a name never holds
_TITLE_WORDS = frozenset({"a", "an", "the", "as", "in", "of", "to", "for", "and", "or", "&",
                          "your", "my", "what", "how", "career", "careers", "guide"})
_QUOTES = "\"'“”‘’„«»`*_"


def _plain(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> list[str]:
    # not roleqa.text.words: a name keeps its hyphens and capitals ("HVAC-R",
    # "over-the-road" one word), read for its length and its initials
    return re.findall(r"[^\W_][\w&+-]*", text)


def _said_of_role(before: str, role: str) -> bool:
    """Whether the word before "called" (past "is", "are") is the role's own
    head noun ("a diagnostic radiographer, sometimes called"), or the role, the
    job or "they" ("the role is also called"); not "writes text, known as"."""
    said = [_plain(w) for w in _words(before)]
    while said and said[-1] in _BEING:
        said.pop()
    head = _words(role)[-1:]
    return bool(said) and (said[-1] in _SAID_OF_ROLE
                           or (bool(head) and said[-1] == _plain(head[0])))


def _names(after: str) -> list[str]:
    """The names listed at the start of ``after``: "a "kaiako" or "ECE teacher", and ..."."""
    # "SLTs (or SALTs)" lists a name; "over-the-road (OTR) drivers" glosses one
    flat = re.sub(r"\s*\(\s*or\s+([^()]*)\)", r" or \1", after)
    flat = re.sub(r"\s*\([^()]*\)", "", flat)
    run = _NAMES_END.split(flat, maxsplit=1)[0]
    out = []
    for part in re.split(r"\s+(?:or|and)\s+|\s*,\s*", run):
        said = part.strip()
        quoted = said[:1] in _QUOTES or said[-1:] in _QUOTES
        if said[:1] in _QUOTES:  # the name is what the quotes hold: ""site manager" instead"
            # (to the closing quote: not an apostrophe within, "brickie's labourer")
            said = re.split(rf"[{_QUOTES}](?!\w)", said[1:], maxsplit=1)[0]
        name = _ARTICLE.sub("", said.strip(_QUOTES).strip()).strip(_QUOTES).strip()
        if not (name and 0 < len(_words(name)) <= _MOST_WORDS):
            break  # a long run is a clause, not a name: what follows it is no name either
        if quoted or _PERSON.search(name) or re.sub(r"s$", "", name).isupper():
            out.append(name)
    return out


def names_said(opening: Sequence[str], role: str) -> list[str]:
    """The other names of ``role`` the paragraphs of a guide's ``opening`` give."""
    found: list[str] = []
    for text in opening:
        ends = [m.end() for m in _CALLED.finditer(text) if _said_of_role(text[:m.start()], role)]
        ends += [m.end() for m in _THEMSELVES.finditer(text) if _they_call(text[:m.start()], role)]
        for end in ends:
            found += [n for n in _names(text[end:])
                      if n.lower() != role.lower() and not _initials_of(n, role)]
        for m in _TITLED.finditer(text):
            quoted = text[m.end():][:1] in _QUOTES
            # what people "often say" may be any quote ("often say "attitude
            # matters"") or a mistake ("often say dental nurse when they mean"):
            # only a quoted name ending in an occupation is the role's
            often = "say" in m.group().lower().split() and "just" not in m.group().lower()
            found += [n for n in _names(text[m.end():]) if n.lower() != role.lower() and (
                (quoted and not often) or (_plain(_words(n)[-1]) in _OCCUPATIONS
                                           and (quoted or not often)))]
    return list(dict.fromkeys(found))


def title_name(title: str, role: str) -> str:
    """The name a guide's ``title`` gives its role when that is not the role:
    "Tree Surgery Technician" of a guide on arborists; "" for a title that
    holds the role ("Merchant Navy Deck Officer"), says more than a name
    ("Becoming a plumber", "Careers as an electrician") or ends in no
    occupation."""
    name = re.sub(r"\s*\([^()]*\)", "", re.split(r":|\s[-\u2013\u2014]\s", title)[0]).strip()
    said = [_plain(w) for w in _words(name)]
    own = {_plain(w) for w in _words(role)}
    if (not 1 < len(said) <= _MOST_WORDS or own <= set(said) or set(said) & _TITLE_WORDS
            or said[0].endswith("ing")):
        return ""  # "Becoming a plumber", "Careers as an electrician": more than a name
    if said[-1] not in _OCCUPATIONS:
        return ""
    # as a sentence writes it: "phlebotomy technician", but "HGV driver"
    return " ".join(w if sum(c.isupper() for c in w) > 1 else w.lower() for w in name.split())


def _they_call(before: str, role: str) -> bool:
    """Whether the words before "call themselves" are the role's people
    calling themselves so ("Site staff often", "Most welders"), not
    denying it ("Few bookkeepers would", "They do not", "don't": its "don")."""
    said = [_plain(w) for w in _words(before)][-4:]
    if not said or set(said) & _DENYING:
        return False
    head = _plain(_words(role)[-1]) if _words(role) else ""
    return bool(set(said) & (_SAID_OF_ROLE | _PEOPLE | {head}))


def _initials_of(name: str, role: str) -> bool:
    """Whether ``name`` is the role's initials ("SLTs" of "speech and language
    therapist"), which the catalogue reads for every role already: as an alias
    it would count as the role's own words, in every passage of its guide."""
    letters = re.sub(r"s$", "", name)
    said = _words(role)
    every = "".join(w[0] for w in said)
    return letters.isupper() and letters.lower() in {
        every.lower(), "".join(w[0] for w in said if w.lower() not in _JOINING).lower()}


def with_names_said(guides: Sequence[Guide], passages: Sequence[Passage]) -> list[Guide]:
    """``guides`` with the other names their openings give added to their
    aliases; a name another guide goes by (its role or an alias) is left out."""
    opening: dict[str, list[str]] = {}
    for p in passages:
        if p.kind == "paragraph" and len(opening.setdefault(p.doc, [])) < OPENING:
            opening[p.doc].append(p.text)
    said = {g.slug: [n for n in (title_name(g.title, g.role), *names_said(
        opening.get(g.slug, []), g.role)) if n] for g in guides}
    claimed: dict[str, set[str]] = {}
    for g in guides:
        for name in (*g.names, *said[g.slug]):
            claimed.setdefault(_key(name), set()).add(g.slug)
    return [replace(g, aliases=tuple(dict.fromkeys(
                (*g.aliases, *(n for n in said[g.slug] if claimed[_key(n)] == {g.slug})))))
            for g in guides]


def _key(name: str) -> str:
    """A name as compared with others': "Carers" is "carer"."""
    return " ".join(_plain(w) for w in _words(name))
