"""Every `--format` but apkg and the printed ones, written for the shipped deck and parsed back.

Anki's text format is imported with Anki's own CSV importer; GIFT and Aiken are read by small
strict parsers written here from the formats' rules; JSON is compared with `preview --json`.
Special characters, HTML and images go through each format on a small deck of their own. The
worksheets (md, pdf) have test_export_worksheet.py and test_export_pdf.py.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from anki_support import PNG, build, deck_names, import_text, open_collection
from conftest import SEED_DECK, WriteFacts
from typer.testing import CliRunner

from quizgen.answers.kinds import infer_kind
from quizgen.answers.matching import accepted_forms, numerical_answer
from quizgen.cli import FormatChoice, app
from quizgen.engine.pipeline import prepare
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question
from quizgen.export import FORMAT_ALIASES, FORMATS
from quizgen.export.anki_text import HEADER

runner = CliRunner()

SPECIAL_DECK = r"""
id: special
deck: Special & <odd> {deck}
source: {title: 'A source: with ~ = # { } and \ characters'}
facts:
  - id: specials
    topic: Odd / things
    text: 'The key ~ = # { } : \ <b>*bold*</b> $5 and {{c1::x}} opens Lisbon.'
    answer: Lisbon
    kind: place
    distractors: ['Porto ~1', 'Faro = 2 #3', 'Braga {x}: \y']
    accept: [lisbon city]
    explanation: 'Because ~ = # { } : \ <i>and</i> _this_.'
  - id: second
    topic: Odd / things
    text: Madrid is not Lisbon, it is 5* bigger.
    answer: 5*
    kind: term
    distractors: [two, three, four]
    cloze: [Madrid, 5*]
"""
WITH_IMAGE = SPECIAL_DECK.replace(
    "    explanation: 'Because", "    image: pics/lisbon.png\n    explanation: 'Because"
)


@pytest.fixture
def seed_copy(workdir: Path) -> Path:
    """The shipped deck in the working directory."""
    path = workdir / "facts" / SEED_DECK.name
    path.parent.mkdir()
    shutil.copy(SEED_DECK, path)
    return path


def questions_of(path: Path) -> list[Question]:
    (item,) = prepare([path])
    return list(item.questions)


def written(path: Path, fmt: str) -> str:
    (report,) = build([path], Path("out"), fmt)
    assert report.path == Path("out") / f"{report.deck_id}{FORMATS[fmt].suffix}"
    return report.path.read_text(encoding="utf-8")


def test_the_cli_offers_every_registered_format() -> None:
    assert [choice.value for choice in FormatChoice] == [*FORMATS, *FORMAT_ALIASES]


# --- JSON -------------------------------------------------------------------------------------


def test_json_holds_the_objects_of_preview_json(seed_copy: Path) -> None:
    records = json.loads(written(seed_copy, "json"))
    preview = runner.invoke(app, ["preview", str(seed_copy), "--json"])
    assert preview.exit_code == 0, preview.output
    assert records == json.loads(preview.stdout)
    assert len(records) == len(questions_of(seed_copy))


# --- Anki text ----------------------------------------------------------------------------------


def read_text_rows(text: str) -> list[list[str]]:
    assert text.startswith(HEADER)
    return list(csv.reader(text[len(HEADER) :].splitlines(), delimiter="\t"))


def test_anki_text_has_the_header_lines_and_one_row_per_note(seed_copy: Path) -> None:
    text = written(seed_copy, "anki-text")
    assert text.splitlines()[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype column:1",
        "#deck column:2",
        "#tags column:5",
        "#guid column:6",
    ]
    rows = read_text_rows(text)
    questions = questions_of(seed_copy)
    assert len(rows) == len(questions)
    assert [row[0] for row in rows] == [
        "Basic" if isinstance(q, ChoiceQuestion) else "Cloze" for q in questions
    ]
    assert len({row[5] for row in rows}) == len(rows)
    assert all(not row[5].startswith("#") or row.index(row[5]) > 0 for row in rows)


def test_anki_text_imports_with_ankis_csv_importer_into_a_fresh_collection(
    seed_copy: Path, tmp_path: Path
) -> None:
    (report,) = build([seed_copy], Path("out"), "anki-text")
    questions = questions_of(seed_copy)
    cards = sum(len(q.spans) if isinstance(q, ClozeQuestion) else 1 for q in questions)
    assert (report.notes, report.cards) == (len(questions), cards)
    with open_collection(tmp_path / "learner" / "collection.anki2") as collection:
        first = import_text(collection, report.path)
        assert first.new == len(questions)
        assert (collection.note_count(), collection.card_count()) == (len(questions), cards)
        deck = questions[0].deck
        topics = {q.fact.topic for q in questions}
        assert deck_names(collection) == {deck.deck} | {f"{deck.deck}::{t}" for t in topics}
        choice = next(q for q in questions if isinstance(q, ChoiceQuestion))
        fronts = {
            collection.get_note(n)["Front"]: collection.get_note(n)
            for n in collection.find_notes('"note:Basic"')
        }
        (note,) = [v for k, v in fronts.items() if k.startswith(html.escape(choice.prompt))]
        letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[choice.answer_index]
        assert note["Back"].startswith(f"<b>{letter}. {html.escape(choice.answer)}</b>")
        assert {deck.id, *deck.tags} <= set(note.tags)

        again = import_text(collection, report.path)

        assert again.new == 0
        assert (collection.note_count(), collection.card_count()) == (len(questions), cards)


def test_anki_text_escapes_fields_and_names_images_by_file_name(
    write_facts: WriteFacts, tmp_path: Path
) -> None:
    write_facts(PNG, "pics/lisbon.png")
    path = write_facts(WITH_IMAGE)
    (report,) = build([path], Path("out"), "anki-text")
    rows = read_text_rows(report.path.read_text(encoding="utf-8"))
    assert '<img src="lisbon.png">' in rows[0][2]
    with open_collection(tmp_path / "learner" / "collection.anki2") as collection:
        import_text(collection, report.path)
        cloze = collection.get_note(collection.find_notes('"note:Cloze" lisbon.png')[0])
        assert "&lt;b&gt;*bold*&lt;/b&gt;" in cloze["Text"]
        assert "&#123;&#123;c1::x&#125;&#125;" in cloze["Text"]
        assert len(cloze.cards()) == 1
        assert {card.did for card in cloze.cards()} == {
            collection.decks.id_for_name("Special & <odd> {deck}::Odd / things")
        }


# --- GIFT ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gift:
    """One parsed GIFT question."""

    category: str
    title: str
    before: str
    answers: list[tuple[str, str]]  # ("=" or "~", text)
    feedback: str
    after: str


Chars = list[tuple[str, bool]]  # each character, and whether it was backslash-escaped


def gift_chars(text: str) -> Chars:
    chars: Chars = []
    index = 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text):
            following = text[index + 1]
            chars.append(("\n" if following == "n" else following, True))
            index += 2
        else:
            chars.append((text[index], False))
            index += 1
    return chars


def plain(chars: Chars) -> str:
    return "".join(char for char, _ in chars)


def find(chars: Chars, token: str, start: int = 0) -> int:
    for index in range(start, len(chars) - len(token) + 1):
        window = chars[index : index + len(token)]
        if all(c == t and not escaped for (c, escaped), t in zip(window, token, strict=True)):
            return index
    return -1


def parse_gift(text: str) -> list[Gift]:
    """GIFT as Moodle reads it: comments and categories aside, blank lines between questions."""
    questions: list[Gift] = []
    category = ""
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY: "):
            category = lines[0].removeprefix("$CATEGORY: ")
            assert len(lines) == 1
            continue
        chars = gift_chars("\n".join(lines))
        assert plain(chars[:2]) == "::"
        title_end = find(chars, "::", 2)
        title = plain(chars[2:title_end])
        body = chars[title_end + 2 :]
        assert plain(body[:6]) == "[html]"
        body = body[6:]
        opening = find(body, "{")
        closing = find(body, "}", opening)
        assert opening >= 0 and closing > opening and find(body, "{", closing) == -1
        inside = body[opening + 1 : closing]
        feedback_at = find(inside, "####")
        feedback = plain(inside[feedback_at + 4 :]).strip() if feedback_at >= 0 else ""
        marks = inside[:feedback_at] if feedback_at >= 0 else inside
        starts = [i for i, (c, escaped) in enumerate(marks) if c in "=~" and not escaped]
        answers = [
            (marks[start][0], plain(marks[start + 1 : end]).strip())
            for start, end in zip(starts, [*starts[1:], len(marks)][: len(starts)], strict=True)
        ]
        if marks and marks[0] == ("#", False):  # a numerical question: {#2014:0}
            answers = [("#", plain(marks[1:]).strip())]
        questions.append(
            Gift(
                category,
                title,
                plain(body[:opening]),
                answers,
                feedback,
                plain(body[closing + 1 :]),
            )
        )
    return questions


def test_gift_parses_back_to_the_questions(seed_copy: Path) -> None:
    parsed = parse_gift(written(seed_copy, "gift"))
    questions = questions_of(seed_copy)
    expected_count = sum(len(q.spans) if isinstance(q, ClozeQuestion) else 1 for q in questions)
    assert len(parsed) == expected_count
    by_title = {gift.title: gift for gift in parsed}
    for question in questions:
        fact = question.fact
        assert fact.explanation
        if isinstance(question, ChoiceQuestion):
            gift = by_title[f"{fact.id} mcq"]
            assert html.unescape(gift.before).strip() == question.prompt
            assert [(mark, html.unescape(text)) for mark, text in gift.answers] == [
                ("=" if i == question.answer_index else "~", option)
                for i, option in enumerate(question.options)
            ]
        else:
            for number, span in enumerate(question.spans, 1):
                gift = by_title[f"{fact.id} c{number}"]
                assert html.unescape(gift.before) + span + html.unescape(gift.after) == fact.text
                accepted = [span, *(fact.accept if span == fact.answer else [])]
                kind = fact.answer_kind if span == fact.answer else infer_kind(span)
                value = numerical_answer(accepted, kind)
                if value is not None:
                    assert gift.answers == [("#", f"{value:f}:0")]
                    continue
                forms = accepted_forms(accepted, kind, question.deck.currency_of(fact))
                assert gift.answers == [("=", form) for form in forms]
                assert forms[0] == span and set(accepted) <= set(forms)
        assert html.unescape(gift.feedback) == fact.explanation
        assert gift.category == f"$course$/top/{question.deck.deck}/{fact.topic}"


def test_gift_escapes_special_characters_and_names_images(write_facts: WriteFacts) -> None:
    write_facts(PNG, "pics/lisbon.png")
    path = write_facts(WITH_IMAGE)
    text = written(path, "gift")
    assert "// image: lisbon.png" in text
    assert "$CATEGORY: $course$/top/Special & <odd> {deck}/Odd // things" in text
    parsed = {gift.title: gift for gift in parse_gift(text)}
    questions = {(q.fact.id, q.kind.value): q for q in questions_of(path)}
    choice = questions[("specials", "mcq")]
    assert isinstance(choice, ChoiceQuestion)
    mcq = parsed["specials mcq"]
    assert html.unescape(mcq.before).strip() == choice.prompt
    assert "&lt;b&gt;" in mcq.before  # HTML in a fact shows as text in Moodle
    assert sorted(html.unescape(t) for _, t in mcq.answers) == sorted(choice.options)
    assert html.unescape(mcq.feedback) == "Because ~ = # { } : \\ <i>and</i> _this_."
    short = parsed["specials c1"]
    assert short.answers[:2] == [("=", "Lisbon"), ("=", "lisbon city")]
    assert ("=", "the Lisbon") in short.answers  # a leading article never matters
    # Moodle reads * in a short answer as a wildcard: it is written \*.
    assert parsed["second c2"].answers[0] == ("=", "5\\*")
    assert all(text.endswith("\\*") for _, text in parsed["second c2"].answers)


# --- Aiken --------------------------------------------------------------------------------------


def parse_aiken(text: str) -> list[tuple[str, list[str], int]]:
    """Aiken as Moodle reads it: a question line, `X. option` lines, `ANSWER: X`."""
    parsed = []
    for block in text.strip().split("\n\n"):
        question, *lines, answer = block.split("\n")
        options = []
        for letter, line in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", lines, strict=False):
            assert line.startswith(f"{letter}. "), line
            options.append(line[3:])
        assert len(options) == len(lines)
        match = re.fullmatch(r"ANSWER: ([A-Z])", answer)
        assert match, answer
        parsed.append((question, options, ord(match[1]) - ord("A")))
    return parsed


def test_aiken_holds_the_multiple_choice_questions_only(seed_copy: Path) -> None:
    parsed = parse_aiken(written(seed_copy, "aiken"))
    choices = [q for q in questions_of(seed_copy) if isinstance(q, ChoiceQuestion)]
    assert parsed == [(q.prompt, list(q.options), q.answer_index) for q in choices]


def test_aiken_keeps_each_question_on_one_line(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: lines
        deck: Lines
        facts:
          - id: broken
            text: "Lisbon is the capital\\nof Portugal."
            answer: Lisbon
            distractors: [Porto, Faro, Braga]
        """
    )
    ((question, options, _),) = parse_aiken(written(path, "aiken"))
    assert question == "_____ is the capital of Portugal."
    assert sorted(options) == ["Braga", "Faro", "Lisbon", "Porto"]
