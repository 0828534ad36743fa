"""The protective ASGI layers of the HTTP server (see :mod:`roleqa.web.api`).

- :class:`AccessLog`: one JSON line per request (method, path, status,
  duration, client; the question only when ``log_questions`` is set), and a
  JSON 500 for anything that escaped the layers inside it.
- :class:`OriginGuard`: a browser request from another origin that is not
  allowed gets a 403 before any work is done, on the API and the Gradio
  routes alike; same-origin requests and non-browser clients (no ``Origin``)
  pass. It also sets ``frame-ancestors`` so only allowed sites can frame the chat.
- :class:`ErrorShape`: any error reply that is not already ours (Gradio's
  ``{"detail": ...}`` 404s and 405s, a plain-text 500) is rewritten to the one
  error shape with a code for its status, so no internals reach a client.
- :class:`RateLimiter`: the token buckets used by :class:`roleqa.web.http_limits.Limits`.

Errors are ``{"error": message, "code": code}``; a traceback only goes to the log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CODES", "AccessLog", "ErrorShape", "OriginGuard", "RateLimiter", "client_of",
           "error_response", "log_crash"]

log = logging.getLogger("roleqa.http")

#: The code of an error reply by its status, when nothing more specific was said.
CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         408: "body_timeout", 413: "body_too_large", 422: "invalid_request",
         429: "rate_limited", 500: "internal", 503: "unavailable", 504: "timeout"}
#: Error bodies longer than this are not inspected, only replaced.
_MAX_ERROR_BODY = 65_536
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def error_response(status: int, code: str, message: str,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The one shape of every error the server sends."""
    return JSONResponse({"error": message, "code": code}, status_code=status,
                        headers=dict(headers or {}))


def client_of(scope: Scope) -> str:
    """The client's address as the server saw it (a trusted proxy's
    ``X-Forwarded-For`` already applied by uvicorn, an untrusted one ignored)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def log_crash(scope: Scope) -> None:
    """Log the exception being handled, with its traceback, for ``scope``'s request."""
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
        finished = False

        async def send_logged(message: Message) -> None:
            nonlocal status, finished
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                finished = not message.get("more_body", False)
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        except asyncio.CancelledError:
            # uvicorn cancels what still runs once its graceful shutdown times out:
            # the chat page's endless event streams. That is the end of the request,
            # not a crash; re-raised, uvicorn would log it as a traceback.
            if status and not finished:  # end the stream cleanly for the client
                await send({"type": "http.response.body", "body": b"", "more_body": False})
            status = status or 499
        except Exception:
            log_crash(scope)
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
                "client": client_of(scope),
            }
            question = scope.get("state", {}).get("question")
            if self.log_questions and question is not None:
                record["question"] = question
            log.info(json.dumps(record, ensure_ascii=False))


def _origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-case, without a default port."""
    parts = urlsplit(url.strip().rstrip("/").lower())
    if not parts.scheme or not parts.netloc:
        return url.strip().rstrip("/").lower()  # "null", "*" or junk: compared as it is
    netloc = parts.netloc.removesuffix(":" + _DEFAULT_PORTS.get(parts.scheme, "-"))
    return f"{parts.scheme}://{netloc}"


def _own_origins(server: Any) -> set[str]:
    """The origins of the address the client connected to, as the socket saw it
    (``scope["server"]``): the chat page served from it calls it from there."""
    if not server or server[0] is None:
        return set()
    host, port = str(server[0]), server[1]
    hosts = {f"[{host}]" if ":" in host else host}
    if host in ("127.0.0.1", "::1"):
        hosts.add("localhost")
    return {_origin(f"{scheme}://{h}:{port}") for h in hosts for scheme in ("http", "https")}


class OriginGuard:
    """Refuse cross-origin browser requests from origins that are not allowed.

    Same-origin is judged against the configured public URL, the allowlist and
    the socket's own address, never against the ``Host`` or ``X-Forwarded-Host``
    header: a DNS-rebinding page (``http://evil.test:7860`` resolving to this
    server) sends a matching Host header, but not a matching origin.
    """

    def __init__(self, app: ASGIApp, allowed: Sequence[str] = (), public_url: str = "") -> None:
        self.app = app
        self.allow_all = "*" in allowed
        listed = {_origin(o) for o in allowed if o != "*"}
        self.allowed = frozenset(listed | ({_origin(public_url)} if public_url else set()))
        ancestors = "*" if self.allow_all else " ".join(["'self'", *sorted(listed)])
        self.csp = f"frame-ancestors {ancestors}"

    def permits(self, origin: str, server: Any = None) -> bool:
        """Whether a request with this ``Origin`` header, made to the socket address
        ``server`` (``scope["server"]``), may proceed."""
        origin = _origin(origin)
        return self.allow_all or origin in self.allowed or origin in _own_origins(server)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = Headers(scope=scope).get("origin")
        # The widget script itself is public: a page on any site may load it.
        if (origin is not None and scope["path"] != "/widget.js"
                and not self.permits(origin, scope.get("server"))):
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


def _is_ours(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data, dict) and set(data) == {"error", "code"}


class ErrorShape:
    """Rewrite any error reply not in the ``{error, code}`` shape (Gradio's own
    404/405/422 ``{"detail": ...}``, a plain-text 500) to that shape, keeping its
    status and headers (CORS, ``Retry-After``) but never its text."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def send_shaped(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start" and int(message["status"]) >= 400:
                start = message  # held until the body shows whose error it is
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            size += len(message.get("body", b""))
            if size <= _MAX_ERROR_BODY:
                chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            if size > _MAX_ERROR_BODY or not _is_ours(body):
                body = self._replacement(int(start["status"]))
                kept = [(k, v) for k, v in start.get("headers", [])
                        if k.lower() not in (b"content-length", b"content-type")]
                start = {**start, "headers": [*kept, (b"content-type", b"application/json"),
                                              (b"content-length", str(len(body)).encode())]}
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, send_shaped)

    @staticmethod
    def _replacement(status: int) -> bytes:
        code = CODES.get(status, "internal" if status >= 500 else "bad_request")
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        message = "internal error" if status >= 500 else {
            404: "There is nothing at this address.",
            405: "This address does not accept that method.",
        }.get(status, f"{phrase}.")
        return json.dumps({"error": message, "code": code}).encode()
