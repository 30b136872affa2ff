"""Every text format escapes every field it writes: read back by its real reader, a hostile
deck gives the same questions, and nothing in a fact starts, ends or changes a question.

GIFT and Aiken are read by Moodle's own importers (`../shared/moodle/`, php-cli); the Anki text
file by Python's csv module as Anki reads it; JSON by json; the package's collection by SQLite
(tests/test_export_apkg.py imports packages into a real Anki collection); the worksheet, JSON
and Anki text are checked for raw control characters.
"""

from __future__ import annotations

import contextlib
import csv
import html
import json
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import WriteFacts
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from moodle_support import moodle_import
from strategies import hostile_texts

from quizgen.engine.pipeline import PreparedDeck, prepare
from quizgen.engine.questions import ChoiceQuestion
from quizgen.export import build_decks
from quizgen.export.aiken import WORD_JOINER
from quizgen.visible import one_line, visible

HOSTILE_DECK = r"""
id: hostile
deck: "Evil\n\n:x:[html]<script>alert(1)</script>{=a ~b}\n\n[id:77] [tag:pwn]"
facts:
  - id: rowling
    topic: "T1\n\n$CATEGORY: $course$/top/other\n\n:y:[html]<b>{=a ~b}\n// [tag:evil]"
    text: "J. K. Rowling wrote 7 books, said the %10% ANSWER: ab->cd report."
    answer: "ab->cd"
    distractors: ["%50% one", "ANSWER: B", "x\ry"]
    explanation: "See ->\n\n:z:{=q}\r\n~ wrong"
  - id: president
    topic: "T2\r:w:{=x}"
    text: "U.S. President Biden met %10% of voters."
    answer: "%10% of voters"
    distractors: ["%20% of voters", "%30% of voters", "%40% of voters"]
  - id: label
    text: "ANSWER: A is the label on 5 cards."
    answer: "5 cards"
    distractors: ["6 cards", "7 cards", "8 cards"]
  - id: braces
    text: "B) The {{c1::x}} template and \\ backslash # hash ~ tilde = sign go here."
    answer: "{{c1::x}}"
    distractors: ["{{Front}}", "== x ==", "~~ y ~~"]
"""


#: What a file must not hold raw, so that showing it in a terminal (`cat`) obeys nothing.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202e]")


def _build(path: Path, fmt: str) -> tuple[PreparedDeck, Path]:
    (prepared,) = prepare([path])
    (report,) = build_decks([prepared], path.parent / "out", fmt)
    return prepared, report.path


def _choices(prepared: PreparedDeck) -> list[ChoiceQuestion]:
    return [q for q in prepared.questions if isinstance(q, ChoiceQuestion)]


def _plain(text: str) -> str:
    """Moodle's HTML text as a reader sees it."""
    return html.unescape(text)


def as_gift_shows(text: str) -> str:
    """A fact's text as GIFT carries it: every line break a newline, control characters
    written out, spaces at the ends trimmed (Moodle trims)."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def assert_gift_reads_back(prepared: PreparedDeck, path: Path) -> None:
    parsed = moodle_import("gift", path)
    assert parsed["importerrors"] == 0 and not parsed["php_warnings"], parsed
    questions = [q for q in parsed["questions"] if q["qtype"] != "category"]
    categories = [q for q in parsed["questions"] if q["qtype"] == "category"]
    deck = prepared.loaded.deck
    topics = list(dict.fromkeys(q.fact.topic for q in prepared.questions))
    assert len(categories) == len(topics)
    for category in categories:
        assert "\n" not in category["category"]
        assert category["category"].startswith("$course$/top/")
    expected = {f"{q.fact.id} mcq": q for q in prepared.questions if isinstance(q, ChoiceQuestion)}
    cloze = sum(len(q.spans) for q in prepared.questions if not isinstance(q, ChoiceQuestion))
    assert len(questions) == len(expected) + cloze, [q["name"] for q in questions]
    for question in questions:
        assert question["qtype"] in {"multichoice", "shortanswer", "numerical"}, question
        assert not question.get("tags") and not question.get("idnumber"), question
        assert question["questiontextformat"] in (1, "1"), question  # FORMAT_HTML
        assert "<" not in question["questiontext"], question  # no markup from a fact
        if question["qtype"] == "multichoice":
            choice = expected[question["name"]]
            texts = [_plain(a["text"]) for a in question["answer"]]
            assert texts == [as_gift_shows(opt) for opt in choice.options], question
            fractions = [float(f) for f in question["fraction"]]
            assert fractions == [float(i == choice.answer_index) for i in range(len(texts))]
        if question["qtype"] == "shortanswer":
            assert all(float(f) == 1.0 for f in question["fraction"]), question
    assert deck.deck  # the title went into a category and a comment, nowhere else


def assert_aiken_reads_back(prepared: PreparedDeck, path: Path) -> None:
    choices = _choices(prepared)
    if not choices:
        assert path.read_text(encoding="utf-8") == ""
        return
    parsed = moodle_import("aiken", path)
    assert parsed["importerrors"] == 0 and not parsed["php_warnings"], parsed
    assert len(parsed["questions"]) == len(choices)
    for question, choice in zip(parsed["questions"], choices, strict=True):
        text = _plain(question["questiontext"]).removeprefix(WORD_JOINER)
        assert text == one_line(choice.prompt)
        texts = [_plain(a["text"]) for a in question["answer"]]
        assert texts == [one_line(option) for option in choice.options]
        assert [float(f) for f in question["fraction"]] == [
            float(i == choice.answer_index) for i in range(len(choice.options))
        ]


def assert_anki_text_reads_back(prepared: PreparedDeck, path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        records = list(csv.reader(file, delimiter="\t"))
    header = [row for row in records if row and row[0].startswith("#")]
    assert len(header) == 6  # nothing in a fact made a header or comment line
    rows = [row for row in records if row and not row[0].startswith("#")]
    assert len(rows) == len(list(prepared.questions))
    assert _RAW_CONTROL.search(path.read_text(encoding="utf-8")) is None
    assert all(len(row) == 6 and row[0] in ("Basic", "Cloze") for row in rows)


def assert_json_reads_back(prepared: PreparedDeck, path: Path) -> None:
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == len(list(prepared.questions))
    assert _RAW_CONTROL.search(path.read_text(encoding="utf-8")) is None


def assert_worksheet_holds_no_control_character(prepared: PreparedDeck, path: Path) -> None:
    assert _RAW_CONTROL.search(path.read_text(encoding="utf-8")) is None


def assert_package_reads_back(prepared: PreparedDeck, path: Path) -> None:
    with zipfile.ZipFile(path) as package, tempfile.TemporaryDirectory() as folder:
        package.extract("collection.anki2", folder)
        with contextlib.closing(sqlite3.connect(Path(folder) / "collection.anki2")) as db:
            fields = [row[0] for row in db.execute("SELECT flds FROM notes")]
    assert len(fields) == len(list(prepared.questions))
    for field in fields:  # fact text is text: no markup and no template from a fact
        assert "<script" not in field and "{{Front}}" not in field, field


READERS = {
    "apkg": assert_package_reads_back,
    "gift": assert_gift_reads_back,
    "aiken": assert_aiken_reads_back,
    "csv": assert_anki_text_reads_back,
    "json": assert_json_reads_back,
    "md": assert_worksheet_holds_no_control_character,
}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_hostile_deck_reads_back_as_written(write_facts: WriteFacts, fmt: str) -> None:
    path = write_facts(HOSTILE_DECK.lstrip())
    prepared, written = _build(path, fmt)
    READERS[fmt](prepared, written)


def test_moodle_reads_the_hostile_answers_exactly(write_facts: WriteFacts) -> None:
    path = write_facts(HOSTILE_DECK.lstrip())
    prepared, written = _build(path, "gift")
    parsed = {q.get("name"): q for q in moodle_import("gift", written)["questions"]}
    assert parsed["rowling c1"]["qtype"] == "shortanswer"  # not a matching question
    assert parsed["rowling c1"]["answer"][0]["text"] == "ab-*>cd"  # `-*>` matches what is typed
    assert parsed["president c1"]["answer"][0]["text"] == "%10% of voters"  # not a 10% weight
    assert parsed["president c1"]["fraction"][0] in (1, "1", 1.0)
    assert _plain(parsed["president mcq"]["answer"][0]["text"]) == "%10% of voters"
    braces = parsed["braces mcq"]
    right = [
        a["text"]
        for a, f in zip(braces["answer"], braces["fraction"], strict=True)
        if float(f) == 1
    ]
    assert [_plain(text) for text in right] == ["{{c1::x}}"]


def _fact_file(title: str, topic: str, text: str, answer: str, wrong: list[str]) -> str:
    facts = {
        "id": "fuzz",
        "deck": title,
        "facts": [
            {
                "id": "f",
                "topic": topic,
                "text": f"{text} {answer} {text}",
                "answer": answer,
                "distractors": wrong,
                "explanation": text,
            }
        ],
    }
    return json.dumps(facts, ensure_ascii=False)


def _usable(text: str) -> bool:
    return bool(text.strip()) and "::" not in text


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=hostile_texts().filter(_usable),
    topic=hostile_texts().filter(_usable),
    text=hostile_texts(),
    answer=hostile_texts().filter(_usable),
    wrong=st.lists(hostile_texts().filter(_usable), min_size=3, max_size=3, unique=True),
)
# A byte-order mark opening the Aiken file, which Moodle's reader drops (found by this test).
@example(title="\x00", topic="->", text="\ufeff", answer=":", wrong=["\x00", "word", "\u202a"])
def test_hostile_text_in_any_field_reads_back_in_every_text_format(
    write_facts: WriteFacts, title: str, topic: str, text: str, answer: str, wrong: list[str]
) -> None:
    path = write_facts(_fact_file(title, topic, text, answer, wrong), "fuzz.yaml")
    try:
        (prepared,) = prepare([path])
    except Exception as error:  # noqa: BLE001 - only a fact-file error may come out
        from quizgen.errors import QuizgenError

        assert isinstance(error, QuizgenError), error
        return
    for fmt, reader in READERS.items():
        (report,) = build_decks([prepared], path.parent / f"out-{fmt}", fmt)
        reader(prepared, report.path)


@pytest.mark.slow
def test_line_breaks_in_a_title_or_topic_become_spaces_in_anki_deck_names(
    write_facts: WriteFacts, tmp_path: Path
) -> None:
    from anki_support import deck_names, import_apkg, open_collection

    path = write_facts(
        'id: nl\ndeck: "Line\\none\\u2028two"\nfacts:\n  - id: a\n    topic: "Top\\r\\nic\\ttab"\n'
        "    text: Mars has two moons.\n    answer: two\n    distractors: [one, three, four]\n"
    )
    _, package = _build(path, "apkg")
    with open_collection(tmp_path / "collection.anki2") as collection:
        import_apkg(collection, package)
        names = deck_names(collection)
    assert {"Line one two", "Line one two::Top ic tab"} <= names
