"""Building the index from the corpus, and telling whether the built one is stale.

Kept apart from ``index.py`` (the file format) so the faces can ask "is the
index fresh?" and "rebuild it" without knowing how passages are made.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .corpus import corpus_hash, load_guides
from .embed import Embedder, SentenceTransformerEmbedder
from .errors import IndexError_, IndexMissingError
from .index import LoadedIndex, Manifest, check_fresh, commit_index, load_index, stage_index
from .memory import bank_hash
from .rerank import FEATURES
from .tuning import load_tuning

__all__ = ["IndexStatus", "build", "embedder_for", "index_status", "stage", "tuning_status"]


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


def tuning_status(settings: Settings) -> str | None:
    """Why the tuning file should be fitted again, or None while it matches the
    question bank's dev split and this code's reranker features."""
    tuning_file = settings.tuning
    if not tuning_file.is_file():
        return (f"No tuning file at {str(tuning_file)!r}: the assistant runs untuned. "
                "Run `roleqa eval --tune --write`.")
    _, fitted = load_tuning(tuning_file)
    dev = bank_hash(settings.question_bank)
    if dev is not None and fitted.get("dev_hash") != dev:
        return (f"The tuning in {str(tuning_file)!r} was fitted on another dev split of "
                f"{str(settings.question_bank)!r}. Run `roleqa eval --tune --write`.")
    if fitted.get("features") != list(FEATURES):
        return (f"The tuning in {str(tuning_file)!r} was fitted for other reranker features. "
                "Run `roleqa eval --tune --write`.")
    return None


def stage(settings: Settings, embedder: Embedder, index_type: str = "auto") -> LoadedIndex:
    """Parse the corpus, embed it and write its data files, not yet the manifest
    (see ``index.stage_index``)."""
    guides, passages = load_guides(settings.corpus_dir)
    return stage_index(passages, embedder, settings.index_dir,
                       corpus_hash(settings.corpus_dir), index_type, guides)


def build(settings: Settings, embedder: Embedder | None = None,
          index_type: str = "auto") -> Manifest:
    """Parse the corpus, embed it and write the index atomically (without a
    memory: ``roleqa.learn.build_all`` adds one)."""
    staged = stage(settings, embedder or embedder_for(settings), index_type)
    return commit_index(settings.index_dir, staged)
