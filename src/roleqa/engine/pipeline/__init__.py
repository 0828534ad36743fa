"""The answering pipeline, one stage per module, each taking the previous stage's value.

read (question → :class:`Reading`) → retrieve (→ :class:`Candidates`) →
rerank (→ :class:`Ranked`) → judge (→ :class:`Verdict`) → compose (→ ``Answer``).
Each value holds the one before it, so a stage sees all that led to it.
"""

from .compose import Composer
from .judge import Judge, Verdict
from .read import Answered, Reader, Reading
from .rerank import Ranked, Ranking
from .retrieve import Candidates, Retrieval

__all__ = ["Answered", "Candidates", "Composer", "Judge", "Ranked", "Ranking", "Reader", "Reading",
           "Retrieval", "Verdict"]
