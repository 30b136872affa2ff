"""`quizgen preview` (and the warning `check` shares with it) through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, WriteFacts
from typer.testing import CliRunner, Result

from quizgen.cli import app

runner = CliRunner()

SHIPPED_FACTS = 35
MOONS_WARNING = (
    "Warning: deck.yaml:4: fact 'mars-moons': only 0 of 3 wrong options for a multiple-choice "
    "question, so it is left out (the cloze is still made): add `distractors` to the fact, "
    "or term entries to the deck's `pools`, or a `hint` naming its sort with a pool of that "
    "sort (`SORT: [...]`)\n"
)
#: The minimal deck with a term for its answer ("two" is a number written out, which gets
#: options of its own): nothing else in the deck can be its wrong option.
LONE_TERM = ("answer: two", "answer: moons")


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository, where the default `facts/` is the shipped deck."""
    monkeypatch.chdir(ROOT)


def preview(*args: str) -> Result:
    result = runner.invoke(app, ["preview", *args])
    assert result.exit_code == 0, result.output
    return result


def records(*args: str) -> list[dict[str, Any]]:
    result = preview("--json", *args)
    parsed = json.loads(result.stdout)
    assert isinstance(parsed, list)
    return parsed


# --- text output ------------------------------------------------------------------------------


@pytest.mark.usefixtures("shipped")
def test_preview_shows_every_question_of_the_shipped_deck() -> None:
    result = preview()
    assert result.stderr == ""
    assert result.stdout.startswith(
        f"# Ukraine peace talks (facts/ukraine-peace-talks.yaml): {2 * SHIPPED_FACTS} questions\n"
    )
    assert (
        "canada-aid-pledge · Allies · cloze · money\n"
        "  Canada recently pledged an additional [c1: $2.5 billion | amount] in aid to support "
        "Ukraine's defense efforts.\n"
    ) in result.stdout
    assert (
        "canada-aid-pledge · Allies · mcq · money\n"
        "  How much additional aid did a significant ally recently pledge to support Ukraine's "
        "defense efforts?\n"
        "     A) $500 million\n"
        "     B) $1.5 billion\n"
        "   * C) $2.5 billion\n"
        "     D) $5 billion\n"
    ) in result.stdout


# --- --json -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("shipped")
def test_json_is_one_array_of_question_objects() -> None:
    found = records()
    assert len(found) == 2 * SHIPPED_FACTS
    for record in found:
        assert record["deck"] == "ukraine-peace-talks"
        assert {"deck", "fact_id", "topic", "kind"} <= set(record)
        assert isinstance(record["topic"], str)
        if record["kind"] == "mcq":
            assert isinstance(record["prompt"], str) and record["prompt"]
            assert len(record["options"]) == 4
            assert record["answer"] == record["options"][record["answer_index"]]
        else:
            assert record["kind"] == "cloze"
            # plain text and offsets: no Anki markup, no HTML entities
            assert "{{" not in record["text"] and "&amp;" not in record["text"]
            for span, start in zip(record["spans"], record["span_starts"], strict=True):
                assert record["text"][start : start + len(span)] == span
    by_kind = {
        kind: [r["fact_id"] for r in found if r["kind"] == kind] for kind in ("mcq", "cloze")
    }
    assert by_kind["mcq"] == by_kind["cloze"]
    assert len(set(by_kind["mcq"])) == SHIPPED_FACTS


@pytest.mark.usefixtures("shipped")
def test_json_record_of_the_money_question() -> None:
    (record,) = [r for r in records("--kind", "mcq") if r["fact_id"] == "canada-aid-pledge"]
    assert {k: record[k] for k in ("topic", "kind", "options", "answer", "answer_index")} == {
        "topic": "Allies",
        "kind": "mcq",
        "options": ["$500 million", "$1.5 billion", "$2.5 billion", "$5 billion"],
        "answer": "$2.5 billion",
        "answer_index": 2,
    }


def test_json_carries_the_deck_tags_the_fact_tags_and_both_together(
    write_facts: WriteFacts,
) -> None:
    write_facts(
        """\
        id: tagged
        deck: Tagged
        tags: [geography, Europe]
        facts:
          - id: paris
            text: The capital of France is Paris.
            answer: Paris
            tags: [france, europe, capitals]
          - id: rome
            text: The capital of Italy is Rome.
            answer: Rome
        """
    )
    result = runner.invoke(app, ["preview", "deck.yaml", "--json", "--kind", "cloze"])
    assert result.exit_code == 0, result.output
    by_fact = {record["fact_id"]: record for record in json.loads(result.stdout)}
    paris, rome = by_fact["paris"], by_fact["rome"]
    assert paris["deck_tags"] == rome["deck_tags"] == ["geography", "Europe"]
    assert (paris["fact_tags"], rome["fact_tags"]) == (["france", "europe", "capitals"], [])
    assert paris["tags"] == ["geography", "Europe", "france", "capitals"]  # case as in Anki
    assert rome["tags"] == ["geography", "Europe"]


@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize("kind", ["mcq", "cloze"])
def test_kind_filters_questions(kind: str) -> None:
    found = records("--kind", kind)
    assert len(found) == SHIPPED_FACTS
    assert {r["kind"] for r in found} == {kind}
    text = preview("--kind", kind).stdout
    assert text.count(f" · {kind} · ") == SHIPPED_FACTS
    assert f"{SHIPPED_FACTS} questions" in text.splitlines()[0]


@pytest.mark.usefixtures("shipped")
def test_options_sets_the_number_of_options() -> None:
    found = records("--kind", "mcq", "--options", "5")
    counts = Counter(len(r["options"]) for r in found)
    # Five, or fewer (at least three) where fewer good wrong options were found.
    assert set(counts) <= {3, 4, 5} and counts[5], counts
    numeric = [r for r in found if r["answer_kind"] in ("number", "percent", "money", "year")]
    assert numeric and all(len(r["options"]) == 5 for r in numeric)


def test_an_unknown_kind_is_a_usage_error() -> None:
    result = runner.invoke(app, ["preview", "--kind", "essay"])
    assert result.exit_code == 2, result.output


# --- seeds ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("shipped")
@pytest.mark.parametrize("extra", [[], ["--json"], ["--options", "5"]])
def test_same_seed_gives_identical_output(extra: list[str]) -> None:
    assert preview("--seed", "3", *extra).stdout == preview("--seed", "3", *extra).stdout


@pytest.mark.usefixtures("shipped")
def test_default_seed_is_zero() -> None:
    assert preview().stdout == preview("--seed", "0").stdout


@pytest.mark.usefixtures("shipped")
def test_another_seed_shuffles_differently() -> None:
    first = {r["fact_id"]: r["options"] for r in records("--kind", "mcq", "--seed", "0")}
    other = {r["fact_id"]: r["options"] for r in records("--kind", "mcq", "--seed", "1")}
    assert first.keys() == other.keys()
    moved = [fact_id for fact_id in first if first[fact_id] != other[fact_id]]
    assert len(moved) > SHIPPED_FACTS // 2


def test_output_does_not_depend_on_the_process() -> None:
    """Nothing rests on hash order or other per-process state: two interpreters with different
    PYTHONHASHSEED print the same questions."""
    code = "from quizgen.cli import main; main()"
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", code, "preview", "--json", "--seed", "4", "--options", "6"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])


# --- too few candidates -----------------------------------------------------------------------


def test_preview_warns_and_leaves_out_the_question(
    write_facts: WriteFacts, minimal_deck: str
) -> None:
    write_facts(minimal_deck.replace(*LONE_TERM))
    result = preview("deck.yaml")
    assert result.stderr == MOONS_WARNING
    assert result.stdout == (
        "# Mini (deck.yaml): 1 questions\n"
        "\n"
        "mars-moons · cloze · term\n"
        "  Mars has two [c1: moons].\n"
    )


def test_preview_json_stays_parseable_with_a_warning(
    write_facts: WriteFacts, minimal_deck: str
) -> None:
    write_facts(minimal_deck.replace(*LONE_TERM))
    result = preview("deck.yaml", "--json")
    assert result.stderr == MOONS_WARNING
    (record,) = json.loads(result.stdout)
    assert (record["fact_id"], record["kind"], record["text"], record["spans"]) == (
        "mars-moons",
        "cloze",
        "Mars has two moons.",
        ["moons"],
    )
    assert record["span_starts"] == [13]


def test_no_warning_when_only_cloze_is_asked(write_facts: WriteFacts, minimal_deck: str) -> None:
    """--kind cloze asks for no multiple choice, so nothing is left out and nothing is said."""
    write_facts(minimal_deck)
    result = preview("deck.yaml", "--kind", "cloze")
    assert result.stderr == ""


def test_check_gives_the_same_warning(write_facts: WriteFacts, minimal_deck: str) -> None:
    write_facts(minimal_deck.replace(*LONE_TERM))
    result = runner.invoke(app, ["check", "deck.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stderr == MOONS_WARNING
    assert result.stdout == "ok deck.yaml: 'Mini', 1 fact, 0 topics\n"


def test_the_warning_names_the_line_of_each_short_fact(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: cities
        deck: Cities
        reference: false
        facts:
          - id: capital
            text: Vienna is the capital of Austria.
            answer: Vienna
            kind: place
            distractors: [Graz, Linz, Salzburg]
          - id: river
            text: Vienna lies on the Danube.
            answer: Danube
            kind: place
            distractors: [Rhine]
        """
    )
    result = runner.invoke(app, ["check", "deck.yaml"])
    assert result.exit_code == 0, result.output
    # "Vienna", the other place answer, is in the river's own text, so only "Rhine" is left.
    assert result.stderr == (
        "Warning: deck.yaml:10: fact 'river': only 1 of 3 wrong options for a multiple-choice "
        "question, so it is left out (the cloze is still made): add `distractors` to the fact, "
        "or place entries to the deck's `pools`, or a `hint` naming its sort with a pool of that "
        "sort (`SORT: [...]`)\n"
    )
    found = records("deck.yaml", "--kind", "mcq", "--options", "2")
    assert [(r["fact_id"], len(r["options"])) for r in found] == [("capital", 2), ("river", 2)]


def test_preview_of_a_folder_covers_every_file(write_facts: WriteFacts, tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_facts(
            f"""\
            id: deck-{name}
            deck: Deck {name}
            facts:
              - id: colour
                text: The flag is red.
                answer: red
                distractors: [blue, green, white]
            """,
            name=f"decks/{name}.yaml",
        )
    found = records("decks")
    assert [(r["deck"], r["kind"]) for r in found] == [
        ("deck-a", "cloze"),
        ("deck-a", "mcq"),
        ("deck-b", "cloze"),
        ("deck-b", "mcq"),
    ]


# --- where each option came from ---------------------------------------------------------------

SOURCES_DECK = """\
id: sources
deck: Sources
reference: false
pools:
  person: [Niels Bohr]
facts:
  - id: a
    text: Charles Babbage designed an engine.
    answer: Charles Babbage
    kind: person
    distractors: [Thomas Edison]
  - id: b
    text: Alan Turing broke codes.
    answer: Alan Turing
    kind: person
  - id: c
    text: There are 8 planets.
    answer: 8 planets
"""


def test_each_option_names_its_source_in_json_and_text(write_facts: WriteFacts) -> None:
    path = write_facts(SOURCES_DECK)
    found = {r["fact_id"]: r for r in records(str(path), "--kind", "mcq")}
    lovelace = dict(zip(found["a"]["options"], found["a"]["option_sources"], strict=True))
    assert lovelace == {
        "Charles Babbage": "key",
        "Thomas Edison": "teacher",
        "Alan Turing": "deck",
        "Niels Bohr": "pool",
    }
    planets = found["c"]
    assert planets["option_sources"][planets["answer_index"]] == "key"
    assert sorted(planets["option_sources"]).count("generated") == 3
    text = preview(str(path), "--kind", "mcq", "--sources").stdout
    assert "Thomas Edison  [teacher]" in text
    assert "* " in text and "Charles Babbage  [key]" in text
    assert "[pool]" not in preview(str(path), "--kind", "mcq").stdout
