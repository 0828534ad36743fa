"""One employer a question asks about by its name, which no guide can answer for.

"does Orkin hire trainees?", "what does the Ritz pay?", "is Service Corporation
International a good company to work for?": a guide says what employers in
general do; one firm's practice it cannot tell. The judge declines such a
question (roleqa.engine.pipeline.judge).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import ABBREVIATIONS, STOPWORDS, Vocabulary, stem
from .catalogue import Catalogue
from .lexicon import fold, plain_word
from .places import PLACE_WORDS

__all__ = ["employer_named"]

#: "does Orkin hire ...?", "what does the Ritz pay ...?", "is Mydentist taking on
#: ...?": a question on what one employer does, by its name (up to three words).
#: Asked in the singular: "do wineries hire ...?" asks about a kind of employer.
_EMPLOYER = re.compile(
    r"\b(?:does|is|what does|how much does)\s+(?:the\s+)?"
    r"(?!(?:an?|it|this|that|he|she|one|my|your|their|our|his|her)\b)"
    r"((?:[^\W\d_][\w&'-]*\s+){0,2}?[^\W\d_][\w&'-]*)\s+"
    r"(?:hire|hiring|take on|taking on|recruit|recruiting|employ|pay|offer|sponsor)\b", re.I)
#: "is Service Corporation International a good company to work for?": one
#: employer by any name, good or bad to work for
_GOOD_TO_WORK_FOR = re.compile(
    r"\bis\s+(?:the\s+)?(?!(?:an?|it|this|that|one|my|your|their|our)\b)"
    r"((?:[^\W\d_][\w&'-]*\s+){0,3}?[^\W\d_][\w&'-]*)\s+an?\s+(?:\w+\s+)?"
    r"(?:company|employer|firm|business|organi[sz]ation)\s+to\s+work\s+(?:for|at|with)\b", re.I)


def employer_named(catalogue: Catalogue, vocabulary: Vocabulary, question: str,
                   docs: Sequence[str]) -> str | None:
    """The name of one employer ``question`` asks what it hires or pays, or
    whether it is a good company to work for, as typed, when the guides
    ``docs`` never write it: a word of it that is no English word of the
    model's (``vocabulary.dictionary``, endings and all) nor one typo from
    one, or of a good company a word in capitals ("Service Corporation
    International"); no place and no role ("Orkin", "Mydentist"). A guide says
    what employers in general do; one firm's practice it cannot tell. "do small
    firms pay as much?", "is the fire service a good employer?" and "does the
    NHS hire ..." of a guide naming the NHS are questions for the guide."""
    good = _GOOD_TO_WORK_FOR.search(question)
    found = good or _EMPLOYER.search(question)
    if not found:
        return None
    name = found.group(1).split()
    while name and (name[-1].lower() in STOPWORDS or name[-1].lower() in PLACE_WORDS):
        name.pop()  # "the Ritz in London" is the Ritz
    dictionary = vocabulary.dictionary
    if any(w.isalpha() and ((not plain_word(w, dictionary) and not vocabulary.near_common(w))
                            or (bool(good) and typed[:1].isupper()))
           and w not in STOPWORDS and w not in PLACE_WORDS and w not in ABBREVIATIONS
           and fold(w) not in catalogue.name_words and not catalogue.holds_kin(stem(w), docs)
           for typed, w in ((n, n.lower()) for n in name)):
        return " ".join(n if not n.islower() else n.capitalize() for n in name)
    return None
