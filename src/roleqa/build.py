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
from .index import Manifest, build_index, check_fresh, load_index

__all__ = ["IndexStatus", "build", "index_status"]


@dataclass(frozen=True)
class IndexStatus:
    """Whether the index can serve as it is, and if not, why."""

    fresh: bool
    reason: str
    manifest: Manifest | None = None


def index_status(settings: Settings, embedder: Embedder | None = None) -> IndexStatus:
    """Check the index against the corpus and model without loading the model."""
    embedder = embedder or SentenceTransformerEmbedder(settings.model)
    try:
        loaded = load_index(settings.index_dir)
        check_fresh(loaded.manifest, corpus_hash(settings.corpus_dir), embedder.model_id)
    except IndexMissingError as exc:
        return IndexStatus(False, str(exc))
    except IndexError_ as exc:
        return IndexStatus(False, str(exc))
    m = loaded.manifest
    return IndexStatus(True, f"The index is fresh: {m.passage_count} passages, "
                             f"model {m.model_id}, built {m.built_at}.", m)


def build(settings: Settings, embedder: Embedder | None = None,
          index_type: str = "auto") -> Manifest:
    """Parse the corpus, embed it and write the index atomically."""
    embedder = embedder or SentenceTransformerEmbedder(settings.model)
    passages = load_corpus(settings.corpus_dir)
    return build_index(passages, embedder, settings.index_dir,
                       corpus_hash(settings.corpus_dir), index_type=index_type)
