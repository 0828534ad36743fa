"""A catalogue read from guides written to a folder, as the catalogue tests build it."""

from __future__ import annotations

from pathlib import Path

from roleqa.engine.catalogue import Catalogue
from roleqa.guides.corpus import load_guides
from roleqa.guides.index import embedding_text


def catalogue_of(folder: Path, guides: dict[str, str],
                 dictionary: frozenset[str] = frozenset()) -> Catalogue:
    """The catalogue of ``guides`` (file stem → text), written to ``folder``."""
    for slug, text in guides.items():
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    loaded, passages = load_guides(folder)
    return Catalogue(loaded, [(p.doc, embedding_text(p)) for p in passages],
                     dictionary=dictionary)
