"""Soak: the API and the chat page together, for minutes, watching the server's memory.

``python benchmarks/bench_soak.py [--minutes 10] [--concurrency 8]`` starts
``roleqa serve`` (chat and API) as a subprocess on a free loopback port, then
runs ``concurrency`` clients, each from its own loopback address
(127.0.0.10, .11, ...): half ask ``POST /api/ask``, half talk to the chat page
the way a browser does (``/gradio_api/queue/join`` and its event stream), each
conversation in a fresh Gradio session of three questions, so sessions keep
being made and forgotten. Every 5 s it samples the server's RSS.

Writes ``benchmarks/results/soak.json`` (samples, status counts, RSS at minute 2
and at the end) and ``benchmarks/results/soak.png`` (RSS over time). Loopback
only; every loop is bounded by the deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
QUESTIONS = [
    "Which cloud platforms does a deep learning engineer use?",
    "What skills does a deep learning engineer need?",
    "and which languages?",
    "How much do deep learning engineers earn?",
    "What does a deep learning engineer do day to day?",
    "Who do they work with?",
]


def rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` in kB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def api_client(url: str, n: int, until: float, seen: Counter[int]) -> None:
    """Ask the JSON API in a loop, with a short history, until the deadline."""
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{10 + n}")
    async with httpx.AsyncClient(base_url=url, timeout=60, transport=transport) as client:
        i = n
        while time.monotonic() < until:
            q = QUESTIONS[i % len(QUESTIONS)]
            r = await client.post("/api/ask", json={"question": q,
                                                   "history": QUESTIONS[: i % 3]})
            seen[r.status_code] += 1
            i += 1


async def chat_client(url: str, n: int, until: float, seen: Counter[int],
                      trigger: int) -> None:
    """Talk to the chat page as its script does: join the queue, read the stream."""
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{10 + n}")
    async with httpx.AsyncClient(base_url=url, timeout=60, transport=transport) as client:
        i = n
        while time.monotonic() < until:
            session = uuid.uuid4().hex[:11]  # a new visitor every three questions
            for _ in range(3):
                body = {"data": [QUESTIONS[i % len(QUESTIONS)], None], "fn_index": 0,
                        "session_hash": session, "event_data": None, "trigger_id": trigger}
                r = await client.post("/gradio_api/queue/join", json=body)
                seen[r.status_code] += 1
                i += 1
                if r.status_code != 200:
                    continue
                async with client.stream("GET", "/gradio_api/queue/data",
                                         params={"session_hash": session}) as stream:
                    seen[stream.status_code] += 1
                    async for line in stream.aiter_lines():
                        if '"process_completed"' in line:
                            break


async def drive(url: str, pid: int, seconds: float, concurrency: int) -> dict[str, Any]:
    config = httpx.get(f"{url}/config", timeout=30).json()
    trigger = config["dependencies"][0]["targets"][0][0]
    until = time.monotonic() + seconds
    seen: Counter[int] = Counter()
    start = time.monotonic()
    samples: list[tuple[float, int]] = []

    async def sample() -> None:
        while time.monotonic() < until:
            samples.append((round(time.monotonic() - start, 1), rss_kb(pid)))
            await asyncio.sleep(5)

    tasks = [api_client(url, n, until, seen) if n % 2 else
             chat_client(url, n, until, seen, trigger) for n in range(concurrency)]
    await asyncio.gather(sample(), *tasks)
    samples.append((round(time.monotonic() - start, 1), rss_kb(pid)))
    return {"samples": samples, "status": dict(sorted(seen.items()))}


def at(samples: list[tuple[float, int]], second: float) -> int:
    """The RSS sample nearest to ``second``."""
    return min(samples, key=lambda s: abs(s[0] - second))[1]


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [t / 60 for t, _ in result["samples"]]
    ys = [kb / 1024 for _, kb in result["samples"]]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(xs, ys)
    ax.axvline(2, color="grey", linestyle=":")
    ax.set_xlabel("minutes")
    ax.set_ylabel("server RSS (MB)")
    ax.set_title(f"Soak: concurrency {result['concurrency']}, "
                 f"growth min 2 → end {result['growth_pct']:+.1f}%")
    fig.tight_layout()
    fig.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ROLEQA_RATE_LIMIT_PER_MINUTE": "100000",
           "ROLEQA_FEEDBACK_PATH": "/tmp/roleqa-soak-feedback.jsonl"}
    server = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        result = asyncio.run(drive(url, server.pid, args.minutes * 60, args.concurrency))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    samples = result["samples"]
    rss2, rss_end = at(samples, 120), samples[-1][1]
    result.update(minutes=args.minutes, concurrency=args.concurrency, rss_min2_kb=rss2,
                  rss_end_kb=rss_end, growth_pct=round(100 * (rss_end - rss2) / rss2, 2),
                  server_errors=sum(n for code, n in result["status"].items() if code >= 500))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "soak.json").write_text(json.dumps(result, indent=1))
    plot(result, RESULTS / "soak.png")
    print(json.dumps({k: v for k, v in result.items() if k != "samples"}))


if __name__ == "__main__":
    main()
