"""Parsing guides into passages: nothing lost, right heading paths, stable ids,
short passages, and clear errors for broken corpus folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from roleqa.errors import CorpusError
from roleqa.guides.corpus import (
    _CONNECTIVE,
    MAX_WORDS,
    corpus_hash,
    load_corpus,
    parse_markdown,
)
from roleqa.guides.joins import ASKING_WORDS
from roleqa.types import Passage

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
# CI runs with ../shared beside the repository (see shared/README.md).
GUIDE = ROOT.parent / "shared" / "guide" / "deep-learning-engineer.txt"

TASKS = "What tasks does a deep learning engineer carry out?"
TOOLS = "What tools does a deep learning engineer use?"
SKILLS = "What skills does a deep learning engineer need?"
TEAM = "In what team structure does a deep learning engineer fit?"

# The tests' own sentence splitter, so a bug in roleqa's cannot hide itself.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def ascii_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return load_corpus(CORPUS)


def delivered_guide() -> tuple[list[str], list[str]]:
    """(headings, body lines) of the guide as delivered, with the documented
    differences from the corpus undone: the "distinct$:$" slip, roman numerals
    before headings, "#" marks, "•" bullets and "1." list numbers."""
    raw = GUIDE.read_text(encoding="utf-8").replace("distinct$:$", "distinct tasks:")
    headings: list[str] = []
    body: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            heading = re.sub(r"^#+\s*", "", line)
            headings.append(re.sub(r"^[IVXLC]+[\s\u2003]+", "", heading))
        else:
            body.append(re.sub(r"^(?:•|\d+\.)\s+", "", line))
    return headings, body


# -- nothing lost -------------------------------------------------------------


def test_every_sentence_of_the_delivered_guide_is_in_a_passage(
    passages: list[Passage],
) -> None:
    _, body = delivered_guide()
    found = [s for line in body for s in sentences(line)]
    assert len(found) > 30  # the guide was read, not skipped
    missing = [s for s in found if not any(s in p.text for p in passages)]
    assert missing == []


def test_every_heading_of_the_delivered_guide_is_a_heading_path(
    passages: list[Passage],
) -> None:
    headings, _ = delivered_guide()
    in_paths = {h for p in passages for h in p.heading_path}
    assert headings == [
        TASKS, SKILLS, TOOLS, TEAM, "Conclusion", "Author(s)", "Acknowledgment(s)", "Footnote(s)",
    ]
    assert [h for h in headings if h not in in_paths] == []


def test_passages_hold_the_guide_words_once_and_in_reading_order(
    passages: list[Passage],
) -> None:
    _, body = delivered_guide()
    # a list's lead-in passage holds its items too; they are passages of their own
    quoted = " ".join(p.quote for p in passages)
    assert quoted.split() == " ".join(body).split()


def _markdown_prose(text: str) -> tuple[list[str], list[str]]:
    """(headings, prose lines) of a Markdown guide with block and inline markup removed."""
    headings: list[str] = []
    prose: list[str] = []
    if text.startswith("---\n"):  # front matter is the guide's data, not its prose
        text = text.split("\n---\n", 1)[1]
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            headings.append(line.lstrip("#").strip())
            continue
        line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        prose.append(line.replace("`", "").replace("**", "").replace("*", ""))
    return headings, prose


@pytest.mark.parametrize("guide", sorted(CORPUS.glob("*.md")), ids=lambda p: p.name)
def test_every_sentence_of_the_corpus_markdown_is_in_a_passage(guide: Path) -> None:
    found = parse_markdown(guide.read_text(encoding="utf-8"), doc=guide.stem)
    headings, prose = _markdown_prose(guide.read_text(encoding="utf-8"))
    wanted = [s for line in prose for s in sentences(line)]
    assert wanted
    assert [s for s in wanted if not any(s in p.text for p in found)] == []
    in_paths = {h for p in found for h in p.heading_path}
    assert [h for h in headings if h not in in_paths] == []


# -- structure ----------------------------------------------------------------


def test_the_modeling_tools_item_sits_under_the_tools_heading(passages: list[Passage]) -> None:
    [modeling] = [p for p in passages if p.text.startswith("Modeling is primarily done in Python")]
    assert modeling.heading_path == (TOOLS,)
    assert modeling.kind == "item"
    assert modeling.title == f"What does a deep learning engineer do? › {TOOLS}"


def test_the_introduction_has_an_empty_heading_path(passages: list[Passage]) -> None:
    intro = passages[0]
    assert intro.text.startswith("Developing an AI project development life cycle")
    assert intro.heading_path == ()
    assert intro.section == "What does a deep learning engineer do? (introduction)"
    # and it is the only passage without a heading
    assert [p for p in passages if not p.heading_path] == [intro]


def test_list_items_become_their_own_passages(passages: list[Passage]) -> None:
    task_items = [p for p in passages if p.heading_path == (TASKS,) and p.kind == "item"]
    assert [p.text.split(" subtasks")[0] for p in task_items] == [
        "data engineering", "modeling", "deployment",
    ]
    tool_items = [p for p in passages if p.heading_path == (TOOLS,) and p.kind == "item"]
    assert [p.text.split()[0] for p in tool_items] == [
        "Modeling", "Data", "Deployment", "Collaboration",
    ]
    # an item is never glued to its neighbour or to the paragraph above it
    assert all("subtasks such as" not in p.text for p in passages if p.kind == "paragraph")


def test_a_lead_in_passage_holds_its_list_one_line_an_item() -> None:
    found = parse_markdown(
        "# Tools\n\nAnalysts work with a practical toolkit:\n\n- SQL for queries\n"
        "- Excel for quick models\n\nMost learn them on the job.\n", doc="analyst")
    assert [(p.kind, p.text) for p in found] == [
        ("list",
         "Analysts work with a practical toolkit:\nSQL for queries\nExcel for quick models"),
        ("item", "SQL for queries"),
        ("item", "Excel for quick models"),
        ("paragraph", "Most learn them on the job."),
    ]
    # a reply quotes the lead-in alone, and cites the items after it
    assert found[0].quote == "Analysts work with a practical toolkit:"


def test_a_long_list_or_a_paragraph_without_a_colon_stays_apart() -> None:
    long_items = "".join(f"- item number {i} with several more words in it\n" for i in range(30))
    found = parse_markdown(f"# Tools\n\nThey use these:\n\n{long_items}", doc="long")
    assert found[0].kind == "paragraph" and found[0].text == "They use these:"
    plain = parse_markdown("# Tools\n\nThey use many tools.\n\n- SQL\n- Excel\n", doc="plain")
    assert [p.kind for p in plain] == ["paragraph", "item", "item"]
    # lines long enough to answer questions of their own stay apart from their lead-in
    route = ("a paid apprenticeship of three years with a police force that ends with a degree "
             "in professional policing and two years on probation")
    routes = parse_markdown(f"# Routes\n\nThere are two routes:\n\n- {route}\n- {route}\n",
                            doc="routes")
    assert [p.kind for p in routes] == ["paragraph", "item", "item"]


def test_a_bold_label_over_a_list_heads_it_and_leads_into_it() -> None:
    found = parse_markdown(
        "# Pros and cons\n\n**Pros**\n\n- Strong salaries\n- Varied work\n\n**Cons:**\n\n"
        "- Long hours\n\nMost find it worth it.\n\n**Do I need a degree?**\n\nNo.\n",
        doc="analyst")
    assert [(p.kind, p.heading_path, p.text) for p in found] == [
        ("list", ("Pros and cons", "Pros"), "Pros:\nStrong salaries\nVaried work"),
        ("item", ("Pros and cons", "Pros"), "Strong salaries"),
        ("item", ("Pros and cons", "Pros"), "Varied work"),
        ("list", ("Pros and cons", "Cons"), "Cons:\nLong hours"),
        ("item", ("Pros and cons", "Cons"), "Long hours"),
        # the label heads its list only; an FAQ's bold question is no label
        ("paragraph", ("Pros and cons",), "Most find it worth it."),
        ("paragraph", ("Pros and cons",), "Do I need a degree? No."),
    ]


def test_a_bold_label_opening_a_paragraph_heads_it_and_the_list_after_it() -> None:
    found = parse_markdown(
        "# Pay\n\n**Tips:** Tips add $2 to $6 an hour.\n\n**Median**: About $14.50 an hour.\n\n"
        "**Daily tasks:** A shift includes:\n\n- Grinding beans\n- Taking orders\n\n"
        "Pay rises with experience.\n\n**Is it well paid?** Not very.\n\n**Most** start low.\n\n"
        "# Hours\n\nEarly.\n",
        doc="barista")
    assert [(p.kind, p.heading_path, p.text) for p in found] == [
        ("paragraph", ("Pay", "Tips"), "Tips: Tips add $2 to $6 an hour."),
        ("paragraph", ("Pay", "Median"), "Median: About $14.50 an hour."),
        ("list", ("Pay", "Daily tasks"), "Daily tasks: A shift includes:\nGrinding beans\n"
         "Taking orders"),
        ("item", ("Pay", "Daily tasks"), "Grinding beans"),
        ("item", ("Pay", "Daily tasks"), "Taking orders"),
        # a paragraph without a label is its section's again; a bold question is no label
        ("paragraph", ("Pay",), "Pay rises with experience."),
        ("paragraph", ("Pay",), "Is it well paid? Not very."),
        # a bold word opening a sentence, with no colon or dash, is no label
        ("paragraph", ("Pay",), "Most start low."),
        ("paragraph", ("Hours",), "Early."),
    ]
    # the citation names the label
    assert found[0].title.endswith("› Tips")


def test_a_label_with_its_colon_outside_or_over_long_lines_says_no_more_than_its_heading(
        ) -> None:
    found = parse_markdown("# Pay\n\n**Cons**:\n\n- Long hours\n", doc="a")
    assert [(p.kind, p.heading_path) for p in found] == [
        ("list", ("Pay", "Cons")), ("item", ("Pay", "Cons"))]
    line = " ".join(["word"] * 25)
    long = parse_markdown(f"# Pay\n\n**Cons**\n\n- {line}\n- {line}\n", doc="b")
    # the lines are too long to hold; "Cons:" alone is no passage
    assert [p.kind for p in long] == ["item", "item"]


def test_lines_opening_with_bold_labels_without_list_markers_are_a_list() -> None:
    # Markdown joins lines with no blank between them into one paragraph; a
    # reader sees a list, and a question about one line is answered by that line.
    found = parse_markdown(
        "# Tools\n\nMost work is done in CAT software. The main tools are:\n"
        "**CAT tools:** Trados Studio and memoQ.\n**QA checkers**: Xbench.\n\n"
        "One line.\n**Not** a label on the next line.\n\n"
        "**Rates:** 0.06 euros a word.\n**Rush jobs:** more.\n", doc="translator")
    assert [(p.kind, p.text) for p in found] == [
        ("list", "Most work is done in CAT software. The main tools are:\n"
                 "CAT tools: Trados Studio and memoQ.\nQA checkers: Xbench."),
        ("item", "CAT tools: Trados Studio and memoQ."),
        ("item", "QA checkers: Xbench."),
        ("paragraph", "One line. Not a label on the next line."),
        # with no lead-in the lines are items still, and none heads the other
        ("item", "Rates: 0.06 euros a word."),
        ("item", "Rush jobs: more."),
    ]
    assert {p.heading_path for p in found} == {("Tools",)}
    # a FAQ's bold question and answer, line by line, are no list
    faq = parse_markdown("# FAQ\n\n**Q:** Can I retrain in my 30s?\n**A:** Yes, many do.\n",
                         doc="roofer")
    assert [(p.kind, p.text) for p in faq] == [
        ("paragraph", "Q: Can I retrain in my 30s? A: Yes, many do.")]


def test_a_table_after_a_lead_in_is_held_by_it_too() -> None:
    from roleqa.guides.index import embedding_text

    found = parse_markdown("# Pay\n\nTypical UK salaries are:\n\n| Level | Salary |\n|---|---|\n"
                           "| Junior | £28,000 |\n| Senior | £55,000 |\n\nIn the US, more.\n",
                           doc="pay")
    assert [p.kind for p in found] == ["list", "row", "row", "paragraph"]
    assert found[0].text == "Typical UK salaries are:\nJunior: £28,000\nSenior: £55,000"
    # ranked by what the lead-in says; the lines are what the reply shows
    assert embedding_text(found[0]).endswith(": Typical UK salaries are:")


def test_items_of_nested_and_ordered_lists_are_passages_too() -> None:
    found = parse_markdown(
        "# Steps\n\n1. First step here.\n2. Second step here.\n   - nested point one\n"
        "   - nested point two\n\nAfter the list.\n",
        doc="steps",
    )
    items = ["First step here.", "Second step here.", "nested point one", "nested point two"]
    assert [(p.kind, p.text) for p in found] == [
        ("list", "\n".join(["Steps:", *items])),  # the heading leads into them
        *(("item", item) for item in items),
        ("paragraph", "After the list."),
    ]
    assert {p.heading_path for p in found} == {("Steps",)}


def test_a_list_straight_under_its_heading_is_introduced_by_the_heading() -> None:
    found = parse_markdown(
        "# Hairdresser\n\n## What skills do you need?\n\n- Steady hands\n- An eye for colour\n"
        "- Patience\n\n## Tools\n\n- Scissors\n- Clippers\n- Dryers\n\n"
        "## Pay\n\n- Juniors earn little\n- Seniors earn more\n\n"
        "## Salaries\n\n| Level | Salary |\n|---|---|\n| Junior | £20,000 |\n"
        "| Stylist | £25,000 |\n| Senior | £32,000 |\n",
        doc="hairdresser")
    lists = [(p.heading_path[-1], p.text) for p in found if p.kind == "list"]
    assert lists == [
        ("What skills do you need?",
         "What skills do you need?\nSteady hands\nAn eye for colour\nPatience"),
        ("Tools", "Tools:\nScissors\nClippers\nDryers"),
        # a table's rows too: "what do they earn?" is shown the whole table
        ("Salaries", "Salaries:\nJunior: £20,000\nStylist: £25,000\nSenior: £32,000"),
    ]  # two lines are no list to show whole
    assert len({p.id for p in found}) == len(found)


def test_a_table_row_is_one_passage_named_by_its_first_cell() -> None:
    found = parse_markdown(
        "# Tools\n\n| Area | Common tools |\n|---|---|\n| Monitoring | Prometheus, Grafana |\n"
        "| Incidents | PagerDuty |\n\n| Tool | Use | Cost |\n|---|---|---|\n"
        "| Jira | tickets | paid |\n",
        doc="tools",
    )
    # the header row names the columns; each body row is one quotable line
    assert [(p.kind, p.text) for p in found if p.kind != "list"] == [
        ("row", "Monitoring: Prometheus, Grafana"),
        ("row", "Incidents: PagerDuty"),
        ("row", "Jira: Use: tickets; Cost: paid"),
    ]


def test_a_table_comparing_its_columns_says_each_cell_of_its_column() -> None:
    # No cell names the row: each column is one kind of post compared with the others.
    found = parse_markdown(
        "# Posts\n\n| Tower | Radar room |\n|---|---|\n"
        "| Works from the glass cab at the top. | Works in a dark room far away. |\n",
        doc="posts",
    )
    assert [(p.kind, p.text) for p in found] == [
        ("row", "Tower: Works from the glass cab at the top.; "
                "Radar room: Works in a dark room far away."),
    ]


def test_passages_are_at_most_60_words_unless_one_long_sentence(
    passages: list[Passage],
) -> None:
    # Over the limit only where no cut is allowed: every sentence after the first
    # leans on the one before ("It focuses ...", "Hence, ...").
    too_long = [
        p.id for p in passages
        if p.words > MAX_WORDS and not all(_CONNECTIVE.match(s) for s in sentences(p.text)[1:])
    ]
    assert too_long == []


def test_a_long_paragraph_is_cut_at_sentence_ends_and_loses_nothing() -> None:
    sentence_list = [
        f"Sentence {n} talks about " + " ".join(f"topic{n}x{i}" for i in range(12)) + "."
        for n in range(10)
    ]
    found = parse_markdown("# Long\n\n" + " ".join(sentence_list) + "\n", doc="long")
    assert len(found) > 1
    assert all(p.words <= MAX_WORDS for p in found)
    # every piece is made of whole sentences, and together they give the paragraph back
    assert [s for p in found for s in sentences(p.text)] == sentence_list


def test_a_single_sentence_longer_than_the_limit_is_kept_whole() -> None:
    long_sentence = "This " + " ".join(f"word{i}" for i in range(80)) + "."
    found = parse_markdown(f"# One\n\n{long_sentence} Short one after it.\n", doc="one")
    assert [p.text for p in found] == [long_sentence, "Short one after it."]


# -- ids ----------------------------------------------------------------------


def test_ids_are_unique_and_the_same_when_parsed_twice(passages: list[Passage]) -> None:
    ids = [p.id for p in passages]
    assert len(set(ids)) == len(ids)
    assert [p.id for p in load_corpus(CORPUS)] == ids
    assert all(i.startswith("deep-learning-engineer:") for i in ids)


def test_editing_one_section_keeps_the_ids_of_the_others() -> None:
    text = (CORPUS / "deep-learning-engineer.md").read_text(encoding="utf-8")
    edited = text.replace(
        "# What tools does a deep learning engineer use?\n\n",
        "# What tools does a deep learning engineer use?\n\nA new first paragraph.\n\n",
    )
    assert edited != text
    before = {p.text: p.id for p in parse_markdown(text, doc="deep-learning-engineer")}
    after = parse_markdown(edited, doc="deep-learning-engineer")
    moved = [
        p.text for p in after
        if p.heading_path != (TOOLS,) and before.get(p.text) != p.id
    ]
    assert moved == []


# -- generated Markdown (property test) -----------------------------------------

# Made-up lower-case words, one to seven letters (a fixed pool draws far faster
# than st.text).
_POOL = ["a", "i", "z"] + [
    stem + end for stem in ("ba", "ke", "lo", "mi", "nu", "ra", "si", "to")
    for end in ("", "n", "ro", "tel", "xva")
]
_WORD = st.sampled_from(_POOL)


@st.composite
def _inline(draw: st.DrawFn) -> tuple[str, list[str]]:
    """One inline piece: (markdown, the words a reader sees)."""
    ws = draw(st.lists(_WORD, min_size=1, max_size=3))
    kind = draw(st.sampled_from(["plain", "plain", "em", "strong", "under", "code", "link"]))
    text = " ".join(ws)
    md = {
        "plain": text,
        "em": f"*{text}*",
        "strong": f"**{text}**",
        "under": f"_{text}_",
        "code": f"`{text}`",
        "link": f"[{text}](https://example.com/{ws[0]})",
    }[kind]
    return md, ws


@st.composite
def _sentence(draw: st.DrawFn) -> tuple[str, list[str]]:
    first = draw(_WORD).capitalize()
    pieces = draw(st.lists(_inline(), min_size=0, max_size=12))
    end = draw(st.sampled_from([".", ".", "?", "!"]))
    md = " ".join([first, *(m for m, _ in pieces)]) + end
    return md, [first, *(w for _, ws in pieces for w in ws)]


@st.composite
def _prose(draw: st.DrawFn) -> tuple[str, list[str]]:
    parts = draw(st.lists(_sentence(), min_size=1, max_size=6))
    return " ".join(m for m, _ in parts), [w for _, ws in parts for w in ws]


@st.composite
def _document(draw: st.DrawFn) -> tuple[str, list[tuple[str, tuple[str, ...], list[str]]]]:
    """Markdown text, and its quotable blocks as (kind, heading path, words)."""
    headings: list[tuple[int, str]] = []
    chunks: list[str] = []
    blocks: list[tuple[str, tuple[str, ...], list[str]]] = []

    def path() -> tuple[str, ...]:
        # the nearest heading, then the nearest one of a higher rank, and so on
        out: list[str] = []
        rank = 7
        for level, text in reversed(headings):
            if level < rank:
                out.insert(0, text)
                rank = level
        return tuple(out)

    # a paragraph that only asks, ending the text so far: the next paragraph
    # answers it, in the same passage (joins.ASKING_WORDS)
    asking: int | None = None
    for kind in draw(
        st.lists(st.sampled_from(["heading", "paragraph", "bullets", "ordered"]), max_size=12)
    ):
        if kind == "paragraph" and asking is not None:
            md, words = draw(_prose())
            chunks.append(md)
            if md.endswith("?") and len(words) <= ASKING_WORDS:
                # another question: the first stays unanswered, this one asks
                blocks.append(("paragraph", path(), words))
                asking = len(blocks) - 1
            else:
                blocks[asking] = ("paragraph", path(), blocks[asking][2] + words)
                asking = None
            continue
        asking = None
        if kind == "heading":
            level = draw(st.integers(1, 6))
            pieces = draw(st.lists(_inline(), min_size=1, max_size=4))
            words = [w for _, ws in pieces for w in ws]
            headings.append((level, " ".join(words)))
            chunks.append("#" * level + " " + " ".join(m for m, _ in pieces))
        elif kind == "paragraph":
            md, words = draw(_prose())
            chunks.append(md)
            blocks.append(("paragraph", path(), words))
            if md.endswith("?") and len(words) <= ASKING_WORDS:
                asking = len(blocks) - 1
        else:
            items = draw(st.lists(_prose(), min_size=1, max_size=4))
            marks = ["-"] * len(items) if kind == "bullets" else [
                f"{n}." for n in range(1, len(items) + 1)
            ]
            chunks.append("\n".join(f"{mark} {md}" for mark, (md, _) in zip(marks, items,
                                                                          strict=True)))
            blocks.extend(("item", path(), words) for _, words in items)
    return "\n\n".join(chunks) + "\n", blocks


@given(_document())
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
def test_generated_markdown_loses_no_word_and_keeps_heading_paths(
    generated: tuple[str, list[tuple[str, tuple[str, ...], list[str]]]],
) -> None:
    markdown, blocks = generated
    parsed = parse_markdown(markdown, doc="generated")
    # A list straight under its heading is also shown whole, led by the heading:
    # one more passage holding the very lines that follow it.
    for i, p in enumerate(parsed):
        if p.kind == "list" and p.id.endswith("-list"):
            lines = p.text.split("\n")[1:]
            assert [q.text for q in parsed[i + 1:i + 1 + len(lines)]] == lines
    found = [p for p in parsed if not p.id.endswith("-list")]
    if found and markdown.startswith("# ") and (title := found[0].doc_title) != "Generated":
        # A guide that opens with its only H1, sections below it: that H1 is
        # the guide's title (see corpus._title_heading), not a section.
        blocks = [(k, p[1:] if p[:1] == (title,) else p, w) for k, p, w in blocks]
    at = 0
    for kind, path, words in blocks:
        got: list[str] = []
        while len(got) < len(words):
            assert at < len(found), f"words of a {kind} are missing: {words[len(got):]}"
            passage = found[at]
            at += 1
            assert passage.heading_path == path
            assert passage.kind == kind
            got += ascii_words(passage.text)
        # the block's words, in order, and no passage runs into the next block
        assert got == words
    assert found[at:] == []
    for passage in found:
        assert passage.words <= MAX_WORDS or len(sentences(passage.text)) == 1
    ids = [p.id for p in parsed]
    assert len(set(ids)) == len(ids)
    assert [p.id for p in parse_markdown(markdown, doc="generated")] == ids


# -- broken corpus folders ------------------------------------------------------


def test_invalid_utf8_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Fine\n\nA fine guide.\n", encoding="utf-8")
    (tmp_path / "broken.md").write_bytes("# Caf\u00e9\n\nText.\n".encode("latin-1"))
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    message = str(err.value)
    assert "broken.md" in message
    assert "good.md" not in message
    assert "UTF-8" in message


def test_an_empty_folder_says_it_holds_no_guide(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a guide", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert str(tmp_path) in str(err.value)
    assert "no *.md" in str(err.value)


def test_a_missing_folder_says_it_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for call in (load_corpus, corpus_hash):
        with pytest.raises(CorpusError) as err:
            call(missing)
        assert str(missing) in str(err.value)
        assert "does not exist" in str(err.value)


@pytest.mark.parametrize(
    "content",
    ["", "   \n\n\t\n", "# Only a heading\n\n## And another\n", "<!-- just a comment -->\n"],
    ids=["empty", "blank", "headings-only", "comment-only"],
)
def test_a_guide_with_no_text_is_refused(tmp_path: Path, content: str) -> None:
    (tmp_path / "hollow.md").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert "hollow.md" in str(err.value)
    assert "no text" in str(err.value)


def test_a_binary_file_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert "picture.md" in str(err.value)
    assert "binary" in str(err.value)


def test_an_faq_question_and_its_answer_are_one_passage() -> None:
    text = ("# Teacher\n\n## FAQ\n\n**How long does it take to qualify?**\n\n"
            "About three years after your degree.\n\n**Can I teach abroad?**\n\n"
            "- Yes, in many countries.\n\nWhy teach? It changes lives, and the holidays are "
            "long.\n")
    found = [(p.kind, p.text) for p in parse_markdown(text, doc="teacher")]
    assert found[0] == ("paragraph",
                        "How long does it take to qualify? About three years after your degree.")
    # a question answered by a list stays the list's introduction; prose that
    # asks and answers in one paragraph is left as it is
    assert found[1:] == [("paragraph", "Can I teach abroad?"), ("item", "Yes, in many countries."),
                         ("paragraph", "Why teach? It changes lives, and the holidays are long.")]
    # two questions in a row: the second is the one answered
    text = "# T\n\n**Is it hard?**\n\n**How long is it?**\n\nThree years.\n"
    assert [p.text for p in parse_markdown(text, doc="t")] == [
        "Is it hard?", "How long is it? Three years."]


def test_a_headings_number_orders_the_guide_and_names_no_section() -> None:
    text = ("# Engineer\n\n## 1. Overview\n\nThey fix planes.\n\n## 3) Skills you need\n\n"
            "* Patience under pressure\n* Attention to detail\n* Good English\n\n"
            "## 2024 pay rates\n\nAbout $80,000.\n\n### 2.1 Licences\n\nB1 and B2.\n\n"
            "## 1.5 million jobs\n\nDemand grows.\n")
    passages = parse_markdown(text, doc="engineer")
    assert {p.heading_path[-1] for p in passages} == {
        "Overview", "Skills you need", "2024 pay rates", "Licences", "1.5 million jobs"}
    # the list is introduced by its heading, shown without the number
    assert any(p.kind == "list" and p.text.startswith("Skills you need:") for p in passages)


def test_a_bold_line_alone_over_a_paragraph_heads_a_section() -> None:
    # a guide written without heading marks: each bold line heads the text
    # down to the next; one over a list and an FAQ's question stay as they were
    found = parse_markdown(
        "# Becoming a yoga teacher\n\nIntro.\n\n**Getting qualified**\n\nTake a course.\n\n"
        "More on courses.\n\n**How much yoga teachers earn**\n\nAbout £30 a class.\n\n"
        "**Pros**\n\n- Flexible hours\n\n**Do I need to be flexible?**\n\nNo.\n",
        doc="yoga")
    assert [(p.heading_path[1:], p.text) for p in found if p.kind != "list"] == [
        ((), "Intro."),
        (("Getting qualified",), "Take a course."),
        (("Getting qualified",), "More on courses."),
        (("How much yoga teachers earn",), "About £30 a class."),
        (("How much yoga teachers earn", "Pros"), "Flexible hours"),
        (("How much yoga teachers earn",), "Do I need to be flexible? No."),
    ]
    # a "## Sources" at the end leaves them headings
    sourced = parse_markdown("# Yoga\n\n**Getting qualified**\n\nTake a course.\n\n"
                             "**Pay**\n\nAbout £30.\n\n## Sources\n\nBWY.\n", doc="y")
    assert [p.heading_path for p in sourced] == [("Getting qualified",), ("Pay",),
                                                 ("Sources",)]
    # with headings marked, a bold line is an emphasis, a note or a callout
    marked = parse_markdown("# Paramedic\n\n## Training\n\nA degree.\n\n"
                            "**You will also need a full driving licence**\n\nThen apply.\n",
                            doc="paramedic")
    assert [(p.heading_path, p.text) for p in marked] == [
        (("Training",), "A degree."),
        (("Training",), "You will also need a full driving licence"),
        (("Training",), "Then apply.")]
