"""Guides: reading the corpus, embedding it and building the index (and its question memory)."""
