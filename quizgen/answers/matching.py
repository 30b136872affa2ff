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
    in_words,
    ordinal_in_words,
    ordinal_suffix,
    read,
)

#: How far a converted amount may be from the key and still be the key, rounded: 1%.
ROUNDING = Decimal("0.01")
#: A word must be at least this long for one typo in it to be forgiven: "Iran" is not "Iraq".
TYPO_MIN_WORD = 5

_DIGITS = re.compile(r"\d+")
_LEADING_PREPOSITION = re.compile(r"^\s*(?:on|in|by|since|from|about|around|of)\s+", re.I)
_GENERIC_MARKER = re.compile(
    "|".join(re.escape(m) if not m.isalpha() else rf"\b{m}\b" for m in currencies.GENERIC_MARKERS),
    re.I,
)
_WRITTEN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
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
    typed_numbers = _WRITTEN_NUMBER.findall(typed)
    for form in answers:
        if typed_text and _same_text(typed_text, normalize_text(form)):
            if typed_numbers == _WRITTEN_NUMBER.findall(form):  # "2.500" is not "2,500" as text
                return Match(correct=True, form=form)
    by_value = _match_by_value(typed, answers, kind, currency)
    if by_value is not None:
        return by_value
    typed_digits = _numbers_as_digits(typed_text)
    for form in answers:
        if typed_digits != typed_text or _numbers_as_digits(normalize_text(form)) != form:
            if typed_digits == _numbers_as_digits(normalize_text(form)):
                return Match(correct=True, form=form, note=f"read {typed.strip()} as {form}")
    if kind is Kind.PERSON and typed.count(",") == 1:
        last, first = (part.strip() for part in typed.split(","))
        for form in answers:
            if first and last and normalize_text(f"{first} {last}") == normalize_text(form):
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
            read_as = f"read {typed.strip()} as {form}"
            if key.currency and _GENERIC_MARKER.search(form):  # "$" alone: say which dollar
                read_as += f" ({currencies.currency_name(key.currency)})"
            return Match(correct=True, form=form, by_value=True, note=read_as)
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

    The typed amount must be at least as precise as the key ("5 km" is not "5,200 m") and
    within ROUNDING of it ("1 mile" is not "1 km", though 1 mile rounds to 1.6 km).
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
    if upper is None or not expected.value:
        return False
    error = abs(converted - expected.value)
    return error <= abs(upper - converted) and error <= abs(expected.value) * ROUNDING


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


# --- the forms another grader must list ------------------------------------------------------

#: Numbers below this are safe as a Moodle numerical question: Moodle reads one comma as a
#: decimal comma ("1,500" is 1.5 there, 1,500 here), so a number a student may group with a
#: comma, and a year, is a short answer instead.
NUMERICAL_BELOW = 1000
_SCALE_FORMS = (
    (10**12, "trillion", ("tn",)),
    (10**9, "billion", ("bn", "b")),
    (10**6, "million", ("m", "mn")),
    (10**3, "thousand", ("k",)),
)


def numerical_answer(answers: Sequence[str], kind: Kind) -> Decimal | None:
    """The number for a Moodle numerical question `{#...}`, when the answer is a bare number.

    Bare means no currency, percent sign, unit or ordinal, every accepted form the same number
    in digits, and a value below 1,000, where Moodle reads every form as this module does.
    Else None: the answer becomes a short answer listing its `accepted_forms`.
    """
    if kind is not Kind.NUMBER:
        return None
    values = set()
    for form in answers:
        reading = read(form)
        if not isinstance(reading, Amount) or reading.words or reading.approximate:
            return None
        if reading.currency or reading.percent or reading.unit or reading.ordinal:
            return None
        values.add(reading.value.normalize())
    if len(values) != 1:
        return None
    value = values.pop()
    return value if abs(value) < NUMERICAL_BELOW else None


def accepted_forms(
    answers: Sequence[str], kind: Kind, currency: str = DEFAULT_CURRENCY
) -> list[str]:
    """The forms of the answer a student may type, for graders that compare strings (Moodle).

    The answers first (the first one is what Moodle shows as the right answer), then the same
    value written with and without currency symbols, codes and names, thousands separators,
    scale words and their abbreviations, a decimal comma, number words, percent words and the
    unit; text without its punctuation or leading article. Every form listed is one this
    module accepts, so the two graders never disagree about a listed form. Case is left to
    the grader (Moodle's short answers ignore it).
    """
    candidates: list[str] = list(answers)
    candidates += [f"the {form}" for form in answers]  # a leading article never matters
    if kind in (Kind.YEAR, Kind.DATE):
        candidates += [f"in {form}" for form in answers]
    for form in answers:
        reading = read(form, currency, money=kind is Kind.MONEY) if kind in NUMERIC_KINDS else None
        if isinstance(reading, Amount):
            candidates += [form] if kind is Kind.YEAR else _amount_forms(reading, currency)
        else:
            candidates += _text_forms(form)
    seen: set[str] = set()
    forms: list[str] = []
    for candidate in candidates:
        key = " ".join(candidate.split()).casefold()
        if not key or key in seen:
            continue
        seen.add(key)
        verdict = match_answer(candidate, answers, kind, currency)
        if candidate in answers or (verdict.correct and not verdict.typo):
            forms.append(" ".join(candidate.split()))
    return forms


def value_is_whole(value: Decimal) -> bool:
    """Whether a value has no fractional part: 20 and 20.0, not 2.5."""
    return value == value.to_integral_value()


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _grouped(value: Decimal) -> str:
    whole = value.to_integral_value()
    if value == whole:
        return f"{int(whole):,}"
    return f"{value.normalize():,f}"


def _number_forms(value: Decimal) -> tuple[list[str], list[str]]:
    """One value in the ways it is written: (the usual forms, further ones).

    Usual: 2500000000, 2,500,000,000, 2.5 billion, 2.5bn. Further: 2 500 000 000, 2.5 bn,
    2,5 billion, 2,500 million, 2500m, number words. Currency markers and units are combined
    with the usual forms only, to keep the list to what students write.
    """
    usual, further = [_plain(value), _grouped(value)], []
    if abs(value) >= 1000 and value == value.to_integral_value():
        further.append(_grouped(value).replace(",", " "))
    fraction = -int(value.normalize().as_tuple().exponent)
    if 0 < fraction <= 2 and abs(value) < 1000:
        further.append(_plain(value).replace(".", ","))  # a decimal comma
    scales = [entry for entry in _SCALE_FORMS if 1 <= abs(value) / entry[0] < 10**4]
    for rank, (size, word, abbreviations) in enumerate(scales[:2]):
        scaled = value / size
        if scaled != scaled.quantize(Decimal("0.001")):
            continue
        number = _plain(scaled)
        (usual if rank == 0 else further).extend(
            [f"{number} {word}", f"{number}{abbreviations[0]}"]
        )
        if len(abbreviations[0]) > 1:  # "2.5 bn"; a spaced "m" is metres
            further.append(f"{number} {abbreviations[0]}")
        if abs(scaled) >= 1000:
            further.append(f"{_grouped(scaled)} {word}")
        if 0 < -int(scaled.normalize().as_tuple().exponent) <= 2:
            further.append(f"{number.replace('.', ',')} {word}")
        if scaled == scaled.to_integral_value() and (words := in_words(int(scaled))):
            further.append(f"{words} {word}")
    if value == value.to_integral_value() and 0 <= value < 10**6:
        words = in_words(int(value))
        further += [words] if words else []
    return usual, further


def _amount_forms(amount: Amount, currency: str) -> list[str]:
    if amount.ordinal:
        number = int(amount.value)
        words = ordinal_in_words(number)
        return [f"{number}{ordinal_suffix(number)}", *([words] if words else [])]
    usual, further = _number_forms(amount.value)
    numbers = [*usual, *further]
    if amount.currency:
        before, after = currencies.written_markers(amount.currency, currency)
        entry = currencies.currency(amount.currency)
        names = [name for name in after if name in (entry.plural if entry else "", "dollars")]
        names.append(amount.currency)
        # after a symbol, also the other scale and no space before "bn": "$2,500 million"
        marked = [*usual, *(n for n in further if re.fullmatch(r"[\d.,]+(?: [a-z]+|[a-z]+)?", n))]
        return [
            *numbers,
            *(f"{marker}{number}" for marker in before for number in marked),
            *(f"{number} {name}" for name in names for number in usual),
        ]
    if amount.percent:
        signs = ("%", " %", " percent", " per cent")
        written = [*(f"{number}{sign}" for sign in signs for number in usual)]
        return [*numbers, *written, *(f"{n} percent" for n in further if n.isalpha())]
    if value_is_whole(amount.value) and abs(amount.value) < NUMERICAL_BELOW:
        numbers.append(f"{int(amount.value)}.0")
    if amount.unit:
        glued = len(amount.unit) <= 3
        return [
            *numbers,
            *(f"{number} {amount.unit}" for number in numbers),
            *(f"{number}{amount.unit}" for number in usual if glued),
        ]
    return numbers


_TEXT_PUNCTUATION = re.compile(r"[.,;:!?'’\"()]")


def _text_forms(form: str) -> list[str]:
    """The same text without punctuation, hyphens or a leading article, numbers as digits."""
    bare = " ".join(_TEXT_PUNCTUATION.sub("", form).split())
    forms = [bare, bare.replace("-", " "), bare.replace("-", "")]
    for text in list(forms):
        lowered = text.lower()
        for article in ("the ", "a ", "an "):
            if lowered.startswith(article):
                forms.append(text[len(article) :])
    digits = _numbers_as_digits(normalize_text(form))
    if digits != normalize_text(form) and not re.search(r"\dth\b", digits):
        forms.append(digits)
    forms.append(_ORDINAL_DIGITS.sub(_ordinal_word, form))
    forms.append(_SMALL_NUMBER.sub(_number_word, form))
    return forms


_ORDINAL_DIGITS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_SMALL_NUMBER = re.compile(r"(?<![\d.,$€£])\b(\d{1,2})\b(?![.,]\d)")


def _ordinal_word(found: re.Match[str]) -> str:
    return ordinal_in_words(int(found.group(1))) or found.group(0)


def _number_word(found: re.Match[str]) -> str:
    return in_words(int(found.group(1))) or found.group(0)


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
