"""How uvicorn serves the app: connection limits, slow clients and proxy trust.

:func:`uvicorn_options` is the one place these choices live, used by
``roleqa serve`` (one process or several workers), ``python -m roleqa.web.ui``,
the tests and the soak benchmark, so all of them serve the same way:

- ``X-Forwarded-For`` / ``-Proto`` are believed only from
  ``settings.trusted_proxies`` (uvicorn would otherwise trust 127.0.0.1, so a
  local reverse proxy's clients, or anyone on the machine, could pick their
  rate-limit identity);
- ``limit_concurrency``: past ``max_connections`` open connections uvicorn
  answers 503 instead of queueing without bound;
- ``timeout_keep_alive`` closes idle keep-alive connections, and
  :class:`HeaderTimeoutProtocol` closes a connection whose request headers do
  not arrive within ``header_timeout_s`` (uvicorn has no such timer; a
  slow-loris client would otherwise hold its connection for ever). A slow
  *body* is bounded in the ASGI layer (:class:`roleqa.web.http_limits.Limits`).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from ..config import Settings

__all__ = ["HeaderTimeoutProtocol", "uvicorn_options"]

#: Request-line and header bytes h11 buffers before it refuses the request.
MAX_HEADER_BYTES = 16_384


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers."""

    # Worker processes import this class by name, so they read the setting from
    # the environment; a single process gets a subclass from :func:`uvicorn_options`.
    header_timeout_s = float(os.environ.get("ROLEQA_HEADER_TIMEOUT_S") or 10.0)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        """Start waiting for the next request's headers."""
        self._waiting_cycle = self.cycle
        self._header_timer: asyncio.TimerHandle | None = self.loop.call_later(
            self.header_timeout_s, self._headers_late)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not self._waiting_cycle:  # a whole request line and headers came
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._disarm()
            self._arm()  # the next request on this keep-alive connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.cycle is self._waiting_cycle and not self.transport.is_closing():
            self.transport.close()


def uvicorn_options(settings: Settings, workers: int = 1) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` / ``uvicorn.Config`` from ``settings``.

    With ``workers`` above 1 the protocol is named by import path (uvicorn pickles
    its config for each worker) and reads its timeout as ``ROLEQA_HEADER_TIMEOUT_S``,
    which ``roleqa serve`` hands every worker with the other settings.
    """
    protocol: Any
    if workers > 1:
        protocol = f"{__name__}:HeaderTimeoutProtocol"
    else:
        protocol = type("HeaderTimeout", (HeaderTimeoutProtocol,),
                        {"header_timeout_s": settings.header_timeout_s})
    trusted = list(settings.trusted_proxies)
    return {
        "http": protocol,
        "proxy_headers": bool(trusted),
        # uvicorn reads None as "127.0.0.1" (or FORWARDED_ALLOW_IPS); say it outright
        "forwarded_allow_ips": trusted or [],
        "limit_concurrency": settings.max_connections,
        "timeout_keep_alive": 5,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "timeout_graceful_shutdown": 5,
        "access_log": False,  # roleqa.http already logs each request as one JSON line
        "server_header": False,
    }
