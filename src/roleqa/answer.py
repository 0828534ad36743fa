"""Grounded, extractive answers composed from ranked passages.

Answers are extractive: sentences of the best passages, chosen by how many of
the question's words they hold, in reading order, each cited by source number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .corpus import split_sentences
from .text import content_words, stem, words
from .types import Hit, Source

__all__ = ["MAX_WORDS", "compose"]

MAX_WORDS = 60

@dataclass(frozen=True)
class _Unit:
    source: int
    order: int
    text: str
    score: float


def compose(
    question_terms: Sequence[str], hits: Sequence[Hit], max_words: int = MAX_WORDS
) -> tuple[str, list[Source]]:
    """An extractive reply to a question from its ranked hits, with its sources.

    The best passage always speaks first; sentences of the next passages join
    when they hold question words the reply lacks, within ``max_words``.
    """
    if not hits:
        return "", []
    wanted = {stem(w) for w in content_words(" ".join(question_terms))}
    top = hits[0].score or 1e-9
    units: list[_Unit] = []
    for rank, hit in enumerate(hits[:3]):
        if rank and hit.score < 0.8 * top:
            break
        heading = {stem(w) for w in words(hit.passage.section)}
        for order, sentence in enumerate(split_sentences(hit.passage.text)):
            have = {stem(w) for w in words(sentence)} | heading
            overlap = len(wanted & have) / len(wanted) if wanted else 0.0
            units.append(_Unit(rank, order, sentence, hit.score / top + overlap))
    chosen: list[_Unit] = []
    used = 0
    covered: set[str] = set()
    first = [u for u in units if u.source == 0]
    for unit in sorted(first, key=lambda u: -u.score):
        n = len(unit.text.split())
        if chosen and (used + n > max_words or unit.score < 0.75 * chosen[0].score):
            continue
        chosen.append(unit)
        used += n
        covered |= {stem(w) for w in words(unit.text)}
    for unit in sorted((u for u in units if u.source), key=lambda u: -u.score):
        new = wanted & {stem(w) for w in words(unit.text)} - covered
        n = len(unit.text.split())
        if new and used + n <= max_words:
            chosen.append(unit)
            used += n
            covered |= new
    # A lead-in such as "This includes:" promises a list the reply does not show.
    if len(chosen) > 1:
        chosen = [u for u in chosen if not u.text.endswith(":")] or chosen
    chosen.sort(key=lambda u: (u.source, u.order))
    numbers: dict[int, int] = {}
    sources: list[Source] = []
    parts: list[str] = []
    for unit in chosen:
        if unit.source not in numbers:
            numbers[unit.source] = len(numbers) + 1
            sources.append(Source(hits[unit.source].passage, hits[unit.source].score))
        text = unit.text[:1].upper() + unit.text[1:]
        if text.endswith(":"):
            text = text[:-1] + "."
        parts.append(f"{text} [{numbers[unit.source]}]")
    return " ".join(_merge_citations(parts)), sources


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
