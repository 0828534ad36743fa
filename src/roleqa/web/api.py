"""The HTTP face: the JSON API, the embeddable widget and the Gradio chat on one FastAPI app.

Routes: ``POST /api/ask``, ``GET /api/guides`` (the guides, with example
questions), ``GET /api/health`` (for a load balancer: status only, unless
``health_details``), ``GET /api/info`` (examples and limits, for the widget),
``GET /widget.js``, the OpenAPI schema at ``/openapi.json`` (no ``/docs`` page:
it would load its script from a CDN), and the Gradio chat of :mod:`roleqa.web.ui`
mounted at ``/``. The API is stateless: a conversation's earlier questions come
with each request.

Every request passes, outermost first: an access log that also turns any
escaped exception into a JSON 500; :class:`ErrorShape`, which puts every error
in the ``{error, code}`` shape; an origin guard that refuses cross-origin
requests from origins other than ``settings.public_url``, the socket's own
address and ``settings.allowed_origins``; Starlette's ``CORSMiddleware`` (whose
presence also makes Gradio drop its own origin reflection, gradio#10276); and
the limits of :mod:`roleqa.web.http_limits` (open routes, per-client rate, body
size and time, JSON shape). Connection limits are uvicorn's (:mod:`roleqa.web.server`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from .. import __version__
from ..config import Settings
from ..errors import QuestionError, RoleqaError, UnknownGuideError
from ..text import question_problem, valid_text
from .http_guard import CODES, AccessLog, ErrorShape, OriginGuard, RateLimiter, error_response
from .http_limits import Limits

if TYPE_CHECKING:
    from ..engine.assistant import Assistant

__all__ = ["create_app", "create_app_from_env"]

log = logging.getLogger("roleqa.http")


class AskRequest(BaseModel):
    """A question, with the same visitor's earlier questions for follow-ups."""

    question: str = Field(examples=["What tools does this role use?"])
    history: list[str] = Field(
        default_factory=list, description="The visitor's earlier questions, oldest first."
    )
    guide: str | list[str] | None = Field(
        default=None, description="Answer from these guides only (slugs, see /api/guides); "
        "all guides when left out.")


class SourceOut(BaseModel):
    """A passage of the guide that an answer cites."""

    title: str
    text: str
    score: float
    id: str
    doc: str
    guide_title: str
    section: str


class AnswerOut(BaseModel):
    """The answer contract, the same as ``roleqa ask --json``."""

    answer: str
    answered: bool
    sources: list[SourceOut]
    latency_ms: float
    suggestions: list[str]
    #: ``answer`` without a decline's questions to try (which ``suggestions`` holds)
    lead: str


class ErrorOut(BaseModel):
    """Every error: a message to show a person and a code to branch on."""

    error: str
    code: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in {
        400: "The body is not UTF-8 (invalid_encoding) or nests too deep (too_deep).",
        403: "The request came from a web origin that is not allowed.",
        408: "The body did not arrive within the time limit.",
        413: "The body is larger than the limit.",
        422: "The question or history is invalid or too long.",
        429: "Too many requests from this client; see Retry-After.",
        503: "Too many questions are waiting; try again shortly.",
        504: "The answer took longer than the time limit.",
    }.items()
}


def create_app(assistant: Assistant, settings: Settings, *, ui: bool = True) -> FastAPI:
    """The whole server for a loaded (and ideally warmed-up) ``assistant``.

    With ``ui`` the Gradio chat of :mod:`roleqa.web.ui` is mounted at ``/`` when
    that module exists; without it the app serves the API and the widget only.
    """
    # Many threads, one model: concurrent asks meet in the BatchingEmbedder and
    # share a forward pass, so more threads than cores raise throughput.
    pool = ThreadPoolExecutor(max(16, settings.concurrency), thread_name_prefix="roleqa-ask")
    # answers running or waiting for a thread; past this, a quick 503 beats a long queue
    slots = threading.BoundedSemaphore(settings.concurrency + settings.queue_size)
    widget = resources.files("roleqa.web").joinpath("static/widget.js").read_bytes()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="roleqa",
        version=__version__,
        summary="Cited answers about careers guides.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads its script and style from a CDN
        redoc_url=None,
    )
    _configure_logging()
    app.state.ui = False

    @app.post("/api/ask", response_model=AnswerOut, responses=_ERRORS, tags=["api"])
    async def ask(body: AskRequest, request: Request) -> Response:
        """Answer one question; send the visitor's earlier questions as ``history``."""
        problem = _check_fields(body, settings)
        if problem:
            return error_response(422, "invalid_request", problem)
        # logged only if settings.log_questions; valid, so the log line encodes
        request.state.question = valid_text(body.question)
        if not slots.acquire(blocking=False):
            return error_response(503, "busy", "The assistant is busy right now. Please try "
                                  "again in a moment.", {"Retry-After": "1"})
        future = pool.submit(assistant.ask, body.question, body.history, body.guide)
        future.add_done_callback(lambda _: slots.release())
        try:
            answer = await asyncio.wait_for(asyncio.wrap_future(future),
                                            settings.answer_timeout_s)
        except TimeoutError:
            # A queued answer is cancelled with the awaited future; a running thread
            # cannot be stopped, and its slot frees itself when it ends.
            return error_response(504, "timeout", "The answer took longer than "
                                  f"{settings.answer_timeout_s:g} s. Please try again.")
        except UnknownGuideError as exc:
            return error_response(422, "unknown_guide", str(exc))
        except QuestionError as exc:
            return error_response(422, "invalid_question", str(exc))
        except RoleqaError as exc:
            log.error(json.dumps({"event": "ask_failed", "error": str(exc)}))
            return error_response(503, "unavailable", str(exc))
        return JSONResponse(answer.to_dict())

    # Fixed by the index: made once, so an open route costs nothing per request.
    catalogue = {"guides": [
        {"slug": g.slug, "title": g.title, "role": g.role, "aliases": list(g.aliases),
         "examples": list(assistant.suggestions(docs=[g.slug]))}
        for g in assistant.catalogue.guides]}

    @app.get("/api/guides", tags=["api"])
    def guides() -> dict[str, Any]:
        """The guides this server answers from: slug, title, role and example questions."""
        return catalogue

    limits = {
        "max_question_chars": settings.max_question_chars,
        "max_history": settings.max_history,
        "max_body_bytes": settings.max_body_bytes,
        "rate_limit_per_minute": settings.rate_limit_per_minute,
        "answer_timeout_s": settings.answer_timeout_s,
    }

    @app.get("/api/health", tags=["api"])
    def health() -> dict[str, Any]:
        """``{"status": "ok"}`` once the assistant is ready: all a load balancer needs.
        With ``ROLEQA_HEALTH_DETAILS`` it also names the model, the index build and limits."""
        # the app is only ever built around a loaded, warmed-up assistant
        status: dict[str, Any] = {"status": "ok"}
        if settings.health_details:
            status.update(ready=True, version=__version__, model=assistant.embedder.model_id,
                          index=assistant.index.manifest.to_dict(), ui=app.state.ui,
                          limits=limits)
        return status

    @app.get("/api/info", tags=["api"])
    def info() -> dict[str, Any]:
        """What a client needs to ask well: example questions and the request limits."""
        return {"examples": list(assistant.suggestions()), "limits": limits, "ui": app.state.ui}

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> Response:
        return Response(widget, media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=300"})

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> Response:
        return error_response(422, "invalid_request", _describe(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> Response:
        code = CODES.get(exc.status_code, "bad_request")
        return error_response(exc.status_code, code, str(exc.detail), exc.headers)

    origins = settings.allowed_origins
    # Added first so it sits innermost: its 429 and 413 replies still get CORS headers.
    app.add_middleware(Limits, settings=settings, limiter=RateLimiter(
        settings.rate_limit_per_minute))
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(OriginGuard, allowed=origins, public_url=settings.public_url)
    app.add_middleware(ErrorShape)
    app.add_middleware(AccessLog, log_questions=settings.log_questions)
    if ui:
        app.state.ui = _mount_ui(app, assistant, settings)
    return app


def create_app_from_env() -> FastAPI:
    """The API-only app for ``uvicorn --factory roleqa.web.api:create_app_from_env``.

    Each worker process loads and warms its own assistant from ``ROLEQA_*``
    variables. The Gradio chat is left out: its queue lives in one process.
    """
    from ..engine.assistant import Assistant  # heavy: faiss, numpy and the model

    settings = Settings.from_env()
    assistant = Assistant.load(settings)
    assistant.warm_up()
    return create_app(assistant, settings, ui=False)


def _check_fields(body: AskRequest, settings: Settings) -> str | None:
    """A message for the first field over its limit, or None."""
    limit = settings.max_question_chars
    if len(body.question) > limit:
        return question_problem(body.question, limit)
    if len(body.history) > settings.max_history:
        return (f"The history has {len(body.history)} questions; the limit is "
                f"{settings.max_history}. Send only the most recent ones.")
    for n, turn in enumerate(body.history, 1):
        if len(turn) > limit:
            return f"History question {n} is longer than the limit of {limit:,} characters."
    return None


def _describe(exc: RequestValidationError) -> str:
    """One readable sentence for a body FastAPI could not validate."""
    problems = []
    for err in exc.errors()[:3]:
        if err.get("type") == "json_invalid":
            return 'The body must be JSON such as {"question": "...", "history": []}.'
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        problems.append(f"{where}: {err.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(problems) + "."


def _mount_ui(app: FastAPI, assistant: Assistant, settings: Settings) -> bool:
    """Mount the Gradio chat at ``/`` if :mod:`roleqa.web.ui` exists; whether it was."""
    if find_spec("roleqa.web.ui") is None:
        log.warning(json.dumps({"event": "ui_missing", "detail": "roleqa.web.ui not found; "
                                "serving the API and widget only"}))
        return False
    # No usage pings from a server whose visitors never agreed to them.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    from .ui import build_ui

    # show_error=False: only messages raised as gr.Error reach the visitor, never internals.
    gr.mount_gradio_app(app, build_ui(assistant, settings), path="/", show_error=False,
                        ssr_mode=False, footer_links=[])
    return True


def _configure_logging() -> None:
    """Send request logs, one JSON object a line, to stderr unless already configured."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
