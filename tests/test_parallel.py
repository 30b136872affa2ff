"""The CLI's parallel strategy (quizgen.speed.split_map): forked stripes give exactly the serial
result, failures never lose work, and the library alone never forks."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import pexpect
import pytest
from quiz_support import QUIZGEN, TIMEOUT, history_rows, quiz_env
from synthetic import write_deck

from quizgen import speed
from quizgen.engine.pipeline import prepare
from quizgen.export import build_decks
from quizgen.speed import split_map, worker_count

PARENT = os.getpid()


def squares(items: Sequence[int]) -> list[int]:
    return [item * item for item in items]


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork for any size of input, on a machine with at least two cores."""
    monkeypatch.setattr(speed, "MIN_PARALLEL_ITEMS", 2)
    monkeypatch.setattr(speed, "available_cores", lambda: 2)


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("size", [2, 3, 7, 100, 1001])
def test_the_result_is_the_serial_result_in_order(size: int) -> None:
    assert worker_count(size) == 2
    assert split_map(squares, list(range(size))) == squares(range(size))
    assert no_children_left()


def test_small_inputs_and_single_cores_stay_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert worker_count(10) == 1  # below the default minimum
    monkeypatch.setattr(speed, "available_cores", lambda: 1)
    assert worker_count(10**6) == 1
    pids = split_map(lambda items: [os.getpid() for _ in items], list(range(10**4)))
    assert set(pids) == {PARENT}


@pytest.mark.usefixtures("forking")
def test_the_work_really_runs_in_another_process() -> None:
    pids = split_map(lambda items: [os.getpid() for _ in items], list(range(10)))
    assert pids[0::2] == [PARENT] * 5
    assert len(set(pids[1::2])) == 1 and PARENT not in pids[1::2]


@pytest.mark.usefixtures("forking")
def test_a_child_that_dies_has_its_stripe_done_here() -> None:
    def work(items: Sequence[int]) -> list[int]:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return squares(items)

    assert split_map(work, list(range(20))) == squares(range(20))
    assert no_children_left()


@pytest.mark.usefixtures("forking")
def test_an_error_in_the_work_comes_out_with_its_own_type() -> None:
    def work(items: Sequence[int]) -> list[int]:
        if 3 in items:  # in the child's stripe: the child fails, then the parent redoes it
            raise ValueError("no threes")
        return squares(items)

    with pytest.raises(ValueError, match="no threes"):
        split_map(work, list(range(10)))
    assert no_children_left()


@pytest.mark.usefixtures("forking")
def test_ctrl_c_in_the_parent_ends_the_children_at_once() -> None:
    def work(items: Sequence[int]) -> list[int]:
        if os.getpid() == PARENT:
            raise KeyboardInterrupt
        time.sleep(60)
        return squares(items)

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        split_map(work, list(range(10)))
    assert time.monotonic() - start < 10
    assert no_children_left()


@pytest.mark.usefixtures("forking")
def test_questions_and_packages_match_a_serial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    path = write_deck(tmp_path / "deck.yaml", 300)
    (forked,) = prepare([path], seed=5, mapper=split_map)
    forked_package = build_decks([forked], tmp_path / "forked")[0].path.read_bytes()
    (serial,) = prepare([path], seed=5)
    serial_package = build_decks([serial], tmp_path / "serial")[0].path.read_bytes()
    assert forked.questions == serial.questions
    assert forked_package == serial_package


@pytest.mark.usefixtures("forking")
def test_the_library_alone_never_forks(tmp_path: Path) -> None:
    forks: list[int] = []
    os.register_at_fork(before=lambda: forks.append(os.getpid()))
    path = write_deck(tmp_path / "deck.yaml", 300)
    (deck,) = prepare([path], seed=5)
    build_decks([deck], tmp_path / "out")
    assert forks == []


needs_two_cores = pytest.mark.skipif(
    speed.available_cores() < 2 or shutil.which("taskset") is None,
    reason="needs two cores and taskset to compare a forked build with a one-core build",
)


@needs_two_cores
def test_a_build_on_every_core_is_byte_for_byte_a_one_core_build(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck.yaml", 2500)  # above the size where workers start
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1800000000"}
    outputs = []
    for name, prefix in (("all", []), ("one", ["taskset", "-c", "0"])):
        done = subprocess.run(
            [*prefix, str(QUIZGEN), "build", str(deck), "--out", str(tmp_path / name)],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append((done.stdout.replace(name, "OUT"), done.stderr))
    assert outputs[0] == outputs[1]
    built = "synthetic-2500.apkg"
    assert (tmp_path / "all" / built).read_bytes() == (tmp_path / "one" / built).read_bytes()


@needs_two_cores
def test_a_quiz_on_a_deck_big_enough_to_fork_keeps_its_answers_through_ctrl_c(
    tmp_path: Path,
) -> None:
    deck = write_deck(tmp_path / "deck.yaml", 2500)
    home = tmp_path / "home"
    child = pexpect.spawn(
        str(QUIZGEN),
        ["quiz", str(deck), "--seed", "3", "-n", "3", "--plain"],
        env=quiz_env(home),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    try:
        child.expect("1/3")
        child.expect("Answer")
        child.sendline("s")
        child.expect("Skipped")
        child.expect("2/3")
        child.expect("Answer")
        child.sendintr()
        child.expect("Interrupted after 1 of 3 questions")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    rows = history_rows(home)
    assert [row["outcome"] for row in rows] == ["skipped"]
    assert no_children_left()
