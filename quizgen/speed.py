"""The speed tricks that pay their keep, used by the command layer only.

The library never forks and never touches the collector: `deck_questions` and `prepare` take a
`mapper` (plain `map` over the facts by default), and the CLI passes `split_map` and wraps its
work in `paused_collector`. Measured on a 10,000-fact build (2 cores; see benchmarks/):

- `split_map`: question generation is pure per fact, so one forked child per extra core
  computes a stripe of the facts, reading what the parent built (no pickling of inputs) and
  sending back only its results. Where forking is not safe or not worth it (one core, another
  OS, threads running, a small deck) the work runs here, and a child that fails has its share
  redone here, so an error surfaces with its usual type and message.
- `paused_collector`: loading, generating and writing make hundreds of thousands of objects
  that form no reference cycles, yet every full collection walks them all. Reference counting
  still frees everything as usual.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Below this many items a fork costs more than it saves.
MIN_PARALLEL_ITEMS = 2000
#: Enough for a school machine; more processes mostly add start-up and memory.
MAX_WORKERS = 4


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(items: int, minimum: int | None = None) -> int:
    """How many processes `split_map` would use for `items` items (1: all here)."""
    minimum = MIN_PARALLEL_ITEMS if minimum is None else minimum
    if sys.platform != "linux" or threading.active_count() > 1 or items < minimum:
        return 1
    return max(1, min(available_cores(), MAX_WORKERS, items // max(minimum // 2, 1)))


def split_map(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    *,
    minimum: int | None = None,
) -> list[Result]:
    """`work(items)`, computed in stripes by forked processes; `work` must be pure, return one
    picklable result per item in order, and give the same result for an item in any stripe."""
    workers = worker_count(len(items), minimum)
    if workers == 1:
        return work(items)
    stripes = [items[start::workers] for start in range(workers)]
    children: list[_Child | None] = []
    try:
        for stripe in stripes[1:]:
            children.append(_Child.start(work, stripe))  # each one kept at once, for `stop`
        results = [work(stripes[0])]
        results += [
            child.result(work, stripe) if child else work(stripe)
            for child, stripe in zip(children, stripes[1:], strict=True)
        ]
    finally:
        for child in children:
            if child:
                child.stop()
    merged: list[Result] = []
    for position in range(len(results[0])):
        merged += [stripe[position] for stripe in results if position < len(stripe)]
    return merged


class _Child:
    """One forked process computing one stripe and writing its pickled results to a pipe."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self.reader, self.done = pid, reader, False

    @classmethod
    def start(
        cls, work: Callable[[Sequence[Item]], list[Result]], stripe: Sequence[Item]
    ) -> _Child | None:
        """The running child, or None if the system cannot start one (its stripe is then
        computed here): out of processes, or of memory to fork with."""
        try:
            reader, writer = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the child: compute, send, and leave without running any cleanup
            os.close(reader)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends it quietly
            gc.disable()  # short-lived: collecting would only copy the parent's pages
            status = 1
            try:
                payload = pickle.dumps(work(stripe), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        return cls(pid, reader)

    def result(
        self, work: Callable[[Sequence[Item]], list[Result]], stripe: Sequence[Item]
    ) -> list[Result]:
        """The child's results, or the stripe computed here if the child did not finish."""
        with os.fdopen(self.reader, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if os.waitstatus_to_exitcode(status) == 0:
            results: list[Result] = pickle.loads(payload)
            return results
        return work(stripe)

    def stop(self) -> None:
        """End a child that is still running (the parent failed or was interrupted)."""
        if self.done:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self.reader)
        except OSError:
            pass
        self.done = True


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The cycle collector paused inside the block (and left as it was after it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
