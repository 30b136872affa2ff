"""The item-writing lint of `quizgen check`: each cue a test-wise student uses, on curated and
generated options alike, reported as `FILE:LINE: fact 'id': ...`; `--strict` makes it fail."""

from __future__ import annotations

import pytest
from conftest import ROOT, WriteFacts
from typer.testing import CliRunner, Result

from quizgen.cli import app

runner = CliRunner()


def check(*args: str) -> Result:
    return runner.invoke(app, ["check", *args])


def warnings_of(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Warning: ")]


CITIES = """\
    id: lint
    deck: Lint
    facts:
      - id: capital
        text: Vienna is the capital of Austria.
        answer: Vienna
        kind: place
        distractors: [Graz, Linz, Salzburg]
"""


def fact(body: str) -> str:
    """CITIES with one more fact (indented as a list item), at line 9."""
    return CITIES + "".join(f"      {line}\n" for line in body.strip().splitlines())


def test_a_clean_deck_has_no_findings_and_passes_strict(write_facts: WriteFacts) -> None:
    write_facts(CITIES)
    result = check("deck.yaml", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_absolutes_in_options_are_named(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: targets
  text: The attacks hit critical infrastructure.
  answer: critical infrastructure
  question: What did the attacks hit?
  distractors: [military bases only, empty fields, all of the above]
"""
        )
    )
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    found = warnings_of(result)
    assert (
        "Warning: deck.yaml:9: fact 'targets': option 'military bases only' says 'only': "
        "absolutes mark a wrong option for a test-wise student; say what is wrong without it"
    ) in found
    assert any("'all of the above' says 'all of the above'" in line for line in found)


def test_strict_makes_findings_errors_and_exits_1(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: targets
  text: The attacks hit critical infrastructure.
  answer: critical infrastructure
  question: What did the attacks hit?
  distractors: [military bases only, empty fields, farms]
"""
        )
    )
    result = check("deck.yaml", "--strict")
    assert result.exit_code == 1
    assert "Error: deck.yaml:9: fact 'targets': option 'military bases only' says 'only'" in (
        result.stderr
    )
    assert "Traceback" not in result.output


def test_the_key_alone_repeating_a_stem_word(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: kind
  text: Zelenskyy wants legally binding agreements.
  answer: legally binding agreements
  question: What kind of agreements does Zelenskyy want?
  distractors: [non-binding declarations, secret side deals, verbal understandings]
"""
        )
    )
    assert (
        "Warning: deck.yaml:9: fact 'kind': only the key 'legally binding agreements' repeats "
        "'agreement' from the question: use the word in the wrong options too, or leave it out "
        "of the question"
    ) in warnings_of(check("deck.yaml"))


def test_a_key_much_longer_than_every_wrong_option(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: long
  text: The plan sets out a comprehensive and enforceable framework for peace.
  answer: a comprehensive and enforceable framework for peace
  question: What does the plan set out?
  distractors: [a truce, a memo, a poll]
"""
        )
    )
    found = warnings_of(check("deck.yaml"))
    assert any("'long': the key 'a comprehensive and enforceable framework for peace' is much "
               "longer than every wrong option" in line for line in found)  # fmt: skip


def test_a_stem_that_gives_the_key_away(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: away
  text: The Minsk agreements fell short.
  answer: Minsk agreements
  question: Which agreements, signed in Minsk and called the Minsk agreements, fell short?
  distractors: [Oslo Accords, Dayton Accords, Helsinki Accords]
"""
        )
    )
    assert (
        "Warning: deck.yaml:9: fact 'away': the question gives the key away: it shows "
        "'Minsk agreements'; reword the question"
    ) in warnings_of(check("deck.yaml"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "- {id: away, text: The saxophone was invented by Adolphe Sax., answer: saxophone,"
            " distractors: [clarinet, oboe, bassoon]}",
            "'Sax' spells the start of 'saxophone'",
        ),
        (
            "- {id: away, text: The element francium is named after France., answer: France,"
            " kind: place, distractors: [Italy, Spain, Portugal]}",
            "'francium' spells the start of 'France'",
        ),
        (
            "- {id: away, text: Sodium has the symbol Na from its Latin name natrium., answer: Na,"
            " distractors: [So, Sd, Sm]}",
            "'natrium' starts with 'Na'",
        ),
        (
            "- {id: away, text: 'The war lasted 11 years, from 1810 to 1821.', answer: 11 years,"
            " distractors: [6 years, 14 years, 16 years]}",
            "from 1810 to 1821 is 11 years",
        ),
        (
            "- {id: away, text: 'She died in 1803, aged 60, having been born in 1743.',"
            " answer: '60', distractors: ['50', '70', '80']}",
            "from 1743 to 1803 is 60 years",
        ),
        (
            "- {id: away, text: Bolivia takes its name from Simón Bolívar., answer: Simón Bolívar,"
            " kind: person, distractors: [José de San Martín, Bernardo O'Higgins, Antonio Sucre]}",
            "'Bolivia' spells the start of 'Simón Bolívar'",
        ),
    ],
)
def test_a_word_of_the_stem_that_spells_the_key(
    write_facts: WriteFacts, body: str, expected: str
) -> None:
    write_facts(fact(body))
    found = [w for w in warnings_of(check("deck.yaml")) if "fact 'away'" in w]
    assert found == [
        f"Warning: deck.yaml:9: fact 'away': the question gives the key away: {expected}; reword it"
    ]


def test_words_that_merely_begin_alike_are_no_give_away(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            "- {id: fine, text: The first compiler was written for a computer at Harvard.,"
            " answer: compiler, distractors: [linker, assembler, interpreter]}"
        )
    )
    assert not [w for w in warnings_of(check("deck.yaml")) if "give" in w]


def test_a_hint_equal_to_the_answer_is_an_error(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: hinted
  text: The Minsk agreements fell short.
  answer: Minsk agreements
  hint: minsk agreements
  distractors: [Oslo Accords, Dayton Accords, Helsinki Accords]
"""
        )
    )
    result = check("deck.yaml")
    assert result.exit_code == 1
    assert "'hinted'.hint: 'minsk agreements' is the answer itself" in result.stderr


def test_a_curated_option_left_out_is_named_with_the_reason(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: bone
  text: The femur, longer than the tibia, is the longest bone.
  answer: femur
  distractors: [tibia, fibula, humerus, radius]
"""
        )
    )
    found = warnings_of(check("deck.yaml"))
    assert (
        "Warning: deck.yaml:9: fact 'bone': distractor 'tibia' is left out of the question: it "
        "occurs in the question; reword or replace it"
    ) in found


def test_a_question_showing_another_facts_answer(write_facts: WriteFacts) -> None:
    write_facts(
        fact(
            """
- id: surgeon
  text: Christiaan Barnard performed the first heart transplant in Cape Town.
  answer: Christiaan Barnard
  kind: person
  distractors: [Norman Shumway, Denton Cooley, Michael DeBakey]
- id: city
  text: Christiaan Barnard performed the first heart transplant in Cape Town.
  answer: Cape Town
  kind: place
  distractors: [Johannesburg, Durban, Pretoria]
"""
        )
    )
    found = warnings_of(check("deck.yaml"))
    assert (
        "Warning: deck.yaml:14: fact 'city': its question shows 'Christiaan Barnard', the answer "
        "of fact 'surgeon': a student who meets both gets that one free; reword one of them"
    ) in found


def test_the_shipped_deck_passes_strict() -> None:
    result = check(str(ROOT / "facts"), "--strict")
    assert result.exit_code == 0, result.stderr
