"""`quizgen quiz` driven as a student would: through a real pseudo-terminal, then the history.

The question order comes from --seed, but the tests do not depend on it: each question is
recognised on screen and answered according to its position in the script (right, wrong,
typo, skip, hint), and the history must then hold exactly the answers given, in order.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from conftest import WriteFacts
from quiz_support import (
    KNOWN,
    QUIZGEN,
    TIMEOUT,
    KnownFact,
    close_spawned,
    history_rows,
    known_deck,
    quiz_env,
    same_answer_deck,
    strip_ansi,
    track,
)


@pytest.fixture(autouse=True)
def _no_child_left_behind() -> Iterator[None]:
    """A failing test must not leave a quiz running (or a pty open) behind it."""
    yield
    close_spawned()


def spawn(args: list[str], home: Path, cwd: Path, **env: str) -> pexpect.spawn:
    child = pexpect.spawn(
        str(QUIZGEN),
        args,
        cwd=str(cwd),
        env=quiz_env(home, **env),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    track(child)
    return child


def next_fact(child: pexpect.spawn) -> KnownFact:
    """Wait for the next cloze question and say which fact it is."""
    index = child.expect([re.escape(fact.before) for fact in KNOWN])
    child.expect("Answer: ")
    return KNOWN[index]


def test_a_cloze_quiz_in_a_terminal_keeps_every_answer_through_ctrl_c(
    workdir: Path, write_facts: WriteFacts
) -> None:
    deck = write_facts(known_deck())
    home = workdir / "home"
    child = spawn(["quiz", str(deck), "--kind", "cloze", "--seed", "5"], home, workdir)
    child.expect("Known deck")
    child.expect("6 questions")
    asked: list[tuple[KnownFact, str]] = []

    fact = next_fact(child)  # right, typed in lower case
    child.sendline(fact.answer.lower())
    child.expect("Right")
    child.expect(re.escape(fact.answer))
    child.expect(f"Explained {fact.id}")
    child.expect("Source: Test source")
    asked.append((fact, "right"))

    fact = next_fact(child)  # wrong
    child.sendline("Nowhere")
    child.expect("Wrong")
    child.expect(re.escape(fact.answer))
    child.expect("Source: Test source")
    asked.append((fact, "wrong"))

    fact = next_fact(child)  # one typo in a long word
    child.sendline(fact.typo)
    child.expect("Right")
    child.expect("with a small typo")
    child.expect(re.escape(fact.answer))
    asked.append((fact, "typo"))

    fact = next_fact(child)  # skipped
    child.sendline("s")
    child.expect("Skipped")
    child.expect(re.escape(fact.answer))
    asked.append((fact, "skip"))

    fact = next_fact(child)  # two hints, then right
    child.sendline("?")
    child.expect(f"Hint: {fact.hint}")
    child.expect("Answer: ")
    child.sendline("?")
    child.expect(re.escape(f"it looks like {fact.answer[0]}{'_' * (len(fact.answer) - 1)}"))
    child.expect("Answer: ")
    child.sendline(fact.answer)
    child.expect("Right")
    asked.append((fact, "hint"))

    next_fact(child)  # Ctrl-C in the middle of the sixth question
    child.sendintr()
    child.expect("Interrupted after 5 of 6 questions")
    child.expect(re.escape("3/5 (60%)"))
    child.expect("By topic")
    child.expect("Missed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in strip_ansi(child.before or "")

    rows = history_rows(home)
    assert [row["fact_id"] for row in rows] == [fact.id for fact, _ in asked]
    assert [row["outcome"] for row in rows] == ["right", "wrong", "right", "skipped", "right"]
    assert [row["given"] for row in rows] == [
        asked[0][0].answer.lower(),
        "Nowhere",
        asked[2][0].typo,
        None,
        asked[4][0].answer,
    ]
    assert [row["typo"] for row in rows] == [0, 0, 1, 0, 0]
    assert [row["hints"] for row in rows] == [0, 0, 0, 0, 2]
    assert [row["expected"] for row in rows] == [fact.answer for fact, _ in asked]
    assert {(row["deck_id"], row["question_kind"], row["span"]) for row in rows} == {
        ("known", "cloze", 1)
    }
    assert len({row["session"] for row in rows}) == 1
    assert all(row["seconds"] > 0 for row in rows)
    assert rows[0]["prompt"] == f"{asked[0][0].before}_____."
    assert rows[0]["topic"] == f"Topic {asked[0][0].id}"


def options_on_screen(screen: str) -> dict[str, str]:
    """{option text: letter} from the lines of a multiple-choice question."""
    found = re.findall(r"^\s*([A-D])\) (.+?)\s*$", strip_ansi(screen), re.MULTILINE)
    return {text: letter for letter, text in found}


def next_choice(child: pexpect.spawn) -> tuple[KnownFact, dict[str, str]]:
    index = child.expect([re.escape(fact.before) for fact in KNOWN])
    child.expect("Answer A-D: ")
    return KNOWN[index], options_on_screen(child.before)


def test_multiple_choice_by_letter_or_number_with_a_hint_then_quit(
    workdir: Path, write_facts: WriteFacts
) -> None:
    deck = write_facts(known_deck())
    home = workdir / "home"
    child = spawn(["quiz", str(deck), "--kind", "mcq", "-n", "4", "--seed", "2"], home, workdir)
    child.expect("4 questions")

    fact, options = next_choice(child)  # the right letter, in lower case
    assert set(options) == {fact.answer, *fact.distractors}
    child.sendline(options[fact.answer].lower())
    child.expect("Right")
    child.expect(re.escape(f"{options[fact.answer]}) {fact.answer}"))

    fact, options = next_choice(child)  # a wrong option, by number
    wrong = options[fact.distractors[0]]
    child.sendline(str(ord(wrong) - ord("A") + 1))
    child.expect("Wrong")
    child.expect(re.escape(f"{options[fact.answer]}) {fact.answer}"))

    fact, options = next_choice(child)  # a hint rules one wrong option out
    child.sendline("?")
    child.expect(r"Hint: it is not ([A-D])\) ")
    ruled_out = child.match.group(1)
    assert ruled_out != options[fact.answer]
    child.expect("Answer A-D: ")
    child.sendline(ruled_out)  # a ruled-out option is refused, not counted
    child.expect("ruled out by a hint")
    child.expect("Answer A-D: ")
    child.sendline("x")  # not an option: how to answer
    child.expect("Type a letter")
    child.expect("Answer A-D: ")
    child.sendline(options[fact.answer])
    child.expect("Right")

    next_choice(child)
    child.sendline("q")
    child.expect("Stopped after 3 of 4 questions")
    child.expect(re.escape("2/3 (67%)"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    rows = history_rows(home)
    assert [row["outcome"] for row in rows] == ["right", "wrong", "right"]
    assert [row["hints"] for row in rows] == [0, 0, 1]
    assert rows[1]["given"] == f"{wrong}) {fact_distractor(rows[1]['fact_id'])}"
    assert {row["question_kind"] for row in rows} == {"mcq"}
    assert {row["span"] for row in rows} == {0}


def fact_distractor(fact_id: str) -> str:
    return next(fact.distractors[0] for fact in KNOWN if fact.id == fact_id)


def test_colour_in_a_terminal_and_none_with_no_color_or_plain(
    workdir: Path, write_facts: WriteFacts
) -> None:
    deck = write_facts(known_deck())
    outputs = {}
    variants: dict[str, tuple[list[str], dict[str, str]]] = {
        "colour": ([], {}),
        "no-color": ([], {"NO_COLOR": "1"}),
        "plain": (["--plain"], {}),
    }
    for name, (flags, extra) in variants.items():
        args = ["quiz", str(deck), "-n", "1", "--seed", "1", *flags]
        child = spawn(args, workdir / name, workdir, **extra)
        child.logfile_read = io.StringIO()
        child.expect("Answer")
        child.sendline("s")
        child.expect("Summary")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        outputs[name] = child.logfile_read.getvalue()
        rows = history_rows(workdir / name)
        assert [row["outcome"] for row in rows] == ["skipped"]
    colour = re.compile(r"\x1b\[[0-9;]*m")
    assert colour.search(outputs["colour"])
    assert not colour.search(outputs["no-color"])
    assert not colour.search(outputs["plain"])
    assert "[1/1]" in outputs["plain"]
    assert strip_ansi(outputs["colour"]).count("Summary") == 1


def run_piped(
    args: list[str], home: Path, cwd: Path, answers: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(QUIZGEN), *args],
        input=answers,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=quiz_env(home),
        timeout=TIMEOUT,
        check=False,
    )


def test_piped_answers_compared_by_value_then_end_of_input(
    workdir: Path, write_facts: WriteFacts
) -> None:
    deck = write_facts(same_answer_deck("$2.5 billion", 4))
    home = workdir / "home"
    done = run_piped(
        ["quiz", str(deck), "--kind", "cloze", "--seed", "3"],
        home,
        workdir,
        "2.5 bn\n$2,500 million\n€2.5 billion\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "Answer: 2.5 bn\nRight: $2.5 billion" in out  # piped answers are echoed
    assert "Answer: $2,500 million\nRight: $2.5 billion" in out
    assert "Answer: €2.5 billion\nWrong. It is $2.5 billion" in out
    assert "(that is in euros; the answer is in US dollars)" in out
    assert "End of input after 3 of 4 questions." in out
    assert "Score: 2/3 (67%)" in out
    assert "Traceback" not in out
    rows = history_rows(home)
    assert [(row["given"], row["outcome"]) for row in rows] == [
        ("2.5 bn", "right"),
        ("$2,500 million", "right"),
        ("€2.5 billion", "wrong"),
    ]


@pytest.mark.parametrize("answers", ["", "q\n"])
def test_no_answer_at_all_is_a_clean_summary(
    workdir: Path, write_facts: WriteFacts, answers: str
) -> None:
    deck = write_facts(same_answer_deck("2014", 2))
    done = run_piped(["quiz", str(deck), "--seed", "1"], workdir / "home", workdir, answers)
    assert done.returncode == 0, done.stderr
    assert "No questions answered." in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert history_rows(workdir / "home") == []


def first_screen(args: list[str], home: Path, cwd: Path, columns: int) -> list[str]:
    """The quiz's lines up to the first prompt, on a terminal `columns` wide, then quit."""
    child = pexpect.spawn(
        str(QUIZGEN),
        args,
        cwd=str(cwd),
        env=quiz_env(home),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, columns),
    )
    track(child)
    child.expect("Answer")
    screen = strip_ansi(child.before).replace("\r", "")
    child.sendline("q")
    child.expect(pexpect.EOF)
    return screen.splitlines()


@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize(
    ("kind", "how"),
    [
        ("cloze", "Type the missing words."),
        ("mcq", "Type a letter or a number."),
        ("all", "Choose a letter, or type the missing words."),
    ],
)
def test_the_header_fits_the_kind_and_a_narrow_terminal_breaks_only_between_phrases(
    workdir: Path, write_facts: WriteFacts, kind: str, how: str, plain: bool
) -> None:
    text = known_deck().replace("topic: Topic ", "topic: A rather long topic about ")
    deck = write_facts(text)
    args = ["quiz", str(deck), "--kind", kind, "--seed", "1"] + (["--plain"] if plain else [])
    lines = first_screen(args, workdir / "home", workdir, 50)
    head = lines[: lines.index("") + 1] if "" in lines else lines
    assert all(len(line) <= 50 for line in lines), lines
    assert lines[0] == "Known deck · 6 questions"
    assert how in lines[1]
    header = " ".join(head)
    assert "? hint" in header and "s skip" in header and "q quit" in header  # none split
    for other in {"Type the missing words.", "Type a letter or a number.", "Choose a letter"}:
        if other not in how:
            assert other not in header
    progress = next(line for line in lines if re.match(r"\[?1/6\]? ", line))
    # The topic and the kind each stay whole: on the progress line or the next one.
    rest = lines[lines.index(progress) + 1]
    where = f"{progress} {rest}"
    assert re.search(r"A rather long topic about \w+", where)
    assert re.search(r"(multiple choice|fill the blank)", where)
    assert not progress.endswith((" A", " rather", " about", " fill", " multiple"))
