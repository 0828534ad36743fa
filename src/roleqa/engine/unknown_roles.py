"""Occupations a question asks about that no loaded guide covers.

A question naming no guide's role may still ask about a role: "What does a
UX designer do?" of a catalogue without one. The catalogue then says which
roles it does cover instead of answering from a guide that only mentions
designers. What counts as an occupation is data (``[roles] occupations``)
plus each guide's own role noun; what the guides write decides whether they
have something to say about it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from ..language import LANGUAGE
from ..text import STOPWORDS, stem, words
from .clippings import chat_spelling
from .guide_words import GuideWords
from .lexicon import fold
from .naming import asked_as_career, past_modifiers

__all__ = ["unknown_role"]


def unknown_role(text: str, heads: Collection[str], said: GuideWords,
                 name_words: Collection[str],
                 roles_ending: Mapping[str, Sequence[str]]) -> str | None:
    """An occupation ``text`` asks about that no guide covers, or None.

    "What does a UX designer do?" → "ux designer". An occupation a guide
    talks about ("wedding planners", "shop owners") is not unknown: that
    guide has something to say about it. A bare noun counts only as "a
    nurse" or "nurses", not as "the writer" (a person, not a role).
    ``heads`` are the occupation nouns, ``name_words`` the words of the
    guides' role names, ``roles_ending`` each role's last word → its slugs.
    The caller has checked that ``text`` names no guide's role.
    """
    raw = words(text)
    tokens = [fold(w) for w in raw]
    # as typed: "R developers" write R; "r testers" are testers
    chat = {w for w in re.findall(r"[^\W_]+", text) if w.islower() and chat_spelling(w)}
    for i, tok in enumerate(tokens):
        if tok not in heads:
            continue
        mods: list[str] = []
        for k in reversed(range(max(0, i - 2), i)):
            prev = tokens[k]
            # as written too: "does" folds to "doe", and is no modifier
            if (prev in STOPWORDS or raw[k] in STOPWORDS or prev.isdigit()
                    or prev in LANGUAGE.person_modifiers or raw[k] in chat):
                break  # "a single florist" is a florist, not a "single florist"
            mods.insert(0, prev)
        spans = [[*mods[j:], tok] for j in range(len(mods) + 1)]
        # "how do I become a plumber?" of a guide that only works beside
        # plumbers asks about another job; "... a supervisor?" of one that
        # says who becomes a supervisor is its own career path.
        career = asked_as_career(raw, i - len(mods), i)
        if career and not said.becomes([*mods, tok]):
            return " ".join([*mods, tok])
        if any(said.written(span) for span in spans if len(span) > 1):
            continue  # "hiring manager": the guides speak of it
        if mods and _kind_of_role(mods, tok, said, roles_ending):
            continue  # "a marine biologist" of a guide on biologists that speaks of marine work
        if mods:
            return " ".join([*mods, tok])
        # "a nurse", "nurses", "a certified nurse": not "the writer"
        j = past_modifiers(tokens, i)
        bare = raw[i] != tok or (j >= 0 and raw[j] in ("a", "an"))
        if bare and not said.written([tok]) and tok not in name_words:
            return tok
    return None


def _kind_of_role(mods: Sequence[str], head: str, said: GuideWords,
                  roles_ending: Mapping[str, Sequence[str]]) -> bool:
    """Whether a role ends in ``head`` and its guide uses every word of ``mods``."""
    return any(said.holds_all([stem(m) for m in mods], slug)
               for slug in roles_ending.get(head, ()))
