"""Messages that are small talk, not questions: greetings, thanks, praise,
"what can you do?".

The reader (roleqa.engine.pipeline.read) answers these before any search, in
the words of data/language.toml's ``[small_talk]``; chat spellings ("r u",
"how's") and fillers ("lol", "mate") are read through.
"""

from __future__ import annotations

import re

from ..language import LANGUAGE
from ..text import ABBREVIATIONS, words

__all__ = ["small_talk"]

_NOUNS = "|".join(map(re.escape, LANGUAGE.catalogue_nouns)) or r"(?!)"
#: "Which roles do you cover?", "what jobs are there?", "what can you do?"
_ASKS_CATALOGUE = re.compile(
    rf"\b(?:which|what)\s+(?:other\s+|kinds?\s+of\s+)?(?:{_NOUNS})\s+(?:do|can|could)\s+you\s+"
    r"(?:have|cover|know|answer|offer|support|talk about|tell me about|help with)\b"
    rf"|\b(?:which|what)\s+(?:{_NOUNS})\s+(?:are|is)\s+(?:there|covered|available|included)"
    r"(?:\s+(?:here|on this site))?\s*\??\s*$"
    r"|^\s*what\s+(?:else\s+)?can\s+(?:you\s+(?:do|help with|tell me about|answer)|i\s+ask"
    r"(?:\s+you)?)\s*\??\s*$",
    re.I)


def _chatted(text: str) -> str:
    """``text`` as small talk is matched: chat spellings spelled out ("r u" →
    "are you", "how's" → "how is"), chat fillers ("lol", "mate") dropped."""
    spelled = (("is",) if t == "s" else tuple(ABBREVIATIONS.get(t, t).split())
               for t in words(text) if t not in LANGUAGE.chat_fillers)
    return " ".join(w for ws in spelled for w in ws)


_PLEASANTRIES = frozenset(_chatted(p) for p in LANGUAGE.pleasantries)
_ABOUT_YOU = re.compile(r"^(?:" + ("|".join(
    re.escape(_chatted(p)) for p in LANGUAGE.about_you if _chatted(p)) or "(?!)") + r")(?= |$)")
#: every phrase a message of small talk alone is made of, chatted, with its kind
_CHAT_PHRASES: dict[str, str] = {
    **{_chatted(p): "" for p in LANGUAGE.praise_fillers},
    **{_chatted(p): "greeting" for p in (*LANGUAGE.greetings, *LANGUAGE.pleasantries)},
    **{_chatted(p): "thanks" for p in (*LANGUAGE.thanks, *LANGUAGE.praise)},
}
_CHAT_PHRASES.pop("", None)
_LONGEST_CHAT = max((len(p.split()) for p in _CHAT_PHRASES), default=0)


def _only_chat(chat: str) -> str:
    """"thanks" or "greeting" when ``chat`` (a message as :func:`_chatted`
    gives it) is made of small-talk phrases alone, longest first ("thanks |
    you are | really | helpful | how is your day going"); "" else."""
    tokens = chat.split()
    kinds: set[str] = set()
    i = 0
    while i < len(tokens):
        for n in range(min(_LONGEST_CHAT, len(tokens) - i), 0, -1):
            kind = _CHAT_PHRASES.get(" ".join(tokens[i:i + n]))
            if kind is not None:
                kinds.add(kind)
                i += n
                break
        else:
            return ""
    return "thanks" if "thanks" in kinds else "greeting" if "greeting" in kinds else ""


#: "what is your favourite game?" is about the assistant; "what is your
#: favourite part of being a paramedic?" is asked of a worker of the role
_ABOUT_YOU_WORDS = 6


def small_talk(question: str) -> str:
    """ "greeting", "thanks" or "catalogue" for a message that only greets,
    thanks, or asks what the assistant covers (data/language.toml); "" else."""
    plain = " ".join(words(question))
    chat = _chatted(question)
    after = {chat[len(g) + 1:] for g in (*LANGUAGE.greetings, *LANGUAGE.thanks)
             if chat.startswith(f"{g} ")}
    about_you = any(_ABOUT_YOU.search(a) and len(a.split()) <= _ABOUT_YOU_WORDS
                    for a in (chat, *after))
    if (plain in LANGUAGE.greetings or chat in LANGUAGE.greetings
            or {chat, *after} & _PLEASANTRIES or about_you):
        return "greeting"
    if plain in LANGUAGE.thanks or chat in LANGUAGE.thanks:
        return "thanks"
    if _ASKS_CATALOGUE.search(question):
        return "catalogue"
    return _only_chat(chat)
