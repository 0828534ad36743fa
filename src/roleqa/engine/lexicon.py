"""What the guides' own text says about the words visitors will use: short forms, names, initials.

Read once from every passage of a catalogue (seconds for tens of thousands of
passages), so ``roleqa index`` reads it at build and stores it in the index
(``lexicon.<build>.json``); a start takes it from there. The stored copy names
the code that made it (:data:`CODE`, a hash of the modules whose rules shape
it): read by other code, it is ignored and read again from the passages, so a
change to these rules can never serve a stale lexicon.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .. import text as _text_module
from ..guides import index as _index_module
from ..language import LANGUAGE
from ..text import STOPWORDS, stem, words
from ..types import Guide

__all__ = ["CODE", "Lexicon", "capital_initials", "fold", "initialism",
           "misspelt", "split_names", "word_initials"]


def _code_hash() -> str:
    digest = hashlib.sha256()
    for module in (__file__, _text_module.__file__, _index_module.__file__):
        digest.update(Path(module).read_bytes())
    digest.update(resources.files("roleqa").joinpath("data/language.toml").read_bytes())
    return digest.hexdigest()[:16]


#: The code a stored lexicon must have been made by (its rules, the tokeniser,
#: the text a passage is searched as, the word lists).
CODE = _code_hash()


def fold(token: str) -> str:
    """A token with a plural ending taken off: "florists" → "florist"."""
    if len(token) > 3 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 2 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def initialism(role: str) -> str | None:
    """The initials of a role of three words or more ("SRE"), else None."""
    parts = words(role)
    return "".join(p[0] for p in parts) if len(parts) >= 3 else None


def capital_initials(guides: Sequence[Guide], taken: Mapping[str, str],
                     written: Callable[[Sequence[str]], bool],
                     worded: Mapping[str, str] | None = None) -> dict[str, str]:
    """Initials of a role that are a word of their own, spelled out only where
    a visitor writes them in capitals: of two words ("fa", "cr": "FA pay per
    hour?", "do CRs need a degree?"), unless two roles share them, they are a
    short form already (``taken``), a stop word or capitals written for
    something else (data/language.toml ``capitals_not_roles``), or some
    passage writes them (``written``); of three or more, those that are a
    common word (``worded``, read by :func:`word_initials`: "EYE" of an early
    years educator, "SALT"), which in lower case are that word ("eye diseases")."""
    roles: dict[str, set[str]] = {}
    for g in guides:
        role = words(g.role)
        if len(role) == 2:
            roles.setdefault(role[0][0] + role[1][0], set()).add(" ".join(role))
    forms = {short: next(iter(names)) for short, names in roles.items()
             if len(names) == 1 and short not in taken and short not in STOPWORDS
             and short not in LANGUAGE.capitals_not_roles and not written([short])}
    forms.update(worded or {})
    return forms


def word_initials(guides: Sequence[Guide], dictionary: frozenset[str]) -> dict[str, str]:
    """The initials of roles of three words or more that are a common word
    (``dictionary``), with the role spelled out: "eye" → "early years educator"."""
    out: dict[str, str] = {}
    for g in guides:
        initials = initialism(g.role)
        if initials and initials in dictionary and initials not in STOPWORDS:
            out[initials] = " ".join(words(g.role))
    return out


def misspelt(span: Sequence[str], key: Sequence[str], dictionary: frozenset[str]) -> bool:
    """Whether the words ``span`` are the name ``key`` of two words or more
    with its last word misspelt to the same stem ("flight attendent"): a word
    of six letters or more that is no common word (``dictionary``) nor a verb's
    form, so "veterinary nursing" is no "veterinary nurse"."""
    last = span[-1] if span else ""
    return (len(key) >= 2 and len(span) == len(key) and tuple(span[:-1]) == tuple(key[:-1])
            and len(last) >= 6 and last not in dictionary and not last.endswith(("ing", "ed"))
            and stem(last) == stem(key[-1]))


def split_names(names: Iterable[str], dictionary: frozenset[str]) -> dict[str, str]:
    """Role names of one word as a visitor may write them in two ("zoo
    keeper", "fire fighter"), each with the one word: both parts common words
    (``dictionary``), the first of three letters or more and no stop word, the
    second of four or more, so "plumber" has no "plum ber"."""
    return {f"{name[:k]} {name[k:]}": name for name in names if name.isalpha()
            for k in range(3, len(name) - 3)
            if name[:k] in dictionary and name[k:] in dictionary and name[:k] not in STOPWORDS}


@dataclass(frozen=True)
class Lexicon:
    """The catalogue's short forms, the words it writes as names, and its initials."""

    #: short forms a visitor may type, spelled out ("tcs" → "tree care specialist")
    short_forms: dict[str, str]
    #: words the guides write as names ("TrowelPro", "GPS", "k8s"): tools and products
    names_used: frozenset[str]
    #: initials of every run of two to four words the guides use ("ttm"), and the
    #: short forms: a visitor's short form of a term the guides spell out is no unknown name
    initials: frozenset[str]

    @classmethod
    def read(cls, guides: Sequence[Guide], texts: Sequence[str],
             dictionary: frozenset[str] = frozenset()) -> Lexicon:
        """Read off the ``texts`` of every passage of ``guides`` (``dictionary``:
        the model's common words, which are never taken for short forms)."""
        forms = _short_forms(guides, texts, dictionary)
        return cls(forms, frozenset(_names_in(texts)),
                   frozenset(_initials_in(texts)) | frozenset(forms))

    def to_dict(self) -> dict[str, Any]:
        """What the index stores, with the code that made it."""
        return {"code": CODE, "short_forms": self.short_forms,
                "names_used": sorted(self.names_used), "initials": sorted(self.initials)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lexicon | None:
        """Read :meth:`to_dict`; None when other code made it, or it is malformed
        (then the catalogue reads its passages again)."""
        if data.get("code") != CODE:
            return None
        forms, names, initials = (data.get(k) for k in ("short_forms", "names_used", "initials"))
        if not (isinstance(forms, dict) and isinstance(names, list) and isinstance(initials, list)
                and all(isinstance(v, str) for v in [*forms, *forms.values(), *names, *initials])):
            return None
        return cls(dict(forms), frozenset(names), frozenset(initials))


# "garden management system (GMS)": a term the text defines a short form of.
_DEFINED = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,5})\(([A-Z][A-Za-z]{1,5})\)")


def _names_in(texts: Iterable[str]) -> set[str]:
    """Lower-cased words written as names in ``texts``: capitalised after a
    sentence's first word at least as often as written in lower case ("Python",
    "SQL", not the "part" of one "Part 2"), or with digits or symbols in them."""
    named: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    coded: set[str] = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?:›])\s+", text):
            tokens = re.findall(r"[^\W_]+(?:\+\+|#)?", sentence)
            named.update(t.lower() for t in tokens[1:] if t[:1].isupper() and len(t) > 1)
            plain.update(t for t in tokens if t.islower())
            coded |= {t.lower() for t in tokens if re.search(r"\d|[+#]", t) and not t.isdigit()}
    return {w for w, n in named.items() if n >= plain[w]} | coded


def _initials_in(texts: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for text in texts:
        tokens = [t for t in words(text) if t.isalpha()]
        for n in (2, 3, 4):
            for i in range(len(tokens) - n + 1):
                out.add("".join(t[0] for t in tokens[i : i + n]))
    return out


def _glued(texts: Sequence[str]) -> dict[str, str]:
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


def _short_forms(guides: Sequence[Guide], texts: Sequence[str],
                 dictionary: frozenset[str] = frozenset()) -> dict[str, str]:
    """Short forms a visitor may type, spelled out, all read off the catalogue:

    * a guide's one-word aliases ("TCS") and its role's initials, for its role;
    * the initials of the opening words of a role ("TC" of "tree care
      specialist");
    * a short form the text defines ("command line interface (CLI)");
    * the initials of a term the guides use (:func:`_glued`), unless they
      are a common word themselves.

    A term the guides mention once ("curriculum vitae") gets none, so a
    visitor's short form of something else stays as it is.
    """
    known = {t for text in texts for t in words(text)}
    forms = {k: v for k, v in _glued(texts).items()
             if k not in dictionary and k not in known}
    for text in texts:
        for match in _DEFINED.finditer(text):
            long_form, short = match.group(1).split(), match.group(2).lower()
            # "registered nurses (RNs)": a plural short form of a plural term
            plural = short.endswith("s") and fold(long_form[-1].lower()) != long_form[-1].lower()
            letters = short[:-1] if plural and len(short) > 2 else short
            tail = long_form[-len(letters):]
            if len(tail) == len(letters) and "".join(w[0].lower() for w in tail) == letters:
                forms[short] = " ".join(tail).lower()
                if letters != short:
                    forms[letters] = " ".join([*tail[:-1], fold(tail[-1])]).lower()
    for g in guides:
        role = words(g.role)
        for n in range(2, len(role)):
            forms.setdefault("".join(w[0] for w in role[:n]), " ".join(role[:n]))
        # A role of two words by its initials ("RN"), unless they are a word
        # of their own ("de", "it") that a visitor may mean as such.
        short = "".join(w[0] for w in role)
        if len(role) == 2 and short not in dictionary and short not in known:
            forms.setdefault(short, " ".join(role))
    for g in guides:
        spelled = " ".join(words(g.role))
        initials = initialism(g.role)
        if initials in dictionary:
            initials = None  # "eye": a word, spelled out only in capitals (capital_initials)
        for alias in [*g.aliases, *filter(None, [initials])]:
            token = words(alias)
            if len(token) == 1 and token[0] != spelled and token[0] not in STOPWORDS:
                plural = fold(token[0]) != token[0]
                forms[token[0]] = spelled + ("s" if plural else "")
    return {k: v for k, v in forms.items() if k not in STOPWORDS and len(k) > 1}
