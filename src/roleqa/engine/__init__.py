"""The engine: read, retrieve, rerank, judge and compose, wired by :class:`Assistant`."""
