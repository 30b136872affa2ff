"""What goes on printed sheets: one question per fact, exam versions, keys spread over the letters.

Both printable formats (the Markdown worksheet and the PDF) lay out the `Sheet`s made here, so
they agree on every rule:

- each fact is asked once per sheet, as a fill-in or a multiple-choice question, never both
  (the fill-in would hand out the answer of the multiple-choice question, and the other way
  round). When both are on offer, about half the facts become multiple choice: those with a
  teacher's question or curated distractors first, facts hiding several spans last, ties drawn
  from the seed. Every version asks the same facts in the same form, so versions are fair;
- one version keeps the fact file's order; with several, each version (A, B, C...) draws its own
  question order (within each section) and option order from the seed, and no two versions
  are in the same order when the deck allows it;
- on every sheet the right answers are spread evenly over the letters: with 10 questions of 4
  options, two letters are right 3 times and two letters 2 times, which letters drawn from the
  seed. The wrong options are shuffled too, numeric ones included: options sorted by value,
  with the answer moved to its letter, would give the answer away by being out of order.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, replace
from typing import Literal

from quizgen.answers.spans import span_start
from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question, cloze_starts
from quizgen.facts.models import Fact

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")
MAX_VERSIONS = len(string.ascii_uppercase)
#: How often a version's order is drawn again when it equals an earlier version's.
_REDRAWS = 50


@dataclass(frozen=True)
class SheetSettings:
    """How printed sheets are made: versions, the seed that orders them, the paper size."""

    versions: int = 1
    seed: int = 0
    paper: Paper = "a4"

    def __post_init__(self) -> None:
        if not 1 <= self.versions <= MAX_VERSIONS:
            raise ValueError(f"versions must be 1 to {MAX_VERSIONS}, not {self.versions}")
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")


#: One version, seed 0, A4: what a printable format writes when nothing else is asked for.
ONE_SHEET = SheetSettings()


@dataclass(frozen=True)
class Sheet:
    """One version of the hand-out: the fill-in questions, then the multiple-choice ones."""

    version: str  # "A", "B"...; "" when only one version is made
    fill_in: tuple[ClozeQuestion, ...]
    choice: tuple[ChoiceQuestion, ...]

    @property
    def numbered(self) -> list[tuple[int, Question]]:
        """Every question with its number on the sheet, numbered through both sections."""
        questions: list[Question] = [*self.fill_in, *self.choice]
        return list(enumerate(questions, start=1))

    @property
    def order(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The fact ids in sheet order, each with its options: equal orders, equal sheets."""
        return tuple(
            (q.fact.id, q.options if isinstance(q, ChoiceQuestion) else ())
            for _, q in self.numbered
        )


@dataclass(frozen=True)
class Blank:
    """A gap to write in, with the hint printed beside it (None: no hint)."""

    hint: str | None


def fill_in_parts(question: ClozeQuestion) -> list[str | Blank]:
    """The statement as text and gaps: every cloze span blanked, each with its hint."""
    text = question.fact.text
    located = sorted(
        zip(
            cloze_starts(question.fact),
            range(1, len(question.spans) + 1),
            question.spans,
            strict=True,
        )
    )
    parts: list[str | Blank] = []
    position = 0
    for start, number, span in located:
        parts += [text[position:start], Blank(question.hint(number))]
        position = start + len(span)
    parts.append(text[position:])
    return [part for part in parts if part != ""]


def prompt_parts(question: ChoiceQuestion) -> list[str | Blank]:
    """The teacher's question, or the statement with a gap where the answer stands."""
    fact = question.fact
    if fact.question:
        return [question.prompt]
    start = span_start(fact.text, fact.answer)
    parts: list[str | Blank] = [
        fact.text[:start],
        Blank(None),
        fact.text[start + len(fact.answer) :],
    ]
    return [part for part in parts if part != ""]


def version_name(index: int, versions: int) -> str:
    """A, B, C... for version 0, 1, 2...; no name when there is one version."""
    return string.ascii_uppercase[index] if versions > 1 else ""


def _mcq_preference(fact: Fact) -> int:
    """Higher for facts that make a better multiple-choice than fill-in question."""
    return (
        int(fact.question is not None)
        + int(bool(fact.distractors))
        - int(len(fact.cloze_spans) > 1)
    )


def one_question_per_fact(
    prepared: PreparedDeck, seed: int
) -> tuple[list[ClozeQuestion], list[ChoiceQuestion]]:
    """The question each fact is asked as, in fact order: fill-in ones, multiple-choice ones."""
    cloze: dict[str, ClozeQuestion] = {}
    choice: dict[str, ChoiceQuestion] = {}
    for question in prepared.questions:
        if isinstance(question, ClozeQuestion):
            cloze[question.fact.id] = question
        else:
            choice[question.fact.id] = question
    facts = [fact for fact in prepared.loaded.deck.facts if fact.id in cloze or fact.id in choice]
    both = [fact for fact in facts if fact.id in cloze and fact.id in choice]
    only_choice = sum(1 for fact in facts if fact.id not in cloze)
    wanted = min(max((len(facts) + 1) // 2 - only_choice, 0), len(both))
    rng = random.Random(f"sheet-kinds:{seed}:{prepared.loaded.deck.id}")
    ties = {fact.id: rng.random() for fact in both}
    ranked = sorted(both, key=lambda fact: (-_mcq_preference(fact), ties[fact.id]))
    as_choice = {fact.id for fact in ranked[:wanted]} | {f.id for f in facts if f.id not in cloze}
    return (
        [cloze[fact.id] for fact in facts if fact.id not in as_choice],
        [choice[fact.id] for fact in facts if fact.id in as_choice],
    )


def spread_letters(count: int, options: int, rng: random.Random) -> list[int]:
    """`count` answer positions, each of the `options` letters used as evenly as possible."""
    letters = list(range(options))
    rng.shuffle(letters)  # which letters get the one extra use
    positions = [letters[i % options] for i in range(count)]
    rng.shuffle(positions)
    return positions


def with_answer_at(question: ChoiceQuestion, position: int, rng: random.Random) -> ChoiceQuestion:
    """The question with its wrong options shuffled and the right one at `position`."""
    paired = list(zip(question.options, question.sources, strict=True))
    right = paired.pop(question.answer_index)
    rng.shuffle(paired)
    paired.insert(position, right)
    options, sources = zip(*paired, strict=True)
    return replace(question, options=options, sources=sources, answer_index=position)


def _draw(
    fill_in: list[ClozeQuestion],
    choice: list[ChoiceQuestion],
    name: str,
    rng: random.Random,
    shuffle: bool,
) -> Sheet:
    fill_in, choice = list(fill_in), list(choice)
    if shuffle:
        rng.shuffle(fill_in)
        rng.shuffle(choice)
    laid: list[ChoiceQuestion] = []
    sizes = sorted({len(q.options) for q in choice})
    positions = {
        size: iter(spread_letters(sum(len(q.options) == size for q in choice), size, rng))
        for size in sizes
    }
    for question in choice:
        laid.append(with_answer_at(question, next(positions[len(question.options)]), rng))
    return Sheet(version=name, fill_in=tuple(fill_in), choice=tuple(laid))


def make_sheets(prepared: PreparedDeck, settings: SheetSettings) -> list[Sheet]:
    """Every version of the deck's sheet, drawn from `settings.seed` alone."""
    fill_in, choice = one_question_per_fact(prepared, settings.seed)
    sheets: list[Sheet] = []
    for index in range(settings.versions):
        name = version_name(index, settings.versions)
        rng = random.Random(f"sheet-version:{settings.seed}:{prepared.loaded.deck.id}:{index}")
        seen = {sheet.order for sheet in sheets}
        sheet = _draw(fill_in, choice, name, rng, shuffle=settings.versions > 1)
        for _ in range(_REDRAWS):
            if sheet.order not in seen:
                break
            sheet = _draw(fill_in, choice, name, rng, shuffle=True)
        sheets.append(sheet)
    return sheets


def sheet_size(prepared: PreparedDeck, settings: SheetSettings) -> int:
    """How many questions each sheet asks (every version asks the same facts)."""
    fill_in, choice = one_question_per_fact(prepared, settings.seed)
    return len(fill_in) + len(choice)
