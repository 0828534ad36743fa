"""roleqa: answers questions about a careers guide, citing it, and says when it cannot.

The public face::

    from roleqa import Assistant, Settings
    assistant = Assistant.load(Settings.from_env())
    answer = assistant.ask("Which cloud platforms does a deep learning engineer use?")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import RoleqaError
from .types import Answer, Hit, Passage, Source

if TYPE_CHECKING:
    from .assistant import Assistant

__all__ = ["Answer", "Assistant", "Hit", "Passage", "RoleqaError", "Settings", "Source"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The assistant pulls in faiss and numpy; import it only when asked for.
    if name == "Assistant":
        from .assistant import Assistant

        return Assistant
    raise AttributeError(name)
