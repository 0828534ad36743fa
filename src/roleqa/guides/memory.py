"""The question memory: labelled questions asked before, and what answered them.

A guide's maintainer knows how visitors ask: the dev split of the evaluation
set holds several hundred questions, each labelled with the passages that
answer it or marked out of scope. The memory keeps each one as the vector of
the query it was searched with, so a new question can ask "which passages
answered the questions most like me?" and "is it most like a question the
guide does not cover?". It is the retrieval counterpart of a FAQ: an asked
question is compared with asked questions, which share its phrasing far more
than a passage does ("Which roles pair well with ...?" is close to "Who do
they work well with?", not to "They combine well with florists").

Only dev questions enter the memory; the test split stays unseen. Evaluation
runs with :meth:`QuestionMemory.holding_out`, so a dev question is never
answered from its own entry (matched by :func:`question_key`: the question and
history as asked, whatever settings shape the query built from them).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError
from .tables import strings_of, utf8_array

__all__ = ["QuestionMemory", "Recall", "bank_hash", "question_key"]

Vectors = npt.NDArray[np.float32]
Array = npt.NDArray[np.float64]

#: A similarity no real entry reaches: "nothing remembered".
NONE = -1.0


def question_key(question: str, history: Sequence[str] = ()) -> str:
    """What identifies an asked question for leave-one-out: its words and history.

    Items of the history that are not text are left out, as :meth:`Assistant.ask`
    ignores them.
    """
    return json.dumps([question, [h for h in history if isinstance(h, str)]],
                      ensure_ascii=False)


@dataclass(frozen=True)
class Recall:
    """What the memory holds about one question."""

    #: best similarity of a remembered question that each passage answered
    #: (passage id → cosine); passages no remembered question names are absent
    passages: dict[str, float]
    #: best similarity of a remembered question the guides answer, and of one
    #: marked out of scope (:data:`NONE` when there is none)
    answerable: float = NONE
    out_of_scope: float = NONE

    def get(self, passage_id: str, default: float) -> float:
        return self.passages.get(passage_id, default)


@dataclass(frozen=True, eq=False)
class QuestionMemory:
    """Remembered questions: their query vectors and the passages that answered them.

    ``texts[i]`` is the query text entry ``i`` was searched as, ``keys[i]`` its
    :func:`question_key` (what leave-one-out compares); ``answers[i]`` lists the
    positions (in ``passage_ids``) of the passages that answer it, and an empty
    tuple marks an out-of-scope question. ``guides[i]`` names the guides an
    out-of-scope entry was asked of (empty: every guide the memory answers
    for); an answerable entry speaks for the guides of its passages.
    """

    vectors: Vectors
    texts: tuple[str, ...]
    keys: tuple[str, ...]
    answers: tuple[tuple[int, ...], ...]
    passage_ids: tuple[str, ...]
    holdout: bool = False
    guides: tuple[tuple[str, ...], ...] = ()
    #: paraphrase groups: entries of one group are held out together (default:
    #: each entry its own group)
    groups: tuple[str, ...] = ()
    _rows: npt.NDArray[np.int64] = field(init=False, repr=False)
    _cols: npt.NDArray[np.int64] = field(init=False, repr=False)
    _out: npt.NDArray[np.bool_] = field(init=False, repr=False)
    _named: tuple[int, ...] = field(init=False, repr=False)
    _about: tuple[frozenset[str], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.texts)
        if (self.vectors.ndim != 2 or self.vectors.shape[0] != n or len(self.answers) != n
                or len(self.keys) != n):
            raise ValueError(
                f"a question memory needs one vector, key and answer list per text: "
                f"{n} texts, vectors of shape {self.vectors.shape}, {len(self.keys)} keys, "
                f"{len(self.answers)} answers"
            )
        if any(not 0 <= c < len(self.passage_ids) for cols in self.answers for c in cols):
            raise ValueError("a question memory names a passage position out of range")
        # Flattened (entry, passage) pairs: one scatter-max finds each passage's
        # best entry, however many passages the index holds.
        rows = [i for i, cols in enumerate(self.answers) for _ in cols]
        object.__setattr__(self, "_rows", np.array(rows, dtype=np.int64))
        object.__setattr__(self, "_cols", np.array(
            [c for cols in self.answers for c in cols], dtype=np.int64))
        object.__setattr__(self, "_out", np.array([not c for c in self.answers], dtype=bool))
        object.__setattr__(self, "_named", tuple(sorted(set(self._cols.tolist()))))
        if self.groups and len(self.groups) != n:
            raise ValueError(f"a question memory needs one group per text, not "
                             f"{len(self.groups)} for {n}")
        if self.guides and len(self.guides) != n:
            raise ValueError(f"a question memory needs one guide list per text, not "
                             f"{len(self.guides)} for {n}")
        asked = self.guides or ((),) * n
        object.__setattr__(self, "_about", tuple(
            frozenset(self.passage_ids[c].split(":", 1)[0] for c in cols) or frozenset(g)
            for cols, g in zip(self.answers, asked, strict=True)))

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def answered_ids(self) -> frozenset[str]:
        """The ids of the passages some remembered question was answered by."""
        return frozenset(self.passage_ids[c] for c in self._named)

    def answered_per_guide(self) -> dict[str, int]:
        """How many remembered questions each guide answered."""
        counts: dict[str, int] = {}
        for cols, about in zip(self.answers, self._about, strict=True):
            for doc in about if cols else ():
                counts[doc] = counts.get(doc, 0) + 1
        return counts

    def holding_out(self) -> QuestionMemory:
        """This memory, but a question never recalls its own entry (what evaluation
        uses: leave-one-out on the dev split)."""
        return replace(self, holdout=True)

    def recall(self, vector: npt.NDArray[np.float32], key: str,
               docs: Collection[str] | None = None) -> Recall:
        """What the memory holds about the question with :func:`question_key` ``key``,
        searched with ``vector``; with ``docs``, only entries about those guides
        speak (an out-of-scope question of one guide says nothing of another)."""
        if not len(self):
            return Recall({})
        sims = (self.vectors @ vector).astype(np.float64)
        if docs is not None:
            wanted = set(docs)
            sims[[i for i, about in enumerate(self._about)
                  if about and not about & wanted]] = -np.inf
        if self.holdout:
            # -inf, not NONE: a passage whose only entry is held out is then
            # absent from the recall, as if no question had named it. Its
            # paraphrases go with it: a reworded copy would recall the answer.
            groups = self.groups or self.keys
            own = {groups[i] for i, k in enumerate(self.keys) if k == key}
            sims[[i for i, g in enumerate(groups) if g in own or self.keys[i] == key]] = -np.inf
        best = np.full(len(self.passage_ids), -np.inf)
        np.maximum.at(best, self._cols, sims[self._rows])

        def top(values: Array) -> float:
            return float(values.max()) if values.size and values.max() > -np.inf else NONE

        return Recall(
            passages={self.passage_ids[c]: float(best[c]) for c in self._named
                      if best[c] > -np.inf},
            answerable=top(sims[~self._out]),
            out_of_scope=top(sims[self._out]),
        )

    # -- storage (the index folder writes and checksums the bytes) ---------------
    def to_bytes(self) -> bytes:
        """The memory as one ``.npz`` file's bytes (no pickles)."""
        buffer = io.BytesIO()
        np.savez(
            buffer,
            vectors=np.ascontiguousarray(self.vectors, dtype=np.float32),
            texts=utf8_array(self.texts), keys=utf8_array(self.keys),
            passage_ids=utf8_array(self.passage_ids),
            rows=self._rows, cols=self._cols,
            guides=utf8_array([",".join(g) for g in self.guides]),
            groups=utf8_array(list(self.groups)),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> QuestionMemory:
        """Read :meth:`to_bytes`; ValueError if the bytes are not such a file."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                vectors, rows, cols = npz["vectors"], npz["rows"], npz["cols"]
                texts, keys = strings_of(npz["texts"]), strings_of(npz["keys"])
                passage_ids = strings_of(npz["passage_ids"])
                listed = strings_of(npz["guides"]) if "guides" in npz.files else ()
                groups = strings_of(npz["groups"]) if "groups" in npz.files else ()
            answers: list[list[int]] = [[] for _ in texts]
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
                if not (isinstance(r, int) and 0 <= r < len(texts)):
                    raise ValueError(f"entry {r!r} out of range")
                answers[r].append(c)
            return cls(vectors=vectors.astype(np.float32), texts=texts, keys=keys,
                       answers=tuple(tuple(a) for a in answers), passage_ids=passage_ids,
                       guides=tuple(tuple(filter(None, g.split(","))) for g in listed),
                       groups=groups)
        except (OSError, KeyError, EOFError, ValueError, TypeError, zipfile.BadZipFile) as exc:
            # ValueError also covers a pickle where an array should be, bad UTF-8 and
            # bad JSON; TypeError a plain .npy file or arrays of the wrong shape
            raise ValueError(f"not a question memory file ({exc})") from None


def bank_hash(path: Path, split: str = "dev") -> str | None:
    """The hash a memory learnt from the ``split`` lines of the question bank at
    ``path`` records, or None when there is no such file (an index may be served
    without its bank). Lines of other splits do not count: adding test questions
    leaves the memory fresh. A line that does not parse counts as it is, so
    mending it makes the memory stale and ``roleqa index`` reports the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ConfigError(f"The question bank {str(path)!r} is not UTF-8 text.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read the question bank {str(path)!r}: {exc.strerror}") from None
    digest = hashlib.sha256()
    for line in lines:
        try:
            data = json.loads(line) if line.strip() else None
        except ValueError:
            data = line
        if data is not None and (not isinstance(data, dict) or data.get("split") == split):
            digest.update(json.dumps(data, sort_keys=True).encode() + b"\n")
    return digest.hexdigest()
