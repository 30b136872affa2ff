"""What one writer put in one file, for the one-line build summary."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Written:
    """Notes (or questions) written, and the cards Anki makes from them (questions elsewhere)."""

    notes: int
    cards: int
    versions: int = 1  # printed sheets: each version asks the `notes` questions
