"""The quiz flow: questions in, prompts and feedback out through a small I/O interface.

Nothing here touches a terminal or a database. `QuizIO` shows and reads; a `Recorder` stores
each answer (and is called before the feedback is shown, so what was answered is kept even if
the student presses Ctrl-C while reading it). Tests drive a session with a scripted `QuizIO`.

Which questions a quiz asks:
- one question per fact, so a multiple-choice question never gives away a cloze of the same
  fact a few questions later; with `--kind all` each fact gets one of its kinds at random;
- for a cloze, the span that is the fact's `answer` (else c1): it is the span the teacher wrote
  the hint, the `accept` forms and the explanation for. Other spans are Anki cards, not quiz
  questions. The span number is part of the card identity, so asking more spans later is a
  change in selection only, not in history;
- in a seeded random order; `-n` takes the first COUNT of it.
"""

from __future__ import annotations

import random
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from quizgen.answers.kinds import Kind, infer_kind
from quizgen.answers.matching import Match, choice_index, match_answer
from quizgen.answers.normalize import normalize_text
from quizgen.engine.constants import QuestionKind
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, DeckQuestions, Question
from quizgen.errors import QuizgenError
from quizgen.facts.models import DeckFile, Fact
from quizgen.quiz.history import AnswerRecord, CardKey, Outcome


@dataclass(frozen=True)
class QuizItem:
    """One question as the quiz asks it: a multiple-choice question, or one span of a cloze."""

    question: Question
    span: int = 0  # the cloze span asked (c1 = 1); 0 for multiple choice

    @property
    def fact(self) -> Fact:
        return self.question.fact

    @property
    def deck(self) -> DeckFile:
        return self.question.deck

    @property
    def kind(self) -> QuestionKind:
        return self.question.kind

    @property
    def key(self) -> CardKey:
        """The card identity in history and scheduling."""
        return CardKey(self.deck.id, self.fact.id, self.kind.value, self.span)

    @property
    def topic(self) -> str:
        return self.fact.topic or "(no topic)"

    @property
    def prompt(self) -> str:
        """The question text: the multiple-choice prompt, or the statement with one blank."""
        if isinstance(self.question, ClozeQuestion):
            return self.question.blanked(self.span)
        return self.question.prompt

    @property
    def expected(self) -> str:
        """The right answer as shown in the feedback."""
        if isinstance(self.question, ClozeQuestion):
            return self.question.spans[self.span - 1]
        return self.question.answer

    @property
    def is_answer_span(self) -> bool:
        return self.expected == self.fact.answer

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every typed form that counts: the expected text, and `accept` forms for the answer."""
        if self.is_answer_span:
            return (self.expected, *self.fact.accept)
        return (self.expected,)

    @property
    def answer_kind(self) -> Kind:
        return self.fact.answer_kind if self.is_answer_span else infer_kind(self.expected)

    @property
    def currency(self) -> str:
        """What a bare "$" means in this question: the fact's currency, else the deck's."""
        return self.deck.currency_of(self.fact)

    @property
    def hint(self) -> str | None:
        """The first hint for a cloze: the teacher's hint or the kind (None for a bare term)."""
        if isinstance(self.question, ClozeQuestion):
            return self.question.hint(self.span)
        return None

    @property
    def source(self) -> str | None:
        return self.deck.source.describe() if self.deck.source else None


def letter_pattern(answer: str) -> str:
    """The answer with all but the first letter or digit of each word hidden: "K___ a__"."""
    words = []
    for word in answer.split(" "):
        shown = False
        masked = []
        for char in word:
            if char.isalnum() and shown:
                masked.append("_")
            else:
                shown = shown or char.isalnum()
                masked.append(char)
        words.append("".join(masked))
    return " ".join(words)


# --- choosing questions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which questions to ask, from `--kind`, `--topic`, `--tag`, `-n` and `--seed`."""

    kinds: frozenset[QuestionKind] = frozenset(QuestionKind)
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    count: int | None = None
    seed: int = 0

    def wants(self, deck: DeckFile, fact: Fact) -> bool:
        """Whether the fact passes the topic and tag filters (case and spacing ignored)."""
        if self.topics and normalize_text(fact.topic or "") not in {
            normalize_text(t) for t in self.topics
        }:
            return False
        if self.tags:
            tags = {normalize_text(t) for t in (*deck.tags, *fact.tags)}
            return any(normalize_text(t) in tags for t in self.tags)
        return True


def _cloze_span(question: ClozeQuestion) -> int:
    spans = question.spans
    return spans.index(question.fact.answer) + 1 if question.fact.answer in spans else 1


def _items(question: Question) -> QuizItem:
    if isinstance(question, ClozeQuestion):
        return QuizItem(question, _cloze_span(question))
    return QuizItem(question)


def fact_items(decks: Sequence[DeckQuestions], selection: Selection) -> list[list[QuizItem]]:
    """Every askable item, grouped by fact, in file order, after the topic and tag filters."""
    grouped: list[list[QuizItem]] = []
    for deck in decks:
        by_fact: dict[str, list[QuizItem]] = {}
        for question in deck.questions:
            if question.kind not in selection.kinds:
                continue
            if not selection.wants(deck.deck, question.fact):
                continue
            by_fact.setdefault(question.fact.id, []).append(_items(question))
        grouped.extend(by_fact.values())
    if not grouped:
        raise QuizgenError(_nothing_matches(decks, selection))
    return grouped


def quiz_items(decks: Sequence[DeckQuestions], selection: Selection) -> list[QuizItem]:
    """The questions of one quiz: one per fact, in seeded random order, at most `count`."""
    rng = random.Random(f"quiz:{selection.seed}")
    chosen = [rng.choice(items) for items in fact_items(decks, selection)]
    rng.shuffle(chosen)
    return chosen[: selection.count] if selection.count else chosen


def _nothing_matches(decks: Sequence[DeckQuestions], selection: Selection) -> str:
    facts = [(d.deck, f) for d in decks for f in d.deck.facts]
    filters = [f"--topic {t!r}" for t in selection.topics] + [
        f"--tag {t!r}" for t in selection.tags
    ]
    if len(selection.kinds) == 1:
        filters.append(f"--kind {next(iter(selection.kinds)).value}")
    topics = sorted({f.topic for _, f in facts if f.topic})
    tags = sorted({t for d, f in facts for t in (*d.tags, *f.tags)})
    hint = []
    if selection.topics and topics:
        hint.append("topics: " + ", ".join(topics))
    if selection.tags and tags:
        hint.append("tags: " + ", ".join(tags))
    where = f" ({'; '.join(hint)})" if hint else ""
    return f"no questions match {' '.join(filters) or 'these fact files'}{where}"


# --- the flow ----------------------------------------------------------------------------------


class Ending(StrEnum):
    """Why a session ended."""

    FINISHED = "finished"
    QUIT = "quit"
    INTERRUPTED = "interrupted"
    END_OF_INPUT = "end of input"


@dataclass(frozen=True)
class Result:
    """How one question went."""

    item: QuizItem
    number: int
    outcome: Outcome
    given: str | None  # what was typed; for multiple choice "C) option text"
    match: Match | None
    hints: int
    seconds: float
    answered_at: datetime

    @property
    def right(self) -> bool:
        return self.outcome is Outcome.RIGHT


@dataclass
class Asking:
    """The question on screen and the hints given so far."""

    item: QuizItem
    number: int
    total: int
    eliminated: set[int] = field(default_factory=set)  # option indexes ruled out by hints
    hints: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TopicScore:
    topic: str
    right: int
    asked: int


@dataclass(frozen=True)
class Summary:
    """The end of a session: what the summary screen shows."""

    results: tuple[Result, ...]
    planned: int
    seconds: float
    ending: Ending

    @property
    def asked(self) -> int:
        return len(self.results)

    @property
    def right(self) -> int:
        return sum(result.right for result in self.results)

    @property
    def skipped(self) -> int:
        return sum(result.outcome is Outcome.SKIPPED for result in self.results)

    @property
    def percent(self) -> int:
        return round(100 * self.right / self.asked) if self.asked else 0

    @property
    def missed(self) -> list[Result]:
        return [result for result in self.results if not result.right]

    @property
    def by_topic(self) -> list[TopicScore]:
        scores: dict[str, list[int]] = {}
        for result in self.results:
            score = scores.setdefault(result.item.topic, [0, 0])
            score[0] += result.right
            score[1] += 1
        return [TopicScore(topic, right, asked) for topic, (right, asked) in scores.items()]


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, so an answer is never half recorded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if caught:
        raise KeyboardInterrupt


def answer_record(result: Result, session: str, mode: str) -> AnswerRecord:
    """A result as the history stores it."""
    item = result.item
    return AnswerRecord(
        card=item.key,
        deck=item.deck.deck,
        topic=item.fact.topic,
        prompt=item.prompt,
        expected=item.expected,
        given=result.given,
        outcome=result.outcome,
        seconds=result.seconds,
        answered_at=result.answered_at,
        session=session,
        mode=mode,
        typo=bool(result.match and result.match.typo),
        hints=result.hints,
    )


class QuizIO(Protocol):
    """What a session needs from a screen. `read` raises EOFError or KeyboardInterrupt."""

    def begin(self, title: str, total: int) -> None: ...
    def ask(self, asking: Asking) -> None: ...
    def read(self, asking: Asking) -> str: ...
    def hint(self, asking: Asking, text: str) -> None: ...
    def notice(self, text: str) -> None: ...
    def feedback(self, result: Result, note: str | None) -> None: ...
    def summary(self, summary: Summary) -> None: ...


#: Stores one result and may return a line for the feedback (e.g. when it is due again).
Recorder = Callable[[Result], str | None]

MCQ_HELP = "Type a letter ({letters}) or a number, ? for a hint, s to skip, q to quit."
CLOZE_HELP = "Type the missing words, ? for a hint, s to skip, q to quit."


@dataclass
class Session:
    """One run through a list of questions."""

    items: Sequence[QuizItem]
    io: QuizIO
    record: Recorder
    title: str
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = lambda: datetime.now(UTC)

    def run(self) -> Summary:
        """Ask every question; quit, Ctrl-C and end of input end it early, with a summary."""
        results: list[Result] = []
        started = self.clock()
        ending = Ending.FINISHED
        try:
            self.io.begin(self.title, len(self.items))
            for number, item in enumerate(self.items, 1):
                result = self._ask(Asking(item, number, len(self.items)))
                if result is None:
                    ending = Ending.QUIT
                    break
                with _interrupt_after():
                    note = self.record(result)
                    results.append(result)
                self.io.feedback(result, note)
        except KeyboardInterrupt:
            ending = Ending.INTERRUPTED
        except EOFError:
            ending = Ending.END_OF_INPUT
        summary = Summary(tuple(results), len(self.items), self.clock() - started, ending)
        self.io.summary(summary)
        return summary

    def _ask(self, asking: Asking) -> Result | None:
        """One question until it is answered or skipped; None when the student quits."""
        self.io.ask(asking)
        started = self.clock()
        while True:
            reply = self.io.read(asking).strip()
            command = reply.lower()
            if command == "?":
                self._hint(asking)
                continue
            if command in {"q", "quit"}:
                return None
            if command in {"s", "skip"}:
                return self._result(asking, started, Outcome.SKIPPED, None, None)
            if not reply:
                self.io.notice(self._help(asking))
                continue
            judged = self._judge(asking, reply)
            if judged is None:
                continue
            given, verdict = judged
            outcome = Outcome.RIGHT if verdict.correct else Outcome.WRONG
            return self._result(asking, started, outcome, given, verdict)

    def _result(
        self,
        asking: Asking,
        started: float,
        outcome: Outcome,
        given: str | None,
        verdict: Match | None,
    ) -> Result:
        return Result(
            item=asking.item,
            number=asking.number,
            outcome=outcome,
            given=given,
            match=verdict,
            hints=len(asking.hints),
            seconds=self.clock() - started,
            answered_at=self.now(),
        )

    def _help(self, asking: Asking) -> str:
        question = asking.item.question
        if isinstance(question, ChoiceQuestion):
            letters = f"A-{chr(ord('A') + len(question.options) - 1)}"
            return MCQ_HELP.format(letters=letters)
        return CLOZE_HELP

    def _judge(self, asking: Asking, reply: str) -> tuple[str, Match] | None:
        """(what was given, verdict), or None after telling the student how to answer."""
        item = asking.item
        question = item.question
        if not isinstance(question, ChoiceQuestion):
            verdict = match_answer(reply, item.accepted, item.answer_kind, item.currency)
            if verdict.unclear and verdict.note:
                self.io.notice(verdict.note)  # say so rather than guess; the question stays
                return None
            return reply, verdict
        index = choice_index(reply, len(question.options))
        if index is None:
            index = self._option_by_text(question, reply, item.accepted, item.currency)
        if index is None:
            self.io.notice(self._help(asking))
            return None
        if index in asking.eliminated:
            self.io.notice(
                f"{option_letter(index)} was ruled out by a hint: choose another option."
            )
            return None
        option = f"{option_letter(index)}) {question.options[index]}"
        return option, Match(correct=index == question.answer_index, form=question.answer)

    @staticmethod
    def _option_by_text(
        question: ChoiceQuestion, reply: str, accepted: Sequence[str], currency: str
    ) -> int | None:
        """An option typed out in full (or an accepted form of the right one)."""
        kind = question.fact.answer_kind
        if match_answer(reply, accepted, kind, currency).correct:
            return question.answer_index
        found = [
            index
            for index, option in enumerate(question.options)
            if match_answer(reply, [option], kind, currency).correct
        ]
        return found[0] if len(found) == 1 else None

    def _hint(self, asking: Asking) -> None:
        text = self._next_hint(asking)
        if text is None:
            self.io.notice("No more hints for this question: answer, or s to skip.")
            return
        asking.hints.append(text)
        self.io.hint(asking, text)

    def _next_hint(self, asking: Asking) -> str | None:
        """Cloze: the teacher's hint or the kind, then the first letters. Choice: rule one out."""
        item = asking.item
        question = item.question
        if isinstance(question, ChoiceQuestion):
            wrong = [
                index
                for index in range(len(question.options))
                if index != question.answer_index and index not in asking.eliminated
            ]
            if len(wrong) <= 1:
                return None
            out = self.rng.choice(wrong)
            asking.eliminated.add(out)
            return f"it is not {option_letter(out)}) {question.options[out]}"
        ladder = [item.hint, f"it looks like {letter_pattern(item.expected)}"]
        steps = [step for step in ladder if step]
        return steps[len(asking.hints)] if len(asking.hints) < len(steps) else None
