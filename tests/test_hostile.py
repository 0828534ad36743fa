"""Hostile clients (issue 14), each finding reproduced on loopback: poison input
beside normal clients, huge and slow bodies on every route, Gradio's upload and
direct API, forged feedback, X-Forwarded-For without a trusted proxy, DNS
rebinding, slow-loris headers, terminal escapes in feedback, and error replies.

Servers are real uvicorn servers started with :func:`roleqa.web.server.uvicorn_options`,
as ``roleqa serve`` starts them. No test reads a clock to pass or fail.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import uvicorn
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roleqa.cli import main as cli
from roleqa.config import Settings
from roleqa.guides.batching import BatchingEmbedder
from roleqa.guides.embed import HashEmbedder
from roleqa.text import clean_text
from roleqa.web.feedback import AnswerLedger, append_feedback, format_summary, summarise_feedback
from roleqa.web.server import uvicorn_options

ROOT = Path(__file__).resolve().parents[1]
Q1 = "Which cloud platforms does a deep learning engineer use?"
MB = 1024 * 1024
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())


class Picky(HashEmbedder):
    """The fake embedder, raising on lone surrogates as the real tokenizer does;
    slow enough that concurrent callers pile up into one batch."""

    def encode(self, texts: Any) -> Any:
        time.sleep(0.002)
        for text in texts:
            text.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
        return super().encode(texts)


def _concurrently(embedder: BatchingEmbedder, texts: list[str]) -> list[Any]:
    """Encode each text on its own thread, all released together; results or errors."""
    out: list[Any] = [None] * len(texts)
    gate = threading.Barrier(len(texts))

    def work(i: int) -> None:
        gate.wait()
        try:
            out[i] = embedder.encode([texts[i]])
        except Exception as exc:
            out[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _poison(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- 1. one client's poison fails only that client ---------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(ANY_CHAR, max_size=12), min_size=2, max_size=8))
def test_batcher_fails_only_the_request_whose_input_failed(texts: list[str]) -> None:
    fake = Picky(64)
    results = _concurrently(BatchingEmbedder(fake), texts)
    for text, result in zip(texts, results, strict=True):
        if _poison(text):
            assert isinstance(result, UnicodeEncodeError)
        else:
            assert not isinstance(result, Exception), result
            np.testing.assert_allclose(result, fake.encode([text]), atol=1e-6)


@settings(max_examples=200, deadline=None)
@given(st.text(ANY_CHAR, max_size=40))
def test_clean_text_is_always_encodable(text: str) -> None:
    clean_text(text).encode("utf-8")


@pytest.mark.model
def test_real_model_batch_with_a_surrogate_fails_only_it(real_embedder: Any) -> None:
    batcher = BatchingEmbedder(real_embedder)
    texts = ["what tools \ud800?", Q1, "What skills do they need?", "x\udfff", Q1]
    results = _concurrently(batcher, texts)
    for text, result in zip(texts, results, strict=True):
        assert isinstance(result, Exception) == _poison(text), (text, result)


def _server_settings(**changes: Any) -> Settings:
    base = Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index")
    return base.replace(**changes)


@contextmanager
def serve(app: Any, s: Settings) -> Iterator[tuple[str, int]]:
    """``app`` served as ``roleqa serve`` serves it, on a free loopback port."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    options = {k: v for k, v in uvicorn_options(s).items() if k != "timeout_graceful_shutdown"}
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        server.should_exit = True
        thread.join(15)


@pytest.fixture(scope="module")
def full(assistant: Any) -> Iterator[tuple[str, int]]:
    """The whole server (API and chat) with a generous rate limit."""
    from roleqa.web.api import create_app

    s = _server_settings(rate_limit_per_minute=10_000, header_timeout_s=0.5,
                         body_timeout_s=0.5)
    with serve(create_app(assistant, s), s) as address:
        yield address


@pytest.mark.model
def test_normal_clients_get_only_200s_beside_poison_clients(full: tuple[str, int]) -> None:
    url, _ = full
    normal: list[int] = []
    poison: list[int] = []

    def client(seen: list[int], body: bytes) -> None:
        with httpx.Client(base_url=url, timeout=30) as c:
            for _ in range(6):
                seen.append(c.post("/api/ask", content=body,
                                   headers={"Content-Type": "application/json"}).status_code)

    bad = b'{"question": "what tools \\ud800?", "history": ["\\udc00 and \\ud83d"]}'
    good = json.dumps({"question": Q1}).encode()
    threads = [threading.Thread(target=client, args=(normal if i % 2 else poison,
                                                     good if i % 2 else bad)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert normal == [200] * 24
    assert all(code < 500 for code in poison), poison


# -- 2. every route bounded ---------------------------------------------------------
def _stream(port: int, path: str, total: int, chunked: bool = True) -> tuple[int, bytes, int]:
    """POST ``total`` bytes to ``path`` in 64 kB chunks, stopping as soon as the server
    answers or hangs up; (status, body, bytes sent). Never holds the body in memory."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                 f"\r\n{framing}\r\n\r\n".encode())
    chunk, sent = b"[" * 65_536, 0
    sock.setblocking(False)
    reply = b""
    try:
        while sent < total:
            try:
                reply += sock.recv(65_536)
                break  # the server answered (or closed, b"")
            except BlockingIOError:
                pass
            data = (b"10000\r\n" + chunk + b"\r\n") if chunked else chunk
            try:
                sock.sendall(data)
            except BlockingIOError:
                time.sleep(0.001)
                continue
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(30)
    try:
        while b"\r\n\r\n" not in reply or len(reply.split(b"\r\n\r\n", 1)[1]) < 20:
            more = sock.recv(65_536)
            if not more:
                break
            reply += more
    except (ConnectionResetError, TimeoutError):
        pass
    sock.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    status = int(head.split()[1]) if head else 0
    return status, body, sent


@pytest.mark.model
@pytest.mark.parametrize("path", ["/gradio_api/queue/join", "/gradio_api/api/respond",
                                  "/api/ask", "/gradio_api/upload"])
@pytest.mark.parametrize("chunked", [True, False])
def test_100_mb_bodies_are_cut_off_early(full: tuple[str, int], path: str,
                                          chunked: bool) -> None:
    _, port = full
    status, body, sent = _stream(port, path, 100 * MB, chunked)
    assert sent < 100 * MB // 4, f"the server read {sent:,} bytes"
    assert status in (404, 413), (status, body)
    if b"{" in body:
        shape = json.loads(body[body.index(b"{"):body.rindex(b"}") + 1])
        assert set(shape) == {"error", "code"}
        assert shape["code"] in ("body_too_large", "not_found")


@pytest.mark.model
def test_no_upload_route_and_nothing_written(full: tuple[str, int], tmp_path: Path) -> None:
    url, _ = full
    files = {"files": ("x.txt", b"hello", "text/plain")}
    for path in ("/gradio_api/upload", "/gradio_api/upload?upload_id=x", "/upload"):
        r = httpx.post(f"{url}{path}", files=files)
        assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = httpx.get(f"{url}/gradio_api/file=/etc/passwd")
    assert r.status_code == 404 and "root:" not in r.text


@pytest.mark.model
def test_every_post_route_is_rate_limited(assistant: Any) -> None:
    from roleqa.web.api import create_app

    s = _server_settings(rate_limit_per_minute=3)
    with serve(create_app(assistant, s), s) as (url, _):
        codes = [httpx.post(f"{url}/gradio_api/api/rate", json={"fn_index": 6, "data": []})
                 .status_code for _ in range(4)]
        assert codes == [404, 404, 404, 429]  # closed, and counted before the route is
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        codes = [other.post(f"{url}/gradio_api/queue/join", json={}).status_code
                 for _ in range(4)]
        assert codes[-1] == 429 and 429 not in codes[:3]


@pytest.mark.model
def test_slow_headers_and_slow_bodies_are_cut_off(full: tuple[str, int]) -> None:
    _, port = full
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing
        assert sock.recv(1024) == b""  # closed by the header timeout, not after 30 s
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /gradio_api/queue/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\"")
        reply = b""
        while b'"}' not in reply and (more := sock.recv(4096)):
            reply += more
    assert reply.startswith(b"HTTP/1.1 408") and b'"body_timeout"' in reply


@pytest.mark.model
def test_connections_past_the_cap_get_503(assistant: Any) -> None:
    from roleqa.web.api import create_app

    s = _server_settings(max_connections=3, header_timeout_s=60)
    with serve(create_app(assistant, s, ui=False), s) as (url, port):
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        try:
            time.sleep(0.2)  # let the server accept them
            assert httpx.get(f"{url}/api/health").status_code == 503
        finally:
            for sock in idle:
                sock.close()


# -- 3. feedback that cannot be faked -------------------------------------------------
def test_only_issued_answers_can_be_rated() -> None:
    ledger = AnswerLedger(max_answers=2, max_writes=3)
    assert ledger.record("forged", "like") is None
    ledger.issue("a", {"question": "Q?", "answer": "A.", "sources": [], "answered": True})
    record = ledger.record("a", "like", "good")
    assert record is not None and record["answer"] == "A." and record["id"] == "a"
    assert ledger.record("a", "superb") is None  # not a rating
    assert ledger.record("a", "dislike") and ledger.record("a", None)
    assert ledger.record("a", "like") is None  # its writes are used up
    ledger.issue("b", {})
    ledger.issue("c", {})
    assert len(ledger) == 2 and ledger.record("a", "like") is None  # forgotten


def test_a_turn_still_streaming_cannot_be_rated(tmp_path: Path) -> None:
    import gradio as gr

    from roleqa.web.ui import ChatHandlers, Turn

    h = ChatHandlers(None, Settings(feedback_path=tmp_path / "f.jsonl"))  # type: ignore[arg-type]
    pending = Turn("t1", "Q?", "")  # what a forged rate event found: answer "", never given
    event = gr.LikeData(None, {"index": [1, None], "value": "", "liked": True})  # type: ignore[arg-type]
    status, *_ = h.rate([pending], None, event)
    assert "cannot be rated" in status and not (tmp_path / "f.jsonl").exists()


@pytest.mark.model
def test_forged_feedback_over_http_writes_nothing(assistant: Any, tmp_path: Path) -> None:
    from roleqa.web.api import create_app

    s = _server_settings(feedback_path=tmp_path / "feedback.jsonl")
    forged = {"fn_index": 6, "data": [None, None], "event_data": {"index": [1, None],
              "value": "", "liked": True}, "session_hash": "forged"}
    with serve(create_app(assistant, s), s) as (url, _):
        for path in ("/gradio_api/api/rate", "/gradio_api/run/rate", "/gradio_api/call/rate",
                     "/gradio_api/call/v2/rate"):
            r = httpx.post(f"{url}{path}", json=forged)
            assert r.status_code == 404 and r.json()["code"] == "not_found"
        r = httpx.post(f"{url}/gradio_api/queue/join", json=forged)
        assert r.status_code < 500
        time.sleep(1.0)  # give a queued event time to run, if it were accepted
    assert not s.feedback_path.exists() or all(
        json.loads(line)["answer"] for line in s.feedback_path.read_text().splitlines())


def test_feedback_summary_neutralises_escape_codes(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    append_feedback(path, {"id": "1", "question": "q\u001b[2J?", "rating": "dislike",
                           "comment": "\u001b]0;pwned\u0007 nice\n  [like] forged\u202e"})
    text = format_summary(summarise_feedback(path))
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\u001b]0;pwned\\u0007" in text
    assert sum("forged" in line for line in text.splitlines()) == 1
    assert all(line.startswith(("Feedback", " ", "Most", "Latest")) or not line
               for line in text.splitlines())
    result = CliRunner().invoke(cli, ["feedback", "--path", str(path)])
    assert result.exit_code == 0 and "\x1b" not in result.output
    result = CliRunner().invoke(cli, ["feedback", "--path", str(path), "--json"])
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert json.loads(result.output)["latest_comments"][0]["comment"].startswith("\x1b]0;")


# -- 4. client identity and origin ----------------------------------------------------
@pytest.mark.model
def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(assistant: Any) -> None:
    from roleqa.web.api import create_app

    s = _server_settings(rate_limit_per_minute=2)
    with serve(create_app(assistant, s, ui=False), s) as (url, _):
        codes = [httpx.post(f"{url}/api/ask", json={"question": Q1},
                            headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
                 for n in range(3)]
    assert codes == [200, 200, 429]
    trusted = s.replace(trusted_proxies=("127.0.0.1",))
    with serve(create_app(assistant, trusted, ui=False), trusted) as (url, _):
        codes = [httpx.post(f"{url}/api/ask", json={"question": Q1},
                            headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
                 for n in range(3)]
    assert codes == [200, 200, 200]  # a named proxy's clients are told apart


@pytest.mark.model
def test_dns_rebinding_is_refused_and_the_public_url_is_allowed(assistant: Any) -> None:
    from roleqa.web.api import create_app

    s = _server_settings(public_url="https://qa.example.com")
    with serve(create_app(assistant, s), s) as (url, port):
        rebound = {"Host": f"evil.test:{port}", "Origin": f"http://evil.test:{port}"}
        for r in (httpx.post(f"{url}/api/ask", json={"question": Q1}, headers=rebound),
                  httpx.post(f"{url}/gradio_api/queue/join", json={}, headers=rebound),
                  httpx.post(f"{url}/api/ask", json={"question": Q1}, headers={
                      **rebound, "X-Forwarded-Host": f"evil.test:{port}"})):
            assert r.status_code == 403 and r.json()["code"] == "origin_not_allowed"
        public = {"Origin": "https://qa.example.com", "Host": "internal:8000"}
        assert httpx.post(f"{url}/api/ask", json={"question": Q1},
                          headers=public).status_code == 200
        assert httpx.post(f"{url}/api/ask", json={"question": Q1},
                          headers={"Origin": url}).status_code == 200  # the socket's own


# -- 5. quiet surface --------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(("method", "path", "body", "status", "code"), [
    ("GET", "/api/ask", None, 405, "method_not_allowed"),
    ("POST", "/gradio_api/call/v2/x", b"{}", 404, "not_found"),
    ("GET", "/monitoring", None, 404, "not_found"),
    ("GET", "/gradio_api/monitoring", None, 404, "not_found"),
    ("GET", "/docs", None, 404, "not_found"),
    ("GET", "/assets/no-such-file.js", None, 404, "not_found"),  # Gradio's own 404, reshaped
    ("POST", "/api/ask", b"[" * 5000 + b"]" * 5000, 400, "too_deep"),
    ("POST", "/api/ask", b'{"question": "caf\xe9 \xff"}', 400, "invalid_encoding"),
    ("POST", "/api/ask", b'{"question": 1e999999}', 422, "invalid_request"),
    ("DELETE", "/api/ask", None, 405, "method_not_allowed"),
])
def test_every_error_has_the_one_shape(full: tuple[str, int], method: str, path: str,
                                       body: bytes | None, status: int, code: str) -> None:
    url, _ = full
    r = httpx.request(method, f"{url}{path}", content=body,
                      headers={"Content-Type": "application/json"})
    assert r.status_code == status and r.json()["code"] == code, r.text
    assert set(r.json()) == {"error", "code"} and "Traceback" not in r.text


@pytest.mark.model
def test_openapi_schema_is_kept_and_health_is_terse(full: tuple[str, int]) -> None:
    url, _ = full
    assert "/api/ask" in httpx.get(f"{url}/openapi.json").json()["paths"]
    assert httpx.get(f"{url}/api/health").json() == {"status": "ok"}


@pytest.mark.model
def test_shutdown_with_chat_pages_open_logs_no_traceback(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ROLEQA_PORT": str(port), "ROLEQA_FEEDBACK_PATH": str(tmp_path / "f")}
    proc = subprocess.Popen([sys.executable, "-m", "roleqa.web.ui"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            assert proc.poll() is None, "server exited early"
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        # open pages: each holds its heartbeat stream open
        streams = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        for n, s in enumerate(streams):
            s.sendall(f"GET /gradio_api/heartbeat/page{n} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            s.recv(1024)  # the stream has started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output, _ = proc.communicate(timeout=60)
    assert "Traceback" not in output and "CancelledError" not in output, output[-3000:]
