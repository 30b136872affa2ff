"""Which facts to curate, and for each the options shown and the candidates behind them.

The options are exactly those `quizgen preview` shows for the same seed and option count (the
same engine makes them); the candidates are the engine's ranked list beyond them, so a replaced
option gives way to the next one quizgen itself would have offered.
"""

from __future__ import annotations

import string
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from quizgen.answers.kinds import NUMERIC_KINDS, Kind, value_of
from quizgen.answers.normalize import option_key, same_answer
from quizgen.engine.constants import DEFAULT_OPTIONS, OptionSource, QuestionKind
from quizgen.engine.distractors import DeckIndex, OptionFilter, ranked_candidates
from quizgen.engine.lint import question_findings
from quizgen.engine.questions import (
    ChoiceQuestion,
    choice_prompt,
    choice_question,
    deck_questions,
    fact_rng,
)
from quizgen.errors import QuizgenError
from quizgen.facts.loader import LoadedDeck
from quizgen.facts.models import DeckFile, Fact

#: The source of an option the teacher typed while curating.
TYPED = "typed"


@dataclass(frozen=True)
class Option:
    """One option's text and where it came from (an OptionSource value, or TYPED)."""

    text: str
    source: str


@dataclass(frozen=True)
class Review:
    """One fact to curate: the question as generated and the candidates not shown."""

    fact: Fact
    prompt: str
    line: int
    options: tuple[Option | None, ...]  # display order, the answer included; None: too few
    answer_index: int
    candidates: tuple[Option, ...]  # best first, none of them shown
    rank: tuple[tuple[object, ...], ...]  # option keys in the engine's order of preference
    deck: DeckFile  # as the decisions before this fact leave it

    def warnings(self, options: Sequence[Option | None]) -> list[str]:
        """The item-writing lint on these options (quizgen.engine.lint), as `check` words it."""
        if any(option is None for option in options):
            return []
        texts = tuple(option.text for option in options if option is not None)
        sources = tuple(OptionSource.TEACHER for _ in texts)
        question = ChoiceQuestion(
            self.deck, self.fact, self.prompt, texts, self.answer_index, sources
        )
        return question_findings(question)

    @property
    def fact_id(self) -> str:
        return self.fact.id

    @property
    def kind(self) -> Kind:
        return self.fact.answer_kind

    @staticmethod
    def letter(index: int) -> str:
        return string.ascii_uppercase[index]

    def index_of(self, letter: str) -> int | None:
        """The option a letter names (A is 0), or None past the last one."""
        position = string.ascii_uppercase.find(letter.upper())
        return position if 0 <= position < len(self.options) and len(letter) == 1 else None

    def in_file_order(self, options: Sequence[Option]) -> list[Option]:
        """Options in the engine's order of preference, typed ones last: written so, a list
        kept as shown reads back as the same question in `preview`."""
        order = {key: place for place, key in enumerate(self.rank)}
        last = len(order)
        return sorted(options, key=lambda o: order.get(option_key(o.text, self.kind), last))


def option_problem(review: Review, text: str, others: Sequence[str]) -> str | None:
    """Why quizgen would not offer `text` beside `others` for this fact, or None if it would."""
    fact, kind = review.fact, review.kind
    if not text:
        return "an option needs some text"
    if same_answer(text, fact.answer, kind):
        return f"{text!r} is the right answer: type a wrong one"
    if any(same_answer(text, form, kind) for form in fact.accept):
        return f"{text!r} is one of the accepted answers: type a wrong one"
    if any(same_answer(text, other, kind) for other in others):
        return f"{text!r} is already an option: type another"
    if kind in NUMERIC_KINDS and value_of(text, kind) is None:
        return f"{text!r} does not read as {kind.value} like the answer: type a {kind.value}"
    rule = OptionFilter(fact, review.prompt)
    for other in others:
        rule.take(other)
    if not rule.allows(text):
        return (
            f"quizgen would not offer {text!r} for this question (it is named in the question, "
            "or holds or is held by the answer): type another"
        )
    return None


class UnknownFact(QuizgenError):
    """`--fact` names a fact the file does not have."""


def named_facts(loaded: LoadedDeck, fact_ids: Collection[str]) -> list[Fact]:
    """The facts `--fact` names, in file order; UnknownFact for an id the file lacks."""
    facts = loaded.deck.facts
    known = {fact.id for fact in facts}
    missing = [fact_id for fact_id in fact_ids if fact_id not in known]
    if missing:
        raise UnknownFact(
            f"{loaded.display_path}: there is no fact {missing[0]!r}: "
            f"the ids are {', '.join(fact.id for fact in facts)}"
        )
    return [fact for fact in facts if fact.id in set(fact_ids)]


@dataclass
class Curation:
    """The facts to walk, each made into a Review only when it is reached, from the deck as
    the decisions so far leave it: the engine reads a kept list as saying what sort its
    options are (Mekong, kept for a fact hinted "river", is no option for "mountain"), so a
    later fact is offered what quizgen would offer once the file is saved."""

    loaded: LoadedDeck
    facts: tuple[Fact, ...]
    seed: int
    options: int
    as_of: int
    #: Questions already made from the file as it is (no decisions yet), by fact id.
    known: Mapping[str, ChoiceQuestion | None] = field(default_factory=dict)
    _built: tuple[tuple[tuple[str, tuple[str, ...]], ...], DeckFile, DeckIndex] | None = None

    def __len__(self) -> int:
        return len(self.facts)

    def review(
        self, position: int, decisions: Mapping[str, Sequence[str]], *, candidates: bool = True
    ) -> Review:
        """The review of fact `position`, with `decisions` written into the deck; without
        `candidates`, only those needed to place the options shown in the engine's order."""
        deck, index = self._deck(decisions)
        fact = self.facts[position]
        fact = (
            fact.model_copy(update={"distractors": list(decisions[fact.id])})
            if fact.id in decisions
            else fact
        )
        if not decisions and fact.id in self.known:
            question = self.known[fact.id]
        else:
            rng = fact_rng(self.seed, deck.id, fact.id)
            made = choice_question(deck, fact, index, rng, self.options)
            question = made if isinstance(made, ChoiceQuestion) else None
        line = self.loaded.fact_lines.get(fact.id, 0)
        limit = None if candidates else self.options - 1 + len(fact.distractors)
        return _review(deck, fact, line, index, question, self.options, limit)

    def _deck(self, decisions: Mapping[str, Sequence[str]]) -> tuple[DeckFile, DeckIndex]:
        key = tuple(sorted((fact_id, tuple(options)) for fact_id, options in decisions.items()))
        if self._built is None or self._built[0] != key:
            deck = self.loaded.deck
            if decisions:
                facts = [
                    fact.model_copy(update={"distractors": list(decisions[fact.id])})
                    if fact.id in decisions
                    else fact
                    for fact in deck.facts
                ]
                deck = deck.model_copy(update={"facts": facts})
            self._built = (key, deck, DeckIndex.build(deck, self.seed, self.as_of))
        return self._built[1], self._built[2]

    def as_they_are(self) -> list[Review]:
        """Every fact's review before any decision: what `--accept-all` freezes."""
        return [self.review(i, {}, candidates=False) for i in range(len(self.facts))]


def curation(
    loaded: LoadedDeck,
    *,
    fact_ids: Collection[str] = (),
    every: bool = False,
    seed: int = 0,
    options: int = DEFAULT_OPTIONS,
    today: date | None = None,
) -> Curation:
    """The facts to curate, in file order, with what `preview` would generate for them.

    By default (no `fact_ids`, not `every`) only facts that need a teacher's look: those whose
    question shows an option the teacher did not write, and those left without a question
    because too few options were found (the teacher can type the missing ones).
    """
    deck = loaded.deck
    facts: Sequence[Fact] = deck.facts
    known: dict[str, ChoiceQuestion | None] = {}
    if fact_ids:
        facts = named_facts(loaded, fact_ids)
    elif not every:
        made = deck_questions(
            deck, seed=seed, options=options, kinds={QuestionKind.MCQ}, today=today
        )
        asked = {q.fact.id: q for q in made.questions if isinstance(q, ChoiceQuestion)}
        known = {fact.id: asked.get(fact.id) for fact in deck.facts}
        done = {fact_id for fact_id, q in asked.items() if _teachers_own(q)}
        facts = [fact for fact in facts if fact.id not in done]
    as_of = (today or date.today()).year
    return Curation(loaded, tuple(facts), seed, options, as_of, known)


def _teachers_own(question: ChoiceQuestion) -> bool:
    return all(s in (OptionSource.KEY, OptionSource.TEACHER) for s in question.sources)


def _review(
    deck: DeckFile,
    fact: Fact,
    line: int,
    index: DeckIndex,
    question: ChoiceQuestion | None,
    count: int,
    limit: int | None = None,
) -> Review:
    prompt = choice_prompt(fact)
    sourced = ranked_candidates(fact, prompt, index, limit, wanted=count - 1)
    ranked = [Option(text, source.value) for text, source in sourced]
    rank = tuple(option_key(option.text, fact.answer_kind) for option in ranked)
    key = Option(fact.answer, OptionSource.KEY.value)
    if question is not None:
        shown: list[Option | None] = [
            Option(text, source.value)
            for text, source in zip(question.options, question.sources, strict=True)
        ]
        answer_index = question.answer_index
        # Fewer good wrong options than asked for: empty places to type the rest into.
        shown += [None] * (count - len(shown))
    else:
        # Too few options for a question: the ones found, then empty places to type into.
        found = ranked[: count - 1]
        shown = [key, *found, *([None] * (count - 1 - len(found)))]
        answer_index = 0
    taken = {option_key(o.text, fact.answer_kind) for o in shown if o is not None}
    rest = tuple(o for o in ranked if option_key(o.text, fact.answer_kind) not in taken)
    return Review(fact, prompt, line, tuple(shown), answer_index, rest, rank, deck)


def accepted_lists(reviews: Sequence[Review]) -> dict[str, tuple[str, ...]]:
    """What `--accept-all` writes: each generated list as shown, for the facts that have a
    question with an option the teacher did not write (lists of the teacher's own stay)."""
    lists = {}
    for review in reviews:
        if any(option is None for option in review.options):
            continue
        wrong = [
            option
            for i, option in enumerate(review.options)
            if option is not None and i != review.answer_index
        ]
        if all(option.source == OptionSource.TEACHER.value for option in wrong):
            continue
        lists[review.fact_id] = tuple(option.text for option in review.in_file_order(wrong))
    return lists
