"""How visitors name roles beyond a guide's own names, and ask about other jobs.

People shorten a role ("cloud sec engineers"), name it by its field and a
word for people ("cloud security folks") or by its work ("cloud security
engineering"): :func:`loosely_named` reads these against the role names of
the loaded guides. :func:`asked_as_career` tells an occupation asked about as
a job to have ("how do I become a plumber?") from one a guide merely works
beside. Only the guides' names and ``data/language.toml`` are read here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..language import LANGUAGE

__all__ = ["STEP_STEMS", "Field", "asked_as_career", "field_index", "loosely_named"]

#: Letters a word and a role's last word must share for the word to name its
#: work ("engineering" of "engineer"); catalogue.ROOT, the same measure.
_ROOT = 5

#: stems of the verbs that make a step of a career ("become", "promoted", "move into")
STEP_STEMS = r"(?:becom|move|progress|promot|step|advanc|rise|qualifi)"
#: what follows an occupation asked about as a job of its own ("what do bakers earn?")
_EARNS = frozenset({"earn", "earns", "make", "makes", "salary", "salaries", "paid", "pay"})


#: "work as a ...", "a job as a ...": what "as a" names is a job to have; not
#: "how does this help me as a hiring manager?", the visitor's own
_AS_WORK = frozenset({"work", "working", "job", "career", "employed", "train", "training",
                      "start", "starting", "qualify", "qualified"})


def asked_as_career(raw: Sequence[str], start: int, end: int) -> bool:
    """Whether the occupation at ``raw[start:end + 1]`` is asked about as a job
    to have: "become a plumber", "work as a baker", "what do bakers earn?"."""
    before = raw[max(0, start - 4):start]
    if before and before[-1] in ("a", "an"):
        verb = before[:-1]
        if {"become", "becoming", "be"} & set(verb[-2:]):
            return True
        if len(verb) >= 2 and verb[-1] == "as" and verb[-2] in _AS_WORK:
            return True
    return bool(_EARNS & set(raw[end + 1:end + 3]))


def _abbreviates(token: str, word: str) -> bool:
    """Whether ``token`` is ``word`` or its first three letters or more ("sec")."""
    return token == word or (len(token) >= 3 and word.startswith(token))


Field = tuple[tuple[str, ...], str, str]


def field_index(fields: Sequence[Field]) -> dict[str, list[Field]]:
    """``fields`` (a role's leading words, its last word, its slug) by the
    first three letters of their first word: a question's word can only
    start a field its own first letters key, so a question is read against a
    few roles, not every role of a large catalogue."""
    index: dict[str, list[Field]] = {}
    for field in fields:
        index.setdefault(field[0][0][:3], []).append(field)
    return index


def loosely_named(tokens: Sequence[str], fields: Mapping[str, Sequence[Field]],
                  taken: set[int]) -> list[tuple[int, str]]:
    """Roles named the way people shorten them: "cloud sec engineers" (a
    word's start), "cloud security people" (the field and a word for people),
    "cloud security engineering" (the field and its work, of a field of two
    words or more). A field several roles share ("data people") names none.
    ``fields`` is :func:`field_index` of the roles' names."""
    found: dict[int, set[str]] = {}
    for i in range(len(tokens)):
        for lead, last, slug in fields.get(tokens[i][:3], ()):
            n = len(lead)
            span = tokens[i : i + n + 1]
            if len(span) <= n or taken & set(range(i, i + n + 1)):
                continue
            if not all(_abbreviates(t, w) for t, w in zip(span, lead, strict=False)):
                continue
            if not any(t == w for t, w in zip(span, lead, strict=False)):
                continue
            end = span[n]
            work = n > 1 and len(last) >= _ROOT and end[:_ROOT] == last[:_ROOT]
            if _abbreviates(end, last) or end in LANGUAGE.people_nouns or work:
                found.setdefault(i, set()).add(slug)
    return [(i, slugs.pop()) for i, slugs in found.items() if len(slugs) == 1]
