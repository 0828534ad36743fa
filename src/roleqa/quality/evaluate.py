"""The evaluation set, its metrics, and a run of it through the real Assistant.

A question's right passages are those containing one of its ``evidence``
phrases; an answer holds a fact when it contains one of the fact's
alternatives. Metric functions are pure and small so tests can check them on
hand-made cases; :func:`run` puts every question through ``Assistant.ask``
exactly as a user's would go.
"""

from __future__ import annotations

import functools
import json
import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..guides.blocks import plain_text
from ..types import Answer, Passage

__all__ = ["EvalQuestion", "Outcome", "dcg_at_k", "fact_recall", "first_relevant_rank",
           "for_guides", "hit_at_k", "is_relevant", "load_questions", "mrr_at_k", "ndcg_at_k",
           "run", "summarise"]


@dataclass(frozen=True)
class EvalQuestion:
    """One line of ``eval/questions.jsonl``."""

    id: str
    split: str
    kind: str
    question: str
    history: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    facts: tuple[tuple[str, ...], ...] = ()
    #: the guides that answer it (for "in") or that it is about (for "out");
    #: empty when the set speaks of one guide only
    guide: tuple[str, ...] = ()
    #: the guides the visitor asked in (a widget's ``data-guide``); None for all
    scope: str | None = None
    #: paraphrases of one question share a group: one split, held out together
    group: str = ""

    @property
    def follow_up(self) -> bool:
        return bool(self.history) and self.kind == "in"


def load_questions(path: Path, split: str = "all") -> list[EvalQuestion]:
    """Questions of ``split`` (dev, test or all), with a clear error for a bad line."""
    if split not in ("dev", "test", "all"):
        raise ConfigError(f"split must be dev, test or all, not {split!r}")
    out: list[EvalQuestion] = []
    seen: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ConfigError(f"The question set {str(path)!r} is not UTF-8 text.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read question set {str(path)!r}: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            q = _question(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a valid question line ({exc})") from None
        # Reports, failures and the question memory are keyed by id: a reused
        # id would silently merge two questions' results.
        if q.id in seen:
            raise ConfigError(f"{path}:{number}: question id {q.id!r} is already used "
                              f"on line {seen[q.id]}")
        seen[q.id] = number
        if split in ("all", q.split):
            out.append(q)
    return out


def for_guides(questions: Iterable[EvalQuestion], slugs: Iterable[str]) -> list[EvalQuestion]:
    """The questions an index of the guides ``slugs`` can be asked: those about
    these guides only (and those about none, such as small talk)."""
    loaded = set(slugs)
    return [q for q in questions if set(q.guide) <= loaded
            and (q.scope is None or q.scope in loaded)]


def _strings(value: object, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a list of strings")
    return tuple(value)


def _question(d: object) -> EvalQuestion:
    """One parsed line, checked field by field (a string where a list belongs
    would otherwise become a tuple of its characters)."""
    if not isinstance(d, dict):
        raise TypeError("not a JSON object")
    q = EvalQuestion(
        id=str(d["id"]), split=d["split"], kind=d["kind"], question=d["question"],
        history=_strings(d.get("history", []), "history"),
        evidence=_strings(d.get("evidence", []), "evidence"),
        facts=tuple(_strings(f, "each fact") for f in _list(d.get("facts", []), "facts")),
        guide=_guides(d.get("guide")),
        scope=d.get("scope"),
        group=str(d.get("group") or ""),
    )
    if q.scope is not None and not isinstance(q.scope, str):
        raise TypeError("scope must be a guide slug or null")
    if q.split not in ("dev", "test"):
        raise ValueError(f"split must be dev or test, not {q.split!r}")
    if q.kind not in ("in", "out"):
        raise ValueError(f"kind must be in or out, not {q.kind!r}")
    if not isinstance(q.question, str):
        raise TypeError("question must be a string")
    if q.kind == "in" and not q.evidence:
        raise ValueError("an in-scope question needs evidence")
    return q


def _guides(value: object) -> tuple[str, ...]:
    if value is None or value == "none":
        return ()
    if isinstance(value, str):
        return (value,)
    return _strings(value, "guide")


def _list(value: object, name: str) -> list[object]:
    if not isinstance(value, list):
        raise TypeError(f"{name} must be a list")
    return value


# -- metric functions ---------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def is_relevant(passage: Passage, evidence: Sequence[str],
                guides: Sequence[str] = ()) -> bool:
    """Whether ``passage`` holds one of the evidence phrases (and, when
    ``guides`` are given, is one of theirs: template text is in every guide)."""
    if guides and passage.doc not in guides:
        return False
    text = _norm(passage.text)
    return any(all(cell in text for cell in _evidence(e)) for e in evidence)


_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)]|>)\s+")


@functools.lru_cache(maxsize=4096)
def _evidence(phrase: str) -> tuple[str, ...]:
    # Evidence is copied from the guide's Markdown; a passage holds its text. A
    # table row copied as written ("Acrylic infill | $50-$65 | 60 minutes") is
    # held by its row's passage, which says each cell with its column's name.
    # A list item or quote copied with its marker ("- **Do I need a degree?**
    # No.") is held by its passage as its text alone.
    phrase = _MARKER.sub("", phrase)
    row = " | " in phrase or phrase.strip().startswith("|")
    cells = [c for c in (_norm(plain_text(cell)) for cell in phrase.strip().strip("|").split("|"))
             if c] if row else []
    return tuple(cells or [_norm(plain_text(phrase))])


def first_relevant_rank(relevance: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant item, or None."""
    return next((i + 1 for i, r in enumerate(relevance) if r), None)


def hit_at_k(relevance: Sequence[bool], k: int) -> float:
    return 1.0 if any(relevance[:k]) else 0.0


def mrr_at_k(relevance: Sequence[bool], k: int) -> float:
    rank = first_relevant_rank(relevance[:k])
    return 1.0 / rank if rank else 0.0


def dcg_at_k(relevance: Sequence[bool], k: int) -> float:
    return sum(1.0 / math.log2(i + 2) for i, r in enumerate(relevance[:k]) if r)


def ndcg_at_k(relevance: Sequence[bool], k: int, total_relevant: int) -> float:
    """nDCG with binary gains; the ideal ranking puts all relevant items first."""
    ideal = dcg_at_k([True] * min(total_relevant, k), k)
    return dcg_at_k(relevance, k) / ideal if ideal else 0.0


def fact_recall(answer_text: str, facts: Sequence[Sequence[str]]) -> float:
    """Share of facts of which the answer holds at least one alternative."""
    if not facts:
        return 1.0
    text = _norm(answer_text)
    return sum(any(_norm(a) in text for a in alts) for alts in facts) / len(facts)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


# -- a run --------------------------------------------------------------------
@dataclass
class Outcome:
    """One question's result."""

    question: EvalQuestion
    answer: Answer
    relevance: list[bool] = field(default_factory=list)
    total_relevant: int = 0

    @property
    def cites_evidence(self) -> bool:
        q = self.question
        return any(is_relevant(s.passage, q.evidence, q.guide) for s in self.answer.sources)

    @property
    def wrong_guide(self) -> bool:
        """Answered from a guide the question is not about."""
        q, a = self.question, self.answer
        return bool(q.guide) and a.answered and any(
            s.passage.doc not in q.guide for s in a.sources)


def run(
    ask: Callable[[str, Sequence[str]], Answer],
    questions: Iterable[EvalQuestion],
    passages: Sequence[Passage],
    progress: bool = False,
) -> list[Outcome]:
    """Ask every question through ``ask`` and judge the ranked hits."""
    items = list(questions)
    iterator: Iterable[EvalQuestion] = items
    if progress:
        from tqdm import tqdm

        iterator = tqdm(items, desc="questions", unit="q", leave=False)
    outcomes = []
    for q in iterator:
        answer = (ask(q.question, q.history) if q.scope is None
                  else ask(q.question, q.history, q.scope))  # type: ignore[call-arg]
        relevance = [is_relevant(h.passage, q.evidence, q.guide) for h in answer.hits]
        total = sum(is_relevant(p, q.evidence, q.guide) for p in passages) if q.evidence else 0
        outcomes.append(Outcome(q, answer, relevance, total))
    return outcomes


def summarise(outcomes: Sequence[Outcome], passages: Sequence[Passage]) -> dict[str, Any]:
    """Every metric of a run, as a flat dict of numbers."""
    inside = [o for o in outcomes if o.question.kind == "in"]
    outside = [o for o in outcomes if o.question.kind == "out"]
    follow = [o for o in inside if o.question.follow_up]
    answered_in = [o for o in inside if o.answer.answered]
    declined = [o for o in outcomes if not o.answer.answered]
    correct_declines = [o for o in declined if o.question.kind == "out"]

    def mean(xs: Iterable[float]) -> float:
        xs = list(xs)
        return statistics.fmean(xs) if xs else 0.0

    def retrieval(group: Sequence[Outcome], prefix: str = "") -> dict[str, float]:
        return {
            f"{prefix}hit@1": mean(hit_at_k(o.relevance, 1) for o in group),
            f"{prefix}hit@3": mean(hit_at_k(o.relevance, 3) for o in group),
            f"{prefix}hit@5": mean(hit_at_k(o.relevance, 5) for o in group),
            f"{prefix}mrr@5": mean(mrr_at_k(o.relevance, 5) for o in group),
            f"{prefix}ndcg@5": mean(ndcg_at_k(o.relevance, 5, o.total_relevant) for o in group),
        }

    latencies = [o.answer.latency_ms for o in outcomes]
    answer_words = [len(o.answer.text.split()) for o in answered_in]
    return {
        "questions": len(outcomes),
        "in_scope": len(inside),
        "out_of_scope": len(outside),
        "follow_ups": len(follow),
        **retrieval(inside),
        "passage_words_mean": mean(p.words for p in passages),
        "fact_recall": mean(
            fact_recall(o.answer.text, o.question.facts) if o.answer.answered else 0.0
            for o in inside
        ),
        "answer_words_median": statistics.median(answer_words) if answer_words else 0.0,
        "citation_accuracy": mean(1.0 if o.cites_evidence else 0.0 for o in answered_in),
        "out_declined": mean(0.0 if o.answer.answered else 1.0 for o in outside),
        "in_wrongly_declined": mean(0.0 if o.answer.answered else 1.0 for o in inside),
        "decline_precision": len(correct_declines) / len(declined) if declined else 1.0,
        "wrong_guide": mean(1.0 if o.wrong_guide else 0.0 for o in outcomes),
        "decline_recall": len(correct_declines) / len(outside) if outside else 1.0,
        **retrieval(follow, "follow_up_"),
        "follow_up_fact_recall": mean(
            fact_recall(o.answer.text, o.question.facts) if o.answer.answered else 0.0
            for o in follow
        ),
        "latency_p50_ms": percentile(latencies, 0.5),
        "latency_p95_ms": percentile(latencies, 0.95),
    }


def failures(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """Every question the assistant got wrong, with what was expected and what came back."""
    out = []
    for o in outcomes:
        q, a = o.question, o.answer
        problems = []
        if q.kind == "out" and a.answered:
            problems.append("answered an out-of-scope question")
        if q.kind == "in":
            if not a.answered:
                problems.append("declined an in-scope question")
            elif fact_recall(a.text, q.facts) < 1.0:
                problems.append("answer misses a fact")
            if not hit_at_k(o.relevance, 1):
                problems.append("right passage not ranked first")
        if problems:
            out.append({
                "id": q.id, "question": q.question, "history": list(q.history),
                "problems": problems, "expected_evidence": list(q.evidence),
                "expected_facts": [list(f) for f in q.facts], "answer": a.text,
                "answered": a.answered,
                "top_passage": a.hits[0].passage.text if a.hits else "",
            })
    return out
