"""`quizgen curate` without a terminal: --accept-all, --dry-run, piped input, errors, and
content that must not drive the terminal."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from anki_support import import_apkg, open_collection
from conftest import FIXTURES, SOLAR_SYSTEM, WriteFacts
from curate_support import assert_only_distractors_changed, distractors_of
from quiz_support import QUIZGEN, TIMEOUT

DECKS = [FIXTURES / "rivers-and-mountains.yaml", SOLAR_SYSTEM]


TEACHERS_OWN = """\
id: done
deck: Done
facts:
  - id: capital
    text: The capital of France is Paris.
    answer: Paris
    distractors: [Lyon,   Nice, Lille]   # spaced as the teacher likes
"""


@pytest.fixture
def rivers(workdir: Path) -> Path:
    """A copy of the hand-written fixture deck in the working directory."""
    deck = workdir / "rivers.yaml"
    shutil.copyfile(FIXTURES / "rivers-and-mountains.yaml", deck)
    return deck


def quizgen(*args: str, cwd: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "PYTHONUTF8": "1", "TERM": "xterm", **env}
    return subprocess.run(
        [str(QUIZGEN), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=environment,
    )


def mcq_records(deck: Path) -> list[dict[str, Any]]:
    result = quizgen("preview", deck.name, "--kind", "mcq", "--json", cwd=deck.parent)
    assert result.returncode == 0, result.stderr
    records: list[dict[str, Any]] = json.loads(result.stdout)
    return records


def without_sources(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Generated before, the teacher's after: the point of freezing."""
    return [{k: v for k, v in record.items() if k != "option_sources"} for record in records]


@pytest.mark.parametrize("source", DECKS, ids=lambda path: path.stem)
def test_accept_all_freezes_the_lists_preview_shows_them_as_before(
    workdir: Path, source: Path
) -> None:
    deck = workdir / source.name
    shutil.copyfile(source, deck)
    before, lists, questions = deck.read_bytes(), distractors_of(deck), mcq_records(deck)
    result = quizgen("curate", deck.name, "--accept-all", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert without_sources(mcq_records(deck)) == without_sources(questions)
    now = distractors_of(deck)
    # Lists with fewer wrong options than asked for are left for the teacher to finish.
    generated = {
        q["fact_id"]: q
        for q in questions
        if set(q["option_sources"]) - {"key", "teacher"} and len(q["options"]) == 4
    }
    assert generated and {f for f in now if now[f] != lists[f]} == set(generated)
    for fact_id, question in generated.items():
        shown = [o for o in question["options"] if o != question["answer"]]
        assert sorted(now[fact_id]) == sorted(shown)
    assert_only_distractors_changed(deck, before, deck.read_bytes(), set(generated))
    assert f"froze {len(generated)} facts' options" in result.stdout
    again = quizgen("curate", deck.name, "--accept-all", cwd=workdir)
    assert "froze 0 facts' options" in again.stdout  # nothing generated is left


@pytest.mark.slow
def test_a_rebuilt_package_after_accept_all_imports_with_the_same_notes(
    workdir: Path, rivers: Path
) -> None:
    deck = rivers
    notes: list[dict[str, tuple[str, ...]]] = []
    for step in ("before", "after"):
        if step == "after":
            assert quizgen("curate", deck.name, "--accept-all", cwd=workdir).returncode == 0
        built = quizgen("build", deck.name, "--out", step, cwd=workdir)
        assert built.returncode == 0, built.stderr
        with open_collection(workdir / f"{step}.anki2") as collection:
            result = import_apkg(collection, workdir / step / "rivers-and-mountains.apkg")
            assert result.new > 0
            notes.append(
                {
                    (note := collection.get_note(note_id)).guid: tuple(note.fields)
                    for note_id in collection.find_notes("")
                }
            )
    assert notes[0] == notes[1]
    with open_collection(workdir / "before.anki2") as collection:
        again = import_apkg(collection, workdir / "after" / "rivers-and-mountains.apkg")
        assert again.new == 0  # the same notes, recognised by their GUIDs


def test_dry_run_prints_the_unified_diff_and_writes_nothing(workdir: Path, rivers: Path) -> None:
    deck = rivers
    before = deck.read_bytes()
    result = quizgen("curate", deck.name, "--accept-all", "--dry-run", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--- rivers.yaml\n+++ rivers.yaml\n@@ ")
    assert "+    distractors: [" in result.stdout
    assert "not changed" in result.stdout
    assert "fact 'everest-first': only 2 of 3 wrong options found" in result.stderr
    assert deck.read_bytes() == before
    patched = workdir / "patched.yaml"
    shutil.copyfile(deck, patched)
    diff = result.stdout[: result.stdout.rindex("\ndry run")] + "\n"
    subprocess.run(["patch", "-s", str(patched)], input=diff, text=True, check=True)
    assert quizgen("curate", deck.name, "--accept-all", cwd=workdir).returncode == 0
    assert patched.read_bytes() == deck.read_bytes()  # the diff is exactly what is written


def test_piped_input_works_line_by_line_and_is_echoed_without_colour(
    workdir: Path, rivers: Path
) -> None:
    deck = rivers
    before = deck.read_bytes()
    result = quizgen("curate", deck.name, cwd=workdir, stdin="\ns\ne a\n5000 km\n\n")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "> e a\n  option A (Enter alone: no change): 5000 km\n" in result.stdout
    assert "2 kept, 1 skipped, 8 not reached: saved 2 facts' distractors" in result.stdout
    now = distractors_of(deck)
    assert len(now["nile-longest"]) == 3 and now["amazon-discharge"] == []
    assert "5000 km" in now["yangtze-length"]
    assert_only_distractors_changed(
        deck, before, deck.read_bytes(), {"nile-longest", "yangtze-length"}
    )


HOSTILE = """\
id: hostile
deck: Hostile
reference: false
pools:
  place: ["Lyon\\e[2J\\e]0;owned\\a", "Nice\\u202e", Lille]
facts:
  - id: capital
    text: "The capital of France is Paris.\\e[31m"
    answer: Paris
    kind: place
"""


def test_control_characters_in_facts_never_reach_the_terminal(write_facts: WriteFacts) -> None:
    path = write_facts(HOSTILE)
    result = quizgen("curate", path.name, cwd=path.parent, stdin="q\n", TERM="xterm")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\x07" not in result.stdout
    assert "Lyon\\x1b[2J\\x1b]0;owned\\x07" in result.stdout and "Nice\\u202e" in result.stdout
    assert "France is _____.\\x1b[31m" in result.stdout


def test_an_unknown_fact_or_an_invalid_file_is_a_clear_error(write_facts: WriteFacts) -> None:
    path = write_facts(HOSTILE)
    result = quizgen("curate", path.name, "--fact", "nope", cwd=path.parent)
    assert result.returncode == 1
    assert result.stderr == "Error: deck.yaml: there is no fact 'nope': the ids are capital\n"
    broken = write_facts("id: x\ndeck: X\nfacts:\n  - id: a\n    text: T.\n", "broken.yaml")
    result = quizgen("curate", broken.name, cwd=path.parent)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: broken.yaml:4: facts[1] 'a'.answer: is required")
    assert "Traceback" not in result.stderr


def test_a_deck_whose_options_are_all_the_teachers_has_nothing_to_curate(
    write_facts: WriteFacts,
) -> None:
    path = write_facts(TEACHERS_OWN)
    result = quizgen("curate", path.name, cwd=path.parent)
    assert result.returncode == 0
    assert "nothing to curate" in result.stdout
    shown = quizgen("curate", path.name, "--all", cwd=path.parent, stdin="q\n")
    assert "[1/1] capital" in shown.stdout and "[teacher]" in shown.stdout


def test_an_interactive_dry_run_prints_the_diff_of_what_was_decided(
    workdir: Path, rivers: Path
) -> None:
    deck = rivers
    before = deck.read_bytes()
    result = quizgen("curate", deck.name, "--dry-run", "--plain", cwd=workdir, stdin="\nq\n")
    assert result.returncode == 0, result.stderr
    diff = result.stdout[result.stdout.index("--- rivers.yaml") :]
    assert diff.count("\n+    distractors: [") == 1 and "\n-" not in diff.split("@@", 2)[2]
    assert "1 kept, 0 skipped, 10 not reached: dry run, rivers.yaml not changed" in diff
    assert deck.read_bytes() == before


def test_all_with_enter_on_a_teachers_list_changes_no_byte(write_facts: WriteFacts) -> None:
    path = write_facts(TEACHERS_OWN)
    before = path.read_bytes()
    result = quizgen("curate", path.name, "--all", cwd=path.parent, stdin="\n")
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == before


def test_lint_warnings_show_beside_the_options_and_follow_a_typed_one(
    write_facts: WriteFacts,
) -> None:
    path = write_facts(
        """\
        id: linted
        deck: Linted
        facts:
          - id: capital
            text: The capital of France is Paris.
            answer: Paris
            kind: place
            hint: city
            distractors: [Lyon, Nice]
        pools:
          city: [Lille]
        """
    )
    result = quizgen("curate", path.name, "--plain", cwd=path.parent, stdin="e c\nalways Metz\nq\n")
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.split("always Metz\n", 1)
    assert "says 'always'" not in before
    assert "  ! option 'always Metz' says 'always': absolutes mark a wrong option" in after


_LABELLED = re.compile(r"^\s+(?:\* )?([A-Z])\) (.+?)\s+(\[[a-z]+\])$")


def _labelled_blocks(text: str) -> dict[str, list[tuple[str, str, str]]]:
    """fact id -> [(letter, option, [source])], read off `preview --sources` or curate."""
    blocks: dict[str, list[tuple[str, str, str]]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^(?:\[\d+/\d+\] )?([a-z0-9-]+) · ", line)
        if heading:
            current = blocks.setdefault(heading.group(1), [])
        elif current is not None and (found := _LABELLED.match(line)):
            current.append((found.group(1), found.group(2), found.group(3)))
    return blocks


def test_curate_shows_the_options_and_sources_that_preview_sources_shows(
    workdir: Path, rivers: Path
) -> None:
    deck = rivers
    preview = quizgen("preview", deck.name, "--kind", "mcq", "--sources", cwd=workdir)
    shown = _labelled_blocks(preview.stdout)
    skips = "s\n" * 20
    curated = _labelled_blocks(quizgen("curate", deck.name, cwd=workdir, stdin=skips).stdout)
    assert set(curated) <= set(shown) | {"everest-first", "tabei-everest"}
    assert len(set(curated) & set(shown)) >= 8  # every question but the teacher's own
    for fact_id, options in curated.items():
        if fact_id in shown:
            assert options == shown[fact_id], fact_id
