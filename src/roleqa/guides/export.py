"""The ONNX export of the embedding model: made once, offline, by ``roleqa index``.

It lives outside git, in ``<cache_dir>/onnx/<model fingerprint>/``
(``ROLEQA_CACHE_DIR``, default ``.cache/roleqa``, git-ignored)::

    model.onnx       the transformer: input_ids, attention_mask, token_type_ids
                     -> last_hidden_state (``torch.onnx.export``, opset 17)
    tokenizer.json   the model's tokenizer, copied
    export.json      recipe, model id, max_seq_length, dim, sha256 of both files,
                     and the check against sentence-transformers

Making it imports torch (the packaged weights, nothing downloaded); reading it
(:func:`read_export`) does not. An export is written to a temporary folder,
checked against the sentence-transformers pipeline on the question bank's
questions, the corpus passages and a text past the truncation length, and
renamed into place only if the lowest cosine is at least :data:`MIN_COSINE`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .embed import _fingerprint, file_sha256

__all__ = ["MIN_COSINE", "RECIPE", "ExportInfo", "check_texts", "export_dir", "export_key",
           "make_export", "read_export"]

#: What makes an export; bump it when the export changes (the index records it).
RECIPE = "torch.onnx-opset17-v1"
#: The lowest cosine with sentence-transformers an export may have on the check texts.
MIN_COSINE = 0.9999
EXPORT_FILE = "export.json"
HINT = "Run `roleqa index` to build it (or set ROLEQA_ENCODER=torch)."


@dataclass(frozen=True)
class ExportInfo:
    """What ``export.json`` says of an export."""

    recipe: str
    model_id: str
    dim: int
    max_seq_length: int
    pad_token: str
    files: dict[str, str]  # name -> sha256
    min_cosine: float = -1.0  # -1 until checked
    checked_texts: int = 0
    exported_at: str = ""
    versions: dict[str, str] = field(default_factory=dict)


def export_key(model_id: str) -> str:
    """The export an index built for ``model_id`` expects (recorded in its manifest)."""
    return f"{RECIPE}@{model_id}"


def export_dir(cache_dir: Path, model_path: Path) -> Path:
    """Where the export of the model at ``model_path`` lives."""
    return Path(cache_dir) / "onnx" / _fingerprint(model_path)


def read_export(folder: Path, model_id: str, checked: bool = True) -> ExportInfo:
    """The verified export in ``folder`` for ``model_id``; a one-line
    :class:`ModelError` if it is missing, damaged, stale or failed its check."""
    where = str(folder)
    try:
        info = ExportInfo(**json.loads((folder / EXPORT_FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ModelError(f"The ONNX export of the model is missing ({where!r}). {HINT}") from None
    except (OSError, ValueError, TypeError):
        raise ModelError(f"The ONNX export in {where!r} is damaged "
                         f"({EXPORT_FILE} does not parse). {HINT}") from None
    if info.recipe != RECIPE or info.model_id != model_id:
        raise ModelError(f"The ONNX export in {where!r} is stale: made by {info.recipe} "
                         f"for {info.model_id}, not {RECIPE} for {model_id}. {HINT}")
    if set(info.files) != {"model.onnx", "tokenizer.json"}:
        raise ModelError(f"The ONNX export in {where!r} is damaged (wrong file list). {HINT}")
    for name, digest in info.files.items():
        path = folder / name
        if not path.is_file():
            raise ModelError(f"The ONNX export in {where!r} is damaged: {name} is missing. {HINT}")
        if file_sha256(path) != digest:
            raise ModelError(f"The ONNX export in {where!r} is damaged: {name} does not match "
                             f"its checksum. {HINT}")
    if checked and info.min_cosine < MIN_COSINE:
        raise ModelError(f"The ONNX export in {where!r} did not pass its check against "
                         f"sentence-transformers (min cosine {info.min_cosine:.6f} < "
                         f"{MIN_COSINE}). {HINT}")
    return info


def check_texts(question_bank: Path, passages: Sequence[str] = (), limit: int = 300) -> list[str]:
    """The texts an export is checked on: an even sample of the bank's questions
    (every split: only the wording matters), the passages, and one text longer
    than the truncation length."""
    questions: list[str] = []
    try:
        for line in question_bank.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line).get("question")
                if isinstance(q, str) and q.strip():
                    questions.append(q)
    except (OSError, ValueError, AttributeError):
        questions = []
    step = max(1, len(questions) // limit)
    sample = questions[::step][:limit]
    fallback = ["What tools does this role use?", "hi", "C++ and F#, k8s"]
    long_text = " ".join([*passages, *sample, *fallback] * 3)[:6000]
    return [*sample, *passages, *fallback, long_text]


def make_export(reference: Any, model: str, folder: Path, texts: Sequence[str]) -> ExportInfo:
    """Export ``reference`` (the ``SentenceTransformerEmbedder`` of ``model``) to
    ``folder``, check it on ``texts``, and move it into place; ``ModelError`` if
    the model cannot be exported or the check fails (nothing is left behind)."""
    import numpy as np
    import torch

    from .onnx_embed import OnnxEmbedder

    reference.warm_up()
    parts = reference._fast  # (tokenizer, transformer, max_seq_length), or None
    if parts is None:
        raise ModelError("The ONNX encoder serves transformer models with mean pooling only; "
                         "this model is not one. Set ROLEQA_ENCODER=torch.")
    tokenizer, transformer, max_length = parts
    model_path = Path(reference._path)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    tmp.chmod(0o755)  # mkdtemp makes 0700; the export is meant to be shared
    try:
        _export_graph(torch, transformer, tmp / "model.onnx")
        shutil.copyfile(model_path / "tokenizer.json", tmp / "tokenizer.json")
        import onnxruntime

        info = ExportInfo(
            recipe=RECIPE, model_id=reference.model_id, dim=reference.dim,
            max_seq_length=int(max_length), pad_token=str(tokenizer.pad_token or "[PAD]"),
            files={n: file_sha256(tmp / n) for n in ("model.onnx", "tokenizer.json")},
            exported_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            versions={"torch": torch.__version__, "onnxruntime": onnxruntime.__version__},
        )
        _write_info(tmp, info)
        ours = OnnxEmbedder(model, folder=tmp, checked=False, threads=torch.get_num_threads())
        theirs = reference._model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
        got = np.concatenate([ours.encode(texts[i:i + 64]) for i in range(0, len(texts), 64)])
        cosine = float((got * theirs).sum(axis=1).min())
        if not cosine >= MIN_COSINE:
            raise ModelError(f"Refused the ONNX export: on {len(texts)} check texts its lowest "
                             f"cosine with sentence-transformers is {cosine:.6f}, below "
                             f"{MIN_COSINE}. Set ROLEQA_ENCODER=torch to serve with torch.")
        info = ExportInfo(**{**asdict(info), "min_cosine": cosine, "checked_texts": len(texts)})
        _write_info(tmp, info)
        if folder.exists():  # a stale or damaged export: set it aside, then drop it
            old = folder.with_name(f".old-{folder.name}-{time.time_ns()}")
            folder.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        tmp.rename(folder)
    except OSError as exc:
        raise ModelError(f"Cannot write the ONNX export in {str(folder)!r}: "
                         f"{exc.strerror or exc}. Check the folder (ROLEQA_CACHE_DIR).") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return info


def _write_info(folder: Path, info: ExportInfo) -> None:
    text = json.dumps(asdict(info), indent=2, sort_keys=True) + "\n"
    (folder / EXPORT_FILE).write_text(text, encoding="utf-8")


def _export_graph(torch: Any, transformer: Any, path: Path) -> None:
    """The transformer as an ONNX graph with a dynamic batch and length (the
    TorchScript exporter: one self-contained file, no onnxscript needed)."""

    class Hidden(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.inner = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    ids = torch.ones((2, 8), dtype=torch.long)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(Hidden().eval(), (ids, ids, torch.zeros_like(ids)), str(path),
                              dynamo=False, input_names=names,
                              output_names=["last_hidden_state"], opset_version=17,
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in
                                            [*names, "last_hidden_state"]})
    except OSError:
        raise
    except Exception as exc:  # the exporter's errors are many and deep; one line for the user
        raise ModelError(f"Could not export the model to ONNX ({type(exc).__name__}: "
                         f"{str(exc)[:200]}). Set ROLEQA_ENCODER=torch.") from None
