"""One deck as a printable Markdown worksheet: questions first, the answer key on its own page.

Each fact is asked once, as a fill-in or a multiple-choice question (quizgen.export.sheets
chooses, and draws the versions): fill-in questions come first (all of a fact's spans blanked
at once, each with its hint), then multiple choice, numbered through. No fact id, source or
explanation on the student part; the key, after a page break, has the explanations and the
source. Images are embedded as data URIs, each once (by reference), so the file stands alone
when printed or shared. Fact text is Markdown-escaped,
so `*`, `_`, `<script>` or `$` in a fact print as written instead of becoming formatting or HTML.
"""

from __future__ import annotations

import re
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question
from quizgen.export.media import Image, deck_images
from quizgen.export.sheets import (
    ONE_SHEET,
    Blank,
    Sheet,
    SheetSettings,
    fill_in_parts,
    make_sheets,
    prompt_parts,
    sheet_size,
)
from quizgen.export.written import Written
from quizgen.visible import visible

#: A page break every route honours: the HTML one for browsers and pandoc's HTML output, raw
#: LaTeX and raw Typst blocks for pandoc's PDF routes (each route drops the others' blocks).
PAGE_BREAK = "\n\n".join(
    (
        '<div style="page-break-before: always"></div>',
        "```{=latex}\n\\newpage\n```",
        "```{=typst}\n#pagebreak()\n```",
    )
)
NAME_DATE = r"Name: \_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_\_ Date: \_\_\_\_\_\_\_\_\_\_"
_SPECIAL = re.compile(r"([\\`*_\[\]<>&$~|#])")
_SPACES = re.compile(r"\s+")
BLANK = r"\_" * 10


def _inline(text: str) -> str:
    # Control characters are written out (`\x1b`), so the file is safe to `cat` too.
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", visible(text)))


def escape_markdown(text: str) -> str:
    """Text that renders as itself: one line, Markdown and HTML characters backslashed."""
    return _inline(text).strip()


def _pieces(parts: list[str | Blank]) -> str:
    return "".join(
        _inline(part)
        if isinstance(part, str)
        else BLANK + (f" *({escape_markdown(part.hint)})*" if part.hint else "")
        for part in parts
    ).strip()


def blanked(question: ClozeQuestion) -> str:
    """The statement with every cloze span blanked, each followed by its hint."""
    return _pieces(fill_in_parts(question))


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
    lines = [f"**{number}.** {_pieces(prompt_parts(question))}"]
    lines += _image(question, images, labels)
    lines.append("")
    # One marker per option: the letter, its parenthesis escaped so that no Markdown reader
    # (pandoc's fancy lists included) makes a list of them; a backslash ends each line.
    options = [
        f"{option_letter(index)}\\) {escape_markdown(option)}"
        for index, option in enumerate(question.options)
    ]
    return lines + _lines(options)


def _lines(lines: list[str]) -> list[str]:
    """Lines of one paragraph, each but the last ending in a hard line break (a backslash)."""
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _key(number: int, question: Question) -> str:
    if isinstance(question, ClozeQuestion):
        answer = "; ".join(escape_markdown(span) for span in question.spans)
    else:
        assert isinstance(question, ChoiceQuestion)
        letter = option_letter(question.answer_index)
        answer = f"{letter}) {escape_markdown(question.answer)}"
    explanation = question.fact.explanation
    return f"**{number}.** {answer}" + (f" — {escape_markdown(explanation)}" if explanation else "")


def _sheet(
    prepared: PreparedDeck, sheet: Sheet, images: dict[str, Image], labels: dict[Image, str]
) -> list[str]:
    deck = prepared.loaded.deck
    suffix = f" — Version {sheet.version}" if sheet.version else ""
    lines = [f"# {escape_markdown(deck.deck)}{suffix}", ""]
    if deck.description:
        lines += [escape_markdown(deck.description), ""]
    lines += [NAME_DATE, ""]
    numbered = sheet.numbered
    sections = (
        ("Fill in the blanks", numbered[: len(sheet.fill_in)]),
        ("Multiple choice", numbered[len(sheet.fill_in) :]),
    )
    for title, questions in sections:
        if not questions:
            continue
        lines += [f"## {title}", ""]
        for number, question in questions:
            lines += [*_question(number, question, images, labels), ""]
    lines += [PAGE_BREAK, "", f"## Answer key{suffix}", ""]
    if deck.source:
        lines += [f"*Source: {escape_markdown(deck.source.describe())}*", ""]
    lines += _lines([_key(number, question) for number, question in numbered])
    return lines


def render(prepared: PreparedDeck, settings: SheetSettings = ONE_SHEET) -> str:
    """The whole worksheet as Markdown text: each version's sheet, then its key."""
    images = deck_images(prepared.loaded)
    labels: dict[Image, str] = {}
    lines: list[str] = []
    for index, sheet in enumerate(make_sheets(prepared, settings)):
        if index:
            lines += ["", PAGE_BREAK, ""]
        lines += _sheet(prepared, sheet, images, labels)
    if labels:
        lines.append("")
        lines += [f"[{label}]: <{image.data_uri()}>" for image, label in labels.items()]
    return "\n".join(lines) + "\n"


def write(prepared: PreparedDeck, out: IO[bytes], settings: SheetSettings = ONE_SHEET) -> Written:
    """Write the worksheet; the questions on one sheet are counted as notes."""
    text = render(prepared, settings)
    count = sheet_size(prepared, settings)
    out.write(text.encode("utf-8"))
    return Written(notes=count, cards=count, versions=settings.versions)
