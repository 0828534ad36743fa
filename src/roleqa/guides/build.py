"""Building the index from the corpus, and telling whether the built one is stale.

Kept apart from ``index.py`` (the file format) so the faces can ask "is the
index fresh?" and "rebuild it" without knowing how passages are made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import REBUILD_HINT, ConfigError, IndexError_, IndexMissingError, ModelError
from .corpus import corpus_hash, load_guides
from .embed import (
    Embedder,
    SentenceTransformerEmbedder,
    file_sha256,
    model_id_of,
    resolve_model_path,
)
from .export import ExportInfo, check_texts, export_dir, export_key, make_export, read_export
from .index import LoadedIndex, commit_index, embedding_text, load_index, stage_index
from .manifest import Manifest, check_fresh
from .memory import bank_hash

__all__ = ["IndexStatus", "build", "embedder_for", "ensure_export", "export_problem",
           "index_status", "stage", "tuning_hash"]


def embedder_for(settings: Settings) -> Embedder:
    """The embedder of ``settings.model`` (loaded lazily, on first use)."""
    return SentenceTransformerEmbedder(settings.model)


@dataclass(frozen=True)
class IndexStatus:
    """Whether the index can serve as it is, and if not, why."""

    fresh: bool
    reason: str
    manifest: Manifest | None = None
    #: the index itself is fresh and only the ONNX export is missing, stale or damaged
    export_only: bool = False


def export_problem(settings: Settings, manifest: Manifest | None = None) -> str | None:
    """Why the ONNX encoder cannot serve the index of ``manifest`` (a one-line
    message), or None if it can: the index must expect this roleqa's export of
    the model, and the export must be in the cache, whole and checked.

    Nothing to check for ``ROLEQA_ENCODER=torch``. Reads files only: no model is loaded.
    """
    if settings.encoder != "onnx":
        return None
    try:
        path = resolve_model_path(settings.model)
        model_id = model_id_of(settings.model, path)
        # check_fresh vouches that the index's model is this one (or a test's fake)
        stale = _stale_expectation(manifest, manifest.model_id if manifest else model_id)
        if stale:
            return stale
        read_export(export_dir(settings.cache_dir, path), model_id)
    except ModelError as exc:
        return str(exc)
    return None


def _stale_expectation(manifest: Manifest | None, model_id: str) -> str | None:
    wanted = (manifest.extra if manifest else {}).get("onnx_export")
    if wanted is not None and wanted != export_key(model_id):
        return (f"The index is stale: it expects the ONNX export {wanted!r}, this roleqa "
                f"makes {export_key(model_id)!r}. Run `roleqa index` to rebuild it.")
    return None


def ensure_export(settings: Settings, reference: Embedder | None = None,
                  force: bool = False) -> ExportInfo | None:
    """Make the ONNX export of ``settings.model`` unless a good one exists (or
    ``force``); checked against ``reference`` (sentence-transformers). None when
    the settings serve with torch."""
    if settings.encoder != "onnx":
        return None
    path = resolve_model_path(settings.model)
    folder = export_dir(settings.cache_dir, path)
    if not force:
        try:
            return read_export(folder, model_id_of(settings.model, path))
        except ModelError:
            pass  # missing, stale or damaged: made again below
    reference = reference or embedder_for(settings)
    if not isinstance(reference, SentenceTransformerEmbedder):
        raise ModelError("The ONNX export is checked against sentence-transformers only.")
    passages = ([embedding_text(p) for p in load_guides(settings.corpus_dir)[1]]
                if settings.corpus_dir.is_dir() else [])
    return make_export(reference, settings.model, folder,
                       check_texts(settings.question_bank, passages))


def tuning_hash(path: Path) -> str:
    """The hash an index manifest records of the tuning file at ``path`` ("" when
    there is none): an index vouches for the fitted knobs it serves with."""
    try:
        return file_sha256(path)
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise ConfigError(f"Cannot read the tuning file {str(path)!r}: {exc.strerror}") from None


def index_status(settings: Settings, embedder: Embedder | None = None) -> IndexStatus:
    """Check the index against the corpus, the question bank and the model (and,
    for the real model served by ONNX, its export), without loading the model."""
    real = embedder is None
    embedder = embedder or embedder_for(settings)
    try:
        loaded = load_index(settings.index_dir)
        check_fresh(loaded.manifest, corpus_hash(settings.corpus_dir), embedder.model_id,
                    bank_hash(settings.question_bank))
    except IndexMissingError as exc:
        return IndexStatus(False, str(exc))
    except IndexError_ as exc:
        return IndexStatus(False, str(exc))
    m = loaded.manifest
    if m.tuning_hash != tuning_hash(settings.tuning):
        return IndexStatus(False, f"The index is stale: the tuning file "
                                  f"{str(settings.tuning)!r} changed since it was built. "
                                  f"{REBUILD_HINT}", m)
    problem = export_problem(settings, m) if real else None
    if problem is not None:
        stale = _stale_expectation(m, m.model_id) is not None
        return IndexStatus(False, problem, m, export_only=not stale)
    memory = f", {len(loaded.memory)} remembered questions" if loaded.memory else ""
    return IndexStatus(True, f"The index is fresh: {m.passage_count} passages{memory}, "
                             f"model {m.model_id}, built {m.built_at}.", m)


def stage(settings: Settings, embedder: Embedder, index_type: str = "auto") -> LoadedIndex:
    """Parse the corpus, embed it and write its data files, not yet the manifest
    (see ``index.stage_index``)."""
    guides, passages = load_guides(settings.corpus_dir)
    staged = stage_index(passages, embedder, settings.index_dir,
                         corpus_hash(settings.corpus_dir), index_type, guides)
    # What serving expects: the query encoder, and which ONNX export of the model.
    extra = {"encoder": settings.encoder, "onnx_export": export_key(embedder.model_id)}
    return replace(staged, manifest=replace(staged.manifest, extra=extra,
                                            tuning_hash=tuning_hash(settings.tuning)))


def build(settings: Settings, embedder: Embedder | None = None,
          index_type: str = "auto") -> Manifest:
    """Parse the corpus, embed it and write the index atomically (without a
    memory: ``roleqa.quality.learn.build_all`` adds one)."""
    staged = stage(settings, embedder or embedder_for(settings), index_type)
    return commit_index(settings.index_dir, staged)
