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
- in a seeded random order; `-n` takes the first COUNT of it; then reordered so that nothing
  shown with one question (its prompt, answer or explanation) answers a question still to come
  (`spoiler_free`): the revealing question goes after the one it would give away.

Above a question the quiz names its topic, unless the topic shares a word with the answer (or,
for multiple choice, with any option, so a hidden topic is not a clue either).
"""

from __future__ import annotations

import heapq
import random
import re
import signal
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
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

    @property
    def shown_topic(self) -> str | None:
        """The topic to print above the question, or None when it would give the answer away."""
        topic = self.fact.topic
        if not topic:
            return None
        question = self.question
        forms = question.options if isinstance(question, ChoiceQuestion) else self.accepted
        topic_words = set(normalize_text(topic).split())
        if any(topic_words & _telling_words(form) for form in forms):
            return None
        return topic

    @property
    def revealed(self) -> str:
        """Everything the student reads with this question: prompt, answer and explanation."""
        return " ".join((self.prompt, self.expected, self.fact.explanation or ""))


#: Words too common to give an answer away when a topic shares them.
_MINOR_WORDS = frozenset(
    "a an and as at by for from in into is of on or the to was were with".split()
)


def _telling_words(text: str) -> set[str]:
    """The words of an answer that would give it away: not minor, 3+ letters or a number."""
    return {
        word
        for word in normalize_text(text).split()
        if word not in _MINOR_WORDS and (len(word) >= 3 or any(c.isdigit() for c in word))
    }


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
    """The questions of one quiz: one per fact, in seeded random order, at most `count`, none
    answered by what an earlier one shows."""
    rng = random.Random(f"quiz:{selection.seed}")
    chosen = [rng.choice(items) for items in fact_items(decks, selection)]
    rng.shuffle(chosen)
    return spoiler_free(chosen[: selection.count] if selection.count else chosen)


class AnswerIndex:
    """The answers of some questions (their accepted forms), found by the words of a text as
    the matching reads them (case, punctuation, a leading article ignored; whole words).

    A text costs about one look-up per word, whatever the number of questions: only word runs
    that begin some answer are extended.
    """

    def __init__(self, items: Sequence[QuizItem]) -> None:
        self.items = items
        self._by_key: dict[str, list[tuple[int, str]]] = {}  # answer -> (item index, form)
        self._prefixes: set[str] = set()
        for index, item in enumerate(items):
            for form in item.accepted:
                words = normalize_text(form).split()
                if not words:
                    continue
                self._by_key.setdefault(" ".join(words), []).append((index, form))
                self._prefixes.update(" ".join(words[:end]) for end in range(1, len(words)))

    def found_in(self, text: str) -> Iterator[tuple[int, str]]:
        """(item index, form) of every answer that occurs in `text`."""
        words = normalize_text(text).split()
        for start in range(len(words)):
            run = words[start]
            for end in range(start + 1, len(words) + 1):
                if end > start + 1:
                    run = f"{run} {words[end - 1]}"
                yield from self._by_key.get(run, ())
                if run not in self._prefixes:
                    break


def spoiler_free(items: Sequence[QuizItem]) -> list[QuizItem]:
    """The items reordered so that, as far as possible, nothing shown with one question (its
    prompt, answer or explanation) holds the answer of a question still to come.

    Greedy: the next question is the one that would give away the fewest questions still to
    come, the earliest in the given order among equals, so a deck without such links keeps its
    order and one that has them asks the revealed question first. Facts that give each other
    away (a cycle) cannot both be safe; the greedy choice keeps such pairs to a minimum. An
    answer shown by more than EVERYWHERE other questions is all over the deck ("Russia" in a
    deck on Ukraine): no order hides it, so it does not steer the order (explanations still
    withhold it). Linear in the words shown (AnswerIndex), plus a heap step per link.
    """
    index = AnswerIndex(items)
    facts = [item.fact for item in items]
    revealed_by: list[set[int]] = [set() for _ in items]  # revealed_by[b]: items showing b's key
    for a, item in enumerate(items):
        for b, _ in index.found_in(item.revealed):
            if facts[b] is not facts[a]:
                revealed_by[b].add(a)
    for revealers in revealed_by:
        if len(revealers) > EVERYWHERE:
            revealers.clear()
    spoils = [0] * len(items)  # how many unasked items each one would give away
    for revealers in revealed_by:
        for a in revealers:
            spoils[a] += 1
    heap = [(count, position) for position, count in enumerate(spoils)]
    heapq.heapify(heap)
    done = [False] * len(items)
    placed: list[QuizItem] = []
    while heap:
        count, position = heapq.heappop(heap)
        if done[position] or count != spoils[position]:
            continue  # asked already, or an entry from before its count went down
        done[position] = True
        placed.append(items[position])
        for a in revealed_by[position]:
            if not done[a]:
                spoils[a] -= 1
                heapq.heappush(heap, (spoils[a], a))
    return placed


WITHHELD = "…"
EVERYWHERE = 50


def withheld(
    text: str | None, fact: Fact, index: AnswerIndex, upcoming: Collection[int]
) -> str | None:
    """`text` (about `fact`) with the answer of every question of another fact still to come
    (`upcoming`: the id() of those items of `index`) replaced by WITHHELD: an explanation never
    answers a later question, even where the order could not avoid it (two facts that explain
    each other). Case and punctuation between words are ignored."""
    if not text:
        return text
    forms = {
        form
        for position, form in index.found_in(text)
        if id(index.items[position]) in upcoming and index.items[position].fact is not fact
    }
    for form in sorted(forms, key=len, reverse=True):  # "Mark Carney" before "Carney"
        words = re.findall(r"\w+", form)
        if words:
            pattern = r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)"
            text = re.sub(pattern, WITHHELD, text, flags=re.IGNORECASE)
    return text


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
    #: The explanation as the feedback shows it: the answers of questions still to come in the
    #: session are left out (see `withheld`). None when the fact has none.
    explanation: str | None = None

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
    planned: int  # questions on the list, questions asked again included
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

    def begin(self, title: str, items: Sequence[QuizItem]) -> None: ...
    def ask(self, asking: Asking) -> None: ...
    def read(self, asking: Asking) -> str: ...
    def hint(self, asking: Asking, text: str) -> None: ...
    def notice(self, text: str) -> None: ...
    def feedback(self, result: Result, note: str | None) -> None: ...
    def summary(self, summary: Summary) -> None: ...


#: Stores one result and may return a line for the feedback (e.g. when it is due again).
Recorder = Callable[[Result], str | None]

MCQ_HELP = "Type a letter ({letters}) or a number ({numbers}), ? for a hint, s to skip, q to quit."
CLOZE_HELP = "Type the missing words, ? for a hint, s to skip, q to quit."


#: A question asked again comes back after this many others (about Anki's first learning step,
#: one minute), and at most this many more times in one session.
AGAIN_GAP = 3
AGAIN_LIMIT = 3


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
    #: Whether to ask this question again later in the session (review: graded Again).
    ask_again: Callable[[Result], bool] = lambda result: False

    def run(self) -> Summary:
        """Ask every question; quit, Ctrl-C and end of input end it early, with a summary.

        A question `ask_again` picks comes back AGAIN_GAP questions later (or last), as Anki
        shows a card rated Again again in the same session, at most AGAIN_LIMIT more times.
        """
        results: list[Result] = []
        queue = list(self.items)
        answers = AnswerIndex(queue)  # a question asked again is one of these items
        repeats: dict[CardKey, int] = {}
        started = self.clock()
        ending = Ending.FINISHED
        try:
            self.io.begin(self.title, self.items)
            number = 0
            while number < len(queue):
                item = queue[number]
                number += 1
                result = self._ask(Asking(item, number, len(queue)))
                if result is None:
                    ending = Ending.QUIT
                    break
                with _interrupt_after():
                    note = self.record(result)
                    results.append(result)
                upcoming = {id(later) for later in queue[number:]}
                explained = withheld(item.fact.explanation, item.fact, answers, upcoming)
                self.io.feedback(replace(result, explanation=explained), note)
                if self.ask_again(result) and repeats.get(item.key, 0) < AGAIN_LIMIT:
                    repeats[item.key] = repeats.get(item.key, 0) + 1
                    queue.insert(min(len(queue), number + AGAIN_GAP), item)
                    self.io.notice("This question comes back later in this session.")
        except KeyboardInterrupt:
            ending = Ending.INTERRUPTED
        except EOFError:
            ending = Ending.END_OF_INPUT
        summary = Summary(tuple(results), len(queue), self.clock() - started, ending)
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
            count = len(question.options)
            return MCQ_HELP.format(letters=f"A-{option_letter(count - 1)}", numbers=f"1-{count}")
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
