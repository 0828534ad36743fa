"""Markdown tokens → the blocks a reader would quote, each with its heading level.

markdown-it-py gives a flat stream of tokens; :func:`blocks` walks it once and
yields headings, paragraphs, list items, table rows and code in order. Bold
labels are read as headings: over a list ("**Cons**") the label heads that
list and leads into it; opening a paragraph ("**Tips:** ...") it heads the
paragraph and the list after it. A table row is said as a sentence a reader
would quote ("Monitoring: Prometheus, Grafana").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["LABEL_WORDS", "blocks", "inline_text", "plain_text"]

#: a heading's number: "3. " of "3. Skills you need", "2) ", "2.1 " before a
#: capital (not "2024 pay" nor "1.5 million jobs")
_NUMBERED = re.compile(r"^\d{1,2}(?:[.)]\s+(?=\S)|(?:\.\d{1,2})+\.?\s+(?=[A-Z]))")


def inline_text(token: Token) -> str:
    """Plain text of an inline token: text, code, image alt text; markup dropped."""
    return _text(token.children or ())


def plain_text(markdown: str) -> str:
    """``markdown``'s inline text as a passage holds it: "**CAT tools:** Trados"
    reads "CAT tools: Trados"."""
    return " ".join(inline_text(t) for t in _INLINE.parseInline(markdown) if t.type == "inline")


_INLINE = MarkdownIt("commonmark")


def _text(children: Iterable[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


#: A bold line standing alone over a list ("**Cons**") heads it when it has at
#: most this many words and asks nothing ("**Do I need a degree?**" is an FAQ's).
LABEL_WORDS = 6
_LISTS = ("bullet_list_open", "ordered_list_open")


def _label(tokens: list[Token], k: int) -> str:
    """The text of ``tokens[k]``, a paragraph's inline, when it is a bold label
    over a list ("**Cons**", "**Pros:**"); else ""."""
    kids = [c for c in tokens[k].children or ()
            if not (c.type == "text" and c.content.strip() in ("", ":"))]  # "**Cons**:"
    if (len(kids) < 3 or kids[0].type != "strong_open" or kids[-1].type != "strong_close"
            or k + 2 >= len(tokens) or tokens[k + 2].type not in _LISTS):
        return ""
    text = inline_text(tokens[k]).rstrip(":").strip()
    return text if 0 < len(text.split()) <= LABEL_WORDS and text[-1] not in "?." else ""


#: A bold line alone between paragraphs ("**Getting qualified**") heads the
#: text down to the next one, in a guide written with fewer heading marks
#: below its title (in one with them, it is an emphasis, a note or a callout).
SECTION_WORDS = 10


def _bold_section(tokens: list[Token], k: int) -> str:
    """The text of ``tokens[k]``, a paragraph's inline, when it is all one bold
    line over a paragraph and asks nothing; else ""."""
    kids = [c for c in tokens[k].children or () if not (c.type == "text" and not c.content.strip())]
    if (len(kids) < 3 or kids[0].type != "strong_open" or kids[-1].type != "strong_close"
            or any(c.type == "strong_open" for c in kids[1:])
            or k + 2 >= len(tokens) or tokens[k + 2].type != "paragraph_open"):
        return ""
    text = inline_text(tokens[k]).rstrip(":").strip()
    return text if 0 < len(text.split()) <= SECTION_WORDS and text[-1] not in "?.!" else ""


def _lead_label(tokens: list[Token], k: int) -> str:
    """The bold label opening ``tokens[k]``, a paragraph's inline, when more
    text follows it ("**Tips:** Tips usually add ..."); else ""."""
    return _opening_label(tokens[k].children or ())


def _labelled_lines(token: Token) -> list[str]:
    """A paragraph's lead-in ("" if none) and its lines, when two or more lines
    end it that each open with a bold label: a list written without markers
    ("The main tools are:", then "**CAT tools:** Trados ..." line by line),
    which Markdown joins into one paragraph; else []."""
    lines: list[list[Token]] = [[]]
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    labels = [_opening_label(line) for line in lines]
    first = next((k for k, label in enumerate(labels) if label), len(lines))
    if len(lines) - first < 2 or not all(labels[first:]):
        return []
    said = [_text(line) for line in lines]
    if any(label.lower() in _ASKING_LABELS or text.endswith("?")
           for label, text in zip(labels[first:], said[first:], strict=True)):
        return []  # "**Q:** Can I retrain ...?" then "**A:** Yes ...": a FAQ's pairs
    return [" ".join(said[:first]), *said[first:]]


#: labels of a FAQ's question and answer, no list's lines
_ASKING_LABELS = frozenset({"q", "a", "question", "answer"})


def _opening_label(children: Sequence[Token]) -> str:
    kids = [c for c in children if not (c.type == "text" and not c.content)]
    if not kids or kids[0].type != "strong_open":
        return ""
    close = next((i for i, c in enumerate(kids) if c.type == "strong_close"), 0)
    bold = "".join(c.content for c in kids[1:close]).strip()
    after = "".join(c.content for c in kids[close + 1:])
    # a label ends in a colon or is followed by one or a dash: "**Most** entrants
    # have a degree." opens a sentence with a bold word
    if not (bold.endswith(":") or after.lstrip().startswith((":", "—", "–", "- "))):
        return ""
    text, rest = bold.rstrip(":").strip(), after.strip(" :—–-")
    if not (close and rest and 0 < len(text.split()) <= LABEL_WORDS) or text[-1] in "?.":
        return ""
    return text


def blocks(tokens: list[Token]) -> Iterator[tuple[int, str, str]]:
    """Yield (heading level or 0, kind, text) for each quotable block in order.
    A bold label over a list heads that list, one level below the heading
    before it, and no further (an empty heading closes it), and is its lead-in.
    A bold label opening a paragraph heads it so, and the list after it. A
    bold line alone over a paragraph heads the text down to the next heading."""
    list_depth = 0
    in_heading = 0
    # bold lines stand for headings where they outnumber those marked below the
    # title (a "## Sources" at the end leaves them so; "##" sections make them
    # emphasis, a note or a callout)
    marked = sum(t.type == "heading_open" and t.tag != "h1" for t in tokens)
    unmarked = marked < sum(bool(_bold_section(tokens, k)) for k, t in enumerate(tokens)
                            if t.type == "inline" and k and tokens[k - 1].type == "paragraph_open")
    level = labelled = sectioned = 0
    row: list[str] = []
    header: list[str] = []
    in_cell = in_head = False
    for k, tok in enumerate(tokens):
        if tok.type in _LISTS:
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if not list_depth and labelled:
                yield labelled, "heading", ""
                labelled = 0
        elif tok.type == "heading_open":
            in_heading = level = int(tok.tag[1:])
            labelled = sectioned = 0
        elif tok.type == "heading_close":
            in_heading = 0
        elif tok.type in ("thead_open", "thead_close"):
            in_head = tok.type == "thead_open"
        elif tok.type in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = tok.type.endswith("_open")
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and any(row):
            if in_head:
                header = row  # names the columns of the rows below, no passage of its own
            else:
                yield 0, "row", _row_text(header, row)
        elif tok.type == "inline":
            text = inline_text(tok)
            paragraph = not (in_heading or in_cell or list_depth)
            lines = _labelled_lines(tok) if paragraph else []
            if lines:
                if labelled:
                    yield labelled, "heading", ""
                    labelled = 0
                if lines[0]:
                    yield 0, "paragraph", lines[0]
                for line in lines[1:]:
                    yield 0, "item", line
                continue
            label = _label(tokens, k) if paragraph else ""
            lead = _lead_label(tokens, k) if paragraph and not label else ""
            section = (_bold_section(tokens, k) if unmarked and paragraph and not (label or lead)
                       else "")
            if section:
                # a sibling of the last one, below the last heading written with marks
                sectioned = level + 1
                yield sectioned, "heading", section
                labelled = 0
                continue
            if labelled and paragraph:
                yield labelled, "heading", ""  # a paragraph after a labelled one
                labelled = 0
            if label:
                # it heads its lines, and leads into them as a list passage
                labelled = (sectioned or level) + 1
                yield labelled, "heading", label
                yield 0, "paragraph", f"{label}:"
            elif lead:
                # "**Tips:** ...": the label names what its paragraph says
                labelled = (sectioned or level) + 1
                yield labelled, "heading", lead
                yield 0, "paragraph", text
            elif in_heading:
                # "## 3. Skills you need": the number orders the guide, it names nothing
                yield in_heading, "heading", _NUMBERED.sub("", text)
            elif in_cell:
                row.append(text)
            elif text:
                yield 0, "item" if list_depth else "paragraph", text
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            yield 0, "code", tok.content.strip()
        elif tok.type == "html_block":
            text = " ".join(re.sub(r"<[^>]*>", " ", tok.content).split())
            if text:
                yield 0, "paragraph", text


def _row_text(header: list[str], row: list[str]) -> str:
    """A table row as a sentence a reader would quote: "Monitoring: Prometheus,
    Grafana" when its first cell names the row, with the column names where
    there are more ("Monitoring: Common tools: Prometheus; Cost: low")."""
    label, cells = row[0], row[1:]
    if not cells:
        return label
    if len(header) == len(row) and not _names_row(label):
        # Every column is one thing compared ("| Tower | Approach |" over a row
        # of sentences): each cell is said of its column, none names the row.
        return "; ".join(f"{h}: {c}" if h else c for h, c in zip(header, row, strict=True) if c)
    if len(cells) == 1 or len(header) != len(row):
        return f"{label}: {'; '.join(c for c in cells if c)}"
    return f"{label}: " + "; ".join(f"{h}: {c}" for h, c in zip(header[1:], cells, strict=True)
                                     if c)


def _names_row(cell: str) -> bool:
    """Whether a row's first cell is a label ("Monitoring", "NHS hospital
    optometrist (Band 6 to Band 7)"), not a sentence ("Works in a dark room.")."""
    return len(cell.split()) <= 3 or not cell.rstrip().endswith(".")
