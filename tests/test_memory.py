"""The question memory: what it recalls, how it is stored, learnt, kept fresh and held out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

import roleqa.build
from conftest import BANK, TINY_GUIDE
from roleqa.assistant import Assistant
from roleqa.build import index_status
from roleqa.cli import main as cli
from roleqa.config import Settings
from roleqa.embed import HashEmbedder
from roleqa.errors import IndexCorruptError, IndexStaleError
from roleqa.evaluate import load_questions
from roleqa.index import attach_memory, load_index, read_manifest
from roleqa.learn import BANK_SPLIT, build_all, entries
from roleqa.memory import NONE, QuestionMemory

DIM = 128
KIT = "what kit do they dig with"
BEES = "how do beekeepers collect honey"
BEE_GUIDE = "# How do beekeepers work?\n\nBeekeepers tend hives and collect honey.\n"


def unit(*rows: list[float]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def small_memory() -> QuestionMemory:
    # entries 0 and 1 were answered by passage "a", 2 by "b" and "c", 3 was out of scope
    return QuestionMemory(
        vectors=unit([1, 0, 0], [0.8, 0.6, 0], [0, 1, 0], [0, 0, 1]),
        texts=("q0", "q1", "q2", "q3"),
        answers=((0,), (0,), (1, 2), ()),
        passage_ids=("a", "b", "c", "d"),
    )


# -- recall -------------------------------------------------------------------------
def test_recall_gives_each_passage_its_most_similar_remembered_question() -> None:
    recall = small_memory().recall(unit([1, 0.2, 0])[0], "new question")
    sims = unit([1, 0, 0], [0.8, 0.6, 0], [0, 1, 0]) @ unit([1, 0.2, 0])[0]
    assert recall.passages["a"] == pytest.approx(max(sims[0], sims[1]))
    assert recall.passages["b"] == recall.passages["c"] == pytest.approx(sims[2])
    assert "d" not in recall.passages  # no remembered question names it
    assert recall.get("d", 0.5) == 0.5
    assert recall.answerable == pytest.approx(recall.passages["a"])
    assert recall.out_of_scope == pytest.approx(0.0, abs=1e-6)


def test_holding_out_never_recalls_the_question_itself() -> None:
    memory = small_memory()
    vector = unit([1, 0, 0])[0]
    assert memory.recall(vector, "q0").passages["a"] == pytest.approx(1.0)
    held = memory.holding_out().recall(vector, "q0")
    assert held.passages["a"] == pytest.approx(0.8)  # the next best, q1
    assert memory.holding_out().recall(unit([0, 0, 1])[0], "q3").out_of_scope == NONE


def test_an_empty_memory_recalls_nothing() -> None:
    empty = QuestionMemory(np.zeros((0, 3), dtype=np.float32), (), (), ("a",))
    recall = empty.recall(unit([1, 0, 0])[0], "anything")
    assert recall.passages == {} and recall.answerable == recall.out_of_scope == NONE


def test_memory_round_trips_through_its_file_bytes() -> None:
    memory = small_memory()
    back = QuestionMemory.from_bytes(memory.to_bytes())
    assert back.texts == memory.texts and back.answers == memory.answers
    assert back.passage_ids == memory.passage_ids
    assert np.array_equal(back.vectors, memory.vectors)


@pytest.mark.parametrize("damage", ["truncated", "not npz", "bad text"])
def test_damaged_memory_bytes_are_refused(damage: str) -> None:
    data = small_memory().to_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "not npz":
        data = b"hello"
    else:
        data = data.replace(b'"q0"', b'"q0\xff')
    with pytest.raises(ValueError, match="question memory"):
        QuestionMemory.from_bytes(data)


def test_inconsistent_parts_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="one vector and one answer list per text"):
        QuestionMemory(unit([1, 0]), ("a", "b"), ((0,), (0,)), ("p",))
    with pytest.raises(ValueError, match="out of range"):
        QuestionMemory(unit([1, 0]), ("a",), ((3,),), ("p",))


# -- learning it from a bank, over a small guide --------------------------------------
def write_bank(path: Path, extra: tuple[dict[str, Any], ...] = ()) -> Path:
    lines = [
        {"id": "kit", "split": "dev", "kind": "in", "question": KIT, "history": [],
         "evidence": ["spades, rakes"], "facts": [["spades"]]},
        {"id": "bees", "split": "dev", "kind": "out", "question": BEES, "history": [],
         "evidence": [], "facts": []},
        {"id": "held", "split": "test", "kind": "in", "question": "which kit for digging",
         "history": [], "evidence": ["spades, rakes"], "facts": [["spades"]]},
        *extra,
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def banked(tiny_settings: Settings, tmp_path: Path) -> Settings:
    s = tiny_settings.replace(question_bank=write_bank(tmp_path / "bank.jsonl"))
    build_all(s, HashEmbedder(DIM))
    return s


def load(s: Settings) -> Assistant:
    return Assistant.load(s, embedder=HashEmbedder(DIM))


def test_a_question_like_a_remembered_one_finds_that_ones_passage(banked: Settings) -> None:
    assistant = load(banked)
    question = "which kit do gardeners dig with?"
    answer = assistant.ask(question)
    assert answer.answered and answer.sources[0].passage.text.startswith("Gardeners use spades")
    # Without the memory, the words alone point elsewhere: the memory made the difference.
    forgetful = assistant.variant(memory=False).ask(question)
    assert not forgetful.hits[0].passage.text.startswith("Gardeners use spades")


def test_only_the_dev_split_is_remembered(banked: Settings) -> None:
    memory = load(banked).memory
    assert memory is not None and memory.texts == (KIT, BEES)
    assert memory.answers[1] == ()  # out of scope


def test_an_in_scope_question_the_guide_no_longer_holds_is_left_out(
    tiny_settings: Settings, tmp_path: Path
) -> None:
    gone = {"id": "gone", "split": "dev", "kind": "in", "question": "what about tulips",
            "history": [], "evidence": ["tulips bloom in spring"], "facts": [["tulips"]]}
    s = tiny_settings.replace(question_bank=write_bank(tmp_path / "bank.jsonl", (gone,)))
    build_all(s, HashEmbedder(DIM))
    assert "what about tulips" not in load(s).memory.texts  # type: ignore[union-attr]


def test_an_out_of_scope_follow_up_is_remembered_by_its_own_words(
    tiny_settings: Settings, tmp_path: Path
) -> None:
    follow = {"id": "cost", "split": "dev", "kind": "out", "question": "how much does it cost?",
              "history": ["What tools does a gardener use?"], "evidence": [], "facts": []}
    tools = {"id": "tools", "split": "dev", "kind": "in", "question": "which tools do they use",
             "history": [], "evidence": ["spades, rakes"], "facts": [["spades"]]}
    s = tiny_settings.replace(question_bank=write_bank(tmp_path / "bank.jsonl", (tools, follow)))
    build_all(s, HashEmbedder(DIM))
    assistant = load(s)
    kept = entries(assistant, load_questions(s.question_bank, BANK_SPLIT))[-1]
    assert kept.text.startswith("What tools does a gardener use?")  # asked with its history
    assert kept.embedded == "how much does it cost?"  # remembered as itself
    # so the earlier, covered question does not look out of scope
    assert assistant.ask("What tools does a gardener use?").answered


def test_a_remembered_out_of_scope_question_is_declined(banked: Settings) -> None:
    answer = load(banked).ask("How do beekeepers collect honey?")
    assert not answer.answered
    assert answer.evidence is not None and answer.evidence.bank_out > 0.9


def test_a_new_guide_answers_what_the_bank_once_marked_out_of_scope(banked: Settings) -> None:
    """An out-of-scope entry speaks only for the guides its bank was written about."""
    (banked.corpus_dir / "beekeeper.md").write_text(BEE_GUIDE, encoding="utf-8")
    build_all(banked, HashEmbedder(DIM))
    answer = load(banked).ask("How do beekeepers collect honey?")
    assert answer.answered, answer.text
    assert answer.sources[0].passage.doc == "beekeeper"
    # and the old guide's remembered question still finds its passage
    kit = load(banked).ask("which kit do gardeners dig with?")
    assert kit.sources[0].passage.text.startswith("Gardeners use spades")


# -- freshness and damage ------------------------------------------------------------
def test_a_changed_bank_makes_the_index_stale_until_roleqa_index_relearns(
    banked: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert index_status(banked, HashEmbedder(DIM)).fresh
    more = {"id": "new", "split": "dev", "kind": "in", "question": "do they prune roses",
            "history": [], "evidence": ["prune roses"], "facts": [["prune"]]}
    write_bank(banked.question_bank, (more,))
    status = index_status(banked, HashEmbedder(DIM))
    assert not status.fresh and "question bank changed" in status.reason
    with pytest.raises(IndexStaleError, match="roleqa index"):
        load(banked)
    monkeypatch.setattr(roleqa.build, "SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(DIM))
    args = ["--corpus-dir", str(banked.corpus_dir), "--index-dir", str(banked.index_dir),
            "index"]
    monkeypatch.setenv("ROLEQA_QUESTION_BANK", str(banked.question_bank))
    check = CliRunner().invoke(cli, [*args, "--check"])
    assert check.exit_code == 1 and "question bank changed" in check.output
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "remembering the questions" in result.output
    assert "do they prune roses" in load(banked).memory.texts  # type: ignore[union-attr]


def test_an_index_served_without_its_bank_keeps_its_memory(banked: Settings) -> None:
    banked.question_bank.unlink()  # a server may ship the index alone
    assert index_status(banked, HashEmbedder(DIM)).fresh
    assert len(load(banked).memory or ()) == 2


def test_an_index_built_before_the_bank_existed_is_stale_once_it_does(
    tiny_settings: Settings, tmp_path: Path
) -> None:
    build_all(tiny_settings, HashEmbedder(DIM))  # no bank file: no memory
    assert read_manifest(tiny_settings.index_dir).bank_hash == ""
    s = tiny_settings.replace(question_bank=write_bank(tmp_path / "bank.jsonl"))
    status = index_status(s, HashEmbedder(DIM))
    assert not status.fresh and "no memory of the question bank" in status.reason


def test_a_tampered_memory_file_is_reported_with_the_fix(banked: Settings) -> None:
    name = read_manifest(banked.index_dir).files["memory"]
    path = banked.index_dir / name
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(IndexCorruptError, match=f"{name} does not match.*roleqa index"):
        load_index(banked.index_dir)


def test_a_memory_for_other_passages_is_not_attached(banked: Settings) -> None:
    with pytest.raises(ValueError, match="other passages"):
        attach_memory(banked.index_dir, QuestionMemory(
            unit([1, 0]), ("q",), ((0,),), ("someone-else:1",)), "hash")
    load_index(banked.index_dir)  # the index is unharmed


# -- the shipped index, with the real model --------------------------------------------
@pytest.mark.model
def test_the_committed_memory_is_what_the_bank_and_query_builder_give(assistant: Any) -> None:
    """Like the passages, the memory must not go stale when query building changes:
    rebuild it with `roleqa index --force` and commit index/."""
    fresh = entries(assistant.variant(memory=False), load_questions(BANK, BANK_SPLIT))
    memory = assistant.memory
    assert memory is not None
    assert memory.texts == tuple(e.text for e in fresh)
    assert memory.answers == tuple(e.answers for e in fresh)
    # A test question may be searched with the same words as a dev one ("whats 17 * 23"
    # and "what is 17 * 23"); evaluation then holds that entry out, so no test figure
    # comes from recalling a question word for word.
    held = assistant.variant(holdout=True).memory
    for q in load_questions(BANK, "test"):
        text = assistant.query_text(q.question, q.history)
        if text in memory.texts:
            recall = held.recall(assistant.embedder.encode([text])[0], text)
            assert max(recall.answerable, recall.out_of_scope) < 0.9999, q.id


@pytest.mark.model
def test_evaluation_never_answers_a_dev_question_from_its_own_entry(assistant: Any) -> None:
    q = next(q for q in load_questions(BANK, "dev") if q.kind == "in" and not q.history)
    text = assistant.query_text(q.question)
    vector = assistant.embedder.encode([text])[0]
    assert assistant.memory.recall(vector, text).answerable == pytest.approx(1.0, abs=1e-4)
    held = assistant.variant(holdout=True).memory.recall(vector, text)
    assert held.answerable < 0.999


@pytest.mark.model
def test_the_memory_lifts_the_test_split_over_the_reranker_alone(assistant: Any) -> None:
    from roleqa.evaluate import hit_at_k, run

    questions = [q for q in load_questions(BANK, "test") if q.kind == "in"]

    def hit1(a: Any) -> float:
        outcomes = run(a.ask, questions, assistant.index.passages)
        return float(np.mean([hit_at_k(o.relevance, 1) for o in outcomes]))

    remembering = hit1(assistant.variant(holdout=True))
    forgetting = hit1(assistant.variant(memory=False))
    assert remembering >= forgetting + 0.03, (remembering, forgetting)


@pytest.mark.model
def test_a_guide_without_a_bank_is_served_as_well_as_before_the_memory(assistant: Any) -> None:
    """With the memory switched off (a guide added without labelled questions) the
    unbanked fittings take over: the figures of the assistant before it had a memory
    (test split on 2026-11-25: hit@1 0.876, out of scope declined 0.880)."""
    from roleqa.evaluate import run, summarise

    metrics = summarise(run(assistant.variant(memory=False).ask, load_questions(BANK, "test"),
                            assistant.index.passages), assistant.index.passages)
    assert metrics["hit@1"] >= 0.85 and metrics["out_declined"] >= 0.85, metrics
    assert metrics["in_wrongly_declined"] <= 0.04, metrics
