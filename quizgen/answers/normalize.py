"""When two answers are the same answer: one rule for validation, distractors and the quiz.

Case, spacing, punctuation and a leading article never matter; numbers are compared by value,
so "$2,500 million" and "$2.5 billion" are one option, while "€2.5 billion" is another.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from quizgen.answers.kinds import NUMERIC_KINDS, DateValue, Kind, Quantity, value_of

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
#: Punctuation that goes (becomes a space). Symbols stay, since they may be the answer: "C++"
#: is not "C#", "+" is not "", and one emoji is not another. "#", "&", "@", "*" and "+" are
#: kept too: they are the content of "C#", "AT&T" and "@home".
_KEPT = "#&@*+%$"


def _drops(char: str) -> bool:
    return unicodedata.category(char).startswith("P") and char not in _KEPT and char != "_"


# For ASCII text (most of it) one table does the work: apostrophes go, other punctuation
# becomes a space; letters, digits, spaces and the kept symbols stay.
_ASCII_PUNCTUATION = {
    code: None if chr(code) == "'" else " "
    for code in range(128)
    if _drops(chr(code)) and chr(code) != "_"
}


@lru_cache(maxsize=1 << 16)
def normalize_text(text: str) -> str:
    """Lower case, accents folded, punctuation and a leading article dropped, spaces collapsed.

    An answer made only of punctuation ("?!") is kept as typed, lower-cased: then it is the
    content, and must not become the empty answer that every other symbol shares.
    """
    folded = text.casefold()
    if folded.isascii():
        cleaned = folded.translate(_ASCII_PUNCTUATION)
    else:
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
        folded = folded.replace("'", "").replace("’", "")
        cleaned = "".join(" " if _drops(ch) else ch for ch in folded)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        return " ".join(folded.split())
    if cleaned.startswith(("the ", "a ", "an ")):
        return _ARTICLE.sub("", cleaned)
    return cleaned


def value_key(text: str, kind: Kind) -> tuple[object, ...] | None:
    """What identifies a numeric answer: its value (and currency), or None if it is not one."""
    if kind not in NUMERIC_KINDS:
        return None
    value = value_of(text, kind)
    if isinstance(value, DateValue):
        return ("date", value.value)
    if isinstance(value, Quantity):
        return (value.currency, value.value.normalize())
    return None


@lru_cache(maxsize=1 << 16)
def option_key(text: str, kind: Kind) -> tuple[object, ...]:
    """The identity of an option: two options with the same key must never both be shown."""
    return value_key(text, kind) or ("text", normalize_text(text))


def same_answer(first: str, second: str, kind: Kind) -> bool:
    """True when the two read as the same answer of this kind."""
    return option_key(first, kind) == option_key(second, kind)
