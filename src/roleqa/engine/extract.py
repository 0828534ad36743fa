"""Grounded, extractive answers composed from ranked passages.

Answers are extractive: the best passage (whole, when it fits the reply) and
sentences of the next ones, chosen by how many of the question's words they
hold, in reading order, each cited by source number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..guides.corpus import split_sentences
from ..guides.joins import LINES, lines_after
from ..language import LANGUAGE
from ..text import content_words, stem, words
from ..types import Hit, Passage, Source

__all__ = ["LIST_WORDS", "MAX_WORDS", "RUNNER_UP", "SUPPORTING", "compose", "compose_each",
           "list_runs", "renumber", "singles_out"]

#: The longest reply, in words (a list may run to :data:`LIST_WORDS`). Measured
#: on dev: 60 → 90 took fact recall from 0.927 to 0.937 on the catalogue, 0.800
#: to 0.813 on the blind guides and 0.951 to 0.961 on the shipped guide, the
#: median reply 45 → 45, 50 → 51 and 42 → 45 words: only replies whose further
#: sentences hold asked words grow.
MAX_WORDS = 90
#: Hits' scores are the reranker's probabilities (see rerank.py). Passages 2 and
#: 3 may lend sentences holding question words the reply lacks while their
#: probability is at least this share of the best one's.
SUPPORTING = 0.03
#: A passage with at least this share of the best one's probability is a close
#: runner-up: the ranking is unsure between them, so its best sentence joins
#: the reply. Both tuned on the dev split: fact recall 0.867 → 0.901, median
#: reply 33 → 41 words (the ratios fitted to fused cosines, 0.8 and 0.85, kept
#: nearly every runner-up out once scores became probabilities).
RUNNER_UP = 0.05
#: A reply that shows a list may run longer: the list is what was asked for.
LIST_WORDS = 110
#: A list item and a runner-up of the same list at least this share of its
#: probability: the ranking is unsure between the list's lines (see compose).
#: On the dev split, best hits that are items: below 0.2, the whole list held
#: more of the asked facts for 4 of 62; at 0.2 or more, for 9 of 15. Catalogue
#: fact recall 0.908 -> 0.914 (new guides +3 to +10 points), nothing else moved.
LIST_DOUBT = 0.2


def list_runs(passages: Sequence[Passage]) -> dict[str, list[Passage]]:
    """For each paragraph directly followed by list items (or table rows) of
    its own section, those lines: the paragraph introduces them ("This
    includes:", "Typical salaries are:")."""
    runs: dict[str, list[Passage]] = {}
    for i, p in enumerate(passages):
        if p.kind not in LINES and (lines := lines_after(passages, i)):
            runs[p.id] = lines
    return runs


def singles_out(question: str, line: Passage, lines: Sequence[Passage], intro: Passage) -> bool:
    """Whether ``question`` names ``line`` by a word no other of ``lines`` and
    not their ``intro`` or heading holds, a number or code included ("what does
    a band 5 physio earn?" of "Agenda for Change bands:" and a row per band): it
    asks for that line, not the whole list. The role's words, in the heading,
    single out nothing ("how much does a plumber make?")."""
    def held(text: str) -> set[str]:
        return {stem(w) for w in words(text)}

    others = set().union(held(intro.quote), held(" ".join(intro.heading_path)),
                         *(held(p.text) for p in lines if p.id != line.id))
    asked = {stem(w) for w in words(question) if w not in LANGUAGE.stopwords}
    return bool(asked & (held(line.text) - others))


def _head(item: str, words: int = 16) -> str:
    """The start of a long list item, marked as cut."""
    parts = item.split()
    return item if len(parts) <= words else " ".join(parts[:words]) + " …"

@dataclass(frozen=True)
class _Unit:
    source: int
    order: int
    text: str
    score: float


def _list_in_doubt(hits: Sequence[Hit], intro_of: Mapping[str, Passage]) -> Passage | None:
    """The introduction of the list whose items the ranking cannot choose
    between: the best hit is an item, and a runner-up among the next two, at
    least :data:`LIST_DOUBT` of its probability, is its introduction or another
    of its items. "What tools would I use?" asks for the list, not for its
    likeliest line; "which tool schedules pipelines?" for one line."""
    intro = intro_of.get(hits[0].passage.id)
    if intro is None:
        return None
    top = hits[0].score or 1e-9
    for hit in hits[1:3]:
        same = hit.passage.id == intro.id or intro_of.get(hit.passage.id) == intro
        if same and hit.score >= LIST_DOUBT * top:
            return intro
    return None


def _shared_list(passages: Sequence[Passage], intro_of: Mapping[str, Passage],
                 least: int = 3) -> Passage | None:
    """The introduction of a list ``least`` or more of ``passages`` are items of."""
    ids = list(dict.fromkeys(p.id for p in passages))
    intros = [intro_of[i].id for i in ids if i in intro_of]
    return next((intro_of[i] for i in ids
                 if i in intro_of and intros.count(intro_of[i].id) >= least), None)


def compose(
    question_terms: Sequence[str],
    hits: Sequence[Hit],
    max_words: int = MAX_WORDS,
    lists: Mapping[str, Sequence[Passage]] | None = None,
    intro_of: Mapping[str, Passage] | None = None,
) -> tuple[str, list[Source]]:
    """An extractive reply to a question from its ranked hits, with its sources.

    The best passage always speaks first, whole when it fits within
    ``max_words`` (else its sentences holding the question's words); sentences
    of the next passages join
    when they hold question words the reply lacks, within ``max_words``, and
    a close runner-up (:data:`RUNNER_UP`) adds its best sentence. When
    the best passage introduces a list (see :func:`list_runs`), or the ranking
    is unsure between the items of one list (``intro_of``: item id → its
    introduction), the list follows its introduction, item by item, each cited.
    """
    if not hits:
        return "", []
    intro = _list_in_doubt(hits, intro_of) if intro_of and lists else None
    if intro is not None:
        hits = [Hit(intro, hits[0].score), *(h for h in hits if h.passage.id != intro.id)]
    wanted = {stem(w) for w in content_words(" ".join(question_terms))}
    top = hits[0].score or 1e-9
    units: list[_Unit] = []
    for rank, hit in enumerate(hits[:3]):
        if rank and hit.score < SUPPORTING * top:
            break
        heading = {stem(w) for w in words(hit.passage.section)}
        for order, sentence in enumerate(split_sentences(hit.passage.quote)):
            have = {stem(w) for w in words(sentence)} | heading
            overlap = len(wanted & have) / len(wanted) if wanted else 0.0
            units.append(_Unit(rank, order, sentence, hit.score / top + overlap))
    chosen: list[_Unit] = []
    used = 0
    covered: set[str] = set()
    first = [u for u in units if u.source == 0]
    # A best passage that fits the reply is quoted whole: its other sentences
    # hold the why and the rest of what it says ("Gardeners are versatile
    # workers. Their mix of ..."). Dev: fact recall +0.5 (catalogue) to +0.9
    # points (new guides), median reply 41 -> 45 words.
    whole = hits[0].passage.words <= max_words
    for unit in sorted(first, key=lambda u: -u.score):
        n = len(unit.text.split())
        if chosen and (used + n > max_words or (unit.score < 0.75 * chosen[0].score and not whole)):
            continue
        chosen.append(unit)
        used += n
        covered |= {stem(w) for w in words(unit.text)}
    runner_up = {u.source for u in units if u.source and hits[u.source].score >= RUNNER_UP * top}
    for unit in sorted((u for u in units if u.source), key=lambda u: -u.score):
        new = wanted & {stem(w) for w in words(unit.text)} - covered
        n = len(unit.text.split())
        close = unit.source in runner_up and unit.source not in {c.source for c in chosen}
        if (new or close) and used + n <= max_words:
            chosen.append(unit)
            used += n
            covered |= new
    shared = _shared_list([hits[u.source].passage for u in chosen], intro_of or {})
    if lists and shared is not None and shared.id != hits[0].passage.id:
        # Three lines of one list already answer: the question asks for the
        # list ("which software do they use every day?"), shown whole.
        rest = [h for h in hits if h.passage.id != shared.id]
        return compose(question_terms, [Hit(shared, hits[0].score), *rest], max_words, lists,
                       intro_of)
    items = list((lists or {}).get(hits[0].passage.id, ()))
    if items:
        # The list is the answer; of its introduction, its best sentence is enough.
        chosen = chosen[:1]
        used = len(chosen[0].text.split())
    elif len(chosen) > 1:
        # A lead-in such as "This includes:" promises a list the reply does not show.
        chosen = [u for u in chosen if not u.text.endswith(":")] or chosen
    chosen = _with_antecedents(chosen, units)
    chosen.sort(key=lambda u: (u.source, u.order))
    numbers: dict[int, int] = {}
    sources: list[Source] = []
    parts: list[str] = []
    for unit in chosen:
        if unit.source not in numbers:
            numbers[unit.source] = len(numbers) + 1
            sources.append(Source(hits[unit.source].passage, hits[unit.source].score))
        text = unit.text[:1].upper() + unit.text[1:]
        if text.endswith(":") and not items:
            # a colon promising no list shown ends as a sentence does
            text = text[:-1] + "."
        parts.append(f"{text} [{numbers[unit.source]}]")
    reply = " ".join(_merge_citations(parts))
    if items:
        full = sum(i.words for i in items) + used <= LIST_WORDS
        said = [{stem(w) for w in words(i.text)} for i in items]
        # a word asked that few lines hold (a third at most) marks the lines to show
        # whole however long the list: "high school" of the US route, not "welder"
        telling = {w for w in wanted if 0 < sum(w in s for s in said) <= max(1, len(items) // 3)}
        for item, stems in zip(items, said, strict=True):
            sources.append(Source(item, hits[0].score))
            text = item.text if full or telling & stems else _head(item.text)
            reply += f"\n• {text[:1].upper()}{text[1:]} [{len(sources)}]"
    return reply, sources


def compose_each(
    question_terms: Sequence[str],
    hits: Sequence[Hit],
    docs: Sequence[str],
    max_words: int = MAX_WORDS,
    lists: Mapping[str, Sequence[Passage]] | None = None,
    intro_of: Mapping[str, Passage] | None = None,
) -> tuple[str, list[Source]]:
    """A reply that lets each of the guides ``docs`` speak from its own best
    hits (for a comparison of roles), the citations numbered across them."""
    parts: list[str] = []
    sources: list[Source] = []
    share = max(max_words // max(len(docs), 1), 30)
    for doc in docs:
        own = [h for h in hits if h.passage.doc == doc]
        if not own:
            continue
        text, found = compose(question_terms, own, share, lists, intro_of)
        parts.append(renumber(text, len(sources)))
        sources.extend(found)
    return " ".join(parts), sources


def renumber(text: str, offset: int) -> str:
    """``text`` with every citation [n] moved on by ``offset``."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", text)


_LEANS_BACK = re.compile(r"^(hence|thus|therefore|so|also|however|moreover|this|these|it|they)\b",
                         re.IGNORECASE)


#: "... in one of those jobs", "either of them": a sentence pointing back at
#: what the one before it named, wherever in the sentence.
_POINTS_BACK = re.compile(r"\b(?:one|some|any|each|either|neither|all|both|many|most) of "
                          r"(?:those|these|them)\b", re.IGNORECASE)


def _with_antecedents(chosen: list[_Unit], units: Sequence[_Unit]) -> list[_Unit]:
    """Add the sentence before any chosen one that opens with "Hence", "It",
    ... or points back ("one of those jobs"), so a quoted sentence never leans
    on one the reader was not shown; and the sentence after one that asks, its
    answer: an FAQ's "Q: Can I work without certification?" answers nothing."""
    have = {(u.source, u.order) for u in chosen}
    by_key = {(u.source, u.order): u for u in units}
    out = list(chosen)
    for unit in chosen:
        after = (unit.source, unit.order + 1)
        if (unit.text.rstrip().endswith("?") and after in by_key and after not in have
                and not by_key[after].text.endswith(":")):
            have.add(after)
            out.append(by_key[after])
        order = unit.order
        while order > 0 and (_LEANS_BACK.match(by_key[(unit.source, order)].text)
                             or _POINTS_BACK.search(by_key[(unit.source, order)].text)):
            order -= 1
            if (unit.source, order) not in have:
                have.add((unit.source, order))
                out.append(by_key[(unit.source, order)])
    return out


def _merge_citations(parts: list[str]) -> list[str]:
    """Cite a run of sentences from one source once, after its last sentence."""
    merged: list[str] = []
    for part in parts:
        body, _, mark = part.rpartition(" ")
        if merged and merged[-1].endswith(mark):
            merged[-1] = merged[-1][: -len(mark)].rstrip() + " " + body + " " + mark
        else:
            merged.append(part)
    return merged
