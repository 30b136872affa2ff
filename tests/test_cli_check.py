"""`quizgen check`, `schema`, `new` and `list` through the command line, as a teacher runs them.

Every kind of bad input is its own file; each test asserts exit 1, the exact `Error:` lines
on stderr (file, line, field, what is wrong and how to fix it) and that no traceback escaped.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SEED_DECK, SOLAR_SYSTEM, WriteFacts
from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]
from typer.testing import CliRunner, Result

from quizgen.cli import app

runner = CliRunner()

YAML_ADVICE = (
    "; check the indentation and quote text that contains ': ' or starts with a special character"
)
FACT_FIELDS = (
    "id, topic, text, answer, question, kind, hint, distractors, accept, cloze, explanation, "
    "image, tags, currency"
)
KINDS = "money, number, percent, year, date, person, place, organization, term"


def check(*args: str) -> Result:
    return runner.invoke(app, ["check", *args])


def assert_errors(result: Result, *lines: str) -> None:
    """Exit 1, exactly these `Error:` lines on stderr, nothing on stdout, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stderr == "".join(f"Error: {line}\n" for line in lines)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


# --- files that pass ----------------------------------------------------------------------


def test_shipped_facts_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = check()  # the default is facts/
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok facts/ukraine-peace-talks.yaml: 'Ukraine peace talks', ")
    assert "Error" not in result.output


def test_fact_file_on_an_unrelated_subject_passes(workdir: Path) -> None:
    """The format is not tied to the seed deck: astronomy, with every kind of answer."""
    shutil.copy(SOLAR_SYSTEM, workdir / "solar-system.yaml")
    result = check("solar-system.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok solar-system.yaml: 'The solar system', 16 facts, 5 topics\n"
    # At most a question left out for want of good wrong options (Galileo, 1610: the deck's
    # pool has only Kepler of his time and trade), never a fault of the file.
    for line in result.stderr.splitlines():
        assert "wrong options for a multiple-choice question, so it is left out" in line, line


def test_minimal_fact_file_passes(write_facts: WriteFacts, minimal_deck: str) -> None:
    write_facts(minimal_deck)
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok deck.yaml: 'Mini', 1 fact, 0 topics\n"


def test_folder_is_searched_recursively_for_yaml_and_yml(
    write_facts: WriteFacts, minimal_deck: str
) -> None:
    write_facts(minimal_deck, "decks/a.yaml")
    write_facts(minimal_deck.replace("id: mini", "id: other"), "decks/more/b.yml")
    write_facts("not: a fact file", "decks/notes.txt")
    result = check("decks")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ok decks/a.yaml: 'Mini', 1 fact, 0 topics\nok decks/more/b.yml: 'Mini', 1 fact, 0 topics\n"
    )


def test_existing_image_passes(write_facts: WriteFacts) -> None:
    write_facts(b"\x89PNG\r\n\x1a\n", "images/mars.png")
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            image: images/mars.png
        """
    )
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output


def test_a_question_asked_only_to_keep_the_budget_is_named(write_facts: WriteFacts) -> None:
    # Teachers who fixed one fact saw another's question drop out, unwarned: it had been
    # asked with two wrong options only to keep the deck's budget. Each such fact is named,
    # so the warnings stay put when another fact is fixed.
    deck = """\
        id: budget
        deck: Budget
        reference: false
        pools:
          place: [Vienna, Oslo]
        facts:
          - id: city
            text: The talks were held in Geneva.
            answer: Geneva
            kind: place
        """
    write_facts(deck)
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Warning: deck.yaml:7: fact 'city': only 2 of 3 wrong options for a multiple-choice "
        "question; it is asked all the same, with weaker options, only while the deck would "
        "otherwise leave out more than a fifth of its questions (fixing other facts can leave "
        "it out): add `distractors` to the fact, "
    ), result.stderr
    years = "".join(
        f"  - id: y{n}\n    text: It happened in {1900 + n}.\n    answer: '{1900 + n}'\n"
        for n in range(4)
    )
    write_facts(textwrap.dedent(deck) + years)
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Warning: deck.yaml:7: fact 'city': only 2 of 3 wrong options for a multiple-choice "
        "question, so it is left out (the cloze is still made)"
    ), result.stderr
    assert check("deck.yaml", "--strict").exit_code == 1


# --- each kind of bad input, in its own file --------------------------------------------


def test_yaml_syntax_error(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Note: Mars has two moons.
            answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:5: YAML syntax error: the value of `text` contains ': ', which YAML reads as "
        'another field: put the whole value in quotes ("...")',
    )


def test_yaml_unclosed_quote_names_the_line_it_opens(write_facts: WriteFacts) -> None:
    """Regression: libyaml finds this at the end of the file and reported a line past the end."""
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: "Mars has two moons.
            answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        'deck.yaml:5: YAML syntax error: this quote (") is never closed: end the text with "',
    )


def test_yaml_unclosed_bracket_names_where_it_opens(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: [Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:2: YAML syntax error: this [ is never closed: end the list with ] on the same "
        "line (or write the value in quotes if the bracket is part of the text)",
    )


def test_control_character(write_facts: WriteFacts) -> None:
    """Regression: this was line 1 and a second `Error:` line naming "<unicode string>"."""
    write_facts(
        b"id: mini\ndeck: Mini\nfacts:\n  - id: mars-moons\n"
        b"    text: Mars has two \x07moons.\n    answer: two\n"
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:5: YAML syntax error: the control character U+0007 is not allowed: delete it "
        "(it often comes in unseen with pasted text)",
    )


def test_empty_file(write_facts: WriteFacts) -> None:
    write_facts("")
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:1: the file is empty: `quizgen new FILE` writes a starter file",
    )


def test_file_with_only_comments_is_empty(write_facts: WriteFacts) -> None:
    write_facts("# facts about Mars, to do\n")
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:1: the file is empty: `quizgen new FILE` writes a starter file",
    )


def test_top_level_not_a_mapping(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        - id: mars-moons
          text: Mars has two moons.
          answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:1: the top level must be a mapping with id, deck and facts "
        "(`quizgen new FILE` writes an example)",
    )


def test_facts_not_a_list(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts: Mars has two moons.
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:3: facts: must be a list, for example [one, two] or lines starting with '- '",
    )


def test_facts_left_empty(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
        """
    )
    assert_errors(check("deck.yaml"), "deck.yaml:3: facts: a deck needs at least one fact")


def test_missing_required_field(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:4: facts[1] 'mars-moons'.answer: is required: add `answer:` here "
        "(`quizgen new` writes a full example)",
    )


def test_missing_facts(write_facts: WriteFacts) -> None:
    write_facts("id: mini\ndeck: Mini\n")
    assert_errors(
        check("deck.yaml"), "deck.yaml:1: facts: is required: add `facts:` with a list of facts"
    )


def test_required_field_left_empty(write_facts: WriteFacts) -> None:
    """Regression: `answer:` with nothing after it said 'must be text, not a list or a mapping'."""
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer:
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'mars-moons'.answer: is empty: write a value after the colon",
    )


def test_unknown_field(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            anwser: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:4: facts[1] 'mars-moons'.answer: is required: add `answer:` here "
        "(`quizgen new` writes a full example)",
        f"deck.yaml:6: facts[1] 'mars-moons'.anwser: unknown field: did you mean `answer`? "
        f"allowed fields are {FACT_FIELDS}",
    )


def test_unknown_top_level_field(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        author: Ms Smith
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:3: author: unknown field: allowed fields are "
        "id, deck, description, source, as_of, currency, tags, reference, pools, facts",
    )


def test_unknown_kind(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            kind: planet
        """
    )
    assert_errors(
        check("deck.yaml"),
        f"deck.yaml:7: facts[1] 'mars-moons'.kind: unknown kind 'planet': use one of {KINDS}",
    )


def test_bad_deck_id(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: Solar System
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:1: id: 'Solar System' is not a valid id: use lowercase letters, digits, - and _ "
        "(for example 'solar-system')",
    )


def test_bad_fact_id(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars moons!
            text: Mars has two moons.
            answer: two
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:4: facts[1] 'mars moons!'.id: 'mars moons!' is not a valid id: use lowercase "
        "letters, "
        "digits, - and _ (for example 'mars-moons')",
    )


def test_bad_tag(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            tags: [mars, red planet]
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:7: facts[1] 'mars-moons'.tags[2]: 'red planet' is not a valid tag: use letters, "
        "digits, "
        "- and _ with no spaces (for example 'red-planet')",
    )


def test_duplicate_fact_id(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
          - id: mars-moons
            text: Mars is red because of iron oxide.
            answer: iron oxide
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:7: facts[2] 'mars-moons'.id: duplicate fact id 'mars-moons' (first used at line "
        "4): "
        "give each fact its own id",
    )


def test_deck_id_used_by_two_files(write_facts: WriteFacts, minimal_deck: str) -> None:
    write_facts(minimal_deck, "decks/a.yaml")
    write_facts("# a copy of a.yaml\n" + minimal_deck, "decks/b.yaml")
    assert_errors(
        check("decks"),
        "decks/b.yaml:2: id: deck id 'mini' is already used by decks/a.yaml: "
        "give each fact file its own id",
    )


def test_answer_not_in_text(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: Phobos and Deimos
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'mars-moons'.answer: 'Phobos and Deimos' does not occur in text: "
        "copy the words exactly as they appear in text",
    )


def test_answer_in_text_with_other_case(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: mars
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'mars-moons'.answer: 'mars' does not occur in text exactly as "
        "written: "
        "did you mean 'Mars'? (case matters)",
    )


def test_cloze_span_not_in_text(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            cloze:
              - two
              - Phobos
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:9: facts[1] 'mars-moons'.cloze[2]: 'Phobos' does not occur in text: "
        "copy the words exactly as they appear in text",
    )


def test_distractor_equal_to_answer(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            distractors: [three, Two, four]
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:7: facts[1] 'mars-moons'.distractors[2]: 'Two' is the answer itself: "
        "remove it from distractors",
    )


def test_distractor_equal_to_answer_by_value(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: aid
        deck: Aid
        facts:
          - id: canada-aid
            text: Canada pledged an additional $2.5 billion in aid.
            answer: $2.5 billion
            distractors:
              - $1.5 billion
              - $2,500 million
              - €2.5 billion
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:9: facts[1] 'canada-aid'.distractors[2]: '$2,500 million' is the answer itself: "
        "remove it from distractors",
    )


def test_distractor_equal_to_accept_form(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: pluto-discoverer
            text: Clyde Tombaugh discovered Pluto in 1930.
            answer: Clyde Tombaugh
            kind: person
            accept: [Tombaugh]
            distractors: [Percival Lowell, tombaugh]
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:9: facts[1] 'pluto-discoverer'.distractors[2]: 'tombaugh' is one of the "
        "accepted answers: "
        "remove it from distractors",
    )


def test_image_does_not_exist(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            image: images/mars.png
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:7: facts[1] 'mars-moons'.image: 'images/mars.png' does not exist: "
        "give the path relative to the fact file",
    )


def test_image_outside_the_fact_files_folder(write_facts: WriteFacts) -> None:
    write_facts(b"\x89PNG\r\n\x1a\n", "mars.png")
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            image: ../mars.png
        """,
        "decks/deck.yaml",
    )
    assert_errors(
        check("decks/deck.yaml"),
        "decks/deck.yaml:7: facts[1] 'mars-moons'.image: '../mars.png' is outside the fact file's "
        "folder: "
        "put the image in that folder (or below it) and give its path relative to the fact file",
    )


def test_not_utf8(write_facts: WriteFacts) -> None:
    write_facts(
        "id: mini\ndeck: Mini\nfacts:\n  - id: cafe\n    text: Caf\xe9 Mars is open.\n"
        "    answer: Mars\n".encode("latin-1")
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:5: is not UTF-8 text (byte 0xe9): save the file as UTF-8 in your editor",
    )


def test_path_that_does_not_exist_is_a_usage_error(workdir: Path) -> None:
    result = check("missing.yaml")
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_no_paths_and_no_facts_folder_is_a_usage_error(workdir: Path) -> None:
    """Regression: the missing default facts/ gave exit 1 "cannot be read", unlike any other
    missing path."""
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2, result.output
    assert "there is no facts/ folder here: name the fact files or folders to use" in (
        result.stderr
    )


# --- every problem at once -------------------------------------------------------------------


def test_every_problem_in_a_file_is_reported_in_line_order(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        tags: [space science]
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: three
          - id: venus-day
            text: A day on Venus is longer than its year.
            answer: longer
            kind: planet
          - id: mars-moons
            text: Jupiter is the largest planet.
            answer: Jupiter
            distractors: [Saturn, jupiter]
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:3: tags[1]: 'space science' is not a valid tag: use letters, digits, - and _ "
        "with no spaces (for example 'space-science')",
        "deck.yaml:7: facts[1] 'mars-moons'.answer: 'three' does not occur in text: "
        "copy the words exactly as they appear in text",
        f"deck.yaml:11: facts[2] 'venus-day'.kind: unknown kind 'planet': use one of {KINDS}",
        "deck.yaml:12: facts[3] 'mars-moons'.id: duplicate fact id 'mars-moons' (first used at "
        "line 5): "
        "give each fact its own id",
        "deck.yaml:15: facts[3] 'mars-moons'.distractors[2]: 'jupiter' is the answer itself: "
        "remove it from distractors",
    )


def test_problems_in_several_files_are_reported_together(
    write_facts: WriteFacts, minimal_deck: str
) -> None:
    write_facts("", "decks/a.yaml")
    write_facts(minimal_deck, "decks/b.yaml")
    write_facts(
        minimal_deck.replace("id: mini", "id: c").replace("answer: two", "answer: 2"),
        "decks/c.yaml",
    )
    assert_errors(
        check("decks"),
        "decks/a.yaml:1: the file is empty: `quizgen new FILE` writes a starter file",
        "decks/c.yaml:6: facts[1] 'mars-moons'.answer: '2' does not occur in text: "
        "copy the words exactly as they appear in text",
    )


# --- schema ------------------------------------------------------------------------------


def schema_output() -> dict[str, Any]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_schema_is_valid_json_schema() -> None:
    schema = schema_output()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", [SEED_DECK, SOLAR_SYSTEM], ids=["seed-deck", "solar-system"])
def test_shipped_fact_files_validate_against_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema_output()).iter_errors(data))
    assert errors == []


def test_schema_rejects_a_misspelt_field() -> None:
    data = {
        "id": "mini",
        "deck": "Mini",
        "facts": [{"id": "mars-moons", "text": "Mars has two moons.", "anwser": "two"}],
    }
    messages = sorted(e.message for e in Draft202012Validator(schema_output()).iter_errors(data))
    assert messages == [
        "'answer' is a required property",
        "Additional properties are not allowed ('anwser' was unexpected)",
    ]


# --- new -----------------------------------------------------------------------------------


def test_new_writes_a_starter_file_that_passes_check(workdir: Path) -> None:
    result = runner.invoke(app, ["new", "x.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote x.yaml: edit it, then run: quizgen check x.yaml\n"
    result = check("x.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok x.yaml: 'X', 2 facts, 1 topic\n"


def test_new_names_the_deck_after_the_file_and_makes_folders(workdir: Path) -> None:
    result = runner.invoke(app, ["new", "facts/Solar System.yaml"])
    assert result.exit_code == 0, result.output
    text = (workdir / "facts" / "Solar System.yaml").read_text(encoding="utf-8")
    assert "\nid: solar-system " in text
    assert "\ndeck: Solar System " in text
    result = check("facts")
    assert result.exit_code == 0, result.output


def test_new_starter_validates_against_the_schema(workdir: Path) -> None:
    assert runner.invoke(app, ["new", "x.yaml"]).exit_code == 0
    data = yaml.safe_load((workdir / "x.yaml").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema_output()).iter_errors(data)) == []


def test_new_never_overwrites(write_facts: WriteFacts, minimal_deck: str) -> None:
    path = write_facts(minimal_deck, "x.yaml")
    result = runner.invoke(app, ["new", "x.yaml"])
    assert result.exit_code == 1, result.output
    assert result.stderr == "Error: x.yaml already exists: choose another name or remove it\n"
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == minimal_deck


# --- list ----------------------------------------------------------------------------------


def test_list_shows_decks_topics_and_counts(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            topic: Planets
            text: Mars has two moons.
            answer: two
          - id: sun-star
            topic: The Sun
            text: The Sun is a star.
            answer: star
          - id: venus-hot
            topic: Planets
            text: Venus is the hottest planet.
            answer: Venus
          - id: comet-tail
            text: A comet's tail points away from the Sun.
            answer: away from the Sun
        """
    )
    result = runner.invoke(app, ["list", "deck.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Mini [mini] 4 facts  (deck.yaml)\n  Planets: 2\n  The Sun: 1\n  (no topic): 1\n"
    )


def test_list_reports_invalid_files_like_check(write_facts: WriteFacts) -> None:
    write_facts("")
    result = runner.invoke(app, ["list", "deck.yaml"])
    assert_errors(
        result, "deck.yaml:1: the file is empty: `quizgen new FILE` writes a starter file"
    )


def test_a_currency_must_be_an_iso_4217_code(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: mini
        deck: Mini
        currency: dollars
        facts:
          - id: pledge
            text: Canada pledged $2.5 billion.
            answer: $2.5 billion
            currency: XYZ
        """
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:3: currency: 'dollars' is not an ISO 4217 currency code: write three letters, "
        "for example USD, EUR, GBP or CAD",
        "deck.yaml:8: facts[1] 'pledge'.currency: 'XYZ' is not an ISO 4217 currency code: "
        "write three letters, for example USD, EUR, GBP or CAD",
    )


def test_symbols_are_answers_and_distractors_of_their_own(write_facts: WriteFacts) -> None:
    """ "+" and emoji were once all the empty text, so every distractor was "the answer itself"."""
    write_facts(
        """\
        id: symbols
        deck: Symbols
        currency: cad
        facts:
          - id: unicorn
            text: The unicorn emoji is 🦄.
            answer: 🦄
            distractors: [🐴, 🦓, 🐎]
          - id: plus
            text: The operator for addition is +.
            answer: "+"
            distractors: ["-", "*", "/"]
          - id: cpp
            text: Bjarne Stroustrup created C++.
            answer: C++
            distractors: [C#, C, Java]
        """
    )
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    assert "3 facts" in result.stdout
