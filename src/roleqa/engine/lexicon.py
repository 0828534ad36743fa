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
from ..text import ABBREVIATIONS, STOPWORDS, edit_distance, stem, words
from ..types import Guide
from . import initials as _initials_module
from .initials import capitalised, glued, initials_in

__all__ = ["CODE", "Lexicon", "capital_initials", "fold", "initialism",
           "misspelt", "plain_word", "split_names", "word_initials"]


def _code_hash() -> str:
    digest = hashlib.sha256()
    for module in (__file__, _text_module.__file__, _index_module.__file__,
                   _initials_module.__file__):
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
    with its last word misspelt to the same stem ("flight attendent") or one
    letter off it ("quantity surveyers"): a word of six letters or more that is
    no common word (``dictionary``) nor a verb's form, so "veterinary nursing"
    is no "veterinary nurse"."""
    last = span[-1] if span else ""
    return (len(key) >= 2 and len(span) == len(key) and tuple(span[:-1]) == tuple(key[:-1])
            and len(last) >= 6 and last not in dictionary and not last.endswith(("ing", "ed"))
            and (stem(last) == stem(key[-1]) or edit_distance(last, key[-1]) <= 1))


#: endings of English words the model's word list holds without them ("renew")
_ENDINGS = ("ing", "ed", "es", "s", "ers", "er", "ly", "ally")


def plain_word(word: str, dictionary: frozenset[str]) -> bool:
    """Whether ``word`` is a plain English word: in ``dictionary``, or one of
    its words with an ending ("renewing", "revalidated", "wineries"), or the
    stem of one ("expire" of "expired"), not a name."""
    if word in dictionary or (word.endswith("ies") and f"{word[:-3]}y" in dictionary):
        return True
    # (not "canva" of "canvas": a name one letter short of a word)
    if len(word) >= 4 and any(word + end in dictionary for end in (
            ("d", "ed", "ing") if word.endswith("e") else ("ed", "ing"))):
        return True
    for end in _ENDINGS:
        base = word[: -len(end)]
        if word.endswith(end) and len(base) >= 3 and (
                base in dictionary or f"{base}e" in dictionary):
            return True
    return False


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
    #: short forms the guides define that are words too, spelled out only in
    #: capitals ("AIMS" → "australian institute of marine science")
    capital_terms: dict[str, str]

    @classmethod
    def read(cls, guides: Sequence[Guide], documents: Sequence[tuple[str, str]],
             dictionary: frozenset[str] = frozenset()) -> Lexicon:
        """Read off every passage of ``guides`` (``documents``: slug and text;
        ``dictionary``: the model's common words, never taken for short forms)."""
        texts = [text for _, text in documents]
        defined = _kept_beside(_defined(texts), texts)
        # "HER" of a "Historic Environment Record" only in capitals, as "AIMS"
        worded = _words_too(defined, texts) | {s for s in defined if s in STOPWORDS}
        forms = _short_forms(guides, documents, dictionary, defined, worded)
        # kept beside its spelling: "SEND pupils" may be "send" said loudly
        capital = {k: v if v.startswith(f"{k} ") else f"{k} {v}"
                   for k, v in defined.items() if k in worded}
        return cls(forms, frozenset(_names_in(texts)),
                   frozenset(initials_in(texts)) | frozenset(forms) | frozenset(capital), capital)

    def to_dict(self) -> dict[str, Any]:
        """What the index stores, with the code that made it."""
        return {"code": CODE, "short_forms": self.short_forms,
                "names_used": sorted(self.names_used), "initials": sorted(self.initials),
                "capital_terms": self.capital_terms}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Lexicon | None:
        """Read :meth:`to_dict`; None when other code made it, or it is malformed
        (then the catalogue reads its passages again)."""
        if data.get("code") != CODE:
            return None
        forms, names, initials, capital = (data.get(k) for k in (
            "short_forms", "names_used", "initials", "capital_terms"))
        if not (isinstance(forms, dict) and isinstance(names, list) and isinstance(initials, list)
                and isinstance(capital, dict)
                and all(isinstance(v, str) for v in [*forms, *forms.values(), *names, *initials,
                                                     *capital, *capital.values()])):
            return None
        return cls(dict(forms), frozenset(names), frozenset(initials), dict(capital))


# "garden management system (GMS)": a term the text defines a short form of.
_DEFINED = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,8})\(([A-Z][A-Za-z]{1,5})\)")


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


#: words a term may hold that its short form passes over ("Institute and
#: Faculty of Actuaries (IFoA)", "Disclosure and Barring Service (DBS)")
_JOINING = frozenset({"of", "and", "for", "the", "in", "on", "to", "at"})


def _spelled_out(before: Sequence[str], letters: str) -> list[str] | None:
    """The last words of ``before`` whose first letters are ``letters``, past
    joining words ("of") that give none of them; None if they are not there.
    A joining word that could give a letter is tried as giving it, then passed
    over, and it never gives the first: "Assessed and Supported Year in
    Employment (ASYE)" starts at "Assessed", not at "and"."""
    def start(end: int, k: int) -> int | None:
        # where letters[:k] begin, matched by words ending before ``end``
        if k == 0:
            return end
        for j in range(end - 1, -1, -1):
            word = before[j].lower()
            joining = word in _JOINING
            if word[0] == letters[k - 1] and not (k == 1 and joining):
                found = start(j, k - 1)
                if found is not None:
                    return found
            if not joining:
                return None
        return None

    first = start(len(before), len(letters))
    return None if first is None else list(before[first:])


def _defined(texts: Iterable[str]) -> dict[str, str]:
    """Short forms the text defines, spelled out: "command line interface
    (CLI)", "Health and Care Professions Council (HCPC)", "Qualified Teacher
    Status (QTS)", and a plural's singular too ("registered nurses (RNs)").
    One defined two ways ("SCA" of a coffee association and of a school) is
    left as typed: either spelling would pick a guide."""
    forms: dict[str, set[str]] = {}
    for text in texts:
        for match in _DEFINED.finditer(text):
            long_form, short = match.group(1).split(), match.group(2).lower()
            tail = _spelled_out(long_form, short)
            if tail:
                forms.setdefault(short, set()).add(" ".join(tail).lower())
                continue
            plural = short.endswith("s") and fold(long_form[-1].lower()) != long_form[-1].lower()
            tail = _spelled_out(long_form, short[:-1]) if plural and len(short) > 2 else None
            if tail:
                forms.setdefault(short, set()).add(" ".join(tail).lower())
                forms.setdefault(short[:-1], set()).add(
                    " ".join([*tail[:-1], fold(tail[-1])]).lower())
    return {short: next(iter(terms)) for short, terms in forms.items() if len(terms) == 1}


def _kept_beside(forms: Mapping[str, str], texts: Iterable[str]) -> dict[str, str]:
    """``forms``, with the short form kept before its spelling where a passage
    writes it without spelling it out: "DBS check", "QTS" after the guide
    spelled it out once, is found by "DBS" and "QTS" alone."""
    alone: set[str] = set()
    for text in texts:
        lowered = text.lower()
        # as short forms are written: a capital after the first letter
        capitals = {w.lower() for w in re.findall(r"[A-Za-z]+", text) if w[1:] != w[1:].lower()}
        alone |= {s for s in capitals & forms.keys() if forms[s] not in lowered}
    return {s: f"{s} {term}" if s in alone else term for s, term in forms.items()}


def _words_too(forms: Iterable[str], texts: Iterable[str]) -> frozenset[str]:
    """The ``forms`` that are words as well, which the guides write in lower
    case ("AIMS" of an institute, "aims to"; "FEES", a swallowing test, and
    "the fees") or visitors type as chat ("IAM", "iam" for "I am"): spelled
    out only where a visitor writes them in capitals."""
    lower = {t for text in texts for t in re.findall(r"\b[a-z]+\b", text)}
    return frozenset(f for f in forms if f in lower or f in ABBREVIATIONS)


def _short_forms(guides: Sequence[Guide], documents: Sequence[tuple[str, str]],
                 dictionary: frozenset[str] = frozenset(),
                 defined: Mapping[str, str] | None = None,
                 capital_only: frozenset[str] = frozenset()) -> dict[str, str]:
    """Short forms a visitor may type, spelled out, all read off the catalogue:

    * a guide's one-word aliases ("TCS") and its role's initials, for its role;
    * the initials of the opening words of a role ("TC" of "tree care
      specialist");
    * a short form the text defines (``defined``, :func:`_defined`), unless
      it is a word too (``capital_only``);
    * the initials of a term the guides use, or of a name a guide writes in
      capitals (roleqa.engine.initials), unless they are a common word themselves.

    A term the guides mention once ("curriculum vitae") gets none, so a
    visitor's short form of something else stays as it is.
    """
    texts = [text for _, text in documents]
    known = {t for text in texts for t in words(text)}
    forms = {k: v for k, v in glued(texts).items()
             if k not in dictionary and k not in known}
    # a passage is read as embedded, "Title › Heading: text": its text alone
    bodies = [(slug, text.split(": ", 1)[-1]) for slug, text in documents]
    forms.update((k, v) for k, v in capitalised(bodies).items()
                 if k not in forms and k not in dictionary and k not in known)
    forms.update((k, v) for k, v in (defined or {}).items() if k not in capital_only)
    for g in guides:
        role = words(g.role)
        for n in range(2, len(role)):
            forms.setdefault("".join(w[0] for w in role[:n]), " ".join(role[:n]))
        # A role of two words by its initials ("RN"), unless they are a word
        # of their own ("de", "it") that a visitor may mean as such.
        short = "".join(w[0] for w in role)
        if len(role) == 2 and short not in dictionary and short not in known:
            forms.setdefault(short, " ".join(role))
    claims: Counter[str] = Counter()  # how many guides go by each one-word alias
    for g in guides:
        claims.update({fold(token[0]) for alias in g.aliases if len(token := words(alias)) == 1})
    for g in guides:
        spelled = " ".join(words(g.role))
        initials = initialism(g.role)
        if initials in dictionary:
            initials = None  # "eye": a word, spelled out only in capitals (capital_initials)
        for alias in [*g.aliases, *filter(None, [initials])]:
            token = words(alias)
            if len(token) == 1 and token[0] != spelled and token[0] not in STOPWORDS:
                if claims[fold(token[0])] > 1:  # "PT" of a physio's and a trainer's guide
                    forms.pop(token[0], None)
                    continue
                plural = fold(token[0]) != token[0]
                forms[token[0]] = spelled + ("s" if plural else "")
    return {k: v for k, v in forms.items() if k not in STOPWORDS and len(k) > 1}
