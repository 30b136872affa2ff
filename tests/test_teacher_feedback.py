"""What a teacher writing a first fact file is told: each slip named in plain words, at the line
to edit, with every problem of the file at once and the fact named by its number and id."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SOLAR_SYSTEM, WriteFacts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli_check import assert_errors, check, runner

from quizgen.cli import app
from quizgen.errors import FactFileError
from quizgen.facts.loader import load_file

HEAD = "id: bones\ndeck: Bones\nfacts:\n"


def bones(*facts: str) -> str:
    """A fact file with these facts (each a YAML block indented as a list item)."""
    return HEAD + "".join(facts)


FEMUR = "  - id: femur\n    text: The femur is the longest bone.\n    answer: femur\n"


# --- facts named by number (from 1) and id -----------------------------------------------------


def test_a_fact_is_named_by_its_number_from_one_and_its_id(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            FEMUR,
            "  - id: skull\n    text: The skull has 22 bones.\n    answer: '22'\n",
            "  - id: smallest-bone\n    text: The stapes is the smallest bone.\n"
            "    answer: stapes\n    distractors: [anvil, stapes]\n",
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:13: facts[3] 'smallest-bone'.distractors[2]: 'stapes' is the answer itself: "
        "remove it from distractors",
    )


# --- YAML mistakes in plain words, at the line to edit -----------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            HEAD + "  - id: femur\n\ttext: The femur is long.\n    answer: femur\n",
            5,
            "a tab in the indentation: indent with spaces (YAML does not allow tabs)",
        ),
        (
            HEAD + '  - id: femur\n    text: "The femur is long.\n    answer: femur\n'
            '  - id: skull\n    text: The skull.\n    answer: "skull"\n',
            5,
            'this quote (") is never closed, so the text runs on into `answer:` on line 6: end '
            'the text with " on this line',
        ),
        (
            HEAD + "  - id: femur\n    text The femur is long.\n    answer: femur\n",
            5,
            "a colon is missing: write the field as `name: value`",
        ),
        (
            HEAD + "  - id femur\n    text: The femur is long.\n    answer: femur\n",
            4,
            "a colon is missing: write the field as `name: value`",
        ),
        (
            bones(FEMUR) + "  -id: stapes\n    text: The stapes.\n    answer: stapes\n",
            7,
            "a list item needs a space after -: write `- id: stapes` instead of `-id: stapes`",
        ),
        (
            HEAD + "  -id: stapes\n    text: The stapes.\n    answer: stapes\n",
            4,
            "a list item needs a space after -: write `- id: stapes` instead of `-id: stapes`",
        ),
        (
            HEAD + "  - id: femur\n    text: Note: the femur is long.\n    answer: femur\n",
            5,
            "the value of `text` contains ': ', which YAML reads as another field: put the "
            'whole value in quotes ("...")',
        ),
        (
            "id: bones\n  deck: Bones\n" + "facts:\n" + FEMUR,
            2,
            "this line is indented further than the field above it, so YAML reads it as part "
            "of that field's value: line it up with the field above",
        ),
        (
            HEAD + "  - id: femur\n    text: The femur\u2028is long.\n    answer: femur\n",
            5,
            "this line holds an invisible line break (U+2028 LINE SEPARATOR), which YAML reads "
            "as the start of a new line: delete it (it often comes in with pasted text)",
        ),
        (
            HEAD + "  - id: femur\n    'text: The femur is long.\n    answer: femur\n"
            "    explanation: It's the thigh bone.\n",
            5,
            "this quote (') is never closed on its line: end the text with ', or quote the "
            "whole value",
        ),
        (
            "id: bones\ndeck: Bones\npools:\n  person: [Vesalius]\n    place: [Padua]\n"
            "facts:\n" + FEMUR,
            5,
            "this line does not line up with the fields above it (the block that starts at "
            "line 4): indent it as they are",
        ),
        (
            bones(FEMUR) + "    distractors: - tibia - fibula\n",
            7,
            "a list cannot start on the line of its field: put each `- ` item on a line of its "
            "own below the field, or write the list as [one, two]",
        ),
        (
            bones(FEMUR) + "    distractors:\n      - tibia\n     - fibula\n",
            9,
            "this list item does not line up with the items above it: start its `- ` in the "
            "same column as theirs",
        ),
        (
            bones(FEMUR) + "   - id: stapes\n    text: The stapes.\n    answer: stapes\n",
            7,
            "this list item does not line up with the items above it: start its `- ` in the "
            "same column as theirs",
        ),
        (
            bones(FEMUR) + "   explanation: It is long.\n",
            7,
            "this line does not line up with the lines above it: indent it like the field or "
            "list item it belongs to",
        ),
        (
            HEAD + "  -\tid: femur\n    text: The femur is long.\n    answer: femur\n",
            4,
            "a tab where YAML needs spaces (after `-`, `:` or at the start): use spaces",
        ),
    ],
    ids=[
        "tab",
        "unclosed-quote",
        "missing-colon",
        "missing-colon-in-list-item",
        "dash-without-space",
        "first-dash-without-space",
        "colon-in-value",
        "over-indented",
        "line-separator",
        "quote-opening-a-key",
        "under-a-flow-list",
        "list-on-the-line-of-its-field",
        "list-item-less-indented",
        "fact-more-indented",
        "field-less-indented",
        "tab-after-dash",
    ],
)
def test_yaml_mistakes_are_named_at_the_line_to_edit(
    write_facts: WriteFacts, text: str, line: int, message: str
) -> None:
    write_facts(text.encode("utf-8"))
    assert_errors(check("deck.yaml"), f"deck.yaml:{line}: YAML syntax error: {message}")


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_invisible_line_breaks_inside_quotes_do_not_shift_later_lines(
    write_facts: WriteFacts, separator: str
) -> None:
    write_facts(
        bones(
            f'  - id: femur\n    text: "The femur{separator}is the longest bone."\n'
            "    answer: femur\n",
            "  - id: stapes\n    text: The stapes is the smallest bone.\n    answer: anvil\n",
        ).encode("utf-8")
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:9: facts[2] 'stapes'.answer: 'anvil' does not occur in text: copy the words "
        "exactly as they appear in text",
    )


# --- every problem at once ---------------------------------------------------------------------


def test_a_key_given_twice_hides_no_other_problem(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            "  - id: femur\n    text: The femur is the longest bone.\n    text: The femur.\n"
            "    answer: femur\n",
            "  - id: stapes\n    text: The stapes is the smallest bone.\n    answer: anvil\n",
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'femur'.text: appears twice in the same place (first at line 5): "
        "keep one (the first is checked)",
        "deck.yaml:10: facts[2] 'stapes'.answer: 'anvil' does not occur in text: copy the words "
        "exactly as they appear in text",
    )


def test_a_pool_named_by_a_sort_hides_no_other_pool_problem(write_facts: WriteFacts) -> None:
    # "bone" is no kind but a sort: its pool serves every fact whose stem says "bone".
    write_facts(
        "id: bones\ndeck: Bones\npools:\n  bone: [tibia]\n  year: ['1999', soon]\n"
        "  number: [many]\nfacts:\n" + FEMUR
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:5: pools.year[2]: 'soon' does not read as year (for example '2014')",
        "deck.yaml:6: pools.number[1]: 'many' does not read as number (for example '20')",
    )


def test_a_bad_optional_field_hides_no_wrong_answer(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            "  - id: femur\n    text: The femur is the longest bone.\n    answer: tibia\n"
            "    tags: [long bone]\n"
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'femur'.answer: 'tibia' does not occur in text: copy the words "
        "exactly as they appear in text",
        "deck.yaml:7: facts[1] 'femur'.tags[1]: 'long bone' is not a valid tag: use letters, "
        "digits, - and _ with no spaces (for example 'long-bone')",
    )


def test_a_merge_of_something_not_a_mapping_is_reported(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            "  - id: femur\n    <<: [just text]\n    text: The femur is the longest bone.\n"
            "    answer: femur\n"
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:5: facts[1] 'femur'.<<: `<<:` merges the fields of a mapping, but this is "
        "the text 'just text': mark a mapping with &name and write `<<: *name`",
    )


# --- answers that almost occur -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer", "message"),
    [
        (
            "An adult has about 5 litres of blood.",
            "5 liters",
            "'5 liters' does not occur in text: did you mean '5 litres'?",
        ),
        (
            "Christiaan Barnard performed the first heart transplant.",
            "Christian Barnard",
            "'Christian Barnard' does not occur in text: did you mean 'Christiaan Barnard'?",
        ),
        (
            "The aorta is the largest artery.",
            "\u0430orta",
            "'\u0430orta' does not occur in text: did you mean 'aorta'? ('\u0430' is U+0430 "
            "CYRILLIC SMALL LETTER A, a look-alike of 'a' (U+0061 LATIN SMALL LETTER A) in "
            "text: retype it)",
        ),
        (
            "The aorta is the largest artery.",
            "aor\u200bta",
            "'aor\\u200bta' does not occur in text: did you mean 'aorta'? (the answer holds an "
            "invisible U+200B ZERO WIDTH SPACE: delete it)",
        ),
        (
            "Café au lait is coffee with milk.",
            unicodedata.normalize("NFD", "Café au lait"),
            f"{unicodedata.normalize('NFD', 'Café au lait')!r} does not occur in text: it looks "
            "the same but is made of other Unicode characters (an accent typed as a separate "
            "mark, or a ligature): copy it from text",
        ),
    ],
    ids=["spelling", "name", "cyrillic-letter", "zero-width-space", "normalisation"],
)
def test_a_near_miss_answer_gets_what_was_meant(
    write_facts: WriteFacts, text: str, answer: str, message: str
) -> None:
    write_facts(bones(f'  - id: near\n    text: "{text}"\n    answer: "{answer}"\n'))
    assert_errors(check("deck.yaml"), f"deck.yaml:6: facts[1] 'near'.answer: {message}")


def test_a_far_miss_gets_no_guess(write_facts: WriteFacts) -> None:
    write_facts(bones("  - id: far\n    text: The femur is long.\n    answer: Phobos\n"))
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'far'.answer: 'Phobos' does not occur in text: copy the words "
        "exactly as they appear in text",
    )


# --- cards that would give the answer away -----------------------------------------------------


def test_a_misindented_list_item_is_not_joined_to_the_one_above(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            "  - id: skin\n    text: The skin is the largest organ.\n    answer: skin\n"
            "    distractors:\n      - liver\n       - kidney\n      - heart\n"
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:9: facts[1] 'skin'.distractors[1]: '- kidney' is indented further than the "
        "line above, so YAML reads both as one value ('liver - kidney'): start each `- ` in "
        "the same column",
    )


def test_a_misindented_item_without_its_space_is_caught_too(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            "  - id: skin\n    text: The skin is the largest organ.\n    answer: skin\n"
            "    distractors:\n      - liver\n        -kidney\n      - heart\n"
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:9: facts[1] 'skin'.distractors[1]: '-kidney' is indented further than the "
        "line above, so YAML reads both as one value ('liver -kidney'): start each `- ` in the "
        "same column, with a space after the -",
    )


def test_a_number_below_zero_on_a_folded_line_is_fine(write_facts: WriteFacts) -> None:
    write_facts(
        bones(
            "  - id: mars\n    text: Nights on Mars fall to\n      -80 degrees Celsius.\n"
            "    answer: Mars\n    kind: place\n    distractors: [Venus, Earth, Mercury]\n"
        )
    )
    assert check("deck.yaml").exit_code == 0


def test_a_dash_inside_one_line_of_text_is_fine(write_facts: WriteFacts) -> None:
    write_facts(
        bones("  - id: war\n    text: The war lasted 1939 - 1945 in Europe.\n    answer: '1945'\n")
    )
    assert check("deck.yaml").exit_code == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    hint: Skin\n", "'Skin' is the answer itself"),
        ("    accept: [dermis]\n    hint: dermis\n", "'dermis' is the answer itself"),
        ("    cloze: [skin, organ]\n    hint: organ\n", "'organ' is one of the cloze spans"),
    ],
    ids=["answer", "accepted-form", "cloze-span"],
)
def test_a_hint_that_is_an_answer_is_an_error(
    write_facts: WriteFacts, extra: str, message: str
) -> None:
    path = write_facts(
        bones("  - id: skin\n    text: The skin is the largest organ.\n    answer: skin\n" + extra)
    )
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert_errors(
        check("deck.yaml"),
        f"deck.yaml:{line}: facts[1] 'skin'.hint: {message}, and the hint is shown on the card: "
        "give a clue that does not name it, or leave hint out (the card then says 'term')",
    )


def test_an_answer_twice_in_the_text_or_the_whole_text_is_an_error(
    write_facts: WriteFacts,
) -> None:
    write_facts(
        bones(
            "  - id: lungs\n    text: Humans have two lungs and Two kidneys.\n    answer: two\n",
            "  - id: whole\n    text: Kidney\n    answer: Kidney\n",
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'lungs'.answer: 'two' occurs 2 times in text, so a card that "
        "hides one still shows the answer: reword text so that it occurs once",
        "deck.yaml:9: facts[2] 'whole'.answer: 'Kidney' is the whole of text, so a card would "
        "show nothing but the blank: write text as a statement around it",
    )


def test_an_answer_only_inside_a_longer_word_is_warned(write_facts: WriteFacts) -> None:
    """A warning, not an error: a language teacher may mean to ask for a prefix ("un")."""
    write_facts(
        bones(
            "  - id: cat\n    text: The category of bones is large.\n    answer: cat\n"
            "    distractors: [dog, cow, hen]\n"
        )
    )
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Warning: deck.yaml:6: facts[1] 'cat'.answer: 'cat' occurs in text only inside the "
        "longer word 'category', so the card hides part of a word: give the whole word (unless "
        "part of a word is what you mean to ask)\n"
    )


def passes_quietly(write_facts: WriteFacts, *facts: str) -> None:
    """A file of these facts passes check without a warning."""
    write_facts(bones(*facts))
    result = check("deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_words_that_run_together_in_chinese_are_not_warned(write_facts: WriteFacts) -> None:
    passes_quietly(
        write_facts,
        "  - id: tokyo\n    text: 东京是日本的首都。\n    answer: 东京\n"
        "    kind: place\n    distractors: [大阪, 京都, 札幌]\n",
    )


# --- files and folders -------------------------------------------------------------------------


def test_a_file_named_twice_does_not_clash_with_itself(write_facts: WriteFacts) -> None:
    write_facts(bones(FEMUR) + "    distractors: [tibia, fibula, humerus]\n", "decks/a.yaml")
    result = check("decks/a.yaml", "./decks/", str(Path("decks/a.yaml").resolve()))
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok decks/a.yaml: 'Bones', 1 fact, 0 topics\n"


def test_a_folder_that_cannot_be_read_is_reported(
    write_facts: WriteFacts, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_facts(bones(FEMUR) + "    distractors: [tibia, fibula, humerus]\n", "decks/a.yaml")
    write_facts(bones(FEMUR), "decks/locked/b.yaml")
    locked = Path("decks/locked")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads every folder: make this one refuse as it would refuse anyone else
        real_scandir = os.scandir

        def scandir(path: str) -> Iterator[os.DirEntry[str]]:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", path)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        assert_errors(
            check("decks"),
            "decks/locked: this folder cannot be read (Permission denied), so its fact files "
            "are not checked: allow reading it, or name the folders to check",
        )
    finally:
        locked.chmod(0o755)


def test_a_folder_without_fact_files_is_a_usage_error_like_a_missing_path(
    workdir: Path,
) -> None:
    (workdir / "empty").mkdir()
    result = check("empty")
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        "Error: Invalid value for '[paths]...': no fact files (.yaml or .yml) in empty: name "
        "fact files, or folders that hold them\n"
    )


# --- quizgen new ---------------------------------------------------------------------------------


def test_new_transliterates_the_id_keeps_the_title_and_quotes_the_command(workdir: Path) -> None:
    result = runner.invoke(app, ["new", "My Decks/Ünïcode Décks.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote My Decks/Ünïcode Décks.yaml: edit it, then run: "
        "quizgen check 'My Decks/Ünïcode Décks.yaml'\n"
    )
    lines = (workdir / "My Decks" / "Ünïcode Décks.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "# A quizgen fact file: one file is one deck. Check it with: "
        "quizgen check 'Ünïcode Décks.yaml'"
    )
    assert lines[5].startswith("id: unicode-decks  ")
    assert lines[6].startswith("deck: Ünïcode Décks  ")
    assert check("My Decks").exit_code == 0


@pytest.mark.parametrize(
    ("name", "deck_id", "title"),
    [
        ("WW2 timeline.yaml", "ww2-timeline", "WW2 timeline"),
        ("solar-system.yaml", "solar-system", "Solar system"),
        ("Straße und Łódź.yaml", "strasse-und-lodz", "Straße und Łódź"),
        ("Physics: waves #1.yaml", "physics-waves-1", '"Physics: waves #1"'),
        ("History::Rome.yaml", "history-rome", "History:Rome"),
        ("2024.yaml", "2024", '"2024"'),
    ],
)
def test_new_makes_id_and_title_from_the_file_name(
    workdir: Path, name: str, deck_id: str, title: str
) -> None:
    assert runner.invoke(app, ["new", name]).exit_code == 0
    text = (workdir / name).read_text(encoding="utf-8")
    assert f"\nid: {deck_id}  " in text
    assert f"\ndeck: {title}  " in text
    assert check(name).exit_code == 0, check(name).output


def test_new_aligns_every_comment_in_one_column(workdir: Path) -> None:
    assert runner.invoke(app, ["new", "a-rather-long-deck-name-for-a-test.yaml"]).exit_code == 0
    text = (workdir / "a-rather-long-deck-name-for-a-test.yaml").read_text(encoding="utf-8")
    columns = {
        line.index("  # ") + 2
        for line in text.splitlines()
        if "  # " in line and not line.lstrip().startswith("#") and len(line) < 120
        if line.index("  # ") <= 60
    }
    assert len(columns) == 1, columns


def test_new_adds_yaml_to_a_name_without_suffix(workdir: Path) -> None:
    result = runner.invoke(app, ["new", "solar"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote solar.yaml: edit it, then run: quizgen check solar.yaml\n"
    assert (workdir / "solar.yaml").is_file() and not (workdir / "solar").exists()


def test_new_refuses_another_suffix(workdir: Path) -> None:
    result = runner.invoke(app, ["new", "solar.txt"])
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        "Error: Invalid value for 'FILE': 'solar.txt' does not end in .yaml or .yml, so "
        "`quizgen check` and `build` on its folder would never find it: name it "
        "'solar.txt.yaml'\n"
    )
    assert not (workdir / "solar.txt").exists()


# --- stats --deck --------------------------------------------------------------------------------


def test_stats_for_a_mistyped_deck_id_says_so_and_suggests(write_facts: WriteFacts) -> None:
    write_facts(bones(FEMUR) + "    distractors: [tibia, fibula, humerus]\n")
    quiz = runner.invoke(app, ["quiz", "deck.yaml", "--seed", "1", "--plain"], input="femur\n")
    assert quiz.exit_code in (0, 1), quiz.output
    result = runner.invoke(app, ["stats", "--deck", "bone"])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: --deck 'bone': no answers for this deck id in the history: did you mean "
        "'bones'? (decks with answers: bones)\n"
    )
    assert runner.invoke(app, ["stats", "--deck", "bones"]).exit_code == 0


def test_stats_for_a_deck_before_any_answer(workdir: Path) -> None:
    result = runner.invoke(app, ["stats", "--deck", "bones"])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: --deck 'bones': no answers for this deck id in the history (no deck has "
        "answers yet: quizgen quiz records them)\n"
    )


def test_an_output_that_cannot_be_replaced_is_named_not_its_temporary_file(
    write_facts: WriteFacts,
) -> None:
    write_facts(bones(FEMUR) + "    distractors: [tibia, fibula, humerus]\n")
    (Path("decks") / "bones.apkg").mkdir(parents=True)
    result = runner.invoke(app, ["build", "deck.yaml", "--out", "decks"])
    assert result.exit_code == 1, result.output
    assert result.stderr == "Error: cannot write decks/bones.apkg: Is a directory\n"
    assert [p.name for p in Path("decks").iterdir()] == ["bones.apkg"]


_SLIPS = ['"', "'", ":", "-", "\t", "[", "{", "\n", "  ", "-id:", "\u2028", "\x85", "#", "*a"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_SLIPS)), min_size=1, max_size=3))
def test_any_slip_in_a_valid_file_is_one_of_our_errors_at_a_line_of_the_file(
    workdir: Path, edits: list[tuple[float, str]]
) -> None:
    """Typing slips anywhere in a real deck: an error or a pass, never a crash, and every line
    named is one the teacher's editor shows."""
    text = SOLAR_SYSTEM.read_text(encoding="utf-8")
    for where, slip in edits:
        at = int(where * len(text))
        text = text[:at] + slip + text[at:]
    path = workdir / "deck.yaml"
    path.write_bytes(text.encode("utf-8"))
    try:
        load_file(path)
    except FactFileError as error:
        lines = len(re.split("\r\n|[\r\n]", text))
        assert all(1 <= problem.line <= lines for problem in error.problems), error.problems


def test_an_answer_twice_is_fine_when_no_card_hides_it_in_text(write_facts: WriteFacts) -> None:
    """With its own question and other cloze spans, the text never has the answer blanked."""
    passes_quietly(
        write_facts,
        "  - id: lungs\n    text: Humans have two lungs and two kidneys.\n    answer: two\n"
        "    question: How many lungs do humans have?\n    cloze: [lungs, kidneys]\n"
        "    distractors: [one, three, four]\n",
    )


def test_a_file_of_many_wrong_answers_is_checked_in_bounded_time(write_facts: WriteFacts) -> None:
    """Suggestions for the first 200 misses of a file; the rest get the plain message."""
    facts = "".join(
        f"  - id: f{i}\n    text: An adult has about 5 litres of blood.\n    answer: 5 liters\n"
        for i in range(205)
    )
    with pytest.raises(FactFileError) as caught:
        load_file(write_facts(HEAD + facts))
    messages = [problem.message for problem in caught.value.problems]
    assert messages.count("'5 liters' does not occur in text: did you mean '5 litres'?") == 200
    assert (
        messages.count(
            "'5 liters' does not occur in text: copy the words exactly as they appear in text"
        )
        == 5
    )


def test_a_short_answer_is_counted_in_its_own_case(write_facts: WriteFacts) -> None:
    """ "A" and the article "a" are different words; "two" and "Two" are not."""
    passes_quietly(
        write_facts,
        "  - id: vitamin\n    text: Vitamin A is a vitamin found in carrots.\n    answer: A\n"
        "    distractors: [B, C, D]\n",
    )


def test_a_date_before_year_one_says_to_ask_for_its_year(write_facts: WriteFacts) -> None:
    """ "15 March 44 BC" with `kind: date` was refused with an example of 2022, and the
    teacher left the Ides of March without a question (a helper's Rome deck)."""
    write_facts(
        bones(
            "  - id: ides\n    text: Caesar was killed on 15 March 44 BC.\n"
            "    answer: 15 March 44 BC\n    kind: date\n"
        )
    )
    assert_errors(
        check("deck.yaml"),
        "deck.yaml:6: facts[1] 'ides'.answer: '15 March 44 BC' does not read as date (a day "
        "before AD 1 cannot be one: ask for its year, for example '44 BC'): write it so, or "
        "set another kind",
    )
