"""Questions no passage can answer by what they ask for, whatever it says.

"Write me a poem" or "what is 17 * 23" asks for a task, not about a guide;
"what does CNN stand for?" asks for words a passage must spell out. The
answer types (roleqa.engine.answer_types) ask these first.
"""

from __future__ import annotations

import re

from ..text import STOPWORDS

__all__ = ["ARITHMETIC", "STANDS_FOR", "TASK_REQUEST", "spelled_out", "spells_initials",
           "unanswerable_request"]

#: Asking for a task, not about the guide: "Write me a poem", "Can you translate ...",
#: "fix my code".
TASK_REQUEST = re.compile(
    r"^\s*(please\s+|(can|could|would|will) (you|u)\s+(please\s+)?|help me\s+|"
    r"i (want|need) you to\s+)?"
    r"(write|compose|translate|draw|paint|sing|generate|create|solve|calculate|compute|play|"
    r"make me|draft|"
    r"book|order|fix|debug)\b(?!.*\b(guide|article|role|job)s?\b)",
    re.I,
)


#: Sums to work out, the whole question: "what is 17 * 23", "12+7". Not "the 2-3
#: most important skills" or "24/7".
ARITHMETIC = re.compile(
    r"^\s*(?:(?:what\s+is|what's|whats|calculate|compute)\s+)?[-+*/×÷^x=().,\d\s]*"
    r"\d\s*[-+*/×÷^x]\s*\d[-+*/×÷^x=().,\d\s]*\??\s*$",
    re.I,
)


#: "What does CNN stand for?", "what is RVN short for": the words it shortens
STANDS_FOR = re.compile(r"\bwhat(?: does| do| is|s|'s) (?:an? |the )?"
                        r"(?!(?:it|that|this|they|those|these|them)\b)([a-z][a-z&.]{1,9}) "
                        r"(?:actually |really |even )?(?:stand|stands|short) for\b", re.I)


def spelled_out(short: str, text: str) -> bool:
    """Whether ``text`` writes the words ``short`` is made of: "financial
    planning and analysis" for "FP&A" (small words such as "and" skipped, or
    not: "over-the-road" for "OTR"), "lockout/tagout" for "LOTO"; "RNs" are RN."""
    letters, said = _letters_and_words(short, text)
    return _initials(letters, said) or any(
        _blended("".join(letters), said, i) for i in range(len(said)))


def spells_initials(short: str, text: str) -> bool:
    """Whether ``text`` writes words whose first letters make ``short``:
    "continuing education" for "CE" (no blend of their openings)."""
    return _initials(*_letters_and_words(short, text))


def _initials(letters: list[str], said: list[str]) -> bool:
    n = len(letters)
    return any([w[0] for w in run[i:i + n]] == letters
               for run in (said, [w for w in said if w not in STOPWORDS])
               for i in range(len(run) - n + 1))


def _letters_and_words(short: str, text: str) -> tuple[list[str], list[str]]:
    if len(short) > 2 and short.endswith("s") and short[:-1].isupper():
        short = short[:-1]
    letters = [c for c in short.lower() if c.isalpha()]
    # the short form itself ("ACCA", "CSCS cards") spells nothing out
    said = [w for w in re.findall(r"[a-z]+", text.lower())
            if w not in (short.lower(), f"{short.lower()}s")]
    return letters, said


def _blended(letters: str, said: list[str], i: int, parts: int = 0) -> bool:
    """Whether ``letters`` are taken from ``said[i:]`` word by word, two or
    more from each word of four letters or more, its first and others in
    order: "LOTO" of "lockout/tagout", "HAZMAT" of "hazardous materials"
    (not "lots to")."""
    if not letters:
        return parts > 1
    if i >= len(said) or len(said[i]) < 4 or not said[i].startswith(letters[0]):
        return False
    return any(_blended(letters[k:], said, i + 1, parts + 1)
               for k in range(2, len(letters) + 1) if _within(letters[1:k], said[i][1:]))


def _within(letters: str, word: str) -> bool:
    """Whether ``letters`` appear in ``word`` in this order."""
    rest = iter(word)
    return all(c in rest for c in letters)


def unanswerable_request(question: str, passages_text: str) -> str:
    """What ``question`` asks for that no passage gives by what it says:
    "task" (a poem, a sum), "expansion" (what a short form stands for, where
    ``passages_text`` never spells it out: "CNNs" named only), else ""."""
    if TASK_REQUEST.search(question) or ARITHMETIC.search(question):
        return "task"
    short = STANDS_FOR.search(question)
    if short and not spelled_out(short[1], passages_text):
        return "expansion"
    return ""
