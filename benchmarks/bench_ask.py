"""Warm in-process ``Assistant.ask`` latency over the evaluation questions.

Two passes over ``eval/questions.jsonl`` (question + history) with the real
packaged model and the committed index:

1. Plain: for each question, one bare ``embedder.encode([q])`` (the floor: no
   answer can cost less than embedding the question once), then ``ask``.
   Interleaved, so both see the same machine. Gives ask p50/p95, embed p50/p95
   and the ratio ask_p50 / embed_p50.
2. Instrumented: the pipeline's stages and their inner parts are wrapped with
   timers (no change to src/) to split one ask into query building, the model
   call, the memory, dense search, BM25, fusion, reranking (features and
   softmax), the decline judge and answer composition.

Run: ``.venv/bin/python benchmarks/bench_ask.py [--quick] [--budget S]``
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from common import ROOT, Budget, load_questions, parser, print_table, summary, write_result

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

TARGET_RATIO = 1.5
TARGET_P50_MS = 15.0
PARTS = ("query", "encode", "memory", "dense", "lexical", "fusion", "rerank", "judge", "compose",
         "other")


class _Clock:
    """Accumulates milliseconds per part for the ask in progress."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = defaultdict(float)

    def wrap(self, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.parts[part] += (time.perf_counter() - start) * 1000

        return timed


class _TimedIndex:
    def __init__(self, index: Any, clock: _Clock) -> None:
        self.passages = index.passages
        self.manifest = index.manifest
        self.search = clock.wrap("dense", index.search)


def plain_pass(assistant: Any, embedder: Any, questions: list[dict[str, Any]], rounds: int,
               stop: Callable[[], bool]) -> dict[str, Any]:
    """Each question: one bare embedding (the floor), then ask; interleaved."""
    asks: list[tuple[int, float, bool]] = []  # (round, ms, answered)
    embeds: list[float] = []
    for rnd in range(rounds):
        for q in questions:
            if stop():
                break
            t0 = time.perf_counter()
            embedder.encode([q["question"]])
            t1 = time.perf_counter()
            answer = assistant.ask(q["question"], q["history"])
            t2 = time.perf_counter()
            embeds.append((t1 - t0) * 1000)
            asks.append((rnd, (t2 - t1) * 1000, answer.answered))
    groups = {
        "ask, first sight (round 1)": [ms for r, ms, _ in asks if r == 0],
        "ask, repeated (rounds 2+)": [ms for r, ms, _ in asks if r > 0],
        "ask, answered": [ms for _, ms, a in asks if a],
        "ask, declined": [ms for _, ms, a in asks if not a],
    }
    ask_ms, embed_ms = summary([ms for _, ms, _ in asks]), summary(embeds)
    return {"ask_ms": ask_ms, "embed_ms": embed_ms, "ratio": ask_ms["p50"] / embed_ms["p50"],
            "groups_ms": {k: summary(v) for k, v in groups.items() if v}}


def instrument(assistant: Any, clock: _Clock) -> None:
    """Wrap the assistant's stages and their inner parts with timers (this process only)."""
    import roleqa.engine.pipeline.read as read_stage

    lib = assistant.library
    read_stage.build_query = clock.wrap("query", read_stage.build_query)
    lib.space.encode_question = clock.wrap("encode", lib.space.encode_question)
    retrieval = assistant.retrieval
    if retrieval.memory is not None:
        retrieval.memory = _Timed(retrieval.memory, "recall", clock.wrap("memory",
                                                                        retrieval.memory.recall))
    search = retrieval.retriever
    # The judge's own 1-NN search of the focus stays under "judge".
    retrieval.retriever = dataclasses.replace(
        search, index=_Timed(search.index, "search", clock.wrap("dense", search.index.search)),
        lexical=_Timed(search.lexical, "scores", clock.wrap("lexical", search.lexical.scores)))
    retrieval.retrieve = clock.wrap("retrieve", retrieval.retrieve)
    lib.features.read = clock.wrap("features", lib.features.read)
    assistant.ranking.rank = clock.wrap("rerank", assistant.ranking.rank)
    assistant.judge.judge = clock.wrap("judge", assistant.judge.judge)
    assistant.composer.compose = clock.wrap("compose", assistant.composer.compose)


class _Timed:
    """``inner`` with one method replaced by a timed one."""

    def __init__(self, inner: Any, name: str, timed: Callable[..., Any]) -> None:
        self._inner, self._name, self._timed = inner, name, timed

    def __getattr__(self, attr: str) -> Any:
        return self._timed if attr == self._name else getattr(self._inner, attr)


def main() -> int:
    args = parser(__doc__.splitlines()[0], budget=180, quick_budget=40)
    budget = Budget(args.budget)
    rounds = 1 if args.quick else 3
    questions = load_questions()

    from roleqa.config import Settings
    from roleqa.engine.assistant import Assistant
    from roleqa.guides.embed import SentenceTransformerEmbedder

    start = time.perf_counter()
    embedder = SentenceTransformerEmbedder()
    assistant = Assistant.load(
        Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index",
                 question_bank=ROOT / "eval" / "questions.jsonl"), embedder=embedder)
    assistant.warm_up()
    load_s = time.perf_counter() - start
    print(f"model + index loaded and warmed in {load_s:.1f} s; "
          f"{len(assistant.index.passages)} passages, {len(questions)} questions, "
          f"{rounds} round(s), budget {args.budget:g} s")

    import torch

    default_threads = torch.get_num_threads()
    passes: dict[str, Any] = {}
    for threads, share in ((default_threads, 0.55), (1, 0.3)):
        torch.set_num_threads(threads)
        label = f"torch threads={threads}" + (" (default)" if threads == default_threads else "")
        passes[label] = plain_pass(assistant, embedder, questions, rounds,
                                   lambda share=share: budget.left() < args.budget * share)
        if threads == 1:
            break
    rows = []
    for label, p in passes.items():
        for name, st in (("bare embed encode([q]) (floor)", p["embed_ms"]),
                         ("ask, all", p["ask_ms"]), *p["groups_ms"].items()):
            rows.append((label, name, st["n"], st["p50"], st["p95"], st["iqr"]))
    print_table("Warm ask latency (ms)", ("setting", "what", "n", "p50", "p95", "IQR"), rows)
    for label, p in passes.items():
        print(f"{label}: ask_p50 / embed_p50 = {p['ratio']:.2f} (target ≤ {TARGET_RATIO}); "
              f"ask p50 {p['ask_ms']['p50']:.2f} ms (target ≤ {TARGET_P50_MS} ms)")
    main_pass = next(iter(passes.values()))
    ask_all, emb, ratio = main_pass["ask_ms"], main_pass["embed_ms"], main_pass["ratio"]

    # -- pass 2: where one ask spends its time --------------------------------
    torch.set_num_threads(1)  # the parts besides the model do not depend on it
    clock = _Clock()
    instrument(assistant, clock)
    per_part: dict[str, list[float]] = defaultdict(list)
    totals: list[float] = []
    for q in questions:
        if budget.expired():
            break
        clock.parts.clear()
        t0 = time.perf_counter()
        assistant.ask(q["question"], q["history"])
        total = (time.perf_counter() - t0) * 1000
        parts = dict(clock.parts)
        # The retrieve stage holds the model call, the memory, the search and the
        # reranker's features: what is left of it is fusion.
        retrieve = parts.pop("retrieve", 0.0)
        features = parts.pop("features", 0.0)
        parts["rerank"] = parts.get("rerank", 0.0) + features
        parts["fusion"] = max(0.0, retrieve - features - sum(
            parts.get(p, 0.0) for p in ("encode", "memory", "dense", "lexical")))
        parts["other"] = max(0.0, total - sum(parts.get(p, 0.0) for p in PARTS if p != "other"))
        totals.append(total)
        for p in PARTS:
            per_part[p].append(parts.get(p, 0.0))
    # the judge's extra 1-NN search is counted under "judge", which wraps it
    med_total = statistics.median(totals) if totals else float("nan")
    breakdown = {p: summary(v) for p, v in per_part.items()}
    rows = [(p, breakdown[p]["p50"], breakdown[p]["p95"],
             100 * statistics.mean(per_part[p]) / statistics.mean(totals)) for p in PARTS]
    rows.append(("total (instrumented)", med_total, summary(totals).get("p95", 0.0), 100.0))
    floor = passes.get("torch threads=1", main_pass)["embed_ms"]
    rows.append(("bare embed (floor, threads=1)", floor["p50"], floor["p95"], float("nan")))
    print_table("One ask, by part (ms; share of mean total; torch threads=1)",
                ("part", "p50", "p95", "% of time"), rows)
    print("query = build_query (repair, follow-up); encode = the one model call (question, "
          "focus, unseen words); memory = recalling the remembered questions; "
          "dense = FAISS search; lexical = BM25 scores; fusion = the "
          "rest of Retriever.search; rerank = reranker features and softmax; "
          "judge = decline evidence (incl. a 1-NN search); "
          "compose = extractive answer; other = checks, suggestions, Answer.")

    write_result("ask", {
        "quick": args.quick, "rounds": rounds, "load_and_warm_s": load_s,
        "passages": len(assistant.index.passages),
        "ask_ms": ask_all, "embed_ms": emb, "ratio_ask_p50_embed_p50": ratio,
        "torch_default_threads": default_threads, "passes": passes, "breakdown_ms": breakdown,
        "targets": {"ratio": TARGET_RATIO, "ask_p50_ms": TARGET_P50_MS},
        "meets": {"ratio": ratio <= TARGET_RATIO, "ask_p50": ask_all["p50"] <= TARGET_P50_MS},
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
