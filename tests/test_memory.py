"""The question memory: what it recalls, how it is stored, learnt, kept fresh and held out."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

import roleqa.guides.build
from conftest import BANK, TINY_GUIDE
from roleqa.cli import main as cli
from roleqa.config import Settings
from roleqa.engine.assistant import Assistant
from roleqa.engine.tuning import load_tuning
from roleqa.errors import IndexCorruptError, IndexStaleError
from roleqa.guides.build import index_status
from roleqa.guides.embed import HashEmbedder
from roleqa.guides.index import commit_index, load_index
from roleqa.guides.manifest import read_manifest
from roleqa.guides.memory import NONE, QuestionMemory, question_key
from roleqa.quality.evaluate import for_guides, load_questions
from roleqa.quality.learn import BANK_SPLIT, build_all, entries
from roleqa.quality.variants import candidates, variant

DIM = 128
KIT = "what do they dig with"
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
        keys=("k0", "k1", "k2", "k3"),
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
    assert memory.recall(vector, "k0").passages["a"] == pytest.approx(1.0)
    held = memory.holding_out().recall(vector, "k0")
    assert held.passages["a"] == pytest.approx(0.8)  # the next best, q1
    assert memory.holding_out().recall(unit([0, 0, 1])[0], "k3").out_of_scope == NONE
    # a passage whose only entry is held out is absent, as if never named
    assert "b" not in memory.holding_out().recall(unit([0, 1, 0])[0], "k2").passages


def test_an_empty_memory_recalls_nothing() -> None:
    empty = QuestionMemory(np.zeros((0, 3), dtype=np.float32), (), (), (), ("a",))
    recall = empty.recall(unit([1, 0, 0])[0], "anything")
    assert recall.passages == {} and recall.answerable == recall.out_of_scope == NONE


def test_memory_round_trips_through_its_file_bytes() -> None:
    memory = small_memory()
    back = QuestionMemory.from_bytes(memory.to_bytes())
    assert back.texts == memory.texts and back.answers == memory.answers
    assert back.keys == memory.keys
    assert back.passage_ids == memory.passage_ids
    assert np.array_equal(back.vectors, memory.vectors)


def _npz(**arrays: Any) -> bytes:
    import io

    good = dict(np.load(io.BytesIO(small_memory().to_bytes())))
    buffer = io.BytesIO()
    np.savez(buffer, **{**good, **arrays})
    return buffer.getvalue()


@pytest.mark.parametrize("damage", ["truncated", "not npz", "plain npy", "text not UTF-8",
                                    "text not a list", "entry out of range", "array missing"])
def test_damaged_memory_bytes_are_refused(damage: str) -> None:
    import io

    data = small_memory().to_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "not npz":
        data = b"hello"
    elif damage == "plain npy":
        buffer = io.BytesIO()
        np.save(buffer, np.zeros(3))
        data = buffer.getvalue()
    elif damage == "text not UTF-8":
        data = _npz(texts=np.frombuffer(b'["q0\xff"]', dtype=np.uint8))
    elif damage == "text not a list":
        data = _npz(texts=np.frombuffer(b'{"q": 1}', dtype=np.uint8))
    elif damage == "entry out of range":
        data = _npz(rows=np.array([0, -1, 2, 2]))
    else:
        good = dict(np.load(io.BytesIO(data)))
        del good["keys"]
        buffer = io.BytesIO()
        np.savez(buffer, **good)
        data = buffer.getvalue()
    with pytest.raises(ValueError, match="question memory"):
        QuestionMemory.from_bytes(data)


def test_inconsistent_parts_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="one vector, key and answer list per text"):
        QuestionMemory(unit([1, 0]), ("a", "b"), ("k", "l"), ((0,), (0,)), ("p",))
    with pytest.raises(ValueError, match="out of range"):
        QuestionMemory(unit([1, 0]), ("a",), ("k",), ((3,),), ("p",))


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
    # A test bank is small: the memory speaks for its guide from the first
    # answered question (the shipped tuning asks for 100, see tuning.memory_min).
    tuning = load_tuning(Path(__file__).resolve().parents[1] / "eval" / "tuning.json")[0]
    return Assistant.load(s, embedder=HashEmbedder(DIM), tuning=replace(tuning, memory_min=1))


def test_a_question_like_a_remembered_one_finds_that_ones_passage(banked: Settings) -> None:
    assistant = load(banked)
    question = "what do gardeners dig with?"
    answer = assistant.ask(question)
    assert answer.answered and answer.sources[0].passage.text.startswith("Gardeners use spades")
    # Without the memory, the words alone point elsewhere: the memory made the difference.
    forgetful = variant(assistant, memory=False).ask(question)
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
    kit = load(banked).ask("what do gardeners dig with?")
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
    monkeypatch.setattr(roleqa.guides.build, "SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(DIM))
    args = ["--corpus-dir", str(banked.corpus_dir), "--index-dir", str(banked.index_dir),
            "index"]
    monkeypatch.setenv("ROLEQA_QUESTION_BANK", str(banked.question_bank))
    check = CliRunner().invoke(cli, [*args, "--check"])
    assert check.exit_code == 1 and "question bank changed" in check.output
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "remembering 3 questions" in result.output
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


def test_a_memory_for_other_passages_is_not_committed(banked: Settings) -> None:
    with pytest.raises(ValueError, match="other passages"):
        commit_index(banked.index_dir, load_index(banked.index_dir), QuestionMemory(
            unit([1, 0]), ("q",), ("k",), ((0,),), ("someone-else:1",)), "hash")
    assert len(load_index(banked.index_dir).memory or ()) == 2  # the index is unharmed


def test_a_bad_bank_line_fails_the_build_and_leaves_the_old_index_serving(
    banked: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roleqa.guides.build, "SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(DIM))
    monkeypatch.setenv("ROLEQA_QUESTION_BANK", str(banked.question_bank))
    before = read_manifest(banked.index_dir)
    with banked.question_bank.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "cut", "split": "dev", "kind": "in", "question": "trunc\n')
    (banked.corpus_dir / "gardener.md").write_text(TINY_GUIDE + "\nMore text.\n", "utf-8")
    args = ["--corpus-dir", str(banked.corpus_dir), "--index-dir", str(banked.index_dir),
            "index"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "bank.jsonl:4: not a valid question line" in result.output
    assert "Traceback" not in result.output
    assert read_manifest(banked.index_dir) == before  # nothing was committed
    assert len(load_index(banked.index_dir).memory or ()) == 2


@pytest.mark.parametrize(("line", "message"), [
    ({"kind": "In"}, "kind must be in or out, not 'In'"),
    ({"evidence": "spades"}, "evidence must be a list of strings"),
    ({"evidence": [1, 2]}, "evidence must be a list of strings"),
    ({"history": "What tools?"}, "history must be a list of strings"),
    ({"split": "Dev"}, "split must be dev or test, not 'Dev'"),
    ({"question": ""}, "Question 'x' of the question bank: Please type a question."),
])
def test_a_bank_line_of_the_wrong_shape_is_named_clearly(
    tiny_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    line: dict[str, Any], message: str,
) -> None:
    good = {"id": "x", "split": "dev", "kind": "in", "question": KIT, "history": [],
            "evidence": ["spades, rakes"], "facts": [["spades"]]}
    bank = tmp_path / "bank.jsonl"
    bank.write_text(json.dumps({**good, **line}) + "\n", encoding="utf-8")
    monkeypatch.setattr(roleqa.guides.build, "SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(DIM))
    monkeypatch.setenv("ROLEQA_QUESTION_BANK", str(bank))
    result = CliRunner().invoke(cli, ["--corpus-dir", str(tiny_settings.corpus_dir),
                                      "--index-dir", str(tiny_settings.index_dir), "index"])
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tiny_settings.index_dir / "manifest.json").exists()


def test_a_bank_that_is_not_utf8_is_named_clearly(tiny_settings: Settings,
                                                   tmp_path: Path) -> None:
    bank = tmp_path / "bank.jsonl"
    bank.write_bytes(b'{"id": "\xff"}\n')
    status = CliRunner().invoke(cli, ["--corpus-dir", str(tiny_settings.corpus_dir),
                                      "--index-dir", str(tiny_settings.index_dir), "index"],
                                env={"ROLEQA_QUESTION_BANK": str(bank)})
    assert status.exit_code == 1 and "is not UTF-8 text" in status.output


def test_test_split_lines_do_not_make_the_memory_stale(banked: Settings) -> None:
    extra = {"id": "later", "split": "test", "kind": "out", "question": "is it sunny?",
             "history": [], "evidence": [], "facts": []}
    write_bank(banked.question_bank, (extra,))
    assert index_status(banked, HashEmbedder(DIM)).fresh


def test_a_passage_no_remembered_question_names_gets_its_cosine_plus_the_offset(
    banked: Settings,
) -> None:
    from roleqa.engine.reranker import FEATURES

    (banked.corpus_dir / "beekeeper.md").write_text(BEE_GUIDE, encoding="utf-8")
    build_all(banked, HashEmbedder(DIM))
    assistant = load(banked)
    question = "What kit do gardeners and beekeepers use?"
    hits, x = candidates(assistant, question)
    # the gardener guide leads, and the memory speaks for it: its feature is read
    assert hits[0].passage.doc in assistant.retrieval.spoken_for
    vector = assistant.embedder.encode([assistant.query_text(question)])[0]
    recalled = assistant.memory.recall(vector, question_key(question)).passages  # type: ignore[union-attr]
    memory, dense = FEATURES.index("memory"), FEATURES.index("dense")
    docs = set()
    for hit, row in zip(hits, x, strict=True):
        docs.add(hit.passage.doc)
        expected = recalled.get(hit.passage.id, row[dense] + assistant.tuning.memory_offset)
        assert row[memory] == pytest.approx(expected)
        assert (hit.passage.id in recalled) == (hit.passage.doc == "gardener"
                                                 and hit.passage.text.startswith("Gardeners use"))
    assert docs == {"gardener", "beekeeper"}


def test_roleqa_eval_holds_each_dev_question_out_of_its_own_recall(
    banked: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Served, the remembered question finds its passage; evaluated, it must not get
    that from its own entry, or dev figures would be those of questions seen before."""
    import roleqa.engine.assistant

    question = {"id": "kit", "split": "dev", "kind": "in", "question": KIT, "history": [],
                "evidence": ["spades, rakes"], "facts": [["spades"]]}
    assert load(banked).ask(KIT).sources[0].passage.text.startswith("Gardeners use spades")
    assert not variant(load(banked), memory=False).ask(KIT).hits[0].passage.text.startswith(
        "Gardeners use spades")
    only = tmp_path / "only-kit.jsonl"
    only.write_text(json.dumps(question) + "\n", encoding="utf-8")
    monkeypatch.setattr(roleqa.engine.assistant, "serving_embedder",
                        lambda settings, expected=None: HashEmbedder(DIM))
    monkeypatch.setenv("ROLEQA_QUESTION_BANK", str(banked.question_bank))
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, [
        "--corpus-dir", str(banked.corpus_dir), "--index-dir", str(banked.index_dir),
        "eval", "--set", str(only), "--split", "dev", "--retriever", "hybrid", "--out", str(out)])
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "report.json").read_text())["metrics"]["hybrid"]
    assert metrics["hit@1"] == 0.0


# -- the shipped index, with the real model --------------------------------------------
@pytest.mark.model
def test_the_committed_memory_is_what_the_bank_and_query_builder_give(assistant: Any) -> None:
    """Like the passages, the memory must not go stale when query building changes:
    rebuild it with `roleqa index --force` and commit index/."""
    fresh = entries(variant(assistant, memory=False), load_questions(BANK, BANK_SPLIT))
    memory = assistant.memory
    assert memory is not None
    assert memory.texts == tuple(e.text for e in fresh)
    assert memory.keys == tuple(e.key for e in fresh)
    assert memory.answers == tuple(e.answers for e in fresh)
    sample = list(range(0, len(fresh), 25))
    vectors = assistant.embedder.encode([fresh[i].embedded for i in sample])
    assert np.allclose(memory.vectors[sample], vectors, atol=1e-4)
    test = for_guides(load_questions(BANK, "test"), assistant.catalogue.slugs)
    test_keys = {question_key(q.question, q.history) for q in test}
    assert not test_keys & set(memory.keys), "a test question is in the memory"


@pytest.mark.model
def test_a_held_out_dev_question_does_not_recall_itself(assistant: Any) -> None:
    q = next(q for q in load_questions(BANK, "dev") if q.kind == "in" and not q.history)
    vector = assistant.embedder.encode([assistant.query_text(q.question)])[0]
    key = question_key(q.question, q.history)
    assert assistant.memory.recall(vector, key).answerable == pytest.approx(1.0, abs=1e-4)
    assert variant(assistant, holdout=True).memory.recall(vector, key).answerable < 0.999


@pytest.mark.model
def test_the_memory_lifts_the_test_split_over_the_reranker_alone(assistant: Any) -> None:
    from roleqa.quality.evaluate import hit_at_k, run

    test = for_guides(load_questions(BANK, "test"), assistant.catalogue.slugs)
    questions = [q for q in test if q.kind == "in"]

    def hit1(a: Any) -> float:
        outcomes = run(a.ask, questions, assistant.index.passages)
        return float(np.mean([hit_at_k(o.relevance, 1) for o in outcomes]))

    remembering = hit1(variant(assistant, holdout=True))
    forgetting = hit1(variant(assistant, memory=False))
    assert remembering >= forgetting + 0.03, (remembering, forgetting)


@pytest.mark.model
def test_a_guide_without_a_bank_is_served_as_well_as_before_the_memory(assistant: Any) -> None:
    """With the memory switched off (a guide added without labelled questions) the
    unbanked fittings take over, which are those of the assistant before it had a
    memory (on 361 test questions, since lead-ins hold lists of lines up to 20
    words: hit@1 0.855)."""
    from roleqa.quality.evaluate import run, summarise

    test = for_guides(load_questions(BANK, "test"), assistant.catalogue.slugs)
    metrics = summarise(run(variant(assistant, memory=False).ask, test,
                            assistant.index.passages), assistant.index.passages)
    assert metrics["hit@1"] >= 0.85 and metrics["out_declined"] >= 0.80, metrics
    assert metrics["in_wrongly_declined"] <= 0.04, metrics
