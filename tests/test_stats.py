"""Progress per deck and topic, and the weakest facts, from the history alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.quiz.history import AnswerRecord, CardKey, History, Outcome, StoredCard
from quizgen.quiz.stats import DeckStats, TopicStats, WeakFact, compute_stats

runner = CliRunner()
NOW = datetime.now(UTC).replace(microsecond=0)


def record(
    history: History,
    fact: str,
    outcome: Outcome,
    *,
    deck: str = "geo",
    topic: str | None = "Capitals",
    kind: str = "cloze",
    minutes: int = 0,
    due: timedelta | None = None,
) -> None:
    key = CardKey(deck, fact, kind, 1 if kind == "cloze" else 0)
    at = NOW - timedelta(days=1) + timedelta(minutes=minutes)
    answer = AnswerRecord(
        card=key,
        deck=deck.title(),
        topic=topic,
        prompt=f"Prompt for {fact}",
        expected=f"answer-{fact}",
        given=None if outcome is Outcome.SKIPPED else "typed",
        outcome=outcome,
        seconds=4.0,
        answered_at=at,
        session="s",
        mode="review" if due is not None else "quiz",
    )
    card = StoredCard(key, "{}", NOW + due, at) if due is not None else None
    history.record(answer, card)


@pytest.fixture
def history(home: Path) -> History:
    opened = History.open()
    record(opened, "paris", Outcome.RIGHT, minutes=1)
    record(opened, "paris", Outcome.RIGHT, kind="mcq", minutes=2)
    record(opened, "rome", Outcome.WRONG, minutes=3, due=timedelta(hours=-1))
    record(opened, "rome", Outcome.WRONG, minutes=4, due=timedelta(hours=-1))
    record(opened, "rome", Outcome.RIGHT, minutes=5, due=timedelta(minutes=-1))
    record(opened, "oslo", Outcome.SKIPPED, minutes=6, due=timedelta(days=2))
    record(opened, "nile", Outcome.WRONG, topic="Rivers", minutes=7, due=timedelta(0))
    record(opened, "nile", Outcome.RIGHT, topic=None, minutes=8)
    record(opened, "mars", Outcome.RIGHT, deck="space", topic="Planets", minutes=9)
    return opened


def test_per_deck_and_topic(history: History) -> None:
    with history:
        stats = compute_stats(history, NOW)
    assert stats.answers == 9
    assert stats.first == NOW - timedelta(days=1, minutes=-1)
    assert stats.last == NOW - timedelta(days=1, minutes=-9)
    assert stats.decks == (
        DeckStats(
            "geo",
            "Geo",
            (
                # paris twice (cloze + mcq), rome x3 (1 right), oslo skipped: 4 questions seen
                TopicStats("Capitals", seen=4, answers=6, right=3, due=1),
                TopicStats("Rivers", seen=1, answers=1, right=0, due=1),
                TopicStats("(no topic)", seen=1, answers=1, right=1, due=0),
            ),
        ),
        DeckStats("space", "Space", (TopicStats("Planets", 1, 1, 1, 0),)),
    )
    assert stats.decks[0].total == TopicStats(None, 6, 8, 4, 2)
    assert stats.decks[0].topics[0].accuracy == 50


def test_weakest_facts_first(history: History) -> None:
    with history:
        weakest = compute_stats(history, NOW).weakest
    assert [(w.fact_id, w.right, w.answers) for w in weakest] == [
        ("oslo", 0, 1),  # never right
        ("rome", 1, 3),  # 2 misses, but right last
        ("nile", 1, 2),
    ]
    assert weakest[0] == WeakFact(
        deck_id="geo",
        fact_id="oslo",
        topic="Capitals",
        answers=1,
        right=0,
        prompt="Prompt for oslo",
        expected="answer-oslo",
        last_answered=NOW - timedelta(days=1, minutes=-6),
    )
    assert weakest[0].weakness > weakest[1].weakness > weakest[2].weakness


def test_one_deck_only(history: History) -> None:
    with history:
        stats = compute_stats(history, NOW, deck_id="space")
    assert [d.deck_id for d in stats.decks] == ["space"]
    assert stats.answers == 1
    assert stats.weakest == ()


def test_the_stats_command(history: History) -> None:
    history.close()
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Quiz history · 9 answers since ")
    assert "Geo [geo]" in lines
    # 4 questions answered 6 times in Capitals, 3 of the 6 answers right: each column says
    # what it counts, and the percentage is of the column beside it.
    assert "              questions  answers  right  due now" in lines
    assert "  Capitals            4        6    50%        1" in lines
    assert "  Rivers              1        1     0%        1" in lines
    assert "  All topics          6        8    50%        2" in lines
    assert (
        "questions: asked at least once · answers: all given, skips included · "
        "right: % of answers · due now: review cards due"
    ) in lines
    assert "Weakest facts" in lines
    assert "  oslo · Capitals · 0/1 right" in lines
    assert "    Answer: answer-oslo" in lines
    only = runner.invoke(app, ["stats", "--deck", "space"])
    assert "Geo [geo]" not in only.output
    assert "Space [space]" in only.output
