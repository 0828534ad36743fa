"""Ask latency as the catalogue grows: one guide, the example catalogue, and 200 guides.

The 200 guides are the example catalogue's six renamed over and over
("data scientist" becomes "marine data scientist", ...), so each has its own
role, aliases and passages. The three assistants share one model and answer the
same questions (the bank's catalogue questions, each with its scope) in
interleaved rounds, so the ratios are of one run on one machine. Last, the
six-guide assistant answers the questions without history alone and after an
earlier question, whose answer's guide a question naming no role stays with.

    python benchmarks/bench_catalogue.py [--quick]
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from common import ROOT, Budget, parser, print_table, summary, time_ms, write_result

os.environ.setdefault("HF_HUB_OFFLINE", "1")

CATALOGUE = ROOT / "examples" / "catalogue"
PREFIXES = ("marine", "urban", "retail", "clinical", "civic", "orbital", "alpine", "coastal",
            "rural", "polar", "lunar", "arctic", "desert", "island", "valley", "harbour",
            "forest", "canyon", "meadow", "summit", "prairie", "delta", "tundra", "glacier",
            "reef", "steppe", "savanna", "fjord", "lagoon", "moor", "highland", "lowland", "oasis",
            "plateau")


def synthetic(out: Path, count: int) -> Path:
    """``count`` guides made from the example catalogue by renaming each role."""
    sources = sorted(p for p in CATALOGUE.glob("*.md"))
    out.mkdir(parents=True, exist_ok=True)
    made = 0
    for prefix in PREFIXES:
        for src in sources:
            if made == count:
                return out
            text = src.read_text(encoding="utf-8")
            role = _role(text, src.stem)
            renamed = re.sub(re.escape(role), f"{prefix} {role}", text, flags=re.IGNORECASE)
            if not renamed.startswith("---"):
                renamed = f"---\nrole: {prefix} {role}\n---\n\n{renamed}"
            (out / f"{prefix}-{src.stem}.md").write_text(renamed, encoding="utf-8")
            made += 1
    return out


def sizes(work: Path) -> dict[str, Path]:
    """The three catalogues measured, by name: the shipped guide alone (copied
    into ``work``), the example catalogue, and 200 renamed guides (made in ``work``)."""
    single = work / "single"
    single.mkdir()
    shutil.copy(ROOT / "corpus" / "deep-learning-engineer.md", single)
    return {"1 guide": single, "6 guides": CATALOGUE,
            "200 guides": synthetic(work / "many", 200)}


def _role(text: str, stem: str) -> str:
    found = re.search(r"^role:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else stem.replace("-", " ")


def main() -> int:
    args = parser("Ask p50 with 1, 6 and 200 guides.", budget=900, quick_budget=240)
    sys.path.insert(0, str(ROOT / "src"))
    from roleqa.config import Settings
    from roleqa.engine.assistant import Assistant
    from roleqa.engine.tuning import load_tuning
    from roleqa.guides.build import stage
    from roleqa.guides.embed import SentenceTransformerEmbedder
    from roleqa.quality.evaluate import load_questions

    budget = Budget(args.budget)
    embedder = SentenceTransformerEmbedder()
    embedder.warm_up()
    tuning, _ = load_tuning(ROOT / "eval" / "tuning.json")
    work = Path(tempfile.mkdtemp(prefix="roleqa-bench-"))
    corpora = sizes(work)
    assistants: dict[str, Any] = {}
    for name, corpus in corpora.items():
        settings = Settings(corpus_dir=corpus, index_dir=work / f"index-{len(assistants)}",
                            question_bank=work / "none.jsonl")
        assistants[name] = Assistant.over(stage(settings, embedder), embedder, settings, tuning)
        assistants[name].warm_up()
        print(f"{name}: {len(assistants[name].index.passages)} passages", flush=True)
    bank = load_questions(ROOT / "eval" / "questions.jsonl", "all")
    # The same questions for every size: those about the example catalogue's
    # guides, asked site-wide (their scope dropped, so the whole catalogue is searched).
    asked = [q for q in bank if q.guide and q.guide != ("deep-learning-engineer",)][:120]
    times: dict[str, list[float]] = {name: [] for name in assistants}
    rounds = 0
    while not budget.expired() and rounds < (2 if args.quick else 5):
        rounds += 1
        for q in asked:
            for name, a in assistants.items():
                times[name].append(time_ms(lambda a=a, q=q: a.ask(q.question, q.history)))
    # After an earlier question, one naming no role first learns which guide
    # answered that one (one more search): the same questions, alone and after one.
    earlier = ("what tools are used for deployment?",)  # names no role
    alone = [q for q in asked if not q.history]
    after: dict[str, list[float]] = {"alone": [], "after a question": []}
    for q in alone if not budget.expired() else []:
        a = assistants["6 guides"]
        after["alone"].append(time_ms(lambda a=a, q=q: a.ask(q.question)))
        after["after a question"].append(time_ms(lambda a=a, q=q: a.ask(q.question, earlier)))
    stats = {name: summary(t) for name, t in times.items()}
    base = stats["1 guide"]["p50"]
    print_table("Ask latency by catalogue size (ms, same questions, interleaved)",
                ["catalogue", "passages", "p50", "p95", "p50 / 1 guide"],
                [[name, len(assistants[name].index.passages), s["p50"], s["p95"],
                  s["p50"] / base] for name, s in stats.items()])
    history = {name: summary(t) for name, t in after.items() if t}
    if len(history) == 2:
        print_table("Ask latency with 6 guides, alone and after an earlier question (ms)",
                    ["asked", "p50", "p95", "p50 / alone"],
                    [[name, s["p50"], s["p95"], s["p50"] / history["alone"]["p50"]]
                     for name, s in history.items()])
    write_result("catalogue", {"rounds": rounds, "questions": len(asked), "history_ms": history,
                               "passages": {n: len(a.index.passages)
                                            for n, a in assistants.items()},
                               "ask_ms": stats,
                               "ratio_p50": {n: s["p50"] / base for n, s in stats.items()}})
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
