"""What ``roleqa eval`` measures beyond one run: the tuning, per-guide figures, and
leave-one-guide-out.

* :func:`tune` fits every knob of :class:`~roleqa.engine.tuning.Tuning` on the dev
  split, with the question memory held out question by question, and once
  more with the memory off (as for a guide added without labelled questions).
* :func:`per_guide` splits a run's figures by the guide each question is about.
* :func:`leave_one_guide_out` serves each guide as a site's new guide is
  served: tuning and memory learnt without any of its questions, then its test
  questions asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from ..engine.assistant import Assistant
from ..engine.tuning import Tuning
from .evaluate import EvalQuestion, Outcome, for_guides, run, summarise
from .learn import remember
from .tune import fit_reranker, retrieval_scores, tune_lexical_weight, tune_policy
from .variants import candidates, variant, with_memory

__all__ = ["leave_one_guide_out", "per_guide", "tune"]

WEIGHTS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8)
Echo = Callable[[str], None]


def tune(assistant: Assistant, dev: Sequence[EvalQuestion], echo: Echo = lambda _: None,
         sweep: bool = True) -> tuple[Tuning, dict[str, Any]]:
    """The tuning fitted on ``dev`` (questions for ``assistant``'s guides), and
    its dev figures. ``sweep=False`` keeps the BM25 weight (quicker)."""
    passages = assistant.index.passages
    dev = for_guides(dev, assistant.catalogue.slugs)
    weight = assistant.tuning.lexical_weight
    if sweep:
        # The fused ranking first (it picks the reranker's candidates), then the
        # reranker on top of it, then the decline policy on the final ranking.
        runs = {w: run(variant(assistant, tuning=replace(assistant.tuning, lexical_weight=w),
                                 rerank=False).ask, dev, passages)
                for w in WEIGHTS}
        weight, by_weight = tune_lexical_weight(runs)
        for w, row in by_weight.items():
            echo(f"lexical_weight={w:<5} hit@1={row['hit@1']:.3f} mrr@5={row['mrr@5']:.3f}")
    fused = variant(assistant, tuning=replace(assistant.tuning, lexical_weight=weight))
    weights, offset = fit_reranker(partial(candidates, fused), dev)
    plain, _ = fit_reranker(partial(candidates, variant(fused, memory=False)), dev)
    tuned = replace(fused.tuning, rerank=weights, memory_offset=offset, rerank_unbanked=plain)
    figures: dict[str, Any] = {"questions": len(dev),
                               "guides": sorted({g for q in dev for g in q.guide})}
    for name, memory in (("policy", True), ("policy_unbanked", False)):
        final = run(variant(fused, tuning=tuned, memory=memory).ask, dev, passages)
        policy, rates = tune_policy(final)
        tuned = (replace(tuned, policy=policy) if memory
                 else replace(tuned, policy_unbanked=policy))
        scores = retrieval_scores(final)
        figures[name] = {**{k: round(v, 4) for k, v in scores.items()},
                         **{k: round(v, 4) for k, v in rates.items()}}
        echo(f"{name}: hit@1={scores['hit@1']:.3f} mrr@5={scores['mrr@5']:.3f}; "
             f"declines on dev: {rates}")
    return tuned, figures


def _about(q: EvalQuestion) -> str:
    if len(q.guide) == 1:
        return q.guide[0]
    return "several guides" if q.guide else "no guide"


def per_guide(outcomes: Sequence[Outcome], passages: Sequence[Any]) -> dict[str, dict[str, float]]:
    """The figures of a run for each guide its questions are about."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[_about(o.question)].append(o)
    return {name: summarise(group, passages) for name, group in sorted(groups.items())}


def leave_one_guide_out(assistant: Assistant, questions: Sequence[EvalQuestion],
                        split: str = "test", echo: Echo = lambda _: None,
                        ) -> dict[str, dict[str, float]]:
    """For each guide: its ``split`` questions asked of an assistant whose memory
    and tuning never saw a question about it (``assistant`` holds every guide)."""
    out = {}
    for slug in assistant.catalogue.slugs:
        asked = [q for q in questions if q.split == split and q.guide == (slug,)]
        if not asked:
            continue
        seen = [q for q in questions if q.split == "dev" and slug not in q.guide
                and q.scope != slug]
        memory = remember(variant(assistant, memory=False), seen)
        learnt = variant(with_memory(assistant, memory), holdout=True)
        tuning, _ = tune(learnt, seen, sweep=False)
        served = variant(learnt, tuning=tuning)
        result = run(served.ask, asked, assistant.index.passages)
        out[slug] = summarise(result, assistant.index.passages)
        echo(f"{slug}: hit@1={out[slug]['hit@1']:.3f} facts={out[slug]['fact_recall']:.3f} "
             f"out declined={out[slug]['out_declined']:.3f} "
             f"wrongly declined={out[slug]['in_wrongly_declined']:.3f}")
    return out
