"""What ``roleqa index`` makes once so that a start only reads files: the word,
topic and heading vectors, stored as tables in the index, the lexicon of the
passages' words, and the tuning file the index records. With the fake
HashEmbedder, counting its texts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from roleqa.cli import main
from roleqa.config import Settings
from roleqa.engine.assistant import Assistant
from roleqa.engine.lexicon import Lexicon
from roleqa.engine.library import Library
from roleqa.errors import IndexCorruptError
from roleqa.guides.build import index_status, tuning_hash
from roleqa.guides.embed import HashEmbedder
from roleqa.guides.index import load_index
from roleqa.guides.manifest import read_manifest
from roleqa.guides.tables import VectorTable, tables_from_bytes, tables_to_bytes
from roleqa.quality.learn import build_all


class CountingEmbedder(HashEmbedder):
    """The fake embedder, remembering how many texts it was asked to embed."""

    def __init__(self) -> None:
        super().__init__(dim=64)
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return super().encode(texts)


@pytest.fixture
def built(tiny_settings: Settings, tmp_path: Path) -> Settings:
    settings = tiny_settings.replace(tuning=tmp_path / "tuning.json")
    build_all(settings, CountingEmbedder())
    return settings


def test_a_table_gives_stored_vectors_and_embeds_only_texts_it_lacks() -> None:
    embedder = CountingEmbedder()
    table = VectorTable.embed(["pruning", "planting"], embedder.encode, embedder.dim)
    embedder.texts = 0
    vectors = table.vectors_for(["planting", "weeding", "pruning"], embedder.encode)
    assert embedder.texts == 1  # "weeding" only
    np.testing.assert_array_equal(vectors[0], table.vectors[1])
    np.testing.assert_array_equal(vectors[2], table.vectors[0])
    np.testing.assert_allclose(vectors[1], embedder.encode(["weeding"])[0])


def test_tables_survive_the_round_trip_through_bytes() -> None:
    embedder = HashEmbedder(dim=16)
    tables = {"words": VectorTable.embed(["tools", "café ☕"], embedder.encode, 16),
              "empty": VectorTable.embed([], embedder.encode, 16)}
    back = tables_from_bytes(tables_to_bytes(tables))
    assert list(back) == ["words", "empty"]
    assert back["words"].texts == ("tools", "café ☕")
    np.testing.assert_array_equal(back["words"].vectors, tables["words"].vectors)
    assert back["empty"].vectors.shape == (0, 16)
    with pytest.raises(ValueError, match="not a file of embedded texts"):
        tables_from_bytes(b"PK\x03\x04 not really")


def test_a_start_from_a_built_index_embeds_no_word_topic_example_or_heading(
        built: Settings) -> None:
    index = load_index(built.index_dir)
    assert set(index.tables) == {"words", "topics", "off_topic", "headings"}
    assert index.tables["words"].texts  # the guide's own words were embedded at build
    embedder = CountingEmbedder()
    library = Library(index, embedder)
    library.ensure_vectors()
    assert embedder.texts == 0
    # and what the start read is what embedding now would give
    fresh = Library(replace(index, tables={}), embedder)
    fresh.ensure_vectors()
    assert embedder.texts > 0
    for name, table in fresh.tables().items():
        np.testing.assert_allclose(library.tables()[name].vectors, table.vectors, atol=1e-6)


def test_answers_are_the_same_with_the_stored_tables_and_without(built: Settings) -> None:
    index = load_index(built.index_dir)
    with_tables = Assistant.over(index, HashEmbedder(dim=64), built)
    without = Assistant.over(replace(index, tables={}),
                             HashEmbedder(dim=64), built)
    for question in ["What tools do gardeners use?", "Who do they work with?",
                     "What is the capital of France?"]:
        a, b = with_tables.ask(question), without.ask(question)
        assert replace(a, latency_ms=0) == replace(b, latency_ms=0)


def test_a_damaged_tables_file_is_reported_with_the_fix(built: Settings) -> None:
    name = read_manifest(built.index_dir).files["tables"]
    (built.index_dir / name).write_bytes(b"not an npz")
    with pytest.raises(IndexCorruptError, match="roleqa index"):
        load_index(built.index_dir)


def test_the_manifest_records_the_tuning_file_and_a_new_one_makes_the_index_stale(
        built: Settings) -> None:
    embedder = HashEmbedder(dim=64)
    assert read_manifest(built.index_dir).tuning_hash == ""  # built without a tuning file
    assert index_status(built, embedder).fresh
    built.tuning.write_text(json.dumps({"version": 1, "tuning": {}, "fitted": {}}),
                            encoding="utf-8")
    status = index_status(built, embedder)
    assert not status.fresh
    assert "tuning file" in status.reason and "roleqa index" in status.reason
    build_all(built, embedder)
    assert read_manifest(built.index_dir).tuning_hash == tuning_hash(built.tuning)
    assert index_status(built, embedder).fresh


def test_index_check_says_when_the_tuning_changed(built: Settings,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("roleqa.guides.build.SentenceTransformerEmbedder",
                        lambda model: HashEmbedder(dim=64))
    built.tuning.write_text(json.dumps({"version": 1, "tuning": {}, "fitted": {}}),
                            encoding="utf-8")
    result = CliRunner().invoke(main, [
        "--corpus-dir", str(built.corpus_dir), "--index-dir", str(built.index_dir),
        "index", "--check"], env={"ROLEQA_TUNING": str(built.tuning),
                                  "ROLEQA_QUESTION_BANK": str(built.question_bank)})
    assert result.exit_code == 1
    assert "tuning file" in result.output and "changed" in result.output


# -- the lexicon: what the engine reads of the passages' words, once ---------------------
def test_the_lexicon_read_at_build_is_what_a_start_would_read(built: Settings) -> None:
    index = load_index(built.index_dir)
    stored = Lexicon.from_dict(index.lexicon)
    assert stored is not None
    library = Library(index, HashEmbedder(dim=64))
    assert library.catalogue.lexicon == stored
    fresh = Library(replace(index, lexicon={}), HashEmbedder(dim=64)).catalogue.lexicon
    assert fresh == stored and stored.initials  # the same words, and some of them


def test_a_start_takes_the_lexicon_from_the_index(built: Settings,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def unread(*args: object) -> None:
        raise AssertionError("the lexicon was read from the passages again")

    monkeypatch.setattr(Lexicon, "read", unread)
    Library(load_index(built.index_dir), HashEmbedder(dim=64))


def test_a_lexicon_made_by_other_code_or_malformed_is_read_again() -> None:
    lexicon = Lexicon({"sre": "site reliability engineer"}, frozenset({"sql"}),
                      frozenset({"sre"}), {"aims": "australian institute of marine science"})
    assert Lexicon.from_dict(lexicon.to_dict()) == lexicon
    assert Lexicon.from_dict({**lexicon.to_dict(), "code": "older"}) is None
    assert Lexicon.from_dict({**lexicon.to_dict(), "initials": [1, 2]}) is None
    assert Lexicon.from_dict({}) is None


def test_a_lexicon_file_that_is_not_json_is_reported_with_the_fix(built: Settings) -> None:
    name = read_manifest(built.index_dir).files["lexicon"]
    (built.index_dir / name).write_text("[1, 2", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="roleqa index"):
        load_index(built.index_dir)
