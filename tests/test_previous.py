"""The package a rebuild replaces: which fact sits in which subdeck, read back from it."""

from __future__ import annotations

from pathlib import Path

from anki_support import build
from conftest import SEED_DECK

from quizgen.export.previous import placement


def test_a_missing_package_holds_nothing(tmp_path: Path) -> None:
    assert placement(tmp_path / "none.apkg") == {}


def test_each_fact_is_placed_in_its_topic_subdeck(tmp_path: Path) -> None:
    (report,) = build([SEED_DECK], tmp_path)
    found = placement(report.path)
    assert len(found) == 35
    assert all(deck.startswith("Ukraine peace talks::") for deck in found.values())
