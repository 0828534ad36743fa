"""Deterministic corpora and vectors for the scale benchmark (never committed).

Two kinds of corpus:

* ``synthetic``: passages drawn from a made-up 20,000-word vocabulary with
  Zipf-like frequencies, in guides, sections and sentences; vectors from
  roleqa's fake ``HashEmbedder(384)``, computed word by word (checked equal to
  ``HashEmbedder.encode``). Any size, in seconds. Hashed word counts are all
  positive and share frequent words, so every vector sits in a narrow cone
  (mean pairwise cosine ≈ 0.67) and the top-5 are near-ties: a hard, pessimistic
  case for approximate search.
* ``docs``: real English sentences from the docstrings of the installed
  packages (sorted file walk, deduplicated), two to a passage (one when there
  are too few, as for 100k passages), embedded with
  the real packaged model. Realistic vectors, but the model embeds only a few
  dozen passages a second here, so sizes stay small; vectors are cached under
  ``~/.cache/roleqa-bench`` (keyed by the texts' hash) so reruns are fast.
"""

from __future__ import annotations

import hashlib
import random
import re
import sysconfig
import time
from pathlib import Path
from typing import Any

CACHE = Path.home() / ".cache" / "roleqa-bench"
_DOC = re.compile(r'"""(.*?)"""', re.S)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def vocabulary(n: int = 20_000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    onsets = "b c d f g h j k l m n p r s t v w z br cl dr fl gr pl st tr".split()
    vowels = "a e i o u ai ea io ou".split()
    seen: dict[str, None] = {}
    while len(seen) < n:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
        seen.setdefault(word + rng.choice(("", "n", "s", "t", "r")), None)
    return list(seen)


def synthetic(size: int, vocab: list[str], seed: int = 11) -> tuple[list[Any], list[list[int]]]:
    """Passages and, for each, the vocabulary ids of its heading + text words."""
    from roleqa.types import Passage

    rng = random.Random(seed + size)
    cum, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1 / (rank + 1) ** 1.07
        cum.append(total)
    population = range(len(vocab))
    passages, ids = [], []
    for i in range(size):
        doc, sec = i // 500, i // 25
        heading = random.Random(sec).choices(population, cum_weights=cum, k=3)
        words = rng.choices(population, cum_weights=cum, k=rng.randint(15, 60))
        sentences, start = [], 0
        while start < len(words):
            cut = min(len(words), start + rng.randint(6, 14))
            sentences.append(" ".join(vocab[w] for w in words[start:cut]).capitalize() + ".")
            start = cut
        title = " ".join(vocab[w] for w in heading).capitalize()
        passages.append(Passage(id=f"g{doc}:s{sec}:{i}", doc=f"g{doc}", doc_title=f"Guide {doc}",
                                heading_path=(title,), text=" ".join(sentences)))
        ids.append(heading + words)
    return passages, ids


def hash_vectors(vocab: list[str], ids: list[list[int]], dim: int = 384) -> Any:
    """``HashEmbedder(dim).encode`` of the embedding texts, summed per word (fast)."""
    import numpy as np

    from roleqa.guides.embed import HashEmbedder

    fake = HashEmbedder(dim)
    raw = np.zeros((len(vocab), dim), dtype=np.float32)
    for w, word in enumerate(vocab):
        raw[w, fake._bucket(word) % dim] += 1.0
        padded = f"#{word}#"
        for i in range(len(padded) - 2):
            raw[w, fake._bucket(padded[i : i + 3]) % dim] += 0.3
    out = np.empty((len(ids), dim), dtype=np.float32)
    for lo in range(0, len(ids), 2000):
        chunk = ids[lo : lo + 2000]
        flat = np.fromiter((w for row in chunk for w in row), dtype=np.int64)
        starts = np.cumsum([0] + [len(r) for r in chunk[:-1]])
        out[lo : lo + len(chunk)] = np.add.reduceat(raw[flat], starts, axis=0)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def doc_sentences(limit: int) -> list[tuple[str, str]]:
    """(module, sentence) pairs from installed packages' docstrings, in a fixed order."""
    root = Path(sysconfig.get_paths()["purelib"])
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        module = path.relative_to(root).parts[0]
        for match in _DOC.finditer(text):
            for para in match.group(1).split("\n\n"):
                para = " ".join(para.split())
                for s in _SPLIT.split(para) if para[:1].isupper() else ():
                    if 6 <= len(s.split()) <= 50 and s.isascii() and s[0].isupper() \
                            and s.endswith("."):
                        seen.setdefault(s, module)
        if len(seen) >= limit:
            break
    return [(m, s) for s, m in seen.items()][:limit]


def docs(size: int) -> list[Any]:
    """``size`` passages of two docstring sentences each, headed by their package."""
    from roleqa.types import Passage

    pairs = doc_sentences(2 * size)
    per = 2 if len(pairs) >= 2 * size else 1  # one sentence a passage for very large sizes
    if len(pairs) < per * size:
        raise RuntimeError(f"only {len(pairs)} docstring sentences here, need {size}")
    out = []
    for i in range(size):
        module = pairs[per * i][0]
        text = " ".join(s for _, s in pairs[per * i : per * i + per])
        out.append(Passage(id=f"{module}:{i}", doc=module, doc_title=module,
                           heading_path=(module.replace("_", " "),), text=text))
    return out


def real_vectors(texts: list[str], chunk: int = 10_000) -> tuple[Any, float]:
    """Real-model vectors of ``texts`` and the seconds spent embedding now (not cached).

    Cached per chunk of ``chunk`` texts, so a long run that is stopped keeps its progress.
    """
    import numpy as np

    model, spent, parts = None, 0.0, []
    for lo in range(0, len(texts), chunk):
        part = texts[lo : lo + chunk]
        key = hashlib.sha256("\0".join(part).encode()).hexdigest()[:16]
        path = CACHE / f"minilm-{len(part)}-{key}.npy"
        if path.is_file():
            parts.append(np.load(path))
            continue
        if model is None:
            from roleqa.guides.embed import SentenceTransformerEmbedder

            model = SentenceTransformerEmbedder()
            model.warm_up()
        start = time.perf_counter()
        vectors = model.encode(part)
        spent += time.perf_counter() - start
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        parts.append(vectors)
    return np.concatenate(parts), spent


def questions(passages: list[Any], n: int, seed: int = 5) -> list[str]:
    """Questions made of five words of a random passage and one word of another."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [w.strip(".,;:()`'\"").lower() for w in rng.choice(passages).text.split()]
        words = [w for w in words if w.isalpha()] or ["help"]
        other = [w for w in rng.choice(passages).text.lower().split() if w.isalpha()] or ["work"]
        picked = [*rng.sample(words, min(5, len(words))), rng.choice(other)]
        out.append(f"How does {' '.join(picked)} work?")
    return out
