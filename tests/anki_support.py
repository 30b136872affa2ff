"""Helpers for the export tests: a real Anki collection, and what a built file holds.

The collection is Anki's own (the `anki` package: the Rust backend the desktop app runs), so an
import that passes here is the import a learner gets. Collections must be closed, or a
ResourceWarning fails the test: use `open_collection` as a context manager.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen.engine.pipeline import prepare
from quizgen.export import DeckReport, build_decks

#: The smallest valid PNG (1x1, transparent): Anki stores media without decoding it.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@contextmanager
def open_collection(path: Path) -> Iterator[Any]:
    """A new (or existing) Anki collection at `path`, closed afterwards."""
    from anki.collection import Collection

    path.parent.mkdir(parents=True, exist_ok=True)
    collection = Collection(str(path))
    try:
        yield collection
    finally:
        collection.close()


@dataclass(frozen=True)
class ImportResult:
    """What one package import did: notes new, updated, and left alone as duplicates."""

    new: int
    updated: int
    duplicate: int


def import_apkg(collection: Any, package: Path) -> ImportResult:
    """Import with Anki's default options (update notes and note types if newer)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    log = collection.import_anki_package(request).log
    return ImportResult(len(log.new), len(log.updated), len(log.duplicate))


def import_text(collection: Any, path: Path) -> ImportResult:
    """Import Anki's text format with the options its header lines give."""
    from anki.collection import ImportCsvRequest

    metadata = collection.get_csv_metadata(str(path), None)
    log = collection.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
    return ImportResult(len(log.new), len(log.updated), len(log.duplicate))


def deck_names(collection: Any) -> set[str]:
    """Every deck in the collection except Anki's own Default."""
    return {entry.name for entry in collection.decks.all_names_and_ids()} - {"Default"}


def notes_by_fact(collection: Any, note_type: str) -> dict[str, Any]:
    """FactId -> note, for the notes of one of our note types."""
    notes = {}
    for note_id in collection.find_notes(f'"note:{note_type}"'):
        note = collection.get_note(note_id)
        notes[note["FactId"]] = note
    return notes


def build(paths: list[Path], out: Path, fmt: str = "apkg", **options: Any) -> list[DeckReport]:
    """`quizgen build` through the library: prepare, then write."""
    return build_decks(prepare(paths, **options), out, fmt)


def collection_bytes(package: Path) -> bytes:
    """The SQLite file inside a package."""
    with zipfile.ZipFile(package) as archive:
        return archive.read("collection.anki2")


def package_rows(package: Path, tmp: Path, query: str) -> list[tuple[Any, ...]]:
    """Rows of a query on the collection inside a package (unzipped into `tmp`)."""
    database = tmp / "inside.anki2"
    database.write_bytes(collection_bytes(package))
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(query).fetchall()
    database.unlink()
    return rows
