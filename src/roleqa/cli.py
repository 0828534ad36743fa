"""The ``roleqa`` command line: a thin face over :class:`roleqa.assistant.Assistant`.

Every command reads :class:`Settings` from ``ROLEQA_*`` variables and its
flags, and turns any :class:`RoleqaError` into a one-line message and exit
code 1, never a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .config import Settings
from .errors import RoleqaError

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(func: F) -> F:
    """Show a RoleqaError as a clear message with exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RoleqaError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus-dir", type=click.Path(path_type=Path), help="Folder of Markdown guides.")
@click.option("--index-dir", type=click.Path(path_type=Path), help="Folder of the built index.")
@click.option("--model", help="Local sentence-transformers folder (default: packaged MiniLM).")
@click.version_option(package_name="roleqa")
@click.pass_context
@_friendly
def main(ctx: click.Context, corpus_dir: Path | None, index_dir: Path | None,
         model: str | None) -> None:
    """Ask a careers guide questions, and get cited answers."""
    ctx.obj = Settings.from_env(corpus_dir=corpus_dir, index_dir=index_dir, model=model)


def _load(settings: Settings) -> Any:
    from .assistant import Assistant  # heavy: faiss, numpy, the model on first use

    assistant = Assistant.load(settings)
    assistant.warm_up()
    return assistant


@main.command()
@click.option("--check", is_flag=True, help="Only report whether the index is fresh (exit 1 if not).")
@click.option("--force", is_flag=True, help="Rebuild even if the index is fresh.")
@click.option("--index-type", type=click.Choice(["auto", "flat", "hnsw"]), default="auto",
              show_default=True, help="FAISS index type; auto picks HNSW for large corpora.")
@click.pass_obj
@_friendly
def index(settings: Settings, check: bool, force: bool, index_type: str) -> None:
    """Build the index from the corpus if it is missing or stale."""
    from .build import build, index_status

    status = index_status(settings)
    if check:
        click.echo(status.reason)
        sys.exit(0 if status.fresh else 1)
    if status.fresh and not force:
        click.echo(status.reason)
        return
    click.echo(f"Building the index in {settings.index_dir} …", err=True)
    start = time.perf_counter()
    manifest = build(settings, index_type=index_type)
    click.echo(
        f"Built {manifest.passage_count} passages ({manifest.index_type}, dim {manifest.dim}) "
        f"in {time.perf_counter() - start:.1f} s."
    )


def _print_answer(answer: Any) -> None:
    click.echo(answer.text)
    if answer.sources:
        click.echo("\nSources:")
        for n, source in enumerate(answer.sources, 1):
            click.echo(f"  [{n}] {source.passage.title}  (score {source.score:.2f})")
            click.echo(f"      “{source.passage.text}”")


@main.command()
@click.argument("question", required=False)
@click.option("--history", "-H", multiple=True, help="An earlier question (repeat, oldest first).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", is_flag=True,
              help='Read {"question", "history"} JSON lines on stdin; write one answer per line.')
@click.pass_obj
@_friendly
def ask(settings: Settings, question: str | None, history: tuple[str, ...], as_json: bool,
        jsonl: bool) -> None:
    """Answer QUESTION; with --jsonl, answer a stream; with neither, chat interactively."""
    assistant = _load(settings)
    if jsonl:
        _ask_stream(assistant, sys.stdin, sys.stdout)
    elif question is not None:
        answer = assistant.ask(question, list(history))
        if as_json:
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            _print_answer(answer)
    else:
        _chat(assistant)


def _ask_stream(assistant: Any, lines: Any, out: Any) -> None:
    """One JSON answer line per input line, in order; a bad line gets an error line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not a JSON object")
            history = request.get("history") or []
            if not isinstance(history, list):
                raise ValueError('"history" must be a list of strings')
            reply = assistant.ask(request.get("question"), [str(h) for h in history]).to_dict()
        except (ValueError, RoleqaError) as exc:
            reply = {"error": f"line {number}: {exc}", "answered": False, "answer": "",
                     "sources": [], "latency_ms": 0.0}
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")
        out.flush()


def _chat(assistant: Any) -> None:
    click.echo("Ask about the guide (empty line or Ctrl-D to quit).")
    history: list[str] = []
    while True:
        try:
            question = input("\n? ")
        except (EOFError, KeyboardInterrupt):
            break
        if not question.strip():
            break
        try:
            _print_answer(assistant.ask(question, history))
            history.append(question)
        except RoleqaError as exc:
            click.echo(str(exc), err=True)
