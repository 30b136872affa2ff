"""Helpers shared by the quiz tests: known fact files, the console script, the history rows."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pexpect

#: The installed console script, next to the interpreter running the tests.
QUIZGEN = Path(sys.executable).parent / "quizgen"
#: Generous: the machine has 2 cores and other suites run at the same time.
TIMEOUT = 60
_SGR = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x01\x02]")


@dataclass(frozen=True)
class KnownFact:
    """A fact whose answers the tests know: right, with one forgivable typo, and its hint."""

    id: str
    before: str  # the cloze text before the blank: identifies the question on screen
    answer: str
    typo: str
    hint: str
    distractors: tuple[str, str, str]

    @property
    def text(self) -> str:
        return f"{self.before}{self.answer}."


KNOWN = (
    KnownFact("france", "The capital of France is ", "Paris", "Pariss", "city",
              ("Lyon", "Marseille", "Nice")),
    KnownFact("australia", "The capital of Australia is ", "Canberra", "Canbera", "city",
              ("Sydney", "Melbourne", "Perth")),
    KnownFact("ocean", "The largest ocean on Earth is the ", "Pacific", "Pacfic", "ocean",
              ("Atlantic", "Indian", "Arctic")),
    KnownFact("plants", "Plants make sugar from light by ", "photosynthesis", "photosynthsis",
              "process", ("respiration", "fermentation", "digestion")),
    KnownFact("moon", "The first person to walk on the Moon was Neil ", "Armstrong",
              "Armstorng", "surname", ("Aldrin", "Gagarin", "Collins")),
    KnownFact("river", "The longest river in South America is the ", "Amazon", "Amazn",
              "river", ("Orinoco", "Parana", "Madeira")),
)  # fmt: skip


def known_deck(deck_id: str = "known", title: str = "Known deck") -> str:
    """A fact file of KNOWN: each fact has a topic of its own, a hint and 3 distractors."""
    lines = [
        f"id: {deck_id}",
        f"deck: {title}",
        "source: {title: Test source}",
        "tags: [test]",
        "facts:",
    ]
    for fact in KNOWN:
        lines += [
            f"  - id: {fact.id}",
            f"    topic: Topic {fact.id}",
            f"    text: {fact.text}",
            f"    answer: {fact.answer}",
            "    kind: term",
            f"    hint: {fact.hint}",
            f"    distractors: [{', '.join(fact.distractors)}]",
            f"    explanation: Explained {fact.id}.",
        ]
    return "\n".join(lines) + "\n"


def same_answer_deck(answer: str, count: int, deck_id: str = "same") -> str:
    """`count` facts that all have the same answer, so piped answers fit any order."""
    lines = [f"id: {deck_id}", f"deck: Same answer {deck_id}", "facts:"]
    for i in range(count):
        lines += [
            f"  - id: fact-{i}",
            f"    topic: Topic {i % 2}",
            f'    text: "Event number {i} happened with {answer} involved."',
            f'    answer: "{answer}"',
        ]
    return "\n".join(lines) + "\n"


def quiz_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a quizgen child: its own history, UTF-8, and no NO_COLOR inherited."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "COLUMNS", "LINES"}}
    env.update(QUIZGEN_HOME=str(home), PYTHONUTF8="1", TERM="xterm-256color", **extra)
    return env


def strip_ansi(text: str) -> str:
    """Screen text without colour and terminal control sequences."""
    return _SGR.sub("", text)


def history_rows(home: Path) -> list[dict[str, Any]]:
    """Every answer in the history under `home`, oldest first, as dicts."""
    with closing(sqlite3.connect(home / "history.sqlite3")) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("SELECT * FROM answers ORDER BY id").fetchall()
        return [dict(row) for row in rows]


#: Terminal children the running test spawned (`track` them); `close_spawned` ends the ones
#: still open, so a failing test leaves no quiz or curate session behind.
_SPAWNED: list[pexpect.spawn] = []


def track(child: pexpect.spawn) -> pexpect.spawn:
    """Remember a spawned child for `close_spawned`; returns it."""
    _SPAWNED.append(child)
    return child


def close_spawned() -> None:
    """Close every tracked child that is still open (a test that failed half-way)."""
    while _SPAWNED:
        child = _SPAWNED.pop()
        if not child.closed:
            child.close(force=True)
