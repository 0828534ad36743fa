"""The fitted knobs, as data: a versioned JSON file that ``roleqa eval --tune --write`` writes.

Nothing fitted lives in code: the reranker's weights, the decline policies and
the few scalars come from ``eval/tuning.json`` (``ROLEQA_TUNING``), fitted on
the dev split of the question bank. The file records the hash of the dev lines
it was fitted on and the dev figures it gave, so a stale fitting is visible.
Without a file the assistant runs on neutral settings: the fused ranking, no
reranker, the policy's defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ..guides.files import atomic_write
from ..guides.memory import bank_hash
from .policy import DeclinePolicy
from .reranker import FEATURES

__all__ = ["TUNING_VERSION", "Tuning", "load_tuning", "tuning_status", "write_tuning"]

#: Bump when the meaning of a field changes: an older file is then refused.
TUNING_VERSION = 1


@dataclass(frozen=True)
class Tuning:
    """The knobs tuned on the dev split of the evaluation set (``roleqa eval --tune``).

    The reranker and the decline policy come in two fittings: one for questions
    about a guide the question memory speaks for, and one, fitted with the
    memory switched off, for a guide added without labelled questions.
    """

    lexical_weight: float = 0.15
    #: the memory feature of a passage no remembered question names is its
    #: cosine plus this (the mean gap between the two on the dev split)
    memory_offset: float = 0.0
    #: the memory speaks for a guide once it remembers this many answered
    #: questions of it (see Assistant._spoken_for)
    memory_min: int = 1
    #: a focus word only other guides use is one the asked-about guide lacks,
    #: unless one of its own words has at least this cosine with it
    foreign_match: float = 0.7
    #: a follow-up on a guide no memory speaks for is searched with its vector
    #: plus this share of its focus's (see pipeline.retrieve); chosen on dev
    follow_up_focus: float = 0.5
    #: weights of the reranker's features (see rerank.FEATURES); None ranks by
    #: the fused score alone
    rerank: tuple[float, ...] | None = None
    policy: DeclinePolicy = field(default_factory=DeclinePolicy)
    #: the same two, fitted on the dev split with the memory switched off
    rerank_unbanked: tuple[float, ...] | None = None
    policy_unbanked: DeclinePolicy = field(default_factory=DeclinePolicy)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tuning:
        """Read :meth:`to_dict`; ValueError or TypeError naming a bad field."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown tuning field(s): {', '.join(sorted(unknown))}")
        values: dict[str, Any] = dict(data)
        for name in ("rerank", "rerank_unbanked"):
            if values.get(name) is not None:
                values[name] = tuple(float(w) for w in values[name])
        for name in ("policy", "policy_unbanked"):
            if name in values:
                values[name] = DeclinePolicy(**values[name])
        if "memory_min" in values and not isinstance(values["memory_min"], int):
            raise TypeError(f"memory_min must be a whole number, not {values['memory_min']!r}")
        for name in ("lexical_weight", "memory_offset", "foreign_match", "follow_up_focus"):
            if name in values and not isinstance(values[name], int | float):
                raise TypeError(f"{name} must be a number, not {values[name]!r}")
        return cls(**values)


def load_tuning(path: Path) -> tuple[Tuning, dict[str, Any]]:
    """The tuning in ``path`` and what the file says of its fitting (dev hash,
    dev figures); neutral settings and ``{}`` when there is no such file.
    Reranker weights fitted for other features are left out (the fused ranking
    serves, and :func:`tuning_status` says to fit again), so that a new
    feature can be fitted from the file the code before it wrote."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Tuning(), {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"The tuning file {str(path)!r} cannot be read ({exc}). "
                          "Run `roleqa eval --tune --write` to make it again.") from None
    try:
        if data.get("version") != TUNING_VERSION:
            raise ValueError(f"version {data.get('version')!r}, this roleqa reads "
                             f"{TUNING_VERSION}")
        tuning, fitted = Tuning.from_dict(data["tuning"]), dict(data.get("fitted", {}))
        if fitted.get("features", list(FEATURES)) != list(FEATURES):
            tuning = replace(tuning, rerank=None, rerank_unbanked=None)
        return tuning, fitted
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"The tuning file {str(path)!r} is not valid: {exc}. "
                          "Run `roleqa eval --tune --write` to make it again.") from None


def write_tuning(path: Path, tuning: Tuning, fitted: dict[str, Any]) -> None:
    """Write ``tuning`` with what its fitting was (``fitted``: dev hash, figures)."""
    text = json.dumps({"version": TUNING_VERSION, "tuning": tuning.to_dict(),
                       "fitted": fitted}, indent=2, sort_keys=True) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


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
