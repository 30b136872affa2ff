"""`quizgen sync --collection` into a real Anki collection (the `anki` package, Anki's own
backend): the learner's progress survives edits, moves, renames and removals; a locked
collection or a failure half-way changes nothing; only quizgen's notes are ever touched."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from anki_support import import_apkg, open_collection
from conftest import SOLAR_SYSTEM
from sync_support import (
    NEW_TITLE,
    OLD_TITLE,
    REMOVED,
    CardState,
    cli_sync,
    copy_deck,
    edit,
    run_story,
    teacher_changes,
)
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.export.anki_notetypes import MCQ_MODEL_ID

runner = CliRunner()


class CollectionView:
    """The collection file, opened for each look and closed again (a sync needs it closed)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def cards(self) -> dict[int, CardState]:
        with open_collection(self.path) as col:
            found = {}
            for cid in col.find_cards('"note:quizgen*"'):
                card = col.get_card(cid)
                note = card.note()
                found[cid] = CardState(
                    note.id,
                    note["FactId"],
                    note.note_type()["name"],
                    col.decks.name(card.did),
                    card.due,
                    card.ivl,
                    card.reps,
                    card.queue,
                    card.type,
                )
            return found

    def reviews(self) -> dict[int, list[int]]:
        with open_collection(self.path) as col:
            found: dict[int, list[int]] = {}
            for rid, cid in col.db.all("SELECT id, cid FROM revlog ORDER BY id"):
                found.setdefault(cid, []).append(rid)
            return found

    def fields(self, note_id: int) -> dict[str, str]:
        with open_collection(self.path) as col:
            return dict(col.get_note(note_id).items())

    def tags(self, note_id: int) -> list[str]:
        with open_collection(self.path) as col:
            return list(col.get_note(note_id).tags)

    def decks(self) -> set[str]:
        with open_collection(self.path) as col:
            return {entry.name for entry in col.decks.all_names_and_ids()}

    def study(self, card_ids: list[int]) -> None:
        from anki.scheduler.v3 import CardAnswer

        with open_collection(self.path) as col:
            for cid in card_ids:
                card = col.get_card(cid)
                card.start_timer()
                states = col._backend.get_scheduling_states(cid)
                answer = col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD)
                col.sched.answer_card(answer)

    def give_options(self, deck: str) -> int:
        with open_collection(self.path) as col:
            preset = col.decks.add_config_returning_id(f"tuned {deck}")
            col.decks.set_config_id_for_deck_dict(col.decks.by_name(deck), preset)
            return int(preset)

    def options(self, deck: str) -> int:
        with open_collection(self.path) as col:
            return int(col.decks.config_dict_for_deck_id(col.decks.id_for_name(deck))["id"])


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """An empty collection, as a new Anki profile has it."""
    path = tmp_path / "profile" / "collection.anki2"
    with open_collection(path):
        pass
    return path


@pytest.mark.slow
@pytest.mark.parametrize("keep_removed", [False, True], ids=["remove", "keep-removed"])
def test_progress_survives_edit_move_rename_and_removal(
    tmp_path: Path, collection: Path, keep_removed: bool
) -> None:
    run_story(
        CollectionView(collection),
        cli_sync(["--collection", str(collection)]),
        copy_deck(tmp_path),
        keep_removed=keep_removed,
    )


def test_sync_after_apkg_import_changes_nothing(tmp_path: Path, collection: Path) -> None:
    """The package and the sync render the same notes: a learner can switch from one to the
    other without a single note changing."""
    result = runner.invoke(app, ["build", str(SOLAR_SYSTEM), "--out", str(tmp_path / "decks")])
    assert result.exit_code == 0, result.output
    with open_collection(collection) as col:
        assert import_apkg(col, tmp_path / "decks" / "solar-system.apkg").new == 32
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--collection", str(collection)])
    assert result.exit_code == 0, result.output
    assert "nothing to change, 32 notes already up to date" in result.output


def test_notes_carry_quizgen_guids_and_note_type_ids(collection: Path) -> None:
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--collection", str(collection)])
    assert result.exit_code == 0, result.output
    with open_collection(collection) as col:
        mcq = col.find_notes(f"mid:{MCQ_MODEL_ID}")
        assert len(mcq) == 16
        from quizgen.engine.constants import QuestionKind
        from quizgen.export.identity import note_guid

        expected = {note_guid("solar-system", f, QuestionKind.MCQ) for f in ("moon-landing",)}
        assert expected <= {col.get_note(nid).guid for nid in mcq}
        assert not col.decks.id_for_name("quizgen note types (temporary)")


def _rows(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(
            "SELECT n.id, n.guid, n.flds, n.tags, c.id, c.did, c.due, c.queue "
            "FROM notes n JOIN cards c ON c.nid = n.id ORDER BY c.id"
        ).fetchall()


def test_open_collection_is_refused_and_left_alone(tmp_path: Path, collection: Path) -> None:
    deck = copy_deck(tmp_path)
    sync = cli_sync(["--collection", str(collection)])
    assert sync(deck).exit_code == 0
    teacher_changes(deck)
    before = _rows(collection)
    with open_collection(collection):  # Anki has it open
        result = sync(deck)
    assert result.exit_code == 1
    assert "the collection is open in Anki (or locked by another program)" in result.output
    assert "Nothing was changed" in result.output
    assert "Traceback" not in result.output
    assert _rows(collection) == before


def test_failure_half_way_changes_nothing(
    tmp_path: Path, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notes added and updated, then the removal fails: the whole sync is rolled back."""
    from anki.collection import Collection

    deck = copy_deck(tmp_path)
    sync = cli_sync(["--collection", str(collection)])
    assert sync(deck).exit_code == 0
    teacher_changes(deck)
    edit(
        deck,
        "\npools:",
        "\n  - id: new-fact\n    topic: Planets\n    text: Mars has two moons.\n"
        "    answer: two\n\npools:",
    )
    before = _rows(collection)

    def broken(self: Any, note_ids: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Collection, "remove_notes", broken)
    with pytest.raises(OSError):
        runner.invoke(
            app, ["sync", str(deck), "--collection", str(collection)], catch_exceptions=False
        )
    monkeypatch.undo()
    assert _rows(collection) == before
    with open_collection(collection) as col:
        assert not col.decks.id_for_name(NEW_TITLE)
        assert col.decks.id_for_name(f"{OLD_TITLE}::Discoveries")


def test_only_quizgen_notes_of_this_deck_are_touched(tmp_path: Path, collection: Path) -> None:
    """A learner's own note with the deck's tag, and another deck's notes, are left alone even
    when every fact of the deck is gone."""
    other = tmp_path / "other.yaml"
    other.write_text(
        SOLAR_SYSTEM.read_text(encoding="utf-8")
        .replace("id: solar-system", "id: other-deck", 1)
        .replace("deck: The solar system", "deck: Other deck"),
        encoding="utf-8",
    )
    deck = copy_deck(tmp_path)
    assert cli_sync(["--collection", str(collection)])(deck).exit_code == 0
    assert cli_sync(["--collection", str(collection)])(other).exit_code == 0
    with open_collection(collection) as col:
        basic = col.new_note(col.models.by_name("Basic"))
        basic["Front"], basic["Back"] = "my own note", "about " + REMOVED
        basic.tags = ["solar-system"]
        col.add_note(basic, col.decks.id(f"{OLD_TITLE}::The Sun"))
        child = col.find_notes('"note:quizgen cloze" tag:other-deck FactId:galileo-moons')[0]
        note = col.get_note(child)
        note.tags = ["solar-system::child"]  # a tag below the deck's, not the deck's own
        col.update_note(note)
        others = len(col.find_notes("tag:other-deck"))
    text = deck.read_text(encoding="utf-8")
    deck.write_text(
        text[: text.index("facts:")]
        + "facts:\n  - id: only-fact\n    text: Mars has two moons.\n    answer: two\n",
        encoding="utf-8",
    )
    result = cli_sync(["--collection", str(collection)])(deck)
    assert result.exit_code == 0, result.output
    assert "removed 32 notes of facts that are gone" in result.output
    with open_collection(collection) as col:
        assert col.get_note(basic.id)["Front"] == "my own note"
        assert col.get_note(child).tags == ["solar-system::child"]
        assert len(col.find_notes("tag:other-deck")) == others == 31
        kept = col.find_notes('"note:quizgen*" tag:solar-system')
        assert {col.get_note(nid)["FactId"] for nid in kept} == {"only-fact", "galileo-moons"}
        assert col.decks.id_for_name(f"{OLD_TITLE}::The Sun")  # still holds the own note


def test_missing_collection_is_an_error_not_a_new_collection(tmp_path: Path) -> None:
    missing = tmp_path / "collection.anki2"
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--collection", str(missing)])
    assert result.exit_code == 1
    assert "no such file: give the collection.anki2 of an Anki profile" in result.output
    assert not missing.exists()
    garbage = tmp_path / "notes.txt"
    garbage.write_text("hello", encoding="utf-8")
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--collection", str(garbage)])
    assert result.exit_code == 1
    assert "not an Anki collection" in result.output


def test_without_the_anki_library_sync_says_how_to_install_it(
    collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "anki" else real(name, *a)
    )
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--collection", str(collection)])
    assert result.exit_code == 2
    assert "pip install 'quizgen[anki]'" in result.output


def test_sync_needs_exactly_one_target() -> None:
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM)])
    assert result.exit_code == 2
    assert "give one of --collection FILE (Anki closed) or --ankiconnect [URL]" in result.output
