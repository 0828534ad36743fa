"""The words each loaded guide uses: what the catalogue asks of them.

Which guides use a word (by its stem, or a stem of the same root), which
have a section heading on it, which words are a guide's own subject (in half
its passages or more), which are ordinary careers vocabulary (a quarter of
the guides or more use them), and whether a phrase is written somewhere in
the corpus. Read once from the passages' searched texts; the few answers that
cost a scan are kept, bounded (:func:`memo`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from ..text import stem, words

__all__ = ["ORDINARY_SHARE", "ROOT", "SUBJECT_SHARE", "GuideWords", "Owners", "memo", "root"]

#: A word in at least this share of a guide's passages is that guide's subject,
#: not what a question about it focuses on.
SUBJECT_SHARE = 0.5
#: Letters two stems must share to be one root (see GuideWords.holds_kin).
ROOT = 5
#: A word at least this share of the loaded guides use (two guides at least) is
#: ordinary careers vocabulary ("process", "path", "part"), never a topic that
#: only some guides cover (see GuideWords.ordinary).
ORDINARY_SHARE = 0.25

K = TypeVar("K")
V = TypeVar("V")


#: a word written all in capitals, two letters or more ("PTS", "GNSS")
_ALL_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z]\b")
_MIXED_CASE = re.compile(r"\b[A-Z][a-z]+[A-Z]\b")
#: a pattern of the stems of verbs that make a step of a career ("become",
#: "promoted", "move into"), matched against stemmed text
_STEP = r"(?:becom|move|progress|promot|step|advanc|rise|qualifi)"


def memo(cache: dict[K, V], key: K, make: Callable[[], V], bound: int = 4096) -> V:
    """``cache[key]``, made by ``make`` on first need; the cache is emptied
    past ``bound`` entries (questions bring endless scopes and phrases)."""
    if key in cache:  # None is an answer too: most words are about no one guide
        return cache[key]
    if len(cache) > bound:
        cache.clear()
    found = cache[key] = make()
    return found


def root(word_stem: str) -> str:
    """The first :data:`ROOT` letters of a stem: "gardening" and "gardeners" share it."""
    return word_stem[:ROOT]


class GuideWords:
    """The stems, roots, subject words and headings of each guide's passages."""

    def __init__(self, documents: Iterable[tuple[str, str]], slugs: Sequence[str]) -> None:
        """``documents`` are (guide slug, text) of each passage, as it is
        searched; ``slugs`` every loaded guide, passages or not."""
        self._slugs = tuple(slugs)
        counts: dict[str, Counter[str]] = {}
        #: each guide's passage texts in lower case, read once for every phrase looked up
        self._lower: dict[str, list[str]] = {}
        sizes: Counter[str] = Counter()
        phrases: list[str] = []
        #: each guide's passage texts, in order
        self.texts: dict[str, list[str]] = {}
        for doc, text in documents:
            self.texts.setdefault(doc, []).append(text)
            self._lower.setdefault(doc, []).append(text.lower())
            counts.setdefault(doc, Counter()).update({stem(w) for w in words(text)})
            sizes[doc] += 1
            phrases.append(" ".join(stem(w) for w in words(text)))
        self._stems = {doc: frozenset(c) for doc, c in counts.items()}
        #: words some guide writes all in capitals, lower-cased: its short forms,
        #: which "a pts card" may be ("PTS"), rather than the plural of a "PT"
        self.capitals = frozenset(w.lower() for texts in self.texts.values() for text in texts
                                  for w in _ALL_CAPITALS.findall(text))
        #: ... and in mixed case ending in a capital ("PharmD", "PhD"): degrees'
        #: names, which no typo is of (not "GitHub", which "githib" is)
        self.mixed_case = frozenset(w.lower() for texts in self.texts.values()
                                    for text in texts for w in _MIXED_CASE.findall(text))
        self._roots = {doc: frozenset(root(s) for s in c if len(s) >= ROOT)
                       for doc, c in counts.items()}
        #: each guide's subject: stems in half its passages or more
        self.subject = {doc: frozenset(s for s, n in c.items() if n >= SUBJECT_SHARE * sizes[doc])
                        for doc, c in counts.items()}
        #: every passage's stems, joined: a phrase is looked up in one string
        self.corpus_text = " " + " | ".join(phrases) + " "
        self._heading_stems: dict[str, frozenset[str]] = {}
        self._users: dict[str, int] = {}
        self._headed: dict[str, float] = {}
        self._elsewhere: dict[tuple[str, str], bool] = {}
        self._about: dict[tuple[str, int, int], str | None] = {}
        self._steps: dict[str, bool] = {}

    def set_headings(self, headings: Iterable[tuple[str, str]]) -> None:
        """Record the guides' section headings: (guide slug, heading) pairs."""
        found: dict[str, set[str]] = {}
        for doc, heading in headings:
            found.setdefault(doc, set()).update(stem(w) for w in words(heading))
        self._heading_stems = {d: frozenset(s) for d, s in found.items()}
        self._headed.clear()

    def heads(self, word_stem: str, slug: str) -> bool:
        """Whether a section heading of the guide ``slug`` uses this stem."""
        return word_stem in self._heading_stems.get(slug, ())

    def headed_share(self, word_stem: str) -> float:
        """The share of the guides using this stem whose section headings use
        it: "options" in one guide's heading of fourteen using it is a word
        of headings, not the topic of a section."""
        def share() -> float:
            using = [d for d, st in self._stems.items() if word_stem in st]
            return sum(self.heads(word_stem, d) for d in using) / len(using) if using else 0.0
        return memo(self._headed, word_stem, share)

    def holds(self, word_stem: str, slugs: Iterable[str]) -> bool:
        """Whether any of these guides uses a word with this stem."""
        return any(word_stem in self._stems.get(s, ()) for s in slugs)

    def holds_all(self, stems: Iterable[str], slug: str) -> bool:
        """Whether the guide ``slug`` uses every one of these stems."""
        held = self._stems.get(slug, frozenset())
        return all(s in held for s in stems)

    def used_elsewhere(self, word_stem: str, slug: str) -> bool:
        """Whether a guide other than ``slug`` uses this stem."""
        return any(word_stem in st for d, st in self._stems.items() if d != slug)

    def most_about(self, word: str, least: int = 3, times: int = 1) -> str | None:
        """The guide with the most passages writing ``word`` (or its plural),
        if it has ``least`` or more and over ``times`` as many as any other
        guide: whom its text is about ("gameplay programmers" throughout a guide
        titled "Game developer"). The word itself, not its stem: "research" is
        no researcher."""
        def most() -> str | None:
            pattern = re.compile(rf"(?<!\w){re.escape(word)}s?(?!\w)")
            ranked = sorted(((sum(bool(pattern.search(t)) for t in texts), d)
                             for d, texts in self._lower.items()), reverse=True)
            if not ranked or ranked[0][0] < least or (
                    len(ranked) > 1 and ranked[0][0] <= times * ranked[1][0]):
                return None
            return ranked[0][1]
        return memo(self._about, (word, least, times), most)

    def writes_most(self, word: str) -> str | None:
        """The guide writing ``word`` more than any other; "" when none writes it."""
        return self.most_about(word, least=1) or (None if self.written([word]) else "")

    def holds_kin(self, word_stem: str, slugs: Iterable[str]) -> bool:
        """Whether any of these guides uses a word with this stem or of the
        same root: a stem of :data:`ROOT` letters or more with the same first
        :data:`ROOT` letters ("botany" and "botanists", "gardening" and
        "gardeners")."""
        slugs = list(slugs)
        return self.holds(word_stem, slugs) or (
            len(word_stem) >= ROOT and any(root(word_stem) in self._roots.get(s, ())
                                           for s in slugs))

    def ordinary(self, word_stem: str) -> bool:
        """Whether :data:`ORDINARY_SHARE` of the loaded guides or more use
        this stem (or its root): a word any careers guide may use."""
        def count() -> int:
            return sum(self.holds_kin(word_stem, [d]) for d in self._slugs)
        # two guides at least: one guide's word is that guide's own, however few are loaded
        return memo(self._users, word_stem, count) >= max(
            2, math.ceil(ORDINARY_SHARE * len(self._slugs)))

    def written(self, phrase: Sequence[str]) -> bool:
        """Whether some passage writes ``phrase`` (compared by stems)."""
        return f" {' '.join(stem(w) for w in phrase)} " in self.corpus_text

    def becomes(self, phrase: Sequence[str]) -> bool:
        """Whether a passage says someone becomes ``phrase`` (a career verb a
        few words before it): a step of a guide's own career path."""
        said = " ".join(stem(w) for w in phrase)
        # once per phrase: the search reads the whole corpus
        pattern = rf" {_STEP}(?: [^ |]+){{0,8}} {re.escape(said)} "
        return memo(self._steps, said, lambda: re.search(pattern, self.corpus_text) is not None)

    def writes(self, phrase: str, slug: str) -> bool:
        """Whether guide ``slug`` writes ``phrase`` (lower case, hyphens as spaces)."""
        return any(phrase in text.replace("-", " ") for text in self._lower.get(slug, ()))

    def written_elsewhere(self, phrase: str, slug: str) -> bool:
        """Whether a guide other than ``slug`` writes ``phrase`` ("theatre nursing")."""
        return memo(self._elsewhere, (phrase, slug), lambda: any(
            phrase in text for other, texts in self._lower.items()
            if other != slug for text in texts))


class Owners:
    """How many passages of each guide use each stem in their own words (not
    their headings, which every passage of a section is searched with: a
    heading "Core skills" would make "core" one guide's own)."""

    def __init__(self, bodies: Iterable[tuple[str, str]]) -> None:
        """``bodies`` are (guide slug, text) of each passage, without its heading."""
        self._counts: dict[str, Counter[str]] = {}
        for doc, text in bodies:
            self._counts.setdefault(doc, Counter()).update({stem(w) for w in words(text)})

    def only(self, word_stem: str) -> str | None:
        """The one guide whose passages use this stem, if no other's does."""
        using = [d for d, c in self._counts.items() if c.get(word_stem)]
        return using[0] if len(using) == 1 else None

    def owner(self, word_stem: str, least: int, times: float) -> str | None:
        """The guide with ``least`` or more passages using this stem and over
        ``times`` as many as any other guide ("ambulance" of a paramedic's)."""
        top = heapq.nlargest(2, ((c.get(word_stem, 0), d) for d, c in self._counts.items()))
        if not top or top[0][0] < least or (len(top) > 1 and top[0][0] <= times * top[1][0]):
            return None
        return top[0][1]
