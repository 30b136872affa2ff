"""The history database: every answer kept, concurrent quizzes, and files we must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import WriteFacts
from quiz_support import QUIZGEN, TIMEOUT, history_rows, quiz_env, same_answer_deck
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.errors import HistoryError
from quizgen.quiz.history import (
    SCHEMA_VERSION,
    AnswerRecord,
    CardKey,
    History,
    Outcome,
    StoredCard,
    data_dir,
    history_path,
)

runner = CliRunner()
WHEN = datetime(2025, 11, 25, 17, 0, tzinfo=UTC)


def answer(fact: str = "f1", outcome: Outcome = Outcome.RIGHT, **changes: object) -> AnswerRecord:
    fields: dict[str, object] = {
        "card": CardKey("deck", fact, "cloze", 1),
        "deck": "Deck",
        "topic": "Topic",
        "prompt": "The _____ is here.",
        "expected": "answer",
        "given": "answer" if outcome is not Outcome.SKIPPED else None,
        "outcome": outcome,
        "seconds": 2.5,
        "answered_at": WHEN,
        "session": "s1",
    }
    fields.update(changes)
    return AnswerRecord(**fields)  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_quizgen_home_moves_the_history(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_dir() == home
    assert history_path() == home / "history.sqlite3"
    monkeypatch.delenv("QUIZGEN_HOME")
    assert history_path().name == "history.sqlite3"
    assert "quizgen" in str(history_path().parent)


def test_answers_and_card_states_round_trip(home: Path) -> None:
    with History.open() as history:
        history.record(answer("f1", typo=True, hints=1))
        card = StoredCard(CardKey("deck", "f2", "mcq", 0), '{"x": 1}', WHEN + timedelta(1), WHEN)
        history.record(answer("f2", Outcome.SKIPPED, card=card.key), card)
        assert history.cards(["deck", "other"]) == {card.key: card}
        assert history.introduced_since(["deck"], WHEN) == 1
        assert history.introduced_since(["deck"], WHEN + timedelta(seconds=1)) == 0
    rows = history_rows(home)
    assert [(r["fact_id"], r["outcome"], r["correct"], r["typo"], r["hints"]) for r in rows] == [
        ("f1", "right", 1, 1, 1),
        ("f2", "skipped", 0, 0, 0),
    ]
    assert rows[0]["answered_at"] == "2025-11-25T17:00:00+00:00"
    assert rows[1]["given"] is None
    with closing(sqlite3.connect(home / "history.sqlite3")) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_each_answer_is_committed_at_once(home: Path) -> None:
    """Another connection sees the answer while the quiz still has the history open."""
    with History.open() as history:
        history.record(answer())
        assert len(history_rows(home)) == 1


def test_stats_does_not_create_a_history(home: Path) -> None:
    assert History.open_existing() is None
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No answers yet in ")
    assert not home.exists()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database\n" * 200, b"SQLite format 3\x00" + b"\xff" * 5000],
    ids=["text", "bad-header"],
)
@pytest.mark.parametrize("command", [["quiz"], ["review"], ["stats"]])
def test_a_corrupt_history_is_reported_and_left_alone(
    home: Path, workdir: Path, write_facts: WriteFacts, content: bytes, command: list[str]
) -> None:
    write_facts(same_answer_deck("2014", 2))
    home.mkdir()
    path = home / "history.sqlite3"
    path.write_bytes(content)
    before = digest(path)
    args = [*command, "deck.yaml"] if command != ["stats"] else command
    result = runner.invoke(app, args, input="2014\n")
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {path}: cannot use the quiz history (")
    assert "it is left as it is; move it aside to start a new history" in result.output
    assert digest(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]


def test_a_history_from_a_newer_quizgen_is_reported_and_left_alone(
    home: Path, workdir: Path, write_facts: WriteFacts
) -> None:
    write_facts(same_answer_deck("2014", 2))
    with History.open() as history:
        history.record(answer())
    path = home / "history.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.execute("PRAGMA journal_mode = DELETE")  # one file, easy to compare
    before = digest(path)
    for args in (["quiz", "deck.yaml"], ["stats"]):
        result = runner.invoke(app, args, input="2014\n")
        assert result.exit_code == 1, result.output
        assert result.output == (
            f"Error: {path}: this quiz history was written by a newer quizgen (schema version "
            f"{SCHEMA_VERSION + 1}; this quizgen reads up to {SCHEMA_VERSION}): it is left as it "
            "is; upgrade quizgen, or set QUIZGEN_HOME to another folder\n"
        )
    assert digest(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]


def test_another_sqlite_database_is_not_taken_over(home: Path) -> None:
    home.mkdir()
    path = home / "history.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.commit()
    before = digest(path)
    with pytest.raises(HistoryError, match="is not a quizgen history .*tables notes"):
        History.open()
    assert digest(path) == before


def test_an_unwritable_home_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(HistoryError, match="cannot create the folder for the quiz history"):
        History.open(blocker / "sub" / "history.sqlite3")


WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime
    from quizgen.quiz.history import AnswerRecord, CardKey, History, Outcome, StoredCard

    name, count, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    with History.open() as history:
        while time.time() < start:
            time.sleep(0.005)
        for i in range(count):
            now = datetime.now(UTC)
            key = CardKey("deck", f"{name}-{i % 7}", "cloze", 1)
            history.record(
                AnswerRecord(key, "Deck", "T", "p", "e", str(i), Outcome.RIGHT, 0.1, now, name),
                StoredCard(key, "{}", now, now),
            )
            time.sleep(0.002)  # a (very fast) student's thinking time
    """
)


def stop(processes: list[subprocess.Popen[str]]) -> None:
    """Kill what is still running and reap everything, so no test leaves a process behind."""
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=TIMEOUT)
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


OPENER = textwrap.dedent(
    """
    import sys, time
    from quizgen.quiz.history import History

    start = float(sys.argv[1])
    while time.time() < start:
        pass
    with History.open():
        pass
    """
)


def test_quizzes_starting_together_on_a_new_history_all_open_it(tmp_path: Path) -> None:
    """Regression: switching a new database to WAL failed at once with "database is locked"
    (no busy timeout) when a second quiz started at the same moment."""
    import time

    for round in range(2):
        home = tmp_path / f"home{round}"
        start = time.time() + 1.0
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(start)],
                env=quiz_env(home),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        try:
            for opener in openers:
                _, errors = opener.communicate(timeout=TIMEOUT)
                assert opener.returncode == 0, errors
        finally:
            stop(openers)
        with closing(sqlite3.connect(home / "history.sqlite3")) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.slow
def test_two_writers_at_once_keep_every_answer(home: Path, tmp_path: Path) -> None:
    """Two processes hammer one new history at the same moment (WAL + busy timeout)."""
    import time

    start = time.time() + 1.5  # both are running by then
    count = 150
    env = quiz_env(home)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, name, str(count), str(start)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    try:
        for writer in writers:
            _, errors = writer.communicate(timeout=TIMEOUT)
            assert writer.returncode == 0, errors
    finally:
        stop(writers)
    rows = history_rows(home)
    assert len(rows) == 2 * count
    for name in ("a", "b"):
        given = [int(r["given"]) for r in rows if r["session"] == name]
        assert given == list(range(count))
    sessions = [r["session"] for r in rows]
    switches = sum(1 for x, y in zip(sessions, sessions[1:], strict=False) if x != y)
    assert switches > 1, "the two writers did not overlap; the test proves nothing"


def test_two_quiz_sessions_at_once_keep_every_answer(
    home: Path, workdir: Path, write_facts: WriteFacts
) -> None:
    deck = write_facts(same_answer_deck("2014", 30))
    quizzes = [
        subprocess.Popen(
            [str(QUIZGEN), "quiz", str(deck), "--kind", "cloze", "--seed", str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=workdir,
            env=quiz_env(home),
        )
        for seed in (1, 2)
    ]
    try:
        for quiz in quizzes:
            assert quiz.stdin is not None
            quiz.stdin.write("2014\n" * 30)
            quiz.stdin.close()
        for quiz in quizzes:
            assert quiz.stdout is not None and quiz.stderr is not None
            out, errors = quiz.stdout.read(), quiz.stderr.read()
            assert quiz.wait(timeout=TIMEOUT) == 0, errors
            assert "Score: 30/30 (100%)" in out
    finally:
        stop(quizzes)
    rows = history_rows(home)
    assert len(rows) == 60
    by_session: dict[str, set[str]] = {}
    for row in rows:
        by_session.setdefault(row["session"], set()).add(row["fact_id"])
    assert sorted(len(facts) for facts in by_session.values()) == [30, 30]
