"""The chat UI without a browser: escaping and rendering helpers, and the event
handlers called directly with the real assistant (see test_browser_ui.py for
the page itself)."""

from __future__ import annotations

import dataclasses
import json
import re
import socket
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr
import httpx
import pytest
from markdown_it import MarkdownIt

from roleqa.config import Settings
from roleqa.errors import RoleqaError
from roleqa.types import Answer, Passage, Source
from roleqa.web.render import escape_text, render_answer, render_sources
from roleqa.web.ui import ChatHandlers, Turn, build_ui

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<form action=http://evil.example><button>x</button></form>",
    "[click](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "<script>alert(1)</script> <a href='http://evil.example'>a</a> <iframe src=//evil.example>",
    "# Big\n- list\n1. one\n`code` *em* ~~s~~ | t |\n---\n",
    "http://evil.example www.evil.example a@b.c <http://evil.example>",
]
TOOLS = "What tools does a deep learning engineer use?"
# commonmark plus GFM tables and strikethrough, as close to Gradio's renderer as we can get here
MD = MarkdownIt("commonmark", {"linkify": False}).enable(["table", "strikethrough"])


def settings(tmp_path: Path, **changes: Any) -> Settings:
    return Settings.from_env(corpus_dir="corpus", index_dir="index",
                             feedback_path=tmp_path / "fb" / "feedback.jsonl", **changes)


def passage(text: str, section: str = "What tools does a deep learning engineer use?") -> Passage:
    return Passage(id="p1", doc="dle", doc_title="Deep Learning Engineer",
                   heading_path=(section,), text=text)


def visible_text(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_renders_as_literal_text(payload: str) -> None:
    rendered = MD.render(escape_text(payload))
    assert not re.search(r"<(?!/?p>|br ?/?>)[a-z/]", rendered), rendered  # only <p> and <br>
    assert visible_text(rendered).split() == payload.split()


def test_escaping_keeps_prose_readable() -> None:
    text = "Deployment (with C++, AWS and Azure) isn't hard - it's 90% done."
    assert escape_text(text) == text  # nothing to escape in plain prose
    assert escape_text("a < b & c") == "a &lt; b &amp; c"


def test_bare_urls_and_addresses_cannot_become_links() -> None:
    out = escape_text("see http://evil.example, WWW.evil.example or a@b.c")
    assert "://" not in out and "WWW." not in out and "@" not in out
    assert visible_text(out) == "see http://evil.example, WWW.evil.example or a@b.c"


def test_answer_keeps_citations_and_a_collapsed_sources_block() -> None:
    source = Source(passage("Cloud <b>tools</b> such as [AWS](http://x)."), 0.9)
    answer = Answer(text="They use AWS [1].", answered=True, sources=(source,))
    html = render_answer(answer)
    assert '<sup class="rq-cite">&#91;1&#93;</sup>' in html
    block = render_sources([source])
    assert block in html and "\n" not in block  # one line: one Markdown HTML block
    assert block.startswith('<details class="rq-sources"><summary>Sources (1): What tools')
    assert "&lt;b&gt;tools&lt;/b&gt;" in block and "&#91;AWS&#93;" in block
    assert "<blockquote>" in block
    partial = render_answer(answer, words=2)
    assert partial.endswith(" …") and "<details" not in partial


def test_decline_lists_the_example_questions() -> None:
    lead = "Sorry, the guide does not cover that. It answers questions such as:"
    answer = Answer(text=f"{lead} • What tasks? • What tools?", answered=False,
                    suggestions=("What tasks?", "What tools?"), lead=lead)
    html = render_answer(answer)
    assert html.startswith("Sorry, the guide does not cover that.") and "•" not in html
    assert html.endswith("\n\n- What tasks?\n- What tools?")
    assert "<li>What tools?</li>" in MD.render(html)


def run(handlers: ChatHandlers, question: str, turns: Sequence[Turn] = ()) -> list[Any]:
    return list(handlers.respond(question, list(turns)))


@pytest.mark.model
def test_respond_streams_then_shows_sources_and_follow_ups(assistant: Any, tmp_path: Path) -> None:
    h = ChatHandlers(assistant, settings(tmp_path), stream_delay=0)
    steps = run(h, "Which tools does a deep learning engineer use for deployment?")
    assert len(steps) >= 4  # the question, word chunks, the finished answer
    first, last = steps[0], steps[-1]
    assert first.chat[-1]["role"] == "user" and first.send["interactive"] is False
    chunks = [s.chat[-1]["content"] for s in steps[1:-1]]
    assert all(c.endswith(" …") for c in chunks) and len(set(chunks)) == len(chunks)
    reply = last.chat[-1]["content"]
    assert re.search(r"AWS|GCP|Azure", reply) and '<details class="rq-sources">' in reply
    assert last.send["interactive"] is True and last.followups["visible"] is True
    assert last.s1["visible"] and last.s1["value"].endswith("?")
    assert [t.question for t in last.turns] == [
        "Which tools does a deep learning engineer use for deployment?"]


@pytest.mark.model
def test_follow_up_questions_carry_the_history(assistant: Any, tmp_path: Path) -> None:
    h = ChatHandlers(assistant, settings(tmp_path), stream_delay=0)
    turns = run(h, TOOLS)[-1].turns
    final = run(h, "which of them are for deployment?", turns)[-1]
    assert len(final.chat) == 4
    assert re.search(r"AWS|Azure|GCP|[Dd]eployment", final.chat[-1]["content"])


@pytest.mark.model
def test_decline_offers_example_questions(assistant: Any, tmp_path: Path) -> None:
    h = ChatHandlers(assistant, settings(tmp_path), stream_delay=0)
    final = run(h, "How much do deep learning engineers earn?")[-1]
    assert "does not" in final.chat[-1]["content"] and "\n- " in final.chat[-1]["content"]
    assert final.s1["visible"] and final.followups["visible"]


@pytest.mark.model
@pytest.mark.parametrize("question, message", [
    ("x" * 1001, "limit is 1,000"), ("   ", "Please type a question")])
def test_bad_questions_get_a_notice_and_keep_the_chat(
        assistant: Any, tmp_path: Path, question: str, message: str) -> None:
    h = ChatHandlers(assistant, settings(tmp_path), stream_delay=0)
    earlier = run(h, TOOLS)[-1].turns
    (step,) = run(h, question, earlier)
    assert message in step.status and step.turns == earlier and len(step.chat) == 2
    assert "value" not in step.question  # what they typed stays, to shorten it


class Broken:
    """The real assistant, except that ``ask`` fails."""

    def __init__(self, real: Any, error: Exception) -> None:
        self.real, self.error = real, error

    def check_question(self, question: str) -> str:
        return str(self.real.check_question(question))

    def ask(self, question: str, history: Sequence[str] = (), scope: Any = None) -> Answer:
        raise self.error


@pytest.mark.model
@pytest.mark.parametrize("error, shown", [
    (RoleqaError("The index is stale. Run `roleqa index`."), "The index is stale"),
    (ValueError("secret internals"), "something went wrong")])
def test_failures_show_a_message_never_a_traceback(
        assistant: Any, tmp_path: Path, error: Exception, shown: str) -> None:
    h = ChatHandlers(Broken(assistant, error), settings(tmp_path), stream_delay=0)  # type: ignore[arg-type]
    final = run(h, TOOLS)[-1]
    reply = final.chat[-1]["content"]
    assert shown in reply and "Traceback" not in reply and "secret" not in reply
    assert final.send["interactive"] is True


def like(index: int, liked: bool | str) -> gr.LikeData:
    return gr.LikeData(None, {"index": index, "value": ["…"], "liked": liked})


@pytest.mark.model
def test_likes_comments_and_withdrawals_reach_the_log(assistant: Any, tmp_path: Path) -> None:
    s = settings(tmp_path)
    h = ChatHandlers(assistant, s, stream_delay=0)
    turns = run(h, TOOLS)[-1].turns
    turns = run(h, "How much do deep learning engineers earn?", turns)[-1].turns
    status, row, _, rated = h.rate(turns, None, like(3, False))
    assert row["visible"] and "Thanks" in status and rated["id"] == turns[1].id
    status, row, box, rated = h.comment("  Salaries <b>matter</b> ", rated)
    assert "saved" in status and not row["visible"] and box == ""
    _, _, box, rated = h.rate(turns, rated, like(3, True))  # changed their mind
    assert box == "Salaries <b>matter</b>"  # the comment is kept
    status, *_ = h.rate(turns, rated, like(1, True))
    status, *_ = h.rate(turns, rated, like(1, ""))  # un-clicking the thumb
    assert "withdrawn" in status
    records = [json.loads(line) for line in s.feedback_path.read_text().splitlines()]
    assert [r["rating"] for r in records] == ["dislike", "dislike", "like", "like", None]
    dislike, commented, changed = records[:3]
    assert dislike["question"] == "How much do deep learning engineers earn?"
    assert dislike["answered"] is False and dislike["timestamp"] and dislike["comment"] is None
    assert commented["comment"] == "Salaries <b>matter</b>" and commented["id"] == dislike["id"]
    assert changed["comment"] == commented["comment"]
    first, given = records[3], assistant.ask(TOOLS)
    assert first["sources"] == [src.passage.title for src in given.sources] != []
    assert first["answer"] == given.text and first["id"] == turns[0].id
    # what Gradio keeps of a session is text: no answer with its hits and passages
    assert all(isinstance(getattr(t, f.name), str | bool | tuple)
               for t in turns for f in dataclasses.fields(t))


@pytest.mark.model
def test_rating_something_unknown_is_ignored(assistant: Any, tmp_path: Path) -> None:
    s = settings(tmp_path)
    h = ChatHandlers(assistant, s, stream_delay=0)
    assert h.rate([], None, like(7, True))[-1] is None
    assert h.comment("hello", None)[1]["visible"] is False
    assert not s.feedback_path.exists()


def test_unsaveable_feedback_is_reported(tmp_path: Path) -> None:
    s = Settings(feedback_path=tmp_path)  # a folder: cannot be written
    h = ChatHandlers(None, s)  # type: ignore[arg-type]
    turn = Turn("t1", "Q?", "A.")
    h.ledger.issue(turn.id, turn.record(None))  # as if this server had answered it
    status, row, *_ = h.rate([turn], None, like(1, True))
    assert "could not be saved" in status and row["visible"] is False


@pytest.mark.model
def test_example_clicks_ask_the_example(assistant: Any, tmp_path: Path) -> None:
    h = ChatHandlers(assistant, settings(tmp_path), stream_delay=0)
    event = gr.SelectData(None, {"index": 0, "value": {"text": TOOLS}})
    final = list(h.ask_example([], None, event))[-1]
    assert final.turns[0].question == TOOLS


@pytest.mark.model
def test_build_ui_is_bounded_and_not_launched(assistant: Any, tmp_path: Path) -> None:
    s = settings(tmp_path, queue_size=7, concurrency=2)
    blocks = build_ui(assistant, s)
    assert isinstance(blocks, gr.Blocks) and not blocks.is_running
    assert blocks.title.startswith("What does a deep learning engineer do?")
    assert not blocks.analytics_enabled
    assert blocks._queue.max_size == 7
    answering = [fn for fn in blocks.fns.values() if fn.concurrency_id == "answer"]
    assert len(answering) == 6 and {fn.concurrency_limit for fn in answering} == {2}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Slow:
    """An assistant that takes a while, to fill the queue."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def ask(self, question: str, history: Sequence[str] = (), scope: Any = None) -> Answer:
        time.sleep(3)
        return Answer(text="Slow answer.", answered=True)


@pytest.mark.model
def test_a_full_queue_says_busy(assistant: Any, tmp_path: Path) -> None:
    s = settings(tmp_path, queue_size=1, concurrency=1, port=free_port())
    blocks = build_ui(Slow(assistant), s)  # type: ignore[arg-type]
    blocks.launch(server_name=s.host, server_port=s.port, prevent_thread_lock=True,
                  quiet=True, ssr_mode=False)
    try:
        fn = next(i for i, f in blocks.fns.items() if f.concurrency_id == "answer")
        url = f"http://{s.host}:{s.port}/gradio_api/queue/join"
        trigger = blocks.fns[fn].targets[0][0]
        replies = [httpx.post(url, timeout=10, json={
            "data": [TOOLS, None, ""], "fn_index": fn, "session_hash": f"s{n}",
            "event_data": None, "trigger_id": trigger}) for n in range(4)]
        # the first is taken, the overflow refused; the page shows Gradio's
        # "This application is currently busy. Please try again."
        assert replies[0].status_code == 200
        refused = [r for r in replies if r.status_code == 503]
        assert refused and "Queue is full" in refused[0].json()["detail"]
    finally:
        blocks.close()


@pytest.mark.model
def test_mounts_on_fastapi_with_its_style(assistant: Any, tmp_path: Path) -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = gr.mount_gradio_app(FastAPI(), build_ui(assistant, settings(tmp_path)), path="/")
    with TestClient(app) as client:
        assert client.get("/").status_code == 200
        config = client.get("/config").json()
        assert config["title"].startswith("What does a deep learning engineer do?")
        header = next(c for c in config["components"] if c["props"].get("elem_id") == "rq-header")
        assert "--primary-500:#4f46e5" in header["props"]["value"]  # the style travels along


def test_the_faces_load_without_the_engines_libraries() -> None:
    """The API and the chat page can be imported (for a worker, a check, a
    screenshot) without faiss or the model: only making an assistant loads them."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = ("import sys, roleqa.web.api, roleqa.web.ui, roleqa.web.server\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'faiss', 'torch', 'sentence_transformers', 'onnxruntime', 'roleqa'} "
            "and not m.startswith(('roleqa.web', 'roleqa.config', 'roleqa.errors', "
            "'roleqa.types', 'roleqa.text', 'roleqa.language')) and m != 'roleqa'))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(root / "src")}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
