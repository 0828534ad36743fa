"""The on-disk index: FAISS vectors, the passages, and a manifest that vouches for them.

Layout of ``index/``::

    manifest.json                 format, corpus hash, model id, dim, count, files + sha256
    passages.<build>.jsonl        one Passage per line, in vector order
    vectors.<build>.faiss         the FAISS index (flat or HNSW, inner product)
    memory.<build>.npz            optional: the question memory (memory.py), with the
                                  hash of the question bank it was learnt from
    tables.<build>.npz            optional: texts embedded at build time (tables.py),
                                  so a start reads them instead of running the model
    lexicon.<build>.json          optional: what the engine read of the passages' words
                                  at build time (roleqa.engine.lexicon), as JSON

A build writes the data files under new names first and replaces
``manifest.json`` last with one atomic rename. Until that rename the old
manifest still names the old, untouched files, so a build killed at any moment
leaves the previous index loadable. Loading checks every file against the
manifest's checksums, so a truncated or edited file is reported, not half-read.
A build with a memory stages the data files first (:func:`stage_index`),
learns the memory (and embeds the engine's tables) from the staged passages,
and only then writes the manifest naming all of them (:func:`commit_index`).
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import re
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ..errors import (
    REBUILD_HINT,
    IndexCorruptError,
)
from ..text import content_words
from ..types import Guide, Passage
from .embed import Embedder, file_sha256
from .files import atomic_write, write_error
from .front_matter import role_of
from .manifest import FORMAT_VERSION, MANIFEST, OPTIONAL_FILES, Manifest, read_manifest
from .memory import QuestionMemory
from .tables import VectorTable, tables_from_bytes, tables_to_bytes

__all__ = ["HNSW_THRESHOLD", "LoadedIndex", "build_index", "commit_index", "load_index",
           "stage_index"]

#: Above this many passages an approximate HNSW index replaces exact search;
#: see benchmarks/RESULTS.md for the measurements behind the number.
HNSW_THRESHOLD = 30_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200  # 80 gave recall@5 0.88-0.97 at 100k real vectors; 200 gives 0.95-0.99
HNSW_EF_SEARCH = 512  # recall@5 0.99 at 1.5 ms on 100k real vectors


@dataclass(frozen=True)
class LoadedIndex:
    """A verified index in memory."""

    manifest: Manifest
    passages: list[Passage]
    vectors: Any  # faiss.Index
    memory: QuestionMemory | None = None
    #: texts the engine compares questions with, embedded at build (tables.py)
    tables: Mapping[str, VectorTable] = field(default_factory=dict)
    #: what the engine read of the passages' words at build (opaque JSON here)
    lexicon: Mapping[str, Any] = field(default_factory=dict)

    @functools.cached_property
    def guides(self) -> list[Guide]:
        """The guides of the index, from its manifest (or, for an index built
        before guides were recorded, from its passages)."""
        if self.manifest.guides:
            try:
                return [Guide.from_dict(g) for g in self.manifest.guides]
            except (KeyError, TypeError, ValueError):
                raise IndexCorruptError(f"The index manifest names its guides wrongly. "
                                        f"{REBUILD_HINT}") from None
        seen = dict.fromkeys((p.doc, p.doc_title) for p in self.passages)
        return [Guide(slug=d, title=t, role=role_of(t, d)) for d, t in seen]

    @functools.cached_property
    def doc_codes(self) -> np.ndarray:
        """For each passage, the position of its guide in :attr:`guides`."""
        order = {g.slug: i for i, g in enumerate(self.guides)}
        return np.array([order.get(p.doc, -1) for p in self.passages], dtype=np.int32)

    @functools.cached_property
    def matrix(self) -> np.ndarray:
        """Every passage vector as one array (read back from FAISS once, when a
        search is first confined to some guides)."""
        return np.asarray(self.vectors.reconstruct_n(0, len(self.passages)), dtype=np.float32)

    @functools.cached_property
    def _masks(self) -> dict[frozenset[str], np.ndarray]:
        return {}

    def rows_of(self, docs: Collection[str]) -> np.ndarray:
        """A mask of the passages of the guides ``docs`` (read-only: it is kept,
        as a scoped question asks for it when searching and again when judged)."""
        key = frozenset(docs)
        mask = self._masks.get(key)
        if mask is None:
            wanted = [i for i, g in enumerate(self.guides) if g.slug in key]
            mask = np.isin(self.doc_codes, wanted)
            mask.flags.writeable = False
            if len(self._masks) >= 1024:  # scopes are few; a bound all the same
                self._masks.clear()
            self._masks[key] = mask
        return mask

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` (scores, positions) for each row of ``query``."""
        k = min(k, len(self.passages))
        scores, ids = self.vectors.search(np.ascontiguousarray(query, dtype=np.float32), k)
        return scores, ids


#: What the usual back-matter headings of a guide are about, in the words a
#: reader asks with ("Who wrote this?" has no word in common with "Author(s)").
_SECTION_GLOSS = (
    (re.compile(r"^author", re.I), "who wrote this guide"),
    (re.compile(r"^acknowledg", re.I), "credits and thanks for this guide"),
    (re.compile(r"^(conclusion|summary)", re.I), "summary and purpose of this guide"),
    (re.compile(r"^(foot|end)note", re.I), "a note in this guide"),
    (re.compile(r"\(introduction\)$", re.I), "overview of this guide"),
)


def embedding_text(passage: Passage) -> str:
    """The text a passage is embedded and BM25-indexed as: its section, then its words.

    The heading carries the topic that a list item alone often leaves implicit
    (an item under "tools" may not say "tool"). Measured on the dev split, the
    heading adds about 0.17 hit@1 over the bare text. The guide's title leads
    where the headings do not already hold its words ("Tools" of a florist's
    guide): else the role's words in a question pull every answer to the one
    paragraph that spells the role out. On guides written blind with such
    headings (eval/blind), hit@1 0.486 → 0.629 and fact recall 0.519 → 0.703
    with the title alone; the catalogue, whose headings name the role, 0.921 →
    0.915.

    A list passage is read as its lead-in alone: what the lead-in says is what
    the list is about, while its lines' words would pull questions on any one
    line to the whole list (dev, lines up to 20 words: the shipped guide served
    unseen hit@1 0.836 with the lines, 0.849 without).
    """
    section = passage.section
    for pattern, gloss in _SECTION_GLOSS:
        if pattern.search(section):
            section = f"{section} ({gloss})"
            break
    if _lacks_title(passage):
        section = f"{passage.doc_title} › {section}"
    return f"{section}: {passage.quote}"


def _lacks_title(passage: Passage) -> bool:
    """Whether a passage under a heading has headings without the words of
    its guide's title (the opening, under none, has the title as its section)."""
    return bool(passage.heading_path) and not set(content_words(passage.doc_title)) <= set(
        content_words(" ".join(passage.heading_path)))


def _make_faiss(vectors: np.ndarray, index_type: str) -> Any:
    dim = vectors.shape[1]
    index: Any
    if index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index


def _write_bytes(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def _write_faiss(index: Any, path: Path) -> None:
    try:
        faiss.write_index(index, str(path))
    except RuntimeError as exc:  # FAISS reports a full disk or I/O failure this way
        raise OSError(errno.EIO, f"FAISS could not write {path.name} ({exc})") from None


def stage_index(
    passages: Sequence[Passage],
    embedder: Embedder,
    index_dir: Path,
    corpus_hash: str,
    index_type: str = "auto",
    guides: Sequence[Guide] = (),
) -> LoadedIndex:
    """Embed ``passages`` and write their data files to ``index_dir``, but not the
    manifest that would make them the index: until :func:`commit_index`, the
    current index serves unchanged. The staged index can be searched in memory."""
    if index_type not in ("auto", "flat", "hnsw"):
        raise ValueError(f"index_type must be auto, flat or hnsw, not {index_type!r}")
    if not passages:
        raise ValueError("cannot build an index of no passages")
    if index_type == "auto":
        index_type = "hnsw" if len(passages) > HNSW_THRESHOLD else "flat"
    vectors = embedder.encode([embedding_text(p) for p in passages])
    faiss_index = _make_faiss(vectors, index_type)
    # Data files are named by a hash of their content: a rebuild that changes
    # anything writes new names and never touches the files the current
    # manifest vouches for; one that changes nothing rewrites identical bytes.
    lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in passages)
    content = hashlib.sha256(lines.encode())
    content.update(index_type.encode() + np.ascontiguousarray(vectors).tobytes())
    tag = content.hexdigest()[:12]
    files = {"passages": f"passages.{tag}.jsonl", "vectors": f"vectors.{tag}.faiss"}
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(index_dir / files["passages"],
                      lambda tmp: tmp.write_text(lines, encoding="utf-8"))
        atomic_write(index_dir / files["vectors"], lambda tmp: _write_faiss(faiss_index, tmp))
    except OSError as exc:
        raise write_error(index_dir, exc) from None
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        corpus_hash=corpus_hash,
        model_id=embedder.model_id,
        dim=int(vectors.shape[1]),
        passage_count=len(passages),
        index_type=index_type,
        files=files,
        checksums={},
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        guides=[g.to_dict() for g in guides],
    )
    _prepare_search(faiss_index, index_type)
    return LoadedIndex(manifest=manifest, passages=list(passages), vectors=faiss_index)


def commit_index(index_dir: Path, staged: LoadedIndex, memory: QuestionMemory | None = None,
                 bank_hash: str = "", tables: Mapping[str, VectorTable] | None = None,
                 lexicon: Mapping[str, Any] | None = None) -> Manifest:
    """Make ``staged`` (with ``memory``, learnt from the bank with ``bank_hash``,
    the embedded ``tables`` and the engine's ``lexicon``) the index of
    ``index_dir``: write those files, then the manifest naming every file, with
    one atomic rename; then remove the files no longer named."""
    if memory is not None and memory.passage_ids != tuple(p.id for p in staged.passages):
        raise ValueError("the memory was made for other passages than the index holds")
    files = {k: v for k, v in staged.manifest.files.items() if k not in OPTIONAL_FILES}
    extras = {"memory": (memory.to_bytes() if memory is not None else None, "npz"),
              "tables": (tables_to_bytes(tables) if tables else None, "npz"),
              "lexicon": (json.dumps(lexicon, ensure_ascii=False, sort_keys=True).encode()
                          if lexicon else None, "json")}
    try:
        for kind, (data, suffix) in extras.items():
            if data is not None:
                files[kind] = f"{kind}.{hashlib.sha256(data).hexdigest()[:12]}.{suffix}"
                atomic_write(index_dir / files[kind], functools.partial(_write_bytes, data))
        checksums = {name: file_sha256(index_dir / name) for name in files.values()}
        manifest = replace(staged.manifest, files=files, bank_hash=bank_hash if memory else "",
                           checksums=checksums)
        text = json.dumps(manifest.to_dict(), indent=2, sort_keys=True) + "\n"
        atomic_write(index_dir / MANIFEST, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise write_error(index_dir, exc) from None
    _remove_unreferenced(index_dir, set(files.values()))
    return manifest


def build_index(
    passages: Sequence[Passage],
    embedder: Embedder,
    index_dir: Path,
    corpus_hash: str,
    index_type: str = "auto",
) -> Manifest:
    """Embed ``passages`` and write a complete index (without a memory) atomically."""
    return commit_index(index_dir, stage_index(passages, embedder, index_dir, corpus_hash,
                                               index_type))


def _remove_unreferenced(index_dir: Path, keep: set[str]) -> None:
    for path in index_dir.iterdir():
        data = path.name.startswith(("passages.", "vectors.", *(f"{k}." for k in OPTIONAL_FILES)))
        stale_data = data and path.name not in keep
        if stale_data or path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)


def load_index(index_dir: Path) -> LoadedIndex:
    """Read and verify the index in ``index_dir``."""
    manifest = read_manifest(index_dir)
    corrupt = f"The index in {str(index_dir)!r} is damaged"
    for name in manifest.files.values():
        path = index_dir / name
        if not path.is_file():
            raise IndexCorruptError(f"{corrupt}: {name} is missing. {REBUILD_HINT}")
        if file_sha256(path) != manifest.checksums.get(name):
            raise IndexCorruptError(
                f"{corrupt}: {name} does not match its checksum (truncated or edited). "
                f"{REBUILD_HINT}"
            )
    try:
        with (index_dir / manifest.files["passages"]).open(encoding="utf-8") as fh:
            passages = [Passage.from_dict(json.loads(line)) for line in fh if line.strip()]
        vectors = faiss.read_index(str(index_dir / manifest.files["vectors"]))
        memory = (QuestionMemory.from_bytes((index_dir / manifest.files["memory"]).read_bytes())
                  if "memory" in manifest.files else None)
        tables = (tables_from_bytes((index_dir / manifest.files["tables"]).read_bytes())
                  if "tables" in manifest.files else {})
        lexicon = (json.loads((index_dir / manifest.files["lexicon"]).read_text("utf-8"))
                   if "lexicon" in manifest.files else {})
        if not isinstance(lexicon, dict):
            raise ValueError("the lexicon is not a JSON object")
    except (ValueError, KeyError, TypeError, RuntimeError, UnicodeDecodeError):
        raise IndexCorruptError(f"{corrupt}: a file does not parse. {REBUILD_HINT}") from None
    if len(passages) != manifest.passage_count or vectors.ntotal != manifest.passage_count:
        raise IndexCorruptError(
            f"{corrupt}: it holds {len(passages)} passages and {vectors.ntotal} vectors, "
            f"the manifest says {manifest.passage_count}. {REBUILD_HINT}"
        )
    if vectors.d != manifest.dim:
        raise IndexCorruptError(f"{corrupt}: vectors have dim {vectors.d}. {REBUILD_HINT}")
    if memory is not None and (memory.passage_ids != tuple(p.id for p in passages)
                               or memory.vectors.shape[1] != manifest.dim):
        raise IndexCorruptError(f"{corrupt}: the question memory is for other passages. "
                                f"{REBUILD_HINT}")
    if any(t.vectors.shape[1] != manifest.dim for t in tables.values()):
        raise IndexCorruptError(f"{corrupt}: its embedded texts have another dim. "
                                f"{REBUILD_HINT}")
    _prepare_search(vectors, manifest.index_type)
    return LoadedIndex(manifest=manifest, passages=passages, vectors=vectors, memory=memory,
                       tables=tables, lexicon=lexicon)


def _prepare_search(vectors: Any, index_type: str) -> None:
    # One query at a time gains nothing from OpenMP threads and loses much when
    # they fight torch for two cores: 6 ms instead of 40 ms for a flat search of
    # 100k passages (benchmarks/RESULTS.md).
    faiss.omp_set_num_threads(1)
    if index_type == "hnsw":
        hnsw: Any = faiss.downcast_index(vectors)
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
