"""Shared fixtures: tiny fact files written into a temporary working directory.

Tests run inside `tmp_path` (see `workdir`), so the paths in quizgen's messages are the short
relative names the tests wrote, and an expected message can be spelt out exactly:
`deck.yaml:6: facts[1] 'mars-moons'.answer: ...`.
"""

from __future__ import annotations

import signal
import textwrap
from pathlib import Path
from typing import Protocol

import pytest

# A shell without job control starts background jobs with Ctrl-C ignored, and children inherit
# that: the terminal tests' Ctrl-C would then reach no quiz (README's test command, run as
# `cmd &` from a script, failed its four Ctrl-C tests so). A handler here is reset to the
# default in every child at exec, as at a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SEED_DECK = ROOT / "facts" / "ukraine-peace-talks.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOLAR_SYSTEM = FIXTURES / "solar-system.yaml"


class WriteFacts(Protocol):
    """The `write_facts` fixture: write a file under the working directory, return its path."""

    def __call__(self, content: str | bytes, name: str = "deck.yaml") -> Path: ...


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own QUIZGEN_HOME: no test touches the real user data folder."""
    path = tmp_path / "home"
    monkeypatch.setenv("QUIZGEN_HOME", str(path))
    return path


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`tmp_path`, made the working directory for the test."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write_facts(workdir: Path) -> WriteFacts:
    """Write a fact file (or any file) into the working directory.

    Text is dedented, so a test can indent its YAML with the code; bytes are written as they
    are (for encodings and control characters). `name` may contain folders; they are created.
    """

    def write(content: str | bytes, name: str = "deck.yaml") -> Path:
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write


@pytest.fixture
def minimal_deck() -> str:
    """The smallest valid fact file: one fact, every optional field left out."""
    return textwrap.dedent(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
        """
    )
