"""What a guide says of itself: its YAML front matter, and the role its title names.

Front matter is read by mdit-py-plugins' front-matter plugin (see
:mod:`roleqa.guides.corpus`); here its fields are checked, with errors that
name the file and the bad value. Without front matter the role is read off
the title ("What does a florist do?") or the file name.
"""

from __future__ import annotations

import re

import yaml
from markdown_it.token import Token

from ..errors import CorpusError

__all__ = ["front_matter", "role_as_written", "role_of"]

_FIELDS = {"title": str, "role": str, "aliases": list, "author": str}
# "What does a florist do?" → "florist"
_ROLE_IN_TITLE = re.compile(
    r"^\s*(?:what|who)\s+(?:does|is|do|are)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:do|does))?\s*\??\s*$",
    re.IGNORECASE,
)


def front_matter(tokens: list[Token], where: str) -> dict[str, object]:
    """The guide's front matter as a checked mapping ({} when it has none)."""
    if not tokens or tokens[0].type != "front_matter":
        return {}
    try:
        data = yaml.safe_load(tokens[0].content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 2})" if mark is not None else ""
        raise CorpusError(f"The front matter of {where} is not valid YAML{line}. "
                          "Fix it or remove the block between the --- lines.") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(f"The front matter of {where} must be key: value lines, "
                          f"not a {type(data).__name__}.")
    for key, kind in _FIELDS.items():
        value = data.get(key)
        if value is None:
            continue
        if key == "aliases" and isinstance(value, str):
            value = data[key] = [value]
        if not isinstance(value, kind) or (
                isinstance(value, list) and not all(isinstance(a, str) and a.strip()
                                                    for a in value)):
            want = "a list of names" if kind is list else "text"
            raise CorpusError(f"In the front matter of {where}, {key!r} must be {want}, "
                              f"not {value!r}.")
    return data


def role_of(title: str, slug: str) -> str:
    """The role a title names ("What does a florist do?" → "florist"), or else
    the file name's ("tree-surgeon.md" → "tree surgeon"), as the title writes
    it ("What a UX designer does" → "UX designer"): a short form keeps its
    capitals, a capitalised word does not."""
    match = _ROLE_IN_TITLE.match(title)
    if match:
        return _in_sentence(match.group(1).strip())
    named = [w for w in re.split(r"[-_\s]+", slug) if w]
    written = re.search(r"(?<!\w)" + r"[-\s]+".join(map(re.escape, named)) + r"(?!\w)", title,
                        re.IGNORECASE) if named else None
    return _in_sentence(written.group() if written else " ".join(named))


def _in_sentence(role: str) -> str:
    """``role`` as a sentence writes it: "Registered Nurse" → "registered
    nurse", while "UX", "HGV" and "iOS" keep their capitals."""
    return " ".join(w if sum(c.isupper() for c in w) >= 2 or (w[:1].islower() and w != w.lower())
                    else w.lower() for w in role.split())


def role_as_written(role: str, text: str) -> str:
    """A role as a sentence says it: "Dental hygienist" of front matter is the
    "dental hygienist" of "the dental hygienist guide" where the guide's
    ``text`` writes "dental" so; "UX designer", "English teacher" and "Royal
    Navy officer" keep their capitals."""
    first, *rest = role.split(" ") if role else [""]
    lower = first[:1].lower() + first[1:]
    if (first.istitle() and first[1:].islower() and not any(w[:1].isupper() for w in rest)
            and re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", text)):
        return lower + role[len(first):]
    return role
