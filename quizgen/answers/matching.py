"""Is a typed answer right? Forgiving where a student would expect it, strict about numbers.

Case, spacing, punctuation, accents and a leading article never matter (`normalize_text`).
A typed answer holding one number is compared by value with `kinds.find_quantities`, the same
parser that reads fact files, so "$2,500 million" and "2.5 bn" are "$2.5 billion" while
"€2.5 billion" is not. One small typo in a longer word is forgiven, and reported; a typo that
changes a number never is: "$2.6 billion" is a wrong answer, not a slip.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from quizgen.answers.kinds import (
    NUMERIC_KINDS,
    DateValue,
    Kind,
    Quantity,
    find_quantities,
    parse_date,
)
from quizgen.answers.kinds import value_of as kind_value_of
from quizgen.answers.normalize import normalize_text

#: A word must be at least this long for one typo in it to be forgiven: "Iran" is not "Iraq".
TYPO_MIN_WORD = 5

_DIGITS = re.compile(r"\d+")
_LEADING_PREPOSITION = re.compile(r"^\s*(?:on|in|by|since|from|about|around|of)\s+", re.I)
_CURRENCY_NAMES = {
    "USD": "US dollars",
    "EUR": "euros",
    "GBP": "pounds",
    "CAD": "Canadian dollars",
    "AUD": "Australian dollars",
    "JPY": "yen",
    "UAH": "hryvnias",
    "RUB": "roubles",
    "CHF": "Swiss francs",
}


@dataclass(frozen=True)
class Match:
    """The verdict on one typed answer, with what the feedback needs to explain it."""

    correct: bool
    typo: bool = False  # right, but with one small typo the student should hear about
    form: str | None = None  # the answer or `accept` form it matched
    by_value: bool = False  # matched as a number or date, not as text
    note: str | None = None  # why, when it is not obvious ("in euros, not US dollars")


WRONG = Match(correct=False)


def match_answer(typed: str, answers: Sequence[str], kind: Kind) -> Match:
    """Judge `typed` against the answer and its `accept` forms (answer first), all of `kind`.

    Order: an exact match after normalising text, then a comparison by value when the answer
    is a number or date, then one forgiven typo. A number that differs is final: no typo rule
    can turn a wrong amount into a right one.
    """
    if not typed.strip():
        return WRONG
    typed_text = normalize_text(typed)
    for form in answers:
        if typed_text and _same_text(typed_text, normalize_text(form)):
            return Match(correct=True, form=form)
    numeric = _match_by_value(typed, answers, kind)
    if numeric is not None:
        return numeric
    for form in answers:
        if _one_forgivable_typo(typed_text, normalize_text(form)):
            return Match(correct=True, typo=True, form=form)
    return WRONG


def _same_text(typed: str, expected: str) -> bool:
    """Equal once normalised, spaces aside ("U.S." is "US"), with the same digit runs."""
    if typed == expected:
        return True
    squashed = typed.replace(" ", "") == expected.replace(" ", "")
    return squashed and _DIGITS.findall(typed) == _DIGITS.findall(expected)


def _match_by_value(typed: str, answers: Sequence[str], kind: Kind) -> Match | None:
    """A verdict when the answer is numeric and the typed text holds one number, else None."""
    if kind not in NUMERIC_KINDS:
        return None
    if kind is Kind.DATE:
        return _match_date(typed, answers)
    found = find_quantities(typed)
    if len(found) != 1:
        return None
    given = found[0]
    note: str | None = None
    for form in answers:
        expected = kind_value_of(form, kind)
        if not isinstance(expected, Quantity):
            continue
        equal, why = _compare_quantities(given, expected)
        if equal:
            return Match(correct=True, form=form, by_value=True)
        note = note or why
    if any(isinstance(kind_value_of(form, kind), Quantity) for form in answers):
        return Match(correct=False, by_value=True, note=note)
    return None


def _compare_quantities(given: Quantity, expected: Quantity) -> tuple[bool, str | None]:
    """Whether they are equal and, when the number is right but the unit is not, why not."""
    same_value = _same_number(given.value, expected.value)
    if given.currency and given.currency != expected.currency:
        if not same_value:
            return False, None
        if expected.currency:
            return False, (
                f"that amount is in {_currency_name(given.currency)}, "
                f"not {_currency_name(expected.currency)}"
            )
        return False, "the answer is not an amount of money"
    if given.kind is Kind.PERCENT and expected.kind is not Kind.PERCENT:
        return False, "the answer is not a percentage" if same_value else None
    return same_value, None


def _same_number(first: Decimal, second: Decimal) -> bool:
    return first.normalize() == second.normalize()


def _currency_name(code: str) -> str:
    return _CURRENCY_NAMES.get(code, code)


def _match_date(typed: str, answers: Sequence[str]) -> Match | None:
    given = parse_date(typed) or parse_date(_LEADING_PREPOSITION.sub("", typed))
    if given is None:
        return None
    for form in answers:
        expected = parse_date(form)
        if expected is not None and _date_key(expected) == _date_key(given):
            return Match(correct=True, form=form, by_value=True)
    return Match(correct=False, by_value=True)


def _date_key(value: DateValue) -> tuple[object, ...]:
    # "February 2022" names a month, not its first day: "1 February 2022" is more than asked.
    return (value.value, value.style == "month-year")


def _one_forgivable_typo(typed: str, expected: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours, inside a long word only.

    Numbers must agree digit for digit, so a slip can never change an amount or a year.
    """
    if not typed or typed == expected or _DIGITS.findall(typed) != _DIGITS.findall(expected):
        return False
    if abs(len(typed) - len(expected)) > 1 or not _within_one_edit(typed, expected):
        return False
    word = _word_at(expected, _first_difference(typed, expected))
    return len(word) >= TYPO_MIN_WORD and not any(ch.isdigit() for ch in word)


def _first_difference(first: str, second: str) -> int:
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return index
    return min(len(first), len(second))


def _word_at(text: str, index: int) -> str:
    """The word around `index`; at a space (a slip that joins or splits words), both words."""
    index = min(index, len(text) - 1)
    start = text.rfind(" ", 0, index) + 1
    if text[index] == " ":
        end = text.find(" ", index + 1)
    else:
        end = text.find(" ", index)
    return text[start : end if end >= 0 else len(text)]


def _within_one_edit(first: str, second: str) -> bool:
    """Optimal string alignment distance <= 1, in linear time."""
    if first == second:
        return True
    index = _first_difference(first, second)
    if len(first) == len(second):
        if first[index + 1 :] == second[index + 1 :]:
            return True  # one substitution
        return (
            first[index : index + 2] == second[index : index + 2][::-1]
            and first[index + 2 :] == second[index + 2 :]
        )  # two neighbours swapped
    shorter, longer = sorted((first, second), key=len)
    return shorter[index:] == longer[index + 1 :]  # one insertion or deletion


def choice_index(typed: str, count: int) -> int | None:
    """A multiple-choice reply as an option index: a letter (either case) or a 1-based number."""
    reply = typed.strip().rstrip(").").strip()
    if len(reply) == 1 and reply.isalpha():
        index = ord(reply.upper()) - ord("A")
        return index if 0 <= index < count else None
    if reply.isdigit():
        index = int(reply) - 1
        return index if 0 <= index < count else None
    return None
