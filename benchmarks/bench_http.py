"""HTTP throughput of ``POST /api/ask`` on loopback: requests/s and latency at
concurrency 1, 8 and 32.

Starts ``roleqa serve --api-only`` itself on a free 127.0.0.1 port (rate limit
raised out of the way), waits for ``/api/health``, warms up, then for each
concurrency runs a bounded async httpx loop for a fixed time (10 s, quick 3 s),
cycling through the evaluation questions with their history; each client is
a distinct visitor with its own loopback address. Prints a table
and writes ``benchmarks/results/http.json`` (``http_workersN.json`` with N
workers). All traffic stays on loopback, and the run stops by itself; the
server is stopped at the end.

Run: ``.venv/bin/python benchmarks/bench_http.py [--quick] [--seconds S] [--workers N]``
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import subprocess
import tempfile
import time
from collections import Counter
from typing import Any

import httpx
from common import (
    BIN,
    ROOT,
    free_port,
    load_questions,
    offline_env,
    print_table,
    summary,
    write_result,
)

LEVELS = (1, 8, 32)
STARTUP_TIMEOUT_S = 240


async def load(url: str, questions: list[dict[str, Any]], concurrency: int,
               seconds: float) -> dict[str, Any]:
    """``concurrency`` clients asking back to back for ``seconds``; latencies of the 200s.

    Each client is a distinct visitor: its own connection from its own loopback
    address (127.0.0.10, .11, ...), as the server's rate limit and connection
    bookkeeping see real visitors (no X-Forwarded-For: the server trusts none)."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    order = itertools.count()
    deadline = time.perf_counter() + seconds

    async def one_client(n: int) -> None:
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{10 + n}")
        async with httpx.AsyncClient(base_url=url, transport=transport, timeout=30) as client:
            while time.perf_counter() < deadline:
                body = questions[next(order) % len(questions)]
                start = time.perf_counter()
                try:
                    r = await client.post("/api/ask", json=body)
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] += 1
                    continue
                if r.status_code == 200:
                    latencies.append((time.perf_counter() - start) * 1000)
                else:
                    errors[str(r.status_code)] += 1

    start = time.perf_counter()
    await asyncio.gather(*(one_client(n) for n in range(concurrency)))
    elapsed = time.perf_counter() - start
    return {"concurrency": concurrency, "seconds": round(elapsed, 2), "ok": len(latencies),
            "errors": dict(errors), "error_count": sum(errors.values()),
            "rps": len(latencies) / elapsed, "latency_ms": summary(latencies)}


def wait_ready(url: str, proc: subprocess.Popen[bytes]) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < STARTUP_TIMEOUT_S:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return time.perf_counter() - start
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server did not become ready in time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 s per level instead of 10 s")
    ap.add_argument("--seconds", type=float, default=None, help="seconds per level")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = ap.parse_args()
    seconds = args.seconds or (3.0 if args.quick else 10.0)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = offline_env(ROLEQA_RATE_LIMIT_PER_MINUTE="1000000", ROLEQA_QUEUE_SIZE="256")
    cmd = [str(BIN / "roleqa"), "serve", "--api-only", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(args.workers)]
    questions = load_questions()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log,
                                start_new_session=True)
        try:
            ready_s = wait_ready(url, proc)
            print(f"server ready in {ready_s:.1f} s ({args.workers} worker(s)); "
                  f"{seconds:g} s per level")
            asyncio.run(load(url, questions, 2, 2.0))  # warm-up, not reported
            runs = [asyncio.run(load(url, questions, c, seconds)) for c in LEVELS]
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    print_table(
        f"POST /api/ask on loopback ({args.workers} worker(s), {seconds:g} s per level)",
        ["concurrency", "req/s", "p50 ms", "p95 ms", "ok", "errors"],
        [[r["concurrency"], r["rps"], r["latency_ms"].get("p50", float("nan")),
          r["latency_ms"].get("p95", float("nan")), r["ok"], r["error_count"]] for r in runs],
    )
    name = "http" if args.workers == 1 else f"http_workers{args.workers}"
    write_result(name, {"workers": args.workers, "seconds_per_level": seconds,
                        "questions": len(questions), "startup_s": round(ready_s, 2),
                        "levels": runs})


if __name__ == "__main__":
    main()
