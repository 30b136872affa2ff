"""Every answer a student gives, in a SQLite database in their data directory.

One transaction per answer, committed before the feedback is shown, so Ctrl-C, a crash or a
closed terminal loses nothing already answered. WAL mode and a busy timeout let two quizzes
(two terminals, or a quiz and `stats`) write and read at once. The schema version lives in
`PRAGMA user_version`: a newer or unreadable database is reported, by path, and never touched.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self

from quizgen.errors import HistoryError

#: The environment variable that moves the quiz's data (history and card states) elsewhere.
HOME_VARIABLE = "QUIZGEN_HOME"
HISTORY_FILE = "history.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_SECONDS = 30.0
_WAL_ATTEMPTS = 20  # then carry on in SQLite's default journal mode

_SCHEMA = (
    """
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    answered_at TEXT NOT NULL,          -- ISO 8601, UTC
    session TEXT NOT NULL,              -- one id per quiz or review run
    mode TEXT NOT NULL,                 -- quiz | review
    deck_id TEXT NOT NULL,
    deck TEXT NOT NULL,                 -- the deck title at the time
    fact_id TEXT NOT NULL,
    question_kind TEXT NOT NULL,        -- mcq | cloze
    span INTEGER NOT NULL,              -- the cloze span number (c1 = 1), 0 for mcq
    topic TEXT,
    prompt TEXT NOT NULL,
    expected TEXT NOT NULL,
    given TEXT,                         -- NULL when skipped
    outcome TEXT NOT NULL CHECK (outcome IN ('right', 'wrong', 'skipped')),
    correct INTEGER NOT NULL,
    typo INTEGER NOT NULL DEFAULT 0,
    hints INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL
)""",
    "CREATE INDEX answers_by_card ON answers (deck_id, fact_id, question_kind, span)",
    """
CREATE TABLE cards (
    deck_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    question_kind TEXT NOT NULL,
    span INTEGER NOT NULL,
    topic TEXT,                         -- as at the last review, for `stats`
    state TEXT NOT NULL,                -- the FSRS card as JSON
    due TEXT NOT NULL,                  -- ISO 8601, UTC, copied from the state for queries
    introduced_at TEXT NOT NULL,        -- first review: counts against the daily new limit
    reviewed_at TEXT NOT NULL,
    PRIMARY KEY (deck_id, fact_id, question_kind, span)
)""",
)
_OUR_TABLES = {"answers", "cards"}


def data_dir() -> Path:
    """Where the quiz keeps its data: `$QUIZGEN_HOME`, else the platform's user data folder."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("quizgen", appauthor=False)


def history_path() -> Path:
    """The history database this user's quizzes write to."""
    return data_dir() / HISTORY_FILE


def timestamp(moment: datetime) -> str:
    """A UTC time as stored: ISO 8601 to the second, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_timestamp(text: object) -> datetime | None:
    """A stored time back as an aware datetime (UTC when stored without a zone), or None when
    the row holds something else: a damaged or hand-edited row is read around, not obeyed."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class CardKey(NamedTuple):
    """What one card is, for history and scheduling: a question of a fact in a deck."""

    deck_id: str
    fact_id: str
    kind: str  # QuestionKind value
    span: int  # cloze span number; 0 for multiple choice


class Outcome(StrEnum):
    """How a question ended."""

    RIGHT = "right"
    WRONG = "wrong"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as stored."""

    card: CardKey
    deck: str
    topic: str | None
    prompt: str
    expected: str
    given: str | None
    outcome: Outcome
    seconds: float
    answered_at: datetime
    session: str
    mode: str = "quiz"
    typo: bool = False
    hints: int = 0


@dataclass(frozen=True)
class StoredCard:
    """A card's scheduling state as stored; `scheduling` turns `state` into an FSRS card."""

    key: CardKey
    state: str
    due: datetime
    introduced_at: datetime


class History:
    """An open history database. Use as a context manager, or call `close`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, path: Path | None = None) -> Self:
        """Open (creating if needed) the history at `path`, default `history_path()`."""
        path = path or history_path()
        _check_folder(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(
                f"{path}: cannot create the folder for the quiz history "
                f"({error.strerror}): set {HOME_VARIABLE} to a folder you can write to"
            ) from None
        if not all(os.access(p, os.R_OK | os.W_OK) for p in (path.parent, path) if p.exists()):
            raise _not_writable(path, "permission denied")
        connection = _connect(path)
        try:
            _check_usable(path, connection)
        except BaseException:
            connection.close()
            raise
        return cls(path, connection)

    @classmethod
    def open_existing(cls, path: Path | None = None) -> Self | None:
        """Open the history if there is one, without creating it; None when there is none."""
        path = path or history_path()
        _check_folder(path)
        if not path.exists():
            return None
        return cls(path, _connect(path))

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; every answer is already committed."""
        self._connection.close()

    def record(self, answer: AnswerRecord, card: StoredCard | None = None) -> None:
        """Store one answer (and the card's new schedule) in one committed transaction."""
        key = answer.card
        with self._transaction():
            self._connection.execute(
                "INSERT INTO answers (answered_at, session, mode, deck_id, deck, fact_id, "
                "question_kind, span, topic, prompt, expected, given, outcome, correct, typo, "
                "hints, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    timestamp(answer.answered_at),
                    answer.session,
                    answer.mode,
                    key.deck_id,
                    answer.deck,
                    key.fact_id,
                    key.kind,
                    key.span,
                    answer.topic,
                    answer.prompt,
                    answer.expected,
                    answer.given,
                    answer.outcome.value,
                    int(answer.outcome is Outcome.RIGHT),
                    int(answer.typo),
                    answer.hints,
                    round(answer.seconds, 3),
                ),
            )
            if card is not None:
                self._connection.execute(
                    "INSERT INTO cards (deck_id, fact_id, question_kind, span, topic, state, due, "
                    "introduced_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (deck_id, fact_id, question_kind, span) DO UPDATE SET "
                    "topic = excluded.topic, state = excluded.state, due = excluded.due, "
                    "reviewed_at = excluded.reviewed_at",
                    (
                        *card.key,
                        answer.topic,
                        card.state,
                        timestamp(card.due),
                        timestamp(card.introduced_at),
                        timestamp(answer.answered_at),
                    ),
                )

    def cards(self, deck_ids: Iterable[str]) -> dict[CardKey, StoredCard]:
        """The scheduling state of every card already reviewed in these decks."""
        found: dict[CardKey, StoredCard] = {}
        for deck_id in sorted(set(deck_ids)):
            rows = self.query(
                "SELECT deck_id, fact_id, question_kind, span, state, due, introduced_at "
                "FROM cards WHERE deck_id = ?",
                (deck_id,),
            )
            for row in rows:
                due, introduced = parse_timestamp(row[5]), parse_timestamp(row[6])
                if due is None or introduced is None or not isinstance(row[4], str):
                    continue  # a damaged row: the card counts as new, and is rewritten
                key = CardKey(str(row[0]), str(row[1]), str(row[2]), whole_number(row[3]))
                found[key] = StoredCard(key, row[4], due, introduced)
        return found

    def introduced_since(self, deck_ids: Iterable[str], since: datetime) -> int:
        """How many cards of these decks had their first review at or after `since`."""
        ids = sorted(set(deck_ids))
        if not ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        rows = self.query(
            f"SELECT count(*) FROM cards WHERE deck_id IN ({marks}) AND introduced_at >= ?",
            (*ids, timestamp(since)),
        )
        return int(rows[0][0])

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query, for `stats` and tests."""
        try:
            return list(self._connection.execute(sql, parameters).fetchall())
        except sqlite3.DatabaseError as error:
            raise _unreadable(self.path, error) from None

    def _transaction(self) -> _Transaction:
        return _Transaction(self)


def whole_number(value: object) -> int:
    """A stored count or number as an int; 0 for anything else in a damaged row."""
    try:
        return int(float(str(value)))
    except (ValueError, OverflowError):
        return 0


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolling back on any error, with errors made HistoryErrors.

    IMMEDIATE takes the write lock up front, so a second writer waits (busy timeout) instead
    of failing halfway through.
    """

    def __init__(self, history: History) -> None:
        self._history = history

    def __enter__(self) -> None:
        try:
            self._history._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            raise _unreadable(self._history.path, error) from None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection = self._history._connection
        if error is not None:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.DatabaseError):
                raise _unreadable(self._history.path, error) from None
            return
        try:
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as commit_error:
            raise _unreadable(self._history.path, commit_error) from None


def _check_folder(path: Path) -> None:
    """The history's folder must be a folder and the history a file: anything else in their
    place is named, not skipped or opened (a FIFO would be waited on)."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise HistoryError(
            f"{folder}: the quiz history's folder is a file, not a folder: move that file "
            f"aside, or set {HOME_VARIABLE} to a folder"
        )
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise HistoryError(
            f"{path}: the quiz history is {what}: move it aside, or set {HOME_VARIABLE} to "
            "another folder"
        )


#: Histories up to this size are checked whole when a quiz starts (SQLite's quick_check reads
#: every page: 0.3 s at 80,000 answers); larger ones on the pages an answer writes to.
_CHECKED_WHOLE_BYTES = 16 * 1024 * 1024
#: The pages the first answer will touch: the newest rows and index entries of both tables.
_WRITE_PATH_READS = (
    "SELECT * FROM answers ORDER BY id DESC LIMIT 1",
    "SELECT deck_id, fact_id FROM answers INDEXED BY answers_by_card "
    "ORDER BY deck_id DESC, fact_id DESC, question_kind DESC, span DESC LIMIT 1",
    "SELECT * FROM cards ORDER BY deck_id DESC, fact_id DESC, question_kind DESC, span DESC "
    "LIMIT 1",
)


def _check_usable(path: Path, connection: sqlite3.Connection) -> None:
    """Before the first question, not after the first answer: the history can be written (a
    write lock taken and given back) and its pages read back whole (the pages an answer
    writes to, for a large history)."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        if path.stat().st_size <= _CHECKED_WHOLE_BYTES:
            verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
        else:
            for query in _WRITE_PATH_READS:
                connection.execute(query).fetchall()
            verdict = "ok"
    except sqlite3.DatabaseError as error:
        raise _unreadable(path, error) from None
    if verdict != "ok":
        raise _unreadable(path, sqlite3.DatabaseError(f"damaged: {' '.join(str(verdict).split())}"))


def _not_writable(path: Path, reason: str) -> HistoryError:
    return HistoryError(
        f"{path}: cannot write the quiz history ({reason}): quizgen writes the file and "
        f"beside it in {path.parent}; make both writable for you (chmod u+w), or set "
        f"{HOME_VARIABLE} to a folder you can write to"
    )


def _unreadable(path: Path, error: sqlite3.DatabaseError) -> HistoryError:
    message = str(error)
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return _not_writable(path, message)
    if isinstance(error, sqlite3.OperationalError) and _busy(error):
        return HistoryError(
            f"{path}: the quiz history stayed locked by another quizgen for "
            f"{BUSY_TIMEOUT_SECONDS:.0f} s ({message}): try again"
        )
    return HistoryError(
        f"{path}: cannot use the quiz history ({message}): it is left as it is; "
        f"move it aside to start a new history, or set {HOME_VARIABLE} to another folder"
    )


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to a history of our schema version, created or upgraded when allowed.

    Nothing is written before the file is known to be ours and not newer: a corrupt file or
    one from a newer quizgen is reported and left byte for byte as it was.
    """
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.DatabaseError as error:
        raise _unreadable(path, error) from None
    try:
        _set_up(path, connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _unreadable(path, error) from None
    except BaseException:
        connection.close()
        raise
    return connection


def _set_up(path: Path, connection: sqlite3.Connection) -> None:
    """Check the version, switch to WAL and create the schema, retrying while another starts.

    Switching a new database to WAL needs it to itself, and SQLite reports "database is
    locked" at once, without the busy timeout, when a second quiz is doing the same (seen
    with three quizzes started together on a new history). So this step retries, with jitter,
    for as long as the busy timeout; if WAL cannot be had at all (some network file systems),
    the history still works in SQLite's default mode.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    attempts = 0
    while True:
        attempts += 1
        try:
            version = _check_version(path, connection)
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal" and attempts < _WAL_ATTEMPTS:
                raise sqlite3.OperationalError("database is locked (journal mode unchanged)")
            if version < SCHEMA_VERSION:
                _create_schema(connection)
            return
        except sqlite3.OperationalError as error:
            if not _busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _busy(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return "locked" in message or "busy" in message


def _check_version(path: Path, connection: sqlite3.Connection) -> int:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"{path}: this quiz history was written by a newer quizgen "
            f"(schema version {version}; this quizgen reads up to {SCHEMA_VERSION}): it is left "
            f"as it is; upgrade quizgen, or set {HOME_VARIABLE} to another folder"
        )
    if version == 0:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if tables - _OUR_TABLES:
            raise HistoryError(
                f"{path}: this SQLite database is not a quizgen history (it has "
                f"tables {', '.join(sorted(tables))}): it is left as it is; move it aside, or "
                f"set {HOME_VARIABLE} to another folder"
            )
    return version


def _create_schema(connection: sqlite3.Connection) -> None:
    """Create the tables once, even when two quizzes start on a new history at the same time."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            for statement in _SCHEMA:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
