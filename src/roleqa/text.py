"""Words: tokenising, stemming, stop words and typo correction against the corpus.

Shared by the lexical retriever, query building, the answer composer and the
decline decision, so all of them agree on what a "word" of a question is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import Stemmer

from .language import LANGUAGE

__all__ = ["ABBREVIATIONS", "CAREER_VERBS", "STOPWORDS", "Vocabulary", "clean_text",
           "content_words", "edit_distance", "join_names", "mostly_latin", "other_spellings",
           "question_problem",
           "stem", "valid_text", "words"]

_WORD = re.compile(r"[^\W_]+(?:\+\+|#)?", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Lone surrogates (JSON "\\ud800", Python's surrogateescape) cannot be encoded as
# UTF-8: the tokenizer, a JSON reply or a log line would raise on them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible characters that sit inside words ("clo\u200bud"): removed, not spaced.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

STOPWORDS = LANGUAGE.stopwords
_ASCII = "abcdefghijklmnopqrstuvwxyz"

#: Chat spellings and clippings people type, spelled out before searching. The
#: short forms of a catalogue's own terms ("ML", a role's initials) are the
#: catalogue's (see roleqa.engine.catalogue).
ABBREVIATIONS = LANGUAGE.spellings

_STEMMER = Stemmer.Stemmer("english")


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, with the plural of a short
    form folded too: Snowball keeps the "s" of "gcses", "gpus" and "llms"
    (no vowel before their last two letters), so "GCSEs" never met "GCSE".
    Three letters are too few to tell a short form's plural: "hrs" is hours,
    not HR, and "gps" no GP."""
    stemmed = str(_STEMMER.stemWord(word))
    if (stemmed == word and len(word) >= 4 and word[-1] == "s" and word[-2] != "s"
            and not _VOWELS & set(word[:-2])):
        return word[:-1]
    return stemmed


#: stems of the verbs of moving through a career ("become"): asked of any role,
#: never what a question is about (data/language.toml career_verbs)
CAREER_VERBS = frozenset(stem(v) for v in LANGUAGE.career_verbs)


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Replace lone surrogates, NFKC-normalise, remove invisible characters, turn
    control characters into spaces, fold white space."""
    text = unicodedata.normalize("NFKC", valid_text(text))
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens ("C++" and "C#" stay whole)."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Words of ``text`` that carry meaning: no stop words, no lone digits."""
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit()]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _delete_index(words: Iterable[str], min_len: int) -> dict[str, list[str]]:
    """Words of ``min_len`` letters or more, by each of their one-letter deletions
    and by themselves: the SymSpell lookup table."""
    index: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= min_len and w.isalpha():
            for key in _deletes(w) | {w}:
                index.setdefault(key, []).append(w)
    return index


def _candidates(index: dict[str, list[str]], word: str) -> set[str]:
    """Words of ``index`` that may lie within an edit or two of ``word``."""
    return {c for key in _deletes(word) | {word} for c in index.get(key, ())}


def _edits(word: str, letters: str) -> Iterator[str]:
    """``word`` and every string one edit from it (a deletion, an adjacent
    swap, or a letter of ``letters`` put in or in place of one)."""
    yield word
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]
            if len(tail) > 1:
                yield head + tail[1] + tail[0] + tail[2:]
        for c in letters:
            if tail:
                yield head + c + tail[1:]
            yield head + c + tail


#: How many times as common as a word one dropped letter from a typo another
#: as near may be, for the dropped letter still to win: "actually" (7 passages)
#: over "actuary" (8), not "carrier" (3) over "career" (60)
_DROPPED_SHARE = 4


#: British and American spellings of one word ("centre", "center"): a word
#: spelled one way is read as the corpus spells it the other.
_SPELLINGS = tuple((re.compile(a), b) for a, b in (
    (r"tre(s)?$", r"ter\1"), (r"tred$", "tered"), (r"ter(s)?$", r"tre\1"), (r"tered$", "tred"),
    (r"(?<=\w{3})our", "or"), (r"(?<=\w{3})or(?=s?$|ed$|ing$|er|ite|ful|ab)", "our"),
    (r"(?<=\w{2})is(e|es|ed|ing|ation|ations)$", r"iz\1"),
    (r"(?<=\w{2})iz(e|es|ed|ing|ation|ations)$", r"is\1"),
    (r"ys(e|es|ed|ing)$", r"yz\1"), (r"yz(e|es|ed|ing)$", r"ys\1"),
    (r"ence$", "ense"), (r"ense$", "ence"),
    (r"(?<=e)ll(ed|ing|er|ers)$", r"l\1"), (r"(?<=e)l(ed|ing|er|ers)$", r"ll\1"),
    # Greek and Latin words of medicine and the past: "paediatric", "oestrogen"
    (r"^(p|h|an|orthop|gyn|encyclop|arch)ae", r"\1e"), (r"^oe", "e"),
    (r"^fibre", "fiber"), (r"^fiber", "fibre"),
    (r"ogue(s)?$", r"og\1"), (r"programme", "program"), (r"program(?!me)", "programme")))


#: prefixes making a word of another ("redoing", "unpaid"): no typo, though the
#: model's dictionary lacks it
_PREFIXES = ("re", "un", "pre", "non", "over", "under")


def other_spellings(word: str) -> Iterator[str]:
    """``word`` as the other side of the Atlantic spells it ("center" of
    "centre", "anesthesia" of "anaesthesia")."""
    for pattern, other in _SPELLINGS:
        spelled = pattern.sub(other, word, count=1)
        if spelled != word:
            yield spelled


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Levenshtein plus adjacent swaps)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


class Vocabulary:
    """The corpus's words, with document frequencies and typo correction.

    Correction looks words up by their one-letter deletions (the SymSpell
    idea), so it costs a few dictionary probes per word, not a scan.

    ``dictionary`` holds real words that are never corrected, even when a
    corpus word is one letter away: "stock" is not a typo of "stack", nor
    "tire" of "time"; only spelled as the corpus spells them across the
    Atlantic ("centre" of "center"). Without it, any word the corpus lacks
    may be corrected.
    """

    def __init__(self, documents: Iterable[str], dictionary: frozenset[str] = frozenset(),
                 short_forms: Mapping[str, str] | None = None,
                 written: Callable[[Sequence[str]], bool] | None = None,
                 capital_forms: Mapping[str, str] | None = None,
                 role_names: Mapping[str, str] | None = None,
                 capitals: frozenset[str] = frozenset(),
                 mixed_case: frozenset[str] = frozenset()) -> None:
        self.dictionary = dictionary
        #: words the guides write in mixed case ending in a capital ("pharmd" of
        #: "PharmD"): degrees' names, which no typo is corrected to
        self.mixed_case = mixed_case
        #: words the guides write all in capitals, lower-cased ("pts" of "PTS")
        self.capitals = capitals
        #: the corpus's own short forms ("tcs" → "tree care specialist"),
        #: see roleqa.engine.catalogue
        self.short_forms = dict(short_forms or {})
        #: ... and those spelled out only when written in capitals ("FA")
        self.capital_forms = dict(capital_forms or {})
        #: role names as visitors write them, as the guides do: "zoo keepers"
        #: → "zookeepers", "crane drivers" → "crane operators"
        self.role_names = dict(role_names or {})
        self.role_pattern = re.compile(r"\b(" + "|".join(
            re.escape(s).replace(r"\ ", r"[\s-]+")
            for s in sorted(self.role_names, key=len, reverse=True)) + r")(s?)\b",
            re.I) if self.role_names else None
        #: whether some passage writes a phrase (roleqa.engine.guide_words):
        #: a short form inside one ("chef de partie") is no short form there
        self.written: Callable[[Sequence[str]], bool] = written or (lambda _: False)
        # near_common probes the edits of a word in this set: no table to build
        # at start (a SymSpell table of the ~25k model words took 0.2 s and 24 MB)
        self._common = frozenset(w for w in dictionary if len(w) >= 3 and w.isalpha())
        self._letters = "".join(sorted(set().union(*self._common)))
        df: Counter[str] = Counter()
        stems: Counter[str] = Counter()
        n = 0
        for doc in documents:
            n += 1
            unique = set(words(doc))
            df.update(unique)
            stems.update({stem(w) for w in unique})
        self.doc_count = max(n, 1)
        self.df = df
        self.stems = stems
        self._by_delete = _delete_index(df, min_len=4)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.df or stem(word) in self.stems)

    def correct(self, word: str) -> str | None:
        """The corpus word ``word`` is most likely a typo of, else the one
        careers word (data/language.toml) it is one edit from, or None. A
        word spelled the other side of the Atlantic is as the corpus spells it."""
        if word in self or len(word) < 4 or not word.isalpha():
            return None
        # a word the corpus writes, or a real word of one of its stems ("fueled"
        # of "fuel"), not a made-up one ("poling" of "poled")
        spelled = next((w for w in other_spellings(word)
                        if w in self.df or (w in self.dictionary and w in self)), None)
        if spelled or word in self.dictionary or any(
                word.startswith(p) and word[len(p):] in self.dictionary
                for p in _PREFIXES if len(word) - len(p) >= 5):
            return spelled  # "redoing" is a word (re-doing), no typo of "reading"
        limit = 1 if len(word) < 7 else 2
        close = [(d, c) for c in _candidates(self._by_delete, word)
                 if (d := edit_distance(word, c)) <= limit and c[0] == word[0]
                 and c not in self.mixed_case]
        if close:
            nearest = min(d for d, _ in close)
            ties = [c for d, c in close if d == nearest]
            most = max(self.df[c] for c in ties)
            # Of words as near, one the typist dropped a letter of, the commonest
            # slip ("actualy" is "actually", not "actuary"), unless it is rare
            # beside the other ("carrer" is "career", not "carrier")
            dropped = [c for c in ties
                       if len(c) > len(word) and _DROPPED_SHARE * self.df[c] >= most]
            return min(dropped or ties, key=lambda c: (-self.df[c], c))
        # No corpus word is near: a careers word one edit away is, when only one
        # is ("salery" → "salary", so that a guide without the word still hears
        # pay asked for). Only those: "rewarding" is no typo of "regarding".
        near = {e for e in _edits(word, _ASCII)
                if e != word and e[:1] == word[0] and e in LANGUAGE.careers_words}
        return near.pop() if len(word) >= 5 and len(near) == 1 else None

    def near_common(self, word: str) -> bool:
        """Whether ``word`` is one typo (edit) away from a dictionary word with
        the same first letter ("wich", "platfroms"): then it is a slip, not a
        name. ("keras" is not "eras".)"""
        return bool(word) and any(e[:1] == word[0] and e in self._common
                                  for e in _edits(word, self._letters))

    def share(self, word: str) -> float:
        """Share of documents holding the word's stem."""
        return self.stems.get(stem(word), 0) / self.doc_count


def question_problem(question: object, limit: int) -> str | None:
    """Why ``question`` cannot be read (None if it can): the one wording of
    these messages, for the API, the chat page and the CLI alike."""
    if not isinstance(question, str):
        return "The question must be text."
    if len(question) > limit:
        return (f"Your question is {len(question):,} characters long; the limit is "
                f"{limit:,}. Please shorten it.")
    if not clean_text(question):
        return "Please type a question."
    return None


def join_names(names: Sequence[str], limit: int = 12) -> str:
    """ "a", "a and b", "a, b and c"; past ``limit`` names, "a, b, ... and 190 more"."""
    names = list(names)
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def mostly_latin(text: str) -> bool:
    """Whether half or more of ``text``'s letters are Latin (English may be read)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters)
    return latin >= 0.5 * len(letters)
