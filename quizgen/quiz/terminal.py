"""The quiz in a terminal: colour through rich when stdout is a terminal, plain text otherwise.

One renderer writes styled parts; a `Screen` turns them into colour (rich, imported lazily) or
plain text (`--plain`, `NO_COLOR`, `TERM=dumb`, or output that is not a terminal). When input
comes from a pipe, each answer read is echoed, so a scripted run's transcript reads like a
session. The `play_*` functions wire sessions to the history for the CLI.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from quizgen.engine.constants import QuestionKind
from quizgen.engine.questions import BLANK, ChoiceQuestion, DeckQuestions
from quizgen.quiz.history import History, Outcome
from quizgen.quiz.session import (
    Asking,
    Ending,
    QuizItem,
    Result,
    Selection,
    Session,
    Summary,
    answer_record,
    fact_items,
    quiz_items,
)
from quizgen.quiz.stats import Stats
from quizgen.visible import visible

Part = str | tuple[str, str]  # plain text, or (text, style name)

STYLES = {
    "title": "bold",
    "dim": "dim",
    "progress": "bold cyan",
    "bar": "cyan",
    "bar.rest": "bright_black",
    "question": "bold",
    "blank": "bold yellow",
    "letter": "bold cyan",
    "right": "bold green",
    "wrong": "bold red",
    "skipped": "bold yellow",
    "hint": "yellow",
    "answer": "bold",
    "struck": "dim strike",
    "good": "green",
    "fair": "yellow",
    "poor": "red",
    "prompt": "bold cyan",
}
BAR_WIDTH = 20
MIN_BAR_WIDTH = 8
#: The header's first words, by the kind of every question (None: both kinds).
HOW_TO_ANSWER: dict[QuestionKind | None, str] = {
    QuestionKind.MCQ: "Type a letter or a number.",
    QuestionKind.CLOZE: "Type the missing words.",
    None: "Choose a letter, or type the missing words.",
}
#: Said at the end of every quiz (see quizgen.quiz.scheduling for why).
QUIZ_IS_PRACTICE = (
    "Quiz answers count in quizgen stats but do not change review's schedule: "
    "quizgen review asks what is due."
)
_ANSI = re.compile(r"(\x1b\[[0-9;]*m)")


class Screen:
    """Plain text out, lines in: for pipes, files, `--plain` and `NO_COLOR`."""

    colour = False

    def __init__(self, out: TextIO | None = None, *, echo: bool = False) -> None:
        self.out = out or sys.stdout
        self.echo = echo  # write each answer read, when the input is not a terminal
        self.editing = _line_editing() if out is None else False

    def line(self, *parts: Part, indent: int = 0, hang: int = 0) -> None:
        """One line of styled parts; a wrapped line is indented by `indent` + `hang`."""
        self.out.write(" " * indent + "".join(_text(part) for part in parts) + "\n")
        self.out.flush()

    def prompt(self, parts: Sequence[Part]) -> str:
        """The prompt as written to the terminal."""
        return "".join(_text(part) for part in parts)

    def read(self, *prompt: Part) -> str:
        text = self.prompt(prompt)
        if self.editing:
            # readline must know which prompt characters take no room on screen.
            try:
                reply = input(_ANSI.sub("\x01\\1\x02", text))
            except UnicodeDecodeError:  # bytes that are not UTF-8, read strictly
                reply = "\ufffd"
        else:
            self.out.write(text)
            self.out.flush()
            reply = _read_line()
        reply = _well_formed(reply[:MAX_ANSWER_CHARACTERS])
        if self.echo:
            self.out.write(visible(reply) + "\n")
            self.out.flush()
        return reply

    def symbol(self, fancy: str, plain: str) -> str:
        return plain

    @property
    def width(self) -> int | None:
        """The terminal's columns, or None when the output is not a terminal (no wrapping)."""
        if not self.out.isatty():
            return None
        return shutil.get_terminal_size(fallback=(80, 24)).columns

    def phrases(self, phrases: Sequence[tuple[str, Sequence[Part]]]) -> None:
        """(separator, phrase) pairs on as few lines as the width allows, a line breaking only
        between phrases (so "? hint" or "3/10" never split), where the separator is dropped;
        a phrase wider than the screen wraps at words."""
        width = self.width
        line: list[Part] = []
        used = 0
        for sep, phrase in phrases:
            size = sum(len(_text(part)) for part in phrase)
            if line and width is not None and used + len(sep) + size > width:
                self.line(*line)
                line, used = [], 0
            if line:
                line.append(sep)
                used += len(sep)
            line += phrase
            used += size
        if line:
            self.line(*line)


class ColourScreen(Screen):
    """rich for colour, and for word wrap that keeps indentation."""

    colour = True

    def __init__(self, out: TextIO | None = None, *, echo: bool = False) -> None:
        super().__init__(out, echo=echo)
        from rich.console import Console

        self.console = Console(file=self.out, highlight=False, emoji=False)

    def _assemble(self, parts: Sequence[Part]) -> Any:
        from rich.text import Text

        return Text.assemble(
            *(
                (visible(p), "") if isinstance(p, str) else (visible(p[0]), STYLES[p[1]])
                for p in parts
            )
        )

    def line(self, *parts: Part, indent: int = 0, hang: int = 0) -> None:
        text = self._assemble(parts)
        if hang:
            from rich.table import Table

            head, body = text[:hang], text[hang:]
            grid = Table.grid(padding=0)
            grid.add_column(width=indent + hang, no_wrap=True)
            grid.add_column()
            head.pad_left(indent)
            grid.add_row(head, body)
            self.console.print(grid)
        elif indent:
            from rich.padding import Padding

            self.console.print(Padding(text, (0, 0, 0, indent), expand=False))
        else:
            self.console.print(text)

    def prompt(self, parts: Sequence[Part]) -> str:
        with self.console.capture() as captured:
            self.console.print(self._assemble(parts), end="")
        return captured.get()

    def symbol(self, fancy: str, plain: str) -> str:
        return fancy

    @property
    def width(self) -> int | None:
        return int(self.console.width)


def _line_editing() -> bool:
    """Whether input() edits lines with readline: both ends a terminal, readline present."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        import readline  # noqa: F401  (imported for its effect on input())
    except ImportError:  # pragma: no cover - platforms without readline
        return False
    return True


#: A typed answer longer than this is cut here (the rest of its line is read and dropped), so a
#: pasted megabyte stays a bounded answer.
MAX_ANSWER_CHARACTERS = 10_000


def _read_line() -> str:
    stream: Any = getattr(sys.stdin, "buffer", None) or sys.stdin
    raw = stream.readline(MAX_ANSWER_CHARACTERS)
    if not raw:
        raise EOFError
    rest = raw
    while rest and not rest.endswith(b"\n" if isinstance(rest, bytes) else "\n"):
        rest = stream.readline(1 << 16)  # the end of an over-long line: dropped
    line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return line.rstrip("\r\n")


def _well_formed(reply: str) -> str:
    """What was typed, as text the history can store: bytes that were not UTF-8 (kept by
    Python as lone surrogates) become U+FFFD, the replacement character."""
    try:
        reply.encode("utf-8")
    except UnicodeEncodeError:
        return reply.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return reply


def _text(part: Part) -> str:
    """A part's text, with any control character in it (from content) shown, not obeyed."""
    return visible(part if isinstance(part, str) else part[0])


def wants_colour(plain: bool) -> bool:
    """Colour only for a real terminal, and never with `--plain`, `NO_COLOR` or `TERM=dumb`."""
    if plain or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def make_screen(plain: bool) -> Screen:
    """The screen for this process's stdin and stdout."""
    echo = not sys.stdin.isatty()
    return ColourScreen(echo=echo) if wants_colour(plain) else Screen(echo=echo)


def duration(seconds: float) -> str:
    """42 s, 2 min 05 s, 1 h 02 min."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _grade_style(percent: int) -> str:
    return "good" if percent >= 80 else "fair" if percent >= 50 else "poor"


class TerminalIO:
    """The `QuizIO` of a terminal: questions, hints, feedback and the summary, as text."""

    def __init__(
        self,
        screen: Screen,
        *,
        saved_in: Path | None = None,
        show_deck: bool = False,
        footer: str | None = None,
    ) -> None:
        self.screen = screen
        self.saved_in = saved_in
        self.show_deck = show_deck  # several decks: name the deck of each question
        self.footer = footer  # the summary's last line

    def begin(self, title: str, items: Sequence[QuizItem]) -> None:
        s = self.screen
        total = len(items)
        noun = "question" if total == 1 else "questions"
        s.phrases([("", [(title, "title")]), (" ", [(f"· {total} {noun}", "dim")])])
        kinds = {item.kind for item in items}
        how = HOW_TO_ANSWER[kinds.pop() if len(kinds) == 1 else None]
        s.phrases([("  ", [(phrase, "dim")]) for phrase in (how, "? hint", "s skip", "q quit")])

    def ask(self, asking: Asking) -> None:
        s, item = self.screen, asking.item
        s.line()
        kind = "multiple choice" if isinstance(item.question, ChoiceQuestion) else "fill the blank"
        where = [item.deck.deck] if self.show_deck else []
        topic = item.shown_topic
        where += [topic, kind] if topic else [kind]
        progress = f"{asking.number}/{asking.total}"
        if s.colour:
            # The bar gives up room (down to MIN_BAR_WIDTH) before the topic moves down a line.
            room = (s.width or 0) - len(progress) - len(" · ".join(where)) - 4
            bar = max(MIN_BAR_WIDTH, min(BAR_WIDTH, room)) if s.width else BAR_WIDTH
            done = round(bar * (asking.number - 1) / asking.total)
            head: list[Part] = [
                (progress, "progress"),
                "  ",
                ("━" * done, "bar"),
                ("─" * (bar - done), "bar.rest"),
            ]
            first = "  "
        else:
            head, first = [f"[{progress}]"], " "
        s.phrases(
            [("", head)]
            + [(first if i == 0 else " · ", [(part, "dim")]) for i, part in enumerate(where)]
        )
        question = item.question
        if isinstance(question, ChoiceQuestion):
            s.line((item.prompt, "question"))
            for index, option in enumerate(question.options):
                self._option(index, option, struck=index in asking.eliminated)
        else:
            before, _, after = item.prompt.partition(BLANK)
            s.line((before, "question"), (BLANK, "blank"), (after, "question"))

    def _option(self, index: int, option: str, *, struck: bool = False) -> None:
        letter = chr(ord("A") + index)
        if struck:
            self.screen.line((f"{letter}) {option}", "struck"), indent=2)
        else:
            self.screen.line((f"{letter})", "letter"), f" {option}", indent=2)

    def read(self, asking: Asking) -> str:
        question = asking.item.question
        if isinstance(question, ChoiceQuestion):
            last = chr(ord("A") + len(question.options) - 1)
            return self.screen.read((f"Answer A-{last}: ", "prompt"))
        return self.screen.read(("Answer: ", "prompt"))

    def hint(self, asking: Asking, text: str) -> None:
        self.screen.line((f"Hint: {text}", "hint"), indent=2)

    def notice(self, text: str) -> None:
        self.screen.line((text, "dim"), indent=2)

    def feedback(self, result: Result, note: str | None) -> None:
        s, item = self.screen, result.item
        answer = self._answer_text(item)
        if result.outcome is Outcome.RIGHT:
            match = result.match
            if match is not None and match.typo:
                s.line(
                    (s.symbol("✔ ", "") + "Right", "right"),
                    ", with a small typo: it is spelled ",
                    (answer, "answer"),
                )
            else:
                s.line((s.symbol("✔ ", "") + "Right: ", "right"), (answer, "answer"))
        elif result.outcome is Outcome.SKIPPED:
            s.line((s.symbol("→ ", "") + "Skipped.", "skipped"), " It is ", (answer, "answer"))
        else:
            s.line((s.symbol("✘ ", "") + "Wrong.", "wrong"), " It is ", (answer, "answer"))
        if result.outcome is not Outcome.SKIPPED and result.match and result.match.note:
            s.line((f"({result.match.note})", "dim"), indent=2)  # how it was read, or why not
        if result.explanation:
            s.line(result.explanation, indent=2)
        if item.source:
            s.line((f"Source: {item.source}", "dim"), indent=2)
        if note:
            s.line((note, "dim"), indent=2)

    @staticmethod
    def _answer_text(item: QuizItem) -> str:
        question = item.question
        if isinstance(question, ChoiceQuestion):
            return f"{chr(ord('A') + question.answer_index)}) {question.answer}"
        return item.expected

    def summary(self, summary: Summary) -> None:
        s = self.screen
        if summary.ending in {Ending.INTERRUPTED, Ending.END_OF_INPUT}:
            s.line()  # the cursor is still on the prompt line
        s.line()
        rule = "─" * 12 if s.colour else "---"
        s.line((f"{rule} Summary {rule}", "title"))
        if summary.ending is not Ending.FINISHED:
            why = {
                Ending.QUIT: "Stopped",
                Ending.INTERRUPTED: "Interrupted",
                Ending.END_OF_INPUT: "End of input",
            }[summary.ending]
            s.line((f"{why} after {summary.asked} of {summary.planned} questions.", "dim"))
        if not summary.asked:
            s.line("No questions answered.")
            self._saved()
            return
        skipped = f" · {summary.skipped} skipped" if summary.skipped else ""
        s.line(
            ("Score: ", "title"),
            (
                f"{summary.right}/{summary.asked} ({summary.percent}%)",
                _grade_style(summary.percent),
            ),
            f" in {duration(summary.seconds)}{skipped}",
        )
        topics = summary.by_topic
        width = max(len(t.topic) for t in topics)
        s.line(("By topic", "title"))
        for topic in topics:
            percent = round(100 * topic.right / topic.asked)
            s.line(
                f"{topic.topic:<{width}}  {topic.right:>3}/{topic.asked:<3} ",
                (f"{percent:>3}%", _grade_style(percent)),
                indent=2,
            )
        if summary.missed:
            s.line(("Missed", "title"))
            for result in summary.missed:
                mark = "skipped" if result.outcome is Outcome.SKIPPED else "wrong"
                symbol = s.symbol("→" if mark == "skipped" else "✘", "-")
                s.line((f"{symbol} ", mark), result.item.prompt, indent=2, hang=2)
                given = f" · you: {result.given}" if result.given else " · skipped"
                s.line(
                    "Answer: ", (self._answer_text(result.item), "answer"), (given, "dim"), indent=4
                )
        else:
            s.line(("Nothing missed.", "right"))
        self._saved()

    def _saved(self) -> None:
        if self.saved_in is not None:
            self.screen.line((f"History: {self.saved_in}", "dim"))
        if self.footer:
            self.screen.line((self.footer, "dim"))


def deck_title(decks: Sequence[DeckQuestions]) -> str:
    """The deck's title, or how many decks."""
    return decks[0].deck.deck if len(decks) == 1 else f"{len(decks)} decks"


def exit_code(summary: Summary) -> int:
    """0 however the quiz ended, but 130 after Ctrl-C, as shells expect."""
    return 130 if summary.ending is Ending.INTERRUPTED else 0


def play_quiz(decks: Sequence[DeckQuestions], selection: Selection, *, plain: bool) -> int:
    """Run `quizgen quiz` in this terminal, recording every answer; returns the exit code."""
    items = quiz_items(decks, selection)
    with History.open() as history:
        session = uuid.uuid4().hex

        def record(result: Result) -> None:
            history.record(answer_record(result, session, "quiz"))

        io = TerminalIO(
            make_screen(plain),
            saved_in=history.path,
            show_deck=len(decks) > 1,
            footer=QUIZ_IS_PRACTICE,
        )
        summary = Session(
            items, io, record, title=deck_title(decks), rng=random.Random(selection.seed)
        ).run()
    return exit_code(summary)


def play_review(
    decks: Sequence[DeckQuestions],
    selection: Selection,
    *,
    plain: bool,
    new_per_day: int,
) -> int:
    """Run `quizgen review`: due cards, then new ones, graded and rescheduled with FSRS."""
    from quizgen.quiz.scheduling import (
        Reviewer,
        asked_again,
        count_due,
        next_due,
        plan_review,
        start_of_day,
        wait_text,
    )

    groups = fact_items(decks, selection)
    every = [item for group in groups for item in group]
    deck_ids = {deck.deck.id for deck in decks}
    with History.open() as history:
        cards = history.cards(deck_ids)
        now = datetime.now(UTC)
        introduced = history.introduced_since(deck_ids, start_of_day(now))
        plan = plan_review(
            groups,
            cards,
            now,
            introduced_today=introduced,
            new_per_day=new_per_day,
            limit=selection.count,
        )
        screen = make_screen(plain)
        io = TerminalIO(screen, saved_in=history.path, show_deck=len(decks) > 1)
        summary: Summary | None = None
        if plan.items:
            title = f"Review · {deck_title(decks)} ({len(plan.due)} due, {len(plan.new)} new)"
            reviewer = Reviewer(history, cards, uuid.uuid4().hex)
            summary = Session(
                plan.items,
                io,
                reviewer,
                title=title,
                rng=random.Random(selection.seed),
                ask_again=asked_again,
            ).run()
        else:
            screen.line(("Nothing to review now.", "title"))
        later = datetime.now(UTC)
        left = count_due(every, cards, later)
        unseen = sum(1 for item in every if item.key not in cards)
        new_left = max(0, new_per_day - history.introduced_since(deck_ids, start_of_day(later)))
        if left:
            screen.line(f"{left} more due now: run quizgen review again.")
        else:
            upcoming = next_due(every, cards)
            if upcoming is not None:
                local = upcoming.astimezone().strftime("%a %d %b %H:%M")
                screen.line(f"Next review {wait_text(upcoming - later)} ({local}).")
        if unseen:
            if new_left:
                screen.line(f"{unseen} new questions waiting; {new_left} more can start today.")
            else:
                screen.line(
                    f"{unseen} new questions waiting; today's {new_per_day} new are done "
                    "(--new sets the daily limit)."
                )
    return exit_code(summary) if summary else 0


#: What each `stats` column counts, printed under the table.
STATS_COLUMNS = (
    ("questions", "asked at least once"),
    ("answers", "all given, skips included"),
    ("right", "% of answers"),
    ("due now", "review cards due"),
)


def show_stats(stats: Stats, path: Path, *, plain: bool) -> None:
    """Print `quizgen stats`: per deck and topic, then the weakest facts."""
    s = make_screen(plain)
    if not stats.answers:
        s.line(f"No answers yet in {path}: try quizgen quiz")
        return
    first = stats.first.astimezone().strftime("%d %b %Y") if stats.first else "?"
    s.line(
        ("Quiz history", "title"),
        (f" · {stats.answers} answers since {first} · {path}", "dim"),
    )
    rows = [(t.topic or "All topics", t) for d in stats.decks for t in (*d.topics, d.total)]
    width = max(len(name) for name, _ in rows)
    header = f"{'':<{width}}  {'questions':>9}  {'answers':>7}  {'right':>5}  {'due now':>7}"
    for deck in stats.decks:
        s.line()
        s.line((deck.title, "title"), (f" [{deck.deck_id}]", "dim"))
        s.line((header, "dim"), indent=2)
        for row in (*deck.topics, deck.total):
            name = row.topic or "All topics"
            style = _grade_style(row.accuracy) if row.answers else "dim"
            s.line(
                f"{name:<{width}}  {row.seen:>9}  {row.answers:>7}  ",
                (f"{row.accuracy:>4}%", style),
                f"  {row.due:>7}",
                indent=2,
            )
    s.line()
    s.phrases([(" · ", [(f"{column}: {meaning}", "dim")]) for column, meaning in STATS_COLUMNS])
    if stats.weakest:
        s.line()
        s.line(("Weakest facts", "title"))
        for fact in stats.weakest:
            topic = f" · {fact.topic}" if fact.topic else ""
            s.line(
                (fact.fact_id, "answer"),
                (f"{topic} · {fact.right}/{fact.answers} right", "dim"),
                indent=2,
            )
            s.line(fact.prompt, indent=4)
            s.line("Answer: ", (fact.expected, "answer"), indent=4)
