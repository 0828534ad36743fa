"""Index build time and peak memory for the shipped corpus.

* ``roleqa --index-dir <tmp> index --force`` as a subprocess: wall time and the
  child's own peak RSS (``os.wait4`` rusage), with the real packaged model.
* The same build in one child, split into stages: imports, parsing the
  corpus, loading the model, embedding the passages, and writing the index
  (``build_index`` with the vectors precomputed, so FAISS + files + checksums).
* ``build_index`` with the fake ``HashEmbedder``: everything but the model.

The committed ``index/`` is never touched: builds go to temporary folders.

Run: ``.venv/bin/python benchmarks/bench_build.py [--quick] [--budget S]``
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import (
    BIN,
    PYTHON,
    Budget,
    offline_env,
    parser,
    print_table,
    run_child,
    summary,
    write_result,
)

STAGES = r"""
import json, sys, tempfile, time
from pathlib import Path
t0 = time.perf_counter(); marks = {}
def mark(name):
    global t0
    marks[name] = round((time.perf_counter() - t0) * 1000, 1); t0 = time.perf_counter()
import numpy as np
from roleqa.guides.corpus import corpus_hash, load_corpus
from roleqa.guides.embed import HashEmbedder, SentenceTransformerEmbedder
from roleqa.guides.index import build_index, embedding_text
mark("import roleqa (no torch)")
passages = load_corpus(Path("corpus")); h = corpus_hash(Path("corpus")); mark("parse corpus")
e = SentenceTransformerEmbedder(); e.warm_up(); mark("import torch + load model")
vectors = e.encode([embedding_text(p) for p in passages]); mark("embed passages")
class Pre:
    model_id = e.model_id; dim = e.dim
    def encode(self, texts): return vectors
with tempfile.TemporaryDirectory() as d:
    build_index(passages, Pre(), Path(d) / "index", h); mark("write index (faiss+files)")
    build_index(passages, HashEmbedder(384), Path(d) / "fake", h); mark("build with HashEmbedder")
marks["passages"] = len(passages)
print(json.dumps(marks))
"""


def main() -> int:
    args = parser(__doc__.splitlines()[0], budget=240, quick_budget=90)
    budget = Budget(args.budget)
    n = 1 if args.quick else 3
    result: dict[str, Any] = {"quick": args.quick}

    runs = []
    for _ in range(n):
        if runs and budget.left() < 60:
            break
        with tempfile.TemporaryDirectory() as tmp:
            r = run_child([str(BIN / "roleqa"), "--index-dir", str(Path(tmp) / "index"),
                           "index", "--force"], 300, env=offline_env())
            if r["rc"] != 0:
                print(f"roleqa index failed: {r['stderr'][-1500:]}")
                break
            size = sum(f.stat().st_size for f in (Path(tmp) / "index").iterdir())
            runs.append({"wall_s": r["wall_s"], "maxrss_mb": r["maxrss_mb"], "bytes": size,
                         "out": r["stdout"].strip()})
    if runs:
        wall = summary([x["wall_s"] for x in runs])
        rss = summary([x["maxrss_mb"] for x in runs])
        result["cli"] = {"wall_s": wall, "maxrss_mb": rss, "index_bytes": runs[0]["bytes"],
                         "message": runs[-1]["out"]}
        print_table("roleqa index --force (subprocess, real model)",
                    ("n", "wall p50 s", "wall IQR s", "peak RSS p50 MB", "index on disk kB"),
                    [(wall["n"], wall["p50"], wall["iqr"], rss["p50"], runs[0]["bytes"] / 1e3)])
        print(f"CLI said: {runs[-1]['out']}")

    stage_runs = []
    for _ in range(n):
        if stage_runs and budget.left() < 30:
            break
        r = run_child([PYTHON, "-c", STAGES], 300, env=offline_env())
        if r["rc"] != 0:
            print(f"stage run failed: {r['stderr'][-1500:]}")
            break
        data = json.loads(r["stdout"].strip().splitlines()[-1])
        data["maxrss_mb"] = r["maxrss_mb"]
        stage_runs.append(data)
    if stage_runs:
        names = [k for k in stage_runs[0] if k not in ("passages", "maxrss_mb")]
        stages = {k: summary([s[k] for s in stage_runs]) for k in names}
        result["stages_ms"] = stages
        result["passages"] = stage_runs[0]["passages"]
        print_table(f"Build stages in one process ({stage_runs[0]['passages']} passages; ms, "
                    f"median of {len(stage_runs)})", ("stage", "p50", "IQR"),
                    [(k, v["p50"], v["iqr"]) for k, v in stages.items()])
    write_result("build", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
