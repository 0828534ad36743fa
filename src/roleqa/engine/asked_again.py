"""A follow-up asking the question before of another side of the job.

"What skills do you need to be an ATC?" then "and the tools?": the follow-up
names a side of the job (data/language.toml ``side_nouns``) in a fragment, and
the question before named another. Searched as "what skills ... and the
tools?", the skills passage wins on the earlier words; asked again of the
tools ("what tools do you need to be an ATC?"), the follow-up is read as a
question of its own.
"""

from __future__ import annotations

import re

from ..language import LANGUAGE

__all__ = ["asked_of_side"]

#: "and the tools?", "what about their pay?", "ok and shifts?": a side alone
_FRAGMENT = re.compile(
    r"^(?:(?:and|but|ok|okay|so|also)\s+)*(?:(?:what|how)\s+about\s+)?"
    r"(?:(?:the|their|its|your|his|her)\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s*[?.!]*$", re.I)


#: the words before a side the question before asks for: "what skills", "the pay"
_ASKING = frozenset({"what", "whats", "which", "the", "their", "its", "your", "any", "much"})


def asked_of_side(question: str, last: str) -> str | None:
    """``last`` asked of the side of the job ``question`` names in a fragment
    ("and the tools?"), in place of the one ``last`` names; None when
    ``question`` is no such fragment or ``last`` names no other side."""
    match = _FRAGMENT.match(question.strip())
    if not match:
        return None
    side = match.group(1).lower()
    if side.split()[-1] not in LANGUAGE.side_nouns:
        return None
    said = list(re.finditer(r"[a-z]+", last.lower()))
    named = [m for m in said if m[0] in LANGUAGE.side_nouns]
    if len(named) != 1 or named[0][0] == side:
        return None  # "what pay and hours?" asks of two: which one is meant is unclear
    before = [m[0] for m in said if m.end() < named[0].start()][-1:]
    if not (before and before[0] in _ASKING):
        return None  # "a software tester", "without a degree": no side asked for
    start, end = named[0].span()
    return f"{last[:start]}{side}{last[end:]}"
