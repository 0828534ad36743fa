"""The ``roleqa`` command line: a thin face over :class:`roleqa.engine.assistant.Assistant`.

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


#: The rankings ``roleqa eval`` compares: each retriever alone, their fusion,
#: the fusion reranked without the question memory (how a guide added without
#: labelled questions fares), and with it (what ``ask`` uses).
RETRIEVERS = ("dense", "lexical", "fused", "reranked", "hybrid")


def _retriever(assistant: Any, kind: str) -> Any:
    """The assistant ranking as ``kind`` (one of :data:`RETRIEVERS`)."""
    from .quality.variants import variant

    if kind == "fused":
        return variant(assistant, retriever="hybrid", rerank=False)
    if kind == "reranked":
        return variant(assistant, retriever="hybrid", memory=False)
    return variant(assistant, retriever=kind)


def _load(settings: Settings) -> Any:
    from .engine.assistant import Assistant  # heavy: faiss, numpy, the model on first use

    assistant = Assistant.load(settings)
    assistant.warm_up()
    return assistant


@main.command()
@click.option("--check", is_flag=True,
              help="Only report whether the index is fresh (exit 1 if not).")
@click.option("--force", is_flag=True, help="Rebuild even if the index is fresh.")
@click.option("--index-type", type=click.Choice(["auto", "flat", "hnsw"]), default="auto",
              show_default=True, help="FAISS index type; auto picks HNSW for large corpora.")
@click.pass_obj
@_friendly
def index(settings: Settings, check: bool, force: bool, index_type: str) -> None:
    """Build the index from the corpus, and the model's ONNX export, if missing or stale."""
    from .engine.tuning import tuning_status
    from .guides.build import (
        embedder_for,
        ensure_export,
        export_problem,
        index_status,
    )
    from .quality.learn import build_all

    status = index_status(settings)
    if check:
        retune = tuning_status(settings)
        click.echo(status.reason + (f"\n{retune}" if retune else ""))
        sys.exit(0 if status.fresh and not retune else 1)
    if status.fresh and not force:
        click.echo(status.reason)
        return
    reference = embedder_for(settings)  # sentence-transformers: the index and the export's check
    if force or not status.export_only:
        click.echo(f"Building the index in {settings.index_dir} …", err=True)
        start = time.perf_counter()
        manifest, memory = build_all(settings, embedder=reference, index_type=index_type)
        remembered = ""
        if memory is not None:
            remembered = f", remembering {len(memory)} questions of {settings.question_bank}"
            if not memory.answered_ids:
                remembered += " (none answered by these guides, so the memory is unused)"
        click.echo(
            f"Built {manifest.passage_count} passages ({manifest.index_type}, dim {manifest.dim})"
            f"{remembered} in {time.perf_counter() - start:.1f} s."
        )
    missing = export_problem(settings)
    if missing is None:
        return
    click.echo(f"{missing.split('. Run')[0]}: exporting the model to ONNX …", err=True)
    start = time.perf_counter()
    info = ensure_export(settings, reference)
    if info is not None:
        click.echo(f"Exported the model to ONNX in {settings.cache_dir} (min cosine with "
                   f"sentence-transformers {info.min_cosine:.6f} on {info.checked_texts} texts)"
                   f" in {time.perf_counter() - start:.1f} s.")


def _print_answer(answer: Any) -> None:
    click.echo(answer.text)
    if answer.sources:
        click.echo("\nSources:")
        for n, source in enumerate(answer.sources, 1):
            click.echo(f"  [{n}] {source.passage.title}  (score {source.score:.2f})")
            click.echo(f"      “{source.passage.quote}”")


@main.command()
@click.argument("question", required=False)
@click.option("--history", "-H", multiple=True, help="An earlier question (repeat, oldest first).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", is_flag=True,
              help='Read {"question", "history", "guide"} JSON lines on stdin; write one '
                   'answer per line.')
@click.option("--guide", "-g", "guides", multiple=True,
              help="Answer from this guide only (its slug; repeat for several).")
@click.pass_obj
@_friendly
def ask(settings: Settings, question: str | None, history: tuple[str, ...], as_json: bool,
        jsonl: bool, guides: tuple[str, ...]) -> None:
    """Answer QUESTION; with --jsonl, answer a stream; with neither, chat interactively."""
    assistant = _load(settings)
    scope = list(guides) or None
    assistant.catalogue.scope(scope)  # an unknown slug fails here, before any question
    if jsonl:
        _ask_stream(assistant, sys.stdin, sys.stdout, scope)
    elif question is not None:
        answer = assistant.ask(question, list(history), scope)
        if as_json:
            click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            _print_answer(answer)
    else:
        _chat(assistant, scope)


def _ask_stream(assistant: Any, lines: Any, out: Any, scope: Any = None) -> None:
    """One JSON answer line per input line, in order; a bad line gets an error line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("not a JSON object")
            history = request.get("history") or []
            if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
                raise ValueError('"history" must be a list of strings')
            reply = assistant.ask(request.get("question"), history,
                                  request.get("guide") or scope).to_dict()
        except (ValueError, RoleqaError) as exc:
            reply = {"error": f"line {number}: {exc}", "answered": False, "answer": "",
                     "sources": [], "latency_ms": 0.0, "suggestions": []}
        out.write(json.dumps(reply, ensure_ascii=False) + "\n")
        out.flush()


def _chat(assistant: Any, scope: Any = None) -> None:
    roles = ", ".join(assistant.catalogue.roles(assistant.catalogue.scope(scope)))
    click.echo(f"Ask about the {roles} role (empty line or Ctrl-D to quit).")
    history: list[str] = []
    while True:
        try:
            question = input("\n? ")
        except (EOFError, KeyboardInterrupt):
            break
        if not question.strip():
            break
        try:
            _print_answer(assistant.ask(question, history, scope))
            history.append(question)
        except RoleqaError as exc:
            click.echo(str(exc), err=True)


@main.command("feedback")
@click.option("--path", "path", type=click.Path(path_type=Path),
              help="Feedback file (default: ROLEQA_FEEDBACK_PATH or feedback/feedback.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many latest comments and most disliked questions to list.")
@click.pass_obj
@_friendly
def feedback_summary(settings: Settings, path: Path | None, as_json: bool, limit: int) -> None:
    """Summarise the visitors' likes, dislikes and comments from the chat UI."""
    from .web.feedback import format_summary, summarise_feedback

    summary = summarise_feedback(path or settings.feedback_path, limit=limit)
    # ASCII JSON: visitor text's escape codes and bidi controls stay escaped
    click.echo(json.dumps(summary, ensure_ascii=True, indent=2) if as_json
               else format_summary(summary))


@main.command("eval")
@click.option("--set", "question_set", type=click.Path(path_type=Path),
              default=Path("eval/questions.jsonl"), show_default=True, help="Evaluation set.")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test",
              show_default=True, help="Which questions to report on.")
@click.option("--retriever", type=click.Choice([*RETRIEVERS, "all"]),
              default="all", show_default=True, help="Retriever(s) to compare in this run.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/reports"),
              show_default=True, help="Folder for report.md, report.json and plots.")
@click.option("--gate", type=click.Path(path_type=Path), default=None,
              help="Fail (exit 1) if the hybrid misses these thresholds, e.g. eval/gate.toml.")
@click.option("--tune", is_flag=True, help="Tune the knobs on the dev split and print them.")
@click.option("--write", is_flag=True, help="With --tune: write them to the tuning file.")
@click.option("--leave-one-guide-out", "logo", is_flag=True,
              help="Also serve each guide with tuning and memory that never saw it.")
@click.pass_obj
@_friendly
def eval_command(settings: Settings, question_set: Path, split: str, retriever: str, out: Path,
                 gate: Path | None, tune: bool, write: bool, logo: bool) -> None:
    """Score retrieval, answers and declines on the evaluation set, and write a report."""
    from .engine.reranker import FEATURES
    from .engine.tuning import write_tuning
    from .guides.memory import bank_hash
    from .quality.assess import leave_one_guide_out, per_guide
    from .quality.assess import tune as fit_all
    from .quality.evaluate import failures, for_guides, load_questions, run, summarise
    from .quality.report import check_gate, load_gate, table, write_report
    from .quality.tune import decline_curve
    from .quality.variants import variant

    # Leave-one-out: a dev question never recalls its own memory entry, so dev
    # figures (and everything tuned on them) are those of unseen questions.
    # Variants ask the same questions again: each question is embedded once.
    settings = settings.replace(query_cache=max(settings.query_cache, 32_768))
    assistant = variant(_load(settings), holdout=True)
    passages = assistant.index.passages
    if tune:
        tuning, figures = fit_all(assistant, load_questions(question_set, "dev"), click.echo)
        click.echo("\nchosen:\n" + "\n".join(f"  {k}={v}" for k, v in
                                              tuning.to_dict().items()))
        if write:
            fitted = {"dev_hash": bank_hash(question_set, "dev"), "dev": figures,
                      "features": list(FEATURES),
                      "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            write_tuning(settings.tuning, tuning, fitted)
            click.echo(f"Wrote {settings.tuning}.")
        return
    questions = for_guides(load_questions(question_set, split), assistant.catalogue.slugs)
    kinds = list(RETRIEVERS) if retriever == "all" else [retriever]
    outcomes = {k: run(_retriever(assistant, k).ask, questions, passages, progress=True)
                for k in kinds}
    metrics = {k: summarise(o, passages) for k, o in outcomes.items()}
    main_kind = "hybrid" if "hybrid" in kinds else kinds[0]
    if len(assistant.catalogue) > 1:
        metrics.update({f"guide: {g}": m for g, m in
                        per_guide(outcomes[main_kind], passages).items()})
    if logo:
        every = for_guides(load_questions(question_set, "all"), assistant.catalogue.slugs)
        metrics.update({f"unseen: {g}": m for g, m in
                        leave_one_guide_out(_load(settings), every, split, click.echo).items()})
    failed = failures(outcomes[main_kind])
    policy = assistant.tuning.policy
    paths = write_report(
        out, split, metrics, failed,
        decline_curve(outcomes[main_kind], policy), policy.off_guide_margin,
        {"model_id": assistant.embedder.model_id, "retrievers": kinds,
         "guides": list(assistant.catalogue.slugs),
         "lexical_weight": assistant.tuning.lexical_weight, "policy": str(policy)},
    )
    click.echo(table(metrics))
    click.echo(f"\n{len(failed)} failures listed in {paths[0]}")
    if gate is not None:
        missed = check_gate(metrics[main_kind], load_gate(gate))
        if missed:
            click.echo("\nQuality gate FAILED (" + main_kind + "):\n| metric | got | needs |\n"
                       "|---|---:|---:|\n" + "\n".join(missed), err=True)
            sys.exit(1)
        click.echo(f"Quality gate passed ({gate}).")


@main.command()
@click.option("--host", help="Address to listen on (default 127.0.0.1; ROLEQA_HOST).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default 7860; ROLEQA_PORT).")
@click.option("--api-only", is_flag=True, help="Serve the JSON API and widget, not the chat page.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes, each with its own model (needs --api-only above 1).")
@click.pass_obj
@_friendly
def serve(settings: Settings, host: str | None, port: int | None, api_only: bool,
          workers: int) -> None:
    """Serve the chat at /, the API at /api (docs at /docs) and the widget at /widget.js."""
    import os

    import uvicorn

    settings = settings.replace(host=host or settings.host, port=port or settings.port)

    from .web.server import uvicorn_options

    def run(app: Any, workers: int = 1, **options: Any) -> None:
        # proxy trust, connection and slow-client limits: the same for every way of serving
        uvicorn.run(app, host=settings.host, port=settings.port, workers=workers,
                    **uvicorn_options(settings, workers), **options)

    if workers == 1:
        from .web.api import create_app

        run(create_app(_load(settings), settings, ui=not api_only))
        return
    if not api_only:
        raise click.UsageError("--workers above 1 needs --api-only: the chat page keeps its "
                               "queue in one process.")
    from .engine.assistant import Assistant

    Assistant.load(settings)  # fail here, once, rather than in every worker
    # Share the cores between the workers' encoders instead of oversubscribing them.
    settings = settings.replace(
        encoder_threads=settings.encoder_threads or max(1, (os.cpu_count() or 1) // workers))
    # Workers build their settings from ROLEQA_* variables: hand them this command's.
    os.environ.update(settings.to_env())
    click.echo(f"Serving the API with {workers} workers on http://{settings.host}:"
               f"{settings.port}", err=True)
    run("roleqa.web.api:create_app_from_env", factory=True, workers=workers)
