"""`quizgen build` through the command line: summaries, warnings, exit codes, and files that are
replaced whole or not at all."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import IO

import pytest
import yaml
from conftest import SEED_DECK, WriteFacts
from quiz_support import QUIZGEN, TIMEOUT
from typer.testing import CliRunner, Result

from quizgen.cli import app
from quizgen.export import FORMATS, apkg
from quizgen.export.media import Image

runner = CliRunner()

SEED = yaml.safe_load(SEED_DECK.read_text(encoding="utf-8"))
FACTS = len(SEED["facts"])
CARDS = FACTS + sum(len(fact.get("cloze") or [fact["answer"]]) for fact in SEED["facts"])
APKG_SUMMARY = (
    f"wrote decks/ukraine-peace-talks.apkg: 'Ukraine peace talks', {2 * FACTS} notes, "
    f"{CARDS} cards\n"
)


def build(*args: str) -> Result:
    return runner.invoke(app, ["build", *args])


@pytest.fixture
def facts(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped deck in `facts/` of the working directory; file times decide the stamp."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = workdir / "facts"
    folder.mkdir()
    shutil.copy(SEED_DECK, folder)
    return folder


@pytest.mark.usefixtures("facts")
def test_build_with_no_arguments_writes_an_anki_package_per_fact_file_into_decks() -> None:
    result = build()
    assert result.exit_code == 0, result.output
    assert result.stdout == APKG_SUMMARY
    assert result.stderr == ""
    assert sorted(os.listdir("decks")) == ["ukraine-peace-talks.apkg"]


@pytest.mark.usefixtures("facts")
def test_the_package_is_readable_like_any_file_written_with_open() -> None:
    """Regression: the temporary file behind an atomic write is private (0600) until renamed."""
    umask = os.umask(0o022)
    try:
        assert build().exit_code == 0
    finally:
        os.umask(umask)
    assert Path("decks/ukraine-peace-talks.apkg").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fmt", [name for name in FORMATS if name != "apkg"])
def test_every_format_goes_to_out_with_a_summary_line(facts: Path, fmt: str) -> None:
    result = build(str(facts), "--out", "out/here", "--format", fmt)
    assert result.exit_code == 0, result.output
    path = f"out/here/ukraine-peace-talks{FORMATS[fmt].suffix}"
    assert Path(path).is_file()
    notes = {"anki-text": 2 * FACTS, "gift": CARDS, "aiken": FACTS, "md": FACTS, "pdf": FACTS}
    notes["json"] = 2 * FACTS
    anki = fmt == "anki-text"
    amount = f"{notes[fmt]} notes, {CARDS} cards" if anki else f"{notes[fmt]} questions"
    assert result.stdout == f"wrote {path}: 'Ukraine peace talks', {amount}\n"


def test_csv_is_the_old_name_of_anki_text_and_the_help_says_so(facts: Path) -> None:
    """`--format csv` still works and writes the very same file as `--format anki-text`."""
    old = build(str(facts), "--out", "old", "--format", "csv")
    new = build(str(facts), "--out", "new", "--format", "anki-text")
    assert old.exit_code == new.exit_code == 0, old.output + new.output
    name = "ukraine-peace-talks.txt"
    assert Path("old", name).read_bytes() == Path("new", name).read_bytes()
    assert old.stdout.replace("old/", "new/") == new.stdout
    shown = " ".join(runner.invoke(app, ["build", "--help"]).output.split())
    assert "anki-text: Anki's text import" in shown
    assert "csv is its old name and still works" in shown


def test_kind_seed_and_options_reach_the_questions(facts: Path) -> None:
    result = build(str(facts), "--format", "aiken", "--kind", "mcq", "--options", "3")
    assert result.exit_code == 0, result.output
    text = Path("decks/ukraine-peace-talks.aiken.txt").read_text(encoding="utf-8")
    assert "D. " not in text and text.count("ANSWER: ") == FACTS
    other = build(str(facts), "--format", "aiken", "--seed", "7", "--out", "seven")
    assert other.exit_code == 0, other.output
    assert Path("seven/ukraine-peace-talks.aiken.txt").read_text(encoding="utf-8") != text


def test_invalid_facts_exit_1_and_write_nothing(write_facts: WriteFacts) -> None:
    write_facts(
        """\
        id: bad
        deck: Bad
        facts:
          - id: one
            text: Mars has two moons.
            answer: three
        """
    )
    result = build("deck.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: deck.yaml:6: facts[1] 'one'.answer: ")
    assert not Path("decks").exists()


@pytest.mark.usefixtures("workdir")
def test_a_missing_path_is_a_usage_error() -> None:
    result = build("nowhere.yaml")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


@pytest.mark.usefixtures("facts")
def test_an_unknown_format_is_a_usage_error() -> None:
    result = build("--format", "docx")
    assert result.exit_code == 2
    assert "'docx' is not one of" in result.stderr


@pytest.mark.usefixtures("facts")
def test_out_must_be_a_folder() -> None:
    Path("taken").write_text("a file", encoding="utf-8")
    result = build("--out", "taken")
    assert result.exit_code == 2
    assert "is a file" in result.stderr


@pytest.mark.usefixtures("facts")
def test_a_bad_source_date_epoch_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: SOURCE_DATE_EPOCH must be whole seconds since 1970 (up to the year 9999), not "
        "'yesterday': set it to "
        "a number (for example `git log -1 --format=%ct`) or unset it\n"
    )


def test_facts_without_enough_options_are_warned_about_and_still_get_a_cloze(
    write_facts: WriteFacts,
) -> None:
    write_facts(
        """\
        id: lonely
        deck: Lonely
        reference: false
        facts:
          - id: only
            text: The capital of Portugal is Lisbon.
            answer: Lisbon
            kind: place
        """
    )
    result = build("deck.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote decks/lonely.apkg: 'Lonely', 1 note, 1 card\n"
    assert result.stderr.startswith("Warning: deck.yaml:5: fact 'only': only 0 of 3 wrong options")


def test_removed_facts_are_reported_on_rebuild(facts: Path) -> None:
    assert build().exit_code == 0
    deck = facts / SEED_DECK.name
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    gone = data["facts"].pop(2)["id"]
    deck.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = build()

    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Warning: decks/ukraine-peace-talks.apkg: 1 fact is gone since the last published "
        f"package: {gone}. Anki keeps their notes on re-import; to remove them, search in "
        f"Browse for  tag:ukraine-peace-talks (FactId:{gone})  and delete the notes\n"
        "Warning: decks/ukraine-peace-talks.apkg: every build repeats these clean-ups (kept in "
        "decks/ukraine-peace-talks.reimport.json) until learners have a package that carries "
        "them: build it with --published\n"
    )
    assert build().stderr == result.stderr  # a second build before publishing still says so
    published = build("--published")
    assert published.exit_code == 0, published.output
    assert "built with --published, so these clean-ups are not repeated" in published.stderr
    assert build().stderr == ""


def test_a_failure_mid_write_leaves_the_previous_package_whole(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build().exit_code == 0
    package = Path("decks/ukraine-peace-talks.apkg")
    before = package.read_bytes()
    os.utime(facts / SEED_DECK.name, (2_000_000_000, 2_000_000_000))  # a different package

    def broken_zip(out: IO[bytes], database: Path, media: list[Image]) -> None:
        out.write(b"PK half a package")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(apkg, "_write_zip", broken_zip)
    result = build()

    assert isinstance(result.exception, RuntimeError)
    assert package.read_bytes() == before
    assert os.listdir("decks") == [package.name]


def test_an_interrupted_build_leaves_the_previous_package_whole(
    facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizgen.engine.pipeline import prepare
    from quizgen.export import build_decks

    assert build().exit_code == 0
    package = Path("decks/ukraine-peace-talks.apkg")
    before = package.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(apkg, "_write_zip", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_decks(prepare([facts]), Path("decks"))

    assert package.read_bytes() == before
    assert os.listdir("decks") == [package.name]


def run_console_script(
    args: list[str], cwd: Path, stdout: int | IO[bytes] = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(QUIZGEN), *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
    )


def test_the_console_script_builds_every_deck_and_says_so(workdir: Path) -> None:
    facts = workdir / "facts"
    facts.mkdir()
    shutil.copy(SEED_DECK, facts)
    (facts / "second.yaml").write_text(
        SEED_DECK.read_text(encoding="utf-8").replace("id: ukraine-peace-talks", "id: second"),
        encoding="utf-8",
    )
    done = run_console_script(["build"], workdir)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "wrote decks/second.apkg",
        "wrote decks/ukraine-peace-talks.apkg",
    ]
    assert (workdir / "decks" / "second.apkg").stat().st_size > 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_a_clear_error(workdir: Path) -> None:
    shutil.copytree(SEED_DECK.parent, workdir / "facts")
    with open("/dev/full", "wb") as full:
        done = run_console_script(["build"], workdir, stdout=full)
    assert done.returncode == 1
    assert done.stderr.decode() == "Error: the output: No space left on device\n"


def test_a_reader_that_stops_early_ends_the_command_quietly(workdir: Path) -> None:
    shutil.copytree(SEED_DECK.parent, workdir / "facts")
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write is a broken pipe
    with os.fdopen(writer, "wb") as broken:
        done = run_console_script(["preview"], workdir, stdout=broken)
    assert done.returncode == 1
    assert done.stderr == b""
