"""One deck as a printable Markdown worksheet: questions first, the answer key on its own page.

Fill-in-the-blank questions come first (all of a fact's spans blanked at once, each with its
hint), then multiple choice, numbered through. Images are embedded as data URIs, each once
(by reference), so the file stands alone when printed or shared. Fact text is Markdown-escaped,
so `*`, `_`, `<script>` or `$` in a fact print as written instead of becoming formatting or HTML.
"""

from __future__ import annotations

import re
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question, cloze_starts
from quizgen.export.media import Image, deck_images
from quizgen.export.written import Written

PAGE_BREAK = '<div style="page-break-before: always"></div>'
_SPECIAL = re.compile(r"([\\`*_\[\]<>&$~|#])")
_SPACES = re.compile(r"\s+")
BLANK = r"\_" * 10


def _inline(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text))


def escape_markdown(text: str) -> str:
    """Text that renders as itself: one line, Markdown and HTML characters backslashed."""
    return _inline(text).strip()


def blanked(question: ClozeQuestion) -> str:
    """The statement with every cloze span blanked, each followed by its hint."""
    text = question.fact.text
    starts = cloze_starts(question.fact)
    located = sorted(zip(starts, range(1, len(starts) + 1), question.spans, strict=True))
    parts: list[str] = []
    position = 0
    for start, number, span in located:
        parts.append(_inline(text[position:start]))
        hint = question.hint(number)
        parts.append(f"{BLANK} *({escape_markdown(hint)})*" if hint else BLANK)
        position = start + len(span)
    parts.append(_inline(text[position:]))
    return "".join(parts).strip()


def _image(question: Question, images: dict[str, Image], labels: dict[Image, str]) -> list[str]:
    fact = question.fact
    if not fact.image:
        return []
    image = images[fact.image]
    label = labels.setdefault(image, f"image-{len(labels) + 1}")
    return ["", f"![{escape_markdown(image.name)}][{label}]"]


def _question(
    number: int, question: Question, images: dict[str, Image], labels: dict[Image, str]
) -> list[str]:
    if isinstance(question, ClozeQuestion):
        lines = [f"**{number}.** {blanked(question)}"]
        return lines + _image(question, images, labels)
    assert isinstance(question, ChoiceQuestion)
    lines = [f"**{number}.** {escape_markdown(question.prompt)}"]
    lines += _image(question, images, labels)
    lines.append("")
    lines += [
        f"- {option_letter(index)}) {escape_markdown(option)}"
        for index, option in enumerate(question.options)
    ]
    return lines


def _key(number: int, question: Question) -> str:
    if isinstance(question, ClozeQuestion):
        answer = "; ".join(escape_markdown(span) for span in question.spans)
    else:
        assert isinstance(question, ChoiceQuestion)
        letter = option_letter(question.answer_index)
        answer = f"{letter}) {escape_markdown(question.answer)}"
    explanation = question.fact.explanation
    return f"- **{number}.** {answer}" + (
        f" — {escape_markdown(explanation)}" if explanation else ""
    )


def render(prepared: PreparedDeck) -> str:
    """The whole worksheet as Markdown text."""
    deck = prepared.loaded.deck
    images = deck_images(prepared.loaded)
    labels: dict[Image, str] = {}
    lines = [f"# {escape_markdown(deck.deck)}", ""]
    if deck.description:
        lines += [escape_markdown(deck.description), ""]
    if deck.source:
        lines += [f"*Source: {escape_markdown(deck.source.describe())}*", ""]
    lines += [r"Name: \_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_", ""]
    sections = (
        ("Fill in the blanks", [q for q in prepared.questions if isinstance(q, ClozeQuestion)]),
        ("Multiple choice", [q for q in prepared.questions if isinstance(q, ChoiceQuestion)]),
    )
    numbered: list[tuple[int, Question]] = []
    for title, questions in sections:
        if not questions:
            continue
        lines += [f"## {title}", ""]
        for question in questions:
            number = len(numbered) + 1
            numbered.append((number, question))
            lines += [*_question(number, question, images, labels), ""]
    lines += [PAGE_BREAK, "", "## Answer key", ""]
    lines += [_key(number, question) for number, question in numbered]
    if labels:
        lines.append("")
        lines += [f"[{label}]: <{image.data_uri()}>" for image, label in labels.items()]
    return "\n".join(lines) + "\n"


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the worksheet; its questions are counted as notes."""
    count = sum(1 for _ in prepared.questions)
    out.write(render(prepared).encode("utf-8"))
    return Written(notes=count, cards=count)
