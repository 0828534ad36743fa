"""The feedback log: append-only JSON lines, safe under threads and processes,
summarised by ``summarise_feedback`` and ``roleqa feedback``."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleqa.cli import main
from roleqa.errors import RoleqaError
from roleqa.web.feedback import append_feedback, format_summary, summarise_feedback


def record(rating: str | None = "like", **extra: object) -> dict[str, object]:
    return {"question": "What tools does a deep learning engineer use?",
            "answer": "Python and cloud tools [1]", "sources": ["Guide › Tools"],
            "rating": rating, "comment": None, **extra}


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_append_creates_folders_and_adds_a_timestamp(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "feedback.jsonl"
    append_feedback(path, record())
    append_feedback(path, record("dislike", timestamp="2020-01-01T00:00:00+00:00"))
    first, second = lines(path)
    assert first["question"].startswith("What tools")  # type: ignore[union-attr]
    assert first["sources"] == ["Guide › Tools"]
    assert datetime.fromisoformat(str(first["timestamp"])).tzinfo is not None
    assert second["timestamp"] == "2020-01-01T00:00:00+00:00"


def test_every_record_is_one_line_whatever_the_text(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    nasty = "line\nbreak\r\u2028sep\u2029para\x85nel \"quotes\" <b>&</b> ünï"
    append_feedback(path, record(comment=nasty))
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and len(text.splitlines()) == 1
    assert json.loads(text)["comment"] == nasty


def test_bad_records_and_unwritable_paths_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        append_feedback(tmp_path / "f.jsonl", ["not", "a", "mapping"])  # type: ignore[arg-type]
    with pytest.raises(RoleqaError, match="Could not save feedback"):
        append_feedback(tmp_path, record())  # a folder, not a file


def test_sixteen_threads_never_interleave(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    barrier = threading.Barrier(16)

    def worker(n: int) -> None:
        barrier.wait()
        for i in range(200):
            append_feedback(path, record(comment=f"{n}:{i} " + "x" * (i % 50) * 40))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seen = {str(r["comment"]).split()[0] for r in lines(path)}  # every line parses
    assert seen == {f"{n}:{i}" for n in range(16) for i in range(200)}


def _process_worker(path: str, n: int) -> None:
    for i in range(150):
        append_feedback(Path(path), record(comment=f"{n}:{i} " + "y" * 3000))


def test_processes_never_interleave(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_process_worker, args=(str(path), n)) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    seen = {str(r["comment"]).split()[0] for r in lines(path)}
    assert seen == {f"{n}:{i}" for n in range(4) for i in range(150)}


def test_summary_counts_comments_and_most_disliked(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    for _ in range(3):
        append_feedback(path, record("like"))
    append_feedback(path, record("dislike", question="How much  do they earn?"))
    append_feedback(path, record("dislike", question="how much do they EARN?",
                                 comment="It should know salaries"))
    append_feedback(path, record("dislike", question="Who founded Workera?"))
    summary = summarise_feedback(path)
    assert (summary["likes"], summary["dislikes"], summary["ratings"]) == (3, 3, 6)
    assert summary["share_liked"] == 0.5
    assert summary["bad_lines"] == 0
    assert summary["most_disliked"][0] == {"question": "How much do they earn?", "dislikes": 2}
    assert [c["comment"] for c in summary["latest_comments"]] == ["It should know salaries"]


def test_latest_record_per_id_wins(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    append_feedback(path, record("like", id="a"))
    append_feedback(path, record("dislike", id="a", comment="changed my mind"))
    append_feedback(path, record("like", id="b"))
    append_feedback(path, record(None, id="b"))  # withdrawn
    summary = summarise_feedback(path)
    assert (summary["records"], summary["likes"], summary["dislikes"]) == (4, 0, 1)
    assert summary["latest_comments"][0]["comment"] == "changed my mind"


def test_bad_lines_are_counted_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    append_feedback(path, record("like"))
    with path.open("ab") as f:
        f.write(b"not json\n[1, 2]\n\xff\xfe\n\n")
        f.write(json.dumps(record("meh")).encode() + b"\n")
        f.write(b'{"rating": "like", "question": "torn')  # a crash mid-line
    summary = summarise_feedback(path)
    assert summary["likes"] == 1 and summary["bad_lines"] == 5


def test_missing_file_summarises_as_empty(tmp_path: Path) -> None:
    summary = summarise_feedback(tmp_path / "none.jsonl")
    assert summary["records"] == 0 and summary["share_liked"] is None
    assert "none yet" in format_summary(summary)


def test_cli_feedback_reads_the_configured_file(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    append_feedback(path, record("like"))
    append_feedback(path, record("dislike", comment="Too short"))
    runner = CliRunner()
    result = runner.invoke(main, ["feedback"], env={"ROLEQA_FEEDBACK_PATH": str(path)})
    assert result.exit_code == 0, result.output
    assert "2 rated answers: 1 liked, 1 disliked (50% liked)" in result.output
    assert "Too short" in result.output and "Most disliked" in result.output
    result = runner.invoke(main, ["feedback", "--path", str(path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["likes"], data["dislikes"], data["share_liked"]) == (1, 1, 0.5)


def test_cli_feedback_with_no_file_yet(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["feedback", "--path", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 0 and "none yet" in result.output
