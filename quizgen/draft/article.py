"""An article as paragraphs (Markdown headings become topics) and sentences (pysbd, which knows
"U.S." and "Dr." are not sentence ends).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text and the section heading it sits under, if any."""

    text: str
    heading: str | None  # None before the first section, and under the article's title


@dataclass(frozen=True)
class Article:
    """An article reduced to section headings and paragraphs of plain text."""

    paragraphs: list[Paragraph]
    title: str | None  # the first heading


_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", "'", ")")


# A line ending "U.S." or "Dr." may go on with the same sentence on the next line.
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Dr|Mr|Mrs|Ms|Prof|St|Gen|Jr|Sr|vs|etc|No)\.)$")


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    return line.endswith(_TERMINAL) and not _ABBREVIATED_END.search(line)


_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"\s+"), " "),
]


def plain(text: str) -> str:
    """Markdown inline markup removed: links keep their text, emphasis and code lose their marks."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text.strip()


def _heading(text: str) -> str:
    """A heading as a deck or topic name: Anki nests decks at "::", so no run of colons
    inside it and none at its ends ("# Part 1::" is "Part 1")."""
    return re.sub(r"\s*::+\s*", ": ", plain(text)).strip(" :")


def parse_article(text: str) -> Article:
    """Headings and paragraphs of plain text or Markdown.

    Lines separated by blank lines form a paragraph, joined when they are soft-wrapped; when
    every line of a block ends a sentence (plain text written one paragraph per line, like the
    seed briefing) each line is a paragraph of its own. List items are paragraphs; code blocks,
    tables and rules are skipped.
    """
    paragraphs: list[tuple[str, int | None]] = []  # text, index of its heading
    headings: list[tuple[int, str]] = []  # level, text
    heading: int | None = None
    block: list[str] = []
    in_fence = False

    def flush() -> None:
        lines = [line for line in block if line.strip()]
        block.clear()
        if not lines:
            return
        if len(lines) > 1 and all(_ends_sentence(line) for line in lines):
            groups = [[line] for line in lines]
        else:
            groups = [lines]
        for group in groups:
            body = plain(" ".join(group))
            if body:
                paragraphs.append((body, heading))

    for line in text.splitlines():
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _QUOTE.sub("", line)
        atx = _ATX_HEADING.match(line)
        setext = _SETEXT.match(line)
        if setext and len(block) == 1 and _heading(block[0]):
            headings.append((1 if setext.group(1)[0] == "=" else 2, _heading(block.pop())))
            heading = len(headings) - 1
            continue
        if atx:
            flush()
            if _heading(atx.group(2)):
                headings.append((len(atx.group(1)), _heading(atx.group(2))))
                heading = len(headings) - 1
            continue
        if not line.strip() or _RULE.match(line):
            flush()
            continue
        if line.lstrip().startswith("|"):
            flush()
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            line = line[item.end() :]
        block.append(line.strip())
    flush()
    # A first heading that is the only one at the top level titles the article; the others
    # name its sections, and sections are the topics.
    top_level = min((level for level, _ in headings), default=0)
    is_title = (
        bool(headings)
        and [level for level, _ in headings].count(top_level) == 1
        and (headings[0][0] == top_level)
    )
    return Article(
        [
            Paragraph(
                body, None if index is None or (is_title and index == 0) else headings[index][1]
            )
            for body, index in paragraphs
        ],
        headings[0][1] if headings else None,
    )


@functools.cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


#: pysbd's time grows with the square of a paragraph's length (400 KB took 104 s), so a long
#: paragraph is cut into pieces of about this many characters before it is segmented.
_PIECE = 2000
#: Where a piece may end: after a sentence's closing punctuation, before a capital or a quote.
_SENTENCE_GAP = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, by pysbd: abbreviations ("U.S.", "Dr.") do not end them."""
    segmenter = _segmenter()
    sentences: list[str] = []
    for piece in _pieces(paragraph):
        sentences += segmenter.segment(piece)
    return [" ".join(sentence.split()) for sentence in sentences if sentence.strip()]


def _pieces(paragraph: str) -> list[str]:
    """The paragraph in pieces of about `_PIECE` characters, each cut where a sentence surely
    ends (not after "Dr." or "U."), or at a space if a piece has no such place; in linear time."""
    pieces: list[str] = []
    start = 0
    while len(paragraph) - start > _PIECE:
        window = paragraph[start : start + _PIECE]
        cut = None
        for gap in _SENTENCE_GAP.finditer(window, _PIECE // 2):
            if not _ABBREVIATED_END.search(window[: gap.start()]):
                cut = gap.end()
                break
        if cut is None:
            space = window.rfind(" ")
            cut = space + 1 if space > 0 else _PIECE
        pieces.append(paragraph[start : start + cut])
        start += cut
    pieces.append(paragraph[start:])
    return pieces
