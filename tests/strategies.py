"""Generated facts and decks of every kind, for property tests and large fixed-seed decks.

One set of makers serves two drivers: hypothesis (`decks()`, `facts_of()`: shrinkable draws)
and a seeded `random.Random` (`sample_deck()`: a large deck that is the same on every run, for
distribution tests that must not be flaky, checked with `looks_uniform`). Every generated
deck passes the loader's rules.
"""

from __future__ import annotations

import functools
import random
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from hypothesis import strategies as st

from quizgen.answers.kinds import MONTHS, Kind
from quizgen.answers.normalize import same_answer
from quizgen.facts.models import DeckFile, Fact
from quizgen.facts.rules import Places, check_deck

T = TypeVar("T")

AS_OF = 2025

FIRST_NAMES = ("Anna", "Boris", "Clara", "Dmytro", "Elena", "Farid", "Greta", "Hiro", "Ines")
LAST_NAMES = ("Novak", "Schmidt", "Okafor", "Tanaka", "Moreau", "Kowalski", "Silva", "Haddad")
PLACES = (
    "Vienna", "Oslo", "Lisbon", "Riga", "Tallinn", "Vilnius", "Prague", "Warsaw", "Bern",
    "Dublin", "Helsinki", "Athens", "Sofia", "Zagreb", "Madrid", "Geneva", "Tbilisi", "Baku",
)  # fmt: skip
ORGANIZATIONS = (
    "UN", "NATO", "OSCE", "G7", "G20", "WHO", "IMF", "World Bank", "OECD", "African Union",
    "Council of Europe", "Red Cross",
)  # fmt: skip
TERM_WORDS = (
    "grain", "corridor", "ceasefire", "sanctions", "reparations", "monitoring", "mission",
    "energy", "guarantees", "neutrality", "reconstruction", "exchange", "tariff", "embargo",
    "treaty", "summit", "airspace", "border", "convoy", "pipeline",
)  # fmt: skip
FILLER = (
    "officials", "reported", "that", "after", "weeks", "of", "talks", "delegates", "agreed",
    "on", "according", "to", "briefing", "notes", "observers", "said", "then", "later",
)  # fmt: skip
CURRENCIES = ("$", "€", "£", "C$")
UNITS = ("", "", " troops", " km", "-point")

NUMERIC = (Kind.MONEY, Kind.NUMBER, Kind.PERCENT, Kind.YEAR, Kind.DATE)
NAMED = (Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION, Kind.TERM)
ALL_ANSWER_KINDS = NUMERIC + NAMED


class Pick(Protocol):
    """The two choices every maker needs, from hypothesis or from a seeded Random."""

    def integer(self, low: int, high: int) -> int: ...

    def choice(self, items: Sequence[T]) -> T: ...


class RandomPick:
    """`Pick` over a seeded `random.Random`: the same deck on every run."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def choice(self, items: Sequence[T]) -> T:
        return self.rng.choice(items)


class DrawPick:
    """`Pick` over hypothesis's `draw`, so failing decks shrink."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def choice(self, items: Sequence[T]) -> T:
        return self.draw(st.sampled_from(items))


# --- answers by kind --------------------------------------------------------------------------


def money(pick: Pick, prefix: str | None = None) -> str:
    """ "$2.5 billion", "€40 million", "£3bn", "C$750,000"; in `prefix`'s currency if given."""
    prefix = prefix or pick.choice(CURRENCIES)
    scale = pick.choice(("", " million", " billion", "m", "bn"))
    if not scale:
        return f"{prefix}{pick.integer(1, 9_999) * pick.choice((1, 100, 1000)):,}"
    whole = pick.integer(1, 999)
    if whole < 100 and pick.integer(0, 2) == 0:
        return f"{prefix}{whole}.{pick.integer(1, 9)}{scale}"
    return f"{prefix}{whole}{scale}"


def number(pick: Pick) -> str:
    """Counts with or without a unit, grouped thousands and decimals: "40,000 troops", "3.5"."""
    unit = pick.choice(UNITS)
    shape = pick.integer(0, 3)
    if shape == 0:
        return f"{pick.integer(2, 12)}{unit}"
    if shape == 1:
        return f"{pick.integer(13, 999)}{unit}"
    if shape == 2:
        return f"{pick.integer(1, 999) * 1000:,}{unit}"
    return f"{pick.integer(1, 99)}.{pick.integer(1, 9)}{unit}"


def percent(pick: Pick) -> str:
    """Whole and decimal percentages, with "%" or " percent"."""
    sign = pick.choice(("%", "%", " percent"))
    if pick.integer(0, 3) == 0:
        return f"{pick.integer(0, 99)}.{pick.integer(1, 9)}{sign}"
    return f"{pick.integer(1, 100)}{sign}"


def year(pick: Pick) -> str:
    return str(pick.integer(1900, AS_OF))


DATE_FORMATS: dict[str, Callable[[date], str]] = {
    "day-month-year": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "month-day-year": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "iso": lambda d: d.isoformat(),
    "month-year": lambda d: f"{MONTHS[d.month - 1]} {d.year}",
}


def a_date(pick: Pick) -> str:
    first, last = date(1950, 1, 1).toordinal(), date(AS_OF, 12, 31).toordinal()
    day = date.fromordinal(pick.integer(first, last))
    return DATE_FORMATS[pick.choice(tuple(DATE_FORMATS))](day)


def person(pick: Pick) -> str:
    return f"{pick.choice(FIRST_NAMES)} {pick.choice(LAST_NAMES)}"


def place(pick: Pick) -> str:
    return pick.choice(PLACES)


def organization(pick: Pick) -> str:
    return pick.choice(ORGANIZATIONS)


def term(pick: Pick) -> str:
    first = pick.choice(TERM_WORDS)
    if pick.integer(0, 1):
        return first
    return f"{first} {pick.choice(TERM_WORDS)}"


MAKERS: dict[Kind, Callable[[Pick], str]] = {
    Kind.MONEY: money,
    Kind.NUMBER: number,
    Kind.PERCENT: percent,
    Kind.YEAR: year,
    Kind.DATE: a_date,
    Kind.PERSON: person,
    Kind.PLACE: place,
    Kind.ORGANIZATION: organization,
    Kind.TERM: term,
}


# --- facts and decks --------------------------------------------------------------------------


def _words(pick: Pick, low: int, high: int) -> str:
    return " ".join(pick.choice(FILLER) for _ in range(pick.integer(low, high)))


def _distinct(kind: Kind, answer: str, candidates: list[str], taken: Sequence[str]) -> list[str]:
    kept: list[str] = []
    for candidate in candidates:
        if not any(same_answer(candidate, other, kind) for other in [answer, *taken, *kept]):
            kept.append(candidate)
    return kept


def make_fact(pick: Pick, fact_id: str, kind: Kind) -> Fact:
    """A fact whose text holds its answer and, sometimes, another value of the same kind.

    The other value ("after $1.5 billion last year", "met Anna Novak and ___") is what a
    distractor must never repeat. Curated distractors, when drawn, are few (0-4) so that
    shared and generated candidates are exercised too.
    """
    make = MAKERS[kind]
    answer = make(pick)
    mention = ""
    if pick.integer(0, 2) == 0:
        others = _distinct(kind, answer, [make(pick)], [])
        if others and answer not in others[0] and others[0] not in answer:
            mention = f" beside {others[0]}"
    lead = _words(pick, 1, 4).capitalize()
    text = f"{lead} {answer}{mention} {_words(pick, 0, 3)}".strip() + "."
    if kind is Kind.MONEY:  # a teacher's wrong amounts are in the answer's currency
        currency = max((c for c in CURRENCIES if answer.startswith(c)), key=len)
        make = functools.partial(money, prefix=currency)
    curated = _distinct(kind, answer, [make(pick) for _ in range(pick.integer(0, 4))], [])
    question = None
    if pick.integer(0, 2) == 0:
        question = f"What {_words(pick, 1, 3)}?"
    return Fact(
        id=fact_id,
        text=text,
        answer=answer,
        kind=kind,
        question=question,
        distractors=curated,
        explanation=f"Explained {pick.integer(0, 9)}.",
    )


def make_deck(
    pick: Pick,
    size: int,
    kinds: Sequence[Kind] = ALL_ANSWER_KINDS,
    deck_id: str = "generated",
    pools: bool = True,
) -> DeckFile:
    """A valid deck of `size` facts of the given kinds, with pools for some kinds."""
    facts = [make_fact(pick, f"fact-{i}", pick.choice(kinds)) for i in range(size)]
    pool_entries: dict[Kind | str, list[str]] = {}
    if pools:
        for kind in kinds:
            if pick.integer(0, 1):
                entries = [MAKERS[kind](pick) for _ in range(pick.integer(1, 6))]
                pool_entries[kind] = _distinct(kind, "\0", entries, [])
    deck = DeckFile(id=deck_id, deck="Generated", as_of=AS_OF, facts=facts, pools=pool_entries)
    assert_valid(deck)
    return deck


def assert_valid(deck: DeckFile) -> None:
    """The deck passes the loader's cross-field rules, as a fact file on disk would."""
    problems = check_deck(
        Path("generated.yaml"),
        {str(kind): entries for kind, entries in deck.pools.items()},
        list(enumerate(deck.facts)),
        Places("generated.yaml", lambda where: 1),
    )
    assert not problems, problems


def sample_deck(
    size: int, seed: int, kinds: Sequence[Kind] = ALL_ANSWER_KINDS, pools: bool = True
) -> DeckFile:
    """A large deck that is identical on every run: for distribution tests at fixed seeds."""
    return make_deck(RandomPick(seed), size, kinds, deck_id=f"sample-{seed}", pools=pools)


#: chi-square critical values at p = 0.001 by degrees of freedom: a fair die fails 1 in 1000.
_CHI2_CRITICAL = {1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52}


def looks_uniform(counts: Counter[int], cells: int) -> bool:
    """Chi-square test that `counts` over 0..cells-1 fit a uniform draw (p = 0.001)."""
    expected = sum(counts.values()) / cells
    chi_square = sum((counts[i] - expected) ** 2 / expected for i in range(cells))
    return chi_square < _CHI2_CRITICAL[cells - 1]


@st.composite
def decks(
    draw: st.DrawFn,
    kinds: Sequence[Kind] = ALL_ANSWER_KINDS,
    min_size: int = 1,
    max_size: int = 12,
) -> DeckFile:
    """Hypothesis decks of mixed kinds, small enough to keep a property test quick."""
    pick = DrawPick(draw)
    return make_deck(pick, pick.integer(min_size, max_size), kinds)


@st.composite
def facts_of(draw: st.DrawFn, kind: Kind) -> Fact:
    """One fact of `kind`."""
    return make_fact(DrawPick(draw), "fact", kind)


def answers_of(kind: Kind) -> st.SearchStrategy[str]:
    """Answers of one kind, as teachers write them."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        return MAKERS[kind](DrawPick(draw))

    return build()


# Hostile input: what an attacker (or a careless paste) puts into a fact file.

#: Pieces that mean something to one of our readers: GIFT and Aiken syntax, Moodle's line
#: rules, Anki's templates, HTML, terminal escape sequences and invisible characters.
HOSTILE_PIECES = (
    "\n", "\n\n", "\r", "\r\n", "\t", "\x00", "\x0b", "\x85", "\u2028", "\u2029",
    "::", ":", "->", "=", "~", "#", "####", "{", "}", "\\", "\\n", "*", "%10%", "%-50%",
    "[html]", "[id:x]", "[tag:y]", "$CATEGORY: ", "// ", "ANSWER: A", "J. K. ", "U.S. ",
    "A) ", "B. ", "<script>alert(1)</script>", "&amp;", "{{c1::x}}", "{{Front}}",
    "\x1b[2J", "\x1b]0;pwned\x07", "\x1b]52;c;aGk=\x07", "\x1b[8m", "\x9b31m", "\u202e",
    "\u200b", "\ufeff", "🦄", "é", "e\u0301",
)  # fmt: skip
#: Characters with no business in text: C0 and C1 controls, DEL, format characters.
CONTROL_CHARACTERS = st.characters(categories=("Cc", "Cf", "Zl", "Zp"))


def hostile_texts(min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[str]:
    """Text built from hostile pieces and a few plain words and characters."""
    piece = st.one_of(
        st.sampled_from(HOSTILE_PIECES),
        st.sampled_from(("word", "Kyiv", "2014", "$2.5 billion", "90%")),
        CONTROL_CHARACTERS,
        st.text(max_size=3),
    )
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


def visible_part(text: str) -> bool:
    """Whether a hostile text still has something a YAML field keeps after stripping."""
    return bool(text.strip())


#: Scale words and currencies around numbers of every size.
_NUMBER_FORMS = ("{}", "${}", "{} billion", "€{} trillion", "{}%", "{} percent", "{} km", "-{}")


@st.composite
def numbers_of_every_size(draw: st.DrawFn) -> str:
    """A number as a teacher or a student might write it, from 0 to hundreds of digits,
    with decimals, grouping, a scale word, a currency or a percent sign."""
    digits = draw(st.integers(min_value=1, max_value=80))
    whole = str(draw(st.integers(min_value=0, max_value=10**digits)))
    if draw(st.booleans()):
        whole = f"{int(whole):,}"
    decimals = draw(st.integers(min_value=0, max_value=30))
    number = whole + ("." + "".join(draw(st.sampled_from("0123456789")) for _ in range(decimals)))
    if not decimals:
        number = whole
    return draw(st.sampled_from(_NUMBER_FORMS)).format(number)
