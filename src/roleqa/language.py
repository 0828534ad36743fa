"""The language data roleqa reads questions with, loaded from ``data/language.toml``.

Stop words, filler phrases, chat spellings, the careers topics guides rarely cover, common
occupations and the answer-side words of a few ways of asking: plain English
and careers-site knowledge, kept as data so that no guide's words live in code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

__all__ = ["LANGUAGE", "OFF_TOPIC_EXAMPLES", "Facet", "Language"]


class Facet(NamedTuple):
    """A side of a job guides word their own way (data/language.toml ``[facets]``)."""

    #: phrases a question asks for it with ("career path")
    asks: tuple[str, ...]
    #: words a guide answers it with, in a heading
    answers: tuple[str, ...]
    #: those of them, and phrases, that speak of it in a passage's text
    said: tuple[str, ...]
    #: phrases that ask for another side even though they hold one of ``asks``:
    #: "what can I move into later?" asks where the job leads, not the way in
    unless: tuple[str, ...] = ()
    #: more words a heading names it with, which the search is not widened by:
    #: "How do you become a hairdresser?" names the way in, but "become" and
    #: "training" searched with every such question favour the passage on
    #: becoming a senior stylist or training in the US
    heads: tuple[str, ...] = ()


@dataclass(frozen=True)
class Language:
    """The word lists of ``data/language.toml``."""

    stopwords: frozenset[str]
    #: phrases that only say "in the work" ("day to day"), kept out of a focus
    fillers: tuple[str, ...]
    spellings: dict[str, str]
    #: units clipped after a number ("12 hr"), spelled out there only
    units: dict[str, str]
    #: words beside which a one-letter chat spelling is chat ("who r they"),
    #: not a name ("do they use r?")
    chat_company: frozenset[str]
    off_guide_topics: tuple[str, ...]
    occupations: tuple[str, ...]
    #: words that qualify a person ("single", "junior"), never naming another job
    person_modifiers: frozenset[str]
    intents: dict[str, tuple[str, ...]]
    #: sides of a job guides word their own way, by name
    facets: dict[str, Facet] = field(default_factory=dict)
    #: whole messages that greet or thank, and the nouns of "which roles do you cover?"
    greetings: frozenset[str] = frozenset()
    thanks: frozenset[str] = frozenset()
    pleasantries: frozenset[str] = frozenset()
    #: words said around small talk ("lol", "mate"), dropped before matching it
    chat_fillers: frozenset[str] = frozenset()
    #: praise of an answer ("really helpful"), and the words around it ("that is")
    praise: frozenset[str] = frozenset()
    praise_fillers: frozenset[str] = frozenset()
    #: phrases asking about the assistant itself ("what's your favourite game?")
    about_you: tuple[str, ...] = ()
    #: verbs of moving through a career ("become"), never another guide's topic
    career_verbs: frozenset[str] = frozenset()
    #: nouns naming a side of a job ("tools", "pay"), which a fragment asks of instead
    side_nouns: frozenset[str] = frozenset()
    #: words "super" intensifies ("super flexible"), where it is no superannuation
    intensified: frozenset[str] = frozenset()
    #: words asking for a judgement ("worth it?", "stressful?"), no topic
    judging: frozenset[str] = frozenset()
    #: words careers questions turn on, to which a typo is corrected ("salery")
    careers_words: frozenset[str] = frozenset()
    catalogue_nouns: tuple[str, ...] = ()
    #: section headings that name no topic to suggest ("Overview")
    plain_headings: frozenset[str] = frozenset()
    #: words for people of a field: "wind turbine *folks*" are its role
    people_nouns: frozenset[str] = frozenset()
    #: people or services named by what they work on ("ambulance crews", "the fire brigade")
    crew_nouns: frozenset[str] = frozenset()
    #: other names of occupations, informal or regional: "electrician" → ("sparky", ...)
    other_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: other words for a role's last word in any field: "operator" → ("driver", ...)
    other_heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: word lists of requests no guide should answer (``[requests]``, engine/personal.py)
    requests: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: chat clippings that end a message ("... rn?" is "right now"), which a
    #: role's short form written in capitals may share ("RN")
    chat_clippings: frozenset[str] = frozenset()
    #: capitals of two letters written for something other than a role ("BA", "IT")
    capitals_not_roles: frozenset[str] = frozenset()
    #: case-sensitive short names of places ("US" → "United States")
    places: dict[str, str] = field(default_factory=dict)
    #: words saying which amount of pay ("starting pay", "median salary"), not
    #: which kind of it ("maternity pay")
    pay_amounts: frozenset[str] = frozenset()
    #: words after one for pay that ask for an amount of it ("pay scale")
    pay_after: frozenset[str] = frozenset()
    #: rates the law sets ("minimum wage"): a kind of pay, whatever their first word
    pay_laws: frozenset[str] = frozenset()
    #: words for pay itself ("how much money ...?"), not for something paid
    pay_money: frozenset[str] = frozenset()
    #: of them, the everyday ones guides do not write ("money", "cash"): no topic
    #: of a pay question
    pay_slang: frozenset[str] = frozenset()
    #: words asking for one level of pay ("starting", "senior"), not all of it
    pay_levels: frozenset[str] = frozenset()
    #: of them, the first steps ("trainee") and later ones ("qualified")
    pay_early: frozenset[str] = frozenset()
    pay_later: frozenset[str] = frozenset()
    #: phrases put as guides say them before searching ("going to uni" → "doing a degree")
    phrasings: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, text: str) -> Language:
        """Parse the TOML text of a language file."""
        data = tomllib.loads(text)
        return cls(
            stopwords=frozenset(data["stopwords"]),
            fillers=tuple(data.get("fillers", ())),
            spellings={str(k): str(v) for k, v in data["spellings"].items()},
            units={str(k): str(v) for k, v in data.get("units", {}).items()},
            chat_company=frozenset(data.get("chat_company", ())),
            chat_clippings=frozenset(data.get("chat_clippings", ())),
            capitals_not_roles=frozenset(data.get("capitals_not_roles", ())),
            off_guide_topics=tuple(data["topics"]["off_guide"]),
            occupations=tuple(data["roles"]["occupations"]),
            person_modifiers=frozenset(data["roles"]["person_modifiers"]),
            people_nouns=frozenset(data["roles"].get("people_nouns", ())),
            crew_nouns=frozenset(data["roles"].get("crew_nouns", ())),
            other_names={str(k): tuple(v) for k, v in data.get("other_names", {}).items()},
            other_heads={str(k): tuple(v) for k, v in data.get("other_heads", {}).items()},
            intents={k: tuple(v) for k, v in data["intents"].items()},
            facets={k: Facet(tuple(v.get("asks", ())), tuple(v.get("answers", ())),
                             tuple(v.get("said", v.get("answers", ()))),
                             tuple(v.get("unless", ())), tuple(v.get("heads", ())))
                    for k, v in data.get("facets", {}).items()},
            greetings=frozenset(data.get("small_talk", {}).get("greetings", ())),
            thanks=frozenset(data.get("small_talk", {}).get("thanks", ())),
            pleasantries=frozenset(data.get("small_talk", {}).get("pleasantries", ())),
            chat_fillers=frozenset(data.get("small_talk", {}).get("chat_fillers", ())),
            praise=frozenset(data.get("small_talk", {}).get("praise", ())),
            praise_fillers=frozenset(data.get("small_talk", {}).get("praise_fillers", ())),
            about_you=tuple(data.get("small_talk", {}).get("about_you", ())),
            career_verbs=frozenset(data.get("career_verbs", ())),
            careers_words=frozenset(data.get("careers_words", ())),
            judging=frozenset(data.get("judging", ())),
            intensified=frozenset(data.get("intensified", ())),
            side_nouns=frozenset(data.get("side_nouns", ())),
            catalogue_nouns=tuple(data.get("small_talk", {}).get("catalogue_nouns", ())),
            plain_headings=frozenset(data.get("small_talk", {}).get("plain_headings", ())),
            requests={str(k): tuple(v) for k, v in data.get("requests", {}).items()},
            pay_amounts=frozenset(data.get("pay", {}).get("amounts", ())),
            pay_after=frozenset(data.get("pay", {}).get("after", ())),
            pay_laws=frozenset(data.get("pay", {}).get("laws", ())),
            pay_money=frozenset([*data.get("pay", {}).get("money", ()),
                                 *data.get("pay", {}).get("slang", ())]),
            pay_slang=frozenset(data.get("pay", {}).get("slang", ())),
            pay_levels=frozenset(data.get("pay", {}).get("levels", ())),
            pay_early=frozenset(data.get("pay", {}).get("early", ())),
            pay_later=frozenset(data.get("pay", {}).get("later", ())),
            places={str(short): str(name) for name, shorts in data.get("places", {}).items()
                    for short in shorts},
            phrasings={str(k): str(v) for k, v in data.get("phrasings", {}).items()},
        )

    @property
    def place_words(self) -> frozenset[str]:
        """Every word of the places' names and short names, lower-cased."""
        return frozenset(w.lower() for pair in self.places.items() for part in pair
                         for w in re.findall(r"\w+", part))

    def filler_pattern(self) -> re.Pattern[str]:
        """A pattern matching any filler phrase or chat clipping ("rn", "tbh":
        a role's short form is spelled out before), longest first (none:
        matches nothing, where an empty alternation would match everywhere)."""
        if not (self.fillers or self.chat_clippings):
            return re.compile(r"(?!)")
        phrases = [re.escape(f) for f in sorted(self.fillers, key=len, reverse=True)]
        # a clipping as chat writes it: "atm", not "ATM" (a cash machine)
        phrases += [rf"(?-i:{re.escape(c)})" for c in sorted(self.chat_clippings, key=len,
                                                                  reverse=True)]
        return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.I)


LANGUAGE = Language.load(
    resources.files("roleqa").joinpath("data/language.toml").read_text(encoding="utf-8"))

#: Whole messages about no role at all (data/off_topic.toml), which the judge
#: compares with a whole question (the off-guide topics above, with its focus).
OFF_TOPIC_EXAMPLES: tuple[str, ...] = tuple(
    text for texts in tomllib.loads(resources.files("roleqa").joinpath("data/off_topic.toml")
                                    .read_text(encoding="utf-8"))["off_topic"].values()
    for text in texts)
