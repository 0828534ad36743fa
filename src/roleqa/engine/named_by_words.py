"""Roles named by the words their guide writes, not by a name of the role.

A visitor may ask about a role without any of its names: by the people of
what its guide is about ("ambulance crews" of a paramedic), by its work
("skills needed for accountancy") or by a last word several roles share and
the word beside it, which only one of their guides is about ("the officers
on a ship" of a deck officer, not a police officer). Each reader here
takes the question's folded tokens (and the positions already read as a
name, ``taken``) and what the guides write, and gives (position, slug) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from ..language import LANGUAGE
from ..text import STOPWORDS, stem
from .guide_words import GuideWords, root

__all__ = ["doings", "named_by_context", "named_by_crew", "named_by_doing", "named_by_work",
           "told_apart", "work_roots"]


def named_by_crew(tokens: Sequence[str], taken: set[int],
                  most_about: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """Roles named as the people or service of what their guide is about:
    "ambulance crews" of a paramedic's guide that writes "ambulance"
    throughout, "the fire brigade", "kitchen staff" (``most_about``: the guide
    that writes the word far more than any other; the nouns are data,
    ``[roles] crew_nouns``)."""
    found = []
    for i in range(1, len(tokens)):
        if taken & {i - 1, i} or tokens[i] not in LANGUAGE.crew_nouns:
            continue
        lead = tokens[i - 1]
        if lead in STOPWORDS or len(lead) < 3:
            continue
        slug = most_about(lead)
        if slug is not None:
            found.append((i - 1, slug))
    return found


def named_by_context(tokens: Sequence[str], roles_ending: Mapping[str, Sequence[str]],
                     most_about: Callable[[str], str | None],
                     plain: Callable[[str], bool]) -> list[tuple[int, str]]:
    """Roles named by a last word several roles share (``roles_ending``: that
    word, folded, → the slugs of the roles ending in it) and the word next to
    it, stop words aside, that one of their guides writes far more than any
    other guide (``most_about``): "ships officers" and "the officers on a ship"
    are deck officers, not police officers. Not a word of a role's name nor
    any careers guide's (``plain``): "quantity" beside "surveyor" is left to
    the readers of names, and officers who "work shifts" are no deck officer.
    Two guides so named name neither."""
    found: list[tuple[int, str]] = []
    content = [j for j, w in enumerate(tokens) if w not in STOPWORDS]
    for k, i in enumerate(content):
        slugs = roles_ending.get(tokens[i], ())
        if len(slugs) < 2:
            continue
        beside = {most_about(tokens[j]) for j in content[max(0, k - 1):k + 2]
                  if j != i and len(tokens[j]) >= 3 and tokens[j] not in roles_ending
                  and not plain(tokens[j])}
        chosen = [slug for slug in slugs if slug in beside]
        if len(chosen) == 1:
            found.append((i, chosen[0]))
    return found


def work_roots(roles_ending: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The root of each role's last word (``roles_ending``: that word, folded,
    → the slugs of the roles ending in it) that no other role's last word has,
    with its slug."""
    roots: dict[str, list[str]] = {}
    for head, slugs in roles_ending.items():
        # the doer's ending off: "welder" is of "welding", "accountant" of "accountancy"
        roots.setdefault(root(re.sub(r"(?:er|or|ist|ian|ant)$", "", stem(head))), []).extend(slugs)
    return {r: slugs[0] for r, slugs in roots.items() if len(slugs) == 1 and len(r) >= 4}


#: how the name of a trade or field ends: "welding", "archaeology", "carpentry"
_WORK = re.compile(r"(?:ing|ogy|ery|try|ancy)$")


def named_by_work(tokens: Sequence[str], taken: set[int], roots: Mapping[str, str],
                  most_about: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """Roles named by their work, a trade's or field's word of the root of the
    role's last word (``roots``: root → slug, see :func:`work_roots`) that its
    guide writes more than any other, or no guide writes (``most_about``: the
    guide writing it most, "" for none): "skills needed for accountancy", "is
    archaeology a good career?"; not "nursing" of several nurses, nor
    "pharmacy" that a pharmacy technician's guide writes most."""
    return [(i, slug) for i, tok in enumerate(tokens)
            if i not in taken and len(tok) >= 6 and _WORK.search(tok)
            and (slug := roots.get(root(stem(tok)), "")) and most_about(tok) in (slug, "")]


def doings(roles: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """What each role of two words ``roles`` (slug → role) does, when its
    last word is a doer ("bus driver": ("driv", "bus"), "crane operator":
    ("operat", "crane")), with its slug; one two roles do names neither."""
    done: dict[tuple[str, str], list[str]] = {}
    for slug, role in roles.items():
        said = role.lower().split()
        if len(said) == 2 and re.search(r"(?:er|or)$", said[1]) and len(said[1]) > 5:
            done.setdefault((said[1][:-2], said[0]), []).append(slug)
    return {key: slugs[0] for key, slugs in done.items() if len(slugs) == 1}


#: between a verb and what it is done to: "driving a bus", "operating the cranes"
_ARTICLES = frozenset({"a", "an", "the"})


def named_by_doing(raw: Sequence[str], done: Mapping[tuple[str, str], str]) -> list[
        tuple[int, str]]:
    """Roles named by what they do (``done``, :func:`doings`): "the downsides
    of driving buses" names a bus driver's guide, "operating cranes" a crane
    operator's; not "driving a car"."""
    found = []
    for i, word in enumerate(raw):
        verb = re.sub(r"(?:ing|es|e|s)$", "", word)
        rest = [w for w in raw[i + 1:i + 4] if w not in _ARTICLES][:1]
        if verb == word or len(verb) < 3 or not rest:
            continue
        thing = rest[0]
        for said in {thing, thing[:-1], thing[:-2], thing[:-3] + "y"}:
            if slug := done.get((verb, said)):
                found.append((i, slug))
    return found


def told_apart(tokens: Sequence[str], names: Collection[str], slugs: Sequence[str],
               said: GuideWords) -> str | None:
    """The one of the guides ``slugs`` going by the same name ("PT": a physio's
    and a personal trainer's) whose text holds most of the question's other
    words that are no common word of the guides ("dublin", "gym"), nor a stem
    of ``names`` (another role's name, an occupation: "do PTs earn more than
    nurses?" tells nothing); None for a tie: the question asks of both."""
    asked = {st for t in tokens if t not in STOPWORDS and (st := stem(t)) not in names}
    telling = [w for w in asked if not said.ordinary(w)]
    held = sorted(((sum(said.holds(w, [s]) for w in telling), s) for s in slugs), reverse=True)
    return held[0][1] if held[0][0] > held[1][0] else None
