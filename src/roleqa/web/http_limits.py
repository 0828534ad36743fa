"""The request limits of the HTTP server (see :mod:`roleqa.web.api`), on every route.

:class:`Limits` sits inside CORS, so its refusals still carry CORS headers:

- **surface**: only the routes the API, the widget and the chat page use are
  open; the rest of what Gradio serves (its direct API ``/gradio_api/api/*``,
  ``run``, ``call``, uploads, ``/monitoring``, ...) answers 404. This app takes
  no files, so nothing is ever written to Gradio's upload folder.
- **rate**: a per-client token bucket on every POST, the only method that runs
  a handler (429 with ``Retry-After``), counted before the route is looked at.
- **body size**: ``Content-Length`` over the cap is refused before reading,
  and a chunked body is cut off as soon as it passes the cap (413).
- **slow bodies**: the whole body must arrive within ``body_timeout_s`` (408).
- **JSON**: an ``/api/`` body that is not UTF-8 or nests too deep gets its own
  400 code instead of a generic parse error.
- a JSON 500 for anything that escaped the app.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .http_guard import RateLimiter, client_of, error_response, log_crash

__all__ = ["MAX_JSON_DEPTH", "BodyTimeout", "BodyTooLarge", "Limits", "is_exposed"]

#: Deeper JSON is refused: no request of this API nests more than a few levels.
MAX_JSON_DEPTH = 32

# The routes that stay open, by method. The chat page needs Gradio's page,
# config, assets, the queue (join, its event stream, heartbeat, cancel) and
# nothing else; the JSON API and the widget are ours.
_GET = re.compile(
    r"/(?:|api/health|api/info|api/guides|widget\.js|openapi\.json|config/?|favicon\.ico|theme\.css"
    r"|robots\.txt|manifest\.json|pwa_icon(?:/\w+)?|(?:assets|svelte|static)/.*"
    r"|gradio_api/(?:info/?|theme\.css|startup-events|queue/data|heartbeat/[\w-]+))"
)
_POST = re.compile(r"/(?:api/ask|gradio_api/(?:queue/join|cancel|reset/?))")


def is_exposed(method: str, path: str) -> bool:
    """Whether ``method path`` is a route this server serves to anyone."""
    if method in ("GET", "HEAD"):
        return _GET.fullmatch(path) is not None
    if method == "POST":
        return _POST.fullmatch(path) is not None
    return method == "OPTIONS"  # CORS preflights, answered by CORSMiddleware


class BodyTooLarge(HTTPException):
    """The body grew past the limit while it was read. An HTTPException because
    FastAPI turns any other error raised while it reads a body into a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit:,} bytes.")


class BodyTimeout(HTTPException):
    """The body did not arrive in time (a slow or stalled client)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"The request body did not arrive within {seconds:g} s.")


def json_depth(data: bytes) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class Limits:
    """Surface, rate, size, time and JSON limits, and a JSON 500 with CORS headers."""

    def __init__(self, app: ASGIApp, *, settings: Any, limiter: RateLimiter) -> None:
        self.app = app
        self.max_body = int(settings.max_body_bytes)
        self.body_timeout = float(settings.body_timeout_s)
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is None and scope["method"] == "POST" and scope["path"].startswith("/api/"):
                receive, refusal = await self._checked_json(receive)
            if refusal is not None:
                await refusal(scope, receive, send_tracked)
                return
            await self.app(scope, self._bounded(receive), send_tracked)
        except (BodyTooLarge, BodyTimeout) as exc:
            if not started:
                await self._error(exc)(scope, receive, send_tracked)
        except Exception:
            log_crash(scope)
            if not started:
                await error_response(500, "internal", "internal error")(
                    scope, receive, send_tracked)

    def _error(self, exc: HTTPException) -> JSONResponse:
        code = "body_too_large" if exc.status_code == 413 else "body_timeout"
        # The rest of the body is not read: the client must not reuse the connection.
        return error_response(exc.status_code, code, str(exc.detail), {"Connection": "close"})

    def _refusal(self, scope: Scope) -> JSONResponse | None:
        method, path = scope["method"], scope["path"]
        if method == "POST":
            wait = self.limiter.check(client_of(scope))
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                return error_response(
                    429, "rate_limited",
                    f"Too many requests: the limit is {self.limiter.per_minute} a minute. "
                    f"Please wait {seconds} s and try again.",
                    {"Retry-After": str(seconds)},
                )
        if not is_exposed(method, path):
            allowed = [m for m in ("GET", "POST") if is_exposed(m, path)]
            if allowed:
                return error_response(405, "method_not_allowed", "This address does not "
                                      f"accept {method}.", {"Allow": ", ".join(allowed)})
            return error_response(404, "not_found", "There is nothing at this address.")
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return self._error(BodyTooLarge(self.max_body))
        return None

    def _bounded(self, receive: Receive) -> Receive:
        """``receive`` that raises :class:`BodyTooLarge` once the body passes the cap
        (a chunked body has no Content-Length to check up front) and
        :class:`BodyTimeout` if the whole body takes longer than the time limit.
        Once the body is complete, later calls (waiting for a disconnect while a
        response streams) pass through unbounded."""
        seen = 0
        done = False
        deadline = time.monotonic() + self.body_timeout

        async def bounded() -> Message:
            nonlocal seen, done
            if done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise BodyTimeout(self.body_timeout) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
                done = not message.get("more_body", False)
            else:
                done = True
            return message

        return bounded

    async def _checked_json(self, receive: Receive) -> tuple[Receive, JSONResponse | None]:
        """Read an API body (capped and timed), refuse bad UTF-8 or deep nesting with
        their own codes, and hand the app a ``receive`` that replays the body."""
        bounded = self._bounded(receive)
        chunks: list[bytes] = []
        while True:
            message = await bounded()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        refusal = None
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            refusal = error_response(400, "invalid_encoding",
                                     "The body must be JSON encoded as UTF-8.")
        else:
            if json_depth(body) > MAX_JSON_DEPTH:
                refusal = error_response(400, "too_deep", "The JSON body nests deeper than "
                                         f"{MAX_JSON_DEPTH} levels.")
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay, refusal
