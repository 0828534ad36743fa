"""Shared helpers for the benchmarks: timing, summaries, budgets, children, results.

Every benchmark prints medians with a spread and writes one JSON file to
``benchmarks/results/<name>.json`` with the machine it ran on. Timings are
noisy on a shared two-core machine: read medians and spreads, not single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable
BIN = Path(PYTHON).parent


class Budget:
    """A wall-clock allowance: benchmarks stop adding samples once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.start = time.perf_counter()

    def left(self) -> float:
        return self.seconds - (time.perf_counter() - self.start)

    def expired(self) -> bool:
        return self.left() <= 0


def percentile(samples: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, ``q`` in [0, 100]."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary(samples: Sequence[float]) -> dict[str, float]:
    """n, p50, p95, min, max and the spread (interquartile range, also relative)."""
    if not samples:
        return {"n": 0}
    p50 = statistics.median(samples)
    iqr = percentile(samples, 75) - percentile(samples, 25)
    return {
        "n": len(samples),
        "p50": p50,
        "p95": percentile(samples, 95),
        "min": min(samples),
        "max": max(samples),
        "iqr": iqr,
        "iqr_rel": iqr / p50 if p50 else float("nan"),
    }


def time_ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def repeat_ms(fn: Callable[[], Any], n: int, budget: Budget | None = None,
              warmup: int = 1) -> list[float]:
    """Up to ``n`` timings of ``fn`` in milliseconds, fewer if the budget runs out."""
    for _ in range(warmup):
        fn()
    out: list[float] = []
    for _ in range(n):
        if budget is not None and out and budget.expired():
            break
        out.append(time_ms(fn))
    return out


def fmt(value: Any, digits: int = 2) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def print_table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A Markdown table, so output can be pasted into RESULTS.md as it is."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    print(f"\n### {title}\n")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    sys.stdout.flush()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the numbers were measured on (no heavy import: versions come from metadata)."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(ram_gib, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
        **{pkg: _version(pkg) for pkg in (
            "torch", "faiss-cpu", "sentence-transformers", "transformers", "numpy", "bm25s")},
    }


def write_result(name: str, data: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` with the machine and a timestamp."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "machine": machine(), **data}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str) + "\n")
    os.replace(tmp, path)
    print(f"\nwrote {path.relative_to(ROOT)}")
    return path


def rss_mb(pid: int | str = "self") -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MB."""
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return out


def run_child(cmd: Sequence[str], timeout: float, env: dict[str, str] | None = None,
              stdin: str | None = None, cwd: Path = ROOT) -> dict[str, Any]:
    """Run ``cmd``; wall time, exit code, output and the child's own peak RSS (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin.encode())
            proc.stdin.close()
        deadline = start + timeout
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return {
            "wall_s": wall,
            "rc": proc.returncode,
            "timed_out": wall > timeout,
            "maxrss_mb": usage.ru_maxrss / 1024 if usage else float("nan"),
            "stdout": out.read().decode(errors="replace"),
            "stderr": err.read().decode(errors="replace"),
        }


def offline_env(**extra: str) -> dict[str, str]:
    """The environment for children: offline model loading, no ROLEQA_* leaking in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLEQA_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def parser(description: str, budget: float, quick_budget: float,
           extra: Callable[[argparse.ArgumentParser], None] | None = None) -> argparse.Namespace:
    """The flags every benchmark takes: --quick and --budget SECONDS (and any ``extra``)."""
    ap = argparse.ArgumentParser(description=description)
    if extra is not None:
        extra(ap)
    ap.add_argument("--quick", action="store_true", help="a short run (make bench)")
    ap.add_argument("--budget", type=float, default=None,
                    help=f"seconds to spend at most (default {budget:g}, quick {quick_budget:g})")
    args = ap.parse_args()
    if args.budget is None:
        args.budget = quick_budget if args.quick else budget
    return args


def load_questions(limit: int | None = None) -> list[dict[str, Any]]:
    """The evaluation questions (question + history), in file order."""
    rows = []
    with (ROOT / "eval" / "questions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                rows.append({"question": row["question"], "history": row.get("history") or []})
    return rows[:limit] if limit else rows
