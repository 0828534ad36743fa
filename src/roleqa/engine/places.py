"""Where and when a question asks about: countries and their parts, and vacancies now.

Careers guides give pay, qualifications and rules for somewhere: a
plumber's guide in pounds, a pilot's for the United States. "How much do
pilots make in the UK?" asked of the second would be answered with dollars. The
countries and their names are data (``data/places.toml``); a guide speaks of
a country when its text names it (a country or one of its large cities) or
shows its currency sign. A guide naming some parts of a country (England and
Wales) and not the asked one, or giving no pay for an asked country it names,
does not answer for it (roleqa.engine.guide_places). Who is hiring today no guide can
say (:func:`asks_live_vacancies`).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from importlib import resources

from ..language import LANGUAGE
from ..text import words
from .lexicon import fold

__all__ = ["CITIES", "CURRENCIES", "PAID_APART", "PARTS", "PEOPLE_WORDS", "PLACE_WORDS",
           "SCALE_WORDS", "asked_about", "asked_cities", "asked_parts", "asks_live_vacancies",
           "city_name", "found_places", "names_city", "peoples", "peoples_of", "place_tokens",
           "regions",
           "spoken_of", "unplaced"]

_DATA = tomllib.loads(
    resources.files("roleqa").joinpath("data/places.toml").read_text(encoding="utf-8"))

Phrase = tuple[str, ...]


def _phrases(items: Sequence[str]) -> tuple[Phrase, ...]:
    return tuple(tuple(words(item)) for item in items if words(item))


#: country → (the words naming it, the words for its people)
COUNTRIES: dict[str, tuple[tuple[Phrase, ...], tuple[Phrase, ...]]] = {
    name: (_phrases(entry.get("names", ())), _phrases(entry.get("people", ())))
    for name, entry in _DATA["countries"].items()
}
#: currency sign → the countries writing it, the one a sign is read as by default first
CURRENCIES: dict[str, tuple[str, ...]] = {
    sign: tuple(countries) for sign, countries in _DATA.get("currencies", {}).items()}
_CITY_DATA = _DATA.get("cities", {})
#: the phrases naming a city, not a country or its part ("london", "new york")
CITIES: frozenset[Phrase] = frozenset(_phrases(_CITY_DATA.get("names", ())))
#: a city's other name → the name it is known by ("nyc" → "new york")
_CITY_OF: dict[str, str] = {alias: city for city, aliases in _CITY_DATA.get("aliases", {}).items()
                            for alias in aliases}
#: words of a passage giving pay on a scale set for a whole country ("set nationally")
SCALE_WORDS = re.compile(r"\b(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in _CITY_DATA.get("scale_words", ())) + r")\b",
    re.I)
#: part of a country → the country (Scotland → the United Kingdom)
PARTS: dict[str, str] = {name: entry["country"] for name, entry in _DATA.get("parts", {}).items()}
#: the parts whose pay is set apart from their country's (a US state), as a city's is
PAID_APART = frozenset(name for name, entry in _DATA.get("parts", {}).items()
                       if entry.get("pays_apart"))
#: a phrase naming a part of a country, or a country as a whole → that part or country
_REGION_OF: dict[Phrase, str] = {
    **{phrase: country for country, entry in _DATA["countries"].items()
       for phrase in _phrases(entry.get("whole", ()))},
    **{phrase: part for part, entry in _DATA.get("parts", {}).items()
       for phrase in _phrases(entry.get("names", ()))},
}
#: every word naming a place ("usa", "canada", "dublin"): where a question asks
#: about, never what (not its people's: "French" is also a language)
PLACE_WORDS: frozenset[str] = LANGUAGE.place_words | frozenset(
    phrase[0] for names, _ in COUNTRIES.values() for phrase in names if len(phrase) == 1)
#: first word → (phrase, country, whether it names the country rather than its people)
_BY_FIRST: dict[str, list[tuple[Phrase, str, bool]]] = {}
for _country, (_names, _people) in COUNTRIES.items():
    for _phrase, _named in [*((p, True) for p in _names), *((p, False) for p in _people)]:
        _BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _country, _named))
for _entries in _BY_FIRST.values():
    _entries.sort(key=lambda entry: -len(entry[0]))  # longest first: "northern ireland"
#: words for a people that also name a language ("french", not "aussie")
_LANGUAGES = frozenset(_DATA.get("languages", ()))
#: every single word naming a people ("british", "canadian")
PEOPLE_WORDS: frozenset[str] = frozenset(
    phrase[0] for _, people in COUNTRIES.values() for phrase in people if len(phrase) == 1)

# "US", "UK" as written: spelled out before the words are read ("us" is a pronoun).
_SHORT = re.compile(r"(?<![\w.])(" + "|".join(
    re.escape(short) for short in sorted(LANGUAGE.places, key=len, reverse=True)
    if short != "States") + r")(?![\w])")
#: what stands before a country a question asks about ("paid in Canada")
_BEFORE = frozenset({"in", "for", "across", "within", "throughout"})
#: moving somewhere: the country moved to is asked about ("if I move to Ireland")
_MOVING = frozenset({"move", "moving", "moved", "relocate", "relocating", "emigrate",
                     "emigrating"})
#: what stands before "in" when the country is the visitor's, not the question's
_VISITOR = frozenset({"live", "living", "lives", "based", "born", "grew", "raised", "from",
                      "stay", "staying", "im", "i'm", "am"})
#: what else a question naming only a place may say ("what about Canada, then?")
_ALONE = frozenset({"what", "about", "how", "and", "then", "there", "over", "ok", "okay"})
_PAY = frozenset({"salary", "salaries", "pay", "wage", "wages", "earnings", "income", "rates",
                  "rate", "jobs", "market"})


#: "in the states" at the end of a clause is the United States ("which of the
#: states pay most?" is not)
_THE_STATES = re.compile(r"\b(in|to|over|across|from) the states\b"
                         r"(?=\W*$|\W*[,.;!?]|\s+(?:too|then|tho|though|as well|either)\b)", re.I)


def place_tokens(text: str) -> list[str]:
    """``text`` in lower-case words, short names of places spelled out ("US")."""
    text = _THE_STATES.sub(r"\1 the United States", text)
    return words(_SHORT.sub(lambda m: LANGUAGE.places[m.group(1)], text))


def found_places(tokens: Sequence[str]) -> list[tuple[int, int, str, bool]]:
    """Every country phrase in ``tokens``: (where, how many words, country,
    whether it names the country rather than its people)."""
    out: list[tuple[int, int, str, bool]] = []
    covered = 0  # "northern ireland" holds no "ireland"
    for i, token in enumerate(tokens):
        for phrase, country, named in _BY_FIRST.get(token, ()):
            if i >= covered and tuple(tokens[i:i + len(phrase)]) == phrase:
                out.append((i, len(phrase), country, named))
                covered = i + len(phrase)
    return out


def spoken_of(text: str, signs: Mapping[str, str] | None = None) -> frozenset[str]:
    """The countries ``text`` names, or whose currency it shows: a sign
    several countries write is the one of them the text names, or else the
    one ``signs`` reads it as for the text's guide (guide_places.GuidePlaces.signs;
    by default the first)."""
    found = {country for _, _, country, named in found_places(place_tokens(text)) if named}
    for sign, countries in CURRENCIES.items():
        if re.search(rf"(?<![A-Za-z]){re.escape(sign)}\s?\d", text) and not found & set(countries):
            found.add((signs or {}).get(sign, countries[0]))
    return frozenset(found)


def names_city(text: str) -> bool:
    """Whether ``text`` names a city ("Sydney, Melbourne and Perth pay more")."""
    tokens = place_tokens(text)
    return any(tuple(tokens[i:i + n]) in CITIES for i, n, _, named in found_places(tokens) if named)


def peoples(text: str) -> frozenset[str]:
    """The countries whose people ``text`` speaks of ("British cops")."""
    return frozenset(country for _, _, country, named in found_places(place_tokens(text))
                     if not named)


def peoples_of(text: str, role_words: Collection[str]) -> list[str]:
    """The countries whose people ``text`` names right before a word of a
    role's name (``role_words``, folded): "what do Canadian electricians
    earn?"; not a language ("Chinese translators", "a French restaurant") nor
    the visitor ("I'm Australian", "as an American")."""
    tokens = place_tokens(text)
    return [country for i, n, country, named in found_places(tokens)
            if not named and i + n < len(tokens) and fold(tokens[i + n]) in role_words
            and tokens[i] not in _LANGUAGES and not (i and tokens[i - 1] in ("m", "am", "as"))]


def asked_about(question: str) -> list[str]:
    """The countries ``question`` asks about: named after "in", "for",
    "across" or "move to" ("how much do they earn in Canada?", "and in the
    UK?", "if I move to Ireland"), or right
    before a word of pay ("German salaries"), or after one at the end ("salary
    uk?"); not the visitor's own ("I live in Canada, how do I ...")."""
    return list(dict.fromkeys(country for country, _ in _asked(question)))


def asked_parts(question: str) -> list[str]:
    """The parts of countries ``question`` asks about ("pay in Scotland"), as
    :func:`asked_about` finds countries."""
    return list(dict.fromkeys(
        part for _, phrase in _asked(question)
        if (part := _REGION_OF.get(phrase, "")) in PARTS))


def asked_cities(question: str) -> list[str]:
    """The cities ``question`` asks about ("pay in London?"), as
    :func:`asked_about` finds countries, each as its lower-case name."""
    return list(dict.fromkeys(city_name(phrase) for _, phrase in _asked(question)
                              if phrase in CITIES))


def unplaced(text: str, country: str) -> str:
    """``text`` in lower-case words without the phrases naming ``country`` as a
    whole (and an "in the" before them): "how much do they make in Australia"
    asked of a guide on Australia alone is searched as "how much do they
    make", since every passage speaks for Australia and the one that says so
    (its intro) is no answer. ``text`` as it is when it names no country, a
    city or part of it, or another country too ("can I move to Australia from
    the UK?")."""
    tokens = place_tokens(text)
    names = COUNTRIES.get(country, ((), ()))[0]
    found = [(i, n) for i, n, other, named in found_places(tokens) if named]
    phrases = [tuple(tokens[i:i + n]) for i, n in found]
    if not found or any(p not in names or p in CITIES or _REGION_OF.get(p, "") in PARTS
                        for p in phrases) or set(asked_about(text)) - {country}:
        return text
    drop: set[int] = set()
    for i, n in found:
        drop |= set(range(i, i + n))
        j = i - 1
        if j >= 0 and tokens[j] == "the":
            drop.add(j)
            j -= 1
        if j >= 0 and tokens[j] in ("in", "for", "across"):
            drop.add(j)
    return " ".join(t for k, t in enumerate(tokens) if k not in drop)


def city_name(phrase: Phrase) -> str:
    """The name a city is known by ("new york" of "nyc")."""
    name = " ".join(phrase)
    return _CITY_OF.get(name, name)


def regions(text: str) -> Counter[str]:
    """How often ``text`` names each part of a country ("England and Wales"),
    and each country as a whole ("the UK")."""
    tokens = place_tokens(text)
    return Counter(_REGION_OF[phrase] for i, n, _, named in found_places(tokens)
                   if named and (phrase := tuple(tokens[i:i + n])) in _REGION_OF)


#: a clause telling where the visitor is: "I'm in London, ...", "im a student in Leeds,"
_OWN_CLAUSE = re.compile(r"(?:^|(?<=[,.;!?]))\s*(?:i\s*'?\s*m|i am|i live|i work)\b[^,.;!?]*",
                         re.I)


def _asked(question: str) -> list[tuple[str, Phrase]]:
    tokens = place_tokens(_OWN_CLAUSE.sub(" ", question))
    # "is there one in French?" asks for a language: a place is "in France"
    found = [(i, n, country, named) for i, n, country, named in found_places(tokens)
             if named or not (i and tokens[i - 1] == "in" and tokens[i] in _LANGUAGES)]
    if found and not _VISITOR & set(tokens) and sum(n for _, n, _, _ in found) == len(
            [t for t in tokens if t not in LANGUAGE.stopwords and t not in _ALONE]):
        # "what about Canada?", "and in aud?": nothing but the place is asked
        return [(country, tuple(tokens[i:i + n])) for i, n, country, _ in found]
    out = []
    for i, n, country, named in found:
        before = [t for t in tokens[max(0, i - 3):i] if t != "the"]
        after = tokens[i + n] if i + n < len(tokens) else ""
        asked_here = named and bool(before) and (
            (before[-1] in _BEFORE and not (len(before) > 1 and before[-2] in _VISITOR))
            # "is the training the same if I move to Ireland?"
            or (before[-1] == "to" and len(before) > 1 and before[-2] in _MOVING))
        # "German salaries", and as chat types it, "roofer day rate uk?"
        if asked_here or after in _PAY or (named and before and before[-1] in _PAY
                                           and i + n == len(tokens)):
            out.append((country, tuple(tokens[i:i + n])))
    return out


def _alternatives(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)"


_VACANCIES = _DATA.get("vacancies", {})
# "is Acme hiring": someone is hiring (one to six words between, so "how is
# hiring done?" asks about hiring itself); or "any vacancies", the jobs themselves
_HIRING = re.compile(
    rf"\b(?:is|are)\s+(?:[\w'&.-]+\s+){{1,6}}?(?:{_alternatives(_VACANCIES.get('hiring', ()))})\b"
    r"(?!\s+(?:process|managers?|timelines?|stages?|season|freeze|criteria|practices|decisions?)\b)"
    rf"|\b(?:{_alternatives(_VACANCIES.get('openings', ()))})\b", re.I)
_WHEN_OR_WHERE = [*_VACANCIES.get("now", ()), *_VACANCIES.get("here", ())]
_NOW = re.compile(rf"\b(?:{_alternatives(_WHEN_OR_WHERE)})\b", re.I)
_GENERAL = re.compile(
    rf"\b(?:{_alternatives(_VACANCIES.get('general', ()))})\s+(?:\w+\s+){{0,2}}?"
    rf"(?:{_alternatives(_VACANCIES.get('hiring', ()))})\b", re.I)


def asks_live_vacancies(question: str) -> bool:
    """Whether ``question`` asks who is hiring now ("is Acme hiring right
    now?", "any vacancies at the city hospital this week?"), not about demand in
    general ("are companies hiring at the moment?")."""
    return bool(_HIRING.search(question) and _NOW.search(question)
                and not _GENERAL.search(question))
