"""`quizgen build --format pdf`: typeset worksheets read back with pypdf.

Every sheet must ask each fact once with all its options, each version's key must match its
own sheet, versions must differ, keys must be spread over the letters, and student pages must
not show ids, sources or explanations. Fact text goes through Typst as string literals; the
escaping is checked on arbitrary text by Typst itself and by reading the PDF back.
"""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import typst
from conftest import SEED_DECK, SOLAR_SYSTEM, WriteFacts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_support import LETTERS, Asked, Part, numbered, parts_of, png, sheet_questions, squash
from pypdf import PdfReader
from synthetic import write_deck
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.engine.pipeline import prepare
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question
from quizgen.export.pdf import FONTS, document, typst_string
from quizgen.export.sheets import SheetSettings

runner = CliRunner()


def build_pdf(path: Path, *options: str, out: str = "out") -> Path:
    result = runner.invoke(app, ["build", str(path), "--format", "pdf", "--out", out, *options])
    assert result.exit_code == 0, result.output
    (pdf,) = Path(out).glob("*.pdf")
    return pdf


def engine_questions(path: Path, seed: int = 0) -> list[Question]:
    (item,) = prepare([path], seed=seed)
    return list(item.questions)


@pytest.fixture
def decks(workdir: Path) -> dict[str, Path]:
    """The shipped deck and the solar-system fixture in the working directory."""
    copies = {}
    for source in (SEED_DECK, SOLAR_SYSTEM):
        target = workdir / "facts" / source.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(source, target)
        copies[source.stem] = target
    return copies


def sheets_and_keys(pdf: Path) -> list[tuple[Part, Part]]:
    parts = parts_of(pdf)
    assert len(parts) % 2 == 0
    return [(parts[i], parts[i + 1]) for i in range(0, len(parts), 2)]


def key_lines(key: Part) -> dict[int, str]:
    return numbered(key.lines)


def check_key(key: dict[int, str], asked: dict[int, Asked], questions: list[Question]) -> None:
    """Each key line names the fact asked under its number and that fact's right answer,
    under the letter at which the sheet printed it."""
    by_id: dict[tuple[str, str], Question] = {(q.fact.id, q.kind.value): q for q in questions}
    assert sorted(key) == sorted(asked)
    for number, printed in asked.items():
        line = key[number]
        question = by_id[(printed.fact_id, printed.kind)]
        assert line.endswith(squash(question.fact.id)), (number, line)
        if question.fact.explanation:
            assert squash(question.fact.explanation) in line
        if isinstance(question, ClozeQuestion):
            assert line.startswith(squash("; ".join(question.spans)))
        else:
            assert isinstance(question, ChoiceQuestion)
            letter = LETTERS[printed.options.index(question.answer)]
            assert line.startswith(squash(f"{letter}) {question.answer}")), (number, line)


@pytest.mark.slow
@pytest.mark.parametrize("deck", ["ukraine-peace-talks", "solar-system"])
def test_every_version_asks_each_fact_once_and_its_key_matches_it(
    decks: dict[str, Path], deck: str
) -> None:
    path = decks[deck]
    questions = engine_questions(path, seed=7)
    facts = {q.fact.id for q in questions}
    answers = {q.fact.id: q.answer for q in questions if isinstance(q, ChoiceQuestion)}
    pdf = build_pdf(path, "--versions", "3", "--seed", "7")
    versions = sheets_and_keys(pdf)
    assert [sheet.label for sheet, _ in versions] == ["Version A", "Version B", "Version C"]
    assert [key.label for _, key in versions] == ["Answer key A", "Answer key B", "Answer key C"]
    asked_by_version = []
    for sheet, key in versions:
        asked = sheet_questions(sheet, questions)
        assert sorted(asked) == list(range(1, len(facts) + 1))
        ids = [printed.fact_id for printed in asked.values()]
        assert sorted(ids) == sorted(facts)  # every fact, none twice
        check_key(key_lines(key), asked, questions)
        letters = Counter(
            printed.options.index(answers[printed.fact_id])
            for printed in asked.values()
            if printed.kind == "mcq"
        )
        assert max(letters.values()) - min(letters.values()) <= 1, letters
        assert len(letters) == 4
        asked_by_version.append(asked)
    kinds = [{a.fact_id: a.kind for a in asked.values()} for asked in asked_by_version]
    assert kinds[0] == kinds[1] == kinds[2]  # the same facts in the same form: fair versions
    orders = [[a.fact_id for _, a in sorted(asked.items())] for asked in asked_by_version]
    assert len({tuple(order) for order in orders}) == 3
    options = [{a.fact_id: a.options for a in asked.values()} for asked in asked_by_version]
    assert options[0] != options[1] != options[2] != options[0]


def test_one_version_keeps_the_fact_file_order_and_mixes_the_kinds(
    decks: dict[str, Path],
) -> None:
    path = decks["solar-system"]
    questions = engine_questions(path)
    pdf = build_pdf(path)
    ((sheet, key),) = sheets_and_keys(pdf)
    assert sheet.label == "The solar system" and key.label == "Answer key"
    asked = sheet_questions(sheet, questions)
    order = [q.fact.id for q in questions if isinstance(q, ClozeQuestion)]
    cloze = [a.fact_id for _, a in sorted(asked.items()) if a.kind == "cloze"]
    mcq = [a.fact_id for _, a in sorted(asked.items()) if a.kind == "mcq"]
    assert cloze == [fact for fact in order if fact in cloze]
    assert mcq == [fact for fact in order if fact in mcq]
    assert abs(len(cloze) - len(mcq)) <= 1
    check_key(key_lines(key), asked, questions)


def test_kind_chooses_the_questions_of_a_sheet(decks: dict[str, Path]) -> None:
    path = decks["solar-system"]
    for kind in ("mcq", "cloze"):
        pdf = build_pdf(path, "--kind", kind, out=kind)
        ((sheet, _),) = sheets_and_keys(pdf)
        asked = sheet_questions(sheet, engine_questions(path))
        assert {a.kind for a in asked.values()} == {kind}
        assert len(asked) == len({q.fact.id for q in engine_questions(path) if q.kind == kind})


def test_student_pages_show_no_id_source_or_explanation_and_the_key_does(
    decks: dict[str, Path],
) -> None:
    path = decks["solar-system"]
    (item,) = prepare([path])
    deck = item.loaded.deck
    ((sheet, key),) = sheets_and_keys(build_pdf(path))
    student, teacher = squash(sheet.text), squash(key.text)
    assert deck.source is not None
    assert squash(deck.source.title) not in student
    assert squash(deck.source.title) in teacher
    for fact in deck.facts:
        assert squash(fact.id) not in student
        if fact.explanation:
            assert squash(fact.explanation) not in student
            assert squash(fact.explanation) in teacher
    assert deck.description and squash(deck.description) in student
    assert sheet.lines[0].startswith(deck.deck)
    assert "Name:" in sheet.text and "Date:" in sheet.text


def test_same_facts_and_seed_give_the_same_bytes(decks: dict[str, Path]) -> None:
    path = decks["solar-system"]
    first = build_pdf(path, "--versions", "2", "--seed", "3", out="one").read_bytes()
    again = build_pdf(path, "--versions", "2", "--seed", "3", out="two").read_bytes()
    other = build_pdf(path, "--versions", "2", "--seed", "4", out="three").read_bytes()
    assert first == again
    assert first != other
    assert b"CreationDate" not in first and b"ModDate" not in first


def test_text_in_the_embedded_fonts_does_not_depend_on_the_system_fonts(
    decks: dict[str, Path], tmp_path: Path
) -> None:
    (item,) = prepare([decks["ukraine-peace-talks"]])
    source = document(item, SheetSettings(versions=2), tmp_path)
    (tmp_path / "main.typ").write_text(source, encoding="utf-8")
    embedded = typst.compile(tmp_path / "main.typ", root=tmp_path, ignore_system_fonts=True)
    system = typst.compile(tmp_path / "main.typ", root=tmp_path, ignore_system_fonts=False)
    assert embedded == system
    fonts = set(typst.Fonts(include_system_fonts=False).families())
    assert set(FONTS) <= fonts


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sets_the_page_size(
    decks: dict[str, Path], paper: str, size: tuple[int, int]
) -> None:
    pdf = build_pdf(decks["solar-system"], "--paper", paper)
    for page in PdfReader(pdf).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


@pytest.mark.slow
def test_a_long_deck_paginates_without_splitting_a_question(workdir: Path) -> None:
    path = write_deck(workdir / "long.yaml", 90)
    questions = engine_questions(path)
    pdf = build_pdf(path, "--paper", "letter")
    ((sheet, key),) = sheets_and_keys(pdf)
    assert len(sheet.pages) >= 3 and len(key.pages) >= 2
    asked = sheet_questions(sheet, questions)  # page by page: a split question is not found
    assert len(asked) == 90
    check_key(key_lines(key), asked, questions)


SPECIAL = r"""
id: special
deck: 'Odd #deck $1 *x* _y_ [z] @me <b>'
description: 'Back\slash \u{41} `code` "quoted" and ''single'' // not a comment /* nor this */'
source: {title: 'Source #1 = $ {x}'}
facts:
  - id: specials
    text: 'The key # $ * _ [ ] \ @ < > " '' ` ~ = - + / opens Lisbon.'
    answer: Lisbon
    kind: place
    distractors: ['Porto #1', 'Faro $2 *3*', 'Braga [x] \y @z']
    explanation: 'Because <i>and</i> _this_ #emph[not] $x^2$.'
  - id: second
    text: '= Heading? - item + item 1. enum <label> @ref http://example.com costs 5* more.'
    answer: 5*
    kind: term
    distractors: ['two #', 'three $', 'four @']
    cloze: ['@ref', 5*]
"""


def test_fact_text_prints_as_written_whatever_characters_it_holds(
    write_facts: WriteFacts,
) -> None:
    path = write_facts(SPECIAL)
    questions = engine_questions(path)
    for kind in ("mcq", "cloze"):
        ((sheet, key),) = sheets_and_keys(build_pdf(path, "--kind", kind, out=kind))
        asked = sheet_questions(sheet, questions)
        assert len(asked) == 2
        check_key(key_lines(key), asked, questions)
        assert sheet.lines[0].startswith("Odd #deck $1 *x* _y_ [z] @me <b>")
        assert squash(r"""Back\slash \u{41} `code` "quoted" and 'single'""") in squash(sheet.text)
        assert squash("Source #1 = $ {x}") in squash(key.text)


def test_images_print_on_the_page_of_their_question(write_facts: WriteFacts) -> None:
    write_facts(png(40, 30), "pics/lisbon.png")
    path = write_facts(
        SPECIAL.replace(
            "    explanation: 'Because", "    image: pics/lisbon.png\n    explanation: 'Because"
        )
    )
    questions = engine_questions(path)
    for kind in ("mcq", "cloze"):
        ((sheet, key),) = sheets_and_keys(build_pdf(path, "--kind", kind, out=kind))
        (page,) = sheet.pages
        assert page.images == 1
        assert all(page.images == 0 for page in key.pages)
        assert len(sheet_questions(sheet, questions)) == 2


def test_an_image_typst_cannot_read_is_an_error_naming_the_fact(write_facts: WriteFacts) -> None:
    write_facts(b"not a picture at all", "pics/broken.png")
    path = write_facts(
        """\
        id: broken
        deck: Broken
        facts:
          - id: lisbon
            text: Lisbon is the capital of Portugal.
            answer: Lisbon
            distractors: [Porto, Faro, Braga]
            image: pics/broken.png
        """
    )
    result = runner.invoke(app, ["build", str(path), "--format", "pdf", "--out", "out"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: deck.yaml:4: facts[1] 'lisbon'.image: 'pics/broken.png' cannot be printed, Typst "
        "says: "
    )
    assert "use a PNG, JPEG, GIF, SVG or WebP file" in result.stderr
    assert "Traceback" not in result.output
    assert not list(Path("out").glob("*.pdf")) if Path("out").exists() else True


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        (["--format", "gift", "--versions", "2"], "'--versions'"),
        (["--format", "md", "--paper", "letter"], "'--paper'"),
        (["--format", "pdf", "--versions", "27"], "'--versions'"),
    ],
)
def test_sheet_options_are_refused_where_they_do_not_apply(
    decks: dict[str, Path], arguments: list[str], option: str
) -> None:
    result = runner.invoke(app, ["build", str(decks["solar-system"]), *arguments])
    assert result.exit_code == 2
    assert option in result.stderr


# --- escaping ---------------------------------------------------------------------------------

#: A compiler for documents given as bytes; system fonts are left out, so the characters
#: the embedded fonts draw are the same on every machine.
COMPILER = typst.Compiler(ignore_system_fonts=True)


@pytest.fixture(scope="module")
def evaluator(tmp_path_factory: pytest.TempPathFactory) -> typst.Compiler:
    """A compiler for expressions, on an empty file of its own (typst-py evaluates in the
    bytes the last compiler compiled when it has no file)."""
    empty = tmp_path_factory.mktemp("typst") / "empty.typ"
    empty.write_text("", encoding="utf-8")
    return typst.Compiler(empty)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_a_typst_string_literal_evaluates_to_the_text(evaluator: typst.Compiler, text: str) -> None:
    value = json.loads(evaluator.eval(typst_string(text), format="json"))
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    assert value == expected


#: Characters the embedded fonts draw, so that they can be read back (measured one by one):
#: Latin, Greek and Cyrillic, punctuation, currency signs and arrows, markup characters too;
#: not the line separators and bidi controls of U+2028-U+202F, which draw nothing.
#: Combining marks are left out: a PDF maps each glyph to one text, so an accented glyph
#: reused without its accent reads back wrong whatever the escaping.
READABLE = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), max_codepoint=0x4FF
) | st.sampled_from(
    [chr(c) for c in (*range(0x2010, 0x2028), *range(0x2030, 0x2040), *range(0x20A0, 0x20C0))]
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(READABLE, min_size=1, max_size=40))
def test_any_text_compiled_into_a_pdf_reads_back_as_written(text: str) -> None:
    fonts = ", ".join(typst_string(font) for font in FONTS)
    source = f"#set text(font: ({fonts}))\n#({typst_string(text)})\n"
    pdf = COMPILER.compile(source.encode("utf-8"), format="pdf")
    assert isinstance(pdf, bytes)
    read = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert squash(read) == squash(text)


def test_the_build_summary_names_the_versions(decks: dict[str, Path]) -> None:
    path = decks["solar-system"]
    for fmt, suffix in (("pdf", ".pdf"), ("md", ".md")):
        result = runner.invoke(app, ["build", str(path), "--format", fmt, "--versions", "2"])
        assert result.exit_code == 0, result.output
        assert result.stdout == (
            f"wrote decks/solar-system{suffix}: 'The solar system', 16 questions in 2 versions\n"
        )
