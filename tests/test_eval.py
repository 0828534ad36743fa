"""The evaluation metrics on hand-made cases, the set's shape, and the quality gate."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from roleqa.errors import ConfigError
from roleqa.quality.evaluate import (
    dcg_at_k,
    fact_recall,
    first_relevant_rank,
    for_guides,
    hit_at_k,
    is_relevant,
    load_questions,
    mrr_at_k,
    ndcg_at_k,
    percentile,
    run,
    summarise,
)
from roleqa.quality.report import check_gate, load_gate
from roleqa.quality.variants import variant
from roleqa.types import Passage

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "eval" / "questions.jsonl"
GATE = ROOT / "eval" / "gate.toml"
CATALOGUE_GATE = ROOT / "eval" / "gate-catalogue.toml"


# -- metric functions, values worked out by hand ------------------------------
def test_hit_at_k() -> None:
    rel = [False, False, True, False, True]
    assert hit_at_k(rel, 1) == 0.0
    assert hit_at_k(rel, 2) == 0.0
    assert hit_at_k(rel, 3) == 1.0
    assert hit_at_k([], 5) == 0.0


def test_mrr_at_k() -> None:
    assert mrr_at_k([False, True, False], 5) == 0.5
    assert mrr_at_k([False, False, True], 5) == pytest.approx(1 / 3)
    assert mrr_at_k([False, False, True], 2) == 0.0  # beyond the cut-off counts as a miss
    assert first_relevant_rank([False, False]) is None


def test_ndcg_at_k() -> None:
    # One relevant passage, ranked 2nd: DCG = 1/log2(3); ideal = 1/log2(2) = 1.
    assert ndcg_at_k([False, True, False], 5, total_relevant=1) == pytest.approx(1 / math.log2(3))
    # Two relevant, at ranks 1 and 3: (1 + 1/log2(4)) / (1 + 1/log2(3)).
    expected = (1 + 0.5) / (1 + 1 / math.log2(3))
    assert ndcg_at_k([True, False, True], 5, total_relevant=2) == pytest.approx(expected)
    assert ndcg_at_k([True, True], 5, total_relevant=2) == pytest.approx(1.0)
    assert ndcg_at_k([False] * 5, 5, total_relevant=0) == 0.0
    assert dcg_at_k([True], 1) == 1.0


def test_fact_recall_counts_alternatives_case_insensitively() -> None:
    answer = "Deployment uses AWS, gcp and  Azure."
    assert fact_recall(answer, [["AWS"], ["GCP"], ["Azure"]]) == 1.0
    assert fact_recall(answer, [["AWS"], ["Kubernetes", "Docker"]]) == 0.5
    assert fact_recall(answer, []) == 1.0


def test_evidence_copied_with_markdown_marks_finds_its_passage() -> None:
    # a question writer copies the guide's source; the passage holds its text
    line = Passage("t-1", "translator", "Translator", ("Tools",),
                   "CAT tools: Trados Studio and memoQ are the most used.", "item")
    assert is_relevant(line, ["**CAT tools:** Trados Studio and `memoQ` are the most used."])
    assert is_relevant(line, ["cat tools: trados   studio"], ["translator"])
    assert not is_relevant(line, ["**CAT tools:** Trados"], ["interpreter"])
    assert not is_relevant(line, ["**QA checkers:** Xbench"])
    # ... and a list item or quote with its marker
    assert is_relevant(line, ["- **CAT tools:** Trados Studio"])
    assert is_relevant(line, ["3. CAT tools: Trados"])
    assert is_relevant(line, ["> CAT tools: Trados"])


def test_evidence_copied_from_a_table_row_finds_the_rows_passage() -> None:
    # a row's passage says each cell with its column's name
    row = Passage("n-1", "nail-technician", "Nail technician", ("Prices",),
                  "Acrylic infill: Typical price (AUD): $50-$65; Time taken: 60 minutes", "row")
    assert is_relevant(row, ["| Acrylic infill | $50-$65 | 60 minutes |"])
    assert is_relevant(row, ["Acrylic infill | $50-$65 | 60 minutes"])
    assert not is_relevant(row, ["Acrylic full set | $70-$95 | 75-90 minutes"])
    assert not is_relevant(row, ["Acrylic infill $50-$65 60 minutes"])  # cells run together


def test_percentile_interpolates() -> None:
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([10.0], 0.95) == 10.0
    assert percentile([], 0.5) == 0.0


# -- the evaluation set itself --------------------------------------------------
def test_question_set_has_the_promised_shape() -> None:
    questions = load_questions(QUESTIONS, "all")
    assert len(questions) >= 150
    splits = Counter(q.split for q in questions)
    assert splits["dev"] >= 100 and splits["test"] >= 100 and set(splits) == {"dev", "test"}
    kinds = Counter(q.kind for q in questions)
    assert kinds["out"] >= 35
    assert sum(q.follow_up for q in questions) >= 20
    texts = {p.stem: " ".join(p.read_text(encoding="utf-8").split())
             for p in (ROOT / "examples" / "catalogue").glob("*.md")}
    for q in questions:
        if q.kind == "in":
            assert q.evidence and q.facts, q.id
            for phrase in q.evidence:
                if phrase != "guide was written by":  # the author, from front matter
                    assert any(phrase in texts[g] for g in q.guide), (q.id, phrase)
        else:
            assert not q.evidence and not q.facts, q.id
    assert len({(q.question, q.history) for q in questions}) == len(questions)
    assert len({q.id for q in questions}) == len(questions)


def test_blind_set_quotes_its_own_guides() -> None:
    """Every blind question's evidence is in its guide, each id used once."""
    blind = ROOT / "eval" / "blind"
    questions = load_questions(blind / "questions.jsonl", "all")

    def plain(text: str) -> str:  # evidence is quoted without Markdown's marks
        return " ".join(re.sub(r"\*\*|`", "", text).replace("|", " ").split()).lower()

    texts = {p.stem: plain(p.read_text(encoding="utf-8"))
             for p in (blind / "guides").glob("*.md")}
    assert len(texts) >= 40 and {g for q in questions for g in q.guide} <= set(texts)
    for q in questions:
        for phrase in q.evidence:
            assert any(plain(phrase) in texts[g] for g in q.guide), (q.id, phrase)


def test_a_reused_question_id_is_named(tmp_path: Path) -> None:
    line = json.loads(QUESTIONS.read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(line) for _ in range(2)), encoding="utf-8")
    said = f"set.jsonl:2: question id '{line['id']}' is already used on line 1"
    with pytest.raises(ConfigError, match=said):
        load_questions(path)


def test_gate_passes_and_fails_on_the_right_metrics() -> None:
    gate = {"min": {"hit@1": 0.8}, "max": {"in_wrongly_declined": 0.05}}
    assert check_gate({"hit@1": 0.9, "in_wrongly_declined": 0.0}, gate) == []
    failed = check_gate({"hit@1": 0.7, "in_wrongly_declined": 0.1}, gate)
    assert len(failed) == 2
    assert "hit@1" in failed[0] and "0.700" in failed[0]


# -- the real gate: the shipped assistant on the test split ---------------------
@pytest.fixture(scope="module")
def test_split_metrics(assistant) -> dict[str, float]:  # type: ignore[no-untyped-def]
    questions = for_guides(load_questions(QUESTIONS, "test"), assistant.catalogue.slugs)
    held = variant(assistant, holdout=True)  # as `roleqa eval` runs it
    return summarise(run(held.ask, questions, assistant.index.passages),
                     assistant.index.passages)


@pytest.mark.model
def test_quality_gate_on_the_test_split(test_split_metrics: dict[str, float]) -> None:
    missed = check_gate(test_split_metrics, load_gate(GATE))
    table = "\n".join(["| metric | got | needs |", *missed])
    assert not missed, f"quality dropped on the test split:\n{table}"


@pytest.mark.model
def test_quality_gate_on_the_catalogue(catalogue_banked) -> None:  # type: ignore[no-untyped-def]
    """The five guides written for the catalogue (and the questions across
    guides), on their test split, served together with the shipped guide."""
    questions = [q for q in load_questions(QUESTIONS, "test")
                 if q.guide != ("deep-learning-engineer",)]
    held = variant(catalogue_banked, holdout=True)
    metrics = summarise(run(held.ask, questions, held.index.passages), held.index.passages)
    missed = check_gate(metrics, load_gate(CATALOGUE_GATE))
    table = "\n".join(["| metric | got | needs |", *missed])
    assert not missed, f"quality dropped on the catalogue:\n{table}"


@pytest.mark.model
def test_gate_fails_for_a_weakened_retriever(assistant) -> None:  # type: ignore[no-untyped-def]
    """Dense-only without the lexical signal is measurably worse: the gate must notice."""
    weak = variant(assistant, retriever="dense")
    questions = for_guides(load_questions(QUESTIONS, "test"), assistant.catalogue.slugs)
    metrics = summarise(run(weak.ask, questions, assistant.index.passages),
                        assistant.index.passages)
    missed = check_gate(metrics, load_gate(GATE))
    assert any("hit@1" in line for line in missed), json.dumps(metrics, indent=1)


def test_committed_report_is_for_the_current_gate() -> None:
    """The report in the repo is one a reader can trust: it exists and has every table."""
    report = (ROOT / "eval" / "reports" / "report.md").read_text(encoding="utf-8")
    for needle in ("| hit@1 |", "dense", "lexical", "hybrid", "declines.png", "retrievers.png"):
        assert needle in report
