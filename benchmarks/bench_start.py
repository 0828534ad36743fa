"""Start-up with and without what ``roleqa index`` stores for it (issue 13).

A start loads the index and the query encoder, builds the engine's shared
state (catalogue, vocabulary, BM25, list runs) and warms up (the word, topic
and heading vectors, one ask). The build stores the vectors (``tables``) and
the catalogue's lexicon, so a start reads them; this measures both ways in
fresh processes, alternating, on one guide, the six-guide example catalogue
and 200 guides (bench_catalogue's renamed copies), with the ONNX encoder.
"stored" starts from the index as built; "rebuilt" drops the stored tables and
lexicon and so makes them again, as every start did before.

    python benchmarks/bench_start.py [--quick]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from statistics import median
from typing import Any

from bench_catalogue import sizes
from common import ROOT, Budget, offline_env, parser, print_table, run_child, write_result

os.environ.setdefault("HF_HUB_OFFLINE", "1")

CHILD = r"""
import json, sys, time
from dataclasses import replace
from pathlib import Path
t0 = time.perf_counter()
from roleqa.config import Settings
from roleqa.engine.assistant import Assistant
from roleqa.engine.tuning import load_tuning
from roleqa.guides.index import load_index
from roleqa.guides.onnx_embed import serving_embedder
index_dir, mode, tuning = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
laps = {"import": time.perf_counter() - t0}
t = time.perf_counter()
index = load_index(index_dir)
if mode == "rebuilt":
    index = replace(index, tables={}, lexicon={})
embedder = serving_embedder(Settings(), index.manifest.extra)
laps["load index"] = time.perf_counter() - t
t = time.perf_counter()
assistant = Assistant.over(index, embedder, Settings(), load_tuning(tuning)[0])
laps["shared state"] = time.perf_counter() - t
t = time.perf_counter()
assistant.warm_up()
laps["warm-up"] = time.perf_counter() - t
laps["total"] = time.perf_counter() - t0
status = Path("/proc/self/status").read_text()
laps["peak RSS MB"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"laps": laps, "passages": len(index.passages),
                  "words": len(assistant.library.space.words)}))
"""


def main() -> int:
    args = parser("Start-up with and without the stored derived state.", budget=900,
                  quick_budget=300)
    sys.path.insert(0, str(ROOT / "src"))
    from roleqa.config import Settings
    from roleqa.guides.embed import SentenceTransformerEmbedder
    from roleqa.quality.learn import build_all

    budget = Budget(args.budget)
    work = Path(tempfile.mkdtemp(prefix="roleqa-start-"))
    corpora = sizes(work)
    embedder = SentenceTransformerEmbedder()
    indexes = {}
    for i, (name, corpus) in enumerate(corpora.items()):
        settings = Settings(corpus_dir=corpus, index_dir=work / f"index-{i}",
                            question_bank=work / "none.jsonl", tuning=work / "none.json")
        build_all(settings, embedder)
        indexes[name] = settings.index_dir
        print(f"built {name}", flush=True)
    script = work / "start.py"
    script.write_text(CHILD, encoding="utf-8")
    env = offline_env(PYTHONPATH=str(ROOT / "src"))
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    rounds = 0
    while rounds < (2 if args.quick else 5) and not budget.expired():
        rounds += 1
        for name, index_dir in indexes.items():
            for mode in ("stored", "rebuilt"):
                child = run_child([sys.executable, str(script), str(index_dir), mode,
                                   str(ROOT / "eval" / "tuning.json")], timeout=300, env=env)
                if child["rc"] != 0:
                    raise SystemExit(f"the {mode} start of {name} failed:\n{child['stderr']}")
                run = json.loads(child["stdout"].strip().splitlines()[-1])
                runs.setdefault((name, mode), []).append(run)
    stats: dict[str, Any] = {}
    rows = []
    for name in indexes:
        med = {mode: {lap: median(r["laps"][lap] for r in runs[(name, mode)])
                      for lap in runs[(name, mode)][0]["laps"]} for mode in ("stored", "rebuilt")}
        first = runs[(name, "stored")][0]
        stats[name] = {"passages": first["passages"], "words": first["words"], **med}
        for mode in ("stored", "rebuilt"):
            m = med[mode]
            rows.append([name, mode, first["passages"], m["shared state"], m["warm-up"],
                         m["total"], m["total"] / med["rebuilt"]["total"], m["peak RSS MB"]])
    print_table(f"Start-up, seconds (medians of {rounds} alternating fresh processes)",
                ["catalogue", "start", "passages", "shared state", "warm-up", "total",
                 "total / rebuilt", "peak RSS MB"], rows)
    write_result("start", {"rounds": rounds, "seconds": stats})
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
