"""Tuning the knobs on the dev split, and the decline trade-off curve.

Every threshold in :class:`roleqa.assistant.Tuning` comes from here: run
``roleqa eval --tune`` and copy the printed values into ``Tuning``'s
defaults. Only the dev split is ever used to choose; the test split is
reported, never tuned on.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import product
from typing import Any

import numpy as np
import numpy.typing as npt

from .evaluate import EvalQuestion, Outcome, hit_at_k, is_relevant, mrr_at_k
from .judge import DeclinePolicy
from .rerank import fit
from .types import Hit

Candidates = Callable[[str, Sequence[str]], tuple[list[Hit], npt.NDArray[np.float64]]]

__all__ = ["decline_curve", "decline_rates", "fit_reranker", "retrieval_scores",
           "tune_lexical_weight", "tune_policy"]

MARGINS = tuple(round(-0.2 + 0.025 * i, 3) for i in range(25))  # -0.2 … 0.4
MIN_FOCUS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25)
SEMANTIC_MATCH = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
MIN_FOCUS_UNSHARED = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 1.0)


def decline_rates(outcomes: Sequence[Outcome], policy: DeclinePolicy) -> tuple[float, float]:
    """(in-scope wrongly declined, out-of-scope answered) if ``policy`` had decided."""
    inside = [o for o in outcomes if o.question.kind == "in"]
    outside = [o for o in outcomes if o.question.kind == "out"]

    def answers(o: Outcome) -> bool:
        ev = o.answer.evidence
        return o.answer.answered if ev is None else policy.answers(ev)

    wrong = sum(not answers(o) for o in inside) / max(len(inside), 1)
    leaked = sum(answers(o) for o in outside) / max(len(outside), 1)
    return wrong, leaked


def tune_policy(outcomes: Sequence[Outcome]) -> tuple[DeclinePolicy, dict[str, float]]:
    """The policy minimising 3 × wrongly declined + out-of-scope answered.

    A wrong decline costs three times an answered out-of-scope question: a
    visitor refused a real answer is worse served than one shown a cited
    passage near the point. The cost is smoothed over each grid point's
    neighbours before choosing, so the chosen thresholds sit inside a good
    region rather than on the edge of one, where unseen questions would tip
    them over.
    """
    grids = (MARGINS, MIN_FOCUS, SEMANTIC_MATCH, MIN_FOCUS_UNSHARED)
    cost: dict[tuple[int, ...], tuple[float, float, float]] = {}
    for key in product(*(range(len(g)) for g in grids)):
        policy = _policy(key)
        wrong, leaked = decline_rates(outcomes, policy)
        cost[key] = (3 * wrong + leaked, wrong, leaked)

    def smoothed(key: tuple[int, ...]) -> float:
        near = [
            cost[moved][0]
            for step in product((-1, 0, 1), repeat=len(key))
            if (moved := tuple(k + d for k, d in zip(key, step, strict=True))) in cost
        ]
        return statistics.fmean(near)

    rank = {k: (round(smoothed(k), 9), cost[k][0]) for k in cost}
    plateau = [k for k in cost if rank[k] == min(rank.values())]
    # Equally good settings form a plateau: take the one nearest its middle,
    # so no threshold sits at the edge of what the dev split could tell apart.
    middle = [statistics.median(k[i] for k in plateau) for i in range(len(grids))]
    best = min(plateau, key=lambda k: sum((a - b) ** 2 for a, b in zip(k, middle, strict=True)))
    policy = _policy(best)
    return policy, {"wrongly_declined": cost[best][1], "out_answered": cost[best][2],
                    "smoothed_cost": smoothed(best), "plateau_size": float(len(plateau))}


def _policy(key: tuple[int, ...]) -> DeclinePolicy:
    a, b, c, d = key
    return DeclinePolicy(off_guide_margin=MARGINS[a], min_focus=MIN_FOCUS[b],
                         semantic_match=SEMANTIC_MATCH[c], min_focus_unshared=MIN_FOCUS_UNSHARED[d])


def decline_curve(outcomes: Sequence[Outcome], policy: DeclinePolicy) -> list[dict[str, Any]]:
    """Wrongly declined against out-of-scope answered as the margin moves."""
    points = []
    for margin in MARGINS:
        wrong, leaked = decline_rates(outcomes, replace(policy, off_guide_margin=margin))
        points.append({"margin": margin, "wrongly_declined": wrong, "out_answered": leaked})
    return points


def tune_lexical_weight(
    runs: Mapping[float, Sequence[Outcome]],
) -> tuple[float, dict[float, dict[str, float]]]:
    """The BM25 weight with the best hit@1 (then MRR@5) on in-scope dev questions."""
    table = {weight: retrieval_scores(outcomes) for weight, outcomes in runs.items()}
    best = max(table, key=lambda w: (table[w]["hit@1"], table[w]["mrr@5"], -abs(w - 0.2)))
    return best, table


def retrieval_scores(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """hit@1 and MRR@5 over the in-scope questions of a run."""
    inside = [o for o in outcomes if o.question.kind == "in"]
    return {
        "hit@1": statistics.fmean(hit_at_k(o.relevance, 1) for o in inside),
        "mrr@5": statistics.fmean(mrr_at_k(o.relevance, 5) for o in inside),
    }


def fit_reranker(candidates: Candidates, questions: Sequence[EvalQuestion]) -> tuple[float, ...]:
    """Reranker weights fitted on the in-scope ``questions`` (the dev split).

    ``candidates`` is :meth:`roleqa.assistant.Assistant.candidates`: the fused
    candidates of a question with their features, labelled here by whether
    each holds the question's evidence.
    """
    examples = []
    for q in questions:
        if q.kind != "in":
            continue
        hits, x = candidates(q.question, q.history)
        examples.append((x, np.array([is_relevant(h.passage, q.evidence) for h in hits])))
    return fit(examples)
