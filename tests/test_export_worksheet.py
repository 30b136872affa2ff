"""The Markdown worksheet, read by CommonMark (markdown-it) and printed through pandoc.

The sheet follows the same rules as the PDF (quizgen.export.sheets): each fact once, versions,
keys spread over the letters. Pandoc's PDF routes are followed for real: to LaTeX (the default
route; no TeX here, so its \\newpage is looked for in pandoc's LaTeX) and to Typst, whose
output is typeset with the typst package and read back page by page.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
from pathlib import Path
from typing import Any

import pypandoc
import pytest
import typst
from conftest import SOLAR_SYSTEM, WriteFacts
from markdown_it import MarkdownIt
from pdf_support import LETTERS, Asked, identify, numbered, parts_of, png, sheet_questions, squash
from pypdf import PdfReader
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.engine.pipeline import prepare
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question
from quizgen.export.worksheet import PAGE_BREAK

runner = CliRunner()
HEADINGS = ("Fill in the blanks", "Multiple choice")


def build_md(path: Path, *options: str, out: str = "out") -> str:
    result = runner.invoke(app, ["build", str(path), "--format", "md", "--out", out, *options])
    assert result.exit_code == 0, result.output
    (written,) = Path(out).glob("*.md")
    return written.read_text(encoding="utf-8")


@pytest.fixture
def solar(workdir: Path) -> Path:
    target = workdir / SOLAR_SYSTEM.name
    shutil.copy(SOLAR_SYSTEM, target)
    return target


def plain_lines(markdown: str) -> list[str]:
    """What a CommonMark reader shows, line by line (hard breaks and paragraphs end lines)."""
    rendered = MarkdownIt("commonmark").render(markdown)
    rendered = re.sub(r"<br\s*/?>|</p>|</h\d>|</li>", "\n", rendered)
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    return [line.replace("_" * 10, "") for line in text.splitlines() if line.strip()]


def versions_of(markdown: str) -> list[tuple[list[str], list[str]]]:
    """(sheet lines, key lines) for each version."""
    pieces = markdown.split(PAGE_BREAK)
    assert len(pieces) % 2 == 0
    return [
        (
            [line for line in plain_lines(pieces[i]) if line not in HEADINGS],
            plain_lines(pieces[i + 1]),
        )
        for i in range(0, len(pieces), 2)
    ]


def asked_on(lines: list[str], questions: list[Question]) -> dict[int, Asked]:
    asked = {}
    for number, chunk in numbered(lines).items():
        (match,) = identify(chunk, questions)
        asked[number] = match
    return asked


def check_key(key: dict[int, str], asked: dict[int, Asked], questions: list[Question]) -> None:
    by_id = {(q.fact.id, q.kind.value): q for q in questions}
    assert sorted(key) == sorted(asked)
    for number, printed in asked.items():
        question = by_id[(printed.fact_id, printed.kind)]
        if isinstance(question, ClozeQuestion):
            expected = "; ".join(question.spans)
        else:
            assert isinstance(question, ChoiceQuestion)
            expected = f"{LETTERS[printed.options.index(question.answer)]}) {question.answer}"
        if question.fact.explanation:
            expected += f" — {question.fact.explanation}"
        assert key[number] == squash(expected)


def test_each_version_asks_each_fact_once_and_its_key_matches_it(solar: Path) -> None:
    (item,) = prepare([solar], seed=5)
    questions = list(item.questions)
    facts = sorted({q.fact.id for q in questions})
    markdown = build_md(solar, "--versions", "2", "--seed", "5")
    versions = versions_of(markdown)
    assert len(versions) == 2
    orders = []
    for (sheet, key), name in zip(versions, "AB", strict=True):
        assert sheet[0] == f"{item.loaded.deck.deck} — Version {name}"
        asked = asked_on(sheet, questions)
        assert sorted(a.fact_id for a in asked.values()) == facts
        check_key(numbered(key), asked, questions)
        assert key[0] == f"Answer key — Version {name}"
        orders.append([a.fact_id for _, a in sorted(asked.items())])
    assert orders[0] != orders[1]
    student = squash(" ".join(versions[0][0]))
    for fact in item.loaded.deck.facts:
        assert not fact.explanation or squash(fact.explanation) not in student
    assert item.loaded.deck.source and squash(item.loaded.deck.source.title) not in student


def test_options_are_not_a_list_and_carry_one_marker_each(solar: Path) -> None:
    markdown = build_md(solar, "--kind", "mcq")
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert not any(token.type.startswith("bullet_list") for token in tokens)
    assert not any(token.type.startswith("ordered_list") for token in tokens)
    native = pypandoc.convert_text(markdown, "native", format="markdown")
    assert "OrderedList" not in native and "BulletList" not in native


def test_pandocs_latex_route_gets_the_page_break(solar: Path) -> None:
    latex = pypandoc.convert_text(build_md(solar), "latex", format="markdown")
    questions, key = latex.split("\\newpage", 1)
    assert "Answer key" not in questions and "Answer key" in key
    assert "\\item" not in latex  # no list, so no second marker before a letter
    assert "\\begin{verbatim}" not in latex and "pagebreak" not in latex


@pytest.mark.slow
def test_pandocs_typst_route_prints_the_key_on_its_own_page(solar: Path, tmp_path: Path) -> None:
    (item,) = prepare([solar])
    questions = list(item.questions)
    source = pypandoc.convert_text(build_md(solar), "typst", format="markdown", extra_args=["-s"])
    main = tmp_path / "worksheet.typ"
    main.write_text(source, encoding="utf-8")
    (tmp_path / "worksheet.pdf").write_bytes(typst.compile(main, ignore_system_fonts=True))
    pages = [page.extract_text() for page in PdfReader(tmp_path / "worksheet.pdf").pages]
    starts = [i for i, text in enumerate(pages) if text.lstrip().startswith("Answer key")]
    assert len(starts) == 1 and starts[0] > 0
    sheet = [
        line.replace("_" * 10, "").replace("\u2019", "'")  # pandoc's smart apostrophe
        for text in pages[: starts[0]]
        for line in text.splitlines()
        if line.strip() not in HEADINGS and not re.fullmatch(r"\d+", line.strip())
    ]
    asked = asked_on(sheet, questions)
    assert len(asked) == len({q.fact.id for q in questions})
    for line in sheet:  # "A) 1608", never "• A) 1608" or "1. A) 1608"
        assert not re.match(r"\s*(•|\d+\.)\s*[A-D]\)", line), line


def test_fact_text_prints_as_written_and_images_are_embedded(write_facts: WriteFacts) -> None:
    picture = png(4, 3)
    write_facts(picture, "pics/lisbon.png")
    path = write_facts(
        r"""
        id: special
        deck: Special & <odd> {deck}
        facts:
          - id: specials
            text: 'The key ~ = # { } : \ <b>*bold*</b> $5 and {{c1::x}} opens Lisbon.'
            answer: Lisbon
            kind: place
            distractors: ['Porto ~1', 'Faro = 2 #3', 'Braga {x}: \y']
            image: pics/lisbon.png
            explanation: 'Because ~ = # { } : \ <i>and</i> _this_.'
        """
    )
    for kind in ("mcq", "cloze"):
        markdown = build_md(path, "--kind", kind, out=kind)
        rendered = MarkdownIt("commonmark").render(markdown)
        assert "<b>" not in rendered and "<em>bold</em>" not in rendered
        assert "&lt;b&gt;*bold*&lt;/b&gt; $5 and {{c1::x}} opens" in rendered
        images: list[Any] = [
            child
            for token in MarkdownIt("commonmark").parse(markdown)
            for child in token.children or []
            if child.type == "image"
        ]
        (image,) = images  # the fact is asked once, so its image shows once
        source = str(image.attrs["src"])
        assert source.startswith("data:image/png;base64,")
        assert base64.b64decode(source.split(",", 1)[1]) == picture
        assert image.content == "lisbon.png"


def test_the_markdown_and_the_pdf_sheets_of_one_seed_are_the_same_sheets(solar: Path) -> None:
    (item,) = prepare([solar], seed=11)
    questions = list(item.questions)
    markdown = build_md(solar, "--versions", "2", "--seed", "11", out="md")
    result = runner.invoke(
        app, ["build", str(solar), "--format", "pdf", "--versions", "2", "--seed", "11"]
    )
    assert result.exit_code == 0, result.output
    parts = parts_of(Path("decks") / "solar-system.pdf")
    for (sheet, _), part in zip(versions_of(markdown), parts[::2], strict=True):
        assert asked_on(sheet, questions) == sheet_questions(part, questions)
