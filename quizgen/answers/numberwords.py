"""Whole numbers written as English words ("four", "twenty-one"), read and written back.

A teacher writes "The heart has four chambers"; its wrong options are "three", "five" and
"six", numbers like the key, never other terms of the deck.
"""

from __future__ import annotations

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_VALUES = {word: value for value, word in enumerate(_UNITS)}
_VALUES |= {word: 20 + 10 * i for i, word in enumerate(_TENS)}
#: The largest number written out here: beyond it teachers write digits.
LARGEST = 99


def number_word(text: str) -> int | None:
    """The value of "four", "Twenty-one" or "twenty one", else None."""
    words = text.strip().casefold().replace("-", " ").split()
    if len(words) == 1:
        return _VALUES.get(words[0])
    if len(words) == 2 and words[0] in _TENS and words[1] in _VALUES:
        units = _VALUES[words[1]]
        return _VALUES[words[0]] + units if 0 < units < 10 else None
    return None


def spell_number(value: int, like: str = "") -> str:
    """`value` (0-99) in words, capitalised and hyphenated like `like`."""
    if not 0 <= value <= LARGEST:
        raise ValueError(f"{value} is outside 0-{LARGEST}")
    if value < 20:
        words = _UNITS[value]
    else:
        tens, units = divmod(value, 10)
        joiner = " " if " " in like.strip() else "-"
        words = _TENS[tens - 2] + (joiner + _UNITS[units] if units else "")
    return words[0].upper() + words[1:] if like[:1].isupper() else words
