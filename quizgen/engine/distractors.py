"""Where wrong options come from: the teacher's list, the rest of the deck, and numbers nearby.

Everything here is pure and seeded by the caller. Shared candidates (other answers and pools)
sit on a hash ring per kind, so a fact draws its neighbours in O(log n) and adding one fact to
a deck moves at most the few questions whose neighbourhood it lands in.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import math
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from quizgen.answers.kinds import (
    MAX_YEAR,
    MIN_YEAR,
    NUMERIC_KINDS,
    DateValue,
    Kind,
    Quantity,
    find_quantities,
    format_date,
    format_quantity,
    value_of,
)
from quizgen.answers.normalize import normalize_text, option_key
from quizgen.engine.constants import OptionSource
from quizgen.facts.models import DeckFile, Fact

#: How far a shared candidate may be walked for on the ring before giving up (keeps O(1)).
RING_WALK_LIMIT = 64
#: Numeric kinds need few shared values: nearby generated ones read better and cost less.
NUMERIC_WALK_LIMIT = 6
_FACTORS = [
    Decimal(f)
    for f in (
        "0.2",
        "0.25",
        "0.4",
        "0.5",
        "0.6",
        "0.75",
        "0.8",
        "1.2",
        "1.25",
        "1.5",
        "1.6",
        "2",
        "3",
        "4",
    )
]


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b(":".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass
class CandidateRing:
    """Answers and pool entries of one kind, placed on a ring by a seeded hash."""

    points: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    #: Texts that only the deck's pools hold (not the answer of any fact).
    pooled: frozenset[str] = frozenset()

    def walk(self, start: int) -> Iterator[str]:
        """Candidates from `start` onwards around the ring, each at most once."""
        if not self.points:
            return
        first = bisect.bisect_left(self.points, start)
        count = len(self.points)
        for step in range(min(count, RING_WALK_LIMIT)):
            yield self.texts[(first + step) % count]


@dataclass
class DeckIndex:
    """Per-deck lookups built once, in linear time, before any question is made."""

    seed: int
    deck_id: str
    as_of: int
    rings: dict[Kind, CandidateRing]
    # What the teacher's own lists say each word option is: "Odesa", a curated option for a
    # fact hinted "city", is a city, and is no option for a fact hinted "country".
    hints: dict[tuple[object, ...], frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, deck: DeckFile, seed: int, as_of: int) -> DeckIndex:
        """Index every answer and pool entry by kind."""
        by_kind: dict[Kind, dict[tuple[object, ...], str]] = {}
        answered: set[tuple[Kind, tuple[object, ...]]] = set()
        entries: list[tuple[Kind, str]] = [(f.answer_kind, f.answer) for f in deck.facts]
        answers = len(entries)
        entries += [(kind, text) for kind, texts in deck.pools.items() for text in texts]
        for number, (kind, text) in enumerate(entries):
            texts = by_kind.setdefault(kind, {})
            key = option_key(text, kind)
            if number < answers:
                answered.add((kind, key))
            # One text per value ("45%" or "45 percent"), the same whatever the facts' order.
            if key not in texts or text < texts[key]:
                texts[key] = text
        rings: dict[Kind, CandidateRing] = {}
        for kind, texts in by_kind.items():
            placed = sorted((_hash(str(seed), deck.id, text), text) for text in texts.values())
            pooled = frozenset(t for k, t in texts.items() if (kind, k) not in answered)
            rings[kind] = CandidateRing([p for p, _ in placed], [t for _, t in placed], pooled)
        hints: dict[tuple[object, ...], set[str]] = {}
        for fact in deck.facts:
            if fact.hint and fact.answer_kind in _NAME_KINDS:
                for text in (fact.answer, *fact.distractors):
                    key = (fact.answer_kind, option_key(text, fact.answer_kind))
                    hints.setdefault(key, set()).add(fact.hint.casefold())
        return cls(
            seed=seed,
            deck_id=deck.id,
            as_of=deck.as_of or as_of,
            rings=rings,
            hints={key: frozenset(found) for key, found in hints.items()},
        )

    def fits_hint(self, fact: Fact, option: str) -> bool:
        """False when the deck shows `option` to be of another sort than the fact's hint asks.

        Only for names: a hint on a person, place or organization names a sort ("city",
        "country"); on a term it is free text ("what was hit"), which no other fact shares.
        """
        if not fact.hint or fact.answer_kind not in _NAME_KINDS:
            return True
        known = self.hints.get((fact.answer_kind, option_key(option, fact.answer_kind)))
        return known is None or fact.hint.casefold() in known

    def source_of(self, kind: Kind, text: str) -> OptionSource:
        """Whether a shared candidate is another fact's answer or only a pool entry."""
        ring = self.rings.get(kind)
        pooled = ring is not None and text in ring.pooled
        return OptionSource.POOL if pooled else OptionSource.DECK

    def shared(self, fact: Fact) -> Iterator[str]:
        """Other answers and pool entries of the fact's kind, in this fact's seeded order."""
        ring = self.rings.get(fact.answer_kind)
        if ring is not None:
            yield from ring.walk(_hash(str(self.seed), self.deck_id, "fact", fact.id))


class OptionFilter:
    """The quality rules a single wrong option must pass, whatever its source."""

    def __init__(self, fact: Fact, prompt: str) -> None:
        self.fact, self.prompt = fact, prompt
        self.kind = fact.answer_kind
        self.taken = {option_key(fact.answer, self.kind)}
        self.taken |= {option_key(form, self.kind) for form in fact.accept}

    # The views of the question below are computed on first use: numeric options only need
    # `mentioned`, word options only the others (and many facts never reach the filter).
    @functools.cached_property
    def right_words(self) -> list[str]:
        """The answer and its accepted forms, normalised and padded for word search."""
        return [f" {normalize_text(form)} " for form in (self.fact.answer, *self.fact.accept)]

    @functools.cached_property
    def context(self) -> str:
        """The question's prompt and statement, normalised and padded for word search."""
        return f" {normalize_text(self.prompt)} {normalize_text(self.fact.text)} "

    @functools.cached_property
    def digit_runs(self) -> set[str]:
        """The significant digits of every number written in the question (a cheap test)."""
        return {_digits_of(run) for run in _DIGIT_RUN.findall(f"{self.prompt}\n{self.fact.text}")}

    @functools.cached_property
    def mentioned(self) -> set[tuple[object, ...]]:
        """Numbers in the question's text, by value: "$2 billion" is in "up from $2,000
        million", while "5%" is not in "2.5%" (as a word search on normalised text would say)."""
        return {_mention_key(q) for q in find_quantities(f"{self.prompt}\n{self.fact.text}")}

    def allows(self, option: str) -> bool:
        """True if `option` is new, not in the question's text and of the answer's kind."""
        if option_key(option, self.kind) in self.taken:
            return False
        if self.kind in _QUANTITY_KINDS:
            value = value_of(option, self.kind)
            if not isinstance(value, Quantity):
                return False
            # Full parsing of the question's numbers is only needed when its digits could
            # name this value at some scale ("2,000" in "$2,000 million" for "$2 billion"); a
            # scan for digit runs rules most options in cheaply.
            if _digits_of(f"{value.value.copy_abs():f}") not in self.digit_runs:
                return True
            return _mention_key(value) not in self.mentioned
        words = f" {normalize_text(option)} "
        if not words.strip():
            return False
        if words in self.context:
            return False
        if self.kind is Kind.DATE:
            return value_of(option, self.kind) is not None
        if self.kind is Kind.PERSON and f" {words.split()[-1]} " in self.context:
            return False  # "Volodymyr Zelenskyy" for a text that names "Zelenskyy"
        # An option holding a right answer ("Minsk Protocol" beside accept "Minsk") is no
        # wrong option, nor is one the answer holds ("Trump" for "Donald Trump").
        return not any(words in right or right in words for right in self.right_words)

    def take(self, option: str) -> None:
        """Remember a chosen option so no later one repeats it."""
        self.taken.add(option_key(option, self.kind))


_QUANTITY_KINDS = NUMERIC_KINDS - {Kind.DATE}
_TENTH = Decimal("0.1")
_NAME_KINDS = frozenset({Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION})
_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


def _digits_of(number: str) -> str:
    # "2", "2,000" and "2000000000" share "2": the same digits at another scale.
    return number.replace(",", "").replace(".", "").strip("0")


def _mention_key(quantity: Quantity) -> tuple[object, ...]:
    # Percentages, money (by currency) and plain counts or years are told apart.
    family = quantity.kind if quantity.kind in (Kind.MONEY, Kind.PERCENT) else Kind.NUMBER
    return (family, quantity.currency, quantity.value.normalize())


def _similar_term(answer: str, option: str) -> bool:
    # Shared terms from elsewhere in the deck read as absurd when their shape differs a lot.
    return abs(len(answer.split()) - len(option.split())) <= 1


def _near(answer: DateValue | Quantity, option: str, kind: Kind, as_of: int) -> bool:
    value = value_of(option, kind)
    if isinstance(answer, DateValue) and isinstance(value, DateValue):
        return (
            value.style == answer.style  # no "9 October 2002" among "2000-12-15", "2000-12-18"
            and abs((value.value - answer.value).days) <= 3 * 366
            and value.value.year <= as_of
        )
    if not isinstance(answer, Quantity) or not isinstance(value, Quantity):
        return False
    if kind is Kind.YEAR:
        return abs(value.value - answer.value) <= 15 and value.value <= as_of
    if value.unit != answer.unit:
        return False  # "9 planets" is no option for "8 minutes", nor "6 percent" beside "31%"
    if kind is Kind.PERCENT:
        return 0 <= value.value <= 100
    if answer.currency != value.currency or answer.value == 0:
        return False
    if kind is Kind.NUMBER and (value.decimals == 0) != (answer.decimals == 0):
        return False  # no "57.8" among counts, no "12" among measurements like "95.4"
    ratio = value.value / answer.value
    return _TENTH <= ratio <= 10


def _significant(value: Decimal) -> int:
    digits = value.normalize().as_tuple().digits
    return max(len(digits), 1)


def _round_to(value: Decimal, figures: int) -> Decimal:
    if value == 0:
        return value
    exponent = value.adjusted() - figures + 1
    quantum = Decimal(1).scaleb(exponent)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def _quantity_values(answer: Quantity, kind: Kind, as_of: int) -> Iterable[Decimal]:
    value = answer.value
    if kind is Kind.YEAR:
        return (
            value + offset
            for offset in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -8, 8, -10, 10, -12, 12)
            # A year after `as_of` is itself a forecast: then only the calendar bounds apply.
            if MIN_YEAR <= value + offset <= (MAX_YEAR if value > as_of else as_of)
        )
    if kind is Kind.PERCENT:
        unit = Decimal(1).scaleb(-answer.decimals)
        if value % 10 == 0 and (value >= 30 or value == 0):
            step = Decimal(10)
        elif value % 5 == 0 and value >= 10:
            step = Decimal(5)
        else:
            # A step in the last written digit ("12.4%" for "12.5%") makes a trick question:
            # step by half the answer's order of magnitude instead (33% -> 28%, 38%).
            step = max(unit, Decimal(1).scaleb(value.adjusted()) / 2)
        return (
            value + step * k
            for k in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6)
            if 0 < value + step * k <= 100
        )
    written = answer.written
    if not answer.decimals and written == written.to_integral_value() and abs(written) <= 12:
        step = Decimal(answer.multiplier)
        # Counts stay on their side of zero: no "-1 moons" for 1, no "0 troops" for 2.
        steps = [value + step * k for k in (-1, 1, -2, 2, -3, 3, 4, -4, 5, 6, -5, -6)]
        steps = [v for v in steps if (v > 0) == (value >= 0) and v != 0]
        if step > 1 and abs(written) <= 2:
            # "$1 billion" would always be the smallest option: "$500 million" reads naturally.
            steps += [value / 2, value * 3 / 4]
        return steps
    if answer.decimals and answer.multiplier == 1:
        # The written decimals are the precision to keep: "95.4" -> "114.5", not "114.0".
        unit = Decimal(1).scaleb(-answer.decimals)
        return ((value * factor).quantize(unit, rounding=ROUND_HALF_UP) for factor in _FACTORS)
    figures = max(_significant(written), 2 if abs(written) >= 10 else 1)
    return (_round_to(value * factor, figures) for factor in _FACTORS)


def _date_values(answer: DateValue, as_of: int) -> Iterable[date]:
    day = answer.value
    if answer.style == "month-year":
        shifts = [(0, m) for m in (-1, 1, -2, 2, -3, 3, -6, 6)] + [(-1, 0), (1, 0), (-2, 0)]
    else:
        shifts = [(0, 0)] + [(0, m) for m in (-1, 1, -2, 2, -4, 4)] + [(-1, 0), (1, 0), (-2, 0)]
    for years, months in shifts:
        month_index = day.month - 1 + months
        year = day.year + years + month_index // 12
        try:
            moved = day.replace(year=year, month=month_index % 12 + 1)
        except ValueError:
            continue
        if (years, months) == (0, 0):
            for days in (-7, 7, -3, 3, -10, 10):
                near = moved + timedelta(days=days)
                if near.year <= as_of:
                    yield near
        elif MIN_YEAR <= moved.year <= as_of:
            yield moved


#: A generated value, written out only if drawn (most never are), or a shared option's text.
Candidate = Decimal | date | str


def _candidates(
    answer: DateValue | Quantity, kind: Kind, as_of: int
) -> list[tuple[Decimal, Candidate]]:
    """Generated values, each with its place in sort order."""
    if isinstance(answer, DateValue):
        return [(Decimal(moved.toordinal()), moved) for moved in _date_values(answer, as_of)]
    return [(value, value) for value in _quantity_values(answer, kind, as_of)]


def _written(answer: DateValue | Quantity, candidate: Candidate) -> str:
    """A candidate as an option's text, written like the answer."""
    if isinstance(candidate, str):
        return candidate
    if isinstance(answer, DateValue):
        assert isinstance(candidate, date)
        return format_date(answer, candidate)
    assert isinstance(candidate, Decimal)
    return format_quantity(answer, candidate)


def _reads_right(answer: DateValue | Quantity, text: str, kind: Kind) -> bool:
    """A written candidate still reads as the kind, on the answer's side of zero."""
    written = value_of(text, kind)
    if isinstance(answer, DateValue):
        return isinstance(written, DateValue)
    return _keeps_sign(answer, written)


def generated(fact: Fact, as_of: int) -> list[str]:
    """Numeric distractors that read like the answer: same currency, format and precision."""
    kind = fact.answer_kind
    answer = value_of(fact.answer, kind)
    if answer is None:
        return []
    texts = [_written(answer, value) for _, value in _candidates(answer, kind, as_of)]
    return [text for text in texts if _reads_right(answer, text, kind)]


def _keeps_sign(answer: Quantity, written: DateValue | Quantity | None) -> bool:
    # Rounding to the answer's precision can turn a small value into "$0.00" or "0.0".
    if not isinstance(written, Quantity):
        return False
    if written.value == 0:
        return answer.value == 0
    return (written.value < 0) == (answer.value < 0)


def sort_key(kind: Kind) -> Callable[[str], Decimal]:
    """Ascending order by value, for numeric options that read best in order."""

    def key(option: str) -> Decimal:
        value = value_of(option, kind)
        if isinstance(value, DateValue):
            return Decimal(value.value.toordinal())
        if isinstance(value, Quantity):
            return value.value
        return Decimal(0)

    return key


#: A wrong option and where it came from.
Sourced = tuple[str, OptionSource]


def choose_distractors(
    fact: Fact, prompt: str, index: DeckIndex, rng: random.Random, wanted: int
) -> list[Sourced]:
    """Up to `wanted` wrong options, each with its source: curated first, then shared, then
    generated numbers.

    For numeric kinds the non-curated options are split above and below the answer so that
    the answer's rank among the sorted options is spread evenly, not always the middle.
    """
    rule = OptionFilter(fact, prompt)
    curated = [option for option in dict.fromkeys(fact.distractors) if rule.allows(option)]
    chosen = rng.sample(curated, wanted) if len(curated) > wanted else curated
    for option in chosen:
        rule.take(option)
    kind = fact.answer_kind
    sourced = [(option, OptionSource.TEACHER) for option in chosen]
    if kind not in NUMERIC_KINDS:
        shared = _shared_words(fact, rule, index)
        return sourced + list(itertools.islice(shared, max(0, wanted - len(sourced))))
    numbers = _balanced_numbers(fact, rule, index, rng, wanted - len(chosen), chosen)
    return sourced + numbers


def _shared_words(fact: Fact, rule: OptionFilter, index: DeckIndex) -> Iterator[Sourced]:
    """The deck's other answers and pool entries that fit a word answer, in the fact's ring
    order; each is taken into `rule` as it is yielded."""
    kind = fact.answer_kind
    for option in index.shared(fact):
        if option in fact.distractors or not rule.allows(option):
            continue
        if kind is Kind.TERM and not _similar_term(fact.answer, option):
            continue
        if not index.fits_hint(fact, option):
            continue
        rule.take(option)
        yield option, index.source_of(kind, option)


def ranked_candidates(
    fact: Fact, prompt: str, index: DeckIndex, limit: int | None = None
) -> list[Sourced]:
    """Every wrong option quizgen would offer for `fact`, best first, by the rules
    `choose_distractors` applies: the teacher's own, then (words) the deck's and pools' in the
    fact's ring order, or (numbers) the values nearest the answer first. `choose_distractors`
    picks among these; `quizgen curate` offers the rest when a teacher replaces one. With
    `limit`, at most that many (the deck's candidates are only walked that far)."""
    rule = OptionFilter(fact, prompt)
    ranked: list[Sourced] = []
    for option in dict.fromkeys(fact.distractors):
        if rule.allows(option):
            rule.take(option)
            ranked.append((option, OptionSource.TEACHER))
    kind = fact.answer_kind
    if kind not in NUMERIC_KINDS:
        more = None if limit is None else max(0, limit - len(ranked))
        return (ranked + list(itertools.islice(_shared_words(fact, rule, index), more)))[:limit]
    answer = value_of(fact.answer, kind)
    assert answer is not None
    key = sort_key(kind)
    at = key(fact.answer)
    nearby = itertools.islice(index.shared(fact), NUMERIC_WALK_LIMIT)
    candidates: list[tuple[Decimal, Candidate]]
    candidates = [(key(o), o) for o in nearby if _near(answer, o, kind, index.as_of)]
    candidates += _candidates(answer, kind, index.as_of)
    for order, candidate in sorted(candidates, key=lambda pair: abs(pair[0] - at)):
        text = _written(answer, candidate)
        if order == at or not _reads_right(answer, text, kind) or not rule.allows(text):
            continue
        rule.take(text)
        shared = isinstance(candidate, str)
        ranked.append((text, index.source_of(kind, text) if shared else OptionSource.GENERATED))
    return ranked[:limit]


def _balanced_numbers(
    fact: Fact,
    rule: OptionFilter,
    index: DeckIndex,
    rng: random.Random,
    needed: int,
    curated: Sequence[str] = (),
) -> list[Sourced]:
    if needed <= 0:
        return []
    kind = fact.answer_kind
    answer = value_of(fact.answer, kind)
    assert answer is not None
    key = sort_key(kind)
    answer_key = key(fact.answer)
    # Candidates are sorted into the two sides by value first and written only when drawn:
    # a question needs three, so most of the dozen or more generated are never formatted.
    below: dict[Decimal, Candidate] = {}
    above: dict[Decimal, Candidate] = {}
    nearby = itertools.islice(index.shared(fact), NUMERIC_WALK_LIMIT)
    shared: list[tuple[Decimal, Candidate]]
    shared = [(key(o), o) for o in nearby if _near(answer, o, kind, index.as_of)]
    for order, candidate in shared + _candidates(answer, kind, index.as_of):
        if order != answer_key:
            (below if order < answer_key else above).setdefault(order, candidate)
    low = max(0, needed - len(above))
    high = min(needed, len(below))
    if low > high:
        everything = list(below.values()) + list(above.values())
        return _draw(
            everything,
            needed,
            answer=answer,
            rule=rule,
            rng=rng,
            key=key,
            at=answer_key,
            index=index,
        )
    # The answer's rank is (curated below) + (taken from below). Weighting each feasible rank
    # by how often it would come up if the curated options were a random subset of all the
    # wrong ones keeps the rank uniform over a deck even when curated options sit on one side.
    curated_below = sum(1 for option in curated if key(option) < answer_key)
    curated_above = len(curated) - curated_below
    total = len(curated) + needed
    counts = range(low, high + 1)
    weights = [
        math.comb(curated_below + n, curated_below)
        * math.comb(total - curated_below - n, curated_above)
        for n in counts
    ]
    from_below = rng.choices(counts, weights)[0]
    draw = functools.partial(
        _draw, answer=answer, rule=rule, rng=rng, key=key, at=answer_key, index=index
    )
    lower = draw(list(below.values()), from_below, below=True)
    upper = draw(list(above.values()), needed - len(lower), below=False)
    return lower + upper


def _draw(
    candidates: list[Candidate],
    count: int,
    *,
    answer: DateValue | Quantity,
    rule: OptionFilter,
    rng: random.Random,
    key: Callable[[str], Decimal],
    at: Decimal,
    below: bool | None = None,
    index: DeckIndex,
) -> list[Sourced]:
    """Up to `count` options from `candidates` in random order, each written and checked once.

    With `below`, an option that rounding moved to the other side of the answer's sort key
    `at` is passed over.
    """
    kind = rule.kind
    taken: list[Sourced] = []
    remaining = list(candidates)
    while remaining and len(taken) < count:
        # Draw without replacement, one at a time: usually only `count` draws are needed.
        position = rng.randrange(len(remaining))
        remaining[position], remaining[-1] = remaining[-1], remaining[position]
        candidate = remaining.pop()
        text = _written(answer, candidate)
        if below is not None and (key(text) < at) != below:
            continue  # rounding moved it across the answer
        if _reads_right(answer, text, kind) and rule.allows(text):
            rule.take(text)
            shared = isinstance(candidate, str)  # from the ring; the rest are made here
            source = index.source_of(kind, text) if shared else OptionSource.GENERATED
            taken.append((text, source))
    return taken
