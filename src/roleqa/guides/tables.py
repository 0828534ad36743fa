"""Texts embedded at ``roleqa index`` and stored beside the passages, so a start reads them.

Besides its passages, the engine compares a question with other texts fixed by
the corpus and the model: the guides' frequent words, a few off-guide topics
and each section's heading path. Embedding them at every start cost up to
20,000 model calls' worth of text (seconds for a large catalogue), so the
build embeds them once and the index keeps them as named :class:`VectorTable`
s in one ``tables.<build>.npz`` file, checksummed by the manifest like every
other data file.

A table is keyed by its texts, not by position: :meth:`VectorTable.vectors_for`
gives the stored vector of each text it holds and embeds only the others, so
a change to what the engine asks for (a new topic, say) costs a few model
calls at start, never a wrong vector.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["VectorTable", "strings_of", "tables_from_bytes", "tables_to_bytes", "utf8_array"]

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True)
class VectorTable:
    """Texts and their vectors, row by row."""

    texts: tuple[str, ...]
    vectors: Vectors

    def __post_init__(self) -> None:
        if self.vectors.ndim != 2 or self.vectors.shape[0] != len(self.texts):
            raise ValueError(f"a table of {len(self.texts)} texts has vectors of shape "
                             f"{self.vectors.shape}")

    @classmethod
    def embed(cls, texts: Sequence[str], encode: Callable[[list[str]], Vectors],
              dim: int) -> VectorTable:
        """``texts`` embedded with ``encode`` (of vectors of ``dim``)."""
        texts = tuple(texts)
        vectors = encode(list(texts)) if texts else np.zeros((0, dim), dtype=np.float32)
        return cls(texts, np.asarray(vectors, dtype=np.float32))

    def vectors_for(self, texts: Sequence[str],
                    encode: Callable[[list[str]], Vectors]) -> Vectors:
        """The vectors of ``texts`` in order: stored ones where this table holds
        the text, the rest embedded with ``encode`` in one call."""
        if tuple(texts) == self.texts:
            return self.vectors
        row = {t: i for i, t in enumerate(self.texts)}
        missing = list(dict.fromkeys(t for t in texts if t not in row))
        fresh = dict(zip(missing, encode(missing), strict=True)) if missing else {}
        dim = self.vectors.shape[1]
        out = np.empty((len(texts), dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = self.vectors[row[t]] if t in row else fresh[t]
        return out


def tables_to_bytes(tables: Mapping[str, VectorTable]) -> bytes:
    """``tables`` as one ``.npz`` file's bytes (no pickles)."""
    arrays: dict[str, npt.NDArray[np.generic]] = {"names": utf8_array(list(tables))}
    for i, table in enumerate(tables.values()):
        arrays[f"texts_{i}"] = utf8_array(table.texts)
        arrays[f"vectors_{i}"] = np.ascontiguousarray(table.vectors, dtype=np.float32)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def tables_from_bytes(data: bytes) -> dict[str, VectorTable]:
    """Read :func:`tables_to_bytes`; ValueError if the bytes are not such a file."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            names = strings_of(npz["names"])
            return {name: VectorTable(strings_of(npz[f"texts_{i}"]),
                                      npz[f"vectors_{i}"].astype(np.float32))
                    for i, name in enumerate(names)}
    except (OSError, KeyError, EOFError, ValueError, TypeError, AttributeError,
            zipfile.BadZipFile) as exc:
        raise ValueError(f"not a file of embedded texts ({exc})") from None


def utf8_array(strings: Sequence[str]) -> npt.NDArray[np.uint8]:
    """Strings as the bytes of a UTF-8 JSON list: numpy's fixed-width strings
    would pad every text to the longest one, four bytes a character."""
    return np.frombuffer(json.dumps(list(strings), ensure_ascii=False).encode(), dtype=np.uint8)


def strings_of(data: npt.NDArray[np.uint8]) -> tuple[str, ...]:
    """Read :func:`utf8_array`; ValueError unless it holds a list of strings."""
    value = json.loads(data.tobytes().decode())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("text is not a list of strings")
    return tuple(value)
