"""Probes behind two recommendations in RESULTS.md (not part of ``run.py``).

``fusion``: where hybrid retrieval spends its time at 100k passages. Splits
``Retriever.search`` on the synthetic corpus of ``synth.py`` (flat index,
1 FAISS thread) into dense search, BM25 scores and the final ranking, and
compares the stable ``np.argsort`` of all fused scores that ``retrieve.py``
does with ``np.argpartition`` of the top k.

``hnsw``: HNSW build parameters on real-model vectors. Uses the ``docs`` corpus
of ``synth.py`` at 100k passages (one docstring sentence each), vectors cached
by ``bench_scale.py --real-100k`` (or embedded here: 15-60 min on 2 cores). For
each (M, efConstruction) it builds ``IndexHNSWFlat`` (inner product, as
``roleqa.guides.index`` does) and sweeps efSearch: one query at a time, k = 50,
1 FAISS thread, recall@5 and @50 against exact search (ties count).

Run: ``.venv/bin/python benchmarks/probes.py {fusion,hnsw} [--size N]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from bench_scale import QUERIES, K, one_at_a_time, recall_at
from common import print_table, summary, write_result
from synth import docs, hash_vectors, questions, real_vectors, synthetic, vocabulary

BUILDS = ((32, 80), (32, 200), (48, 200))  # (M, efConstruction); roleqa uses (32, 80)
EF_SEARCH = (128, 256, 512, 1024)


def fusion(size: int) -> None:
    import faiss
    import numpy as np

    from roleqa.engine.search import LexicalIndex, Retriever, lexical_terms
    from roleqa.guides.embed import HashEmbedder
    from roleqa.guides.index import LoadedIndex, _make_faiss

    faiss.omp_set_num_threads(1)
    vocab = vocabulary()
    passages, ids = synthetic(size, vocab)
    index = LoadedIndex(manifest=None, passages=passages,  # type: ignore[arg-type]
                        vectors=_make_faiss(hash_vectors(vocab, ids), "flat"))
    lexical = LexicalIndex(passages)
    retriever = Retriever(index, lexical)
    qs = questions(passages, 100)
    qv = HashEmbedder(384).encode(qs)
    terms = [lexical_terms(q) for q in qs]
    fused = []
    for q, t in zip(qv, terms, strict=True):
        s, i = index.search(q.reshape(1, -1), 50)
        dense = np.full(size, float(s[0][-1]), dtype=np.float32)
        dense[i[0]] = s[0]
        lex = lexical.scores(t)
        top = float(lex.max())
        fused.append(dense + 0.3 * (lex / top if top > 0 else lex))

    def top_k(f: Any, k: int = 5) -> Any:
        part = np.argpartition(-f, k)[:k]
        return part[np.lexsort((part, -f[part]))]

    def timed(fn: Callable[[int], Any]) -> dict[str, float]:
        out = []
        for n in range(len(qs)):
            start = time.perf_counter()
            fn(n)
            out.append((time.perf_counter() - start) * 1000)
        return summary(out)

    rows = {
        "Retriever.search (k=5)": timed(lambda n: retriever.search(qv[n], terms[n], k=5)),
        "dense FAISS search, k=50": timed(lambda n: index.search(qv[n].reshape(1, -1), 50)),
        "BM25 scores": timed(lambda n: lexical.scores(terms[n])),
        "np.argsort(-fused, stable) (as now)": timed(
            lambda n: np.argsort(-fused[n], kind="stable")[:5]),
        "np.argpartition top 5 + sort": timed(lambda n: top_k(fused[n])),
    }
    same = sum(list(np.argsort(-f, kind="stable")[:5]) == list(top_k(f)) for f in fused)
    print_table(f"Hybrid retrieval at {size} passages (ms; flat, 1 FAISS thread)",
                ("part", "p50", "p95"), [(k, v["p50"], v["p95"]) for k, v in rows.items()])
    print(f"argpartition gives the same top 5 in {same}/{len(fused)} queries")
    write_result("probe_fusion", {"size": size, "parts_ms": rows, "same_top5": same})


def hnsw(size: int) -> None:
    import faiss

    from roleqa.guides.index import embedding_text

    passages = docs(size)
    x, _ = real_vectors([embedding_text(p) for p in passages])
    q, _ = real_vectors(questions(passages, QUERIES))
    exact = faiss.IndexFlatIP(x.shape[1])
    exact.add(x)
    truth, _ = exact.search(q, K)
    results: list[dict[str, Any]] = []
    for m, ef_construction in BUILDS:
        faiss.omp_set_num_threads(2)
        index = faiss.IndexHNSWFlat(x.shape[1], m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = ef_construction
        start = time.perf_counter()
        index.add(x)
        build_s = time.perf_counter() - start
        faiss.omp_set_num_threads(1)
        for ef in EF_SEARCH:
            index.hnsw.efSearch = ef
            lat, found = one_at_a_time(index.search, q, K)
            results.append({"M": m, "efConstruction": ef_construction, "build_s": build_s,
                            "efSearch": ef, "ms": summary(lat),
                            "recall@5": recall_at(found, truth, 5),
                            "recall@50": recall_at(found, truth, K)})
            print(f"M={m} efC={ef_construction} ef={ef}: {results[-1]['recall@5']:.3f}",
                  flush=True)
    print_table(f"HNSW on {size} real-model vectors: build parameters × efSearch "
                f"(k={K}, 1 thread)",
                ("M", "efConstruction", "build s", "efSearch", "p50 ms", "p95 ms", "recall@5",
                 "recall@50"),
                [(r["M"], r["efConstruction"], r["build_s"], r["efSearch"], r["ms"]["p50"],
                  r["ms"]["p95"], r["recall@5"], r["recall@50"]) for r in results])
    write_result("probe_hnsw", {"size": size, "queries": QUERIES, "k": K, "rows": results})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("probe", choices=("fusion", "hnsw"))
    ap.add_argument("--size", type=int, default=100_000)
    args = ap.parse_args()
    (fusion if args.probe == "fusion" else hnsw)(args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
