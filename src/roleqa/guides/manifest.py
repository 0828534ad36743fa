"""The index manifest: what an index was built from, and the files that make it up.

``manifest.json`` is written last by a build (roleqa.guides.index) and read
first by a load: it names the data files with their checksums, the corpus and
question bank hashes and the model, so a stale or foreign index is reported
(:func:`check_fresh`) instead of answering from the wrong text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import REBUILD_HINT, IndexCorruptError, IndexMissingError, IndexStaleError

__all__ = ["FORMAT_VERSION", "MANIFEST", "OPTIONAL_FILES", "Manifest", "check_fresh",
           "read_manifest"]

FORMAT_VERSION = 3  # 2: passages embedded with their (glossed) section; 3: led by the title
MANIFEST = "manifest.json"
#: data files an index may have besides its passages and vectors
OPTIONAL_FILES = frozenset({"memory", "tables", "lexicon"})


@dataclass(frozen=True)
class Manifest:
    """What an index was built from, and the files that make it up."""

    format_version: int
    corpus_hash: str
    model_id: str
    dim: int
    passage_count: int
    index_type: str
    files: dict[str, str]
    checksums: dict[str, str]
    built_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: hash of the question bank the memory was learnt from ("" for no memory)
    bank_hash: str = ""
    #: the guides the passages come from (Guide.to_dict), in corpus order
    guides: list[dict[str, Any]] = field(default_factory=list)
    #: sha256 of the tuning file the index was built to serve with ("" for none)
    tuning_hash: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)



def read_manifest(index_dir: Path) -> Manifest:
    """The manifest of ``index_dir``; a clear error if missing or unreadable."""
    path = index_dir / MANIFEST
    if not path.is_file():
        raise IndexMissingError(f"No index in {str(index_dir)!r}. {REBUILD_HINT}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**data)
        _check_types(manifest)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise IndexCorruptError(
            f"The index manifest {str(path)!r} is not valid. {REBUILD_HINT}"
        ) from None
    if manifest.format_version != FORMAT_VERSION:
        raise IndexStaleError(
            f"The index in {str(index_dir)!r} has format {manifest.format_version}, "
            f"this roleqa reads format {FORMAT_VERSION}. {REBUILD_HINT}"
        )
    return manifest


def _check_types(m: Manifest) -> None:
    """Raise TypeError unless every manifest field has the type it must have."""
    ints = (m.format_version, m.dim, m.passage_count)
    strs = (m.corpus_hash, m.model_id, m.index_type, m.bank_hash, m.tuning_hash)
    maps = (m.files, m.checksums)
    if not (all(isinstance(v, int) for v in ints) and all(isinstance(v, str) for v in strs)
            and all(isinstance(v, dict) for v in maps)
            and all(isinstance(v, str) for d in maps for v in [*d.keys(), *d.values()])
            and set(m.files) - OPTIONAL_FILES == {"passages", "vectors"}
            and isinstance(m.guides, list) and all(isinstance(g, dict) for g in m.guides)):
        raise TypeError("manifest fields have the wrong types")


def check_fresh(manifest: Manifest, corpus_hash: str, model_id: str,
                bank_hash: str | None = None) -> None:
    """Raise :class:`IndexStaleError` if the index was built from another corpus or
    model, or (when ``bank_hash`` is given) its memory from another question bank."""
    reasons = []
    if manifest.corpus_hash != corpus_hash:
        reasons.append("the corpus changed since it was built")
    if manifest.model_id != model_id:
        reasons.append(f"it was built with model {manifest.model_id!r}, not {model_id!r}")
    if bank_hash is not None and manifest.bank_hash != bank_hash:
        reasons.append("the question bank changed since its memory was learnt"
                       if manifest.bank_hash else "it has no memory of the question bank")
    if reasons:
        raise IndexStaleError(f"The index is stale: {'; '.join(reasons)}. {REBUILD_HINT}")
