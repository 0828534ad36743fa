"""What the loaded guides know, built once per index and shared by every stage.

:class:`Library` holds the loaded index and the model, and what is derived
from the two: the catalogue of guides, the vocabulary with its typo table, the
BM25 index, the reranker's passage features, the word and topic vectors, the
list runs and the replies. The vectors are embedded once, by ``roleqa index``,
and read back from the index's tables (:meth:`Library.tables`); a start embeds
only what the tables lack. The catalogue's lexicon (short forms, names) is read
at build too, and taken from the index when the same code made it. The stages
(read → retrieve → rerank → judge → compose) read from it and never change it,
so evaluation variants with other tuning share one library and its model calls.
"""

from __future__ import annotations

import threading

from ..guides.embed import Embedder, dictionary_of
from ..guides.index import LoadedIndex, embedding_text
from ..guides.tables import VectorTable
from ..language import OFF_TOPIC_EXAMPLES
from ..text import STOPWORDS, Vocabulary, stem, words
from ..types import Passage
from .catalogue import Catalogue
from .evidence import OFF_GUIDE_TOPICS, SPEAKS_OF_ITSELF
from .extract import list_runs
from .follow_ups import SiblingGroups, sibling_groups
from .guide_words import Owners
from .lexicon import Lexicon
from .replies import Replies
from .reranker import FeatureReader
from .search import LexicalIndex
from .wordspace import WordSpace

__all__ = ["Library"]

#: The most frequent corpus words get vectors, for "is some guide word close
#: to this one?" (a bound on the size of the index's word table, and on the
#: cost of a start when the index has none).
WORD_VECTORS = 20_000


class Library:
    """The shared, read-only state of one loaded index and its model."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, query_cache: int = 0) -> None:
        self.index = index
        self.embedder = embedder
        documents = [(p.doc, embedding_text(p)) for p in index.passages]
        dictionary = dictionary_of(embedder)
        self.catalogue = Catalogue(index.guides, documents, dictionary,
                                   Lexicon.from_dict(index.lexicon))
        self.catalogue.set_headings((p.doc, h) for p in index.passages for h in p.heading_path)
        #: the guides' own words, counted once a passage: not a list's (its
        #: lines are its items') nor a table row's (each repeats the column names)
        self.owners = Owners((p.doc, p.text) for p in index.passages
                             if p.kind not in ("list", "row"))
        # A role's own names are never typos: "sparky" is no "spark".
        self.vocabulary = Vocabulary((text for _, text in documents),
                                     dictionary | self.catalogue.name_words,
                                     self.catalogue.short_forms, self.catalogue.words.written,
                                     self.catalogue.capital_forms, self.catalogue.role_names,
                                     self.catalogue.words.capitals,
                                     self.catalogue.words.mixed_case)
        self.lexical = LexicalIndex(index.passages)
        self.features = FeatureReader(index.passages)
        #: paragraph id → the list items it introduces (see answer.list_runs)
        self.lists: dict[str, list[Passage]] = list_runs(index.passages)
        by_id = {p.id: p for p in index.passages}
        #: list item id → the paragraph that introduces its list
        self.intro_of: dict[str, Passage] = {item.id: by_id[intro] for intro, run in
                                             self.lists.items() for item in run}
        #: each guide's first list, by its introduction: what a guide opens its
        #: account of the role with (its tasks, in a careers guide)
        self.first_list: dict[str, Passage] = {}
        #: each section's first list passage (a lead-in holding its lines)
        self.section_list: dict[tuple[str, tuple[str, ...]], Passage] = {}
        for intro in self.lists:
            self.first_list.setdefault(by_id[intro].doc, by_id[intro])
            if by_id[intro].kind == "list":
                self.section_list.setdefault((by_id[intro].doc, by_id[intro].heading_path),
                                             by_id[intro])
        #: each passage id → its run of consecutive paragraphs of one section,
        #: and where in it the passage stands (see :meth:`read_on`)
        self._runs: dict[str, tuple[list[Passage], int]] = {}
        run: list[Passage] = []
        for p in index.passages:
            if not (run and p.kind == "paragraph" and run[-1].kind == "paragraph"
                    and (p.doc, p.heading_path) == (run[-1].doc, run[-1].heading_path)):
                run = []
            run.append(p)
            self._runs[p.id] = (run, len(run) - 1)
        self.siblings: SiblingGroups = sibling_groups(
            [[p.text for p in run] for run in self.lists.values()])
        self.replies = Replies(self.catalogue, index.passages)
        #: (guide, section) where the guide speaks of itself ("This article aims
        #: to ...", its author), with the stems of its words: what answers a
        #: question about the guide
        speaking = {(p.doc, p.section) for p in index.passages
                    if SPEAKS_OF_ITSELF.search(f"{p.section} {p.text}")}
        self.self_sections: dict[tuple[str, str], frozenset[str]] = {
            key: frozenset(stem(w) for p in index.passages if (p.doc, p.section) == key
                           for w in words(p.text)) for key in speaking}
        frequent = sorted(w for w, _ in self.vocabulary.df.most_common(WORD_VECTORS)
                          if w.isalpha() and len(w) > 2 and w not in STOPWORDS)
        self.space = WordSpace(embedder, frequent, OFF_GUIDE_TOPICS, query_cache,
                               OFF_TOPIC_EXAMPLES)
        self._lock = threading.Lock()
        self._ready = False

    def ensure_vectors(self) -> None:
        """Read the vectors of the corpus words, topics and passage headings
        from the index, embedding what it lacks (once; thread-safe)."""
        if self._ready:
            return
        with self._lock:
            if not self._ready:
                stored = self.index.tables
                self.space.warm_up(stored)
                self.features.warm_up(self.embedder.encode, stored.get("headings"))
                self._ready = True

    def tables(self) -> dict[str, VectorTable]:
        """Every text this library compares questions with, embedded: what
        ``roleqa index`` stores so that a start reads instead of embedding."""
        self.ensure_vectors()
        return {**self.space.tables(), "headings": self.features.table()}

    def read_on(self, passage: Passage) -> list[Passage]:
        """The paragraphs right after ``passage`` in its section, up to its
        first list: what a question on the section's topic reads on to."""
        # A list item's run is itself alone: nothing to read on to.
        run, at = self._runs.get(passage.id, ([], 0))
        return run[at + 1:]

    def list_shown(self, passage: Passage) -> list[Passage]:
        """The list items an answer led by ``passage`` shows: those it
        introduces, or those of the list it is an item of."""
        intro = self.intro_of.get(passage.id)
        return self.lists.get(passage.id) or (self.lists[intro.id] if intro else [])
