"""Tuning the knobs on the dev split, and the decline trade-off curve.

Every fitted number in :class:`roleqa.engine.tuning.Tuning` comes from here:
``roleqa eval --tune --write`` writes them to the tuning file. Only the dev
split is ever used to choose; the test split is reported, never tuned on.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import product
from typing import Any

import numpy as np
import numpy.typing as npt

from ..engine.policy import RULES, DeclinePolicy
from ..engine.reranker import FEATURES, fit
from ..types import Hit
from .evaluate import EvalQuestion, Outcome, hit_at_k, is_relevant, mrr_at_k

Candidates = Callable[[str, Sequence[str], str | None],
                      tuple[list[Hit], npt.NDArray[np.float64]]]

__all__ = ["decline_curve", "decline_rates", "fit_reranker", "retrieval_scores",
           "tune_lexical_weight", "tune_policy"]

#: The grid the decline policy is tuned on: one axis per rule (engine.policy).
GRIDS = tuple(rule.grid for rule in RULES)
MARGINS = RULES[0].grid


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


def _answers_on_grid(outcomes: Sequence[Outcome]) -> npt.NDArray[np.bool_]:
    """Whether each policy of the grid answers each outcome: shape (*grid, outcomes).

    :meth:`DeclinePolicy.answers` on arrays: each rule of ``RULES`` reads its
    value from every outcome's evidence and is held against its whole grid.
    """
    n = len(outcomes)
    # declined or answered before any evidence (no words, not English), whatever the policy
    fixed = np.array([o.answer.answered if o.answer.evidence is None
                      else not o.answer.evidence.missing_type for o in outcomes], dtype=bool)
    known = np.array([o.answer.evidence is not None for o in outcomes], dtype=bool)
    values = np.array([[rule.value(o.answer.evidence) if o.answer.evidence else 0.0
                        for rule in RULES] for o in outcomes], dtype=float).reshape(n, len(RULES))
    grid = fixed
    for axis, rule in enumerate(RULES):
        condition = rule.passes(values[:, axis][None, :], np.array(rule.grid)[:, None])
        shape = [1] * len(RULES) + [n]
        shape[axis] = len(rule.grid)
        # Outcomes decided before any evidence pass every condition unchanged.
        grid = grid & (condition | ~known).reshape(shape)
    return grid


def tune_policy(outcomes: Sequence[Outcome]) -> tuple[DeclinePolicy, dict[str, float]]:
    """The policy minimising 3 × wrongly declined + out-of-scope answered.

    A wrong decline costs three times an answered out-of-scope question: a
    visitor refused a real answer is worse served than one shown a cited
    passage near the point. The cost is smoothed over each grid point's
    neighbours before choosing, so the chosen thresholds sit inside a good
    region rather than on the edge of one, where unseen questions would tip
    them over.
    """
    answers = _answers_on_grid(outcomes)
    inside = np.array([o.question.kind == "in" for o in outcomes])
    outside = np.array([o.question.kind == "out" for o in outcomes])
    wrong = (~answers[..., inside]).sum(axis=-1) / max(int(inside.sum()), 1)
    leaked = answers[..., outside].sum(axis=-1) / max(int(outside.sum()), 1)
    cost = 3 * wrong + leaked
    # Mean over each point's neighbours (one step along any axes), edges included.
    padded = np.pad(cost, 1, constant_values=np.nan)
    shifts = [padded[tuple(slice(1 + d, 1 + d + size) for d, size in zip(step, cost.shape,
                                                                        strict=True))]
              for step in product((-1, 0, 1), repeat=cost.ndim)]
    smoothed = np.nanmean(np.stack(shifts), axis=0).round(9)
    best_smoothed = smoothed.min()
    plateau = np.argwhere(smoothed == best_smoothed)
    plateau = plateau[cost[tuple(plateau.T)] == cost[tuple(plateau.T)].min()]
    # Equally good settings form a plateau: take the one nearest its middle,
    # so no threshold sits at the edge of what the dev split could tell apart.
    middle = np.median(plateau, axis=0)
    best = tuple(int(v) for v in plateau[np.argmin(((plateau - middle) ** 2).sum(axis=1))])
    return DeclinePolicy.on_grid(best), {"wrongly_declined": float(wrong[best]),
                           "out_answered": float(leaked[best]),
                           "smoothed_cost": float(smoothed[best]),
                           "plateau_size": float(len(plateau))}


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


def fit_reranker(
    candidates: Candidates, questions: Sequence[EvalQuestion]
) -> tuple[tuple[float, ...], float]:
    """Reranker weights fitted on the in-scope ``questions`` (the dev split), and
    the memory offset: the mean of a candidate's memory feature minus its cosine.

    ``candidates`` is :func:`roleqa.quality.variants.candidates` (of an
    assistant holding its memory out, see ``variants.variant``): the fused
    candidates of a question with their features, labelled here by whether
    each holds the question's evidence.
    """
    examples = []
    for q in questions:
        if q.kind != "in":
            continue
        hits, x = candidates(q.question, q.history, q.scope)
        examples.append((x, np.array([is_relevant(h.passage, q.evidence, q.guide)
                                      for h in hits])))
    rows = np.concatenate([x for x, _ in examples])
    memory, dense = FEATURES.index("memory"), FEATURES.index("dense")
    offset = round(float((rows[:, memory] - rows[:, dense]).mean()), 3) if len(rows) else 0.0
    return fit(examples), offset
