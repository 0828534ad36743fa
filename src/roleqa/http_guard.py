"""The protective ASGI layers of the HTTP server (see :mod:`roleqa.api`).

- :class:`AccessLog`: one JSON line per request (method, path, status,
  duration, client; the question only when ``log_questions`` is set), and a
  JSON 500 for anything that escaped the layers inside it.
- :class:`OriginGuard`: a browser request from another origin that is not
  allowed gets a 403 before any work is done, on the API and the Gradio
  routes alike; same-origin requests and non-browser clients (no ``Origin``)
  pass. It also sets ``frame-ancestors`` so only allowed sites can frame the chat.
- :class:`Limits`: per-client token-bucket rate limit on the routes that ask
  questions (429 with ``Retry-After``), a body-size cap on ``/api/`` (413),
  and a JSON 500 (inside CORS, so the widget can read it) for any exception.

Errors are ``{"error": message, "code": code}``; a traceback only goes to the log.
"""

from __future__ import annotations

import json
import logging
import math
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["AccessLog", "BodyTooLarge", "Limits", "OriginGuard", "RateLimiter", "error_response"]

log = logging.getLogger("roleqa.http")

#: POST routes where each request is a question: the API's and Gradio's.
RATE_LIMITED = ("/api/ask", "/gradio_api/queue/join", "/gradio_api/run/", "/gradio_api/call/")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def error_response(status: int, code: str, message: str,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The one shape of every error the server sends."""
    return JSONResponse({"error": message, "code": code}, status_code=status,
                        headers=dict(headers or {}))


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _log_crash(scope: Scope) -> None:
    log.error(json.dumps({"event": "unhandled_error", "method": scope.get("method"),
                          "path": scope.get("path"), "traceback": traceback.format_exc()}))


class RateLimiter:
    """A token bucket per client: ``per_minute`` requests a minute, in bursts of as many.

    Memory is bounded: past ``max_clients`` the least recently seen client is
    forgotten (and starts again with a full bucket). Not thread-safe: it lives
    on the event loop. Each worker process keeps its own buckets.
    """

    def __init__(self, per_minute: int, max_clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._rate = per_minute / 60.0
        self._max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def check(self, key: str) -> float:
        """Take a token for ``key``: 0.0 if allowed, else the seconds until one is free."""
        now = self._clock()
        tokens, last = self._buckets.pop(key, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - last) * self._rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / self._rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return wait


class AccessLog:
    """Outermost layer: a JSON log line per request and a last-resort JSON 500."""

    def __init__(self, app: ASGIApp, log_questions: bool = False) -> None:
        self.app = app
        self.log_questions = log_questions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0

        async def send_logged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        except Exception:
            _log_crash(scope)
            if status == 0:
                await error_response(500, "internal", "internal error")(
                    scope, receive, send_logged)
        finally:
            record: dict[str, Any] = {
                "event": "request",
                "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": status,
                "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                "client": _client(scope),
            }
            question = scope.get("state", {}).get("question")
            if self.log_questions and question is not None:
                record["question"] = question
            log.info(json.dumps(record, ensure_ascii=False))


class OriginGuard:
    """Refuse cross-origin browser requests from origins that are not allowed."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str] = ()) -> None:
        self.app = app
        self.allow_all = "*" in allowed
        self.allowed = frozenset(o.rstrip("/").lower() for o in allowed)
        ancestors = "*" if self.allow_all else " ".join(["'self'", *sorted(self.allowed)])
        self.csp = f"frame-ancestors {ancestors}"

    def permits(self, origin: str, host: str) -> bool:
        """Whether a request with this ``Origin`` and ``Host`` header may proceed."""
        origin = origin.rstrip("/").lower()
        if self.allow_all or origin in self.allowed:
            return True
        parts = urlsplit(origin)
        if not parts.scheme or not parts.netloc:
            return False  # "null" (sandboxed frames, file:) unless listed
        default = ":" + _DEFAULT_PORTS.get(parts.scheme, "")
        return parts.netloc.removesuffix(default) == host.lower().removesuffix(default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        # The widget script itself is public: a page on any site may load it.
        # Behind a proxy that rewrites Host, the public host name is in X-Forwarded-Host.
        # A page on another site cannot forge it: that would need a preflight, refused here.
        host = headers.get("x-forwarded-host", headers.get("host", "")).split(",")[0].strip()
        if origin is not None and scope["path"] != "/widget.js" and not self.permits(origin, host):
            await error_response(
                403, "origin_not_allowed",
                f"This assistant does not accept requests from {origin}. The site owner can "
                "add it to ROLEQA_ALLOWED_ORIGINS.",
            )(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.setdefault("Content-Security-Policy", self.csp)
                out.setdefault("X-Content-Type-Options", "nosniff")
            await send(message)

        await self.app(scope, receive, send_secured)


class BodyTooLarge(HTTPException):
    """The body grew past the limit while it was read. An HTTPException because
    FastAPI turns any other error raised while it reads a body into a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit:,} bytes.")


class Limits:
    """Rate and body limits, and a JSON 500 that still carries CORS headers."""

    def __init__(self, app: ASGIApp, *, settings: Any, limiter: RateLimiter) -> None:
        self.app = app
        self.max_body = int(settings.max_body_bytes)
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
            if refusal is not None:
                await refusal(scope, receive, send_tracked)
                return
            if scope["path"].startswith("/api/"):
                receive = self._capped(receive)
            await self.app(scope, receive, send_tracked)
        except BodyTooLarge:
            if not started:
                await self._too_large()(scope, receive, send_tracked)
        except Exception:
            _log_crash(scope)
            if not started:
                await error_response(500, "internal", "internal error")(
                    scope, receive, send_tracked)

    def _too_large(self) -> JSONResponse:
        return error_response(413, "body_too_large", BodyTooLarge(self.max_body).detail)

    def _refusal(self, scope: Scope) -> JSONResponse | None:
        path = scope["path"]
        if path.startswith("/api/"):
            length = Headers(scope=scope).get("content-length", "")
            if length.isdigit() and int(length) > self.max_body:
                return self._too_large()
        if scope["method"] == "POST" and path.startswith(RATE_LIMITED):
            wait = self.limiter.check(_client(scope))
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                return error_response(
                    429, "rate_limited",
                    f"Too many questions: the limit is {self.limiter.per_minute} a minute. "
                    f"Please wait {seconds} s and try again.",
                    {"Retry-After": str(seconds)},
                )
        return None

    def _capped(self, receive: Receive) -> Receive:
        """``receive`` that raises :class:`BodyTooLarge` once the body passes the limit
        (a chunked body has no Content-Length to check up front)."""
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return capped
