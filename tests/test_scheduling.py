"""Spaced repetition: grading, choosing what is due, FSRS rescheduling, and `quizgen review`."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from conftest import WriteFacts
from quiz_support import TIMEOUT, history_rows, known_deck, quiz_env, same_answer_deck
from typer.testing import CliRunner

from quizgen.answers.matching import Match
from quizgen.cli import app
from quizgen.engine.constants import QuestionKind
from quizgen.engine.questions import deck_questions
from quizgen.facts.models import DeckFile
from quizgen.quiz.history import CardKey, History, Outcome, StoredCard
from quizgen.quiz.scheduling import (
    Grade,
    Reviewer,
    card_id,
    count_due,
    grade,
    grade_reason,
    next_due,
    plan_review,
    start_of_day,
    wait_text,
)
from quizgen.quiz.session import AGAIN_LIMIT, QuizItem, Result, Selection, fact_items

runner = CliRunner()
NOW = datetime(2025, 11, 25, 12, 0, tzinfo=UTC)


def groups() -> list[list[QuizItem]]:
    deck = DeckFile.model_validate(yaml.safe_load(known_deck()))
    return fact_items([deck_questions(deck, seed=0)], Selection())


def result(
    item: QuizItem,
    outcome: Outcome = Outcome.RIGHT,
    seconds: float = 3.0,
    hints: int = 0,
    at: datetime = NOW,
) -> Result:
    return Result(item, 1, outcome, "x", Match(outcome is Outcome.RIGHT), hints, seconds, at)


def stored(item: QuizItem, due: datetime) -> StoredCard:
    return StoredCard(item.key, "{}", due, NOW - timedelta(days=30))


@pytest.mark.parametrize(
    ("kind", "outcome", "seconds", "hints", "expected", "reason"),
    [
        (QuestionKind.MCQ, Outcome.RIGHT, 3.0, 0, Grade.GOOD, None),
        (QuestionKind.MCQ, Outcome.RIGHT, 14.9, 0, Grade.GOOD, None),
        (QuestionKind.MCQ, Outcome.RIGHT, 15.1, 0, Grade.HARD, "slow: 15.1 s, over 15 s"),
        (QuestionKind.MCQ, Outcome.RIGHT, 3.0, 1, Grade.HARD, "hinted"),
        (QuestionKind.CLOZE, Outcome.RIGHT, 20.0, 0, Grade.GOOD, None),  # typing takes longer
        (QuestionKind.CLOZE, Outcome.RIGHT, 26.0, 0, Grade.HARD, "slow: 26.0 s, over 25 s"),
        (QuestionKind.CLOZE, Outcome.RIGHT, 3.0, 2, Grade.HARD, "hinted 2 times"),
        (QuestionKind.CLOZE, Outcome.RIGHT, 40.0, 1, Grade.HARD, "slow: 40.0 s, over 25 s; hinted"),
        (QuestionKind.CLOZE, Outcome.WRONG, 3.0, 0, Grade.AGAIN, "wrong"),
        (QuestionKind.MCQ, Outcome.SKIPPED, 1.0, 0, Grade.AGAIN, "skipped"),
    ],
)
def test_grade_and_the_reason_the_feedback_gives(
    kind: QuestionKind,
    outcome: Outcome,
    seconds: float,
    hints: int,
    expected: Grade,
    reason: str | None,
) -> None:
    item = next(i for group in groups() for i in group if i.kind is kind)
    graded = result(item, outcome, seconds, hints)
    assert grade(graded) is expected
    assert grade_reason(graded) == reason


def test_fsrs_ratings_have_the_same_values() -> None:
    from fsrs import Rating

    assert [Rating(g.value).name for g in Grade] == ["Again", "Hard", "Good"]


def test_due_cards_come_first_oldest_first_then_new_ones_up_to_the_daily_limit() -> None:
    facts = groups()  # 6 facts, each a cloze and a multiple-choice item
    cards = {
        facts[3][0].key: stored(facts[3][0], NOW - timedelta(days=1)),
        facts[1][1].key: stored(facts[1][1], NOW - timedelta(days=3)),
        facts[5][0].key: stored(facts[5][0], NOW + timedelta(hours=1)),  # not yet
    }
    plan = plan_review(facts, cards, NOW, introduced_today=1, new_per_day=3)
    assert plan.due == (facts[1][1], facts[3][0])
    # New: the first facts without a question today, multiple choice first; 3 - 1 allowed.
    assert [(i.fact.id, i.kind) for i in plan.new] == [
        (facts[0][0].fact.id, QuestionKind.MCQ),
        (facts[2][0].fact.id, QuestionKind.MCQ),
    ]
    assert plan.new_allowed == 2
    assert plan.items == [*plan.due, *plan.new]


def test_one_card_per_fact_per_session() -> None:
    facts = groups()
    cards = {item.key: stored(item, NOW - timedelta(minutes=5)) for item in facts[0]}
    plan = plan_review(facts, cards, NOW, new_per_day=0)
    assert len(plan.due) == 1
    assert plan.waiting == 1
    assert plan.new == ()


def test_the_limit_caps_due_and_new_together() -> None:
    facts = groups()
    cards = {group[0].key: stored(group[0], NOW - timedelta(days=1)) for group in facts[:3]}
    assert [len(p) for p in _parts(plan_review(facts, cards, NOW, limit=2))] == [2, 0]
    assert [len(p) for p in _parts(plan_review(facts, cards, NOW, limit=5))] == [3, 2]
    assert [len(p) for p in _parts(plan_review(facts, cards, NOW, new_per_day=0))] == [3, 0]


def _parts(plan: object) -> tuple[tuple[QuizItem, ...], tuple[QuizItem, ...]]:
    return plan.due, plan.new  # type: ignore[attr-defined]


def test_next_due_and_count_due() -> None:
    facts = groups()
    items = [item for group in facts for item in group]
    cards = {
        facts[0][0].key: stored(facts[0][0], NOW + timedelta(minutes=10)),
        facts[1][0].key: stored(facts[1][0], NOW + timedelta(days=2)),
    }
    assert next_due(items, cards) == NOW + timedelta(minutes=10)
    assert count_due(items, cards, NOW) == 0
    assert count_due(items, cards, NOW + timedelta(days=3)) == 2
    assert next_due(items, {}) is None


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=-5), "now"),
        (timedelta(seconds=30), "in less than a minute"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=10), "in 10 minutes"),
        (timedelta(hours=1), "in 1 hour"),
        (timedelta(hours=5, minutes=20), "in 5 hours"),
        (timedelta(days=1), "in 1 day"),
        (timedelta(days=12), "in 12 days"),
        (timedelta(days=90), "in 3 months"),
    ],
)
def test_wait_text(delta: timedelta, text: str) -> None:
    assert wait_text(delta) == text


def test_start_of_day_is_local_midnight() -> None:
    start = start_of_day(NOW)
    assert start <= NOW < start + timedelta(days=1)
    assert (start.hour, start.minute, start.second) == (0, 0, 0)


def test_card_ids_are_stable_and_distinct() -> None:
    first, second = CardKey("d", "f", "mcq", 0), CardKey("d", "f", "cloze", 1)
    assert card_id(first) == card_id(CardKey("d", "f", "mcq", 0)) != card_id(second)


def test_the_reviewer_reschedules_with_fsrs_and_stores_answer_and_card_together(
    home: Path,
) -> None:
    from fsrs import Card, Scheduler, State

    item = groups()[0][1]
    with History.open() as history:
        reviewer = Reviewer(history, {}, "s1", Scheduler(enable_fuzzing=False))
        assert reviewer(result(item)) == "Graded Good; next review in 10 minutes."
        first = history.cards(["known"])[item.key]
        assert first.due == NOW + timedelta(minutes=10)
        assert first.introduced_at == NOW

        later = NOW + timedelta(minutes=11)
        note = reviewer(result(item, at=later))
        card = Card.from_json(history.cards(["known"])[item.key].state)
        assert card.state is State.Review  # graduated
        assert note == f"Graded Good; next review {wait_text(card.due - later)}."
        assert card.due - later >= timedelta(days=1)

        much_later = card.due + timedelta(hours=1)
        assert reviewer(result(item, Outcome.WRONG, at=much_later)).startswith(
            "Graded Again (wrong); next review in 10 minutes"
        )
        again = history.cards(["known"])[item.key]
        assert Card.from_json(again.state).state is State.Relearning
        assert again.introduced_at == NOW  # the first review still counts as the day it began
    rows = history_rows(home)
    assert [(r["mode"], r["outcome"]) for r in rows] == [
        ("review", "right"),
        ("review", "right"),
        ("review", "wrong"),
    ]
    assert json.loads(again.state)["card_id"] == card_id(item.key)


def test_review_introduces_new_questions_up_to_the_daily_limit(
    workdir: Path, write_facts: WriteFacts
) -> None:
    write_facts(same_answer_deck("2014", 4))
    first = runner.invoke(
        app, ["review", "deck.yaml", "--new", "2", "--kind", "cloze"], "2014\n" * 9
    )
    assert first.exit_code == 0, first.output
    assert "Review · Same answer same (0 due, 2 new) · 2 questions" in first.output
    assert first.output.count("Graded Good; next review in 10 minutes.") == 2
    assert "Next review in 10 minutes (" in first.output
    assert "2 new questions waiting; today's 2 new are done (--new sets the daily limit)." in (
        first.output
    )

    again = runner.invoke(app, ["review", "deck.yaml", "--new", "2", "--kind", "cloze"], "2014\n")
    assert again.exit_code == 0, again.output
    assert again.output.startswith("Nothing to review now.\nNext review in 10 minutes (")

    more = runner.invoke(app, ["review", "deck.yaml", "--new", "3", "--kind", "cloze"], "2014\n")
    assert more.exit_code == 0, more.output
    assert "(0 due, 1 new) · 1 question" in more.output


def test_a_card_graded_again_is_asked_again_later_in_the_same_review(
    workdir: Path, write_facts: WriteFacts, home: Path
) -> None:
    write_facts(same_answer_deck("2014", 4))
    # wrong (Again), then hinted and right (Hard), then the first one once more, right (Good)
    replies = "nope\n?\n2014\n2014\n"
    run = runner.invoke(app, ["review", "deck.yaml", "--new", "2", "--kind", "cloze"], replies)
    assert run.exit_code == 0, run.output
    out = run.output
    assert "Graded Again (wrong); next review in 1 minute." in out
    assert "This question comes back later in this session." in out
    assert "Graded Hard (hinted); next review in" in out
    assert "[3/3] Topic 0 · fill the blank\nEvent number 0 happened with _____" in out
    assert out.count("Event number 0 happened") == 3  # asked, missed in the summary, asked again
    rows = history_rows(home)
    assert [(r["fact_id"], r["outcome"]) for r in rows] == [
        ("fact-0", "wrong"),
        ("fact-1", "right"),
        ("fact-0", "right"),
    ]


def test_a_card_missed_every_time_comes_back_at_most_the_limit(
    workdir: Path, write_facts: WriteFacts, home: Path
) -> None:
    write_facts(same_answer_deck("2014", 1))
    run = runner.invoke(app, ["review", "deck.yaml", "--kind", "cloze"], "s\n" * 10)
    assert run.exit_code == 0, run.output
    assert run.output.count("Graded Again (skipped)") == 1 + AGAIN_LIMIT
    assert f"Score: 0/{1 + AGAIN_LIMIT}" in run.output


def test_a_plain_quiz_never_loads_fsrs(workdir: Path, write_facts: WriteFacts, home: Path) -> None:
    deck = write_facts(same_answer_deck("2014", 3))
    script = textwrap.dedent(
        f"""
        import sys
        from quizgen.cli import main
        sys.argv = ["quizgen", "quiz", {str(deck)!r}, "--seed", "1"]
        try:
            main()
        except SystemExit:
            pass
        print("fsrs loaded:", "fsrs" in sys.modules, file=sys.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="2014\n" * 3,
        capture_output=True,
        text=True,
        env=quiz_env(home),
        timeout=TIMEOUT,
        check=False,
    )
    assert done.stderr.endswith("fsrs loaded: False\n"), done.stderr
    assert "Score: " in done.stdout
