"""`quizgen curate` in a terminal: a fact, its options and their sources; one line per key.

Each answer is one line, so piped input works as typed input does: an empty line keeps the
options, a letter (or several, `bc`) replaces them, `e` and a letter asks for a typed option,
`s` skips, `u` undoes the last fact and `q` saves and quits. Fact text is shown through
`visible`, so a control character in a fact file cannot drive the terminal. Colour only on a
terminal, never with `--plain`, `NO_COLOR` or `TERM=dumb`.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from quizgen.curate.edit import FactFile, flow_list
from quizgen.curate.review import TYPED, Curation, Review, accepted_lists, curation
from quizgen.curate.session import CurateMistake, CurateSession, Shown
from quizgen.engine.constants import DEFAULT_OPTIONS
from quizgen.errors import QuizgenError
from quizgen.visible import visible as _visible

INTERRUPTED = 130  # the shell's code for Ctrl-C
_SGR_CODE = re.compile(r"(\x1b\[[0-9;]*m)")

_SGR = {
    "title": "1",
    "dim": "2",
    "letter": "1;36",
    "key": "1;32",
    "source": "36",
    "typed": "1;35",
    "warn": "33",
    "error": "1;31",
    "prompt": "1;36",
}

HELP = (
    "Enter keeps the wrong options · a letter replaces one (bc: two) · e and a letter: type "
    "one · s skips · u undoes the last fact · q saves and quits"
)


def _source_label(source: str) -> str:
    """An option's source as `preview --sources` writes it: [key], [teacher], [deck]..."""
    return f"[{source}]"


def visible(text: str) -> str:
    """Content for one line of the review: quizgen.visible's escapes, tab and line feed too."""
    return _visible(text, one_line=True)


def wants_colour(plain: bool, out: TextIO) -> bool:
    """Colour only for a real terminal, and never with `--plain`, `NO_COLOR` or `TERM=dumb`."""
    if plain or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return out.isatty()


@dataclass
class Console:
    """Lines out (styled when `colour`), lines in (echoed when the input is not a terminal)."""

    out: TextIO
    read_line: Callable[[str], str]
    colour: bool
    echo: bool
    err: TextIO = sys.stderr

    def warn(self, text: str) -> None:
        """A warning on stderr: it never changes the exit code."""
        self.err.write(f"Warning: {_visible(text)}\n")
        self.err.flush()

    def error(self, text: str) -> None:
        for line in text.splitlines():
            self.err.write(f"Error: {_visible(line)}\n")
        self.err.flush()

    def style(self, text: str, name: str) -> str:
        return f"\x1b[{_SGR[name]}m{text}\x1b[0m" if self.colour else text

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        reply = self.read_line(self.style(prompt, "prompt"))
        if self.echo:
            self.say(visible(reply))
        return reply


def terminal_console(plain: bool) -> Console:
    """The console of this process: readline editing when both ends are a terminal."""
    out, source = sys.stdout, sys.stdin
    interactive = source.isatty() and out.isatty()
    colour = wants_colour(plain, out)

    def read_line(prompt: str) -> str:
        if interactive:
            try:
                import readline  # noqa: F401  (imported for its effect on input())
            except ImportError:  # pragma: no cover - platforms without readline
                pass
            # readline must know which prompt characters take no room on screen.
            return input(_SGR_CODE.sub("\x01\\1\x02", prompt))
        out.write(prompt)
        out.flush()
        line = source.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    return Console(out, read_line, colour, echo=not source.isatty())


def render(console: Console, shown: Shown, number: int, total: int) -> None:
    """The fact's question and options, each with its source, and the file line to find it."""
    review = shown.review
    say, style = console.say, console.style
    topic = f" · {visible(review.fact.topic)}" if review.fact.topic else ""
    hint = f" · hint {visible(review.fact.hint)}" if review.fact.hint else ""
    head = f"[{number}/{total}] {visible(review.fact_id)}{topic} · {review.kind.value}{hint}"
    say()
    say(style(head, "title") + style(f"  (line {review.line})", "dim"))
    say(f"  {visible(review.prompt)}")
    width = max((len(visible(o.text)) for o in shown.options if o is not None), default=0)
    for index, option in enumerate(shown.options):
        letter = style(f"{review.letter(index)})", "letter")
        if option is None:
            empty = f"(none found: type one with e {review.letter(index).lower()})"
            say(f"    {letter} {style(empty, 'warn')}")
            continue
        text = visible(option.text).ljust(width)
        source = _source_label(option.source)
        if index == review.answer_index:
            say(f"  {style('*', 'key')} {letter} {style(text, 'key')}  {style(source, 'dim')}")
        else:
            look = "typed" if option.source == TYPED else "source"
            say(f"    {letter} {text}  {style(source, look)}")
    for warning in review.warnings(shown.options):
        say(style(f"  ! {visible(warning)}", "warn"))


def _command(session: CurateSession, console: Console, reply: str) -> None:
    """Carry out one line of input; a CurateMistake says what to do instead."""
    text = reply.strip()
    if text == "":
        session.keep()
    elif text == "s":
        session.skip()
    elif text == "u":
        session.undo()
    elif text == "q":
        session.stop()
    elif text == "?" or text == "h":
        console.say(HELP)
    elif text[0] == "e" and len(text[1:].strip()) <= 1:
        letter = text[1:].strip() or console.ask("  which option? ").strip()
        session.check_letter(letter)  # a wrong letter is said before any typing
        typed = console.ask(f"  option {letter.upper()} (Enter alone: no change): ")
        if typed.strip():
            session.type_option(letter, typed)
    elif text.isalpha():
        for letter in text:
            session.check_letter(letter)
        for letter in text:
            session.replace(letter)
    else:
        raise CurateMistake(
            f"{visible(text)!r} is not a key here: Enter, a letter, e and a letter, s, u or q "
            "(? shows what they do)"
        )


def play_curate(
    file: FactFile,
    reviews: Curation,
    console: Console,
    *,
    dry_run: bool = False,
) -> int:
    """Run the session over `reviews`, then save (or, with `dry_run`, print the diff).

    Ctrl-C saves what was decided and returns 130; the end of the input saves and returns 0.
    """
    name = file.loaded.display_path
    if not reviews:
        console.say(
            f"{name}: nothing to curate (every fact's options are the teacher's own; "
            "--all shows them too)"
        )
        return 0
    console.say(console.style(f"Curating {name}: {len(reviews)} facts.", "title"))
    console.say(console.style(HELP, "dim"))
    session = CurateSession(reviews)
    code = 0
    try:
        with _signals_end_the_session():
            _ask(session, console)
    except EOFError:
        session.stop()  # the input ended (a script's last line, or Ctrl-D): save and stop
    except KeyboardInterrupt:
        code = INTERRUPTED
    except _Ended as ended:
        code = 128 + ended.signal
    if code:
        with contextlib.suppress(OSError):  # a closed terminal must not stop the save
            console.say()
    return _finish(file, session, console, dry_run=dry_run, code=code)


def _ask(session: CurateSession, console: Console) -> None:
    """Show each fact and carry out one line at a time until the session is done."""
    while not session.done:
        shown = session.current
        assert shown is not None
        render(console, shown, session.position + 1, len(session.reviews))
        while session.current is shown and not session.done:
            try:
                _command(session, console, console.ask("> "))
            except CurateMistake as mistake:
                console.say(console.style(f"  {mistake}", "error"))


class _Ended(Exception):
    """SIGTERM or SIGHUP (the terminal closed): saved like Ctrl-C."""

    def __init__(self, signal: int) -> None:
        super().__init__(signal)
        self.signal = signal


@contextlib.contextmanager
def _signals_end_the_session() -> Iterator[None]:
    """While asking, SIGTERM and SIGHUP end the session the way Ctrl-C does."""

    def end(number: int, frame: object) -> None:
        raise _Ended(number)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, end) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _finish(
    file: FactFile, session: CurateSession, console: Console, *, dry_run: bool, code: int
) -> int:
    """Save what was decided (or print its diff) and say so; 1 if it could not be saved."""
    name, decisions = file.loaded.display_path, session.decisions
    left = len(session.reviews) - session.position
    counts = f"{session.kept} kept, {session.skipped} skipped"
    counts += f", {left} not reached: " if left else ": "
    try:
        if dry_run:
            diff = file.diff(file.edited(decisions))
            console.out.write(diff)
            console.say(f"{counts}dry run, {name} not changed")
            return code
        file.save(decisions)
    except QuizgenError as error:
        # Nothing was written: say what was decided, so that it is not lost.
        console.error(str(error))
        for fact_id, options in decisions.items():
            console.error(f"{visible(fact_id)}: distractors: {flow_list(options)}")
        return 1
    if decisions:
        console.say(f"{counts}saved {len(decisions)} facts' distractors to {name}")
    else:
        console.say(f"{counts}{name} not changed")
    return code


def accept_all(
    file: FactFile, reviews: Sequence[Review], console: Console, *, dry_run: bool
) -> int:
    """`--accept-all`: every generated list frozen into the file as shown, no questions."""
    decisions = accepted_lists(reviews)
    name = file.loaded.display_path
    for review in reviews:
        if any(option is None for option in review.options):
            found = sum(1 for o in review.options if o is not None) - 1
            console.warn(
                f"{name}:{review.line}: fact {visible(review.fact_id)!r}: only {found} of "
                f"{len(review.options) - 1} wrong options found, left as it is: "
                f"`quizgen curate {name} --fact {review.fact_id}` lets you type the rest"
            )
    if dry_run:
        console.out.write(file.diff(file.edited(decisions)))
        console.say(f"dry run: {len(decisions)} facts' options would be frozen; {name} not changed")
        return 0
    file.save(decisions)
    console.say(f"froze {len(decisions)} facts' options into {name}")
    return 0


def curate_file(
    path: Path,
    console: Console,
    *,
    fact_ids: Collection[str] = (),
    every: bool = False,
    accept: bool = False,
    dry_run: bool = False,
    seed: int = 0,
    options: int = DEFAULT_OPTIONS,
) -> int:
    """The whole of `quizgen curate`: read and check the file, choose the facts, then ask (or
    with `accept`, freeze every generated list); returns the exit code."""
    file = FactFile.read(path)
    chosen = curation(file.loaded, fact_ids=fact_ids, every=every, seed=seed, options=options)
    if accept:
        return accept_all(file, chosen.as_they_are(), console, dry_run=dry_run)
    return play_curate(file, chosen, console, dry_run=dry_run)
