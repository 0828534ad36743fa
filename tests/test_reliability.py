"""Reliability: a build killed mid-way, damaged files, unwritable folders, concurrent
feedback writers and fuzzed inputs; tiny corpora in temporary folders, the fake
``HashEmbedder``, and no test that reads a clock to pass or fail."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import string
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roleqa.guides.build
from roleqa.cli import main as cli
from roleqa.config import Settings
from roleqa.engine.assistant import Assistant
from roleqa.errors import IndexCorruptError, IndexWriteError, QuestionError
from roleqa.guides import files as files_module
from roleqa.guides.build import build
from roleqa.guides.corpus import corpus_hash, parse_markdown
from roleqa.guides.embed import HashEmbedder
from roleqa.guides.index import load_index
from roleqa.guides.manifest import MANIFEST
from roleqa.types import Answer, Passage

GUIDE_V1 = ("# What does a gardener do?\n\nGardeners plant seeds, water beds and prune roses.\n\n"
            "- sowing seeds and transplanting seedlings.\n- watering, weeding and pruning.\n\n"
            "# What tools does a gardener use?\n\nGardeners use spades, rakes and watering cans. "
            "Some use a wheelbarrow.\n")
GUIDE_V2 = GUIDE_V1 + "\n# How do beekeepers work?\n\nBeekeepers tend hives and collect honey.\n"
DIM = 128


def _settings(tmp: Path, guide: str = GUIDE_V1) -> Settings:
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "gardener.md").write_text(guide, encoding="utf-8")
    return Settings(corpus_dir=corpus, index_dir=tmp / "index",
                    question_bank=tmp / "no-bank.jsonl")


def _assert_serves(s: Settings, expected_hash: str) -> None:
    """The index in ``s.index_dir`` loads, is the expected build, and answers."""
    loaded = load_index(s.index_dir)
    assert loaded.manifest.corpus_hash == expected_hash
    answer = Assistant.over(loaded, HashEmbedder(DIM), s).ask("What tools does a gardener use?")
    assert isinstance(answer, Answer) and answer.text
    assert answer.hits and all(isinstance(h.passage, Passage) for h in answer.hits)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Settings, str]:
    s = _settings(tmp_path)
    build(s, HashEmbedder(DIM))
    return s, corpus_hash(s.corpus_dir)


# -- a build killed with SIGKILL ------------------------------------------------
CHILD = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    import roleqa.guides.index as ix
    from roleqa.guides.build import build; from roleqa.config import Settings
    from roleqa.guides.embed import HashEmbedder
    stage, corpus, index_dir, marker = sys.argv[1:5]
    real_atomic_write = ix.atomic_write
    def hang():
        Path(marker).write_text(stage)
        time.sleep(600)
    class Embedder(HashEmbedder):
        def encode(self, texts):
            if stage == "embed":
                hang()
            return super().encode(texts)
    def atomic_write(path, write):
        def half_then_hang(tmp):
            write(tmp)
            data = tmp.read_bytes()
            tmp.write_bytes(data[: len(data) // 2])
            hang()
        if stage == "vectors" and path.name.startswith("vectors."):
            return real_atomic_write(path, half_then_hang)
        if stage == "manifest" and path.name == "manifest.json":
            return real_atomic_write(path, lambda tmp: (write(tmp), hang()))
        return real_atomic_write(path, write)
    ix.atomic_write = atomic_write
    settings = Settings(corpus_dir=Path(corpus), index_dir=Path(index_dir))
    if stage == "loop":  # rebuild forever, alternating two corpora, until killed
        other = Path(corpus).parent / "b" / "corpus"
        Path(marker).write_text(stage)
        for n in range(10_000):
            build(settings.replace(corpus_dir=other if n % 2 else Path(corpus)), Embedder(128))
    else:
        build(settings, Embedder(128))
""")


def _start_child(tmp: Path, stage: str, s: Settings) -> subprocess.Popen[bytes]:
    script, marker = tmp / "child.py", tmp / f"marker.{stage}"
    script.write_text(CHILD, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), stage, str(s.corpus_dir), str(s.index_dir), str(marker)],
        stderr=subprocess.PIPE)
    while not marker.exists():  # bounded by pytest-timeout, not by a clock
        if proc.poll() is not None:
            pytest.fail(f"child exited early: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.02)
    return proc


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL


@pytest.mark.parametrize("stage", ["embed", "vectors", "manifest"])
def test_killed_rebuild_leaves_previous_index_serving(
    tmp_path: Path, built: tuple[Settings, str], stage: str
) -> None:
    s, old_hash = built
    (s.corpus_dir / "gardener.md").write_text(GUIDE_V2, encoding="utf-8")
    _kill(_start_child(tmp_path, stage, s))
    if stage != "embed":  # the kill left debris behind: new data files, a partial temp file
        assert len(list(s.index_dir.iterdir())) > 3
    _assert_serves(s, old_hash)
    assert not any("beekeeper" in p.text.lower() for p in load_index(s.index_dir).passages)
    # the next build succeeds and sweeps the debris away
    build(s, HashEmbedder(DIM))
    _assert_serves(s, corpus_hash(s.corpus_dir))
    files = set(load_index(s.index_dir).manifest.files.values())
    assert {p.name for p in s.index_dir.iterdir()} == {MANIFEST, *files}


def test_killed_at_arbitrary_moments_of_a_build_loop(
    tmp_path: Path, built: tuple[Settings, str]
) -> None:
    s, hash_a = built
    hash_b = corpus_hash(_settings(tmp_path / "b", GUIDE_V2).corpus_dir)
    for delay in (0.05, 0.2, 0.45, 0.8):
        (tmp_path / "marker.loop").unlink(missing_ok=True)
        proc = _start_child(tmp_path, "loop", s)
        time.sleep(delay)  # where the kill lands varies; any landing must be safe
        _kill(proc)
        loaded = load_index(s.index_dir)
        assert loaded.manifest.corpus_hash in (hash_a, hash_b)
        _assert_serves(s, loaded.manifest.corpus_hash)


# -- damaged files ----------------------------------------------------------------
def _reseal(s: Settings, path: Path) -> None:
    """Make the manifest's checksum agree with a damaged file, so parsing is what fails."""
    manifest_path = s.index_dir / MANIFEST
    data = json.loads(manifest_path.read_text())
    data["checksums"][path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(data))


DAMAGE = ("truncated vectors", "bad JSON passages", "a passage missing")


def _damage(s: Settings, what: str) -> Path:
    kind = "vectors" if what == "truncated vectors" else "passages"
    path = s.index_dir / load_index(s.index_dir).manifest.files[kind]
    data = path.read_bytes()
    lines = data.splitlines(keepends=True)
    path.write_bytes({
        "truncated vectors": data[: len(data) // 2],
        "bad JSON passages": lines[0] + b'{"id": "broken", "text": \n' + b"".join(lines[2:]),
        "a passage missing": b"".join(lines[1:]),
    }[what])
    return path


@pytest.mark.parametrize("reseal", [False, True], ids=["checksum", "parse"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_reported_clearly(
    built: tuple[Settings, str], damage: str, reseal: bool
) -> None:
    s, _ = built
    path = _damage(s, damage)
    if reseal:
        _reseal(s, path)
    with pytest.raises(IndexCorruptError, match="roleqa index") as info:
        load_index(s.index_dir)
    assert "damaged" in str(info.value)
    with pytest.raises(IndexCorruptError):
        Assistant.load(s, embedder=HashEmbedder(DIM))


def test_garbled_manifest_is_reported_clearly(built: tuple[Settings, str]) -> None:
    s, _ = built
    (s.index_dir / MANIFEST).write_text("{ not json", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="roleqa index"):
        load_index(s.index_dir)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_roleqa_index_recovers_a_damaged_index(
    built: tuple[Settings, str], damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    s, good_hash = built
    _damage(s, damage)
    # the CLI's real model is not the point here: build with the fake one
    monkeypatch.setattr(roleqa.guides.build, "SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(DIM))
    args = ["--corpus-dir", str(s.corpus_dir), "--index-dir", str(s.index_dir), "index"]
    check = CliRunner().invoke(cli, [*args, "--check"])
    assert check.exit_code == 1 and "roleqa index" in check.output
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    _assert_serves(s, good_hash)


# -- read-only folder, full disk ---------------------------------------------------
def _failing(code: int, only: str | None = None) -> Any:
    """A stand-in that fails with ``code`` (for os.replace: only when renaming to ``only``)."""
    real = os.replace
    def fail(*args: Any, **kwargs: Any) -> Any:
        if only is not None and Path(args[1]).name != only:
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))
    return fail


_TMP, _OS = files_module.tempfile, files_module.os
WRITE_FAILURES = {
    "read-only: no file can be made": (_TMP, "mkstemp", _failing(errno.EROFS), "read-only"),
    "read-only: rename refused": (_OS, "replace", _failing(errno.EROFS), "read-only"),
    "disk full on flush": (_OS, "fsync", _failing(errno.ENOSPC), "disk is full"),
    "disk full at the manifest": (_OS, "replace", _failing(errno.ENOSPC, MANIFEST), "disk is full"),
}


@pytest.mark.parametrize("failure", list(WRITE_FAILURES))
def test_unwritable_folder_gives_a_clear_error_and_keeps_the_index(
    built: tuple[Settings, str], failure: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    s, old_hash = built
    (s.corpus_dir / "gardener.md").write_text(GUIDE_V2, encoding="utf-8")
    target, name, fake, says = WRITE_FAILURES[failure]
    with monkeypatch.context() as patch, pytest.raises(IndexWriteError, match=says) as info:
        patch.setattr(target, name, fake)
        build(s, HashEmbedder(DIM))
    assert "previous index" in str(info.value)
    _assert_serves(s, old_hash)
    assert not list(s.index_dir.glob("*.tmp")) and not list(s.index_dir.glob(".*.tmp"))


# -- concurrent feedback writers ----------------------------------------------------
WRITER = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    from roleqa.web.feedback import append_feedback
    path, go = Path(sys.argv[1]), Path(sys.argv[2])
    writer, count = int(sys.argv[3]), int(sys.argv[4])
    while not go.exists():
        time.sleep(0.001)
    for i in range(count):
        # sizes up to ~6 kB, past PIPE_BUF, with characters that look like line ends
        text = f"w{writer} n{i} é\\n\\u2028 " + "x" * ((writer * 997 + i * 31) % 6000)
        append_feedback(path, {"id": f"{writer}-{i}", "writer": writer, "n": i,
                               "question": text, "answer": text[::-1], "rating": "like"})
""")


def test_concurrent_feedback_writers_lose_and_tear_nothing(tmp_path: Path) -> None:
    writers, count = 8, 200
    script, go, path = tmp_path / "writer.py", tmp_path / "go", tmp_path / "fb" / "feedback.jsonl"
    script.write_text(WRITER, encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), str(path), str(go), str(w),
                               str(count)], stderr=subprocess.PIPE) for w in range(writers)]
    go.touch()  # all start writing at once
    for proc in procs:
        _, err = proc.communicate()
        assert proc.returncode == 0, err.decode()[-2000:]
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == writers * count
    records = [json.loads(line) for line in raw.split(b"\n")[:-1]]
    assert sorted((r["writer"], r["n"]) for r in records) == [
        (w, i) for w in range(writers) for i in range(count)]
    for r in records:
        assert r["question"].startswith(f"w{r['writer']} n{r['n']} é\n\u2028 ")
        assert r["answer"] == r["question"][::-1] and r["timestamp"]


# -- fuzzing ------------------------------------------------------------------------
FUZZ = settings(max_examples=150, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=3000))
def test_parser_never_raises_on_any_text(text: str) -> None:
    passages = parse_markdown(text, doc="g")
    assert all(isinstance(p, Passage) and p.id.startswith("g:") for p in passages)
    assert len({p.id for p in passages}) == len(passages)


_WORD = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=25).map(lambda ws: " ".join(ws) + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=8).map(" ".join)


@FUZZ
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_parser_keeps_every_word_of_plain_paragraphs(paragraphs: list[str]) -> None:
    passages = parse_markdown("\n\n".join(paragraphs), doc="g")
    seen = {w.strip(".").lower() for p in passages for w in p.text.split()}
    for word in " ".join(paragraphs).split():
        assert word.strip(".").lower() in seen


@pytest.fixture(scope="module")
def fuzz_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    s = _settings(tmp_path_factory.mktemp("fuzz"), GUIDE_V2)
    build(s, HashEmbedder(DIM))
    return Assistant.load(s, embedder=HashEmbedder(DIM))


_ANY_TEXT = st.one_of(st.text(max_size=200), st.text(min_size=900, max_size=1100),
                      st.text(alphabet=string.printable, max_size=300))
_JUNK = st.one_of(st.none(), st.integers(), st.binary(max_size=20), st.lists(st.text(), max_size=2))


@FUZZ
@given(question=st.one_of(_ANY_TEXT, _ANY_TEXT, _JUNK),
       history=st.lists(st.one_of(_ANY_TEXT, _JUNK), max_size=12))
def test_ask_answers_or_raises_question_error(
    fuzz_assistant: Assistant, question: Any, history: list[Any]
) -> None:
    try:
        answer = fuzz_assistant.ask(question, history)
    except QuestionError as exc:
        assert str(exc)
        return
    assert isinstance(answer, Answer) and answer.text
    assert answer.answered == bool(answer.sources)
    json.dumps(answer.to_dict())
