"""The initials a visitor may type for the terms the guides write out in full.

A guide writes "American Sign Language" and never "ASL"; a visitor types
"asl interpreter". Two readings find such terms without a guide spelling out
its short form: a phrase the guides use as a term (its first word is nearly
always followed by the rest, :func:`glued`), and a name a guide writes in
capitals, word after word, more than once (:func:`capitalised`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ..language import LANGUAGE
from ..text import STOPWORDS, words

__all__ = ["capitalised", "glued", "initials_in"]

#: a run of words in capitals, three to nine, small joining words between
#: them allowed ("Registry of Interpreters for the Deaf")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|and|for|the)\s+){0,2}[A-Z][a-z]+){2,8}\b")


def initials_in(texts: Iterable[str]) -> set[str]:
    """The initials of every run of two to four words of ``texts``."""
    out: set[str] = set()
    for text in texts:
        tokens = [t for t in words(text) if t.isalpha()]
        for n in (2, 3, 4):
            for i in range(len(tokens) - n + 1):
                out.add("".join(t[0] for t in tokens[i : i + n]))
    return out


def glued(texts: Sequence[str]) -> dict[str, str]:
    """Initials of the phrases the guides use as terms: used twice or more, and
    their first word is (nearly) always followed by the rest ("tree care")."""
    grams: Counter[str] = Counter()
    firsts: Counter[str] = Counter()
    for text in texts:
        tokens = words(text)
        firsts.update(tokens)
        for n in (2, 3):
            for i in range(len(tokens) - n + 1):
                run_ = tokens[i : i + n]
                if all(t.isalpha() and len(t) > 1 and t not in STOPWORDS for t in run_):
                    grams[" ".join(run_)] += 1
    by_initials: dict[str, set[str]] = {}
    for phrase, n in grams.items():
        parts = phrase.split()
        if n >= 2 and n >= 0.6 * firsts[parts[0]]:
            by_initials.setdefault("".join(w[0] for w in parts), set()).add(phrase)
    return {k: next(iter(v)) for k, v in by_initials.items() if len(v) == 1}


def capitalised(documents: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Initials of the names of three words or more a guide writes in capitals
    twice or more ("American Sign Language" → "asl"), spelled out, from
    ``documents`` (slug and passage text, without its headings: a heading
    repeated over its passages is not written twice). Counted guide by guide:
    the words of a name are common across a catalogue ("American" of many a
    board), the name in one guide is not. Any run of capitals in a longer one
    counts ("Fluent American Sign Language users"), but not one led by a small
    word ("The Level Three course" has two words of a name); initials two
    names share, and chat ("ooh", "tbh"), are left as typed."""
    counts: dict[str, Counter[str]] = {}
    for slug, text in documents:
        counted = counts.setdefault(slug, Counter())
        for match in _NAME.finditer(text):
            parts = match.group(0).split()
            for start, first in enumerate(parts):
                if not first[0].isupper() or first.lower() in STOPWORDS:
                    continue
                for end in range(start + 3, len(parts) + 1):
                    run_ = parts[start:end]
                    if run_[-1][0].isupper() and sum(w[0].isupper() for w in run_) >= 3:
                        counted[" ".join(run_)] += 1
    names: dict[str, set[str]] = {}
    for counted in counts.values():
        for name, n in counted.items():
            if n >= 2:
                short = "".join(w[0] for w in name.split() if w[0].isupper()).lower()
                names.setdefault(short, set()).add(name.lower())
    chat = LANGUAGE.spellings.keys() | LANGUAGE.chat_fillers | LANGUAGE.chat_clippings
    return {k: next(iter(v)) for k, v in names.items() if len(v) == 1 and k not in chat}
