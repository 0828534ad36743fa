"""Cold start: process start to first answer, and what the imports cost.

Measured, each in fresh subprocesses so nothing is cached in-process (the OS
page cache is warm after the first run; the first run is reported apart):

* ``python -c pass``: the interpreter alone.
* stages of a cold ask in one child: numpy, faiss, roleqa.engine.assistant, torch,
  sentence_transformers, model load, Assistant.load, warm_up, first ask.
* ``python -X importtime -c "import sentence_transformers"``: heaviest imports.
* ``roleqa ask "..."`` end to end (wall time and the child's peak RSS).
* ``roleqa ask --jsonl`` over every evaluation question (per-question cost).
* ``roleqa serve`` if it exists: process start to ``/api/health`` answering 200,
  RSS when ready and after some asks (loopback only).

Run: ``.venv/bin/python benchmarks/bench_cold.py [--quick] [--budget S]``
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from typing import Any

from common import (
    BIN,
    PYTHON,
    ROOT,
    Budget,
    free_port,
    load_questions,
    offline_env,
    parser,
    print_table,
    rss_mb,
    run_child,
    summary,
    write_result,
)

QUESTION = "What tools does a deep learning engineer use?"
STAGES = r"""
import json, sys, time
t0 = time.perf_counter(); marks = {}
def mark(name): marks[name] = round((time.perf_counter() - t0) * 1000, 1)
import numpy; mark("numpy")
import faiss; mark("faiss")
import roleqa.engine.assistant; mark("roleqa.engine.assistant (no torch)")
print(json.dumps({"torch_loaded_by_roleqa": "torch" in sys.modules}), file=sys.stderr)
import torch; mark("torch")
import sentence_transformers; mark("sentence_transformers")
from roleqa.config import Settings
from roleqa.guides.embed import SentenceTransformerEmbedder
e = SentenceTransformerEmbedder(); e.warm_up(); mark("model load")
a = roleqa.engine.assistant.Assistant.load(Settings(), embedder=e); mark("Assistant.load")
a.warm_up(); mark("assistant.warm_up")
a.ask("How do I become a deep learning engineer?"); mark("first ask")
print(json.dumps(marks))
"""


def stages(n: int, budget: Budget) -> dict[str, Any]:
    runs: list[dict[str, float]] = []
    for _ in range(n):
        if runs and budget.expired():
            break
        r = run_child([PYTHON, "-c", STAGES], 180, env=offline_env())
        if r["rc"] != 0:
            print(r["stderr"][-2000:])
            return {"error": r["stderr"][-500:]}
        runs.append(json.loads(r["stdout"].strip().splitlines()[-1]))
    names = list(runs[0])
    rows, out, prev = [], {}, 0.0
    for name in names:
        cum = summary([run[name] for run in runs])["p50"]
        out[name] = {"cumulative_ms": cum, "step_ms": cum - prev}
        rows.append((name, cum - prev, cum))
        prev = cum
    print_table(f"Cold ask in one process, by stage (ms, median of {len(runs)})",
                ("stage", "step", "cumulative"), rows)
    return {"runs": len(runs), "stages": out}


def importtime() -> dict[str, Any]:
    """Self time of every module imported by sentence_transformers, summed per top package."""
    r = run_child([PYTHON, "-X", "importtime", "-c", "import sentence_transformers"], 180,
                  env=offline_env())
    per_root: dict[str, float] = {}
    total = 0.0
    for line in r["stderr"].splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, _, name = line[len("import time:"):].split("|", 2)
        root = name.strip().split(".")[0]
        per_root[root] = per_root.get(root, 0.0) + int(self_us) / 1000
        total += int(self_us) / 1000
    top = sorted(per_root.items(), key=lambda kv: -kv[1])[:12]
    print_table(f"python -X importtime -c 'import sentence_transformers': self time per "
                f"top-level package (ms; all modules {total:.0f} ms, importtime inflates it)",
                ("package", "self ms", "share %"),
                [(k, v, 100 * v / total) for k, v in top])
    return {"total_ms": total, "per_package_ms": dict(top)}


def cli(n: int, budget: Budget) -> dict[str, Any]:
    roleqa = str(BIN / "roleqa")
    res: dict[str, Any] = {}
    for label, cmd in (("python -c pass", [PYTHON, "-c", "pass"]),
                       ("roleqa --help", [roleqa, "--help"]),
                       ("roleqa ask 'question'", [roleqa, "ask", QUESTION])):
        runs = []
        for _ in range(n):
            if runs and budget.expired():
                break
            r = run_child(cmd, 180, env=offline_env())
            if r["rc"] != 0:
                print(f"{label} failed: {r['stderr'][-800:]}")
                break
            runs.append(r)
        if runs:
            res[label] = {"wall_s": summary([r["wall_s"] for r in runs]),
                          "first_wall_s": runs[0]["wall_s"],
                          "maxrss_mb": max(r["maxrss_mb"] for r in runs)}
    lines = "".join(json.dumps(q) + "\n" for q in load_questions())
    r = run_child([roleqa, "ask", "--jsonl"], 600, env=offline_env(), stdin=lines)
    if r["rc"] == 0:
        answered = len(r["stdout"].splitlines())
        res["roleqa ask --jsonl (all eval questions)"] = {
            "wall_s": summary([r["wall_s"]]), "first_wall_s": r["wall_s"],
            "maxrss_mb": r["maxrss_mb"], "questions": answered}
    rows = [(k, v["wall_s"]["n"], v["wall_s"]["p50"], v["wall_s"].get("iqr", 0.0),
             v["first_wall_s"], v["maxrss_mb"]) for k, v in res.items()]
    print_table("CLI, process start to exit (s; peak RSS MB)",
                ("command", "n", "p50 s", "IQR s", "first run s", "peak RSS MB"), rows)
    return res


def _tree_rss(pid: int) -> dict[str, float]:
    """RSS of a process plus its children (uvicorn may fork workers)."""
    total = rss_mb(pid)
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                for child in fh.read().split():
                    for k, v in rss_mb(int(child)).items():
                        total[k] = total.get(k, 0.0) + v
    except OSError:
        pass
    return total


def serve_once(asks: int, extra: list[str]) -> dict[str, Any]:
    roleqa = str(BIN / "roleqa")
    probe = run_child([roleqa, "serve", "--help"], 60, env=offline_env())
    if probe["rc"] != 0:
        print("\n`roleqa serve` does not exist yet: server cold start not measured.")
        return {"available": False}
    label = " ".join(["roleqa serve", *extra])
    port = free_port()
    env = offline_env(ROLEQA_HOST="127.0.0.1", ROLEQA_PORT=str(port))
    start = time.perf_counter()
    proc = subprocess.Popen([roleqa, "serve", *extra], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    ready = None
    try:
        while time.perf_counter() - start < 120 and proc.poll() is None:
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as resp:
                    if resp.status == 200:
                        ready = time.perf_counter() - start
                        break
            except OSError:
                pass
            time.sleep(0.05)
        if ready is None:
            err = proc.stderr.read(4000).decode(errors="replace") if proc.poll() else ""
            print(f"{label}: never became ready: {err}")
            return {"available": True, "ready_s": None}
        at_ready = _tree_rss(proc.pid)
        ok, lat = 0, []
        for q in load_questions(asks) if asks else []:
            body = json.dumps(q).encode()
            req = urllib.request.Request(base + "/api/ask", data=body,
                                         headers={"Content-Type": "application/json"})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=30) as resp:
                    ok += resp.status == 200
            except OSError:
                pass
            lat.append((time.perf_counter() - t) * 1000)
        after = _tree_rss(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    res = {"available": True, "command": label, "ready_s": ready, "rss_ready_mb": at_ready,
           "rss_after_asks_mb": after, "asks": len(lat), "asks_ok": ok,
           "ask_ms": summary(lat)}
    return res


def serve(n: int, asks: int, extra: list[str]) -> dict[str, Any]:
    """``n`` cold starts of the server (asks sent on the last one)."""
    runs = [serve_once(asks if i == n - 1 else 0, extra) for i in range(n)]
    res = runs[-1]
    if not res.get("available") or any(r.get("ready_s") is None for r in runs):
        return res
    ready = summary([r["ready_s"] for r in runs])
    res["ready_s"], res["ready_runs_s"] = ready["p50"], ready
    at_ready, after = res["rss_ready_mb"], res["rss_after_asks_mb"]
    print_table(f"{res['command']} (loopback, {n} cold starts)", ("what", "value"), [
        ("start → /api/health 200, p50 (s)", ready["p50"]),
        ("start → ready, min / max (s)", f"{ready['min']:.2f} / {ready['max']:.2f}"),
        ("RSS when ready (MB)", at_ready.get("VmRSS", float("nan"))),
        (f"RSS after {res['asks']} asks (MB)", after.get("VmRSS", float("nan"))),
        ("peak RSS (VmHWM, MB)", after.get("VmHWM", float("nan"))),
        ("sequential /api/ask p50 (ms)", res["ask_ms"].get("p50", float("nan"))),
        ("asks answered 200", f"{res['asks_ok']}/{res['asks']}"),
    ])
    return res


def main() -> int:
    args = parser(__doc__.splitlines()[0], budget=300, quick_budget=90)
    budget = Budget(args.budget)
    n = 2 if args.quick else 5
    result: dict[str, Any] = {"quick": args.quick}
    result["stages"] = stages(n, budget)
    result["importtime"] = importtime()
    result["cli"] = cli(n, budget)
    starts = 1 if args.quick else 3
    result["serve"] = serve(starts, 10 if args.quick else 50, [])
    result["serve_api_only"] = serve(starts, 10 if args.quick else 50, ["--api-only"])
    write_result("cold", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
