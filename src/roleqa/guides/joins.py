"""Blocks of a guide that are one passage together, so that a quote never
leans on text the reader was not shown: a paragraph that only asks and the
paragraph answering it, and a list's lead-in with the list it introduces.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..types import Passage

__all__ = ["ASKING_WORDS", "LINES", "LIST_LINE_WORDS", "LIST_PASSAGE_WORDS", "answered",
           "lines_after", "with_lists"]

#: A paragraph that only asks (an FAQ's "**Do I need a degree?**") has at most
#: this many words; it and the paragraph answering it are one passage.
ASKING_WORDS = 30


def answered(blocks: Iterable[tuple[int, str, str]]) -> Iterator[tuple[int, str, str]]:
    """``blocks`` with each paragraph that asks a question joined to the
    paragraph after it, its answer: quoted alone, "How long does it take to
    qualify?" answers nothing, and its answer lacks what it is about."""
    pending: tuple[int, str, str] | None = None
    for block in blocks:
        text = block[2].rstrip()
        asks = (block[1] == "paragraph" and text.endswith("?")
                and len(text.split()) <= ASKING_WORDS)
        if pending is not None:
            if block[1] == "paragraph" and not asks:
                yield 0, "paragraph", f"{pending[2]} {block[2]}"
                pending = None
                continue
            yield pending  # unanswered, or followed by another question
            pending = None
        if asks:
            pending = block
        else:
            yield block
    if pending is not None:
        yield pending


#: A lead-in ("The main tools are:") and its list hold at most this many
#: words together to be one more passage (see :func:`with_lists`) ...
LIST_PASSAGE_WORDS = 220
#: ... and its lines at most this many on average: lines longer still
#: ("Police Constable Degree Apprenticeship: a three-year paid ...") answer
#: questions of their own, and a reply quoting the whole list would be long.
#: Ranked by its lead-in alone (index.embedding_text), a list of lines up to 20
#: words took no question from its own lines (dev: 12 → 20 words, blind hit@1
#: 0.749 → 0.766, fact recall 0.837 → 0.835; 30 words changed nothing more).
LIST_LINE_WORDS = 20


#: The kinds of passage that are lines of a list: its items, or a table's rows.
LINES = ("item", "row")


def lines_after(passages: Sequence[Passage], i: int) -> list[Passage]:
    """The lines directly after ``passages[i]`` in its guide and section: list
    items, or table rows, not both (a list then a table is two lists)."""
    lead = passages[i]
    lines: list[Passage] = []
    for p in passages[i + 1:]:
        if (p.kind not in LINES or p.kind != (lines[0].kind if lines else p.kind)
                or p.doc != lead.doc or p.heading_path != lead.heading_path):
            break
        lines.append(p)
    return lines


def with_lists(passages: list[Passage], most: int = LIST_PASSAGE_WORDS) -> list[Passage]:
    """``passages`` with each lead-in that ends in a colon, and whose list (or
    table) fits ``most`` words with it, holding the list too, one line an item
    or row, as kind "list"; the items stay passages of their own. Alone,
    "Analysts work with a practical toolkit:" answers nothing: the list is what
    a visitor asking "what tools do they use?" is shown, and what a ranking
    should find."""
    out: list[Passage] = []
    for i, p in enumerate(passages):
        items = (lines_after(passages, i) if p.kind == "paragraph" and p.text.endswith(":")
                 else [])
        if _fits(p, items, most):
            p = Passage(p.id, p.doc, p.doc_title, p.heading_path,
                        "\n".join([p.text, *(q.text for q in items)]), "list")
        elif p.kind in LINES and p.heading_path and (
                not i or passages[i - 1].heading_path != p.heading_path
                or passages[i - 1].doc != p.doc):
            # A list or table straight under its heading ("## Skills you need",
            # then the lines) is introduced by the heading: "what skills ...?"
            # asks for it.
            heading = p.heading_path[-1]
            lead = Passage(f"{p.id}-list", p.doc, p.doc_title, p.heading_path,
                           heading if heading.endswith((":", "?")) else f"{heading}:", "list")
            items = [p, *lines_after(passages, i)]
            if len(items) > 2 and _fits(lead, items, most):
                out.append(Passage(lead.id, p.doc, p.doc_title, p.heading_path,
                                   "\n".join([lead.text, *(q.text for q in items)]), "list"))
        out.append(p)
    return out


def _fits(lead: Passage, items: Sequence[Passage], most: int) -> bool:
    """Whether ``lead`` and its lines ``items`` are short enough to be one passage."""
    return bool(items) and (lead.words + sum(q.words for q in items) <= most
                            and sum(q.words for q in items) <= LIST_LINE_WORDS * len(items))
