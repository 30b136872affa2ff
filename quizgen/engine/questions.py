"""Facts in, questions out: cloze notes and multiple-choice questions, seeded and pure.

Each fact gets its own random generator seeded by (seed, deck id, fact id), so a question
depends only on its fact and the deck's shared candidates, never on the order of the deck or
on global state. That is also what lets a caller pass `deck_questions` a `mapper` that computes
stripes of the facts elsewhere (the CLI forks, see quizgen.speed) and get exactly the questions
one process would make. Nothing here knows about the CLI, files, terminals or Anki packages.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from quizgen.answers.kinds import NUMERIC_KINDS, Kind, infer_kind
from quizgen.answers.spans import placements, span_start
from quizgen.engine.constants import ALL_KINDS as ALL_KINDS
from quizgen.engine.constants import ASKED_WRONG, FEWEST_WRONG, OptionSource
from quizgen.engine.constants import DEFAULT_OPTIONS as DEFAULT_OPTIONS
from quizgen.engine.constants import QuestionKind as QuestionKind
from quizgen.engine.distractors import (
    DeckIndex,
    Sourced,
    choose_distractors,
    key_text,
    sort_key,
)
from quizgen.engine.distractors import fact_rng as fact_rng
from quizgen.engine.giveaway import give_away
from quizgen.engine.sorts import WORD_KINDS
from quizgen.facts.models import DeckFile, Fact

BLANK = "_____"
#: The share of a deck's multiple-choice questions that may be left out for want of good
#: wrong options before the rest are made with the best there are.
WITHHELD_BUDGET = 0.2


@dataclass(frozen=True)
class ClozeQuestion:
    """One note with one card per hidden span (c1, c2...), in the order the teacher listed."""

    deck: DeckFile
    fact: Fact
    text: str  # the plain statement
    spans: tuple[str, ...]  # plain text of c1, c2, ...
    starts: tuple[int, ...]  # where each span starts in `text`
    kind: QuestionKind = field(default=QuestionKind.CLOZE, init=False)

    def blanked(self, number: int = 1) -> str:
        """The plain statement with span `number` hidden and the others shown."""
        span, start = self.spans[number - 1], self.starts[number - 1]
        return self.text[:start] + BLANK + self.text[start + len(span) :]

    def hint(self, number: int = 1) -> str | None:
        """The hint for span `number`, as shown inside the cloze."""
        return span_hint(self.fact, self.spans[number - 1])


@dataclass(frozen=True)
class ChoiceQuestion:
    """A prompt, one right option and its distractors, in display order."""

    deck: DeckFile
    fact: Fact
    prompt: str
    options: tuple[str, ...]
    answer_index: int
    #: Where each option came from, in the order of `options` (the right one is "key").
    sources: tuple[OptionSource, ...]
    kind: QuestionKind = field(default=QuestionKind.MCQ, init=False)

    @property
    def answer(self) -> str:
        """The right option's text."""
        return self.options[self.answer_index]


Question = ClozeQuestion | ChoiceQuestion


#: A shortfall's message names the countries of its stem up to this many.
_COUNTRIES_NAMED = 3


@dataclass(frozen=True)
class Shortfall:
    """A fact that has too few wrong options for a multiple-choice question."""

    deck_id: str
    fact_id: str
    kind: Kind
    found: int
    needed: int
    #: The sort its wrong options must share ("bone"), when the deck tells it.
    sort: str | None = None
    #: Why it is left out whatever its options: the question gives its key away.
    reason: str | None = None
    #: The countries its statement names, which rule out wrong options of other countries.
    countries: tuple[str, ...] = ()
    #: Short of options, but asked all the same with weaker ones, because the deck would
    #: otherwise leave out more than its budget. Which come back depends on the other facts
    #: (teachers saw a fix to one fact drop another's question), so `check` names them all.
    asked: bool = False

    @property
    def message(self) -> str:
        """What happened and how the teacher can fix it."""
        if self.reason:
            return (
                f"{self.reason}, so its multiple-choice question is left out (the cloze is "
                "still made): reword the statement, or give the fact a `question`"
            )
        fate = (
            "; it is asked all the same, with weaker options, only while the deck would "
            "otherwise leave out more than a fifth of its questions (fixing other facts can "
            "leave it out)"
            if self.asked
            else ", so it is left out (the cloze is still made)"
        )
        head = (
            f"only {self.found} of {self.needed} wrong options for a multiple-choice question"
            f"{fate}: add `distractors` to the fact, "
        )
        # A teacher told "`company: [...]`" put the companies in `organization: [...]`,
        # which vouches for no sort: the advice says which name the pool needs.
        pool = f"`{self.sort}: [...]`, a pool named by the sort" if self.sort else ""
        if self.countries:
            sort = pool or f"`{self.kind.value}: [...]`"
            if len(self.countries) > _COUNTRIES_NAMED:
                # A region ("North America") names a score of countries: not by name then.
                return head + (
                    f"or more of its sort from the countries its statement names to the deck's "
                    f"`pools` ({sort}): those of other countries are ruled out"
                )
            where = " and ".join(self.countries)
            return head + (
                f"or more of its sort from {where} to the deck's `pools` ({sort}): the "
                f"question names {where}, which rules out those of other countries"
                + ("" if self.sort else _UNPLACED.get(self.kind, ""))
            )
        if self.sort:
            return head + f"or more of its sort to the deck's `pools` ({pool})"
        if self.kind in WORD_KINDS:
            return head + (
                f"or {self.kind.value} entries to the deck's `pools`, or a `hint` naming its "
                "sort with a pool of that sort (`SORT: [...]`)"
            )
        return head + f"or {self.kind.value} entries to the deck's `pools`"


#: What a pool of the kind cannot do beside a country: a teacher told to pool "people from
#: Indonesia" pooled Sjahrir, whom the table does not know, and he was never offered (a pool
#: named by a sort is the teacher's word for where its entries fit, and is believed).
_UNPLACED = {
    kind: f" ({named} the built-in table does not know is not offered beside a country, as "
    f"quizgen cannot tell where {it} from: write those as the fact's `distractors`)"
    for kind, named, it in (
        (Kind.PERSON, "a person", "they are"),
        (Kind.ORGANIZATION, "an organization", "it is"),
    )
}


@dataclass(frozen=True)
class DeckQuestions:
    """Everything one deck yields: questions in fact order, and what could not be made."""

    deck: DeckFile
    questions: tuple[Question, ...]
    shortfalls: tuple[Shortfall, ...]
    #: Questions short of options by the strict rules, asked all the same to keep the deck
    #: within its budget of questions left out (`Shortfall.asked`).
    kept: tuple[Shortfall, ...] = ()

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)


def cloze_starts(fact: Fact) -> tuple[int, ...]:
    """Where each cloze span starts in the fact's text, in the order the spans are listed."""
    starts = placements(fact.text, fact.cloze_spans)
    assert starts is not None, "the loader rejects spans that no placement keeps apart"
    return starts


def span_hint(fact: Fact, span: str) -> str | None:
    """The hint shown with a hidden span: the teacher's, or the kind of a number or date."""
    if span == fact.answer:
        hint = fact.hint or fact.answer_kind.value
        return None if hint == Kind.TERM.value and not fact.hint else hint
    kind = infer_kind(span)
    return kind.value if kind in NUMERIC_KINDS else None


def cloze_question(deck: DeckFile, fact: Fact) -> ClozeQuestion:
    """The fact's statement with its cloze spans placed (c1, c2... in the teacher's order)."""
    return _cloze_question(deck, fact, cloze_starts(fact))


def _cloze_question(deck: DeckFile, fact: Fact, starts: tuple[int, ...]) -> ClozeQuestion:
    return ClozeQuestion(
        deck=deck, fact=fact, text=fact.text, spans=tuple(fact.cloze_spans), starts=starts
    )


def choice_prompt(fact: Fact) -> str:
    """The teacher's question, or the statement with the answer blanked."""
    if fact.question:
        return fact.question
    start = span_start(fact.text, fact.answer)
    return fact.text[:start] + BLANK + fact.text[start + len(fact.answer) :]


def choice_question(
    deck: DeckFile, fact: Fact, index: DeckIndex, rng: random.Random, options: int
) -> ChoiceQuestion | Shortfall:
    """A multiple-choice question with `options` options in all, or why it cannot be made."""
    return _choice_question(deck, fact, _choice(fact, index, rng, options), options)


def _choice_question(
    deck: DeckFile, fact: Fact, made: _Choice, options: int
) -> ChoiceQuestion | Shortfall:
    if isinstance(made, Short):
        needed = min(options - 1, ASKED_WRONG)
        return Shortfall(
            deck.id,
            fact.id,
            fact.answer_kind,
            made.found,
            needed,
            made.sort,
            made.reason,
            made.countries,
        )
    prompt, ordered, position, sources = made
    return ChoiceQuestion(
        deck=deck,
        fact=fact,
        prompt=prompt,
        options=ordered,
        answer_index=position,
        sources=sources,
    )


class Short(NamedTuple):
    """How many wrong options were found when too few were, and the key's sort; or why the
    question cannot be asked at all."""

    found: int
    sort: str | None
    reason: str | None = None
    countries: tuple[str, ...] = ()


#: (prompt, options in display order, index of the right one, each option's source), or what
#: fell short: what a forked worker sends back, without the deck and fact.
_Choice = tuple[str, tuple[str, ...], int, tuple[OptionSource, ...]] | Short


def _choice(fact: Fact, index: DeckIndex, rng: random.Random, options: int) -> _Choice:
    prompt = choice_prompt(fact)
    spelled = give_away(fact, prompt)
    if spelled is not None and fact.id not in index.relaxed:
        return Short(0, None, spelled)
    wrong = choose_distractors(fact, prompt, index, rng, options - 1)
    if len(wrong) < fewest_wrong(fact, index, options, wrong):
        return Short(len(wrong), index.sort_name(fact), countries=index.stem_countries(fact))
    shown = key_text(fact)
    if shown != fact.answer and any(text[:1].isupper() for text, _ in wrong):
        shown = fact.answer  # among names ("Porto", "Faro"), "Lisbon" keeps its capital
    key = (shown, OptionSource.KEY)
    by_value = sort_key(fact.answer_kind, fact.answer)
    if by_value is not None:
        ordered = sorted([key, *wrong], key=lambda sourced: by_value(sourced[0]))
        position = ordered.index(key)
    else:
        rng.shuffle(wrong)
        position = rng.randrange(len(wrong) + 1)
        ordered = [*wrong[:position], key, *wrong[position:]]
    return (
        prompt,
        tuple(text for text, _ in ordered),
        position,
        tuple(source for _, source in ordered),
    )


def fewest_wrong(fact: Fact, index: DeckIndex, options: int, wrong: Sequence[Sourced] = ()) -> int:
    """How many wrong options a question needs to be asked: as many as asked for (up to
    three); two for a question brought back to keep its deck within budget, or when the
    teacher wrote two."""
    teacher = sum(1 for _, source in wrong if source is OptionSource.TEACHER)
    if fact.id in index.relaxed or teacher >= FEWEST_WRONG:
        return min(options - 1, FEWEST_WRONG)
    return min(options - 1, ASKED_WRONG)


_Made = tuple[tuple[int, ...] | None, _Choice | None]
#: How the per-fact work is run over a deck's facts: `work(facts)` by default. A replacement
#: (quizgen.speed.split_map) must return exactly what `work(facts)` returns.
FactMapper = Callable[[Callable[[Sequence[Fact]], list[_Made]], Sequence[Fact]], list[_Made]]


def in_this_process(
    work: Callable[[Sequence[Fact]], list[_Made]], facts: Sequence[Fact]
) -> list[_Made]:
    """The default `FactMapper`: every fact here, in order."""
    return work(facts)


def deck_questions(
    deck: DeckFile,
    *,
    seed: int = 0,
    options: int = DEFAULT_OPTIONS,
    kinds: Collection[QuestionKind] = ALL_KINDS,
    today: date | None = None,
    mapper: FactMapper = in_this_process,
) -> DeckQuestions:
    """Every question a deck yields, in fact order (cloze before multiple choice per fact).

    `today` only supplies the default `as_of` year for generated years and dates.
    """
    if options < 2:
        raise ValueError("a multiple-choice question needs at least 2 options")
    index = DeckIndex.build(deck, seed, (today or date.today()).year)

    def make(facts: Sequence[Fact]) -> list[_Made]:
        return [
            (
                cloze_starts(fact) if QuestionKind.CLOZE in kinds else None,
                _choice(fact, index, fact_rng(seed, deck.id, fact.id), options)
                if QuestionKind.MCQ in kinds
                else None,
            )
            for fact in facts
        ]

    pairs = mapper(make, deck.facts)
    # Past the budget of questions left out, those short of options try again with another
    # era, country or trade ranked last rather than refused; then, if still past it, those
    # that give their key away are asked all the same (`check` still says so). Only as many
    # come back as the budget needs, the least strained first: the rest stay left out.
    budget = int(WITHHELD_BUDGET * len(deck.facts) + 1e-9)  # 20% of 25 is 5, not 4.999
    strict: dict[str, _Choice | None] = {}  # what each question brought back fell short of
    for give_aways in (False, True):
        short = [
            f
            for f, (_, c) in zip(deck.facts, pairs, strict=True)
            if isinstance(c, Short) and (give_aways or c.reason is None)
        ]
        over = sum(1 for _, c in pairs if isinstance(c, Short)) - budget
        if over <= 0:
            break
        if not short:
            continue
        index.relaxed |= {f.id for f in short}
        again = dict(zip((f.id for f in short), make(short), strict=True))
        asked = [f.id for f in short if not isinstance(again[f.id][1], Short)]
        asked.sort(key=lambda fact_id: index.strain.get(fact_id, (0, 0)))  # stable: deck order
        back = set(asked[:over])
        strict.update(
            (f.id, pair[1]) for f, pair in zip(deck.facts, pairs, strict=True) if f.id in back
        )
        pairs = [
            again[f.id] if f.id in back else pair for f, pair in zip(deck.facts, pairs, strict=True)
        ]
    questions: list[Question] = []
    shortfalls: list[Shortfall] = []
    kept: list[Shortfall] = []
    for fact, (cloze, choice) in zip(deck.facts, pairs, strict=True):
        was = strict.get(fact.id)
        # One given away and asked all the same is the lint's to tell ("reword it").
        if isinstance(was, Short) and was.reason is None:
            made_short = _choice_question(deck, fact, was, options)
            if isinstance(made_short, Shortfall):
                kept.append(replace(made_short, asked=True))
        if cloze is not None:
            questions.append(_cloze_question(deck, fact, cloze))
        if choice is not None:
            made = _choice_question(deck, fact, choice, options)
            if isinstance(made, Shortfall):
                shortfalls.append(made)
            else:
                questions.append(made)
    return DeckQuestions(
        deck=deck, questions=tuple(questions), shortfalls=tuple(shortfalls), kept=tuple(kept)
    )
