"""Where each guide speaks of: the countries it names or shows the currency
of, the parts of them, the countries whose pay it gives and the one it speaks
for alone (:class:`GuidePlaces`). What a question asks about is read in
roleqa.engine.places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .answer_types import TELLING
from .guide_words import memo
from .places import (
    CURRENCIES,
    PARTS,
    SCALE_WORDS,
    city_name,
    found_places,
    peoples,
    place_tokens,
    regions,
    spoken_of,
)

__all__ = ["GuidePlaces"]

_PAY_WORD = re.compile(r"\b(?:pay|paid|salary|salaries|earn|earns)\b", re.I)
#: what a visitor pays: a passage pricing a course or a membership gives no pay
_FEE = re.compile(r"\b(?:fees?|costs?|costing|tuition)\b", re.I)
_EARNED = re.compile(r"\b(?:earning|earned|income|wages?|commissions?|rates?|hourly|charges?"
                     r"|profits?|takes? home)\b", re.I)
#: a note saying which currency figures are in: "... base salaries in Australian dollars"
_CURRENCY_NOTE = re.compile(r"\b(?:in|are|of) [A-Z][a-z]+ (?:dollars|pounds|euros|francs|rand"
                            r"|rupees|yen|kronor|kroner|pesos|dirhams)\b")


class GuidePlaces:
    """Where each guide speaks of, read once from its passages' ``texts``
    (slug → texts): the countries it names, the parts of them, and the
    countries whose pay it gives."""

    def __init__(self, texts: Mapping[str, Sequence[str]]) -> None:
        self._texts = texts
        self._spoken: dict[str, Counter[str]] = {}
        self._regions: dict[str, Counter[str]] = {}
        self._paid: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._named: dict[str, frozenset[str]] = {}
        self._scale: dict[str, list[frozenset[str]]] = {}
        self._signs: dict[str, dict[str, str]] = {}

    def _text(self, slug: str) -> str:
        return "\n".join(self._texts.get(slug, ()))

    def signs(self, slug: str) -> dict[str, str]:
        """Each currency sign → the country the guide ``slug`` means by it:
        its first country, unless the guide never names that one and names
        another writing it, then the one of those it names most ("$" in a
        guide on Australia; not in one on the US giving "C$" for Canada)."""
        def read() -> dict[str, str]:
            tokens = place_tokens(self._text(slug))
            named = Counter(country for _, _, country, by_name in found_places(tokens)
                            if by_name)
            return {sign: countries[0] if named[countries[0]] else
                    max(countries, key=lambda c: (named[c], -countries.index(c)))
                    for sign, countries in CURRENCIES.items()}
        return memo(self._signs, slug, read)

    def spoken_in(self, slug: str, text: str) -> frozenset[str]:
        """The countries ``text`` of the guide ``slug`` speaks of (:func:`spoken_of`)."""
        return spoken_of(text, self.signs(slug))

    def _spoken_counts(self, slug: str) -> Counter[str]:
        """How many passages of the guide ``slug`` speak of each country."""
        return memo(self._spoken, slug, lambda: Counter(
            country for t in self._texts.get(slug, ()) for country in self.spoken_in(slug, t)))

    def countries(self, slug: str) -> frozenset[str]:
        """The countries the guide ``slug`` speaks of, in any of its passages."""
        return frozenset(self._spoken_counts(slug))

    def home(self, slug: str) -> str:
        """The one country the guide ``slug`` speaks for: named or shown by its
        currency in three passages or more, where no other country is in more
        than one ("Australia" of a guide in dollars that once names New
        Zealand); "" for a guide on several countries, or on none."""
        ranked = self._spoken_counts(slug).most_common()
        if not ranked or ranked[0][1] < 3 or any(n > 1 for _, n in ranked[1:]):
            return ""
        return ranked[0][0]

    def names(self, slug: str) -> frozenset[str]:
        """Every place name the guide ``slug`` writes, lower-case ("london")."""
        def read() -> frozenset[str]:
            tokens = place_tokens(self._text(slug))
            return frozenset(city_name(tuple(tokens[i:i + n]))
                             for i, n, _, named in found_places(tokens) if named)
        return memo(self._named, slug, read)

    def pays_by_scale(self, slug: str, countries: Iterable[str] = ()) -> bool:
        """Whether the guide ``slug`` gives pay on a scale set for its whole
        country (one of ``countries``, if any): a passage on pay saying so
        ("Pay is set nationally", "Band 6: £29,970"), which then holds in any
        of its cities. The UK's bands say nothing of pay in Perth."""
        scaled = memo(self._scale, slug, lambda: [
            self.spoken_in(slug, t) for t in self._texts.get(slug, ())
            if (TELLING["money"].search(t) or _PAY_WORD.search(t)) and SCALE_WORDS.search(t)])
        wanted = {countries} if isinstance(countries, str) else set(countries)
        return any(not wanted or not said or wanted & said for said in scaled)

    def pay_countries(self, slug: str) -> frozenset[str]:
        """The countries whose pay the guide ``slug`` gives: those its passages
        with money figures speak of ("In the US, ... $38,000")."""
        return self._pay(slug)[0]

    def pays_part(self, slug: str, part: str) -> bool:
        """Whether the guide ``slug`` names ``part`` of a country where it gives
        pay ("In Texas, ... $98,000"), not only elsewhere ("Demand is
        strongest in Texas")."""
        return part in self._pay(slug)[1]

    def _pay(self, slug: str) -> tuple[frozenset[str], frozenset[str]]:
        """The countries and the parts of them the guide's passages giving pay
        speak of, read once."""
        texts = ["", *self._texts.get(slug, ()), ""]
        # A lead-in speaks for the figures listed after it ("Typical annual
        # salaries in Germany are:" then one line per level), and a note on pay
        # for those before it ("These are base salaries in Australian dollars").
        def paid(before: str, t: str, after: str) -> frozenset[str]:
            if _FEE.search(t) and not _PAY_WORD.search(t) and not _EARNED.search(t):
                return frozenset()  # "the annual fee is roughly US$65": a cost, no pay
            if TELLING["money"].search(t) or (t.rstrip().endswith(":")
                                              and TELLING["money"].search(after)):
                return self.spoken_in(slug, t)
            if _CURRENCY_NOTE.search(t) and TELLING["money"].search(before):
                return self.spoken_in(slug, t) | peoples(t)  # "in Australian dollars"
            return frozenset()

        def read() -> tuple[frozenset[str], frozenset[str]]:
            pay = [(places, window[1]) for window in zip(texts, texts[1:], texts[2:],
                                                         strict=False)
                   if (places := paid(*window))]
            return (frozenset().union(*(places for places, _ in pay)),
                    frozenset(part for _, t in pay for part, n in regions(t).items() if n))
        return memo(self._paid, slug, read)

    def _parts(self, slug: str) -> Counter[str]:
        return memo(self._regions, slug, lambda: regions(self._text(slug)))

    def names_part(self, slug: str, part: str) -> bool:
        """Whether the guide ``slug`` names ``part`` of a country (``[parts]``)."""
        return bool(self._parts(slug)[part])

    def names_other_part(self, slug: str, part: str) -> bool:
        """Whether the guide ``slug`` names a part of ``part``'s country other than it."""
        return any(n and p != part and PARTS.get(p) == PARTS[part]
                   for p, n in self._parts(slug).items())

    def covers_part(self, slug: str, part: str) -> bool:
        """Whether the guide ``slug`` may speak for ``part`` of a country
        (data/places.toml, ``[parts]``): unless it names only other parts of
        that country, and them more often than the country as a whole ("the 43
        police forces in England and Wales", once "lived in the UK")."""
        named = self._parts(slug)
        country = PARTS[part]
        others = sum(n for p, n in named.items() if PARTS.get(p) == country)
        return bool(named[part]) or others <= named[country]
