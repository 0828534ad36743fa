"""The names a role is asked by, read off its guide and the language data.

A guide names its role, its aliases and perhaps other names in its title
("Carpenter and Joiner"); people add the occupation's informal names
("sparky", ``data/language.toml [other_names]``) and its field with another
word for its last ("crane driver" of a crane operator, ``[other_heads]``).
:func:`name_keys` gives every name a question may use; :func:`role_spellings`
those no guide writes, each to be searched as its guide names the role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..language import LANGUAGE
from ..text import other_spellings, stem, words
from ..types import Guide
from .guide_words import GuideWords
from .lexicon import fold, initialism, split_names

__all__ = ["field_stem", "name_keys", "other_names", "role_head", "role_spellings",
           "sole_heads", "title_names"]


def role_head(role: str) -> str:
    """The last word of ``role``, folded ("nurse" of "Registered Nurses"); "" for none.
    Roles sharing it are of one kind, and a question may name a role by it."""
    said = words(role)
    return fold(said[-1]) if said else ""


def other_names(role: str) -> list[str]:
    """The other names of ``role`` (data/language.toml ``[other_names]``): those
    of the occupation its name ends in ("sparky" of "electrician"), and its
    field with another word for its last (``[other_heads]``: "crane driver" of
    "crane operator")."""
    said = [fold(w) for w in words(role)]
    names = [name for job, names in LANGUAGE.other_names.items() for name in names
             if (kind := [fold(w) for w in words(job)]) and said[-len(kind):] == kind]
    if len(said) > 1:
        lead = " ".join(words(role)[:-1])
        names += [f"{lead} {head}" for head in LANGUAGE.other_heads.get(said[-1], ())]
    return names


#: where a title divides the names it gives: "Carpenter and Joiner", "A / B", "A (B)"
_TITLE_PARTS = re.compile(r"\s+(?:and|or|&)\s+|\s*[/(),]\s*", re.I)
#: where a name in a title is said to be used: "Estate Agent in the UK"
_USED_IN = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?\S+.*$", re.I)


def name_keys(guides: Sequence[Guide]) -> list[tuple[tuple[str, ...], str]]:
    """Each name a guide's role is asked by (its role and aliases, their
    initials, other names and the title's), as its words folded, with the
    guide's slug; longest first, so "tree surgeon" wins over "surgeon"."""
    names: list[tuple[tuple[str, ...], str]] = []
    own = _gone_by(guides)
    for g in guides:
        spelled = [*g.names, *filter(None, [initialism(g.role)]), *other_names(g.role),
                   *title_names(g.title, g.role)]
        for name in dict.fromkeys(spelled):
            said = words(name)
            key = tuple(fold(w) for w in said)
            if key and g.slug in own.get(key, {g.slug}):
                names.append((key, g.slug))
                # "brickies" folds to "bricky", not to the "brickie" it is a plural of
                plural = (*key[:-1], fold(said[-1] + "s"))
                if plural != key:
                    names.append((plural, g.slug))
    names.sort(key=lambda n: -len(n[0]))
    return names


def _gone_by(guides: Sequence[Guide]) -> dict[tuple[str, ...], set[str]]:
    """The names the guides go by (role and aliases), as their words folded,
    with the slugs of the guides going by each: a name one guide goes by is no
    other name of another's ("music teachers" of a music teacher's guide, not
    of a music instructor's); one two guides go by ("PT") is both's."""
    own: dict[tuple[str, ...], set[str]] = {}
    for g in guides:
        for n in g.names:
            own.setdefault(tuple(fold(w) for w in words(n)), set()).add(g.slug)
    return own


def title_names(title: str, role: str) -> list[str]:
    """Other names of ``role`` its guide's ``title`` gives beside it: "Joiner"
    of "Carpenter and Joiner", "Estate Agent" of "Real Estate Agent (Estate
    Agent in the UK)". A name is an occupation, or ends as the role does."""
    head = role_head(role)
    if not head or role.lower() not in title.lower():
        return []
    out = []
    # the role's own "and" divides nothing: "Sales and Marketing Manager"
    rest = re.sub(re.escape(role), " / ", title, flags=re.I)
    for part in _TITLE_PARTS.split(rest):
        name = _USED_IN.sub("", re.sub(r"^\s*(?:and|or|&)\s+", "", part, flags=re.I)).strip()
        said = [fold(w) for w in words(name)]
        if (said and len(said) <= 3 and name.lower() != role.lower()
                and (said[-1] == head or said[-1] in LANGUAGE.occupations)):
            out.append(name)
    return out


def role_spellings(guides: Sequence[Guide], one_word: Iterable[str],
                   dictionary: frozenset[str],
                   written: Callable[[Sequence[str]], bool]) -> dict[str, str]:
    """A role's names as visitors write them and no guide does (``written``),
    each as its guide names the role: a one-word name in two words ("zoo
    keeper" → "zookeeper", of ``one_word``), and other names of two words or
    more ("crane op" → "crane operator"), which the model reads a passage by.
    Not "speechie" for a "speech and language therapist": the role's words
    would weigh in every passage of its guide. A name spelled the other side
    of the Atlantic is spelled as the guide does ("data centre technician")."""
    spellings = split_names(one_word, dictionary)
    own = _gone_by(guides)
    for g in guides:
        for name in other_names(g.role):
            said = words(name.replace("-", " "))
            if len(said) > 1 and not written(said) and tuple(fold(w) for w in said) not in own:
                spellings.setdefault(" ".join(said), g.role)
        # "data centre technician" of a guide writing "data center", "archeologist"
        for name in g.names:
            said = words(name)
            for i, word in enumerate(said):
                for other in (o for o in other_spellings(word) if o in dictionary):
                    spelled = [*said[:i], other, *said[i + 1:]]
                    if not written(spelled) and tuple(fold(w) for w in spelled) not in own:
                        spellings.setdefault(" ".join(spelled), name)
    return spellings


#: endings naming the one who does the work: "survey-or", "plumb-er", "machin-ist"
_DOER = ("er", "or", "ist", "ant")


def field_stem(role: str, writes: Callable[[str], bool]) -> str:
    """The stem of the work ``role``'s last word names its doer by, when its
    guide ``writes`` the work so ("surveying" of a land surveyor, "plumbing",
    "welding"): a question "for surveying" asks of the role as "for surveyors"
    does. "" for none, or a rank ("managing" of a manager is no field)."""
    head = role_head(role)
    if head in LANGUAGE.pay_levels:
        return ""
    for end in _DOER:
        base = head[: -len(end)]
        # five letters or more: "work" of a social worker is any job's
        if head.endswith(end) and len(base) >= 5 and writes(f"{base}ing"):
            return stem(base)
    return ""


def sole_heads(guides: Sequence[Guide], roles_ending: Mapping[str, Sequence[str]],
               said: GuideWords, times: int) -> dict[str, str]:
    """Each role's last word that names it alone → its guide: a word no other
    role ends in and no other guide uses ("nurses" name the nurse, not one of
    several engineers, nor those a designer works with), or uses only in
    passing, ``times`` fewer than its own ("workshop mechanics" of a driver)."""
    heads = {}
    for g in guides:
        head = role_head(g.role) if len(words(g.role)) > 1 else ""
        if head and len(roles_ending.get(head, ())) == 1 and (
                not said.used_elsewhere(stem(head), g.slug)
                or said.most_about(head, times=times) == g.slug):
            heads[head] = g.slug
    return heads
