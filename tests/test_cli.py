"""The `roleqa` command line through click's CliRunner.

Three invocations load the real model (plain, --json, --jsonl); the rest
check the index or fail before any model is loaded.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import roleqa.guides.build
from roleqa.cli import main
from roleqa.guides.corpus import load_corpus
from roleqa.guides.embed import HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
INDEX = ROOT / "index"

TASKS_Q = "What tasks does a deep learning engineer carry out?"
TOOLS = "What tools does a deep learning engineer use?"


def run(*args: str, corpus: Path = CORPUS, index: Path = INDEX, input: str | None = None,
           env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(
        main, ["--corpus-dir", str(corpus), "--index-dir", str(index), *args],
        input=input, env=env,
    )


@pytest.fixture
def stale_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the committed corpus and index, with the corpus edited since."""
    corpus = tmp_path / "corpus"
    index = tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(INDEX, index)
    guide = corpus / "deep-learning-engineer.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    return corpus, index


# -- ask (real model) -------------------------------------------------------------


@pytest.mark.model
def test_ask_names_the_cloud_platforms_and_cites_the_tools_section() -> None:
    result = run("ask", "Which cloud platforms does a deep learning engineer use?")
    assert result.exit_code == 0, result.output
    answer, _, sources = result.stdout.partition("Sources:")
    for platform in ("AWS", "GCP", "Azure"):
        assert platform in answer
    assert "[1]" in answer
    assert f"[1] What does a deep learning engineer do? › {TOOLS}" in sources


@pytest.mark.model
def test_ask_json_prints_the_answer_contract() -> None:
    result = run("ask", "--json", "Which Python packages are used for modeling?")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"answer", "answered", "sources", "latency_ms"} <= set(data)
    assert data["answered"] is True
    assert "PyTorch" in data["answer"] and "[1]" in data["answer"]
    assert isinstance(data["latency_ms"], (int, float)) and data["latency_ms"] > 0
    assert data["sources"]
    for source in data["sources"]:
        assert isinstance(source["title"], str)
        assert isinstance(source["text"], str) and source["text"]
        assert isinstance(source["score"], (int, float))
    assert TOOLS in data["sources"][0]["title"]
    assert data["sources"][0]["text"].startswith("Modeling is primarily done in Python")


@pytest.mark.model
def test_ask_jsonl_answers_each_line_in_order_with_history() -> None:
    requests = [
        json.dumps({"question": TASKS_Q}),
        "this line is not JSON",
        json.dumps({"question": "which of them involve data?", "history": [TASKS_Q]}),
        json.dumps({"question": "which of them involve data?"}),
        json.dumps({"question": "What's the weather in Paris?"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"question": "   "}),
        json.dumps({"question": "What tools do they use?", "history": "not a list"}),
    ]
    result = run("ask", "--jsonl", input="\n".join(requests) + "\n")
    assert result.exit_code == 0, result.output
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == len(requests)

    tasks, bad_json, follow_up, alone, weather, not_object, blank, bad_history = replies
    assert tasks["answered"] is True
    assert "What tasks" in tasks["sources"][0]["title"]

    # the history changes the answer: the data engineering subtasks are found
    assert follow_up["answered"] is True
    assert follow_up["sources"][0]["text"].startswith("data engineering subtasks")
    assert "defining data requirements" in follow_up["answer"]
    assert alone["answer"] != follow_up["answer"]

    assert weather["answered"] is False
    assert weather["sources"] == []

    for number, reply in [(2, bad_json), (6, not_object), (7, blank), (8, bad_history)]:
        assert reply["error"].startswith(f"line {number}:")
        assert reply["answered"] is False
    assert "question" in blank["error"].lower()
    assert "history" in bad_history["error"]


# -- index --check ----------------------------------------------------------------


@pytest.mark.model
def test_index_check_passes_on_the_committed_index() -> None:
    result = run("index", "--check")
    assert result.exit_code == 0, result.output
    assert "fresh" in result.output


def test_index_check_fails_on_a_stale_index_and_says_why(
    stale_copy: tuple[Path, Path],
) -> None:
    corpus, index = stale_copy
    result = run("index", "--check", corpus=corpus, index=index)
    assert result.exit_code == 1
    assert "stale" in result.output
    assert "corpus changed" in result.output
    assert "roleqa index" in result.output
    assert "Traceback" not in result.output


def test_index_check_fails_on_a_missing_index_and_says_why(tmp_path: Path) -> None:
    result = run("index", "--check", index=tmp_path / "none")
    assert result.exit_code == 1
    assert "No index" in result.output
    assert "roleqa index" in result.output


def test_index_builds_a_missing_index_then_reports_it_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fake embedder stands in for the model: this is about the command, not vectors
    # (and so not about the ONNX export either)
    monkeypatch.setenv("ROLEQA_ENCODER", "torch")
    monkeypatch.setattr(roleqa.guides.build, "SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(dim=64))
    index = tmp_path / "index"
    built = run("index", index=index)
    assert built.exit_code == 0, built.output
    assert f"Built {len(load_corpus(CORPUS))} passages" in built.stdout
    assert (index / "manifest.json").is_file()
    again = run("index", index=index)
    assert again.exit_code == 0
    assert "fresh" in again.output and "Built" not in again.output
    assert run("index", "--check", index=index).exit_code == 0


# -- one-line errors --------------------------------------------------------------


def _assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # not an uncaught exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    for needle in needles:
        assert needle in lines[0]


def test_ask_without_an_index_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("ask", "What tools do they use?", index=tmp_path / "none")
    _assert_one_line_error(result, "No index", "roleqa index")


def test_ask_with_a_stale_index_is_a_one_line_error(stale_copy: tuple[Path, Path]) -> None:
    corpus, index = stale_copy
    result = run("ask", "What tools do they use?", corpus=corpus, index=index)
    _assert_one_line_error(result, "stale", "roleqa index")


def test_a_bad_setting_is_a_one_line_error_naming_it() -> None:
    result = run("ask", "What tools do they use?", env={"ROLEQA_TOP_K": "many"})
    _assert_one_line_error(result, "ROLEQA_TOP_K", "many")
