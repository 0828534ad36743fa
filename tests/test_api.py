"""The HTTP server over real sockets on loopback: the answer contract, errors and
limits, the rate limit, CORS on the API and on the mounted Gradio chat, logs,
and ``roleqa serve --api-only --workers 2`` as a subprocess."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from roleqa.cli import main
from roleqa.config import Settings
from roleqa.web.api import create_app
from roleqa.web.http_guard import RateLimiter

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = "http://careers.test:8000"
Q1 = "Which cloud platforms does a deep learning engineer use?"
pytestmark = pytest.mark.model


def settings(**changes: Any) -> Settings:
    base = Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index")
    return base.replace(**{"allowed_origins": (ALLOWED,), **changes})


def bound_socket() -> socket.socket:
    """A listening-ready socket on a free loopback port (no race for the port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def live(app: Any, sock: socket.socket | None = None) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on loopback; yield its base URL."""
    sock = sock or bound_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


class Proxy:
    """The real assistant with ``ask`` replaced."""

    def __init__(self, real: Any, ask: Any) -> None:
        self._real, self.ask = real, ask

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def last(self, timeout: float = 10.0) -> str:
        """The newest line, waiting for it: the server logs a request once its
        response has gone out, which may be just after the client has it."""
        deadline = time.monotonic() + timeout
        while not self.lines and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.lines[-1]


@pytest.fixture(scope="module")
def api(assistant: Any) -> Iterator[str]:
    with live(create_app(assistant, settings(), ui=False)) as url:
        yield url


@pytest.fixture(scope="module")
def full(assistant: Any) -> Iterator[str]:
    """The whole server, with the Gradio chat mounted at /."""
    with live(create_app(assistant, settings())) as url:
        yield url


@pytest.fixture
def records() -> Iterator[Records]:
    handler = Records()
    logger = logging.getLogger("roleqa.http")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_ask_returns_the_cli_json_contract(api: str, assistant: Any) -> None:
    r = httpx.post(f"{api}/api/ask", json={"question": Q1})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    expected = assistant.ask(Q1).to_dict()
    assert set(body) >= set(expected) and body["answered"] is True
    assert all(name in body["answer"] for name in ("AWS", "GCP", "Azure"))
    assert body["sources"] == expected["sources"] and body["suggestions"] == expected["suggestions"]
    assert set(body["sources"][0]) == {"title", "text", "score", "id", "doc", "guide_title",
                                       "section"}


def test_a_decline_gives_its_lead_and_its_questions_apart(api: str) -> None:
    """A client shows ``lead`` and then ``suggestions`` its own way; it never has to
    split ``answer`` on the bullets of the plain-text reply."""
    body = httpx.post(f"{api}/api/ask", json={"question": "What is the capital of France?"}).json()
    assert body["answered"] is False and len(body["suggestions"]) == 3
    assert body["lead"].startswith("Sorry") and "•" not in body["lead"]
    assert body["answer"] == body["lead"] + " " + " ".join(f"• {s}" for s in body["suggestions"])
    answered = httpx.post(f"{api}/api/ask", json={"question": Q1}).json()
    assert answered["lead"] == answered["answer"]


def test_follow_up_reads_the_history_sent_with_it(api: str) -> None:
    follow = "which languages for it?"
    after = httpx.post(f"{api}/api/ask", json={"question": follow, "history": [Q1]}).json()
    data = httpx.post(f"{api}/api/ask", json={
        "question": follow, "history": ["What does data engineering involve?"]}).json()
    # The same words mean deployment after the cloud question, data work after the other.
    assert after["answered"] and "Java" in after["sources"][0]["text"]
    assert after["answer"].startswith("Deployment is implemented")
    assert data["answered"] and "SQL" in data["sources"][0]["text"]


def test_health_tells_only_status_unless_asked(api: str, assistant: Any) -> None:
    assert httpx.get(f"{api}/api/health").json() == {"status": "ok"}
    info = httpx.get(f"{api}/api/info").json()
    assert info["limits"]["max_question_chars"] == 1000 and len(info["examples"]) == 3
    with live(create_app(assistant, settings(health_details=True), ui=False)) as url:
        body = httpx.get(f"{url}/api/health").json()
    assert body["status"] == "ok" and body["ui"] is False
    assert body["model"] == assistant.embedder.model_id
    assert body["index"] == assistant.index.manifest.to_dict()
    assert body["limits"]["max_question_chars"] == 1000


def test_docs_and_widget_are_served(api: str) -> None:
    schema = httpx.get(f"{api}/openapi.json").json()
    assert {"/api/ask", "/api/health"} <= set(schema["paths"])
    assert "question" in schema["components"]["schemas"]["AskRequest"]["properties"]
    # no Swagger page: it would load its script from a CDN
    assert httpx.get(f"{api}/docs").json()["code"] == "not_found"
    js = httpx.get(f"{api}/widget.js", headers={"Origin": "http://anywhere.test"})
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert js.content == (ROOT / "src/roleqa/web/static/widget.js").read_bytes()
    assert len(js.content) < 15_000 and "innerHTML" not in js.text


@pytest.mark.parametrize(("body", "fragment"), [
    ("not json", "must be JSON"),
    ({"history": []}, "question: Field required"),
    ({"question": 123}, "question: Input should be a valid string"),
    ({"question": "   "}, "Please type a question"),
    ({"question": "x" * 1001}, "1,001 characters long; the limit is 1,000"),
    ({"question": "why?", "history": ["a"] * 11}, "history has 11 questions; the limit is 10"),
    ({"question": "why?", "history": ["a" * 1001]}, "History question 1 is longer"),
    ({"question": "why?", "history": "a string"}, "history: Input should be a valid list"),
])
def test_invalid_requests_get_a_clear_json_error(api: str, body: Any, fragment: str) -> None:
    content = body if isinstance(body, str) else json.dumps(body)
    r = httpx.post(f"{api}/api/ask", content=content,
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert fragment in r.json()["error"] and r.json()["code"].startswith("invalid")


def test_bodies_over_the_limit_get_413(api: str) -> None:
    big = json.dumps({"question": "why?", "history": ["x" * 900] * 40})  # ~36 kB > 32 kB
    r = httpx.post(f"{api}/api/ask", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"
    # chunked: no Content-Length to check up front, so the cap counts while reading
    chunks = (big[i:i + 4096].encode() for i in range(0, len(big), 4096))
    r = httpx.post(f"{api}/api/ask", content=chunks, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "32,768 bytes" in r.json()["error"]


def test_wrong_method_is_json(api: str) -> None:
    r = httpx.get(f"{api}/api/ask")
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed"


def test_rate_limit_is_per_client_with_retry_after(assistant: Any) -> None:
    app = create_app(assistant, settings(rate_limit_per_minute=3), ui=False)
    with live(app) as url:
        ok = [httpx.post(f"{url}/api/ask", json={"question": Q1}) for _ in range(3)]
        assert [r.status_code for r in ok] == [200, 200, 200]
        r = httpx.post(f"{url}/api/ask", json={"question": Q1}, headers={"Origin": ALLOWED})
        assert r.status_code == 429 and r.json()["code"] == "rate_limited"
        assert 1 <= int(r.headers["retry-after"]) <= 20
        # the widget must be able to read it cross-origin
        assert r.headers["access-control-allow-origin"] == ALLOWED
        assert "retry-after" in r.headers["access-control-expose-headers"].lower()
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        assert other.post(f"{url}/api/ask", json={"question": Q1}).status_code == 200


def test_token_bucket_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])
    assert [limiter.check("a") for _ in range(60)] == [0.0] * 60
    assert limiter.check("a") == pytest.approx(1.0)
    now[0] += 1.0
    assert limiter.check("a") == 0.0 and limiter.check("b") == 0.0


def test_slow_answers_time_out_with_504(assistant: Any) -> None:
    def slow(question: str, history: Any = (), guide: Any = None) -> Any:
        time.sleep(0.5)
        return assistant.ask(question, history)

    app = create_app(Proxy(assistant, slow), settings(answer_timeout_s=0.1), ui=False)  # type: ignore[arg-type]
    with live(app) as url:
        r = httpx.post(f"{url}/api/ask", json={"question": Q1})
    assert r.status_code == 504 and r.json() == {
        "error": "The answer took longer than 0.1 s. Please try again.", "code": "timeout"}


def test_internal_errors_never_show_a_traceback(assistant: Any, records: Records) -> None:
    def broken(question: str, history: Any = (), guide: Any = None) -> Any:
        raise RuntimeError("secret detail at /srv/roleqa")

    with live(create_app(Proxy(assistant, broken), settings(), ui=False)) as url:  # type: ignore[arg-type]
        r = httpx.post(f"{url}/api/ask", json={"question": Q1}, headers={"Origin": ALLOWED})
    assert r.status_code == 500 and r.json() == {"error": "internal error", "code": "internal"}
    assert r.headers["access-control-allow-origin"] == ALLOWED
    assert "secret" not in r.text and "Traceback" not in r.text
    assert any("secret detail" in line for line in records.lines)  # the log has it


def test_request_logs_are_json_without_questions(api: str, records: Records) -> None:
    httpx.post(f"{api}/api/ask", json={"question": "What tools do they use?"})
    entry = json.loads(records.last())
    assert entry["method"] == "POST" and entry["path"] == "/api/ask" and entry["status"] == 200
    assert entry["client"] == "127.0.0.1" and entry["duration_ms"] > 0
    assert "question" not in entry and "tools" not in records.last()


def test_questions_are_logged_only_when_asked_for(assistant: Any, records: Records) -> None:
    with live(create_app(assistant, settings(log_questions=True), ui=False)) as url:
        httpx.post(f"{url}/api/ask", json={"question": "What tools do they use?"})
    assert json.loads(records.lines[-1])["question"] == "What tools do they use?"


def test_cors_allows_listed_and_same_origin_and_refuses_others(api: str) -> None:
    ask = f"{api}/api/ask"
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    r = httpx.options(ask, headers={"Origin": ALLOWED, **preflight})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == ALLOWED
    r = httpx.post(ask, json={"question": Q1}, headers={"Origin": ALLOWED})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == ALLOWED
    for evil in ("http://evil.test", "http://careers.test:9999", "null"):
        for r in (httpx.options(ask, headers={"Origin": evil, **preflight}),
                  httpx.post(ask, json={"question": Q1}, headers={"Origin": evil})):
            assert r.status_code == 403 and r.json()["code"] == "origin_not_allowed"
            assert "access-control-allow-origin" not in r.headers
    assert httpx.post(ask, json={"question": Q1}, headers={"Origin": api}).status_code == 200
    # X-Forwarded-Host proves nothing (DNS rebinding, test_hostile): ROLEQA_PUBLIC_URL does
    proxied = {"Origin": "https://qa.example.com", "X-Forwarded-Host": "qa.example.com"}
    assert httpx.post(ask, json={"question": Q1}, headers=proxied).status_code == 403
    assert httpx.post(ask, json={"question": Q1}).status_code == 200


def test_gradio_chat_is_mounted_and_its_cors_is_ours(full: str) -> None:
    page = httpx.get(f"{full}/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert page.headers["content-security-policy"] == f"frame-ancestors 'self' {ALLOWED}"
    assert httpx.get(f"{full}/api/info").json()["ui"] is True
    # Behind a public host name Gradio's own middleware reflects any origin (gradio#10276).
    public = {"Host": "api.test"}
    for path in ("/config", "/gradio_api/info"):
        r = httpx.get(f"{full}{path}", headers={**public, "Origin": "http://evil.test"})
        assert r.status_code == 403 and "access-control-allow-origin" not in r.headers
        r = httpx.get(f"{full}{path}", headers={**public, "Origin": ALLOWED})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == ALLOWED
        assert "access-control-allow-credentials" not in r.headers  # Gradio stood down
    join = httpx.post(f"{full}/gradio_api/queue/join", json={},
                      headers={**public, "Origin": "http://evil.test"})
    assert join.status_code == 403
    same = httpx.post(f"{full}/gradio_api/queue/join", json={}, headers={"Origin": full})
    assert same.status_code != 403


def test_many_workers_need_api_only() -> None:
    result = CliRunner().invoke(main, ["serve", "--workers", "2"])
    assert result.exit_code == 2 and "--api-only" in result.output


def test_api_only_with_two_worker_processes() -> None:
    sock = bound_socket()
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--api-only", "--workers", "2", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True, env={**os.environ, "ROLEQA_RATE_LIMIT_PER_MINUTE": "1000"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, "server exited early"
            assert time.monotonic() < deadline, "server did not become ready"
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        answers = [httpx.post(f"{url}/api/ask", json={"question": Q1}, timeout=30)
                   for _ in range(6)]
        assert all(r.status_code == 200 and "AWS" in r.json()["answer"] for r in answers)
        assert httpx.get(f"{url}/").status_code == 404  # no chat page in API-only mode
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output, _ = proc.communicate(timeout=60)
    workers = {line.split("[")[-1] for line in output.splitlines()
               if "Started server process" in line}
    assert len(workers) >= 2, output
