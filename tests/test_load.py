"""The server under load and under arbitrary input, on loopback only.

A bounded load test (32 concurrent visitors, each its own rate-limit key, for
10 s) must see every visitor answered up to its limit, then 429 (never 500); and
hypothesis throws arbitrary JSON and Unicode at ``POST /api/ask``: every reply
is JSON with a status below 500, and none hangs.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roleqa.web.api import create_app
from test_api import live
from test_api import settings as server_settings

pytestmark = pytest.mark.model

QUESTIONS = [
    "Which cloud platforms does a deep learning engineer use?",
    "What skills does a deep learning engineer need?",
    "How much do deep learning engineers earn?",
    "Who wrote the guide?",
]


async def _client(url: str, n: int, until: float, seen: Counter[int], retry_after: list[str],
                  bad_json: list[int], answered: Counter[int]) -> None:
    # Each client is its own visitor behind the trusted proxy: the limit is per
    # visitor, so every one of them must get answers before its own 429s.
    headers = {"X-Forwarded-For": f"10.0.{n}.1"}
    async with httpx.AsyncClient(base_url=url, timeout=30, headers=headers) as client:
        i = n
        while time.monotonic() < until:
            r = await client.post("/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)],
                                                    "history": []})
            seen[r.status_code] += 1
            answered[n] += r.status_code == 200
            if r.status_code == 429:
                retry_after.append(r.headers.get("retry-after", ""))
                await asyncio.sleep(0.05)
            try:
                r.json()
            except ValueError:
                bad_json.append(r.status_code)
            i += 1


def test_32_clients_for_10_seconds_get_answers_or_429_never_a_server_error(
    assistant: Any,
) -> None:
    app = create_app(assistant, server_settings(rate_limit_per_minute=5,
                                                trusted_proxies=("127.0.0.1",)), ui=False)
    seen: Counter[int] = Counter()
    answered: Counter[int] = Counter()
    retry_after: list[str] = []
    bad_json: list[int] = []
    with live(app) as url:
        until = time.monotonic() + 10

        async def main() -> None:
            await asyncio.gather(*(_client(url, n, until, seen, retry_after, bad_json, answered)
                                   for n in range(32)))

        asyncio.run(asyncio.wait_for(main(), timeout=120))
    assert not [code for code in seen if code >= 500], seen
    assert set(seen) <= {200, 429}, seen
    # every visitor was answered, at most as often as its bucket of 5 (refilled at
    # 5 a minute) allows, then refused
    assert sorted(answered) == list(range(32)), answered
    assert all(1 <= n <= 6 for n in answered.values()), answered
    assert seen[429] > 0, seen
    assert all(value.isdigit() and int(value) >= 1 for value in retry_after)
    assert bad_json == []


@pytest.fixture(scope="module")
def open_api(assistant: Any) -> Iterator[str]:
    """A server whose rate limit is out of the way, so fuzzing reaches the handler."""
    with live(create_app(assistant, server_settings(rate_limit_per_minute=10**9),
                         ui=False)) as url:
        yield url


json_values = st.recursive(
    # JSON has no NaN or Infinity: httpx refuses to send them (the raw-bytes test covers them)
    st.none() | st.booleans() | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
bodies = st.one_of(
    st.fixed_dictionaries({"question": st.text(max_size=3000),
                           "history": st.lists(st.text(max_size=300), max_size=14)}),
    st.fixed_dictionaries({"question": json_values, "history": json_values}),
    json_values,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_arbitrary_bodies_never_cause_a_server_error(open_api: str, body: Any) -> None:
    r = httpx.post(f"{open_api}/api/ask", json=body, timeout=30)
    assert r.status_code < 500, r.text
    payload = r.json()
    if r.status_code == 200:
        assert isinstance(payload["answer"], str) and isinstance(payload["answered"], bool)
    else:
        assert "Traceback" not in r.text


@settings(max_examples=25, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes_never_cause_a_server_error(open_api: str, raw: bytes) -> None:
    r = httpx.post(f"{open_api}/api/ask", content=raw,
                   headers={"content-type": "application/json"}, timeout=30)
    assert r.status_code < 500, r.text
    r.json()
