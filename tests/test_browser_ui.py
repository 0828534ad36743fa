"""The chat page in a real Chromium (Debian's, driven by Playwright), against a
real server: the packaged model and the committed index, on a free loopback port.

Every test also checks that no dialog opened and that no request left
127.0.0.1. Screenshots go to artifacts/screenshots/, timings to
artifacts/browser-metrics.json.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from browsing import chromium

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
TOOLS = "What tools does a deep learning engineer use?"
TOOLS_SECTION = "What tools does a deep learning engineer use?"
CLOUD = re.compile(r"\b(AWS|GCP|Azure)\b")
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<form action=http://evil.example><button>x</button></form>",
    "[click](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
]


@dataclass
class Server:
    url: str
    feedback: Path
    started: float  # perf_counter at process start
    ready_s: float
    metrics: dict[str, Any] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``python -m roleqa.web.ui`` in a subprocess, as a visitor would meet it."""
    port, folder = free_port(), tmp_path_factory.mktemp("browser")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLEQA_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ROLEQA_HOST="127.0.0.1",
               ROLEQA_PORT=str(port), ROLEQA_FEEDBACK_PATH=str(folder / "feedback.jsonl"))
    log = (folder / "server.log").open("w")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "roleqa.web.ui"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            if process.poll() is not None:
                pytest.fail("the UI server stopped:\n" + (folder / "server.log").read_text())
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 240:
                pytest.fail("the UI server did not start within 240 s")
            time.sleep(0.2)
        s = Server(url, folder / "feedback.jsonl", started, time.perf_counter() - started)
        s.metrics["server_ready_s"] = round(s.ready_s, 2)
        yield s
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
    if s.metrics:
        (ROOT / "artifacts").mkdir(exist_ok=True)
        (ROOT / "artifacts" / "browser-metrics.json").write_text(json.dumps(s.metrics, indent=2))
        print("\nbrowser metrics:", json.dumps(s.metrics))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh visitor on the chat page; afterwards, no dialog and no outside request."""
    size = getattr(request, "param", {"width": 1100, "height": 900})
    context = browser.new_context(viewport=size)
    page = context.new_page()
    urls: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.on("websocket", lambda w: urls.append(w.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    expect(page.locator("#rq-question textarea")).to_be_editable(timeout=30_000)
    yield page
    context.close()
    assert not dialogs, f"dialogs fired: {dialogs}"
    outside = {u for u in urls if urllib.parse.urlsplit(u).scheme not in ("data", "blob")
               and urllib.parse.urlsplit(u).hostname != "127.0.0.1"}
    assert not outside, f"requests left the machine: {sorted(outside)}"


def wait_for_answer(page: Page, before: int, timeout: float = 30_000) -> str:
    """Wait until reply number ``before + 1`` has finished streaming; its text."""
    page.wait_for_function(
        """(n) => {
            const bots = document.querySelectorAll('#rq-chat [data-testid=bot]');
            const send = document.querySelector('#rq-send');
            return bots.length === n && !send.disabled
                && !bots[n - 1].innerText.trim().endsWith('…');
        }""", arg=before + 1, timeout=timeout)
    return page.locator("#rq-chat [data-testid=bot]").nth(before).inner_text()


def ask(page: Page, question: str, server: Server | None = None) -> tuple[str, float]:
    """Type ``question``, send it, and return the finished reply and seconds taken."""
    before = page.locator("#rq-chat [data-testid=bot]").count()
    page.fill("#rq-question textarea", question)
    start = time.perf_counter()
    page.click("#rq-send")
    text = wait_for_answer(page, before)
    done = time.perf_counter()
    if server is not None and "first_answer_after_start_s" not in server.metrics:
        server.metrics["first_answer_after_start_s"] = round(done - server.started, 2)
    return text, done - start


def open_sources(page: Page) -> str:
    """Expand the latest answer's sources; their text."""
    block = page.locator("#rq-chat details.rq-sources").last
    block.locator("summary").click()
    expect(block.locator("blockquote").first).to_be_visible()
    return block.inner_text()


def shot(page: Page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full_page)


def test_tools_question_cites_the_tools_section(page: Page, server: Server) -> None:
    expect(page).to_have_title(re.compile("deep learning engineer", re.I))
    expect(page.locator("#rq-header h1")).to_contain_text("What does a deep learning engineer do?")
    shot(page, "empty-chat")
    reply, _ = ask(page, "What tools does a deep learning engineer use for deployment?", server)
    assert CLOUD.search(reply), reply
    sources = open_sources(page)
    assert TOOLS_SECTION in sources and CLOUD.search(sources)
    shot(page, "tools-answer")


def test_follow_up_uses_the_history(page: Page, server: Server) -> None:
    ask(page, TOOLS, server)
    reply, _ = ask(page, "which of them are for deployment?")
    assert CLOUD.search(reply) or "deployment" in reply.lower(), reply
    open_sources(page)
    shot(page, "follow-up")


def test_decline_offers_clickable_questions(page: Page, server: Server) -> None:
    reply, _ = ask(page, "How much do deep learning engineers earn?", server)
    assert "does not cover" in reply and "What tools does a deep learning engineer use?" in reply
    follow_ups = page.locator("#rq-followups button:visible")
    expect(follow_ups).to_have_count(3)
    shot(page, "decline")
    follow_ups.first.click()
    reply = wait_for_answer(page, 1)
    assert page.locator("#rq-chat details.rq-sources").count() == 1, reply


def test_example_questions_on_an_empty_chat_are_clickable(page: Page, server: Server) -> None:
    examples = page.locator("#rq-chat button.example")
    expect(examples).to_have_count(4)
    examples.filter(has_text=TOOLS).click()
    wait_for_answer(page, 0)
    expect(page.locator("#rq-chat [data-testid=user]")).to_have_text(TOOLS)
    expect(page.locator("#rq-chat details.rq-sources")).to_have_count(1)


def test_markup_in_questions_shows_as_text_and_does_nothing(page: Page, server: Server) -> None:
    for number, payload in enumerate(PAYLOADS):
        ask(page, payload, server)
        expect(page.locator("#rq-chat [data-testid=user]").nth(number)).to_have_text(payload)
    page.wait_for_timeout(500)  # time for any image or form to have loaded
    messages = page.locator("#rq-chat .message-content")
    assert messages.locator("img, form, a, iframe, script, input").count() == 0
    assert page.evaluate("document.querySelectorAll('form').length") == 0
    shot(page, "markup-as-text")


def test_like_and_comment_reach_the_feedback_file(page: Page, server: Server) -> None:
    before = server.feedback.read_text().splitlines() if server.feedback.exists() else []
    ask(page, "What skills does a deep learning engineer need?", server)
    page.locator("#rq-chat button[aria-label='Like']").last.click()
    expect(page.locator("#rq-status")).to_contain_text("Thanks")
    page.fill("#rq-comment textarea", "Clear and well sourced")
    page.locator("#rq-comment-row button").click()
    expect(page.locator("#rq-status")).to_contain_text("comment was saved")
    added = [json.loads(x) for x in server.feedback.read_text().splitlines()[len(before):]]
    assert [r["rating"] for r in added] == ["like", "like"]
    assert added[0]["question"] == "What skills does a deep learning engineer need?"
    assert added[0]["sources"] and added[0]["answer"] and added[0]["timestamp"]
    assert added[1]["comment"] == "Clear and well sourced"
    shot(page, "liked")


def test_too_long_question_is_explained(page: Page, server: Server) -> None:
    page.fill("#rq-question textarea", "why " * 251)
    page.click("#rq-send")
    expect(page.locator("#rq-status")).to_contain_text("the limit is 1,000")
    expect(page.locator("#rq-question textarea")).to_have_value("why " * 251)
    assert page.locator("#rq-chat [data-testid=user]").count() == 0


@pytest.mark.parametrize("page", [{"width": 375, "height": 740}], indirect=True)
def test_phone_width_is_usable(page: Page, server: Server) -> None:
    def check() -> None:
        for selector in ("#rq-question textarea", "#rq-send"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, selector
            assert box["y"] >= 0 and box["y"] + box["height"] <= 740, selector
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

    shot(page, "phone-empty")
    check()
    ask(page, "What tasks does a deep learning engineer carry out?", server)
    open_sources(page)
    check()
    shot(page, "phone-answer")


@pytest.mark.parametrize("page", [{"width": 1100, "height": 1120}], indirect=True)
def test_answer_latency_in_the_browser(page: Page, server: Server) -> None:
    questions = ["Do they write production code?",
                 "In what team structure does a deep learning engineer fit?",
                 "What skills does a deep learning engineer need?",
                 "What tools does a deep learning engineer use for deployment?",
                 "And for collaboration?"]
    times = [ask(page, q, server)[1] for q in questions]
    server.metrics["browser_answer_s"] = [round(t, 3) for t in times]
    server.metrics["browser_answer_median_s"] = round(statistics.median(times), 3)
    assert "Git" in open_sources(page)  # the follow-up read "collaboration" as tools for it
    # both tool questions in view, for the README
    page.locator("#rq-chat [data-testid=user]").nth(3).evaluate(
        "e => { e.scrollIntoView(); e.closest('[role=log]').scrollTop -= 20; }")
    page.mouse.move(0, 0)
    shot(page, "conversation")  # the README's screenshot (docs/screenshots/chat.png)
    assert statistics.median(times) < 5
