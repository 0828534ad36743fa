"""The widget and the iframe embed in a real Chromium (Debian's, driven by Playwright).

The careers page is served from a second origin (careers.test) and the server
from api.test, both mapped to loopback by Chromium's resolver rules. The same
page on another port is an origin the server does not allow.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from browsing import chromium
from roleqa.web.api import create_app
from test_api import Q1, ROOT, bound_socket, live, settings

pytestmark = [pytest.mark.browser, pytest.mark.model]
SITE = ROOT / "examples/careers-site"
SHOTS = ROOT / "artifacts/screenshots"
# Two hostnames, both loopback: the careers page and the API are different origins.
RESOLVER = "--host-resolver-rules=MAP careers.test 127.0.0.1, MAP api.test 127.0.0.1"
FOLLOW_UP = "which languages for it?"


class CareersPage(SimpleHTTPRequestHandler):
    """Serves the example site, pointing its embeds at the test server."""

    api = ""

    def do_GET(self) -> None:
        if self.path not in ("/", "/index.html"):
            super().do_GET()
            return
        html = (SITE / "index.html").read_text(encoding="utf-8")
        body = html.replace("http://127.0.0.1:7860", self.api).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def site(assistant: Any) -> Iterator[dict[str, str]]:
    """Base URLs: "api", "page" (an allowed origin) and "other" (a refused one)."""
    api_sock = bound_socket()
    api = f"http://api.test:{api_sock.getsockname()[1]}"
    handler = type("Handler", (CareersPage,), {"api": api})
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(SITE)))
               for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    page, other = (f"http://careers.test:{s.server_address[1]}" for s in servers)
    # The server is reached by name (api.test): that name is its public URL, which is
    # how it knows its own pages' origin (the Host header proves nothing).
    app = create_app(assistant, settings(allowed_origins=(page,), public_url=api))
    try:
        with live(app, api_sock):
            yield {"api": api, "page": page + "/", "other": other + "/"}
    finally:
        for server in servers:
            server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(RESOLVER) as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def in_shadow(page: Page, script: str) -> Any:
    """Evaluate ``script`` with ``root`` bound to the widget's shadow root."""
    return page.evaluate(f"() => {{ const root = document.querySelector('roleqa-chat')"
                         f".shadowRoot; return {script}; }}")


def test_widget_conversation_with_sources_history_and_isolation(
        site: dict[str, str], page: Page) -> None:
    page.goto(site["page"])
    fab = page.locator(".fab")
    expect(fab).to_be_visible()  # the page hides every <button>, but not this one
    fab.click()
    panel = page.get_by_role("dialog", name="Ask about this role")
    expect(panel).to_be_visible()
    assert in_shadow(page, "root.activeElement.tagName") == "TEXTAREA"
    expect(panel.locator(".chip")).to_have_count(3)  # starter questions from /api/health

    held: list[Route] = []  # hold the first answer to see the typing indicator
    page.route("**/api/ask", lambda route: held.append(route))
    box = panel.get_by_role("textbox", name="Your question")
    box.fill(Q1)
    box.press("Enter")
    expect(panel.get_by_role("status", name="The assistant is typing")).to_be_visible()
    expect(panel.locator(".send")).to_be_disabled()
    for _ in range(100):  # the route callback runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(20)
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/api/ask")
    answer = panel.locator(".m.b").filter(has_text="AWS")
    expect(answer).to_contain_text("GCP")
    expect(answer).to_contain_text("Azure")
    expect(panel.locator(".dots")).to_have_count(0)
    answer.locator("summary").click()
    source = answer.locator("li")
    expect(source).to_contain_text("What tools does a deep learning engineer use?")
    expect(source.locator("blockquote")).to_contain_text("cloud technologies such as AWS")

    with page.expect_request("**/api/ask") as sent:
        box.fill(FOLLOW_UP)
        box.press("Enter")
    assert sent.value.post_data_json == {"question": FOLLOW_UP, "history": [Q1]}
    expect(panel.locator(".m.b").last).to_contain_text("Java")

    # The page's hostile CSS is in force on the page, and absent in the widget.
    assert "Comic" in page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    style = in_shadow(page, """[...root.querySelectorAll('.m.b, .fab, textarea, svg, summary')]
        .map(e => { const s = getComputedStyle(e); return {font: s.fontFamily, color: s.color,
        display: s.display, bg: s.backgroundColor, spacing: s.letterSpacing, width: s.width,
        border: s.borderStyle, transform: s.textTransform}; })""")
    assert not any("Comic" in s["font"] for s in style)
    assert "rgb(193, 18, 31)" not in {s["color"] for s in style}
    assert "none" not in {s["display"] for s in style}
    assert "dashed" not in {s["border"] for s in style}
    assert {s["spacing"] for s in style} == {"normal"}
    assert "uppercase" not in {s["transform"] for s in style}
    assert "rgb(255, 255, 0)" not in {s["bg"] for s in style}
    assert {s["width"] for s in style if s["width"].endswith("px")} >= {"20px"}  # icons
    shot(page, "widget-desktop")  # docs/screenshots/widget.png is a copy, made by hand

    page.keyboard.press("Escape")  # closes, and focus returns to the button
    expect(panel).to_be_hidden()
    assert in_shadow(page, "root.activeElement.className") == "fab"
    assert in_shadow(page, "getComputedStyle(root.activeElement).boxShadow") != "none"
    page.keyboard.press("Enter")  # reopens from the keyboard, the conversation kept
    expect(panel).to_be_visible()
    assert in_shadow(page, "root.activeElement.tagName") == "TEXTAREA"
    expect(panel.locator(".m.u")).to_have_count(2)


def test_widget_on_a_phone(site: dict[str, str], browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(site["page"])
    page.locator(".fab").click()
    box = page.get_by_role("textbox", name="Your question")
    box.fill(Q1)
    box.press("Enter")
    expect(page.locator(".m.b").last).to_contain_text("Azure")
    page.locator(".m.b").last.locator("summary").click()
    bounds = page.get_by_role("dialog").bounding_box()
    assert bounds and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 375
    width = in_shadow(page, "root.querySelector('.log').scrollWidth")
    assert width <= 375  # no sideways scrolling
    shot(page, "widget-mobile")
    context.close()


def test_busy_and_error_states(site: dict[str, str], page: Page) -> None:
    page.goto(site["page"])
    page.locator(".fab").click()
    page.route("**/api/ask", lambda route: route.fulfill(
        status=429, headers={"Retry-After": "7", "Access-Control-Allow-Origin": "*",
                             "Access-Control-Expose-Headers": "Retry-After"},
        json={"error": "Too many questions: the limit is 60 a minute. Please wait 7 s and "
                       "try again.", "code": "rate_limited"}))
    box = page.get_by_role("textbox", name="Your question")
    box.fill(Q1)
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Please wait 7 s")
    expect(page.locator(".send")).to_be_disabled()
    expect(box).to_have_value(Q1)  # kept, to send again
    shot(page, "widget-rate-limited")


def test_widget_on_a_refused_origin_says_so(site: dict[str, str], page: Page) -> None:
    page.goto(site["other"])
    page.locator(".fab").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("is not allowed to use the assistant")
    expect(alert).to_contain_text(site["other"].rstrip("/"))
    expect(page.get_by_role("textbox", name="Your question")).to_be_disabled()
    shot(page, "widget-refused")


def test_full_chat_in_an_iframe(site: dict[str, str], page: Page) -> None:
    page.goto(site["page"])
    page.locator("#load-chat").click()  # loads the chat into the named iframe
    page.locator("#full-chat").scroll_into_view_if_needed()
    chat = page.frame_locator("#full-chat")
    question = chat.locator("#rq-question textarea")
    expect(question).to_be_visible(timeout=30_000)
    question.fill(Q1)
    question.press("Enter")
    expect(chat.locator("#rq-chat")).to_contain_text("Azure", timeout=30_000)
    shot(page, "iframe-chat")
