"""split_map: forked stripes give exactly the serial result, and failures never lose work."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from synthetic import write_deck

from quizgen import parallel
from quizgen.export import apkg
from quizgen.loader import load_decks
from quizgen.parallel import split_map, worker_count
from quizgen.pipeline import PreparedDeck
from quizgen.questions import deck_questions

PARENT = os.getpid()


def squares(items: Sequence[int]) -> list[int]:
    return [item * item for item in items]


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork for any size of input, on a machine with at least two cores."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ITEMS", 2)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)


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
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
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
def test_questions_and_package_rows_match_a_serial_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_decks([write_deck(tmp_path / "deck.yaml", 300)])[0]
    forked = PreparedDeck(loaded, deck_questions(loaded.deck, seed=5))
    forked_rows = list(apkg.note_rows(forked, {}))
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    serial = PreparedDeck(loaded, deck_questions(loaded.deck, seed=5))
    assert forked.questions == serial.questions
    assert forked_rows == list(apkg.note_rows(serial, {}))


@pytest.mark.usefixtures("forking")
def test_when_the_system_cannot_fork_the_work_is_done_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    pids = split_map(lambda items: [os.getpid() for _ in items], list(range(10)))
    assert pids == [PARENT] * 10
