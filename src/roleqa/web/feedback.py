"""The feedback log: one JSON object per line, appended, never rewritten.

Each like or dislike a visitor gives an answer becomes a record::

    {"id": "…", "question": "…", "answer": "…", "sources": ["title", …],
     "rating": "like" | "dislike" | null, "comment": "…" | null,
     "timestamp": "2025-01-01T12:00:00.000+00:00"}

A later record with the same ``id`` supersedes an earlier one (a visitor who
adds a comment, changes their mind or withdraws a rating, with ``rating``
null), so the file stays append-only and :func:`summarise_feedback` counts the
latest word on each answer. Records without an ``id`` each count once.

Several server workers (threads or processes) may append at once: each record
is written with one ``os.write`` on a descriptor opened with ``O_APPEND``, under
an exclusive ``flock``, so lines never interleave or tear.

Only answers this server gave can be rated: :class:`AnswerLedger` remembers
(boundedly) each answer it issued and builds the record from that, never from
what a client sent. What visitors wrote is shown by ``roleqa feedback`` through
:func:`terminal_safe`, so an escape code in a comment cannot reach the terminal.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import RoleqaError
from ..text import valid_text

__all__ = ["RATINGS", "AnswerLedger", "append_feedback", "format_summary", "summarise_feedback",
           "terminal_safe"]

RATINGS = ("like", "dislike")
# Characters str.splitlines() treats as line ends that json.dumps leaves raw
# with ensure_ascii=False: escaped so any reader sees one record per line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _encode(record: Mapping[str, Any]) -> bytes:
    entry = dict(record)
    if not entry.get("timestamp"):
        entry["timestamp"] = _now()
    # valid_text: a lone surrogate in a comment would make the UTF-8 encoding raise
    text = valid_text(json.dumps(entry, ensure_ascii=False, default=str, separators=(",", ":")))
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return (text + "\n").encode("utf-8")


class AnswerLedger:
    """The answers this server issued, by id, that may still be rated.

    Bounded twice: the ``max_answers`` most recent answers are remembered (an
    older one can no longer be rated), and each takes at most ``max_writes``
    ratings and comments, so no client can grow the feedback file without
    bound through one answer. Thread-safe: Gradio runs handlers in threads.
    """

    def __init__(self, max_answers: int = 10_000, max_writes: int = 20) -> None:
        self.max_answers = max_answers
        self.max_writes = max_writes
        self._answers: OrderedDict[str, tuple[dict[str, Any], int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._answers)

    def issue(self, answer_id: str, record: Mapping[str, Any]) -> None:
        """Remember the answer ``answer_id`` (question, answer, sources, answered)."""
        with self._lock:
            self._answers[answer_id] = ({**record, "id": answer_id}, 0)
            while len(self._answers) > self.max_answers:
                self._answers.popitem(last=False)

    def record(self, answer_id: object, rating: str | None,
               comment: str | None = None) -> dict[str, Any] | None:
        """The feedback record for an issued answer, counting one write; None if
        ``answer_id`` was never issued here (or is forgotten, or has had its writes)."""
        if rating not in (*RATINGS, None) or not isinstance(answer_id, str):
            return None
        with self._lock:
            entry = self._answers.get(answer_id)
            if entry is None or entry[1] >= self.max_writes:
                return None
            self._answers[answer_id] = (entry[0], entry[1] + 1)
        return {**entry[0], "rating": rating, "comment": comment}


def terminal_safe(text: str) -> str:
    """``text`` with every control, format or line-separator character shown as
    ``\\uXXXX``: escape codes (``\\x1b]0;...``), bidi overrides and newlines in
    visitor text cannot act on a terminal or forge a line of output."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp",
                                                                     "Cs") else c
                   for c in text)


def append_feedback(path: Path, record: Mapping[str, Any]) -> None:
    """Append ``record`` as one JSON line to ``path``, adding an ISO ``timestamp``
    if it has none and creating the folder if needed.

    Safe across threads and processes; raises :class:`RoleqaError` with a
    readable message if the file cannot be written.
    """
    if not isinstance(record, Mapping):
        raise TypeError(f"a feedback record must be a mapping, not {type(record).__name__}")
    line = _encode(record)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            # O_APPEND makes each write land at the end atomically; the lock
            # also covers the (rare) short write finished by the loop below,
            # and writers on filesystems where O_APPEND is not atomic (NFS).
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                written = os.write(fd, line)
                while written < len(line):
                    written += os.write(fd, line[written:])
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    except OSError as exc:
        raise RoleqaError(
            f"Could not save feedback to {path}: {exc.strerror or exc}."
        ) from None


def _read(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The records of ``path`` in file order, and how many lines were unusable."""
    records: list[dict[str, Any]] = []
    bad = 0
    with path.open("rb") as handle:
        # Split on b"\n" only: the writer guarantees no other line breaks.
        for raw in handle:
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError:  # includes bad UTF-8 and a torn last line
                bad += 1
                continue
            if not isinstance(record, dict) or record.get("rating") not in (*RATINGS, None):
                bad += 1
                continue
            records.append(record)
    return records, bad


def summarise_feedback(path: Path, limit: int = 5) -> dict[str, Any]:
    """Counts of likes and dislikes, the share liked, the ``limit`` latest comments
    and most disliked questions, and how many lines could not be read.

    A missing file summarises as empty. The latest record per ``id`` counts.
    """
    path = Path(path)
    records, bad = _read(path) if path.is_file() else ([], 0)
    latest: dict[str, dict[str, Any]] = {}
    for number, record in enumerate(records):
        key = record.get("id")
        latest[f"id:{key}" if isinstance(key, str) and key else f"line:{number}"] = record
    final = sorted(latest.values(), key=lambda r: str(r.get("timestamp", "")))
    likes = sum(1 for r in final if r.get("rating") == "like")
    dislikes = sum(1 for r in final if r.get("rating") == "dislike")
    rated = likes + dislikes
    comments = [
        {
            "timestamp": str(r.get("timestamp", "")),
            "rating": r.get("rating"),
            "question": str(r.get("question", "")),
            "comment": str(r["comment"]).strip(),
        }
        for r in reversed(final)
        if isinstance(r.get("comment"), str) and r["comment"].strip()
    ]
    disliked: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for r in final:
        if r.get("rating") == "dislike":
            question = " ".join(str(r.get("question", "")).split())
            key = question.casefold()
            disliked[key] += 1
            shown.setdefault(key, question)
    return {
        "path": str(path),
        "records": len(records),
        "bad_lines": bad,
        "ratings": rated,
        "likes": likes,
        "dislikes": dislikes,
        "share_liked": round(likes / rated, 4) if rated else None,
        "latest_comments": comments[:limit],
        "most_disliked": [
            {"question": shown[key], "dislikes": count}
            for key, count in disliked.most_common(limit)
        ],
        "first": str(final[0].get("timestamp", "")) if final else None,
        "last": str(final[-1].get("timestamp", "")) if final else None,
    }


def format_summary(summary: Mapping[str, Any]) -> str:
    """``summarise_feedback``'s result as a few lines for a person to read."""
    safe: dict[str, Any] = json.loads(json.dumps(summary, default=str))  # a copy to neutralise
    summary = safe
    for key in ("path", "first", "last"):
        if isinstance(summary.get(key), str):
            summary[key] = terminal_safe(summary[key])
    for item in (*summary["latest_comments"], *summary["most_disliked"]):
        for key, value in item.items():
            if isinstance(value, str):
                item[key] = terminal_safe(value)
    lines = [f"Feedback in {summary['path']}"]
    if not summary["records"] and not summary["bad_lines"]:
        return lines[0] + ": none yet."
    share = summary["share_liked"]
    liked = f"{share:.0%} liked" if share is not None else "no ratings"
    lines.append(
        f"  {summary['ratings']} rated answers: {summary['likes']} liked, "
        f"{summary['dislikes']} disliked ({liked})"
    )
    if summary["first"]:
        lines.append(f"  from {summary['first']} to {summary['last']}")
    if summary["bad_lines"]:
        lines.append(f"  {summary['bad_lines']} unreadable line(s) skipped")
    if summary["most_disliked"]:
        lines.append("\nMost disliked questions:")
        lines += [f"  {d['dislikes']} × {d['question']}" for d in summary["most_disliked"]]
    if summary["latest_comments"]:
        lines.append("\nLatest comments:")
        for c in summary["latest_comments"]:
            lines.append(f"  [{c['rating'] or 'withdrawn'}] {c['timestamp']}  {c['question']}")
            lines.append(f"      “{c['comment']}”")
    return "\n".join(lines)
