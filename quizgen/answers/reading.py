"""How an answer reads as a value: the one reader for typed answers and for the keys they meet.

A student writes numbers in many ways: "20,000", "20 000", "twenty thousand", "2.5bn",
"2,5 billion" (a decimal comma: one or two digits after it), "C$2.5 billion", "about 70",
"1st" and "first". All read to an `Amount`. Some forms are not one value at all and read as
such, so that they can be judged wrong with a reason: a range ("70-80", "1928-1929", "between
70 and 80") or a decade ("1980s") reads as a `Span`, "more than 70" as a `Bound`, "70 or 80"
as `Several`. A form that could mean two things ("2.500": 2.5, or 2,500 with a European
thousands dot) reads as `Unclear`, so the quiz can ask instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from quizgen.answers import currencies

_SMALL = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * number
    for number, word in enumerate(
        "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
    )
    if word != "_"
}
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINAL_SMALL = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_ORDINAL_TENS = {word[:-1] + "ieth": number for word, number in _TENS.items()}
_ORDINAL_SCALES = {"hundredth": 100, "thousandth": 1000, "millionth": 10**6}
ORDINAL_WORDS = _ORDINAL_SMALL | _ORDINAL_TENS | _ORDINAL_SCALES
_VOCABULARY = [
    *_SMALL,
    *_TENS,
    *_SCALE_WORDS,
    *ORDINAL_WORDS,
    "hundred",
    "dozen",
    "half",
    "a",
    "an",
    "and",
]
_WORD = "|".join(sorted(_VOCABULARY, key=len, reverse=True))
#: A run of number words ("twenty-five", "two and a half billion"), to read or rewrite as digits.
NUMBER_WORDS = re.compile(rf"(?:{_WORD})(?:[\s-]+(?:{_WORD}))*(?![\w])", re.IGNORECASE)

_APPROXIMATE = re.compile(
    r"^(?:about|around|roughly|approximately|approx\.?|circa|ca\.|c\.|some|~|≈)\s*", re.I
)
_BOUND = re.compile(
    r"^(?:more than|less than|fewer than|over|under|above|below|at least|at most|up to|"
    r"nearly|almost|upwards of|just over|just under)\s+",
    re.I,
)
_PREPOSITION = re.compile(r"^(?:in|on|by|since|from|of|at|the|year)\s+", re.I)
_DIGITS = re.compile(
    r"[-−+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)"
    r"(?![\d,.]*\d)"
)
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)(?![\w])", re.I)
_SCALE = re.compile(
    r"^(?:\s?(?P<word>thousand|million|billion|trillion|mln|mn|bn|tn)|(?P<letter>[kmb]))(?![\w])",
    re.I,
)
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES |= {"mln": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12, "k": 10**3, "m": 10**6}
_SCALES |= {"b": 10**9}
_PERCENT = re.compile(r"^\s?(?:%|percent(?![\w])|per cent(?![\w])|pct(?![\w]))", re.I)
_BEFORE = re.compile(rf"^(?:{currencies.BEFORE_PATTERN})", re.I)
_WORD_START = re.compile(r"(?<!\S)\S")
_RANGE = re.compile(
    r"^(?:between\s+(?P<a1>.+?)\s+and\s+(?P<b1>.+)|from\s+(?P<a2>.+?)\s+to\s+(?P<b2>.+)|"
    r"(?P<a3>.+?)\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|\bthrough\b)\s*(?P<b3>.+))$",
    re.I,
)
_SEVERAL = re.compile(r"^(?P<a>.+?)\s+(?:or|and/or)\s+(?P<b>.+)$", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?'?(?P<digits>\d{3}0|\d0)'?s$", re.I)
_ONE = Decimal(1)
#: Generic currency words that are also units of measure: "5 pounds" of flour.
_ALSO_UNITS = frozenset({"pound", "pounds"})
#: Longer text is not read as a value at all.
MAX_VALUE_LENGTH = 200
#: Unit words longer than this are free text, not a unit.
_MAX_UNIT_WORDS = 4


@dataclass(frozen=True)
class Amount:
    """One value as written: a number with its scale, currency, percent sign and unit."""

    value: Decimal  # scale applied: "2.5 billion" -> 2500000000
    number: Decimal  # as written before the scale: 2.5
    currency: str | None = None  # ISO code, resolved in the deck's currency
    percent: bool = False
    ordinal: bool = False  # "1st", "first"
    unit: str = ""  # what follows, as written: "ml", "litres", "planets"
    words: bool = False  # the number was written in words
    approximate: bool = False  # "about 70"

    @property
    def significant(self) -> int:
        """Significant digits as written: 18.9 has 3, 5 has 1, 1500 has 2."""
        digits = self.number.normalize().as_tuple().digits
        return len(digits)


@dataclass(frozen=True)
class Span:
    """Several values as one answer: a range or a decade."""

    low: Decimal
    high: Decimal
    what: str  # "range" or "decade"


@dataclass(frozen=True)
class Bound:
    """ "more than 70": a limit, not a value."""

    words: str


@dataclass(frozen=True)
class Several:
    """ "70 or 80": more than one value offered."""


@dataclass(frozen=True)
class Unclear:
    """A form that reads two ways; `why` says which, so the student can write it plainly."""

    why: str


Reading = Amount | Span | Bound | Several | Unclear


def read(
    text: str,
    currency: str = currencies.DEFAULT_CURRENCY,
    *,
    money: bool = False,
    metres: bool = False,
) -> Reading | None:
    """The value `text` holds as a whole, or None when it is not a value.

    `currency` is the deck's: a bare "$" or "dollars" means it when it is a dollar. `money`
    says the key is an amount of money, so "pounds" are pounds sterling, not weight. `metres`
    says the key is a length, so "1500m" is 1,500 metres rather than 1,500 million.
    """
    if len(text) > MAX_VALUE_LENGTH:
        return None  # no value is written in a paragraph; and the reading stays fast
    return _read(" ".join(text.split()), currency, money, metres)


@lru_cache(maxsize=1 << 14)
def _read(text: str, currency: str, money: bool, metres: bool) -> Reading | None:
    text = text.rstrip(".!").strip()
    approximate = False
    while found := _APPROXIMATE.match(text):
        if found.end() == 0:
            break
        approximate, text = True, text[found.end() :]
    if _BOUND.match(text):
        rest = _BOUND.sub("", text)
        return Bound(text[: len(text) - len(rest)].strip()) if _amount(rest, currency) else None
    while _PREPOSITION.match(text):
        text = _PREPOSITION.sub("", text, count=1)
    decade = _DECADE.match(text)
    if decade:
        digits = decade.group("digits")
        start = Decimal(int(digits) + (1900 if len(digits) == 2 else 0))
        return Span(start, start + 9, "decade")
    several = _SEVERAL.match(text)
    if several and _amount(several.group("b"), currency) and _amount(several.group("a"), currency):
        return Several()
    span = _span(text, currency)
    if span is not None:
        return span
    amount = _amount(text, currency, money=money, metres=metres)
    if isinstance(amount, Amount) and approximate:
        return Amount(**{**amount.__dict__, "approximate": True})
    return amount


def _span(text: str, currency: str) -> Span | None:
    found = _RANGE.match(text)
    if not found:
        return None
    parts = [found.group(f"{side}{n}") for n in (1, 2, 3) for side in "ab"]
    first, second = [part for part in parts if part is not None]
    low, high = _amount(first, currency), _amount(second, currency)
    if not isinstance(low, Amount) or not isinstance(high, Amount):
        return None
    low_value, high_value = low.value, high.value
    if high_value < low_value and len(second.strip()) == 2 and low_value >= 1000:
        high_value = low_value - low_value % 100 + high_value  # 1928-29
    if high_value <= low_value:
        return None
    return Span(low_value, high_value, "range")


def _amount(
    text: str, currency: str, *, money: bool = False, metres: bool = False
) -> Amount | Unclear | None:
    """A number with what goes around it, or None; never a range."""
    text = text.strip()
    marker = ""
    before = _BEFORE.match(text)
    if before and before.end() < len(text):
        marker, text = before.group(0).strip(), text[before.end() :].lstrip()
    number = _number(text)
    if number is None:
        return None
    value, used, words, ordinal, unclear = number
    rest = text[used:]
    scale = _SCALE.match(rest)
    multiplier = 1
    if scale and not ordinal and not (metres and scale.group("letter") in ("m", "M")):
        multiplier = _SCALES[scale.group(0).strip().lower()]
        rest = rest[scale.end() :]
        unclear = None if unclear and "." in text[:used] else unclear  # "2.500 billion"
    if unclear:
        return Unclear(unclear)
    percent = bool(_PERCENT.match(rest))
    if percent:
        rest = _PERCENT.sub("", rest, count=1)
    code = currencies.resolve(marker, currency) if marker else None
    if code is None:  # a name after the amount, next to it or further on: "2.5bn in euros"
        for word in _WORD_START.finditer(rest):
            found = currencies.name_at(rest, word.start())
            if found and (money or found[0].lower() not in _ALSO_UNITS):
                code = currencies.resolve(found[0], currency)
                rest = rest[: word.start()] + rest[found[1] :]
                break
    elif (found := currencies.name_at(rest, len(rest) - len(rest.lstrip()))) and (
        money or found[0].lower() not in _ALSO_UNITS
    ):
        rest = rest[found[1] :]  # "C$2.5 billion dollars": the name says it again
    unit = " ".join(rest.split()).strip(" -.,")
    if len(unit.split()) > _MAX_UNIT_WORDS:
        return None
    return Amount(
        value=value * multiplier,
        number=value,
        currency=code,
        percent=percent,
        ordinal=ordinal,
        unit=unit,
        words=words,
    )


def _number(text: str) -> tuple[Decimal, int, bool, bool, str | None] | None:
    """(value, characters used, in words, ordinal, why it is unclear) at the start of `text`."""
    digits = _DIGITS.match(text)
    if digits:
        written = digits.group(0)
        value, unclear = _digits_value(written)
        if value is None:
            return None
        used = digits.end()
        suffix = _ORDINAL_SUFFIX.match(text[used:])
        if suffix:
            return value, used + suffix.end(), False, True, unclear
        return value, used, False, False, unclear
    words = NUMBER_WORDS.match(text)
    if not words:
        return None
    tokens = [t.lower() for t in re.split(r"[\s-]+", words.group(0)) if t]
    parsed = _words_value(tokens)
    if parsed is None:
        return None
    number, consumed, in_order = parsed
    return number, _used_characters(words.group(0), consumed), True, in_order, None


def _used_characters(text: str, tokens: int) -> int:
    """The length of the first `tokens` words (split on spaces and hyphens) of `text`."""
    seen = 0
    for found in re.finditer(r"[^\s-]+", text):
        seen += 1
        if seen == tokens:
            return found.end()
    return len(text)


def _digits_value(written: str) -> tuple[Decimal | None, str | None]:
    """The value of digits with separators, and why it is unclear when it could be two."""
    sign = -1 if written[0] in "-−" else 1
    body = re.sub(r"[ \u00a0\u202f]", "", written.lstrip("-−+"))  # 20 000
    unclear = None
    if "," in body and "." in body:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        body = body.replace("," if decimal == "." else ".", "").replace(",", ".")
    elif "," in body:
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", body):
            body = body.replace(",", "")
        elif re.fullmatch(r"\d*,\d{1,2}", body):
            body = body.replace(",", ".")  # a decimal comma: 2,5 billion
        else:
            return None, None
    elif body.count(".") > 1:
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", body):
            return None, None
        body = body.replace(".", "")  # 1.000.000, written with thousands dots
    elif re.fullmatch(r"[1-9]\d{0,2}\.\d\d0", body):
        whole, fraction = body.split(".")
        unclear = (
            f'"{written}" could be {whole}.{fraction.rstrip("0") or "0"} or '
            f"{int(whole + fraction):,}: type it without the dot, or with a comma for thousands"
        )
    try:
        return sign * Decimal(body), unclear
    except InvalidOperation:
        return None, None


def _words_value(tokens: list[str]) -> tuple[Decimal, int, bool] | None:
    """Number words to a value: "twenty-five", "a dozen", "two and a half billion", "first"."""
    total, current = Decimal(0), Decimal(0)
    seen = ordinal = False
    index = 0
    while index < len(tokens) and not ordinal:
        word = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ORDINAL_WORDS:
            value = ORDINAL_WORDS[word]
            current = (current or _ONE) * value if word in _ORDINAL_SCALES else current + value
            ordinal = True
        elif word == "hundred":
            current = (current or _ONE) * 100
        elif word == "dozen":
            current = (current or _ONE) * 12
        elif word in _SCALE_WORDS:
            total += (current or _ONE) * _SCALE_WORDS[word]
            current = Decimal(0)
        elif word in ("a", "an") and following in (*_SCALE_WORDS, "hundred", "dozen"):
            current += 1 if not current else 0
        elif word == "and" and tokens[index + 1 : index + 3] == ["a", "half"] and seen:
            current += Decimal("0.5")
            index += 2
        elif word == "half" and following in ("a", "an") and index + 2 < len(tokens):
            scale = tokens[index + 2]
            if scale not in _SCALE_WORDS and scale not in ("dozen", "hundred"):
                break
            total += Decimal("0.5") * ({"dozen": 12, "hundred": 100} | _SCALE_WORDS)[scale]
            index += 2
        elif word == "and" and seen and following in (*_SMALL, *_TENS, *ORDINAL_WORDS):
            pass  # one hundred and twenty
        else:
            break
        seen = seen or word not in ("a", "an", "and")
        index += 1
    if not seen:
        return None
    return total + current, index, ordinal


_SMALL_NAMES = list(_SMALL)
_TENS_NAMES = {number: word for word, number in _TENS.items()}


def in_words(number: int) -> str | None:
    """A whole number below a million in words ("twenty-five", "four hundred and two"), else None.

    Used to list the forms Moodle accepts; the reader above reads far more.
    """
    if not 0 <= number < 10**6:
        return None
    if number < 20:
        return _SMALL_NAMES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS_NAMES[tens * 10] + (f"-{_SMALL_NAMES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = f"{_SMALL_NAMES[hundreds]} hundred"
        return head + (f" and {in_words(rest)}" if rest else "")
    thousands, rest = divmod(number, 1000)
    head = f"{in_words(thousands)} thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 else " ") + str(in_words(rest))


def ordinal_in_words(number: int) -> str | None:
    """1 -> "first", 21 -> "twenty-first", 100 -> "hundredth"; None from 1,000 on."""
    by_value = {value: word for word, value in ORDINAL_WORDS.items()}
    if number in by_value:
        return by_value[number]
    if 20 < number < 100 and number % 10:
        return f"{_TENS_NAMES[number - number % 10]}-{by_value[number % 10]}"
    return None


def ordinal_suffix(number: int) -> str:
    """1 -> "st", 12 -> "th", 22 -> "nd"."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
