"""The ONNX Runtime query encoder against sentence-transformers (torch), in one run.

Measured on this machine, in fresh subprocesses, alternating the two sides so
load from other users falls on both alike; figures are medians, and every
target is a ratio of two figures of the same run:

* warm ask p50 (ONNX, as ``Assistant.load`` serves) vs the bare
  sentence-transformers encode of one question (``SentenceTransformerEmbedder
  .encode([q])``, the torch floor): target ≤ 0.5 ×;
* start → ``/api/health`` 200 of ``roleqa serve --api-only`` (≤ 0.5 ×) and
  ``roleqa serve`` with the chat page (≤ 0.8 ×) vs ``import torch,
  sentence_transformers``; RSS of ``--api-only`` after 100 asks (≤ 300 MB);
* HTTP ``POST /api/ask`` at concurrency 1, 8, 32 for both encoders, with and
  without micro-batching: ONNX at 8 ≥ 2 × torch's req/s, p95 ≤ 100 ms, 0 errors.

The export must exist (``roleqa index`` makes it). Writes ``results/onnx.json``.

Run: ``.venv/bin/python benchmarks/bench_onnx.py [--quick] [--budget S]``
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from typing import Any

from bench_http import load as http_load
from common import (
    PYTHON,
    ROOT,
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

ASK = r"""
import json, sys, time
mode, qs = sys.argv[1], json.loads(sys.stdin.read())
from roleqa.config import Settings
from pathlib import Path
root = Path(sys.argv[2])
if mode.startswith("torch"):
    from roleqa.guides.embed import SentenceTransformerEmbedder
    e = SentenceTransformerEmbedder(); e.warm_up()
    if mode == "torch1":
        import torch; torch.set_num_threads(1)
    call = lambda q: e.encode([q["question"]])
    st = lambda q: e._model.encode([q["question"]], normalize_embeddings=True,
                                   show_progress_bar=False)
else:
    from roleqa.engine.assistant import Assistant
    s = Settings(corpus_dir=root / "corpus", index_dir=root / "index",
                 question_bank=root / "eval/questions.jsonl", cache_dir=root / ".cache/roleqa")
    a = Assistant.load(s); a.warm_up()
    call = lambda q: a.ask(q["question"], q["history"])
    st = lambda q: a.embedder.encode([q["question"]])
for q in qs[:20]:
    call(q)
lat, lat_st = [], []
for q in qs:
    t = time.perf_counter(); call(q); lat.append((time.perf_counter() - t) * 1000)
    # interleaved: SentenceTransformer.encode itself, or the bare ONNX encode
    t = time.perf_counter(); st(q); lat_st.append((time.perf_counter() - t) * 1000)
heavy = sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules)
print(json.dumps({"lat": lat, "lat_st": lat_st, "heavy": heavy}))
"""
IMPORT = "import torch, sentence_transformers"
TORCH_ENV = {"ROLEQA_ENCODER": "torch"}
#: this tree's roleqa, whatever the venv's ``roleqa`` script points at
ROLEQA = [PYTHON, "-c", "from roleqa.cli import main; main()"]


def env(**extra: str) -> dict[str, str]:
    return offline_env(PYTHONPATH=str(ROOT / "src"), **extra)


def warm_ask(rounds: int, per_round: int) -> dict[str, Any]:
    """ONNX ask vs bare torch encode, ``rounds`` alternations of fresh processes."""
    questions = load_questions()
    samples: dict[str, list[float]] = {
        "torch_encode": [], "torch_encode_1thread": [], "st_encode": [],
        "st_encode_1thread": [], "onnx_ask": [], "onnx_encode": []}
    heavy: list[str] = []
    for r in range(rounds):
        chunk = json.dumps(questions[r * per_round % len(questions):][:per_round])
        for mode, key in (("torch", "torch_encode"), ("onnx", "onnx_ask"),
                          ("torch1", "torch_encode_1thread")):
            out = run_child([PYTHON, "-c", ASK, mode, str(ROOT)], 600, env=env(),
                            stdin=chunk)
            if out["rc"]:
                raise SystemExit(f"{mode} child failed: {out['stderr'][-1500:]}")
            data = json.loads(out["stdout"].strip().splitlines()[-1])
            samples[key] += data["lat"]
            second = {"torch": "st_encode", "torch1": "st_encode_1thread", "onnx": "onnx_encode"}
            samples[second[mode]] += data["lat_st"]
            heavy = data["heavy"] if mode == "onnx" else heavy
    res = {k: summary(v) for k, v in samples.items()}
    # against the faster torch setting: with 2 threads torch collapses when
    # another process holds a core (RESULTS.md), which would flatter ONNX
    floor = min(res["torch_encode"]["p50"], res["torch_encode_1thread"]["p50"])
    res["ratio"] = res["onnx_ask"]["p50"] / floor
    res["ratio_vs_st_encode"] = res["onnx_ask"]["p50"] / min(
        res["st_encode"]["p50"], res["st_encode_1thread"]["p50"])
    res["onnx_process_imported"] = heavy
    print_table("Warm ask (ONNX) vs bare torch encode of one question (ms)",
                ("what", "n", "p50", "p95", "IQR"),
                [(k, v["n"], v["p50"], v["p95"], v["iqr"]) for k, v in res.items()
                 if isinstance(v, dict)])
    print(f"ratio onnx ask p50 / faster torch encode p50 = {res['ratio']:.2f} (target ≤ 0.5), "
          f"/ SentenceTransformer.encode p50 {res['ratio_vs_st_encode']:.2f}; "
          f"heavy modules in the ONNX process: {heavy or 'none'}")
    return res


class Server:
    """``roleqa serve ...`` on a free loopback port; ``ready_s`` to /api/health 200."""

    def __init__(self, extra: list[str], settings: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        variables = env(ROLEQA_HOST="127.0.0.1", ROLEQA_PORT=str(self.port),
                        ROLEQA_RATE_LIMIT_PER_MINUTE="1000000", ROLEQA_QUEUE_SIZE="256",
                        **settings)
        start = time.perf_counter()
        self.proc = subprocess.Popen([*ROLEQA, "serve", *extra], cwd=ROOT, env=variables,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        self.ready_s = float("nan")
        while time.perf_counter() - start < 240 and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=2) as resp:
                    if resp.status == 200:
                        self.ready_s = time.perf_counter() - start
                        return
            except OSError:
                time.sleep(0.02)
        self.stop()
        raise SystemExit(f"roleqa serve {' '.join(extra)} never became ready")

    def ask_all(self, questions: list[dict[str, Any]]) -> int:
        ok = 0
        for q in questions:
            req = urllib.request.Request(self.url + "/api/ask", data=json.dumps(q).encode(),
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                ok += resp.status == 200
        return ok

    def loads_torch(self) -> bool:
        """Whether the server process has torch's library mapped (imported it)."""
        with open(f"/proc/{self.proc.pid}/maps") as fh:
            return "libtorch" in fh.read()

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def startup(n: int) -> dict[str, Any]:
    """``n`` alternations: the torch import, serve --api-only, serve (ONNX; torch once)."""
    times: dict[str, list[float]] = {"import torch, sentence_transformers": [],
                                     "serve --api-only (onnx)": [], "serve (onnx)": [],
                                     "serve --api-only (torch)": []}
    rss: dict[str, float] = {}
    asked = 0
    torch_mapped: dict[str, bool] = {}
    for i in range(n):
        r = run_child([PYTHON, "-c", IMPORT], 300, env=env())
        times["import torch, sentence_transformers"].append(r["wall_s"])
        for label, extra, settings in (("serve --api-only (onnx)", ["--api-only"], {}),
                                  ("serve (onnx)", [], {}),
                                  ("serve --api-only (torch)", ["--api-only"], TORCH_ENV)):
            if "torch" in label and i:
                continue  # once is enough to show what the ONNX side saves
            server = Server(extra, settings)
            try:
                times[label].append(server.ready_s)
                torch_mapped[label] = server.loads_torch()
                if i == n - 1 and label == "serve --api-only (onnx)":
                    asked = server.ask_all(load_questions(100))
                    rss = rss_mb(server.proc.pid)
            finally:
                server.stop()
    res: dict[str, Any] = {k: summary(v) for k, v in times.items()}
    base = res["import torch, sentence_transformers"]["p50"]
    res["ratio_api_only"] = res["serve --api-only (onnx)"]["p50"] / base
    res["ratio_with_page"] = res["serve (onnx)"]["p50"] / base
    res["rss_api_only_after_asks_mb"], res["asks_ok"] = rss, asked
    res["torch_mapped"] = torch_mapped
    print_table(f"Start → /api/health 200 (s, {n} alternations)",
                ("what", "n", "p50", "min", "max"),
                [(k, v["n"], v["p50"], v["min"], v["max"]) for k, v in res.items()
                 if isinstance(v, dict) and "p50" in v])
    print(f"ratios to the torch import: api-only {res['ratio_api_only']:.2f} (≤ 0.5), "
          f"with page {res['ratio_with_page']:.2f} (≤ 0.8); RSS --api-only after {asked} asks: "
          f"{rss.get('VmRSS', float('nan')):.0f} MB (peak {rss.get('VmHWM', float('nan')):.0f};"
          f" ≤ 300); torch loaded by: {[k for k, v in torch_mapped.items() if v]}")
    return res


def http(seconds: float) -> dict[str, Any]:
    """Concurrency 1, 8, 32 for each encoder, with and without micro-batching."""
    configs = {
        "onnx, batching": {},
        "onnx, batching, 1 thread": {"ROLEQA_ENCODER_THREADS": "1"},
        "onnx, no batching": {"ROLEQA_BATCHING": "false"},
        "onnx, no batching, 1 thread": {"ROLEQA_BATCHING": "false",
                                        "ROLEQA_ENCODER_THREADS": "1"},
        "torch, batching": TORCH_ENV,
        "torch, no batching": {**TORCH_ENV, "ROLEQA_BATCHING": "false"},
    }
    questions = load_questions()
    res: dict[str, Any] = {}
    rows = []
    for label, settings in configs.items():
        server = Server(["--api-only"], settings)
        try:
            asyncio.run(http_load(server.url, questions, 2, 2.0))  # warm-up, not reported
            levels = [asyncio.run(http_load(server.url, questions, c, seconds))
                      for c in (1, 8, 32)]
        finally:
            server.stop()
        res[label] = levels
        rows += [(label, r["concurrency"], r["rps"], r["latency_ms"].get("p50", float("nan")),
                  r["latency_ms"].get("p95", float("nan")), r["error_count"]) for r in levels]
    print_table(f"POST /api/ask on loopback, 1 process ({seconds:g} s per level)",
                ("server", "concurrency", "req/s", "p50 ms", "p95 ms", "errors"), rows)
    onnx8, torch8 = res["onnx, batching"][1], res["torch, batching"][1]
    res["ratio_rps_c8"] = onnx8["rps"] / torch8["rps"]
    print(f"concurrency 8: ONNX {onnx8['rps']:.1f} req/s vs torch {torch8['rps']:.1f} "
          f"= {res['ratio_rps_c8']:.2f} × (≥ 2), p95 {onnx8['latency_ms']['p95']:.1f} ms (≤ 100)")
    return res


def main() -> int:
    args = parser(__doc__.splitlines()[0], budget=900, quick_budget=240)
    result: dict[str, Any] = {"quick": args.quick, "loadavg_before": os.getloadavg()}
    result["ask"] = warm_ask(2 if args.quick else 3, 100 if args.quick else 300)
    result["startup"] = startup(2 if args.quick else 3)
    result["http"] = http(3.0 if args.quick else 10.0)
    result["loadavg_after"] = os.getloadavg()
    ask, start, web = result["ask"], result["startup"], result["http"]
    onnx8 = web["onnx, batching"][1]
    result["targets"] = {
        "ask_ratio_le_0.5": ask["ratio"] <= 0.5,
        "api_only_ratio_le_0.5": start["ratio_api_only"] <= 0.5,
        "with_page_ratio_le_0.8": start["ratio_with_page"] <= 0.8,
        "rss_le_300": start["rss_api_only_after_asks_mb"].get("VmRSS", 1e9) <= 300,
        "c8_rps_ratio_ge_2": web["ratio_rps_c8"] >= 2,
        "c8_p95_le_100": onnx8["latency_ms"].get("p95", 1e9) <= 100,
        "c8_no_errors": onnx8["error_count"] == 0,
    }
    print("\ntargets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}"
                                    for k, v in result["targets"].items()))
    print(f"load average before / after: {result['loadavg_before']} / "
          f"{result['loadavg_after']}")
    write_result("onnx", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
