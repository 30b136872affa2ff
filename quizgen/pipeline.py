"""The shared first half of every command that uses questions: load, validate, generate.

`check`, `preview`, `build` and `quiz` all call `prepare`, so they agree on the questions and
all give the same warning, naming file, line and fact, when a fact cannot have one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from quizgen.bulk import bulk_allocation
from quizgen.constants import ALL_KINDS, DEFAULT_OPTIONS, QuestionKind
from quizgen.loader import LoadedDeck, load_decks
from quizgen.questions import DeckQuestions, Shortfall, deck_questions


@dataclass(frozen=True)
class PreparedDeck:
    """A validated fact file and the questions it yields."""

    loaded: LoadedDeck
    questions: DeckQuestions

    def warning(self, shortfall: Shortfall) -> str:
        """`FILE:LINE: facts id: message`, like the loader's errors."""
        line = self.loaded.fact_lines.get(shortfall.fact_id, 0)
        return f"{self.loaded.display_path}:{line}: fact {shortfall.fact_id!r}: {shortfall.message}"

    @property
    def warnings(self) -> list[str]:
        """One line per fact left without a multiple-choice question."""
        return [self.warning(shortfall) for shortfall in self.questions.shortfalls]


def prepare(
    paths: Sequence[Path],
    *,
    seed: int = 0,
    options: int = DEFAULT_OPTIONS,
    kinds: Collection[QuestionKind] = ALL_KINDS,
    today: date | None = None,
) -> list[PreparedDeck]:
    """Load every fact file under `paths` and generate its questions; raises FactFileError."""
    with bulk_allocation():
        return [
            PreparedDeck(
                loaded,
                deck_questions(loaded.deck, seed=seed, options=options, kinds=kinds, today=today),
            )
            for loaded in load_decks(paths)
        ]
