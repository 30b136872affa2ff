"""Moodle grades the shipped deck's GIFT export as the terminal quiz does.

The export is read back by Moodle's own GIFT importer (`shared/moodle/harness/run.php`) and
each short answer is graded by Moodle's own short-answer matcher (the class in
`shortanswer_check.php`). Typed forms are written by this test; each one the terminal quiz
accepts must score 1 in Moodle, and each one it rejects must score 0.

Numerical questions are graded with a model of Moodle's `qtype_numerical_answer_processor::
apply_units` (spaces dropped; with a point or several commas, commas are thousands separators,
else one comma is the decimal point), since the harness has no numerical grader.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_DECK
from moodle_support import HARNESS, php, require_moodle
from typer.testing import CliRunner

from quizgen.answers.kinds import Kind, infer_kind
from quizgen.answers.matching import accepted_forms, match_answer, numerical_answer
from quizgen.cli import app
from quizgen.engine.pipeline import prepare
from quizgen.engine.questions import ClozeQuestion

pytestmark = pytest.mark.slow


# Loads the shared harness's copy of Moodle's matcher (its own checks run on empty input and
# print nothing we keep), then grades {question name: [typed, ...]} with it.
GRADER = r"""<?php
[$self, $check, $parsedfile, $typedfile] = $argv;
$empty = tempnam(sys_get_temp_dir(), 'q');
file_put_contents($empty, '{"questions": []}');
$none = tempnam(sys_get_temp_dir(), 'q');
file_put_contents($none, '[]');
$argv = ['check', $empty, $none];
ob_start();
require $check;
ob_end_clean();
$parsed = json_decode(file_get_contents($parsedfile), true);
$typed = json_decode(file_get_contents($typedfile), true);
$grades = [];
foreach ($parsed['questions'] as $q) {
    if ($q['qtype'] !== 'shortanswer' || !isset($typed[$q['name']])) { continue; }
    foreach ($typed[$q['name']] as $response) {
        $grade = 0;
        foreach ($q['answer'] as $k => $a) {
            if (qtype_shortanswer_question_excerpt::compare_string_with_wildcard(
                    $response, $a['text'], true)) { $grade = $q['fraction'][$k]; break; }
        }
        $grades[$q['name']][] = [$response, $grade];
    }
}
echo json_encode($grades, JSON_UNESCAPED_UNICODE);
"""


# Bare numbers below 1,000 become numerical questions; the shipped deck has none.
NUMBERS_DECK = """\
id: numbers
deck: Numbers
facts:
  - id: mars-moons
    text: Mars has 2 moons.
    answer: "2"
    kind: number
  - id: gravity
    text: Gravity pulls at 9.8 m/s² on Earth.
    answer: "9.8"
    kind: number
  - id: dwarf-planets
    text: The IAU recognises 5 dwarf planets.
    answer: "5"
    kind: number
"""


def _exported(deck: Path, out: Path) -> dict[str, Any]:
    harness = require_moodle()
    result = CliRunner().invoke(app, ["build", str(deck), "--format", "gift", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (gift,) = out.glob("*.gift*")
    parsed = json.loads(php(str(harness / "run.php"), "gift", str(gift)))
    assert parsed["importerrors"] == 0 and not parsed["php_warnings"], parsed
    return {"parsed": parsed, "dir": out, "deck": deck}


@pytest.fixture(scope="module", params=["shipped", "numbers"])
def moodle(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("gift")
    deck = SEED_DECK
    if request.param == "numbers":
        deck = out / "numbers.yaml"
        deck.write_text(NUMBERS_DECK, encoding="utf-8")
    return _exported(deck, out)


def spans(path: Path) -> list[tuple[str, str, list[str], Kind, str]]:
    """(Moodle question name, span, accepted answers, kind, currency) for each cloze span."""
    found = []
    (deck,) = prepare([path])
    for question in deck.questions:
        if not isinstance(question, ClozeQuestion):
            continue
        fact = question.fact
        for number, span in enumerate(question.spans, 1):
            is_answer = span == fact.answer
            accepted = [span, *(fact.accept if is_answer else ())]
            kind = fact.answer_kind if is_answer else infer_kind(span)
            currency = question.deck.currency_of(fact)
            found.append((f"{fact.id} c{number}", span, accepted, kind, currency))
    return found


def student_forms(span: str, accepted: list[str], kind: Kind) -> list[str]:
    """What students type for this span, right and wrong, written by this test."""
    forms = [*accepted, span.lower(), span.upper(), re.sub(r"[.,'’]", "", span)]
    forms += [f"the {span}", span.removeprefix("the ").removeprefix("a ")]
    if kind is Kind.MONEY:
        forms += [
            "C$2.5 billion", "CA$2.5 billion", "CAD 2.5 billion", "2.5 billion CAD",
            "2.5 billion Canadian dollars", "$2,500 million", "2,500,000,000", "2500000000",
            "2.5bn", "$2.5bn", "2,5 billion", "2.5 billion",
            "US$2.5 billion", "€2.5 billion", "2.5 billion euros", "$2.6 billion", "$25 billion",
            "$2.5 million", "2-3 billion",
        ]  # fmt: skip
    if kind in (Kind.NUMBER, Kind.YEAR, Kind.PERCENT):
        forms += ["20", "20.0", "twenty", "21", "2014", "in 2014", "2015", "2010s", "2014-2015"]
        forms += ["90", "90 %", "90 percent", "ninety percent", "91%"]
        forms += ["2", "2.0", "two", "3", "9.8", "9,8", "9.80", "9.9", "5", "five", "5.0", "6"]
    return list(dict.fromkeys(forms))


def numerical_grade(response: str, value: Decimal) -> int:
    """Moodle's numerical reading of a response without units: 1 when it is the value."""
    text = response.replace(" ", "")
    if "." in text or text.count(",") > 1:
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    found = re.match(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?", text)
    if not found or found.group(0) != text:
        return 0  # a unit or words: not a number Moodle grades as this value
    try:
        return int(Decimal(found.group(0)) == value)
    except InvalidOperation:
        return 0


def test_each_short_answer_carries_its_alternatives(moodle: dict[str, Any]) -> None:
    questions = {q.get("name"): q for q in moodle["parsed"]["questions"]}
    checked = numerical = 0
    for name, span, accepted, kind, currency in spans(moodle["deck"]):
        question = questions[name]
        value = numerical_answer(accepted, kind)
        if value is not None:
            assert question["qtype"] == "numerical"
            assert [Decimal(a["text"]) for a in question["answer"]] == [value]
            numerical += 1
            continue
        assert question["qtype"] == "shortanswer"
        texts = [answer["text"] for answer in question["answer"]]
        assert texts == accepted_forms(accepted, kind, currency)
        assert texts[0] == span  # what Moodle shows as the right answer
        assert set(question["fraction"]) == {1}
        checked += 1
    if moodle["deck"] != SEED_DECK:
        assert numerical == 3
        return
    assert checked > 40
    canada = [a["text"] for a in questions["canada-aid-pledge c1"]["answer"]]
    for form in ("$2.5 billion", "2.5 billion", "C$2.5 billion", "CAD 2.5 billion", "2500000000"):
        assert form in canada
    assert "2,500,000,000" in canada and "2.5 billion Canadian dollars" in canada
    year = [a["text"] for a in questions["crimea-annexation-year c2"]["answer"]]
    assert year == ["2014", "the 2014", "in 2014"]


def test_moodle_accepts_what_the_terminal_accepts_and_rejects_the_rest(
    moodle: dict[str, Any],
) -> None:
    cases = spans(moodle["deck"])
    typed = {name: student_forms(span, accepted, kind) for name, span, accepted, kind, _ in cases}
    (moodle["dir"] / "parsed.json").write_text(json.dumps(moodle["parsed"]))
    (moodle["dir"] / "typed.json").write_text(json.dumps(typed))
    (moodle["dir"] / "grade.php").write_text(GRADER)
    assert HARNESS is not None
    grades = json.loads(
        php(
            str(moodle["dir"] / "grade.php"),
            str(HARNESS / "shortanswer_check.php"),
            str(moodle["dir"] / "parsed.json"),
            str(moodle["dir"] / "typed.json"),
        )
    )
    disagreements = []
    compared = right = 0
    for name, _, accepted, kind, currency in cases:
        value = numerical_answer(accepted, kind)
        if value is not None:
            moodle_grades = [(t, numerical_grade(t, value)) for t in typed[name]]
        else:
            moodle_grades = [(t, g) for t, g in grades[name]]
        for response, grade in moodle_grades:
            verdict = match_answer(response, accepted, kind, currency)
            if verdict.typo or verdict.unclear:
                continue  # typos are forgiven by the terminal only (docs/grading.md)
            if value is not None and not re.fullmatch(r"[\d.,+-]+", response):
                continue  # a numerical question takes digits only (docs/grading.md)
            compared += 1
            right += verdict.correct
            if bool(grade) != verdict.correct:
                disagreements.append((name, response, verdict.correct, grade))
    assert disagreements == [], "\n".join(map(str, disagreements))
    assert compared > (250 if moodle["deck"] == SEED_DECK else 20)
    assert right > (150 if moodle["deck"] == SEED_DECK else 5)
