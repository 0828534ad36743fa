"""Requests no careers guide should answer, read from a message's words alone.

A visitor worried about their own health ("my chest has been hurting since
this morning, should I be worried?") needs a doctor, not the nearest passage
on the work; one asking how to do wrong ("how do I fake a certificate?")
gets no passage at all, nor one asking for their own legal trouble or their
homework to be done, goods to buy, a recipe, a repair of their own things, a
ranking of schools or the day's news ("what's the weather tomorrow?"). All
are told so before any search. The word lists and patterns are data
(``data/language.toml``, ``[requests]``); a health word counts only beside
the visitor's own words and a request for advice (so does the state of a
part of their body, "my back is killing me", and a condition they have,
"I've got IBS"), wrongdoing only when asked for oneself, a repair only of
the visitor's things and not of their CV or career, so "do paramedics treat
chest pain?", "do security analysts stop people who hack into accounts?"
and "how do i fix my cv?" are questions about the work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..language import LANGUAGE
from ..text import CAREER_VERBS, stem, words

__all__ = ["condition_noun", "conditions_named", "personal_request"]

_DATA = LANGUAGE.requests


def _patterns(items: Sequence[str]) -> re.Pattern[str]:
    """Whole-word regular expressions of ``items`` ("best [a-z]+ to buy")."""
    return re.compile(r"(?:^| )(?:" + ("|".join(items) or "(?!)") + r")(?= |$)")


def _phrases(items: Sequence[str]) -> re.Pattern[str]:
    """Whole-word phrases ``items``, as :func:`words` spells them, longest first."""
    spelled = sorted((" ".join(words(item)) for item in items if words(item)), key=len,
                     reverse=True)
    return _patterns([re.escape(s) for s in spelled])


_HEALTH = frozenset(_DATA.get("health", ()))
_CONDITIONS = frozenset(_DATA.get("conditions", ()))
#: what "is that ...?" may ask after: a health word or a condition
_ILLS = _HEALTH | _CONDITIONS
_CONDITION_NOUNS = dict(item.split("=", 1) for item in _DATA.get("condition_nouns", ()))
_BODY = frozenset(_DATA.get("body", ()))
_INJURED = _phrases(_DATA.get("injuries", ()))
_PETS = frozenset(_DATA.get("pets", ()))
_SELF = frozenset(_DATA.get("self", ()))
_ADVICE = _phrases(_DATA.get("advice", ()))
_EMERGENCY = _phrases(_DATA.get("emergency", ()))
_KIN = _phrases([f"{mine} {who}" for mine in ("my", "our") for who in _DATA.get("kin", ())])
_NEWS_ALONE = _patterns(_DATA.get("news_alone", ()))
_WRONG = _phrases(_DATA.get("wrongdoing", ()))
_FOR_ONESELF = _phrases(_DATA.get("asking_for_oneself", ()))
_SCHOOLWORK = frozenset(_DATA.get("schoolwork", ()))
_POSSESSIVE = frozenset(_DATA.get("possessive", ()))
_DOING = _phrases(_DATA.get("doing", ()))
_LEGAL = _phrases(_DATA.get("legal", ()))
_LEGAL_ADVICE = _phrases(_DATA.get("legal_advice", ()))
_INJURY = _phrases(_DATA.get("injury", ()))
_JOB_LOSS = _phrases(_DATA.get("job_loss", ()))
_ENTITLED = _phrases(_DATA.get("entitled", ()))
_SUING = _phrases(_DATA.get("suing", ()))
#: a career's steps said as verbs, and with the words said around one ("still")
_STEP_VERBS = CAREER_VERBS | {stem(w) for w in _DATA.get("career_steps", ())}
_CAREER_STEPS = _STEP_VERBS | {stem(w) for w in _DATA.get("career_step_words", ())}
_SHOPPING = _patterns(_DATA.get("shopping", ()))
_RECIPES = _patterns(_DATA.get("recipes", ()))
_DIY = _patterns(_DATA.get("diy", ()))
_NOT_DIY = frozenset(_DATA.get("not_diy", ()))
_RANKINGS = _patterns(_DATA.get("rankings", ()))
_NEWS_DAYS = _phrases(_DATA.get("news_days", ()))
_NEWS = _patterns(_DATA.get("news_asks", ()))
_SEASONS = _phrases(_DATA.get("news_seasons", ()))
#: occupations, singular and plural: a month's weather asked of one is the work's
_OCCUPATIONS = frozenset(LANGUAGE.occupations) | {f"{w}s" for w in LANGUAGE.occupations}
#: each names the ``thing`` recommended and its ``use``: one pattern apiece, as
#: the names repeat
_RECOMMENDATIONS = tuple(re.compile(rf"(?:^| ){item}(?= |$)")
                         for item in _DATA.get("recommendations", ()))
_GOODS = frozenset(_DATA.get("goods", ()))
_CAREER_USES = frozenset(_DATA.get("career_uses", ()))
#: a word between "my" and a part of the body ("my lower back")
_SIDES = frozenset({"lower", "upper", "left", "right", "bad", "sore"})
#: what follows a part of the body whose state is told ("my back is killing me"),
#: not one in a name or an idiom ("my head chef", "my back pay", "my hand at")
_STATE = frozenset({"is", "are", "has", "have", "hurts", "hurt", "hurting", "aches", "ache",
                    "aching", "keeps", "feels", "feel", "was", "were", "went", "gets", "got"})


def _own_conditions(tokens: Sequence[str], reach: int) -> list[str]:
    """The conditions of ``tokens`` the visitor has: a word of their own ("I've
    got", "my", "im") at most ``reach`` tokens before ("I've got IBS", "my
    eczema"), or "if you have" right before it ("can you be a train driver if
    you have epilepsy"); not one of someone they would work with ("if a patient
    has an allergy", "if you have a diabetic client", "if you have asthma patients")."""
    def own(i: int) -> bool:
        if _SELF & set(tokens[max(0, i - reach):i]):
            return True
        said = " ".join(tokens[max(0, i - 4):i])
        return (_IF_YOU.search(said) is not None
                and not set(tokens[i + 1:i + 2]) & _THEIR_PEOPLE)

    return list(dict.fromkeys(token for i, token in enumerate(tokens)
                              if token in _CONDITIONS and own(i)))


#: "if you have", "if you've got", "if you're", "if u suffer from" right before a condition
_IF_YOU = re.compile(r"\bif (?:you|u) (?:have|ve got|have got|re|are|suffer from|get)$")
#: the people a condition may be of, after it: "asthma patients"
_THEIR_PEOPLE = frozenset({"patient", "patients", "client", "clients", "child", "children",
                           "kids", "people", "students", "pupils", "customers"})


def conditions_named(question: str) -> list[str]:
    """The health conditions ``question`` says the visitor has ("i have type 1
    diabetes, can i still pass the medical?" → ["diabetes"]; not "do nurses
    look after diabetic patients?"): whether one bars a career is for a guide
    to say, and one that never names it cannot."""
    return _own_conditions(words(question.replace("\u2019", "'")), 4)


def condition_noun(word: str) -> str:
    """The condition ``word`` names, as a decline says it ("diabetic" → "diabetes")."""
    return _CONDITION_NOUNS.get(word, word)


def _own_body(tokens: Sequence[str]) -> bool:
    """Whether ``tokens`` tell the state of a part of the visitor's own body
    ("my lower back has been killing me")."""
    for i, token in enumerate(tokens[:-1]):
        if token in _BODY and i and tokens[i + 1] in _STATE and (tokens[i - 1] == "my" or (
                i > 1 and tokens[i - 2] == "my" and tokens[i - 1] in _SIDES)):
            return True
    return False


def _recommends(plain: str) -> bool:
    """Whether ``plain`` asks which goods are best for some use ("what's the
    best van for a sparky?"), not which step of a career ("which certification
    is best for cloud security?", "which union is best for a nurse?") nor the
    best goods for a career's use ("the best laptop for beginners")."""
    for pattern in _RECOMMENDATIONS:
        found = pattern.search(plain)
        if (found and set(found["thing"].split()) & _GOODS
                and found["use"] not in _CAREER_USES):
            return True
    return False


def _diagnosis(tokens: list[str]) -> bool:
    """Whether ``tokens`` ask whether something is an illness: "is that carpal
    tunnel?", "could it be an infection?" (the word right after, past "be" and
    "a"); "is it ...?" only as the question's last words ("... is it carpal
    tunnel?"), not "is it painful work being a roofer?", which asks about the work."""
    for i in range(len(tokens) - 2):
        pointed = tokens[i] == "is" and (tokens[i + 1] in ("that", "this") or (
            tokens[i + 1] == "it" and i + 5 >= len(tokens)))
        if pointed or (tokens[i] == "could" and tokens[i + 1] in ("that", "it", "this")
                       and tokens[i + 2] == "be"):
            rest = [t for t in tokens[i + 2:i + 5] if t not in ("be", "a", "an")]
            if rest and rest[0] in _ILLS:
                return True
    return False


def personal_request(question: str) -> str:
    """ "health" for the visitor's own health ("pet" for their animal's),
    "legal" for their own legal trouble, "schoolwork" for their (or their
    child's) schoolwork to do, "wrongdoing" for help doing wrong, "shopping"
    for goods to buy, "recipe" for how to cook a dish, "diy" for how to mend
    one's own things, "rankings" for the best schools, "news" for the day's
    weather or results, "" else."""
    tokens = words(question.replace("\u2019", "'"))
    plain, held = " ".join(tokens), set(tokens)
    # a step the visitor took is no step asked: "sore since i started lifting"
    steps = [stem(w) for i, w in enumerate(tokens)
             if not (i and tokens[i - 1] in _SELF and w.endswith(("ed", "came")))]
    career_step = bool(set(steps) & _CAREER_STEPS)
    # "should i still train as one?" asks a step (not "still throbbing")
    if _HEALTH & held and _SELF & held and (
            (_ADVICE.search(plain) and not set(steps) & _STEP_VERBS)
            or (_diagnosis(tokens) and not career_step)):
        return "pet" if _PETS & held else "health"
    if ((_own_body(tokens) or _own_conditions(tokens, 3) or _INJURED.search(plain))
            and _ADVICE.search(plain) and not career_step):
        return "health"
    if _EMERGENCY.search(plain) and _KIN.search(plain) and not career_step:
        return "health"  # "my toddler touched ...", not "when I call 999 on a shift"
    if ((_LEGAL.search(plain) and _SELF & held and _LEGAL_ADVICE.search(plain))
            or (_INJURY.search(plain) and _SUING.search(plain))
            or (_JOB_LOSS.search(plain) and _ENTITLED.search(plain))) and not career_step:
        return "legal"
    if _SCHOOLWORK & held and _POSSESSIVE & held and _DOING.search(plain):
        return "schoolwork"
    if _WRONG.search(plain) and _FOR_ONESELF.search(plain):
        return "wrongdoing"
    if _SHOPPING.search(plain) or (_recommends(plain) and not career_step):
        return "shopping"
    if _RECIPES.search(plain):
        return "recipe"
    if _DIY.search(plain) and not career_step and not held & _NOT_DIY and (
            "my" in held or "i" in held):
        return "diy"
    if _RANKINGS.search(plain):
        return "rankings"
    if (_NEWS_DAYS.search(plain) and _NEWS.search(plain)) or _NEWS_ALONE.search(plain) or (
            _SEASONS.search(plain) and _NEWS.search(plain) and not held & _OCCUPATIONS):
        return "news"  # a month's weather, not "... in march for gardeners"
    return ""
