"""What a question asks to do without, and the passages saying it is not needed.

"Can I become one without a degree?" and "do I need a degree?" are answered
by the passage saying a degree is not needed ("You can also start without a
degree ..."), not by the one on the degree most people take. The reranker
brings such a passage forward (roleqa.engine.pipeline.rerank).
"""

from __future__ import annotations

import re

from ..text import STOPWORDS, stem, words

__all__ = ["asked_without", "says_without"]

#: what a question asks to do without: "without a degree", "without doing a
#: degree", "without the A levels" (past its determiners)
_WITHOUT = re.compile(
    r"\bwithout\s+(?:(?:doing|having|getting|going to|a|an|any|the|my|your|much|many|some)"
    r"\s+)*([^\W\d_]{3,})", re.I)
#: what a question asks whether one needs: "do I need a degree?", "do CRs need a
#: bachelors degree?" (not "need to know ...": no thing is named)
_NEED = re.compile(
    r"\b(?:do|does|did|will|would)\s+(?:\w+\s+){1,3}?(?:really\s+|actually\s+)?"
    r"(?:need|require|have to have)\s+(?:(?:a|an|any|the|my|your|some)\s+)?([^\W\d_]{3,})",
    re.I)
_NEGATION = r"(?:without|no|not|never|don't|doesn't|do not|does not|isn't|aren't)"
#: ... said of it after it: "a degree? Not always", "a degree is not required"
_NOT_NEEDED = (r"(?:\?\s+no\b|\W+(?:\w+\W+){0,2}?(?:not|isn't|aren't)\s+(?:always|needed"
               r"|required|essential|necessary|compulsory)\b)")
#: ... or an FAQ asking whether it is needed, answered no: "Do I need a degree
#: to be a youth worker? Not always." (not "Is a degree enough? Not really.")
_FAQ_NO = re.compile(
    r"\b(?:need|needs|require|required|have to have)\s+(?:(?:a|an|any|the|my|your|some)\s+)?"
    r"([^\W\d_]+)[^.?!\n]{0,40}\?\s+(?:no|not (?:always|necessarily|really))\b", re.I)
#: a negation ending the words before another ("will not take you on | without")
_NEGATED = re.compile(rf"\b{_NEGATION}\b(?:\W+\w+){{0,4}}\W*$", re.I)
#: the words a negation comes before, or the word "not needed" comes after.
#: The words after a negation are only looked ahead at, so that "No, you do
#: not need a degree" is read at "not" as well as at "No".
_DONE_WITHOUT = re.compile(
    rf"\b{_NEGATION}\b(?=((?:\W+\w+){{1,4}}))|\b([^\W\d_]+)(?={_NOT_NEEDED})", re.I)


def asked_without(question: str) -> str | None:
    """The thing ``question`` asks to do without, or whether one needs
    ("without a degree", "do I need a degree?" → "degree"); None if none."""
    lacking = _WITHOUT.search(question) or _NEED.search(question)
    return lacking[1] if lacking and lacking[1].lower() not in STOPWORDS else None


def says_without(thing: str, text: str) -> bool:
    """Whether ``text`` says ``thing`` is not needed: a negation a few words
    before it ("start without a degree") or "not needed" after it ("a degree?
    Not always"). The word is matched by its stem, whole."""
    wanted = stem(thing.lower())
    if any(stem(m[1].lower()) == wanted for m in _FAQ_NO.finditer(text)):
        return True
    return any(wanted in {stem(w) for w in words(m[1] or m[2])}
               # "will not take you on without a degree": a negation of a
               # negation says it is needed
               and not (m[0].lower() == "without"
                        and _NEGATED.search(text[max(0, m.start() - 30):m.start()]))
               for m in _DONE_WITHOUT.finditer(text))
