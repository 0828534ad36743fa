"""Guides in Markdown → a :class:`Guide` and its passages, by walking markdown-it-py's tokens.

A guide may open with YAML front matter (read by mdit-py-plugins' front-matter
plugin, its fields checked in :mod:`roleqa.guides.front_matter`): ``title``,
``role``, ``aliases`` and ``author``. Without it, the title
is the guide's only H1 (or its file name) and the role is read off the title.
The other names its opening gives the role ("also called ...") join its aliases
(:mod:`roleqa.guides.also_called`).

A passage is what a reader would quote: one paragraph, one list item, one
table row or one code block. Paragraphs longer than ``max_words`` are cut at
sentence ends into runs of whole sentences, so citations stay short without
ever splitting a sentence. Every passage carries its heading path, its guide,
and an id that stays the same while the guide's structure does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..errors import CorpusError
from ..types import Guide, Passage
from .also_called import with_names_said
from .blocks import blocks, inline_text
from .front_matter import front_matter, role_as_written, role_of
from .joins import answered, with_lists

__all__ = ["corpus_hash", "guide_files", "load_corpus", "load_guides", "parse_guide",
           "parse_markdown", "role_of", "split_sentences"]

MAX_WORDS = 60
#: Bump when parsing changes what passages a guide gives: it is part of the
#: corpus hash, so every index built by the old parser becomes stale.
# 2: a sentence opening with a connective stays with the one before
# 3: front matter, the title H1 left out of heading paths, an author passage
# 4: the author passage names the guide's role
# 5: a role read off a title or file name keeps its short forms' capitals ("UX designer")
# 6: a front-matter role written as the file name ("airline-pilot") is read off the title
# 7: a lead-in passage holds its list ("list" kind)
# 8: ... lists of lines up to 20 words on average, and tables; embedded as the lead-in alone
# 9: a bold label over a list ("**Cons**") heads it
# 10: ... written "**Cons**:" too; its lead-in dropped when it cannot hold the list
# 11: a table row whose first cell is a sentence is said of every column
# 12: a list straight under its heading is introduced by the heading
# 13: a bold label opening a paragraph ("**Tips:** ...") heads it
# 14: ... only with a colon or a dash after it ("**Most** entrants" is a sentence)
# 15: the other names a guide's opening gives its role are aliases ("also called ...")
# 16: ... only names for people, quoted or in capitals, ending before a bracket or "in ..."
# 17: ... and a title naming the role otherwise ("Tree Surgery Technician"), a job title,
#     the same job advertised as, what people just say
# 18: ... only names for people (quoted, or ending in an occupation) given so, past
#     "usually"; a title only a name ("Becoming a plumber" is none)
# 19: ... past "actually" and the like, and what people "often say", quoted
# 20: ... only a quoted occupation people "often say", to its closing quote
# 21: a bold line alone over a paragraph ("**Getting qualified**") heads a section
# 22: ... only in a guide with no heading marks below its title
# 23: ... or fewer of them than such bold lines
PARSER_VERSION = "23"
# A sentence ends at . ! or ? followed by space and a capital, digit or quote.
# Abbreviations such as "e.g." are followed by lower case, so they do not split.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])")
_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences; the pieces joined by spaces give the text back."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _slug(text: str) -> str:
    slug = _SLUG.sub("-", text.lower()).strip("-")
    if len(slug) > 48:  # cut at a word boundary so ids stay readable
        slug = slug[:49].rsplit("-", 1)[0]
    return slug or "section"


def _title_from_stem(stem: str) -> str:
    words = re.split(r"[-_\s]+", stem.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or stem


# A sentence opening with one of these leans on the one before: never cut there,
# or a passage (and an answer quoting it) would start with "Hence, ...".
_CONNECTIVE = re.compile(
    r"^(hence|thus|therefore|so|also|however|moreover|furthermore|this|these|that|it|they|"
    r"such|then|still|yet|instead|otherwise|consequently)\b", re.IGNORECASE
)


def _chunks(text: str, max_words: int) -> list[str]:
    """Whole sentences grouped greedily into runs of at most ``max_words`` words,
    never cut before a sentence that opens with a connective."""
    if len(text.split()) <= max_words:
        return [text]
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in split_sentences(text):
        n = len(sentence.split())
        if current and count + n > max_words and not _CONNECTIVE.match(sentence):
            chunks.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += n
    if current:
        chunks.append(" ".join(current))
    return chunks


_MD = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def _title_heading(tokens: list[Token]) -> str | None:
    """The guide's title, when it opens with its only H1 and has sections below
    it ("# What does a florist do?" then "## ..."); else None."""
    opens = [t for t in tokens if t.type.endswith("_open") or t.type == "fence"]
    heads = [t.tag for t in tokens if t.type == "heading_open"]
    if not opens or opens[0].type != "heading_open" or opens[0].tag != "h1":
        return None
    if heads.count("h1") != 1 or len(heads) < 2:
        return None
    first = tokens.index(opens[0]) + 1
    return inline_text(tokens[first])


def parse_guide(text: str, slug: str, max_words: int = MAX_WORDS,
                where: str | None = None) -> tuple[Guide, list[Passage]]:
    """One guide's :class:`Guide` and passages, in reading order."""
    tokens = _MD.parse(text)
    meta = front_matter(tokens, where or repr(slug))
    title_h1 = _title_heading(tokens)
    title = (str(meta.get("title") or "").strip() or title_h1 or _title_from_stem(slug))
    listed = meta.get("aliases")
    aliases = (tuple(dict.fromkeys(str(a).strip() for a in listed))
               if isinstance(listed, list) else ())
    written = str(meta.get("role") or "").strip()
    if written.lower() == slug.lower() and re.search(r"[-_]", written):
        written = ""  # "role: airline-pilot" is the file's name: read it as the title writes it
    role = role_as_written(written, text) or role_of(title, slug)
    guide = Guide(slug=slug, title=title, role=role,
                  aliases=aliases, author=str(meta.get("author") or "").strip())
    passages = _passages(tokens, slug, title, max_words, skip_heading=title_h1)
    if guide.author:
        # What the front matter says of its author is answerable like the text.
        passages.append(Passage(id=f"{slug}:author:1", doc=slug, doc_title=title,
                                heading_path=("Author",), kind="meta",
                                text=f"The {guide.role} guide was written by "
                                     f"{guide.author}."))
    return guide, passages


def parse_markdown(
    text: str, doc: str, doc_title: str | None = None, max_words: int = MAX_WORDS
) -> list[Passage]:
    """Passages of one guide, in reading order, with heading paths and stable ids."""
    _, passages = parse_guide(text, doc, max_words)
    if doc_title:
        passages = [Passage(p.id, p.doc, doc_title, p.heading_path, p.text, p.kind)
                    for p in passages]
    return passages


def _passages(tokens: list[Token], doc: str, title: str, max_words: int,
              skip_heading: str | None) -> list[Passage]:
    stack: list[tuple[int, str]] = []
    counters: dict[str, int] = {}
    passages: list[Passage] = []
    for level, kind, block in answered(blocks(tokens)):
        if kind == "heading" and level == 1 and block == skip_heading:
            continue  # the title: shown as the guide's name, not as a section
        if kind == "heading":
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block))
            continue
        path = tuple(h for _, h in stack if h)
        section_key = _slug(path[-1]) if path else "introduction"
        pieces = [block] if kind == "code" else _chunks(block, max_words)
        for piece in pieces:
            counters[section_key] = counters.get(section_key, 0) + 1
            passages.append(
                Passage(
                    id=f"{doc}:{section_key}:{counters[section_key]}",
                    doc=doc,
                    doc_title=title,
                    heading_path=path,
                    text=piece,
                    kind=kind,
                )
            )
    # A label's lead-in that could not hold its list (lines too long) says
    # nothing its heading does not: "Cons:" alone is no answer.
    return [p for p in with_lists(passages)
            if not (p.kind == "paragraph" and p.heading_path
                    and p.text == f"{p.heading_path[-1]}:")]


def guide_files(corpus_dir: Path) -> list[Path]:
    """The guides of a corpus folder (every ``*.md``), sorted; errors if none."""
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"The corpus folder {str(corpus_dir)!r} does not exist. "
            "Point ROLEQA_CORPUS_DIR (or --corpus-dir) at a folder of Markdown guides."
        )
    files = sorted(p for p in corpus_dir.glob("*.md") if p.is_file())
    if not files:
        raise CorpusError(f"The corpus folder {str(corpus_dir)!r} holds no *.md guide.")
    for path in files:
        if not _SLUG_OK.fullmatch(path.stem):
            raise CorpusError(
                f"Guide {str(path)!r}: its file name is its slug, in ids and URLs, so it may "
                "hold only letters, digits, '-', '_' and '.' (rename it, e.g. tree-surgeon.md).")
    return files


def _read_guide(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"Cannot read guide {str(path)!r}: {exc.strerror or exc}.") from None
    if b"\x00" in raw:
        raise CorpusError(f"Guide {str(path)!r} is a binary file, not Markdown text.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"Guide {str(path)!r} is not valid UTF-8 (bad byte at offset {exc.start}). "
            "Save it as UTF-8 and rebuild the index."
        ) from None


def load_guides(corpus_dir: Path,
                max_words: int = MAX_WORDS) -> tuple[list[Guide], list[Passage]]:
    """The guides of ``corpus_dir`` and all their passages; a clear error for a broken guide."""
    guides: list[Guide] = []
    passages: list[Passage] = []
    for path in guide_files(corpus_dir):
        guide, found = parse_guide(_read_guide(path), slug=path.stem, max_words=max_words,
                                   where=repr(str(path)))
        if not [p for p in found if p.kind != "meta"]:
            raise CorpusError(f"Guide {str(path)!r} has no text to answer from.")
        guides.append(guide)
        passages.extend(found)
    return with_names_said(guides, passages), passages


def load_corpus(corpus_dir: Path, max_words: int = MAX_WORDS) -> list[Passage]:
    """All passages of all guides in ``corpus_dir``; a clear error for a broken guide."""
    return load_guides(corpus_dir, max_words)[1]


def corpus_hash(corpus_dir: Path) -> str:
    """SHA-256 over the parser version and the guides' names and bytes: changes
    whenever a guide, or the way guides are cut into passages, does."""
    digest = hashlib.sha256(f"parser {PARSER_VERSION}\0".encode())
    for path in guide_files(corpus_dir):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def sections(passages: Iterable[Passage]) -> list[str]:
    """Distinct section names in reading order (for "what the guide covers")."""
    seen: dict[str, None] = {}
    for p in passages:
        if p.heading_path:
            seen.setdefault(p.heading_path[-1], None)
    return list(seen)
