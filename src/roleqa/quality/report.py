"""Evaluation reports: a Markdown table, JSON, PNG plots, and the CI quality gate.

``eval/reports/report.md`` is what a maintainer reads: the retrievers side by
side, the decline trade-off, latency, and every failure with what was
expected and what came back. The gate compares one run against the
thresholds in ``eval/gate.toml`` and names every metric that dropped.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = ["check_gate", "load_gate", "table", "write_report"]

#: (key, label, format) of the metrics shown in tables, in reading order.
ROWS = (
    ("hit@1", "hit@1", ".3f"), ("hit@3", "hit@3", ".3f"), ("hit@5", "hit@5", ".3f"),
    ("mrr@5", "MRR@5", ".3f"), ("ndcg@5", "nDCG@5", ".3f"),
    ("passage_words_mean", "mean words per passage", ".1f"),
    ("fact_recall", "fact recall", ".3f"), ("answer_words_median", "median answer words", ".0f"),
    ("citation_accuracy", "citations hold the evidence", ".3f"),
    ("out_declined", "out-of-scope declined", ".3f"),
    ("in_wrongly_declined", "in-scope wrongly declined", ".3f"),
    ("decline_precision", "decline precision", ".3f"), ("decline_recall", "decline recall", ".3f"),
    ("wrong_guide", "answered from another guide", ".3f"),
    ("questions", "questions", ".0f"),
    ("follow_up_hit@1", "follow-ups hit@1", ".3f"), ("follow_up_hit@3", "follow-ups hit@3", ".3f"),
    ("follow_up_fact_recall", "follow-ups fact recall", ".3f"),
    ("latency_p50_ms", "latency p50 (ms)", ".1f"), ("latency_p95_ms", "latency p95 (ms)", ".1f"),
)


def table(metrics: Mapping[str, Mapping[str, float]]) -> str:
    """A Markdown table with one column per retriever."""
    names = list(metrics)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key, label, fmt in ROWS:
        cells = [format(metrics[n].get(key, float("nan")), fmt) for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_gate(path: Path) -> dict[str, dict[str, float]]:
    """Thresholds: ``[min]`` metrics must reach, ``[max]`` metrics must not exceed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read quality gate {str(path)!r}: {exc}") from None
    return {"min": dict(data.get("min", {})), "max": dict(data.get("max", {}))}


def check_gate(metrics: Mapping[str, float], gate: Mapping[str, Mapping[str, float]]) -> list[str]:
    """One line per metric that misses its threshold; empty when all pass."""
    failures = []
    for key, floor in gate.get("min", {}).items():
        if metrics.get(key, float("-inf")) < floor:
            failures.append(f"| {key} | {metrics.get(key, float('nan')):.3f} | ≥ {floor:.3f} |")
    for key, ceiling in gate.get("max", {}).items():
        if metrics.get(key, float("inf")) > ceiling:
            failures.append(f"| {key} | {metrics.get(key, float('nan')):.3f} | ≤ {ceiling:.3f} |")
    return failures


def _plots(out: Path, metrics: Mapping[str, Mapping[str, float]],
           curve: Sequence[Mapping[str, float]], chosen_margin: float) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    keys = [("hit@1", "hit@1"), ("hit@3", "hit@3"), ("mrr@5", "MRR@5"), ("ndcg@5", "nDCG@5"),
            ("fact_recall", "fact recall"), ("follow_up_hit@1", "follow-up hit@1")]
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    # The retrievers only: per-guide columns would crowd the bars.
    metrics = {k: v for k, v in metrics.items() if ":" not in k}
    width = 0.8 / max(len(metrics), 1)
    for i, (name, m) in enumerate(metrics.items()):
        xs = [k + i * width for k in range(len(keys))]
        bars = ax.bar(xs, [m.get(k, 0.0) for k, _ in keys], width, label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax.set_xticks([k + width * (len(metrics) - 1) / 2 for k in range(len(keys))],
                  [label for _, label in keys])
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("score (higher is better)")
    ax.set_title("Retrieval and answer quality by retriever")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "retrievers.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4.5), dpi=110)
    xs = [p["wrongly_declined"] for p in curve]
    ys = [p["out_answered"] for p in curve]
    ax.plot(xs, ys, marker="o", markersize=3, color="tab:blue")
    for p in curve:
        if p["margin"] == chosen_margin:
            ax.plot(p["wrongly_declined"], p["out_answered"], "o", color="tab:red", markersize=9,
                    label=f"chosen: margin {chosen_margin:+.3f}")
    ax.set_xlabel("in-scope questions wrongly declined (share)")
    ax.set_ylabel("out-of-scope questions answered (share)")
    ax.set_title("Decline trade-off as the off-guide margin moves")
    ax.set_xlim(-0.02, max(max(xs), 0.2) + 0.02)
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "declines.png")
    plt.close(fig)
    return ["retrievers.png", "declines.png"]


def write_report(out: Path, split: str, metrics: Mapping[str, Mapping[str, float]],
                 failures: Sequence[Mapping[str, Any]], curve: Sequence[Mapping[str, float]],
                 chosen_margin: float, settings: Mapping[str, Any]) -> list[Path]:
    """Write report.md, report.json and the plots; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    plots = _plots(out, metrics, curve, chosen_margin)
    main = "hybrid" if "hybrid" in metrics else next(iter(metrics))
    lines = [
        f"# roleqa evaluation: {split} split",
        "",
        f"Questions: {int(metrics[main]['questions'])} "
        f"({int(metrics[main]['in_scope'])} in scope, {int(metrics[main]['out_of_scope'])} "
        f"out of scope, {int(metrics[main]['follow_ups'])} follow-ups). "
        f"Model: `{settings.get('model_id', '?')}`. Every question goes through "
        "`Assistant.ask`, as a visitor's would. Regenerate with `roleqa eval`.",
        "",
        "## Retrievers side by side", "", table(metrics), "",
        "![metric bars per retriever](retrievers.png)", "",
        "## Declines", "",
        "Each point is the decline policy with another off-guide margin; the red one is the "
        "margin tuned on the dev split.", "", "![decline trade-off](declines.png)", "",
        f"## Failures of the {main} retriever ({len(failures)})", "",
    ]
    for f in failures:
        history = f" (after: {' / '.join(f['history'])})" if f["history"] else ""
        lines += [
            f"- **{f['id']}** {f['question']}{history}: {'; '.join(f['problems'])}.",
            f"  Expected evidence: {' | '.join(f['expected_evidence']) or '(decline)'}."
            f" Facts: {f['expected_facts'] or '-'}.",
            f"  Got ({'answered' if f['answered'] else 'declined'}): {f['answer'][:300]}",
        ]
    (out / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    payload = {"split": split, "metrics": metrics, "failures": list(failures),
               "decline_curve": list(curve), "settings": dict(settings)}
    (out / "report.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    return [out / "report.md", out / "report.json", *(out / p for p in plots)]
