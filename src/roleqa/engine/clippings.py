"""A role's short form typed as another word: chat ("rn" is right now) or
the middle of a phrase a guide writes ("chef de partie" names no "DE"); and
chat for small words ("r testers" are testers, no kind of them).

Read where a question names roles (roleqa.engine.catalogue) and where its
short forms are spelled out (roleqa.engine.typed): "RN pay?", "as an rn" and
"lpn or rn?" are a nurse; "... in the games industry rn?" is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..language import LANGUAGE
from ..text import ABBREVIATIONS, STOPWORDS

__all__ = ["as_verb", "chat_clipping", "chat_spelling", "in_phrase", "said_otherwise"]


#: Words after which a short form names a role: "an rn", "become rn", "lpn or rn"
_NAMING_BEFORE = frozenset({"a", "an", "the", "as", "be", "become", "becoming", "or", "and",
                            "vs", "versus", "to", "being"})


def _as_written(text: str, raw: Sequence[str], i: int) -> re.Match[str] | None:
    """Where ``raw[i]`` (a lower-cased word of ``text``) stands in ``text``."""
    word = raw[i]
    found = list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I))
    nth = list(raw[:i]).count(word)
    return found[nth] if nth < len(found) else None


def chat_clipping(text: str, raw: Sequence[str], i: int) -> bool:
    """Whether ``raw[i]`` (a lower-cased word of ``text``), a role's short form,
    is chat there (data/language.toml ``chat_clippings``): written in lower case
    where a clause ends, after a word that does not name a role with it ("a",
    "become", "or"). "... in the games industry rn?" and "... rn or is it
    dying?" are right now; "RN pay?", "as an rn" and "lpn or rn?" are a nurse."""
    if raw[i] not in LANGUAGE.chat_clippings or i == 0 or raw[i - 1] in _NAMING_BEFORE:
        return False
    match = _as_written(text, raw, i)
    if match is None or not match.group().islower():
        return False
    after = text[match.end():]
    # a conjunction opening another clause ends one too ("court reporters rn or
    # is it dying?"), after a plural or a verb: "a travel rn but is it ..." is a nurse
    return (_STOP.match(after) is not None
            or (raw[i - 1].endswith(("s", "ing")) and _NEXT_CLAUSE.match(after) is not None))


_STOP = re.compile(r"\s*(?:[?.!,;]|$)")
_NEXT_CLAUSE = re.compile(r"\s*(?:or|and|but)\s+(?:is|are|was|were|will|would|do|does|did|has"
                          r"|have|not|nah|no|it|they|you|i)\b", re.I)


def in_phrase(text: str, raw: Sequence[str], i: int,
              written: Callable[[Sequence[str]], bool]) -> bool:
    """Whether ``raw[i]``, a role's short form of three letters or fewer, is
    written in lower case as the middle word of a phrase a guide writes
    (``written``): "chef de partie" names no role whose short form is "DE"."""
    if i == 0 or i + 1 >= len(raw) or len(raw[i]) > 3:
        return False
    match = _as_written(text, raw, i)
    return (match is not None and match.group().islower()
            and written(raw[i - 1 : i + 2]))


def said_otherwise(text: str, raw: Sequence[str], i: int,
                   written: Callable[[Sequence[str]], bool]) -> bool:
    """Whether ``raw[i]``, a role's short form, is another word there: chat
    (:func:`chat_clipping`) or a word of a phrase a guide writes (:func:`in_phrase`)."""
    return chat_clipping(text, raw, i) or in_phrase(text, raw, i, written)


def chat_spelling(word: str) -> bool:
    """Whether ``word`` is chat for words no role is named with: "r" ("are")
    in "r testers gonna get replaced?" is no kind of tester."""
    spelled = ABBREVIATIONS.get(word, "").split()
    return bool(spelled) and all(w in STOPWORDS for w in spelled)


#: who or what a verb is done to, after it: "do they vet your social media?"
_OBJECTS = frozenset({"you", "your", "my", "me", "them", "their", "his", "her", "our", "us",
                      "applicants", "candidates", "everyone"})


def as_verb(raw: Sequence[str], i: int) -> bool:
    """Whether ``raw[i]``, another name of a role that is a verb too ("vet"),
    is the verb there: who it is done to follows ("will they vet my record?")."""
    return i + 1 < len(raw) and raw[i + 1] in _OBJECTS
