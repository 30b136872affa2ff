"""Reading printed worksheets back: a PDF's pages by part, its numbered questions and key lines.

The PDF is read with pypdf, a consumer that knows nothing of how quizgen wrote it. Each page
ends with its footer ("Version A   Page 1 of 2"), which tells which part (a version's sheet or
its key) the page belongs to. White space is dropped before comparing ("squashed"): where a
line wraps is the typesetter's business, the characters are ours.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SECTION_LINES = (
    "Fill in the blanks Write the missing word, name or number on each line.",
    "Multiple choice Circle the letter of the one right answer.",
)
_FOOTER = re.compile(r"(?P<label>.*?) ?Page (?P<page>\d+) of (?P<last>\d+)")


def squash(text: str) -> str:
    """The text without any white space."""
    return "".join(text.split())


@dataclass
class Page:
    """One page: its lines without the footer, and what the footer says."""

    label: str
    number: int
    last: int
    lines: list[str]
    images: int


@dataclass
class Part:
    """A run of pages numbered from 1: one version's sheet, or one key."""

    label: str
    pages: list[Page] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [line for page in self.pages for line in page.lines]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def pages_of(path: Path) -> list[Page]:
    """Every page of the PDF, its footer read off its last line."""
    pages = []
    for page in PdfReader(path).pages:
        *lines, footer = page.extract_text().rstrip("\n").split("\n")
        found = _FOOTER.fullmatch(footer.strip())
        assert found, f"no page footer on a page: {footer!r}"
        pages.append(
            Page(
                found["label"],
                int(found["page"]),
                int(found["last"]),
                lines,
                len(page.images),
            )
        )
    return pages


def parts_of(path: Path) -> list[Part]:
    """The pages grouped into parts; each part's pages are numbered 1 to its last."""
    parts: list[Part] = []
    for page in pages_of(path):
        if page.number == 1:
            parts.append(Part(page.label))
        part = parts[-1]
        assert page.label == part.label and page.number == len(part.pages) + 1
        part.pages.append(page)
    for part in parts:
        assert {page.last for page in part.pages} == {len(part.pages)}, part.label
    return parts


def numbered(lines: Sequence[str], after: int = 0) -> dict[int, str]:
    """Question (or key line) number -> its squashed text, from lines that start "N. ", the
    first numbered `after` + 1 (lines before it are headings)."""
    chunks: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines:
        if line.strip() in SECTION_LINES:
            continue
        found = re.match(r"(\d+)\. ?(.*)", line)
        if found and int(found[1]) == (current or after) + 1:
            current = int(found[1])
            chunks[current] = [found[2]]
        elif current is not None:
            chunks[current].append(line)
    return {number: squash(" ".join(text)) for number, text in chunks.items()}


def cloze_text(question: ClozeQuestion) -> str:
    """What a fill-in question prints, squashed: each span gone, its hint in brackets."""
    text = question.text
    located = sorted(
        zip(question.starts, range(1, len(question.spans) + 1), question.spans, strict=True)
    )
    parts, position = [], 0
    for start, number, span in located:
        hint = question.hint(number)
        parts += [text[position:start], f"({hint})" if hint else ""]
        position = start + len(span)
    parts.append(text[position:])
    return squash("".join(parts))


def choice_prompt(question: ChoiceQuestion) -> str:
    """What a multiple-choice question prints before its options, squashed."""
    fact = question.fact
    if fact.question:
        return squash(fact.question)
    return squash(question.prompt.replace("_____", ""))


def printed_options(chunk: str, question: ChoiceQuestion) -> list[str] | None:
    """The question's options in the order the sheet prints them, if the chunk is this
    question with exactly its options after the letters A), B)..."""
    prompt = choice_prompt(question)
    if not chunk.startswith(prompt):
        return None
    rest, remaining, order = chunk[len(prompt) :], list(question.options), []
    for index in range(len(question.options)):
        marker = f"{LETTERS[index]})"
        following = f"{LETTERS[index + 1]})" if index + 1 < len(question.options) else ""
        match = [
            option
            for option in remaining
            if rest.startswith(marker + squash(option))
            and rest[len(marker + squash(option)) :].startswith(following)
            and (following or rest == marker + squash(option))
        ]
        if len(match) != 1:
            return None
        order.append(match[0])
        remaining.remove(match[0])
        rest = rest[len(marker + squash(match[0])) :]
    return order


@dataclass(frozen=True)
class Asked:
    """One question as the sheet prints it: which fact, which kind, the options in order."""

    fact_id: str
    kind: str
    options: tuple[str, ...] = ()


def identify(chunk: str, questions: Sequence[Question]) -> list[Asked]:
    """Every engine question this printed chunk is (a right sheet gives exactly one)."""
    found = []
    for question in questions:
        if isinstance(question, ClozeQuestion):
            if chunk == cloze_text(question):
                found.append(Asked(question.fact.id, "cloze"))
        else:
            order = printed_options(chunk, question)
            if order is not None:
                found.append(Asked(question.fact.id, "mcq", tuple(order)))
    return found


def sheet_questions(part: Part, questions: Sequence[Question]) -> dict[int, Asked]:
    """Number -> the question printed there, read page by page (so a question split over two
    pages is not recognised)."""
    asked: dict[int, Asked] = {}
    previous = 0
    for page in part.pages:
        chunks = numbered(page.lines, previous)
        for number, chunk in chunks.items():
            matches = identify(chunk, questions)
            assert len(matches) == 1, f"{part.label} question {number}: {chunk!r} -> {matches}"
            asked[number] = matches[0]
        previous = max(chunks, default=previous)
    return asked


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of this size (Typst checks every chunk's CRC)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
