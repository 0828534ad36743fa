"""The on-disk index: round trip, manifest, staleness, corruption, interrupted
builds, and the committed index being fresh. All with the fake HashEmbedder."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import faiss
import numpy as np
import pytest

import roleqa.guides.build
from roleqa.config import Settings
from roleqa.engine.assistant import Assistant
from roleqa.errors import (
    IndexCorruptError,
    IndexMissingError,
    IndexStaleError,
    IndexWriteError,
)
from roleqa.guides.build import build, index_status
from roleqa.guides.corpus import corpus_hash, load_corpus, load_guides
from roleqa.guides.embed import HashEmbedder
from roleqa.guides.index import embedding_text, load_index
from roleqa.guides.manifest import FORMAT_VERSION, MANIFEST, check_fresh, read_manifest

ROOT = Path(__file__).resolve().parents[1]
HINT = "roleqa index"


def _manifest_json(index_dir: Path) -> dict:
    return json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _edit_guide(corpus: Path) -> None:
    guide = corpus / "gardener.md"
    guide.write_text(
        guide.read_text(encoding="utf-8") + "\n# Where do gardeners work?\n\nIn parks.\n",
        encoding="utf-8",
    )


@pytest.fixture
def built(tiny_settings: Settings, fake_embedder: HashEmbedder) -> Settings:
    build(tiny_settings, fake_embedder)
    return tiny_settings


# -- round trip and manifest ----------------------------------------------------


def test_round_trip_gives_back_the_passages_and_the_same_search_results(
    built: Settings, fake_embedder: HashEmbedder
) -> None:
    passages = load_corpus(built.corpus_dir)
    loaded = load_index(built.index_dir)
    assert loaded.passages == passages

    vectors = fake_embedder.encode([embedding_text(p) for p in passages])
    queries = fake_embedder.encode(
        ["watering cans and rakes", "sowing seeds", "what does a gardener do", "intro scene"]
    )
    scores, ids = loaded.search(queries, k=len(passages))
    for row, query in enumerate(queries):
        exact = vectors @ query
        assert list(ids[row]) == list(np.argsort(-exact, kind="stable"))
        np.testing.assert_allclose(scores[row], np.sort(exact)[::-1], atol=1e-5)
    # a passage's own text finds that passage first
    own, _ = loaded.search(vectors, k=1)
    np.testing.assert_allclose(own[:, 0], 1.0, atol=1e-5)


def test_manifest_records_what_the_index_was_built_from(
    built: Settings, fake_embedder: HashEmbedder
) -> None:
    manifest = read_manifest(built.index_dir)
    assert manifest.corpus_hash == corpus_hash(built.corpus_dir)
    assert manifest.model_id == fake_embedder.model_id == "hash-128"
    assert manifest.dim == 128
    assert manifest.passage_count == len(load_corpus(built.corpus_dir)) == 5
    assert manifest.format_version == FORMAT_VERSION
    assert manifest.index_type == "flat"
    assert set(manifest.files) == {"passages", "vectors"}
    for name in manifest.files.values():
        assert manifest.checksums[name] == _sha256(built.index_dir / name)
    # the file on disk says the same
    assert _manifest_json(built.index_dir) == manifest.to_dict()
    # and nothing but the manifest and its two files is left behind
    assert sorted(p.name for p in built.index_dir.iterdir()) == sorted(
        [MANIFEST, *manifest.files.values()]
    )


def test_a_rebuild_replaces_the_old_files(built: Settings, fake_embedder: HashEmbedder) -> None:
    old = read_manifest(built.index_dir)
    _edit_guide(built.corpus_dir)
    new = build(built, fake_embedder)
    assert new.passage_count == old.passage_count + 1
    assert sorted(p.name for p in built.index_dir.iterdir()) == sorted(
        [MANIFEST, *new.files.values()]
    )
    assert load_index(built.index_dir).passages[-1].text == "In parks."


# -- staleness ------------------------------------------------------------------


def test_an_edited_corpus_makes_the_index_stale(
    built: Settings, fake_embedder: HashEmbedder
) -> None:
    manifest = read_manifest(built.index_dir)
    check_fresh(manifest, corpus_hash(built.corpus_dir), fake_embedder.model_id)  # fresh now
    _edit_guide(built.corpus_dir)
    with pytest.raises(IndexStaleError) as err:
        check_fresh(manifest, corpus_hash(built.corpus_dir), fake_embedder.model_id)
    assert "corpus changed" in str(err.value)
    assert HINT in str(err.value)
    assert "model" not in str(err.value)


def test_a_new_guide_in_the_folder_makes_the_index_stale(
    built: Settings, fake_embedder: HashEmbedder
) -> None:
    assert index_status(built, fake_embedder).fresh
    (built.corpus_dir / "baker.md").write_text("# Bread\n\nBakers bake.\n", encoding="utf-8")
    status = index_status(built, fake_embedder)
    assert not status.fresh
    assert "corpus changed" in status.reason


def test_another_model_makes_the_index_stale_and_says_which(
    built: Settings,
) -> None:
    manifest = read_manifest(built.index_dir)
    with pytest.raises(IndexStaleError) as err:
        check_fresh(manifest, corpus_hash(built.corpus_dir), "other-model@123")
    assert "hash-128" in str(err.value)
    assert "other-model@123" in str(err.value)
    assert "corpus" not in str(err.value)
    status = index_status(built, HashEmbedder(dim=64))
    assert not status.fresh
    assert "hash-128" in status.reason and "hash-64" in status.reason


def test_a_stale_index_is_never_served(built: Settings, fake_embedder: HashEmbedder) -> None:
    Assistant.load(built, embedder=fake_embedder)  # fresh: loads
    _edit_guide(built.corpus_dir)
    with pytest.raises(IndexStaleError, match="corpus changed"):
        Assistant.load(built, embedder=fake_embedder)


# -- corruption -----------------------------------------------------------------


def _truncate_vectors(index_dir: Path, files: dict) -> None:
    path = index_dir / files["vectors"]
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garble_passages(index_dir: Path, files: dict) -> None:
    (index_dir / files["passages"]).write_text('{"id": "x", "text": \n', encoding="utf-8")


def _garble_passages_and_fix_checksum(index_dir: Path, files: dict) -> None:
    # a file that matches its checksum but still does not parse
    _garble_passages(index_dir, files)
    data = _manifest_json(index_dir)
    data["checksums"][files["passages"]] = _sha256(index_dir / files["passages"])
    (index_dir / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def _truncate_vectors_and_fix_checksum(index_dir: Path, files: dict) -> None:
    _truncate_vectors(index_dir, files)
    data = _manifest_json(index_dir)
    data["checksums"][files["vectors"]] = _sha256(index_dir / files["vectors"])
    (index_dir / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def _manifest_not_json(index_dir: Path, files: dict) -> None:
    (index_dir / MANIFEST).write_text("{ this is not json", encoding="utf-8")


def _manifest_fields_missing(index_dir: Path, files: dict) -> None:
    (index_dir / MANIFEST).write_text('{"format_version": 1}', encoding="utf-8")


def _manifest_fields_wrong_type(index_dir: Path, files: dict) -> None:
    # valid JSON, right keys, but "files" and "checksums" are not objects
    data = _manifest_json(index_dir)
    data["files"] = list(data["files"].values())
    data["checksums"] = None
    (index_dir / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def _remove_vectors(index_dir: Path, files: dict) -> None:
    (index_dir / files["vectors"]).unlink()


def _remove_passages(index_dir: Path, files: dict) -> None:
    (index_dir / files["passages"]).unlink()


def _drop_a_passage_and_fix_checksum(index_dir: Path, files: dict) -> None:
    path = index_dir / files["passages"]
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(True)[:-1]),
                    encoding="utf-8")
    data = _manifest_json(index_dir)
    data["checksums"][files["passages"]] = _sha256(path)
    (index_dir / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        _truncate_vectors,
        _truncate_vectors_and_fix_checksum,
        _garble_passages,
        _garble_passages_and_fix_checksum,
        _drop_a_passage_and_fix_checksum,
        _manifest_not_json,
        _manifest_fields_missing,
        _manifest_fields_wrong_type,
        _remove_vectors,
        _remove_passages,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_damaged_index_is_reported_with_the_fix(
    built: Settings, fake_embedder: HashEmbedder, damage
) -> None:
    damage(built.index_dir, read_manifest(built.index_dir).files)
    with pytest.raises(IndexCorruptError) as err:
        load_index(built.index_dir)
    assert HINT in str(err.value)
    # the status check the CLI uses reports it too, rather than raising
    status = index_status(built, fake_embedder)
    assert not status.fresh
    assert HINT in status.reason


def test_a_missing_file_is_named(built: Settings) -> None:
    files = read_manifest(built.index_dir).files
    _remove_vectors(built.index_dir, files)
    with pytest.raises(IndexCorruptError, match="missing") as err:
        load_index(built.index_dir)
    assert files["vectors"] in str(err.value)


@pytest.mark.parametrize("exists", [False, True], ids=["no-folder", "empty-folder"])
def test_a_missing_index_says_how_to_build_it(tmp_path: Path, exists: bool) -> None:
    index_dir = tmp_path / "index"
    if exists:
        index_dir.mkdir()
    with pytest.raises(IndexMissingError) as err:
        load_index(index_dir)
    assert str(index_dir) in str(err.value)
    assert HINT in str(err.value)


# -- interrupted builds -----------------------------------------------------------


class Killed(Exception):
    """Stands for the process dying mid-build."""


def _assert_previous_index_serves(settings: Settings, before: list) -> None:
    loaded = load_index(settings.index_dir)
    assert loaded.passages == before
    assert not [p.name for p in settings.index_dir.iterdir() if p.name.endswith(".tmp")]


def test_a_build_killed_while_embedding_leaves_the_previous_index(
    built: Settings, fake_embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load_index(built.index_dir).passages
    _edit_guide(built.corpus_dir)

    def die(texts: object) -> None:
        raise Killed

    monkeypatch.setattr(fake_embedder, "encode", die)
    with pytest.raises(Killed):
        build(built, fake_embedder)
    _assert_previous_index_serves(built, before)


def test_a_build_killed_while_writing_vectors_leaves_the_previous_index(
    built: Settings, fake_embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load_index(built.index_dir).passages
    _edit_guide(built.corpus_dir)
    real_write = faiss.write_index

    def half_write(index: object, path: str) -> None:
        real_write(index, path)
        Path(path).write_bytes(Path(path).read_bytes()[:20])  # a partial file, then death
        raise Killed

    monkeypatch.setattr(faiss, "write_index", half_write)
    with pytest.raises(Killed):
        build(built, fake_embedder)
    _assert_previous_index_serves(built, before)


def test_a_rebuild_of_the_same_corpus_killed_mid_way_leaves_the_previous_index(
    built: Settings, fake_embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same corpus and model (say `roleqa index --force` after an upgrade that
    parses passages differently), killed before the vectors are written."""
    before = load_index(built.index_dir).passages
    monkeypatch.setattr(roleqa.guides.build, "load_guides", lambda d: load_guides(d, max_words=5))

    def die(index: object, path: str) -> None:
        raise Killed

    monkeypatch.setattr(faiss, "write_index", die)
    with pytest.raises(Killed):
        build(built, fake_embedder)
    _assert_previous_index_serves(built, before)


def test_a_full_disk_is_reported_and_leaves_the_previous_index(
    built: Settings, fake_embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load_index(built.index_dir).passages
    _edit_guide(built.corpus_dir)

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(IndexWriteError) as err:
        patch.setattr(os, "replace", full)
        build(built, fake_embedder)
    assert "disk is full" in str(err.value)
    assert str(built.index_dir) in str(err.value)
    _assert_previous_index_serves(built, before)


# -- the committed index ---------------------------------------------------------


@pytest.mark.model  # the model's files and its ONNX export
def test_the_committed_index_is_fresh_for_the_committed_corpus() -> None:
    settings = Settings(corpus_dir=ROOT / "corpus", index_dir=ROOT / "index",
                        tuning=ROOT / "eval" / "tuning.json")
    status = index_status(settings)  # hashes the model files; does not load the model
    assert status.fresh, status.reason
    assert status.manifest is not None
    assert status.manifest.model_id.startswith("all-MiniLM-L6-v2@")
    assert status.manifest.dim == 384


def test_the_committed_index_holds_what_the_parser_makes_of_the_corpus() -> None:
    # the corpus hash cannot tell when the parser changed; this can
    assert load_index(ROOT / "index").passages == load_corpus(ROOT / "corpus")


def test_a_passage_is_searched_with_its_guides_title_where_its_heading_lacks_it() -> None:
    from roleqa.types import Passage

    def passage(*heading: str) -> Passage:
        return Passage(id="x", doc="sec", doc_title="Cloud security engineer career guide",
                       heading_path=heading, text="SIEM platforms collect logs.")

    # "Tooling" alone says nothing of the role the question names
    assert embedding_text(passage("Tooling")) == (
        "Cloud security engineer career guide › Tooling: SIEM platforms collect logs.")
    # a heading that names it already needs no title; the opening has it as its section
    named = passage("What tools does a cloud security engineer career guide list?")
    assert embedding_text(named).startswith("What tools")
    opening = embedding_text(passage())
    assert opening.startswith("Cloud security engineer career guide (introduction")
