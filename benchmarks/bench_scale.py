"""Scale: flat vs HNSW, and BM25, at 1k, 10k and 100k passages.

Corpora and vectors come from ``synth.py`` (read its docstring): ``synthetic``
passages with ``HashEmbedder(384)`` vectors at every size (fast, pessimistic
for approximate search: near-tied neighbours), and ``docs`` passages (real
English docstring sentences) with real-model vectors at 1k and 10k; 100k with
``--real-100k`` (alone: the model embeds 30-100 passages a second here, so the
first run takes 15-60 min; vectors are cached). The full run also times exact
search from 20k to 200k passages and HNSW on random unit vectors (worst case).

Each configuration runs in child processes (build, then one per index type)
so peak RSS is per configuration. Per size and type: build time, bytes on disk,
RSS, dense search at k=50 (what ``Retriever`` asks for) per efSearch and with
2 vs 1 FAISS threads (``load_index`` sets 1), recall@5 of HNSW against exact
search, BM25 build and query, the whole hybrid ``Retriever.search`` and its
agreement with the flat one, and ``Assistant.ask`` with the fake embedder
(everything an ask costs except the model).

Run: ``.venv/bin/python benchmarks/bench_scale.py [--quick | --real-100k] [--budget S]``
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import PYTHON, Budget, parser, print_table, rss_mb, run_child, summary, write_result
from synth import docs, hash_vectors, questions, real_vectors, synthetic, vocabulary

EF_SEARCH = (32, 64, 128, 256, 512)
QUERIES = 200
K = 50  # Retriever.candidates


def build_worker(source: str, size: int, work: Path) -> dict[str, Any]:
    import numpy as np

    from roleqa.guides.embed import HashEmbedder
    from roleqa.guides.index import _make_faiss, build_index, embedding_text

    res: dict[str, Any] = {}
    t = time.perf_counter()
    if source == "synthetic":
        vocab = vocabulary()
        passages, ids = synthetic(size, vocab)
        res["generate_s"] = time.perf_counter() - t
        vectors = hash_vectors(vocab, ids)
        sample = [embedding_text(p) for p in passages[:50]]
        assert np.allclose(HashEmbedder(384).encode(sample), vectors[:50], atol=1e-5)
        qs = questions(passages, QUERIES)
        qv = HashEmbedder(384).encode(qs)
    else:
        passages = docs(size)
        res["generate_s"] = time.perf_counter() - t
        vectors, res["embed_real_s"] = real_vectors([embedding_text(p) for p in passages])
        qs = questions(passages, QUERIES)
        qv, _ = real_vectors(qs)
    sims = vectors[:500] @ vectors[500:1000].T if size >= 1000 else vectors @ vectors.T
    res["mean_pairwise_cos"] = float(sims.mean())

    class Pre:
        model_id, dim = "precomputed", 384

        def encode(self, texts: Any) -> Any:
            return vectors

    import roleqa.guides.index

    def timed_make_faiss(vectors: Any, kind: str) -> Any:  # FAISS alone, inside build_index
        t = time.perf_counter()
        out = _make_faiss(vectors, kind)
        res[f"{kind}_faiss_build_s"] = time.perf_counter() - t
        return out

    roleqa.guides.index._make_faiss = timed_make_faiss
    for kind in ("flat", "hnsw"):
        t = time.perf_counter()
        build_index(passages, Pre(), work / kind, "synthetic", index_type=kind)
        res[f"{kind}_build_index_s"] = time.perf_counter() - t
        res[f"{kind}_disk_mb"] = {f.name.split(".")[0]: f.stat().st_size / 1e6
                                  for f in (work / kind).iterdir()}
    np.save(work / "queries.npy", qv)
    (work / "questions.json").write_text(json.dumps(qs))
    res["peak_rss_mb"] = rss_mb().get("VmHWM")
    return res


def recall_at(scores_found: Any, truth_scores: Any, k: int = 5) -> float:
    """Share of the ANN top-k scoring at least the exact k-th score (ties count)."""
    import numpy as np

    kth = truth_scores[:, k - 1 : k] - 1e-6
    return float(np.mean(np.sum(scores_found[:, :k] >= kth, axis=1) / k))


def one_at_a_time(search: Any, queries: Any, k: int) -> tuple[list[float], Any]:
    """Search each query alone, as roleqa does: per-query ms and the top-k scores."""
    import numpy as np

    lat, scores = [], []
    for row in queries:
        t = time.perf_counter()
        s, _ = search(row.reshape(1, -1), k)
        lat.append((time.perf_counter() - t) * 1000)
        scores.append(s[0])
    return lat, np.array(scores)


def query_worker(kind: str, work: Path) -> dict[str, Any]:
    import numpy as np

    from roleqa.config import Settings
    from roleqa.engine.assistant import Assistant
    from roleqa.engine.search import LexicalIndex, Retriever, lexical_terms
    from roleqa.guides.embed import HashEmbedder
    from roleqa.guides.index import load_index

    res: dict[str, Any] = {"rss_start_mb": rss_mb()["VmRSS"]}
    qv = np.load(work / "queries.npy")
    qs = json.loads((work / "questions.json").read_text())
    t = time.perf_counter()
    index = load_index(work / kind)
    res["load_s"], res["rss_index_mb"] = time.perf_counter() - t, rss_mb()["VmRSS"]
    import faiss

    flat_truth = None
    if kind == "hnsw":
        flat_truth = faiss.read_index(str(next((work / "flat").glob("vectors.*"))))

    tree_threads = res["faiss_threads_after_load_index"] = faiss.omp_get_max_threads()
    sweep = [(ef, 1) for ef in EF_SEARCH] if kind == "hnsw" else [(0, 2), (0, 1)]
    res["dense"] = {}
    for ef, threads in sweep:
        faiss.omp_set_num_threads(threads)
        if ef:
            index.vectors.hnsw.efSearch = ef
        lat, fscores = one_at_a_time(index.search, qv, K)
        entry: dict[str, Any] = {"ms": summary(lat)}
        if flat_truth is not None:
            ts, _ = flat_truth.search(qv, K)
            entry["recall@5"] = recall_at(fscores, ts, 5)
            entry["recall@50"] = recall_at(fscores, ts, K)
        res["dense"][f"ef={ef}" if ef else f"threads={threads}"] = entry
    del flat_truth
    faiss.omp_set_num_threads(tree_threads)  # the rest runs as roleqa would
    if kind == "hnsw":
        from roleqa.guides.index import HNSW_EF_SEARCH

        index.vectors.hnsw.efSearch = HNSW_EF_SEARCH
    before = rss_mb()["VmRSS"]
    t = time.perf_counter()
    lexical = LexicalIndex(index.passages)
    res["bm25_build_s"], res["bm25_rss_mb"] = time.perf_counter() - t, rss_mb()["VmRSS"] - before
    terms = [lexical_terms(q) for q in qs]
    res["bm25_ms"] = summary([_ms(lambda t=t: lexical.scores(t)) for t in terms])
    retriever = Retriever(index, lexical)
    res["hybrid_ms"] = summary([_ms(lambda q=q, t=t: retriever.search(q, t, k=5))
                                for q, t in zip(qv, terms, strict=True)])
    tops = [[h.passage.id for h in retriever.search(q, t, k=5)] for q, t in zip(qv, terms,
                                                                                strict=True)]
    (work / f"hybrid_top5.{kind}.json").write_text(json.dumps(tops))
    if kind == "hnsw" and (work / "hybrid_top5.flat.json").exists():
        exact = json.loads((work / "hybrid_top5.flat.json").read_text())
        res["hybrid_recall@5"] = sum(len(set(a) & set(b)) for a, b in zip(
            tops, exact, strict=True)) / (5 * len(tops))
    before = rss_mb()["VmRSS"]
    t = time.perf_counter()
    assistant = Assistant.over(index, HashEmbedder(384), Settings())
    assistant.warm_up()
    res["assistant_init_s"] = time.perf_counter() - t
    res["assistant_rss_mb"] = rss_mb()["VmRSS"] - before
    res["ask_fake_ms"] = summary([_ms(lambda q=q: assistant.ask(q)) for q in qs[:100]])
    res["rss_end_mb"], res["peak_rss_mb"] = rss_mb()["VmRSS"], rss_mb()["VmHWM"]
    return res


def random_worker(size: int) -> dict[str, Any]:
    """HNSW recall on random unit vectors (no structure), queries near a stored vector."""
    import numpy as np

    from roleqa.guides.index import _make_faiss

    rng = np.random.default_rng(3)
    x = rng.standard_normal((size, 384), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    q = x[rng.choice(size, QUERIES)] + 0.08 * rng.standard_normal((QUERIES, 384), dtype=np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    import faiss

    faiss.omp_set_num_threads(1)
    res: dict[str, Any] = {"flat_sweep_ms": {}}
    big = rng.standard_normal((200_000, 384), dtype=np.float32)
    big /= np.linalg.norm(big, axis=1, keepdims=True)
    for n in (20_000, 30_000, 50_000, 100_000, 200_000):  # exact search cost vs size
        exact = _make_faiss(big[:n], "flat")
        res["flat_sweep_ms"][str(n)] = summary(
            [_ms(lambda r=r, e=exact: e.search(r[None], K)) for r in big[:QUERIES]])
    del big, exact
    t = time.perf_counter()
    hnsw = _make_faiss(x, "hnsw")
    res["hnsw_build_s"] = time.perf_counter() - t
    truth, _ = _make_faiss(x, "flat").search(q, K)
    for ef in EF_SEARCH:
        hnsw.hnsw.efSearch = ef
        lat, got = one_at_a_time(hnsw.search, q, K)
        res[str(ef)] = {"ms": summary(lat), "recall@5": recall_at(got, truth, 5)}
    return res


def _ms(fn: Any) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def _child(*argv: str) -> dict[str, Any]:
    r = run_child([PYTHON, __file__, "--worker", *argv], 5400)
    if r["rc"] != 0:
        raise RuntimeError(f"worker {argv} failed: {r['stderr'][-2000:]}")
    out = json.loads(r["stdout"].strip().splitlines()[-1])
    out["child_maxrss_mb"], out["child_wall_s"] = r["maxrss_mb"], r["wall_s"]
    return out


def rate_worker() -> dict[str, Any]:
    """Passages per second of the real model on docstring passages (to extrapolate)."""
    from roleqa.guides.embed import SentenceTransformerEmbedder
    from roleqa.guides.index import embedding_text

    texts = [embedding_text(p) for p in docs(320)]
    model = SentenceTransformerEmbedder()
    model.encode(texts[:64])
    t = time.perf_counter()
    model.encode(texts[64:])
    return {"passages_per_s": (len(texts) - 64) / (time.perf_counter() - t)}


def worker(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "build":
        out = build_worker(argv[1], int(argv[2]), Path(argv[3]))
    elif mode == "query":
        out = query_worker(argv[1], Path(argv[2]))
    elif mode == "random":
        out = random_worker(int(argv[1]))
    else:
        out = rate_worker()
    print(json.dumps(out, default=float))


def report(results: dict[str, Any]) -> None:
    configs = results["configs"]
    rows = []
    for name, c in configs.items():
        b = c["build"]
        for kind in ("flat", "hnsw"):
            q = c.get(kind, {})
            rows.append((name, kind, b["mean_pairwise_cos"], b[f"{kind}_faiss_build_s"],
                         b[f"{kind}_build_index_s"], sum(b[f"{kind}_disk_mb"].values()),
                         q.get("load_s", float("nan")),
                         q.get("rss_index_mb", 0) - q.get("rss_start_mb", 0),
                         q.get("peak_rss_mb", float("nan"))))
    print_table("Build, disk and memory", (
        "corpus", "type", "mean cos", "FAISS build s", "build_index s", "disk MB", "load s",
        "index RSS MB", "peak RSS MB"), rows)
    rows = []
    for name, c in configs.items():
        for kind in ("flat", "hnsw"):
            for label, d in c.get(kind, {}).get("dense", {}).items():
                rows.append((name, f"{kind} {label}", d["ms"]["p50"], d["ms"]["p95"],
                             d.get("recall@5", 1.0), d.get("recall@50", 1.0)))
    print_table(f"Dense search, one query, k={K} (ms; HNSW with 1 FAISS thread)",
                ("corpus", "index", "p50", "p95", "recall@5", "recall@50"), rows)
    rows = []
    for name, c in configs.items():
        for kind in ("flat", "hnsw"):
            q = c.get(kind)
            if q:
                rows.append((name, kind, q["bm25_build_s"], q["bm25_rss_mb"], q["bm25_ms"]["p50"],
                             q["hybrid_ms"]["p50"], q["hybrid_ms"]["p95"],
                             q.get("hybrid_recall@5", 1.0), q["assistant_init_s"],
                             q["ask_fake_ms"]["p50"], q["ask_fake_ms"]["p95"]))
    print_table("BM25, hybrid Retriever.search (k=5, HNSW at the default efSearch, FAISS "
                "threads as load_index leaves them) and Assistant.ask with the fake embedder",
                ("corpus", "index", "BM25 build s", "BM25 RSS MB", "BM25 p50 ms",
                 "hybrid p50 ms", "hybrid p95 ms", "hybrid top-5 vs flat", "Assistant init s",
                 "ask p50 ms", "ask p95 ms"), rows)
    if "random" in results:
        r = results["random"]
        print_table(f"HNSW on {results['random_size']} random unit vectors (worst case; "
                    f"build {r['hnsw_build_s']:.1f} s)", ("efSearch", "p50 ms", "recall@5"),
                    [(ef, r[ef]["ms"]["p50"], r[ef]["recall@5"]) for ef in map(str, EF_SEARCH)])
        print_table(f"Exact (flat) search cost by size, 1 FAISS thread, k={K} (ms)",
                    ("passages", "p50", "p95"),
                    [(n, v["p50"], v["p95"]) for n, v in r["flat_sweep_ms"].items()])
    if "real_model" in results:
        rate = results["real_model"]["passages_per_s"]
        print(f"\nReal model: {rate:.1f} passages/s here, so embedding 100k passages "
              f"would take ~{100_000 / rate / 60:.0f} min.")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2:])
        return 0
    args = parser(__doc__.splitlines()[0], budget=2400, quick_budget=150, extra=lambda ap: (
        ap.add_argument("--real-100k", action="store_true",
                        help="run only docs 100k, real-model vectors (about an hour here the "
                             "first time; cached after); writes results/scale_real100k.json")))
    budget = Budget(args.budget)
    plan = [("synthetic", 1_000), ("synthetic", 10_000)]
    if not args.quick:
        plan += [("synthetic", 100_000), ("docs", 1_000), ("docs", 10_000)]
    if args.real_100k:
        plan = [("docs", 100_000)]
    results: dict[str, Any] = {"quick": args.quick, "queries": QUERIES, "k": K, "configs": {}}
    for source, size in plan:
        if budget.left() < (600 if size >= 100_000 or source == "docs" else 30) \
                and not args.real_100k:
            print(f"budget spent: skipping {source} {size}")
            continue
        name = f"{source} {size // 1000}k"
        print(f"{name}: building …", flush=True)
        with tempfile.TemporaryDirectory(prefix="roleqa-scale-") as tmp:
            entry = results["configs"][name] = {"build": _child("build", source, str(size), tmp)}
            for kind in ("flat", "hnsw"):
                print(f"{name}: querying {kind} …", flush=True)
                entry[kind] = _child("query", kind, tmp)
    if not args.quick and not args.real_100k and budget.left() > 300:
        print("random unit vectors …", flush=True)
        results["random_size"] = 100_000
        results["random"] = _child("random", "100000")
    if not args.quick and not args.real_100k and budget.left() > 60:
        results["real_model"] = _child("rate")
    report(results)
    write_result("scale_real100k" if args.real_100k else "scale", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
