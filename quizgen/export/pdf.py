"""One deck as a typeset PDF worksheet: each version's sheet, then its key on a page of its own.

Typeset by Typst through the `typst` package, which carries its compiler and fonts: nothing is
installed on the system, no browser runs and nothing is fetched. The layout lives in
sheet.typ; this module appends one call per question, every piece of fact text passed as a
Typst string literal (`typst_string`), never as markup, so `#`, `$`, `*`, `[` or `@` in a
fact print as written. The PDF carries no date and Typst's identifiers are derived from the
content, so the same facts and seed give the same bytes: text set in the embedded fonts
(Libertinus Serif, New Computer Modern) does not depend on the machine; a character those
fonts lack (CJK, emoji) is taken from the system's fonts when it has one.

Student pages show no fact id, no source and no explanation; the key shows all three. Each
question is one unbreakable block with its options and its image beside it; the footer
numbers the pages of each sheet and key ("Page 1 of 2").
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import IO

from quizgen.atomic import scratch_folder
from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question
from quizgen.errors import OutputError, Problem, display_path, format_location
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

#: Typst's names for the paper sizes of `--paper`.
TYPST_PAPER = {"a4": "a4", "letter": "us-letter"}
FONTS = ("Libertinus Serif", "New Computer Modern")
_SPACES = re.compile(r"\s+")
IMAGE_FORMATS = "PNG, JPEG, GIF, SVG or WebP"
FILL_IN = ("Fill in the blanks", "Write the missing word, name or number on each line.")
CHOICE = ("Multiple choice", "Circle the letter of the one right answer.")


def typst_string(text: str) -> str:
    """`text` as a Typst string literal: it evaluates to exactly `text`, whatever it holds.

    Backslash and double quote are escaped, and so is every control character (as `\\u{..}`);
    a lone surrogate, which no PDF can hold, becomes U+FFFD.
    """
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\u{fffd}")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\u{{{code:x}}}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _spaced(text: str) -> str:
    """Runs of white space (line breaks and tabs too) as one space, as the Markdown sheet."""
    return _SPACES.sub(" ", text)


def _line(text: str) -> str:
    """Fact text on one line, as a string literal."""
    return typst_string(_spaced(text).strip())


def _optional(text: str | None) -> str:
    return "none" if text is None else _line(text)


def _array(items: Sequence[str]) -> str:
    """A Typst array of already-written values (a one-item array needs its trailing comma)."""
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _parts(parts: Sequence[str | Blank]) -> str:
    written = [
        f"blank({_optional(part.hint)})" if isinstance(part, Blank) else typst_string(_spaced(part))
        for part in parts
    ]
    return _array(written)


def _option_columns(options: Sequence[str], beside_image: bool) -> int:
    """Short options side by side, long ones one to a line."""
    longest = max(len(option) for option in options)
    if longest <= 12 and not beside_image:
        return min(len(options), 4)
    if longest <= 28:
        return 2
    return 1


class _Pictures:
    """The deck's images, copied under plain names into the folder Typst compiles in."""

    def __init__(self, prepared: PreparedDeck, root: Path) -> None:
        self.images = deck_images(prepared.loaded)
        self.root = root
        self.copied: dict[Image, str] = {}

    def path(self, question: Question) -> str:
        value = question.fact.image
        if not value:
            return "none"
        image = self.images[value]
        if image not in self.copied:
            name = f"image-{len(self.copied) + 1}{image.path.suffix.lower()}"
            shutil.copyfile(image.path, self.root / name)
            self.copied[image] = name
        return typst_string(self.copied[image])


def _question_call(number: int, question: Question, pictures: _Pictures) -> str:
    picture = pictures.path(question)
    if isinstance(question, ClozeQuestion):
        return f"#fill-in({number}, {_parts(fill_in_parts(question))}, {picture})"
    letters = _array([typst_string(option_letter(i)) for i in range(len(question.options))])
    texts = _array([_line(option) for option in question.options])
    columns = _option_columns(question.options, picture != "none")
    prompt = f"{_parts(prompt_parts(question))}.join()"
    return f"#choice({number}, {prompt}, {letters}, {texts}, {columns}, {picture})"


def _answer(question: Question) -> str:
    if isinstance(question, ClozeQuestion):
        return "; ".join(question.spans)
    assert isinstance(question, ChoiceQuestion)
    return f"{option_letter(question.answer_index)}) {question.answer}"


def _sheet_calls(
    prepared: PreparedDeck, sheet: Sheet, index: int, pictures: _Pictures
) -> list[str]:
    deck = prepared.loaded.deck
    version = typst_string(sheet.version)
    name = f"Version {sheet.version}" if sheet.version else deck.deck
    lines = [
        f"#start-part({_line(name)}, {typst_string(f'sheet-{index}')})",
        f"#heading-block({_line(deck.deck)}, {_optional(deck.description)}, {version})",
        "#name-date",
    ]
    numbered = sheet.numbered
    sections = ((FILL_IN, numbered[: len(sheet.fill_in)]), (CHOICE, numbered[len(sheet.fill_in) :]))
    for (title, instruction), questions in sections:
        if questions:
            lines.append(f"#section({typst_string(title)}, {typst_string(instruction)})")
            lines += [_question_call(number, q, pictures) for number, q in questions]
    key_name = f"Answer key {sheet.version}".strip()
    source = deck.source.describe() if deck.source else None
    lines += [
        f"#end-part({typst_string(f'sheet-{index}')})",
        "#pagebreak()",
        f"#start-part({typst_string(key_name)}, {typst_string(f'key-{index}')})",
        f"#key-heading({_line(deck.deck)}, {version}, {_optional(source)})",
    ]
    lines += [
        f"#key({number}, {_line(_answer(question))}, {_optional(question.fact.explanation)}, "
        f"{typst_string(question.fact.id)})"
        for number, question in numbered
    ]
    lines.append(f"#end-part({typst_string(f'key-{index}')})")
    return lines


def document(prepared: PreparedDeck, settings: SheetSettings, root: Path) -> str:
    """The whole Typst source; the images it shows are copied into `root`."""
    template = files("quizgen.export").joinpath("sheet.typ").read_text(encoding="utf-8")
    deck = prepared.loaded.deck
    fonts = _array([typst_string(font) for font in FONTS])
    lines = [
        template,
        f'#set document(title: {_line(deck.deck)}, author: "quizgen", date: none)',
        f"#set page(paper: {typst_string(TYPST_PAPER[settings.paper])}, "
        "margin: (x: 2cm, top: 2cm, bottom: 2.2cm), footer: footer)",
        f"#set text(font: {fonts}, size: 11pt)",
        "#set par(justify: false)",
    ]
    pictures = _Pictures(prepared, root)
    for index, sheet in enumerate(make_sheets(prepared, settings)):
        if index:
            lines.append("#pagebreak()")
        lines += _sheet_calls(prepared, sheet, index, pictures)
    return "\n".join(lines) + "\n"


def compile_pdf(source: str, root: Path) -> bytes:
    """Typeset Typst `source` (its files under `root`) into PDF bytes; raises typst.TypstError."""
    import typst

    main = root / "main.typ"
    main.write_text(source, encoding="utf-8")
    return typst.compile(main, root=root, format="pdf")


def render(prepared: PreparedDeck, settings: SheetSettings = ONE_SHEET) -> bytes:
    """The deck's worksheet PDF; raises OutputError when an image cannot be printed."""
    import typst

    with scratch_folder("quizgen-pdf-") as folder:
        root = Path(folder)
        source = document(prepared, settings, root)
        try:
            return compile_pdf(source, root)
        except typst.TypstError as error:
            raise OutputError(_failure(prepared, root, error)) from None


def _failure(prepared: PreparedDeck, root: Path, error: Exception) -> str:
    """Which images Typst cannot read, by fact file, line and field; else Typst's message."""
    import typst

    loaded = prepared.loaded
    problems: list[str] = []
    facts = loaded.deck.facts
    images = deck_images(loaded)
    for index, fact in enumerate(facts):
        if not fact.image:
            continue
        name = f"probe{images[fact.image].path.suffix.lower()}"
        shutil.copyfile(images[fact.image].path, root / name)
        try:
            compile_pdf(f"#image({typst_string(name)})\n", root)
        except typst.TypstError as image_error:
            line = loaded.fact_lines.get(fact.id, 0)
            problems.append(
                str(
                    Problem(
                        loaded.display_path,
                        line,
                        format_location(("facts", index, "image"), {index: fact.id}),
                        f"{fact.image!r} cannot be printed, Typst says: {image_error.message}; "
                        f"use a {IMAGE_FORMATS} file",
                    )
                )
            )
    if problems:
        return "\n".join(problems)
    message = getattr(error, "message", str(error))
    return f"{display_path(loaded.path)}: the PDF could not be typeset: {message}"


def write(prepared: PreparedDeck, out: IO[bytes], settings: SheetSettings = ONE_SHEET) -> Written:
    """Write the PDF; its questions (per version) are counted as notes."""
    count = sheet_size(prepared, settings)
    out.write(render(prepared, settings))
    return Written(notes=count, cards=count, versions=settings.versions)
