"""The shared first half of every command that uses questions: load, validate, generate.

`check`, `preview`, `build` and `quiz` all call `prepare`, so they agree on the questions and
all give the same warning, naming file, line and fact, when a fact cannot have one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from quizgen.engine.constants import ALL_KINDS, DEFAULT_OPTIONS, QuestionKind
from quizgen.engine.questions import (
    DeckQuestions,
    FactMapper,
    Shortfall,
    deck_questions,
    in_this_process,
)
from quizgen.facts.loader import LoadedDeck, load_decks


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
        """The loader's warnings, then one line per fact short of wrong options: left without
        a multiple-choice question, or asked with weaker ones to keep the deck's budget."""
        short = sorted(
            (*self.questions.shortfalls, *self.questions.kept),
            key=lambda item: self.loaded.fact_lines.get(item.fact_id, 0),
        )
        shortfalls = [self.warning(shortfall) for shortfall in short]
        return [*self.loaded.warnings, *shortfalls]

    def lint(self) -> list[str]:
        """The item-writing lint's findings, `FILE:LINE: fact 'id': message` (see lint.py)."""
        from quizgen.engine.lint import lint_deck

        return [
            f"{self.loaded.display_path}:{self.loaded.fact_lines.get(found.fact_id, 0)}: "
            f"fact {found.fact_id!r}: {found.message}"
            for found in lint_deck(self.questions)
        ]


def prepare(
    paths: Sequence[Path],
    *,
    seed: int = 0,
    options: int = DEFAULT_OPTIONS,
    kinds: Collection[QuestionKind] = ALL_KINDS,
    today: date | None = None,
    mapper: FactMapper = in_this_process,
) -> list[PreparedDeck]:
    """Load every fact file under `paths` and generate its questions; raises FactFileError."""
    return [
        PreparedDeck(
            loaded,
            deck_questions(
                loaded.deck, seed=seed, options=options, kinds=kinds, today=today, mapper=mapper
            ),
        )
        for loaded in load_decks(paths)
    ]
