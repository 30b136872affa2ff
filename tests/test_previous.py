"""The package a rebuild replaces, read ahead in a thread: the same answer as reading it then."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from anki_support import build
from conftest import SEED_DECK

from quizgen.previous import ReadAhead, guessed_packages, placement, read_ahead


def test_a_missing_package_holds_nothing(tmp_path: Path) -> None:
    assert placement(tmp_path / "none.apkg") == {}


def test_each_fact_is_placed_in_its_topic_subdeck(tmp_path: Path) -> None:
    (report,) = build([SEED_DECK], tmp_path)
    found = placement(report.path)
    assert len(found) == 35
    assert all(deck.startswith("Ukraine peace talks::") for deck in found.values())


def test_the_package_name_is_guessed_from_the_top_level_id(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    shutil.copy(SEED_DECK, facts)
    (facts / "flow.yaml").write_text("{id: flow, deck: F, facts: []}\n", encoding="utf-8")
    assert guessed_packages([facts], tmp_path / "decks", ".apkg") == [
        tmp_path / "decks" / "ukraine-peace-talks.apkg"
    ]


def test_read_ahead_gives_what_reading_then_gives(tmp_path: Path) -> None:
    (report,) = build([SEED_DECK], tmp_path / "decks")
    reading = read_ahead([SEED_DECK], tmp_path / "decks", ".apkg")
    assert reading.placement(report.path) == placement(report.path)


def test_a_package_changed_after_it_was_read_ahead_is_read_again(tmp_path: Path) -> None:
    copy = tmp_path / "deck.yaml"
    shutil.copy(SEED_DECK, copy)
    (report,) = build([copy], tmp_path / "decks")
    reading = ReadAhead([report.path])
    before = placement(report.path)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("topic: Peace plan", "topic: Renamed"), encoding="utf-8")
    build([copy], tmp_path / "decks")
    after = reading.placement(report.path)
    assert after == placement(report.path) != before
    assert "Ukraine peace talks::Renamed" in after.values()


def test_a_package_not_guessed_is_read_when_asked(tmp_path: Path) -> None:
    (report,) = build([SEED_DECK], tmp_path)
    reading = ReadAhead([])
    assert reading.placement(report.path) == placement(report.path)


def test_an_unreadable_package_raises_as_reading_it_then_would(tmp_path: Path) -> None:
    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"not a zip at all")
    reading = ReadAhead([broken])
    with pytest.raises(zipfile.BadZipFile):
        reading.placement(broken)


def test_a_read_ahead_no_one_asks_for_leaves_no_process(tmp_path: Path) -> None:
    import os

    (report,) = build([SEED_DECK], tmp_path)
    reading = ReadAhead([report.path])
    reading.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
