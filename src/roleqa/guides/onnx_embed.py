"""The serving encoder: the model's ONNX export run by ONNX Runtime, without torch.

:class:`OnnxEmbedder` reads the export that ``roleqa index`` makes (``export.py``)
and encodes as the sentence-transformers pipeline of all-MiniLM-L6-v2 does:
WordPiece tokens truncated to the model's ``max_seq_length`` (256, from
``sentence_bert_config.json``; the ``tokenizer.json`` shipped with the model says
128 and pads to a fixed 128, both overridden here), the transformer, the mean of
the token vectors under the attention mask, then L2 normalisation. Only
``onnxruntime``, ``tokenizers`` and numpy are imported: a serving process never
loads torch, transformers or sentence-transformers.

:func:`serving_embedder` picks the query encoder the settings name
(``ROLEQA_ENCODER=onnx|torch``) and checks it against what the index expects.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..config import DEFAULT_MODEL, Settings
from ..errors import ModelError
from .batching import BatchingEmbedder
from .embed import (
    Embedder,
    SentenceTransformerEmbedder,
    Vectors,
    model_dictionary,
    model_id_of,
    resolve_model_path,
)
from .export import export_dir, export_key, read_export

__all__ = ["CHUNK", "OnnxEmbedder", "encoder_threads", "serving_embedder"]

#: Most texts one model call takes; more are encoded in chunks of this many.
CHUNK = 32


def encoder_threads(settings: Settings) -> int:
    """The query encoder's threads: the setting (which ``roleqa serve --workers``
    sets per worker), else one per core."""
    return settings.encoder_threads or max(1, os.cpu_count() or 1)


class OnnxEmbedder:
    """The ONNX export of a model in ``folder`` (default: its cache folder), loaded on first use.

    The export is checked when the embedder is made (files, checksums, that it
    belongs to this model and passed the check against sentence-transformers),
    so a missing or damaged one is a one-line :class:`ModelError` before any
    model is loaded.
    """

    def __init__(self, model: str = DEFAULT_MODEL, cache_dir: Path = Path(".cache/roleqa"),
                 threads: int = 1, folder: Path | None = None, checked: bool = True) -> None:
        self._path = resolve_model_path(model)
        self._model_id = model_id_of(model, self._path)
        self.folder = folder or export_dir(cache_dir, self._path)
        self.export = read_export(self.folder, self._model_id, checked=checked)
        self._threads = max(1, threads)
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dim(self) -> int:
        return self.export.dim

    @functools.cached_property
    def dictionary(self) -> frozenset[str]:
        """Common words the model's tokenizer knows whole (``embed.model_dictionary``)."""
        return model_dictionary(self._path)

    def warm_up(self) -> None:
        """Load the tokenizer and the ONNX Runtime session (a fraction of a second)."""
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
                tokenizer.enable_truncation(max_length=self.export.max_seq_length)
                pad = self.export.pad_token
                tokenizer.enable_padding(pad_id=tokenizer.token_to_id(pad) or 0, pad_token=pad)
                options = ort.SessionOptions()
                options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                options.intra_op_num_threads = self._threads
                options.inter_op_num_threads = 1
                # Idle threads spinning for work steal the cores a busy machine
                # shares; measured to cost nothing on an idle one (RESULTS.md).
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                session = ort.InferenceSession(str(self.folder / "model.onnx"), options,
                                               providers=["CPUExecutionProvider"])
            except Exception as exc:  # any load failure becomes one clear message
                raise ModelError(f"Could not load the ONNX export in {str(self.folder)!r} "
                                 f"({exc}). Run `roleqa index` to rebuild it.") from None
            self._inputs = {i.name for i in session.get_inputs()}
            self._tokenizer = tokenizer
            self._session = session

    def encode(self, texts: Sequence[str]) -> Vectors:
        if self._session is None:
            self.warm_up()
        if len(texts) <= CHUNK:
            return self._encode(texts)
        # Many texts (the corpus words at warm-up): similar lengths together pad
        # less, and small chunks keep ONNX Runtime's memory arena small, as it
        # keeps the largest batch it has seen.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), CHUNK):
            rows = order[start : start + CHUNK]
            out[rows] = self._encode([texts[i] for i in rows])
        return out

    def _encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask,
                 "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        # Mean over the real tokens, then unit length: Pooling + Normalize modules.
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return np.ascontiguousarray(pooled / norms, dtype=np.float32)


def serving_embedder(settings: Settings, expected: dict[str, Any] | None = None) -> Embedder:
    """The query encoder of ``settings.encoder``, micro-batched if ``settings.batching``.

    ``expected`` is the index manifest's ``extra``: the ONNX export it was built
    for must be the one this roleqa makes, or a one-line error says to rebuild.
    """
    inner: Embedder
    if settings.encoder == "torch":
        inner = SentenceTransformerEmbedder(settings.model, threads=settings.encoder_threads)
    else:
        path = resolve_model_path(settings.model)
        wanted = (expected or {}).get("onnx_export")
        have = export_key(model_id_of(settings.model, path))
        if wanted is not None and wanted != have:
            raise ModelError(f"The index expects the ONNX export {wanted!r}, this roleqa makes "
                             f"{have!r}. Run `roleqa index` to rebuild it.")
        inner = OnnxEmbedder(settings.model, settings.cache_dir, encoder_threads(settings))
    return BatchingEmbedder(inner) if settings.batching else inner
