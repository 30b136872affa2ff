"""Hostile input and faults: only our errors, in bounded time, and nothing obeyed that a fact says.

One test (or property) per class of failure: numbers of every size, special files where a file
is expected, text that means something to a reader (GIFT, Aiken, a terminal), files swapped
after they were checked, damaged history, closed standard streams and full disks.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from conftest import WriteFacts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from quiz_support import QUIZGEN, TIMEOUT
from strategies import CONTROL_CHARACTERS, numbers_of_every_size
from typer.testing import CliRunner

from quizgen.answers.kinds import NUMERIC_KINDS, find_quantities, infer_kind, value_of
from quizgen.answers.matching import match_answer
from quizgen.cli import app
from quizgen.engine.pipeline import prepare
from quizgen.errors import FactFileError, OutputError
from quizgen.export import build_decks
from quizgen.visible import json_visible, visible

runner = CliRunner()
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT_FORMATS = ("csv", "gift", "aiken", "md", "json")


def deck_with(answer: str, text: str | None = None, extra: str = "") -> str:
    """A one-fact deck whose answer (and text) is written as a YAML double-quoted string."""
    quoted = json.dumps(answer, ensure_ascii=False)
    body = json.dumps(text if text is not None else f"It came to {answer} in all.")
    return f"id: d\ndeck: D\nfacts:\n  - id: f\n    text: {body}\n    answer: {quoted}\n{extra}"


#: A valid deck with a multiple-choice question and a cloze.
MARS = deck_with("two", "Mars has two moons.", "    distractors: [one, three, four]\n")


# Numbers of every size -----------------------------------------------------------------


@FUZZ
@given(number=numbers_of_every_size())
def test_a_number_of_any_size_is_read_compared_and_perturbed_without_an_exception(
    number: str,
) -> None:
    kind = infer_kind(number)
    for numeric in NUMERIC_KINDS:
        value_of(number, numeric)
    find_quantities(f"about {number} or so")
    match_answer(number, [number, "$2.5 billion"], kind)
    match_answer("$2.5 billion", [number], kind)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(number=numbers_of_every_size())
def test_a_fact_with_a_number_of_any_size_is_checked_and_exported_or_explained(
    write_facts: WriteFacts, number: str
) -> None:
    path = write_facts(deck_with(number))
    try:
        prepared = prepare([path])
    except FactFileError as error:
        (problem,) = error.problems
        assert problem.line == 6 and problem.field.endswith(".answer"), problem
        assert "too large or too precise a number" in problem.message, problem
        return
    for fmt in TEXT_FORMATS:
        build_decks(prepared, path.parent / "out", fmt)


def test_a_huge_scaled_number_is_explained_in_check(write_facts: WriteFacts) -> None:
    write_facts(deck_with("99999999999999999999999999999 billion"))
    result = runner.invoke(app, ["check", "deck.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: deck.yaml:6: facts[1] 'f'.answer: '99999999999999999999999999999 billion' is "
        "too large or too precise a number for quizgen (at most 15 significant digits, 10 "
        "decimals and 24 digits in all): round it, or write it with a scale word (for example "
        "'$2.5 trillion'), or set `kind: term` to ask it as text\n"
    )


def test_a_huge_number_as_a_term_builds_and_is_quizzed(write_facts: WriteFacts) -> None:
    huge = "9" * 60 + "%"
    write_facts(deck_with(huge, extra="    kind: term\n    distractors: [a, b, c]\n"))
    assert runner.invoke(app, ["build", "deck.yaml", "--out", "out"]).exit_code == 0
    typed = f"{'9' * 80} billion\n{huge}\n"
    result = runner.invoke(app, ["quiz", "deck.yaml", "--seed", "1", "--plain"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


# Special files where a file is expected ------------------------------------------------


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(QUIZGEN), *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def test_a_fifo_or_a_device_as_fact_file_is_refused_at_once(workdir: Path) -> None:
    os.mkfifo(workdir / "fifo.yaml")
    done = _run("check", "fifo.yaml", "/dev/zero", cwd=workdir)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: /dev/zero: is not a regular file (a device): give a text file\n"
        "Error: fifo.yaml: is not a regular file (a named pipe): give a text file\n"
    )


def test_a_socket_as_fact_file_is_refused(workdir: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock.yaml")
        result = runner.invoke(app, ["check", "sock.yaml"])
    assert result.exit_code == 1
    assert result.stderr == "Error: sock.yaml: cannot be read: No such device or address\n"


def test_a_fact_file_over_the_size_limit_is_refused(
    write_facts: WriteFacts, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quizgen.facts.loader as loader

    monkeypatch.setattr(loader, "MAX_FACT_FILE_BYTES", 1_000_000)
    path = write_facts(deck_with("two") + "# " + "x" * 1_000_001 + "\n")
    with pytest.raises(FactFileError) as caught:
        loader.load_file(path)
    assert str(caught.value) == "deck.yaml: is larger than 1 MB: split it into smaller files"


def test_a_fifo_at_the_output_path_is_named_not_waited_on(
    write_facts: WriteFacts, workdir: Path
) -> None:
    write_facts(MARS)
    (workdir / "out").mkdir()
    os.mkfifo(workdir / "out" / "d.apkg")
    done = _run("build", "deck.yaml", "--out", "out", cwd=workdir)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: cannot write out/d.apkg: it is a named pipe (FIFO) or a device, not a file: "
        "remove it or write somewhere else\n"
    )


def test_a_fifo_as_image_is_refused_in_check(write_facts: WriteFacts, workdir: Path) -> None:
    os.mkfifo(workdir / "pic.png")
    write_facts(deck_with("two", "Mars has two moons.", "    image: pic.png\n"))
    done = _run("check", "deck.yaml", cwd=workdir)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: deck.yaml:7: facts[1] 'f'.image: 'pic.png' is not a regular file (a named "
        "pipe): give an image file\n"
    )


def test_a_nul_byte_in_an_image_path_is_named(write_facts: WriteFacts) -> None:
    write_facts(deck_with("two", "Mars has two moons.", '    image: "a\\0b.png"\n'))
    result = runner.invoke(app, ["check", "deck.yaml"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: deck.yaml:7: facts[1] 'f'.image: 'a\\x00b.png' contains a control character "
        "(a NUL byte, tab or line break): give the image's file name as it is on disk\n"
    )


def test_an_image_swapped_for_a_symlink_after_the_check_never_reaches_the_package(
    write_facts: WriteFacts, workdir: Path
) -> None:
    secret = workdir.parent / f"{workdir.name}-secret.txt"
    secret.write_text("root:x:0:0:SECRET\n")
    (workdir / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = write_facts(MARS + "    image: pic.png\n")
    prepared = prepare([path])  # validated here, image and all
    (workdir / "pic.png").unlink()
    (workdir / "pic.png").symlink_to(secret)
    with pytest.raises(OutputError, match="leads outside the fact file's folder"):
        build_decks(prepared, workdir / "out", "apkg")
    assert not list((workdir / "out").glob("*.apkg"))
    with pytest.raises(OutputError, match="leads outside the fact file's folder"):
        build_decks(prepared, workdir / "out", "md")


@pytest.mark.slow
def test_a_zip_bomb_at_the_output_path_is_not_inflated(
    write_facts: WriteFacts, workdir: Path
) -> None:
    write_facts(MARS)
    (workdir / "out").mkdir()
    with zipfile.ZipFile(workdir / "out" / "d.apkg", "w", zipfile.ZIP_DEFLATED) as bomb:
        with bomb.open("collection.anki2", "w", force_zip64=True) as inner:
            block = b"SQLite format 3\x00" + bytes(1 << 20)
            for _ in range(600):  # 600 MB inflated, 600 KB on disk
                inner.write(block)
    result = runner.invoke(app, ["build", "deck.yaml", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Warning: out/d.apkg: could not read the package it replaces (its collection inflates "
        "to more than 512 MB, more than any deck quizgen builds), so facts removed since then "
        "are not reported\n"
    )


# Text that means something to a reader -------------------------------------------------

ESCAPES = ("\x1b[2J", "\x1b]0;pwned\x07", "\x1b]52;c;aGk=\x07", "\x1b[8m", "\u202e", "\r")


def escaping_deck() -> str:
    """A deck whose every field carries terminal escape sequences."""
    bad = "".join(ESCAPES)
    return (
        f"id: esc\ndeck: {json.dumps('Deck' + bad)}\nfacts:\n"
        f"  - id: f\n    topic: {json.dumps('Topic' + bad)}\n"
        f"    text: {json.dumps('Mars' + bad + ' has two moons.')}\n    answer: two\n"
        f"    distractors: {json.dumps(['one' + bad, 'three', 'four'])}\n"
        f"    explanation: {json.dumps('Because' + bad)}\n"
    )


def assert_shown_not_obeyed(output: str) -> None:
    for escape in ESCAPES:
        assert escape not in output, (escape, output)
    assert "\\x1b]52;c;aGk=\\x07" in output, output
    assert "\\u202e" in output


@pytest.mark.parametrize("command", [["list"], ["preview"], ["check"]])
def test_escape_sequences_in_facts_are_shown_not_sent_by_list_preview_check(
    write_facts: WriteFacts, command: list[str]
) -> None:
    write_facts(escaping_deck())
    result = runner.invoke(app, [*command, "deck.yaml"])
    assert result.exit_code == 0, result.output
    assert_shown_not_obeyed(result.stdout)


def test_escape_sequences_in_facts_are_shown_not_sent_by_preview_json(
    write_facts: WriteFacts,
) -> None:
    write_facts(escaping_deck())
    result = runner.invoke(app, ["preview", "--json", "deck.yaml"])
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    (record, *_) = json.loads(result.stdout)
    assert "\x1b]52;" in record["deck_title"]  # the same values, for a JSON reader


def test_escape_sequences_are_shown_not_sent_by_quiz_review_and_stats(
    write_facts: WriteFacts,
) -> None:
    write_facts(escaping_deck())
    typed = "\x1b]52;c;aGk=\x07\n"
    quiz = runner.invoke(app, ["quiz", "deck.yaml", "--seed", "3", "--plain"], input=typed * 4)
    assert quiz.exit_code == 0, quiz.output
    assert_shown_not_obeyed(quiz.stdout)
    review = runner.invoke(app, ["review", "deck.yaml", "--seed", "3"], input=typed * 4)
    assert review.exit_code == 0, review.output
    assert_shown_not_obeyed(review.stdout)
    stats = runner.invoke(app, ["stats"])
    assert stats.exit_code == 0, stats.output
    assert_shown_not_obeyed(stats.stdout)


@pytest.mark.slow
def test_escape_sequences_are_shown_not_sent_in_a_colour_terminal(
    write_facts: WriteFacts, workdir: Path, home: Path
) -> None:
    import io

    import pexpect
    from quiz_support import quiz_env

    write_facts(escaping_deck())
    child = pexpect.spawn(
        str(QUIZGEN),
        ["quiz", "deck.yaml", "--seed", "3"],
        cwd=str(workdir),
        env=quiz_env(home),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    try:
        child.logfile_read = io.StringIO()
        for _ in range(2):
            child.expect("Answer")
            child.sendline("\x1b]52;c;aGk=\x07")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    screen = child.logfile_read.getvalue()
    assert "\x1b[" in screen  # the quiz's own colours
    for escape in ("\x1b[2J", "\x1b]0;", "\x1b]52;", "\x1b[8m", "\u202e"):
        assert escape not in screen, escape
    assert "\\x1b]52;c;aGk=\\x07" in screen


@given(text=st.text(alphabet=CONTROL_CHARACTERS | st.characters(codec="utf-8")))
def test_visible_text_holds_no_control_character_and_reads_back(text: str) -> None:
    shown = visible(text)
    assert not any(
        (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2028"
        for c in shown
    )
    assert visible(shown) == shown
    assert json.loads(json_visible(json.dumps(text, ensure_ascii=False))) == text


# The history ------------------------------------------------------------------------------


def _history(home: Path) -> Path:
    return home / "history.sqlite3"


def test_bad_rows_in_the_history_do_not_stop_review_or_stats(
    write_facts: WriteFacts, home: Path
) -> None:
    write_facts(MARS)
    for _ in range(2):
        runner.invoke(app, ["review", "deck.yaml", "--seed", "1"], input="a\na\n")
    with sqlite3.connect(_history(home)) as db:
        db.execute("UPDATE cards SET state = '{broken', due = '2000-01-01T00:00:00+00:00'")
        db.execute("UPDATE answers SET answered_at = 'yesterday', correct = 'x', span = 'y'")
        db.execute("UPDATE answers SET seconds = 'slow', hints = 1e300 WHERE id = 1")
    review = runner.invoke(app, ["review", "deck.yaml", "--seed", "1"], input="a\na\n")
    assert review.exit_code == 0, review.output
    with sqlite3.connect(_history(home)) as db:
        db.execute("UPDATE cards SET due = 'never', introduced_at = 5")
    review = runner.invoke(app, ["review", "deck.yaml", "--seed", "1"], input="a\na\n")
    assert review.exit_code == 0, review.output
    stats = runner.invoke(app, ["stats"])
    assert stats.exit_code == 0, stats.output
    assert "answers since" in stats.stdout


def test_a_damaged_history_is_found_before_the_first_question(
    write_facts: WriteFacts, home: Path
) -> None:
    write_facts(MARS)
    runner.invoke(app, ["quiz", "deck.yaml", "--seed", "1"], input="a\n")
    with sqlite3.connect(_history(home)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with _history(home).open("r+b") as file:
        file.seek(4096 * 2)  # the answers table's first page
        file.write(b"\x0d\xff\xff\xff\xff" * 20)
    result = runner.invoke(app, ["quiz", "deck.yaml", "--seed", "1"], input="a\n")
    assert result.exit_code == 1
    assert "Answer" not in result.stdout  # no question was asked
    assert "cannot use the quiz history (damaged:" in result.stderr
    assert "move it aside to start a new history" in result.stderr


def test_a_read_only_history_gets_permission_advice(
    write_facts: WriteFacts, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_facts(MARS)
    runner.invoke(app, ["quiz", "deck.yaml", "--seed", "1"], input="a\n")
    real_access = os.access
    monkeypatch.setattr(  # root may write anything: pretend to be a user who may not
        os, "access", lambda path, mode: real_access(path, mode) and not mode & os.W_OK
    )
    result = runner.invoke(app, ["quiz", "deck.yaml", "--seed", "1"], input="a\n")
    assert result.exit_code == 1
    assert "Answer" not in result.stdout
    assert result.stderr.endswith(
        "history.sqlite3: cannot write the quiz history (permission denied): quizgen writes "
        f"the file and beside it in {home}; make both writable for you (chmod u+w), or set "
        "QUIZGEN_HOME to a folder you can write to\n"
    )


def test_a_home_that_is_a_file_is_an_error_in_stats_and_quiz(
    write_facts: WriteFacts, home: Path
) -> None:
    write_facts(MARS)
    home.write_text("not a folder")
    expected = (
        f"Error: {home}: the quiz history's folder is a file, not a folder: move that file "
        "aside, or set QUIZGEN_HOME to a folder\n"
    )
    stats = runner.invoke(app, ["stats"])
    assert (stats.exit_code, stats.stderr) == (1, expected)
    quiz = runner.invoke(app, ["quiz", "deck.yaml"], input="a\n")
    assert (quiz.exit_code, quiz.stderr) == (1, expected)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_history_that_is_not_a_file_is_named(home: Path, kind: str) -> None:
    home.mkdir()
    if kind == "folder":
        _history(home).mkdir()
    else:
        os.mkfifo(_history(home))
    what = "a folder" if kind == "folder" else "not a regular file"
    result = runner.invoke(app, ["stats"])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {_history(home)}: the quiz history is {what}: move it aside, or set "
        "QUIZGEN_HOME to another folder\n",
    )


def test_invalid_utf8_typed_into_the_quiz_is_stored(workdir: Path, home: Path) -> None:
    (workdir / "deck.yaml").write_text(deck_with("Kyiv", "The capital is Kyiv."))
    done = subprocess.run(
        [str(QUIZGEN), "quiz", "deck.yaml", "--kind", "cloze"],
        cwd=workdir,
        input=b"K\xff\xfeiv\n",
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(_history(home)) as db:
        assert db.execute("SELECT given FROM answers").fetchall() == [("K\ufffd\ufffdiv",)]


def test_a_pasted_megabyte_is_a_bounded_answer(workdir: Path, home: Path) -> None:
    from quizgen.quiz.terminal import MAX_ANSWER_CHARACTERS

    (workdir / "deck.yaml").write_text(deck_with("Kyiv", "The capital is Kyiv."))
    done = subprocess.run(
        [str(QUIZGEN), "quiz", "deck.yaml", "--kind", "cloze"],
        cwd=workdir,
        input=b"x" * 1_000_000 + b"\nKyiv\n",
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(_history(home)) as db:
        (given,) = db.execute("SELECT given FROM answers").fetchone()
    assert given == "x" * MAX_ANSWER_CHARACTERS


@pytest.mark.parametrize(
    ("redirect", "message"),
    [
        (
            "<&-",
            "Error: standard input is closed, so there is nowhere to read answers from: run the "
            "quiz in a terminal, or pipe answers in (one per line)\n",
        ),
        (
            ">&-",
            "Error: standard output is closed, so quizgen has nowhere to write its results: run "
            "it with output to a terminal, a file or a pipe\n",
        ),
    ],
)
@pytest.mark.parametrize("command", ["quiz", "review"])
def test_a_closed_standard_stream_is_a_usage_error(
    write_facts: WriteFacts, workdir: Path, redirect: str, message: str, command: str
) -> None:
    write_facts(MARS)
    done = subprocess.run(
        f"{QUIZGEN} {command} deck.yaml {redirect}",
        shell=True,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert (done.returncode, done.stderr) == (2, message)


# Builds under faults ------------------------------------------------------------------------


def test_a_source_date_epoch_past_the_year_9999_is_explained(
    write_facts: WriteFacts, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_facts(MARS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 30)
    result = runner.invoke(app, ["build", "deck.yaml", "--out", "out"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: SOURCE_DATE_EPOCH must be whole seconds since 1970 (up to the year 9999), not "
        "'999999999999999999999999999999'"
    )


def _limit_file_size() -> None:
    """In the child: files stop growing at 64 KB (a full disk), with EFBIG, not a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_temporary_folder_during_an_apkg_build_is_explained(workdir: Path) -> None:
    from synthetic import write_deck

    write_deck(workdir / "big.yaml", 400)
    scratch = workdir / "tmp"
    scratch.mkdir()
    done = subprocess.run(
        [str(QUIZGEN), "build", "big.yaml", "--out", "out"],
        cwd=workdir,
        env={**os.environ, "TMPDIR": str(scratch)},
        preexec_fn=_limit_file_size,  # noqa: PLW1509 - a single-threaded child
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    # After the deck's own warnings (questions short of options), if any: the error.
    errors = [line for line in done.stderr.splitlines() if not line.startswith("Warning: ")]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(
        f"Error: cannot build the package in the temporary folder {scratch} ("
    ), done.stderr
    assert errors[0].endswith("free some space there, or set TMPDIR to a folder with room")
    assert list(scratch.iterdir()) == []
    assert [p.name for p in (workdir / "out").iterdir()] == []


@pytest.mark.slow
def test_a_build_ended_by_sigterm_leaves_no_temporary_file(workdir: Path) -> None:
    from synthetic import write_deck

    write_deck(workdir / "big.yaml", 10_000)
    scratch = workdir / "tmp"
    scratch.mkdir()
    out = workdir / "out"
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen(
        [str(QUIZGEN), "build", "big.yaml", "--out", str(out)],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and not list(scratch.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)  # until the scratch collection exists: the build is under way
    process.send_signal(signal.SIGTERM)
    assert process.wait(TIMEOUT) in (0, 128 + signal.SIGTERM)
    assert list(scratch.iterdir()) == []
    left = list(out.iterdir()) if out.exists() else []
    assert [p.name for p in left if p.suffix == ".tmp"] == []


def test_a_long_text_aliased_many_times_stops_at_once(write_facts: WriteFacts) -> None:
    long_text = "x" * 1_000_000
    aliases = ", ".join(["*big"] * 20_000)
    path = write_facts(
        f'id: a\ndeck: &big " {long_text}"\nfacts:\n  - id: f\n    text: Mars has two moons.\n'
        f"    answer: two\n    distractors: [{aliases}]\n"
    )
    with pytest.raises(FactFileError) as caught:
        prepare([path])
    (problem,) = caught.value.problems
    assert problem.line == 7 and problem.field.startswith("facts[1]")
    assert "expands to too many values through YAML anchors and aliases" in problem.message


def test_twenty_thousand_distractors_on_one_fact_are_checked(write_facts: WriteFacts) -> None:
    options = "".join(f"      - ${n} million\n" for n in range(6, 20_006))
    path = write_facts(
        "id: d\ndeck: D\nfacts:\n  - id: f\n    text: It cost $5 million.\n"
        f"    answer: $5 million\n    distractors:\n{options}"
        "      - $5,000,000\n"
    )
    with pytest.raises(FactFileError) as caught:
        prepare([path])
    (problem,) = caught.value.problems
    assert problem.message == "'$5,000,000' is the answer itself: remove it from distractors"
