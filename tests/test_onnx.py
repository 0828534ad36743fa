"""The ONNX query encoder: the same vectors and answers as sentence-transformers,
a serving process without torch, and one-line messages for a missing, damaged
or stale export. The export itself is made once per clone (conftest.onnx_export)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import BANK, CACHE, CORPUS, INDEX, ROOT
from roleqa.cli import main
from roleqa.config import Settings
from roleqa.engine.assistant import Assistant
from roleqa.errors import ConfigError, ModelError
from roleqa.guides.build import export_problem
from roleqa.guides.embed import resolve_model_path
from roleqa.guides.export import EXPORT_FILE, MIN_COSINE, export_dir
from roleqa.guides.onnx_embed import OnnxEmbedder, serving_embedder
from roleqa.quality.evaluate import load_questions
from roleqa.quality.variants import variant

pytestmark = pytest.mark.model
FORBIDDEN = ("torch", "transformers", "sentence_transformers")


@pytest.fixture(scope="session")
def onnx_embedder() -> OnnxEmbedder:
    embedder = OnnxEmbedder(cache_dir=CACHE)
    embedder.warm_up()
    return embedder


@pytest.fixture
def copied_export(tmp_path: Path) -> Path:
    """A copy of the export in a cache of its own, to damage."""
    source = export_dir(CACHE, resolve_model_path("all-MiniLM-L6-v2"))
    target = export_dir(tmp_path / "cache", resolve_model_path("all-MiniLM-L6-v2"))
    target.parent.mkdir(parents=True)
    shutil.copytree(source, target)
    return target


def test_onnx_vectors_match_sentence_transformers(onnx_embedder, real_embedder) -> None:  # type: ignore[no-untyped-def]
    long_text = "Deep learning engineers deploy models to the cloud. " * 80  # > 256 tokens
    texts = ["Which cloud platforms does a deep learning engineer use?", "hi", "", "C++ & SQL?",
             long_text, "and later on?"]
    ours = onnx_embedder.encode(texts)
    theirs = real_embedder._model.encode(texts, normalize_embeddings=True)
    assert ours.shape == (len(texts), 384) and ours.dtype == np.float32
    assert float((ours * theirs).sum(axis=1).min()) >= MIN_COSINE
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # one at a time (no padding) and in a batch (padded) agree
    assert np.abs(onnx_embedder.encode(texts[:1]) - ours[:1]).max() < 1e-5
    assert onnx_embedder.model_id == real_embedder.model_id
    # more texts than one call takes: chunked by length, given back in order
    many = onnx_embedder.encode(texts * 7)
    assert np.abs(many - np.tile(ours, (7, 1))).max() < 1e-5


def test_both_encoders_give_the_same_answers_on_dev_questions(onnx_embedder, assistant) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(corpus_dir=CORPUS, index_dir=INDEX, question_bank=BANK, cache_dir=CACHE)
    served = variant(Assistant.load(settings, embedder=onnx_embedder), holdout=True)
    reference = variant(assistant, holdout=True)
    dev = load_questions(BANK, "dev")[::12][:60]
    for q in dev:
        a, b = served.ask(q.question, q.history), reference.ask(q.question, q.history)
        assert a.answered == b.answered, q.question
        assert [h.passage.id for h in a.hits[:1]] == [h.passage.id for h in b.hits[:1]], q.question


def test_a_served_ask_never_imports_torch() -> None:
    question = "Which cloud platforms does a deep learning engineer use?"
    code = (
        "import sys\nfrom roleqa.cli import main\n"
        f"try:\n    main(['ask', '--json', {question!r}])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    answer, loaded = out.stdout.strip().splitlines()
    assert "AWS" in json.loads(answer)["answer"]
    assert loaded == "[]"


def test_the_encoder_is_a_setting() -> None:
    assert Settings().encoder == "onnx"
    assert Settings.from_env({"ROLEQA_ENCODER": "torch"}).encoder == "torch"
    with pytest.raises(ConfigError, match="onnx or torch"):
        Settings(encoder="tensorflow")
    torch_embedder = serving_embedder(Settings(encoder="torch", batching=False))
    assert type(torch_embedder).__name__ == "SentenceTransformerEmbedder"
    onnx = serving_embedder(Settings(cache_dir=CACHE))
    assert type(onnx).__name__ == "BatchingEmbedder"


def _one_line_error(result: object, *needles: str) -> None:
    output = result.output.strip()  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert len(output.splitlines()) == 1 and "Traceback" not in output, output
    for needle in needles:
        assert needle in output


def _cli(cache: Path, *args: str) -> object:
    return CliRunner().invoke(main, ["--corpus-dir", str(CORPUS), "--index-dir", str(INDEX),
                                     *args], env={"ROLEQA_CACHE_DIR": str(cache)})


def test_a_missing_export_is_one_line_at_check_and_at_load(tmp_path: Path) -> None:
    _one_line_error(_cli(tmp_path, "index", "--check"), "ONNX export", "missing", "roleqa index")
    _one_line_error(_cli(tmp_path, "ask", "What tools?"), "ONNX export", "missing",
                    "roleqa index")


def test_a_damaged_export_is_reported_and_refused(copied_export: Path) -> None:
    cache = copied_export.parents[1]
    assert export_problem(Settings(cache_dir=cache)) is None
    (copied_export / "model.onnx").write_bytes(b"not a model")
    _one_line_error(_cli(cache, "index", "--check"), "damaged", "model.onnx", "checksum")
    _one_line_error(_cli(cache, "ask", "What tools?"), "damaged", "roleqa index")


def test_a_stale_or_unchecked_export_is_refused(copied_export: Path) -> None:
    info = json.loads((copied_export / EXPORT_FILE).read_text())
    cache = copied_export.parents[1]
    (copied_export / EXPORT_FILE).write_text(json.dumps({**info, "recipe": "old"}))
    assert "stale" in (export_problem(Settings(cache_dir=cache)) or "")
    (copied_export / EXPORT_FILE).write_text(json.dumps({**info, "min_cosine": 0.99}))
    with pytest.raises(ModelError, match="did not pass its check"):
        OnnxEmbedder(cache_dir=cache)
    (copied_export / EXPORT_FILE).write_text("{")
    with pytest.raises(ModelError, match="damaged"):
        OnnxEmbedder(cache_dir=cache)


def test_an_index_expecting_another_export_is_stale() -> None:
    with pytest.raises(ModelError, match="expects the ONNX export"):
        serving_embedder(Settings(cache_dir=CACHE), {"onnx_export": "other-recipe@x"})
