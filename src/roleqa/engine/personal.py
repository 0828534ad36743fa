"""Requests no careers guide should answer, read from a message's words alone.

A visitor worried about their own health ("my chest has been hurting since
this morning, should I be worried?") needs a doctor, not the nearest passage
on the work; one asking how to do wrong ("how do I fake a certificate?")
gets no passage at all. Both are told so before any search. The word lists
are data (``data/language.toml``, ``[requests]``); a health word counts only
beside the visitor's own words and a request for advice, wrongdoing only when
asked for oneself, so
"do paramedics treat chest pain?" and "do security engineers stop people who
hack into accounts?" are questions about the work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..language import LANGUAGE
from ..text import words

__all__ = ["personal_request"]

_DATA = LANGUAGE.requests


def _phrases(items: Sequence[str]) -> re.Pattern[str]:
    spelled = sorted((" ".join(words(item)) for item in items if words(item)), key=len,
                     reverse=True)
    return re.compile(r"(?:^| )(?:" + ("|".join(map(re.escape, spelled)) or "(?!)") + r")(?= |$)")


_HEALTH = frozenset(_DATA.get("health", ()))
_SELF = frozenset(_DATA.get("self", ()))
_ADVICE = _phrases(_DATA.get("advice", ()))
_WRONG = _phrases(_DATA.get("wrongdoing", ()))
_FOR_ONESELF = _phrases(_DATA.get("asking_for_oneself", ()))


def personal_request(question: str) -> str:
    """ "health" for the visitor's own health, "wrongdoing" for help doing
    wrong, "" for anything else."""
    tokens = words(question.replace("\u2019", "'"))
    plain = " ".join(tokens)
    if _HEALTH & set(tokens) and _SELF & set(tokens) and _ADVICE.search(plain):
        return "health"
    if _WRONG.search(plain) and _FOR_ONESELF.search(plain):
        return "wrongdoing"
    return ""
