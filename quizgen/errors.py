"""One exception family: everything a user can fix, carrying where it went wrong.

The CLI turns any `QuizgenError` into `Error: ...` lines on stderr and exit 1, so library code
raises these instead of printing, and no traceback ever reaches a teacher or a student.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

Location = tuple[str | int, ...]


def format_location(where: Iterable[str | int], fact_ids: Mapping[int, str] | None = None) -> str:
    """('facts', 2, 'answer') -> "facts[3] 'smallest-bone'.answer", the way a teacher reads it:
    items counted from 1, and a fact named by its id when `fact_ids` knows it."""
    parts = tuple(where)
    text = ""
    for position, part in enumerate(parts):
        if isinstance(part, int):
            text += f"[{part + 1}]"
            if position == 1 and parts[0] == "facts" and fact_ids and part in fact_ids:
                text += f" {shown_id(fact_ids[part])}"
        elif part != "[key]":
            text += f".{part}" if text else str(part)
    return text


def shown_id(fact_id: str) -> str:
    """A fact id as messages quote it: in quotes, escaped, and cut short if it is very long."""
    return repr(fact_id if len(fact_id) <= 40 else fact_id[:39] + "…")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line, in one field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class QuizgenError(Exception):
    """Base of every error quizgen reports to a user."""


class FactFileError(QuizgenError):
    """One or more fact files are invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NoFactFiles(QuizgenError):
    """The paths given hold no fact file: a usage mistake (like a path that does not exist),
    not invalid content, so the CLI exits 2 for it."""

    def __init__(self, shown: str) -> None:
        super().__init__(
            f"no fact files (.yaml or .yml) in {shown}: name fact files, or folders that hold them"
        )


class OutputError(QuizgenError):
    """An output file could not be written."""


class HistoryError(QuizgenError):
    """The quiz history database is unusable (corrupt, or written by a newer quizgen)."""


class DraftError(QuizgenError):
    """An article cannot be drafted into facts (unreadable, not UTF-8, empty, nothing to ask)."""


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside; or a symlink loop, a lost cwd
        return str(path)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 sentence", "2 sentences": a count and its noun, for every line a user reads."""
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


class NotUtf8(ValueError):
    """Bytes that are not UTF-8, and where: callers turn it into their own user error."""

    def __init__(self, line: int, byte: int) -> None:
        super().__init__(f"line {line}: byte 0x{byte:02x} is not UTF-8")
        self.line, self.byte = line, byte


def decode_utf8(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or NotUtf8 naming the line of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data.count(b"\n", 0, error.start) + 1, data[error.start]) from None
