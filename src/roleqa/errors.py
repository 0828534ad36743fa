"""The one exception tree of roleqa.

Every error a user can cause or meet derives from :class:`RoleqaError`, and its
message says what went wrong and how to fix it, so faces (CLI, UI, API) can show
``str(error)`` as it is and never a traceback::

    RoleqaError
    ├── ConfigError            a setting has a bad value
    ├── CorpusError            a guide file is missing, empty or unreadable
    ├── ModelError             the embedding model cannot be loaded
    ├── IndexError_            the index cannot be used
    │   ├── IndexMissingError  no index has been built yet
    │   ├── IndexCorruptError  files are truncated, altered or unreadable
    │   ├── IndexStaleError    the corpus or the model changed since the build
    │   └── IndexWriteError    the index folder is read-only or full
    └── QuestionError          the question is empty, too long or unreadable
        └── UnknownGuideError  a scope names a guide the index does not hold
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CorpusError",
    "IndexCorruptError",
    "IndexError_",
    "IndexMissingError",
    "IndexStaleError",
    "IndexWriteError",
    "ModelError",
    "QuestionError",
    "RoleqaError",
    "UnknownGuideError",
]

REBUILD_HINT = "Run `roleqa index` to build it."


class RoleqaError(Exception):
    """Base of every error roleqa raises on purpose."""


class ConfigError(RoleqaError):
    """A setting (flag or ROLEQA_* variable) has a value roleqa cannot use."""


class CorpusError(RoleqaError):
    """A guide in the corpus folder is missing, empty, or not readable Markdown."""


class ModelError(RoleqaError):
    """The sentence-transformers model could not be loaded from its local path."""


class IndexError_(RoleqaError):  # trailing underscore: IndexError is a builtin
    """The index folder cannot be used as it is."""


class IndexMissingError(IndexError_):
    """No index has been built in the folder yet."""


class IndexCorruptError(IndexError_):
    """An index file is truncated, altered, or does not parse."""


class IndexStaleError(IndexError_):
    """The index was built from another corpus or another model."""


class IndexWriteError(IndexError_):
    """The index could not be written (read-only folder, disk full)."""


class QuestionError(RoleqaError):
    """The question cannot be answered as given (empty, too long, ...)."""


class UnknownGuideError(QuestionError):
    """A scope names a guide the index does not hold; the message lists the known ones."""
