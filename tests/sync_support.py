"""The learner's story that `quizgen sync` must survive, for any Anki it syncs into.

The deck is the solar-system fixture. Sync it, study some cards with the scheduler, then the
teacher edits a fact, moves one to another topic, renames the deck and removes a fact; sync
again, and a third time. A backend test supplies an `AnkiView` (how to read and study its
Anki) and the command line that syncs into it; `run_story` does the rest and asserts.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from conftest import SOLAR_SYSTEM
from typer.testing import CliRunner, Result

from quizgen.cli import app

runner = CliRunner()

OLD_TITLE = "The solar system"
NEW_TITLE = "Our solar system"
EDITED = "galileo-moons"
EDIT_FROM = "They are still called the Galilean moons."
EDIT_TO = "Astronomers still call them the Galilean moons."
MOVED = "pluto-discoverer"
REMOVED = "sunlight-travel-time"
STUDIED = (EDITED, MOVED, REMOVED, "olympus-mons", "moon-landing")


@dataclass(frozen=True)
class CardState:
    """What a card's progress is: the scheduling fields a sync must never touch."""

    note_id: int
    fact_id: str
    kind: str  # the note type's name
    deck: str
    due: int
    interval: int
    reps: int
    queue: int
    type: int


class AnkiView(Protocol):
    """Reading and studying one Anki collection, whichever way the backend reaches it."""

    def cards(self) -> dict[int, CardState]:
        """Every card of quizgen's note types."""

    def reviews(self) -> dict[int, list[int]]:
        """Card id -> the ids of its review log entries."""

    def fields(self, note_id: int) -> dict[str, str]: ...

    def tags(self, note_id: int) -> list[str]: ...

    def decks(self) -> set[str]: ...

    def study(self, card_ids: list[int]) -> None:
        """Answer each card Good with Anki's own scheduler."""

    def give_options(self, deck: str) -> int:
        """Give the deck an options preset of its own (as a learner tuning it does); its id."""

    def options(self, deck: str) -> int:
        """The id of the deck's options preset."""


Sync = Callable[..., Result]


def cli_sync(target: list[str]) -> Sync:
    """`quizgen sync DECK TARGET... EXTRA...` through the command line."""

    def sync(deck: Path, *extra: str) -> Result:
        return runner.invoke(app, ["sync", str(deck), *target, *extra])

    return sync


def copy_deck(folder: Path) -> Path:
    path = folder / "solar-system.yaml"
    shutil.copy(SOLAR_SYSTEM, path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def teacher_changes(path: Path) -> None:
    """Edit a fact, move one to another topic, rename the deck, remove a fact."""
    edit(path, EDIT_FROM, EDIT_TO)
    edit(
        path,
        f"  - id: {MOVED}\n    topic: Discoveries",
        f"  - id: {MOVED}\n    topic: Dwarf planets",
    )
    edit(path, f"deck: {OLD_TITLE}", f"deck: {NEW_TITLE}")
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {REMOVED}\n")
    end = text.index("  - id: ", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def _progress(card: CardState) -> tuple[int, int, int, int, int]:
    return (card.due, card.interval, card.reps, card.queue, card.type)


def run_story(
    view: AnkiView, sync: Sync, deck: Path, *, keep_removed: bool = False, renames: bool = True
) -> None:
    """The whole story, with every assertion the issue names. `renames`: the backend renames
    a deck whose title changed (else it moves the cards into the new decks)."""
    extra = ("--keep-removed",) if keep_removed else ()
    first = sync(deck, *extra)
    assert first.exit_code == 0, first.output
    assert "added 32 notes" in first.output
    cards = view.cards()
    assert {card.deck for card in cards.values()} == {
        f"{OLD_TITLE}::{topic}"
        for topic in ("Discoveries", "Dwarf planets", "Planets", "The Sun", "Missions")
    }
    studied = [cid for cid, card in cards.items() if card.fact_id in STUDIED]
    view.study(studied)
    before = view.cards()
    reviews = view.reviews()
    assert all(before[cid].reps == 1 and reviews[cid] for cid in studied)

    tuned = view.give_options(f"{OLD_TITLE}::Planets")
    teacher_changes(deck)
    dry = sync(deck, "--dry-run", *extra)
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing changed" in dry.output
    assert ("would rename deck" in dry.output) is renames
    assert "would move 2 notes to 'Our solar system::Dwarf planets'" in dry.output or not renames
    assert view.cards() == before  # a dry run changes nothing

    second = sync(deck, *extra)
    assert second.exit_code == 0, second.output
    after = view.cards()
    gone = {cid for cid, card in before.items() if card.fact_id == REMOVED}
    assert gone and len(gone) < len(before)
    if keep_removed:
        assert set(after) == set(before)
        for cid in gone:
            assert after[cid].queue == -1  # suspended
            assert "quizgen::removed" in view.tags(after[cid].note_id)
        assert "tagged quizgen::removed and suspended" in second.output
    else:
        assert set(after) == set(before) - gone  # no card recreated, only the removed ones gone
        assert f"removed 2 notes of facts that are gone: {REMOVED}" in second.output
    reviewed = view.reviews()
    for cid, card in before.items():
        if cid in gone:
            continue
        # every other card keeps its progress and its review log, whatever else changed
        assert _progress(after[cid]) == _progress(card), card.fact_id
        assert reviewed.get(cid, []) == reviews.get(cid, [])
        topic = "Dwarf planets" if card.fact_id == MOVED else card.deck.split("::")[1]
        assert after[cid].deck == f"{NEW_TITLE}::{topic}"
    edited = {card.note_id for card in after.values() if card.fact_id == EDITED}
    assert len(edited) == 2  # its multiple-choice and cloze notes
    for note_id in edited:
        shown = view.fields(note_id)
        assert EDIT_TO in (shown.get("Explanation") or shown.get("Extra") or "")
    assert view.options(f"{NEW_TITLE}::Planets") == tuned  # the learner's settings follow
    moved = [card for card in after.values() if card.fact_id == MOVED]
    assert moved and all(card.deck == f"{NEW_TITLE}::Dwarf planets" for card in moved)
    for card in moved:
        assert "Dwarf_planets" in view.tags(card.note_id)
    if renames:
        assert f"renamed deck {OLD_TITLE!r} to {NEW_TITLE!r}" in second.output
        assert (
            "  moved 2 notes to 'Our solar system::Dwarf planets': pluto-discoverer"
            in second.output
        )
        assert [line for line in second.output.splitlines() if line.startswith("  moved")] == [
            "  moved 2 notes to 'Our solar system::Dwarf planets': pluto-discoverer (cloze, mcq)"
        ]
    left = {name for name in view.decks() if name.startswith(OLD_TITLE)}
    # the decks emptied by the rename are removed; suspended cards keep theirs unless renamed
    assert left == ({OLD_TITLE, f"{OLD_TITLE}::The Sun"} if keep_removed and not renames else set())

    third = sync(deck, *extra)
    assert third.exit_code == 0, third.output
    assert "nothing to change" in third.output
    assert view.cards() == after
