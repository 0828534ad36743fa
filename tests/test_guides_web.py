"""Scoping for careers sites, end to end: ``guide`` in the API, ``GET /api/guides``,
``roleqa ask --guide``, and a widget with ``data-guide`` on a job page in a real
Chromium, over the example catalogue and the real model."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from browsing import chromium
from conftest import CATALOGUE
from roleqa.cli import main
from roleqa.config import Settings
from roleqa.web.api import create_app
from test_api import bound_socket, live

pytestmark = pytest.mark.model
RESOLVER = "--host-resolver-rules=MAP jobs.test 127.0.0.1, MAP api.test 127.0.0.1"


@pytest.fixture(scope="module")
def api(catalogue_assistant: Any) -> Iterator[str]:
    settings = catalogue_assistant.settings
    with live(create_app(catalogue_assistant, settings, ui=False)) as url:
        yield url


def test_a_scoped_ask_answers_from_that_guide_only(api: str) -> None:
    body = {"question": "What tools do they use?", "guide": "data-scientist"}
    reply = httpx.post(f"{api}/api/ask", json=body, timeout=30).json()
    assert reply["answered"] and {s["doc"] for s in reply["sources"]} == {"data-scientist"}
    assert all(s["guide_title"] == "What does a data scientist do?" for s in reply["sources"])


def test_an_unknown_guide_gets_422_naming_the_known_ones(api: str) -> None:
    r = httpx.post(f"{api}/api/ask", json={"question": "What tools?", "guide": ["nurse"]},
                   timeout=30)
    assert r.status_code == 422
    assert r.json()["code"] == "unknown_guide"
    assert "data-scientist" in r.json()["error"]


def test_the_guides_are_listed_with_example_questions(api: str) -> None:
    guides = httpx.get(f"{api}/api/guides", timeout=30).json()["guides"]
    by_slug = {g["slug"]: g for g in guides}
    assert set(by_slug) == {p.stem for p in CATALOGUE.glob("*.md")}
    assert by_slug["ai-product-manager"]["role"] == "AI product manager"
    assert "PM" in by_slug["ai-product-manager"]["aliases"]
    assert all("data analyst" in q for q in by_slug["data-analyst"]["examples"])


def test_the_cli_scopes_with_guide(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--corpus-dir", str(CATALOGUE), "--index-dir", str(tmp_path / "index")]
    assert runner.invoke(main, [*base, "index"]).exit_code == 0
    out = runner.invoke(main, [*base, "ask", "--guide", "data-engineer", "--json",
                               "How much do they earn?"])
    assert out.exit_code == 0, out.output
    reply = json.loads(out.output)
    assert reply["answered"] and {s["doc"] for s in reply["sources"]} == {"data-engineer"}
    bad = runner.invoke(main, [*base, "ask", "--guide", "nurse", "What tools?"])
    assert bad.exit_code == 1 and "Known guides:" in bad.output


JOB_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Data scientist</title>
</head><body><h1>Data scientist, Berlin</h1>
<script src="{api}/widget.js" data-guide="data-scientist" data-title="Ask about this job"
 async></script></body></html>"""


@pytest.mark.browser
def test_a_widget_on_a_job_page_speaks_for_that_role_only(catalogue_assistant: Any) -> None:
    api_sock = bound_socket()
    api = f"http://api.test:{api_sock.getsockname()[1]}"

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = JOB_PAGE.format(api=api).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page_url = f"http://jobs.test:{server.server_address[1]}"
    settings: Settings = catalogue_assistant.settings.replace(allowed_origins=(page_url,))
    try:
        with live(create_app(catalogue_assistant, settings, ui=False), api_sock), \
                chromium(RESOLVER) as browser:
            page = browser.new_page()
            page.goto(page_url + "/")
            page.locator(".fab").click()
            panel = page.get_by_role("dialog", name="Ask about this job")
            # the starter questions are the role's own
            expect(panel.locator(".chip").first).to_contain_text("data scientist")
            box = panel.get_by_role("textbox", name="Your question")
            box.fill("What tools do they use?")
            box.press("Enter")
            expect(panel.locator(".m.b").filter(has_text="statsmodels")).to_have_count(
                1, timeout=30_000)
            box.fill("How much do they earn?")  # only the data engineer guide gives pay
            box.press("Enter")
            expect(panel.locator(".m.b").filter(
                has_text="data scientist guide does not")).to_have_count(1, timeout=30_000)
    finally:
        server.shutdown()
