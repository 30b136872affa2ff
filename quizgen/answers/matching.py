"""Is a typed answer right? Forgiving where a student would expect it, strict about values.

Case, spacing, punctuation, accents and a leading article never matter (`normalize_text`).
An answer that reads as a value (`reading.read`, the same reader for the typed text and for
the key) is compared by value: "$2,500 million", "2.5bn" and "2,5 billion" are "$2.5 billion";
"5,000 ml" is "5 litres" (units by `units`, which knows dimensions); "four" is 4. What only
looks close is wrong, with the reason: another currency, a unit of another size or dimension,
a range or a decade for one value. One small typo in a longer word is forgiven, and reported;
a typo that changes a number never is. The GIFT exporter lists Moodle's accepted forms with
`accepted_forms`, so Moodle accepts what the terminal quiz accepts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from quizgen.answers import currencies, units
from quizgen.answers.currencies import DEFAULT_CURRENCY
from quizgen.answers.kinds import NUMERIC_KINDS, DateValue, Kind, parse_date
from quizgen.answers.normalize import normalize_text
from quizgen.answers.reading import (
    NUMBER_WORDS,
    Amount,
    Bound,
    Reading,
    Several,
    Span,
    Unclear,
    read,
)

#: A word must be at least this long for one typo in it to be forgiven: "Iran" is not "Iraq".
TYPO_MIN_WORD = 5

_DIGITS = re.compile(r"\d+")
_LEADING_PREPOSITION = re.compile(r"^\s*(?:on|in|by|since|from|about|around|of)\s+", re.I)
_DIGIT_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class Match:
    """The verdict on one typed answer, with what the feedback needs to explain it."""

    correct: bool
    typo: bool = False  # right, but with one small typo the student should hear about
    form: str | None = None  # the answer or `accept` form it matched
    by_value: bool = False  # matched as a number or date, not as text
    note: str | None = None  # how it was read, or why it is wrong ("that is in gallons; ...")
    unclear: bool = False  # the typed form reads two ways: ask again rather than guess


WRONG = Match(correct=False)


def match_answer(
    typed: str, answers: Sequence[str], kind: Kind, currency: str = DEFAULT_CURRENCY
) -> Match:
    """Judge `typed` against the answer and its `accept` forms (answer first), all of `kind`.

    `currency` is the fact's (the deck's unless the fact says): what a bare "$" means.
    Order: an exact match after normalising text, then a comparison by value when the answer
    is a value, then the same words with numbers written as digits ("World War Two"), then one
    forgiven typo. A value that differs is final: no typo rule can turn a wrong amount right.
    """
    if not typed.strip():
        return WRONG
    typed_text = normalize_text(typed)
    for form in answers:
        if typed_text and _same_text(typed_text, normalize_text(form)):
            return Match(correct=True, form=form)
    by_value = _match_by_value(typed, answers, kind, currency)
    if by_value is not None:
        return by_value
    typed_digits = _numbers_as_digits(typed_text)
    for form in answers:
        if typed_digits != typed_text or _numbers_as_digits(normalize_text(form)) != form:
            if typed_digits == _numbers_as_digits(normalize_text(form)):
                return Match(correct=True, form=form, note=f"read {typed.strip()} as {form}")
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


def _numbers_as_digits(text: str) -> str:
    """Number words and ordinals as digits: "world war two" -> "world war 2", "first" -> "1th"."""

    def digits(found: re.Match[str]) -> str:
        reading = read(found.group(0))
        if not isinstance(reading, Amount) or reading.unit or not reading.words:
            return found.group(0)
        number = f"{reading.value.normalize():f}"
        return f"{number}th" if reading.ordinal else number

    return _DIGIT_ORDINAL.sub(r"\1th", NUMBER_WORDS.sub(digits, text))


def _match_by_value(typed: str, answers: Sequence[str], kind: Kind, currency: str) -> Match | None:
    """A verdict when the answer is a value and the typed text reads as one, else None."""
    if kind not in NUMERIC_KINDS:
        return _match_spans(typed, answers, currency)
    if kind is Kind.DATE:
        return _match_date(typed, answers, currency)
    keys = [(form, read(form, currency, money=kind is Kind.MONEY)) for form in answers]
    if not any(isinstance(key, (Amount, Span)) for _, key in keys):
        return None
    money = kind is Kind.MONEY
    has_unit = any(isinstance(key, Amount) and key.unit for _, key in keys)
    given = read(typed, currency, money=money, metres=has_unit)
    if given is None:
        return None
    if isinstance(given, Unclear):
        return Match(correct=False, by_value=True, note=given.why, unclear=True)
    if isinstance(given, (Bound, Several, Span)):
        return _not_one_value(typed, given, keys, kind)
    note: str | None = None
    for form, key in keys:
        if isinstance(key, Span):
            note = note or f"the answer is a range: {form}"
            continue
        if not isinstance(key, Amount):
            continue
        equal, why = compare_amounts(given, key)
        if equal:
            return Match(
                correct=True, form=form, by_value=True, note=f"read {typed.strip()} as {form}"
            )
        note = note or why
    return Match(correct=False, by_value=True, note=note)


def _match_spans(typed: str, answers: Sequence[str], currency: str) -> Match | None:
    """A range or a decade as the key of a term ("1928-1929", "the 1980s"): equal spans match."""
    keys = [(form, read(form, currency)) for form in answers]
    if not any(isinstance(key, Span) for _, key in keys):
        return None
    given = read(typed, currency)
    if not isinstance(given, Span):
        return None
    for form, key in keys:
        if key == given:
            return Match(
                correct=True, form=form, by_value=True, note=f"read {typed.strip()} as {form}"
            )
    return Match(correct=False, by_value=True)


def _not_one_value(
    typed: str, given: Bound | Several | Span, keys: list[tuple[str, Reading | None]], kind: Kind
) -> Match:
    """A range, decade, bound or list typed for a value: right only when the key is that span."""
    for form, key in keys:
        if isinstance(given, Span) and key == given:
            return Match(
                correct=True, form=form, by_value=True, note=f"read {typed.strip()} as {form}"
            )
    one = "one year" if kind is Kind.YEAR else "one value"
    shown = typed.strip()
    if isinstance(given, Span):
        note = f"{shown} is a {given.what}; the answer is {one}"
    elif isinstance(given, Bound):
        note = f'"{given.words}" gives a limit, not a value; the answer is {one}'
    else:
        note = f"that is more than one value; the answer is {one}"
    return Match(correct=False, by_value=True, note=note)


def compare_amounts(given: Amount, expected: Amount) -> tuple[bool, str | None]:
    """Whether a typed amount is the expected one and, when it is not but came close, why."""
    if given.currency and expected.currency and given.currency != expected.currency:
        return False, (
            f"that is in {currencies.currency_name(given.currency)}; "
            f"the answer is in {currencies.currency_name(expected.currency)}"
        )
    if given.currency and not expected.currency:
        return False, "the answer is not an amount of money"
    if given.percent and not expected.percent:
        return False, "the answer is not a percentage"
    if given.ordinal and not expected.ordinal:
        return False, "that is an ordinal (1st, 2nd...); the answer is a number"
    value = given.value
    if expected.unit and given.unit and not units.same_words(expected.unit, given.unit):
        converted, why = _converted(given, expected)
        if converted is None:
            return False, why
        value = converted
        if _within_rounding(given, expected, value):
            return True, None
    elif given.unit and expected.currency:
        unit = units.unit_of(given.unit)
        if unit.known:
            return False, f"that is in {given.unit}; the answer is an amount of money"
    if _same_number(value, expected.value):
        return True, None
    if _same_number(given.number, expected.number) and value != expected.value:
        return False, "the number is right but not its size (thousand, million, billion...)"
    return False, None


def _converted(given: Amount, expected: Amount) -> tuple[Decimal | None, str | None]:
    """The typed amount in the key's unit, or None and why it cannot be."""
    source, target = units.unit_of(given.unit), units.unit_of(expected.unit)
    wrong_unit = f"that is in {given.unit}; the answer is in {expected.unit}"
    if not (source.known and target.known):
        return None, wrong_unit
    if source.dimension != target.dimension:
        return None, (
            f"that is {source.dimension} ({given.unit}); "
            f"the answer is {target.dimension}, in {expected.unit}"
        )
    converted = units.convert(given.value, source, target)
    if converted is None or not _within_rounding(given, expected, converted):
        return None, wrong_unit
    return converted, None


def _within_rounding(given: Amount, expected: Amount, converted: Decimal) -> bool:
    """A converted amount is right when it rounds as typed: "18.9 litres" is 5 gallons.

    The typed amount must be at least as precise as the key: "5 km" is not "5,200 m".
    """
    if _same_number(converted, expected.value):
        return True
    if given.significant < expected.significant:
        return False
    exponent = given.number.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    step *= given.value / given.number if given.number else 1
    source, target = units.unit_of(given.unit), units.unit_of(expected.unit)
    upper = units.convert(given.value + step / 2, source, target)
    if upper is None:
        return False
    return abs(converted - expected.value) <= abs(upper - converted)


def _same_number(first: Decimal, second: Decimal) -> bool:
    return first.normalize() == second.normalize()


def _match_date(typed: str, answers: Sequence[str], currency: str) -> Match | None:
    given = parse_date(typed) or parse_date(_LEADING_PREPOSITION.sub("", typed))
    if given is None:
        reading = read(typed, currency)
        if isinstance(reading, (Span, Bound, Several)):
            return _not_one_value(typed, reading, [], Kind.DATE)
        return None
    for form in answers:
        expected = parse_date(form)
        if expected is not None and _date_key(expected) == _date_key(given):
            return Match(
                correct=True, form=form, by_value=True, note=f"read {typed.strip()} as {form}"
            )
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
