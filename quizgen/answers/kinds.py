"""Reading and writing values by kind (money, number, percent, year, date).

One parser serves three jobs that must agree: inferring a fact's kind from its answer, making
numeric distractors that read like the answer, and comparing a student's typed answer by value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cached_property, lru_cache

from quizgen.answers import currencies


class Kind(StrEnum):
    """What an answer is; distractors only ever come from answers of the same kind."""

    MONEY = "money"
    NUMBER = "number"
    PERCENT = "percent"
    YEAR = "year"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    TERM = "term"


#: Kinds whose values are parsed, compared by value and perturbed into distractors.
NUMERIC_KINDS = frozenset({Kind.MONEY, Kind.NUMBER, Kind.PERCENT, Kind.YEAR, Kind.DATE})

_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "k": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "bn": 10**9,
    "b": 10**9,
    "tn": 10**12,
}
_SCALE_WORDS = ("thousand", "million", "billion", "trillion")
_PERCENT_SUFFIXES = ("%", " %", " percent", " per cent", "percent")

_SCALE_ABBREVIATIONS = ("k", "m", "bn", "tn")  # the ones we write; more are read
_scale_pattern = (
    r"\s?(?:thousand|million|billion|trillion|mln|mn|bn|tn)(?![\w-])|(?:k|m|b)(?![\w-])"
)
_NUMBER = r"(?P<sign>[-−])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_QUANTITY = re.compile(
    rf"(?P<prefix>{currencies.BEFORE_PATTERN})?"
    rf"{_NUMBER}"
    rf"(?P<scale>{_scale_pattern})?",
    re.IGNORECASE,
)
_UNIT_SUFFIX = re.compile(
    r"-[a-z]+(?:-[a-z]+)?"  # 20-point, 20-year-old
    r"|\s?°[CFK]"  # 465 °C, -40°F
    # 8 planets, 100 degrees Celsius, 27 km/h, 9.8 m/s²; short symbols may be capitals (1.5 AU,
    # 5,778 K) but longer capitalised words are names: "10 Downing Street", "50 Cent".
    r"|\s[a-z]+(?:/[A-Za-z]+)?[²³]?(?:\s[A-Za-z]+)?"
    r"|\s[A-Za-zµ]{1,3}(?:/[A-Za-z]+)?[²³]?(?:\s[a-z]+)?"
)


def _currency_suffix(text: str, *, whole: bool) -> str | None:
    """The currency name or code after an amount (" dollars", " CAD"), when there is one."""
    if not text[:1].isspace():
        return None
    found = currencies.name_at(text, 1)
    if found is None or (whole and text[found[1] :].strip()):
        return None
    return found[0]


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_LOOKUP = (
    {m.lower(): i for i, m in enumerate(MONTHS, 1)}
    | {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
    | {"sept": 9}
)
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = {
    "iso": re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"),
    "day-month-year": re.compile(rf"(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})"),
    "month-day-year": re.compile(rf"{_MONTH} (?P<day>\d{{1,2}}), (?P<year>\d{{4}})"),
    "month-year": re.compile(rf"{_MONTH} (?P<year>\d{{4}})"),
}
MIN_YEAR, MAX_YEAR = 1000, 2100
#: Marks written after a year that say its era: "44 BC", "476 AD"; those before year one.
BC_MARKS = frozenset({"BC", "BCE"})
ERA_MARKS = BC_MARKS | {"AD", "CE"}
#: The numbers quizgen computes with (distractors, formatting, comparing typed answers): at
#: most 15 significant digits, 10 decimals and 24 digits in all, so below 10**24 ("a million
#: billion billion"). Larger ones would overflow decimal's 28-digit arithmetic: they read as no
#: number at all, and `oversized_number` lets the checks say why.
MAX_SIGNIFICANT_DIGITS = 15
MAX_DECIMALS = 10
MAX_WRITTEN_DIGITS = 24
MAX_MAGNITUDE = Decimal(10) ** MAX_WRITTEN_DIGITS


@dataclass(frozen=True)
class Quantity:
    """A number as written: enough to compare it by value and to write another like it."""

    kind: Kind
    value: Decimal  # the absolute value: "$2.5 billion" -> 2500000000
    prefix: str = ""  # verbatim before the number: "$", "€", "USD "
    scale: str = ""  # verbatim scale word: "billion", "bn"
    suffix: str = ""  # verbatim after: "%", "-point", " dollars"
    decimals: int = 0  # digits after the point as written
    grouped: bool = False  # written with thousands separators
    currency: str | None = None  # ISO code for money

    @cached_property
    def unit(self) -> str:
        """The suffix as a unit to compare: "8 planets" and "9 Planets" share one."""
        return self.suffix.strip().lower()

    def currency_in(self, context: str) -> str | None:
        """The currency in a deck whose currency is `context`: "$" is CAD in a Canadian deck."""
        if not self.currency:
            return None
        marker = self.prefix.strip() or self.suffix.strip()
        return currencies.resolve(marker, context) or self.currency

    @property
    def multiplier(self) -> int:
        """What the scale word multiplies by: 10**9 for "billion", 1 without one."""
        return _SCALES[self.scale.strip().lower()] if self.scale else 1

    @property
    def written(self) -> Decimal:
        """The number as written, before its scale word: 2.5 for "$2.5 billion"."""
        return self.value / self.multiplier


@dataclass(frozen=True)
class DateValue:
    """A calendar date and the way it was written, so distractors use the same format."""

    value: date
    style: str  # a key of _DATE_PATTERNS
    abbreviated: bool = False  # "Feb" rather than "February"
    padded: bool = False  # "05" rather than "5"


Value = Quantity | DateValue


def _decimal(number: str, sign: str | None) -> Decimal:
    value = Decimal(number.replace(",", ""))
    return -value if sign else value


def _month_number(name: str) -> int | None:
    return _MONTH_LOOKUP.get(name.lower().rstrip("."))


def parse_date(text: str) -> DateValue | None:
    """A whole string read as a date in one of the supported formats, else None."""
    text = text.strip()
    for style, pattern in _DATE_PATTERNS.items():
        found = pattern.fullmatch(text)
        if not found:
            continue
        parts = found.groupdict()
        month = int(parts["mon"]) if "mon" in parts else _month_number(parts["month"])
        if month is None:
            continue
        day_text = parts.get("day") or "1"
        try:
            value = date(int(parts["year"]), month, int(day_text))
        except ValueError:
            return None
        month_text = parts.get("month") or ""
        return DateValue(
            value=value,
            style=style,
            abbreviated=bool(month_text) and len(month_text.rstrip(".")) == 3 and month != 5,
            padded=style == "iso" or (len(day_text) == 2 and day_text.startswith("0")),
        )
    return None


def format_date(template: DateValue, value: date) -> str:
    """Write `value` the way `template` was written."""
    month = MONTHS[value.month - 1]
    if template.abbreviated:
        month = month[:3]
    day = f"{value.day:02d}" if template.padded else str(value.day)
    if template.style == "iso":
        return value.isoformat()
    if template.style == "day-month-year":
        return f"{day} {month} {value.year}"
    if template.style == "month-day-year":
        return f"{month} {day}, {value.year}"
    return f"{month} {value.year}"


def _too_large(number: str, scale: str) -> bool:
    """Whether a number as written lies outside what quizgen computes with (MAX_MAGNITUDE)."""
    whole, _, decimals = number.replace(",", "").partition(".")
    whole_digits = len(whole.lstrip("0"))
    exponent = len(str(_SCALES[scale.strip().lower()])) - 1 if scale else 0
    return (
        len(decimals) > MAX_DECIMALS
        or whole_digits + len(decimals) > MAX_WRITTEN_DIGITS
        or whole_digits + exponent > MAX_WRITTEN_DIGITS
        or len((whole + decimals).strip("0")) > MAX_SIGNIFICANT_DIGITS
    )


def oversized_number(text: str) -> bool:
    """Whether `text` starts with a number too large or too precise to compute with."""
    found = _QUANTITY.match(text.strip())
    return found is not None and _too_large(found.group("number"), found.group("scale") or "")


def _quantity_from_match(found: re.Match[str], suffix: str) -> Quantity | None:
    prefix = found.group("prefix") or ""
    scale = found.group("scale") or ""
    number = found.group("number")
    if _too_large(number, scale):
        return None
    try:
        value = _decimal(number, found.group("sign"))
    except InvalidOperation:
        return None
    value *= _SCALES[scale.strip().lower()] if scale else 1
    if abs(value) >= MAX_MAGNITUDE:
        return None
    decimals = len(number.split(".")[1]) if "." in number else 0
    grouped = "," in number
    currency = currencies.resolve(prefix) if prefix.strip() else None
    currency_suffix = _currency_suffix(suffix, whole=True)
    if currency is None and currency_suffix:
        currency = currencies.resolve(currency_suffix)
    era = suffix.strip().upper()
    if currency:
        kind = Kind.MONEY
    elif suffix.lower() in _PERCENT_SUFFIXES:
        kind = Kind.PERCENT
    elif (
        era in ERA_MARKS
        and not scale
        and not grouped
        and not decimals
        and not found.group("sign")
        and len(number) <= 4
        and int(number) > 0
    ):
        # "509 BC", "476 AD": a year of its era; one BC is stored below zero, so years sort
        # and step in time (and is written back with its mark: `format_quantity`).
        kind = Kind.YEAR
        if era in BC_MARKS:
            value = -value
    elif (
        not suffix
        and not scale
        and not grouped
        and not decimals
        and not found.group("sign")
        and len(number) == 4
        and MIN_YEAR <= int(number) <= MAX_YEAR
    ):
        kind = Kind.YEAR
    elif not suffix or _UNIT_SUFFIX.fullmatch(suffix):
        kind = Kind.NUMBER
    else:
        return None
    return Quantity(
        kind=kind,
        value=value,
        prefix=prefix,
        scale=scale,
        suffix=suffix,
        decimals=decimals,
        grouped=grouped,
        currency=currency,
    )


def parse_quantity(text: str) -> Quantity | None:
    """A whole answer read as money, a percentage, a year or a number, else None."""
    text = text.strip()
    found = _QUANTITY.match(text)
    if not found:
        return None
    number = found.group("number")
    if len(number) > 1 and number[0] == "0" and number[1].isdigit():
        return None  # "007", "0900": a code or a time, not an amount to perturb
    return _quantity_from_match(found, text[found.end() :])


@lru_cache(maxsize=1 << 16)
def parse_value(text: str) -> Value | None:
    """The numeric reading of an answer: a date or a quantity, whichever the whole text is."""
    return parse_date(text) or parse_quantity(text)


def infer_kind(answer: str) -> Kind:
    """The kind a teacher means when they leave `kind` out: numeric if it reads so, else term."""
    value = parse_value(answer)
    if isinstance(value, DateValue):
        return Kind.DATE
    if isinstance(value, Quantity):
        return value.kind
    return Kind.TERM


@lru_cache(maxsize=1 << 16)
def value_of(text: str, kind: Kind) -> Value | None:
    """The value of `text` read as `kind`, or None when it does not read as one."""
    value = parse_value(text)  # cached: answers were already read when their kind was inferred
    if kind is Kind.DATE:
        return value if isinstance(value, DateValue) else None
    if kind not in NUMERIC_KINDS:
        return None
    quantity = parse_quantity(text) if isinstance(value, DateValue) else value
    if quantity is None:
        return None
    if quantity.kind == kind or (kind is Kind.NUMBER and quantity.kind is Kind.YEAR):
        return quantity
    if kind is Kind.YEAR and quantity.kind is Kind.NUMBER and not quantity.suffix:
        return quantity
    return None


def _format_number(value: Decimal, decimals: int, grouped: bool) -> str:
    return f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"


def _needed_decimals(value: Decimal, most: int = 2) -> int:
    for decimals in range(most + 1):
        if value == value.quantize(Decimal(1).scaleb(-decimals)):
            return decimals
    return most


def format_quantity(template: Quantity, value: Decimal) -> str:
    """Write `value` the way `template` was written, changing the scale word only when crossed.

    `$2.5 billion` as a template writes 4e9 as `$4 billion` and 5e8 as `$500 million`.
    """
    written_scale = template.scale.strip().lower()
    decimals, grouped, number, scale = template.decimals, template.grouped, value, ""
    if written_scale:
        family = _SCALE_WORDS if written_scale in _SCALE_WORDS else _SCALE_ABBREVIATIONS
        floor = min(_SCALES[written_scale], 10**6)
        usable = [s for s in reversed(family) if _SCALES[s] >= floor]
        chosen = next((s for s in usable if abs(value) >= _SCALES[s]), None)
        if chosen is None:
            grouped, decimals = True, _needed_decimals(value, 0)
        else:
            number = value / _SCALES[chosen]
            # Scaled amounts read best without trailing zeros: "$4 billion", not "$4.0 billion".
            most = max(template.decimals, 1)
            if _SCALES[chosen] > _SCALES[written_scale]:
                most += 3  # a scale word up moves three digits: "$1,250 million", "$1.25 billion"
            number = round(number, most)  # 3.02 at one decimal is "3", not "3.0"
            decimals = _needed_decimals(number, most)
            if _SCALES[chosen] != _SCALES[written_scale]:
                scale = chosen
            else:
                scale = template.scale.strip()
            space = template.scale[: len(template.scale) - len(template.scale.lstrip())]
            scale = space + (scale.upper() if template.scale.strip().isupper() else scale)
    if not grouped and template.kind is Kind.MONEY and abs(template.value) < 1000 <= abs(number):
        grouped = True  # "$499" cannot show its grouping: "$1,499", as sums are written
    if template.kind is Kind.YEAR and number < 0:
        number = -number  # "515 BC": the mark says which side of year one
    text = _format_number(number, decimals, grouped)
    return f"{template.prefix}{text}{scale}{template.suffix}"


def find_quantities(text: str) -> list[Quantity]:
    """Every number in free text, each with its currency, scale and percent sign when present.

    Used on typed answers: "in 2014", "2.5 bn", "$2,500 million" and "90 percent" all read.
    """
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        if match.start() > 0 and (
            text[match.start() - 1].isalnum() or text[match.start() - 1] == "."
        ):
            continue
        rest = text[match.end() :]
        suffix = ""
        if re.match(r"\s?(%|percent\b|per cent\b)", rest, re.IGNORECASE):
            suffix = "%"
        else:
            currency_word = _currency_suffix(rest, whole=False)
            if currency_word:
                suffix = " " + currency_word
        quantity = _quantity_from_match(match, suffix)
        if quantity is not None:
            found.append(quantity)
    return found


def _alternatives(words: Iterable[str]) -> str:
    """A regex group matching any of `words`, longest first (so "US$" wins over "$")."""
    return "(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + ")"


#: The vocabulary of amounts and dates as regex groups, for readers of prose (`draft`): built
#: from `currencies` (the one currency table) and MONTHS, so what is known here is known
#: everywhere.
CURRENCY_SYMBOL_PATTERN = _alternatives(currencies.SYMBOLS)
CURRENCY_CODE_PATTERN = _alternatives(currencies.CODES)
CURRENCY_WORD_PATTERN = _alternatives(currencies.NAMES) + r"\b"
MONTH_PATTERN = _alternatives({*MONTHS, *(month[:3] for month in MONTHS), "Sept"}) + r"\.?"
