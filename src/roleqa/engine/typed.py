"""What a visitor typed, put as the guides write it before a question is searched.

Chat spellings and clippings are spelled out ("u" → "you"), a role's short
form the guides use is written in full ("TS" → "tree surgeon"), a place's
short name spelled out ("US" → "united states"), phrases put as guides put them
("going to uni" → "doing a degree", data/language.toml ``[phrasings]``) and
typos corrected to the guides' words; what a question sets aside ("apart from
the money, ...") is left out of it.
"""

from __future__ import annotations

import re

from ..language import LANGUAGE
from ..text import ABBREVIATIONS, Vocabulary, content_words
from .clippings import chat_clipping, in_phrase

__all__ = ["repair", "set_aside"]


def _in_chat(tokens: list[str], i: int) -> bool:
    """Whether a token next to ``tokens[i]`` is chat company (data/language.toml)."""
    near = tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]
    return any(t.strip(".,;:!?()\"'").lower() in LANGUAGE.chat_company for t in near)


def _place(raw: str, before: str) -> str | None:
    """The place a short name such as "US" or "the States" stands for, spelled
    out ("united states"). Where a question asks about a place is no topic of
    its own (see evidence.focus_words), so a guide writing "US" still answers."""
    # "U.S." reaches here as "U.S": its last dot went with the punctuation.
    name = LANGUAGE.places.get(raw) or LANGUAGE.places.get(f"{raw}.")
    if name is None or (raw == "States" and before.strip(".,;:!?()\"'").lower() != "the"):
        return None
    return name.lower()


def _bare(token: str) -> str:
    return token.strip(".,;:!?()\"'").lower()


#: phrases put as guides say them (data/language.toml ``[phrasings]``)
_PHRASINGS = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in sorted(LANGUAGE.phrasings, key=len, reverse=True))
    + r")(?!\w)", re.I) if LANGUAGE.phrasings else None


#: words numbering what follows them: "level 5 HR" is no five hours
_NUMBERING = frozenset({"level", "band", "grade", "tier", "year", "stage", "step", "part",
                        "unit", "module", "page", "section", "top"})
#: a number a unit may follow: "12", "7.5", "10-12"
_NUMBER = re.compile(r"^\d+(?:[.,\-–]\d+)?$")


def repair(text: str, vocabulary: Vocabulary) -> str:
    """Spell out abbreviations, put phrases as guides say them and correct
    typos to corpus words."""
    if _PHRASINGS is not None:
        text = _PHRASINGS.sub(lambda m: LANGUAGE.phrasings[m[0].lower()], text)
    shouting = text.isupper()
    if vocabulary.role_pattern is not None:  # "zoo keepers" → "zookeepers", "crane drivers"
        text = vocabulary.role_pattern.sub(lambda m: _joined(m, vocabulary.role_names), text)
    out: list[str] = []
    tokens = re.findall(r"\S+", text)
    bare = [_bare(t) for t in tokens]
    for i, token in enumerate(tokens):
        raw = token.strip(".,;:!?()\"'")
        core = raw.lower()
        forms = vocabulary.short_forms
        # A one-letter chat spelling is typed in lower case beside chat: "who
        # r they" is "who are they"; "do they use R?" or "use r or python?"
        # names a language. Chat in capitals that a guide defines is its term:
        # "iam" is "I am", "IAM" identity and access management ("WFH" is chat).
        term = raw.isupper() and not shouting and core in vocabulary.capital_forms
        chat = (ABBREVIATIONS.get(core)
                if (len(core) > 1 and not term) or (raw.islower() and _in_chat(tokens, i))
                else None)
        # A question in capitals ("TELL US ABOUT THE PAY") names no place by them.
        place = None if shouting else _place(raw, tokens[i - 1] if i else "")
        short = forms.get(core)
        if short and chat_clipping(text, bare, i):
            short = None  # "... in the games industry rn?" is chat for right now
        if short and in_phrase(text, bare, i, vocabulary.written):
            short = None  # "chef de partie", as a guide writes it, names no "DE"
        j = i - 1 - (i > 0 and bare[i - 1] in ("a", "an"))  # "become a CR": past the "a"
        # "12 hr shifts": an hour after a number, not after a level's ("level 5 HR")
        unit = (LANGUAGE.units.get(core) if i and _NUMBER.match(bare[i - 1])
                and (i < 2 or bare[i - 2] not in _NUMBERING) else None)
        long_form = (unit or chat or short or place
                     or _in_capitals(raw, bare[j] if j >= 0 else "", vocabulary, shouting))
        # "TSs" for tree surgeons, but "a PTS card" of a guide writing "PTS" is one
        # card, not physiotherapists
        if (not long_form and core.endswith("s") and core[:-1] in forms
                and not (i and bare[i - 1] in ("a", "an") and core in vocabulary.capitals)):
            long_form = forms[core[:-1]] + "s"
        if long_form:
            # "City TS" with "ts" for "city tree surgeon": the "city" is said once.
            first, _, rest = long_form.partition(" ")
            if rest and out and out[-1].lower().strip(".,;:!?()\"'") == first:
                long_form = rest
            out.append(token.lower().replace(core, long_form))
            continue
        # A word in capitals in a question that is not is a name or short form
        # ("do youth workers register with CORU?"), no typo of "core"
        named = len(raw) > 1 and raw.isupper() and not shouting
        fixed = vocabulary.correct(core) if core.isalpha() and not named else None
        out.append(token.lower().replace(core, fixed) if fixed else token)
    return " ".join(out)


#: words before a role's initials, past "a" or "an", that make them a job to have
_AS_A_JOB = frozenset({"become", "becoming", "being", "as"})


def _joined(match: re.Match[str], names: dict[str, str]) -> str:
    """A role's name as its guide writes it, in the case it was written."""
    written = match[1]
    name = names.get(" ".join(re.split(r"[\s-]+", written.lower())))
    if name is None:  # case folded otherwise ("İ"): left as written
        return match[0]
    return (name.upper() if written.isupper() else name) + match[2]


def _in_capitals(raw: str, before: str, vocabulary: Vocabulary, shouting: bool) -> str | None:
    """A role's initials that are also a word, spelled out when written in
    capitals in a question that is not all capitals, as people: plural ("do
    CRs need a degree?") or as a job to have ("become a CR", "work as an
    FA"); not "do you need CE hours?", "spin up a VM" or "is the OT paid?".
    So is a short form a guide defines that is a word too, of three letters
    or more, written in capitals ("where is AIMS based?")."""
    if shouting:
        return None
    if len(raw) > 2 and raw.isupper() and raw.lower() in vocabulary.capital_forms:
        return vocabulary.capital_forms[raw.lower()]  # "where is AIMS based?"
    letters = raw[:-1] if raw.endswith("s") else raw
    if len(letters) < 2 or not letters.isupper():
        return None
    # two letters alone are many things ("is the OT paid?"); three or more
    # in capitals ("is being a SALT stressful?") are the role's
    if letters == raw and len(letters) == 2 and before not in _AS_A_JOB:
        return None
    long_form = vocabulary.capital_forms.get(letters.lower())
    return long_form and long_form + raw[len(letters):]


#: what a question sets aside: to its comma ("apart from having to do exams,
#: what's hard?"), else to the words asking ("what languages besides python?")
_ASIDE = re.compile(
    r"\b(?:apart from|aside from|other than|besides|except for|except)\b(?:[^,?.!]*,"
    r"|[^,?.!]*?(?=[?.!]|$|\b(?:what|which|who|how|where|when|why|can|could|would|should"
    r"|does|did)\b))", re.I)


#: "super" saying how much ("super flexible"), not the pension ("is super taxed?")
_SUPER = re.compile(r"\bsuper\s+(?=([a-z]+)\b)", re.I)


def set_aside(text: str) -> str:
    """``text`` without what it sets aside (:data:`_ASIDE`) and "super" saying
    how much, unless nothing would be left to ask."""
    text = _SUPER.sub(lambda m: "" if m[1].lower() in LANGUAGE.intensified else m[0], text)
    kept = re.sub(r"\s+([?.!])", r"\1", " ".join(_ASIDE.sub(" ", text).split()))
    return kept if content_words(kept) else text
