"""Reading the article (a regular file or standard input, UTF-8) and writing the draft without
ever overwriting a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from quizgen.atomic import write_atomic
from quizgen.draft.candidates import Draft
from quizgen.errors import DraftError, NotUtf8, decode_utf8, display_path

DEFAULT_FOLDER = Path("facts")


def decode_article(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a DraftError that says how to fix it."""
    try:
        return decode_utf8(data)
    except NotUtf8 as error:
        raise DraftError(
            f"{name}:{error.line}: is not UTF-8 text (byte 0x{error.byte:02x}): save the "
            "article as UTF-8 (plain text or Markdown)"
        ) from None


def read_article(path: Path, stdin: BinaryIO) -> tuple[str, str | None]:
    """The article's text and file name; `-` reads `stdin` and has no name."""
    if str(path) == "-":
        return decode_article(stdin.read(), "standard input"), None
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DraftError(f"cannot read {display_path(path)}: {error.strerror}") from None
    return decode_article(data, display_path(path)), path.name


def default_output(deck_id: str) -> Path:
    """Where a draft goes without `-o`: facts/<deck-id>.yaml."""
    return DEFAULT_FOLDER / f"{deck_id}.yaml"


def write_draft(draft: Draft, output: Path | None) -> Path:
    """Write the draft's fact file; an existing file is never overwritten."""
    target = output or default_output(draft.deck_id)
    write_atomic(target, draft.yaml_text().encode(), overwrite=False)
    return target
