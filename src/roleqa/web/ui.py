"""The chat UI: a Gradio 6 Blocks page where visitors ask the guide questions.

:func:`build_ui` only builds the page (a FastAPI server mounts it with
``gr.mount_gradio_app``); :func:`launch` loads the assistant, warms it up and
serves the page on its own. Everything shown is escaped here, user and corpus
text alike, so nothing typed or quoted can become markup, a link or an image:
Gradio's own sanitizer is a second line, not the first.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

import gradio as gr
from gradio.components.chatbot import ExampleMessage

from ..config import Settings
from ..errors import QuestionError, RoleqaError
from ..types import Answer
from .feedback import AnswerLedger, append_feedback
from .render import CSS, escape_text, notice, render_answer

if TYPE_CHECKING:  # the engine's faiss and numpy load only where an assistant is made
    from ..engine.assistant import Assistant

__all__ = ["ChatHandlers", "Turn", "build_ui", "launch", "page_text"]

log = logging.getLogger(__name__)
#: Turns a conversation keeps (older ones leave the page), so one session's state is bounded.
MAX_TURNS = 50
#: Sessions whose state Gradio keeps, and for how long after their last event (seconds):
#: a visitor who never closes the tab, or a script minting sessions, cannot grow memory.
MAX_SESSIONS = 1_000
SESSION_TTL_S = 3_600


def page_text(assistant: Assistant, settings: Settings) -> tuple[str, str]:
    """The page's title and introduction: the settings', or the catalogue's own."""
    cat = assistant.catalogue
    roles = ", ".join(cat.roles())
    intro = (f"Ask what a {roles} does: their tasks, skills, tools and place in a team. "
             if len(cat) == 1 else
             f"Ask about the roles these careers guides describe: {roles}. ")
    return (settings.title or cat.heading,
            settings.intro or intro + "Answers quote the guides and show their sources.")


@dataclass(frozen=True)
class Turn:
    """One question and the reply shown for it, with what feedback on it records.

    Only text: Gradio keeps (and copies) every session's turns, so a turn holds
    no :class:`Answer`, whose hits reach into the index's passages.
    """

    id: str
    question: str
    reply: str  # rendered message
    answer: str = ""  # the answer's plain text, once given
    sources: tuple[str, ...] = ()  # titles of the sections it cites
    answered: bool = False

    @classmethod
    def of(cls, turn: Turn, answer: Answer, reply: str) -> Turn:
        """``turn`` once ``answer`` is given, shown as ``reply``."""
        return replace(turn, reply=reply, answer=answer.text, answered=answer.answered,
                       sources=tuple(s.passage.title for s in answer.sources))

    def record(self, rating: str | None, comment: str | None = None) -> dict[str, Any]:
        """The feedback record for this turn with the visitor's rating and comment."""
        return {"id": self.id, "question": self.question, "answer": self.answer or self.reply,
                "sources": list(self.sources), "answered": self.answered, "rating": rating,
                "comment": comment}


def _chat(turns: Sequence[Turn]) -> list[dict[str, str]]:
    return [{"role": role, "content": content} for t in turns for role, content in
            (("user", escape_text(t.question)), ("assistant", t.reply)) if content]


class Reply(NamedTuple):
    """What one step of answering updates, in the order of ``build_ui``'s outputs."""

    chat: Any
    question: Any
    send: Any
    turns: Any
    status: Any
    followups: Any
    s1: Any
    s2: Any
    s3: Any
    comment_row: Any


class ChatHandlers:
    """The UI's event handlers, apart from Gradio so tests can call them directly."""

    def __init__(self, assistant: Assistant, settings: Settings, stream_delay: float = 0.012):
        self.assistant = assistant
        self.settings = settings
        self.stream_delay = stream_delay  # between word chunks: enough to read as streaming
        # Only answers issued here can be rated: a forged event names no issued id.
        self.ledger = AnswerLedger()

    def _step(self, turns: list[Turn], status: str = "", done: bool = True,
              suggestions: Sequence[str] = ()) -> Reply:
        shown = [gr.update(value=s, visible=True) for s in suggestions[:3]]
        s1, s2, s3 = shown + [gr.update(visible=False)] * (3 - len(shown))
        # While answering, the input is cleared and locked, so one session never
        # runs two answers over the same state.
        box = gr.update(interactive=True) if done else gr.update(value="", interactive=False)
        return Reply(chat=_chat(turns), question=box, send=gr.update(interactive=done),
                     turns=turns, status=status, followups=gr.update(visible=bool(suggestions)),
                     s1=s1, s2=s2, s3=s3, comment_row=gr.update(visible=False))

    def respond(self, question: str, turns: list[Turn], guide: str | None = None
                ) -> Iterator[Reply]:
        """Answer ``question`` in the light of the earlier ``turns`` from the guide
        chosen (all for none), yielding the conversation as the answer streams
        in, word chunks first, sources last."""
        turns = list(turns or [])[-(MAX_TURNS - 1):]
        try:
            question = self.assistant.check_question(question or "")
        except QuestionError as exc:
            # keep what they typed so they can shorten it
            yield self._step(turns, notice(str(exc), "warning"))._replace(
                question=gr.update(interactive=True), followups=gr.skip(), s1=gr.skip(),
                s2=gr.skip(), s3=gr.skip())
            return
        turn = Turn(uuid.uuid4().hex, question, "")
        yield self._step([*turns, turn], done=False)
        try:
            answer = self.assistant.ask(question, [t.question for t in turns], guide or None)
        except RoleqaError as exc:
            yield self._step([*turns, replace(turn, reply=notice(str(exc), "error"))])
            return
        except Exception:  # never a traceback in the page; the log has it
            log.exception("answering %r failed", question)
            failed = "Sorry, something went wrong answering that. Please try again."
            yield self._step([*turns, replace(turn, reply=notice(failed, "error"))])
            return
        size = len(answer.prose.split(" "))
        for words in range(3, size, 3):
            partial = replace(turn, reply=render_answer(answer, words))
            yield self._step([*turns, partial], done=False)
            time.sleep(self.stream_delay)
        done = Turn.of(turn, answer, render_answer(answer))
        self.ledger.issue(done.id, done.record(None))
        yield self._step([*turns, done], suggestions=answer.suggestions)

    def ask_example(self, turns: list[Turn], guide: str | None,
                    event: gr.SelectData) -> Iterator[Reply]:
        """Ask the example question the visitor clicked in the empty chat."""
        value = event.value
        text = value.get("text", "") if isinstance(value, dict) else str(value or "")
        yield from self.respond(text, turns, guide)

    def scope_from_url(self, request: gr.Request) -> Any:
        """The role a link chose with ``/?guide=slug`` (all roles for none or an unknown one)."""
        slug = request.query_params.get("guide", "") if request else ""
        return gr.update(value=slug if slug in self.assistant.catalogue.slugs else "")

    def _save(self, record: dict[str, Any]) -> bool:
        try:
            append_feedback(self.settings.feedback_path, record)
            return True
        except RoleqaError as exc:
            log.error("%s", exc)
            return False

    # Ratings have their own state: a streaming answer rewrites the turns meanwhile.
    def rate(self, turns: list[Turn], rated: dict[str, Any] | None,
             event: gr.LikeData) -> tuple[Any, ...]:
        """Save a like, a dislike or its withdrawal for the rated answer and offer a
        comment box. Returns (status, comment row, comment box, rated record)."""
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        number = int(index) // 2  # messages alternate: question, reply
        if not 0 <= number < len(turns):
            return gr.skip(), gr.skip(), gr.skip(), rated
        rating = "like" if event.liked is True else "dislike" if event.liked is False else None
        turn = turns[number]
        kept = rated.get("comment") if rated and rated.get("id") == turn.id else None
        record = self.ledger.record(turn.id, rating, kept)
        if record is None:  # not an answer this server finished, or rated too often
            return notice("This answer cannot be rated.", "warning"), gr.update(
                visible=False), gr.skip(), rated
        if not self._save(record):
            failed = notice("Sorry, your feedback could not be saved just now.", "error")
            return failed, gr.update(visible=False), gr.skip(), rated
        if rating is None:
            return notice("Rating withdrawn."), gr.update(visible=False), "", record
        thanks = "Thanks for the feedback! Add a comment below if you like (optional)."
        return notice(thanks), gr.update(visible=True), kept or "", record

    def comment(self, text: str, rated: dict[str, Any] | None) -> tuple[Any, ...]:
        """Attach ``text`` to the last rating. Returns (status, comment row, comment
        box, rated record)."""
        text = (text or "").strip()[: self.settings.max_question_chars]
        if not rated or not text:
            return gr.skip(), gr.update(visible=False), "", rated
        record = self.ledger.record(rated.get("id"), rated.get("rating"), text)
        if record is None:
            return notice("This answer cannot take more comments.", "warning"), gr.update(
                visible=False), "", rated
        if not self._save(record):
            return notice("Sorry, your comment could not be saved.", "error"), \
                gr.skip(), gr.skip(), rated
        return notice("Thanks, your comment was saved."), gr.update(visible=False), "", record

    def reset(self) -> Reply:
        """A fresh conversation."""
        return self._step([])._replace(question=gr.update(value="", interactive=True))


def build_ui(assistant: Assistant, settings: Settings) -> gr.Blocks:
    """The chat page for ``assistant``; it is not launched (mount it, or :func:`launch`)."""
    h = ChatHandlers(assistant, settings)
    examples: list[ExampleMessage] = [{"text": q} for q in assistant.suggestions(n=4)]
    # fill_height: the conversation takes the window's height, the input stays in view
    title, intro = page_text(assistant, settings)
    guides = assistant.catalogue.guides
    # delete_cache: Gradio's temporary files (none are expected: uploads are closed)
    # are removed hourly once an hour old.
    blocks = gr.Blocks(title=title, analytics_enabled=False, fill_height=True,
                       delete_cache=(SESSION_TTL_S, SESSION_TTL_S))
    with blocks:
        # The style travels inside the page, so it applies however the Blocks is
        # served: gr.mount_gradio_app ignores a Blocks' css unless passed again.
        gr.HTML(f"<style>{CSS}</style><h1>{escape_text(title)}</h1><p>{escape_text(intro)}</p>",
                elem_id="rq-header", js_on_load=None)
        scope = gr.Dropdown(
            choices=[("All roles", ""), *((g.role, g.slug) for g in guides)], value="",
            label="Answer about", visible=len(guides) > 1, elem_id="rq-scope",
            interactive=True, filterable=False)
        turns = gr.State([], time_to_live=SESSION_TTL_S)
        rated = gr.State(None, time_to_live=SESSION_TTL_S)
        chatbot = gr.Chatbot(
            show_label=False, elem_id="rq-chat", scale=1, height=None, min_height=280,
            examples=examples, placeholder="**Ask a question about the role**, or try one:",
            feedback_options=("Like", "Dislike"), sanitize_html=True, render_markdown=True,
            latex_delimiters=[], allow_tags=False, buttons=["copy"], layout="bubble",
        )
        status = gr.HTML(elem_id="rq-status", js_on_load=None)
        with gr.Row(visible=False, elem_id="rq-comment-row") as comment_row:
            comment = gr.Textbox(show_label=False, placeholder="What was good or missing?",
                                 scale=4, min_width=0, max_lines=3, elem_id="rq-comment")
            send_comment = gr.Button("Send comment", scale=0, min_width=90, size="sm")
        with gr.Row(visible=False, elem_id="rq-followups") as followups:
            gr.HTML('<span class="rq-muted">You could ask next:</span>', js_on_load=None,
                    elem_id="rq-next", scale=0, min_width=0)
            s1, s2, s3 = (gr.Button(size="sm", variant="secondary", visible=False, scale=0,
                                    min_width=0) for _ in range(3))
        with gr.Row(elem_id="rq-input-row"):
            question = gr.Textbox(
                show_label=False, elem_id="rq-question", scale=5, min_width=0, max_lines=4,
                placeholder="Ask about the role…" if len(guides) == 1 else "Ask about a role…",
                autofocus=True)
            send = gr.Button("Send", variant="primary", elem_id="rq-send", scale=0, min_width=72)
        gr.HTML('<p class="rq-muted">Answers come only from the guides, with their sources. '
                "Rate an answer with the thumbs (and an optional comment) to help improve it. "
                "The bin icon starts a new conversation.</p>", js_on_load=None, elem_id="rq-footer")

        outputs = [chatbot, question, send, turns, status, followups, s1, s2, s3, comment_row]
        answering = {"outputs": outputs, "concurrency_limit": settings.concurrency,
                     "concurrency_id": "answer", "show_progress": "minimal",
                     "api_visibility": "private"}
        question.submit(h.respond, [question, turns, scope], **answering)  # type: ignore[arg-type]
        send.click(h.respond, [question, turns, scope], **answering)  # type: ignore[arg-type]
        for button in (s1, s2, s3):
            button.click(h.respond, [button, turns, scope], **answering)  # type: ignore[arg-type]
        chatbot.example_select(h.ask_example, [turns, scope],
                               **answering)  # type: ignore[arg-type]
        blocks.load(h.scope_from_url, None, [scope], api_visibility="private")
        feedback = {"outputs": [status, comment_row, comment, rated], "api_visibility": "private"}
        chatbot.like(h.rate, [turns, rated], **feedback)  # type: ignore[arg-type]
        comment.submit(h.comment, [comment, rated], **feedback)  # type: ignore[arg-type]
        send_comment.click(h.comment, [comment, rated], **feedback)  # type: ignore[arg-type]
        chatbot.clear(h.reset, None, outputs, api_visibility="private")
    # Bounded queue: when full Gradio tells the visitor the app is busy, to try again.
    blocks.queue(max_size=settings.queue_size, default_concurrency_limit=settings.concurrency)
    blocks.state_session_capacity = MAX_SESSIONS  # read when the page is mounted
    return blocks


def launch(settings: Settings | None = None) -> None:
    """Load the assistant, warm it up, and serve the chat (with the API and widget)
    on ``settings.host:port``, through the same guarded app as ``roleqa serve``."""
    import uvicorn

    from .api import create_app
    from .server import uvicorn_options

    settings = settings or Settings.from_env()
    from ..engine.assistant import Assistant

    assistant = Assistant.load(settings)
    assistant.warm_up()
    uvicorn.run(create_app(assistant, settings), host=settings.host, port=settings.port,
                **uvicorn_options(settings))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    launch()
