"""Building the index from the corpus, and telling whether the built one is stale.

Kept apart from ``index.py`` (the file format) so the faces can ask "is the
index fresh?" and "rebuild it" without knowing how passages are made.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .corpus import corpus_hash, load_corpus
from .embed import Embedder, SentenceTransformerEmbedder
from .errors import IndexError_, IndexMissingError
from .index import LoadedIndex, Manifest, check_fresh, commit_index, load_index, stage_index
from .memory import bank_hash

__all__ = ["IndexStatus", "build", "embedder_for", "index_status", "stage"]


def embedder_for(settings: Settings) -> Embedder:
    """The embedder of ``settings.model`` (loaded lazily, on first use)."""
    return SentenceTransformerEmbedder(settings.model)


@dataclass(frozen=True)
class IndexStatus:
    """Whether the index can serve as it is, and if not, why."""

    fresh: bool
    reason: str
    manifest: Manifest | None = None


def index_status(settings: Settings, embedder: Embedder | None = None) -> IndexStatus:
    """Check the index against the corpus, the question bank and the model,
    without loading the model."""
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
    memory = f", {len(loaded.memory)} remembered questions" if loaded.memory else ""
    return IndexStatus(True, f"The index is fresh: {m.passage_count} passages{memory}, "
                             f"model {m.model_id}, built {m.built_at}.", m)


def stage(settings: Settings, embedder: Embedder, index_type: str = "auto") -> LoadedIndex:
    """Parse the corpus, embed it and write its data files, not yet the manifest
    (see ``index.stage_index``)."""
    return stage_index(load_corpus(settings.corpus_dir), embedder, settings.index_dir,
                       corpus_hash(settings.corpus_dir), index_type)


def build(settings: Settings, embedder: Embedder | None = None,
          index_type: str = "auto") -> Manifest:
    """Parse the corpus, embed it and write the index atomically (without a
    memory: ``roleqa.learn.build_all`` adds one)."""
    staged = stage(settings, embedder or embedder_for(settings), index_type)
    return commit_index(settings.index_dir, staged)
