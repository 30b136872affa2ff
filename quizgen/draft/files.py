"""Reading the article (a regular file or standard input, UTF-8) and writing the draft without
ever overwriting a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from quizgen.atomic import write_atomic
from quizgen.draft.candidates import Draft
from quizgen.errors import DraftError, NotUtf8, decode_utf8, display_path
from quizgen.reading import NotReadable, read_regular_file, read_stream

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


#: An article longer than this is not one article (a book is 1 MB): refuse it with a message.
MAX_ARTICLE_BYTES = 10_000_000


def read_article(path: Path, stdin: BinaryIO | None) -> tuple[str, str | None]:
    """The article's text and file name; `-` reads `stdin` and has no name."""
    if str(path) == "-":
        try:
            data = read_stream(stdin, MAX_ARTICLE_BYTES)
        except NotReadable as error:
            raise DraftError(f"standard input {error}") from None
        return decode_article(data, "standard input"), None
    try:
        data = read_regular_file(path, MAX_ARTICLE_BYTES)
    except NotReadable as error:
        raise DraftError(f"{display_path(path)} {error}") from None
    return decode_article(data, display_path(path)), path.name


def default_output(deck_id: str) -> Path:
    """Where a draft goes without `-o`: facts/<deck-id>.yaml."""
    return DEFAULT_FOLDER / f"{deck_id}.yaml"


def write_draft(draft: Draft, output: Path | None) -> Path:
    """Write the draft's fact file; an existing file is never overwritten."""
    target = output or default_output(draft.deck_id)
    write_atomic(target, draft.yaml_text().encode(), overwrite=False)
    return target
