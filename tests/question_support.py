"""The questions one fact of a deck gets, seed after seed: what the tests of wrong options read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from quizgen.engine.constants import QuestionKind
from quizgen.engine.questions import ChoiceQuestion, DeckQuestions, deck_questions
from quizgen.facts.models import DeckFile

MCQ = frozenset({QuestionKind.MCQ})


def made(source: DeckFile, seed: int, options: int = 4) -> DeckQuestions:
    """The deck's multiple-choice questions at one seed."""
    return deck_questions(source, seed=seed, options=options, kinds=MCQ)


def question(source: DeckFile, fact_id: str, seed: int, options: int = 4) -> ChoiceQuestion | None:
    """One fact's multiple-choice question at one seed, or None when it is left out."""
    return next(
        (q for q in made(source, seed, options).questions if isinstance(q, ChoiceQuestion) and
         q.fact.id == fact_id),
        None,
    )  # fmt: skip


def wrong_options(
    source: DeckFile, fact_id: str, seeds: Iterable[int], options: int = 4
) -> Counter[str]:
    """Every wrong option offered for one fact over many seeds (each seed must ask it)."""
    seen: Counter[str] = Counter()
    for seed in seeds:
        asked = question(source, fact_id, seed, options)
        assert asked is not None, f"no question for {fact_id} at seed {seed}"
        seen.update(o for i, o in enumerate(asked.options) if i != asked.answer_index)
    return seen
