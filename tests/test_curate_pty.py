"""`quizgen curate` driven as a teacher would: through a real pseudo-terminal, then the file.

Each test reads the options off the screen (not from the code), presses keys, and then checks
that the file passes `quizgen check`, holds exactly the options decided, and is byte-identical
outside the edited facts.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest
from conftest import FIXTURES
from curate_support import assert_only_distractors_changed, distractors_of
from quiz_support import QUIZGEN, TIMEOUT, close_spawned, quiz_env, strip_ansi, track

pytestmark = pytest.mark.slow  # real terminals, a process each

DECK = FIXTURES / "rivers-and-mountains.yaml"
_OPTION = re.compile(r"^\s+(\* )?([A-Z])\) (.+?)\s{2,}(\S.*?)\s*$")
_EMPTY = re.compile(r"^\s+([A-Z])\) \(none found")


@pytest.fixture(autouse=True)
def _no_child_left_behind() -> Iterator[None]:
    yield
    close_spawned()


@pytest.fixture
def deck(workdir: Path) -> Path:
    path = workdir / "rivers.yaml"
    shutil.copyfile(DECK, path)
    return path


def spawn(deck: Path, *args: str, **env: str) -> pexpect.spawn:
    child = pexpect.spawn(
        str(QUIZGEN),
        ["curate", deck.name, *args],
        cwd=str(deck.parent),
        env=quiz_env(deck.parent / "home", **env),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    track(child)
    return child


@dataclass(frozen=True)
class Screen:
    """One fact as the terminal shows it."""

    fact_id: str
    number: int
    options: dict[str, str]  # letter -> text; the key's letter included
    sources: dict[str, str]
    key: str  # the right answer's letter
    empty: tuple[str, ...]

    @property
    def wrong(self) -> list[str]:
        return [text for letter, text in self.options.items() if letter != self.key]

    def wrong_letters(self) -> list[str]:
        return [letter for letter in self.options if letter != self.key]


def next_screen(child: pexpect.spawn) -> Screen:
    """Wait for the next fact and its prompt; read its options off the screen."""
    child.expect(r"\[(\d+)/\d+\] ([a-z0-9-]+)")
    number, fact_id = int(child.match.group(1)), child.match.group(2)
    child.expect(r"\n(?:\x1b\[[0-9;]*m)?> ")
    options, sources, key, empty = {}, {}, "", []
    for line in strip_ansi(child.before).splitlines():
        found = _OPTION.match(line)
        if found:
            options[found.group(2)] = found.group(3)
            sources[found.group(2)] = found.group(4)
            key = found.group(2) if found.group(1) else key
        elif _EMPTY.match(line):
            empty.append(_EMPTY.match(line).group(1))  # type: ignore[union-attr]
    return Screen(fact_id, number, options, sources, key, tuple(empty))


def finish(child: pexpect.spawn, code: int = 0) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, strip_ansi(child.before or "")
    return strip_ansi(child.before or "")


def assert_file(deck: Path, before: bytes, decided: dict[str, list[str]]) -> None:
    """The file checks, holds exactly `decided` for the edited facts and nothing else moved."""
    result = subprocess.run(
        [str(QUIZGEN), "check", deck.name], cwd=deck.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    now = distractors_of(deck)
    for fact_id, options in decided.items():
        assert sorted(now[fact_id]) == sorted(options), fact_id
        assert len(now[fact_id]) == len(options)
    assert_only_distractors_changed(deck, before, deck.read_bytes(), set(decided))


def test_enter_keeps_the_shown_options_and_q_saves(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    assert first.fact_id == "nile-longest" and first.options[first.key] == "Nile"
    assert set(first.sources.values()) <= {"[pool]", "[deck]", "[key]"}
    child.sendline("")
    second = next_screen(child)
    assert second.number == 2
    child.sendline("q")
    output = finish(child)
    assert "1 kept, 0 skipped" in output and "saved 1 facts' distractors" in output
    assert_file(deck, before, {"nile-longest": first.wrong})


def test_a_letter_replaces_that_option_with_the_next_candidate(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    letter = first.wrong_letters()[1]
    child.sendline(letter.lower())
    again = next_screen(child)
    assert again.fact_id == first.fact_id
    assert again.options[letter] not in first.options.values()  # a new candidate
    assert {k: v for k, v in again.options.items() if k != letter} == {
        k: v for k, v in first.options.items() if k != letter
    }
    child.sendline("")
    next_screen(child)
    child.sendline("q")
    finish(child)
    assert_file(deck, before, {"nile-longest": again.wrong})


def test_e_and_a_letter_types_an_option_and_a_wrong_one_is_refused(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    letter = first.wrong_letters()[0]
    child.sendline(f"e {letter.lower()}")
    child.expect(f"option {letter} \\(Enter alone: no change\\): ")
    child.sendline("Nile")  # the right answer is no wrong option
    child.expect("is the right answer: type a wrong one")
    child.sendline(f"e{letter.lower()}")
    child.expect(f"option {letter} \\(Enter alone: no change\\): ")
    child.sendline("Orinoco")
    typed = next_screen(child)
    assert typed.options[letter] == "Orinoco" and typed.sources[letter] == "[typed]"
    child.sendline("")
    next_screen(child)
    child.sendline("q")
    finish(child)
    assert_file(deck, before, {"nile-longest": typed.wrong})
    assert "Orinoco" in distractors_of(deck)["nile-longest"]


def test_s_skips_a_fact_and_leaves_it_as_it_was(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    next_screen(child)
    child.sendline("s")
    second = next_screen(child)
    child.sendline("")
    next_screen(child)
    child.sendline("q")
    output = finish(child)
    assert "1 kept, 1 skipped" in output
    assert distractors_of(deck)["nile-longest"] == []
    assert_file(deck, before, {second.fact_id: second.wrong})


def test_u_undoes_the_last_fact_and_shows_it_as_it_was(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    letter = first.wrong_letters()[2]
    child.sendline(letter)
    replaced = next_screen(child)
    child.sendline("")  # kept with the replacement...
    next_screen(child)
    child.sendline("u")  # ...and undone: back to it, as it stood
    back = next_screen(child)
    assert back.fact_id == first.fact_id and back.options == replaced.options
    child.sendline("s")
    second = next_screen(child)
    child.sendline("")
    third = next_screen(child)
    child.sendline("u")
    assert next_screen(child).fact_id == second.fact_id
    child.sendline("")
    assert next_screen(child).fact_id == third.fact_id
    child.sendline("q")
    finish(child)
    assert distractors_of(deck)["nile-longest"] == []
    assert_file(deck, before, {second.fact_id: second.wrong})


def test_q_at_once_leaves_the_file_untouched(deck: Path) -> None:
    before = deck.read_bytes()
    stat = deck.stat()
    child = spawn(deck)
    next_screen(child)
    child.sendline("q")
    assert "not changed" in finish(child)
    assert deck.read_bytes() == before and deck.stat().st_mtime_ns == stat.st_mtime_ns


def test_ctrl_c_saves_what_was_decided_and_exits_130(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    child.sendline("")
    second = next_screen(child)
    child.sendline(second.wrong_letters()[0])  # replaced, but not yet kept
    next_screen(child)
    child.sendintr()
    output = finish(child, 130)
    assert "saved 1 facts' distractors" in output
    assert "Traceback" not in output
    assert_file(deck, before, {first.fact_id: first.wrong})


def test_a_fact_with_too_few_options_is_filled_by_typing(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck, "--fact", "everest-first", "--plain")
    short = next_screen(child)
    assert short.fact_id == "everest-first" and short.empty
    child.sendline("")  # cannot keep an empty place
    child.expect(f"option {short.empty[0]} is empty")
    child.sendline(f"e {short.empty[0]}")
    child.expect(f"option {short.empty[0]} \\(Enter alone: no change\\): ")
    child.sendline("George Mallory")
    filled = next_screen(child)
    assert not filled.empty and filled.options[short.empty[0]] == "George Mallory"
    child.sendline("")
    output = finish(child)
    assert "\x1b[" not in output  # --plain: no colour
    assert_file(deck, before, {"everest-first": filled.wrong})


def test_colour_on_a_terminal_and_none_with_no_color(deck: Path) -> None:
    for env, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
        child = spawn(deck, **env)
        child.expect(r"\n(?:\x1b\[[0-9;]*m)?> ")
        assert ("\x1b[" in child.before) is coloured
        child.sendline("q")
        finish(child)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_terminal_closed_or_a_kill_saves_what_was_decided(deck: Path, number: int) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    child.sendline("u")  # nothing to undo yet: said, and the fact stays
    child.expect("nothing to undo yet")
    child.sendline("")
    next_screen(child)
    child.kill(number)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 128 + number
    assert_file(deck, before, {first.fact_id: first.wrong})


def test_ctrl_c_while_typing_an_option_keeps_the_facts_before_it(deck: Path) -> None:
    before = deck.read_bytes()
    child = spawn(deck)
    first = next_screen(child)
    child.sendline("")
    second = next_screen(child)
    child.sendline(f"e {second.wrong_letters()[0]}")
    child.expect(r"\(Enter alone: no change\): ")
    child.send("Half typ")
    child.expect("Half typ")
    child.sendintr()
    finish(child, 130)
    assert_file(deck, before, {first.fact_id: first.wrong})


def test_a_file_edited_meanwhile_is_not_overwritten_and_the_decisions_are_printed(
    deck: Path,
) -> None:
    child = spawn(deck)
    first = next_screen(child)
    child.sendline("?")
    child.expect("a letter replaces one")
    child.sendline("")
    next_screen(child)
    edited = deck.read_bytes().replace(b"Rivers and mountains'", b"Rivers and peaks'")
    deck.write_bytes(edited)
    child.sendline("q")
    output = finish(child, 1)
    assert "rivers.yaml changed on disk while curating: nothing was saved" in output
    assert f"Error: {first.fact_id}: distractors: [" in output
    assert deck.read_bytes() == edited
