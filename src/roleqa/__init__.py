"""roleqa: answers questions about careers guides, citing them, and says when they cannot.

The public face::

    from roleqa import Assistant, Settings
    assistant = Assistant.load(Settings.from_env())
    answer = assistant.ask("What tools does a florist use?", scope="florist")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import RoleqaError
from .types import Answer, Hit, Passage, Source

if TYPE_CHECKING:
    from .engine.assistant import Assistant

__all__ = ["Answer", "Assistant", "Hit", "Passage", "RoleqaError", "Settings", "Source"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The assistant pulls in faiss and numpy; import it only when asked for.
    if name == "Assistant":
        from .engine.assistant import Assistant

        return Assistant
    raise AttributeError(name)
