"""Ids and tags: the one pattern each, and the one way to make an id from any text.

Deck ids seed every Anki id and name the built files, so they stay to lowercase ASCII letters,
digits, `-` and `_`; text in other scripts is transliterated first ("Décks" -> "decks").
"""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*")
TAG_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_NOT_ID = re.compile(r"[^a-z0-9_-]+")
_NOT_TAG = re.compile(r"[^A-Za-z0-9_-]+")


def ascii_letters(text: str) -> str:
    """`text` transliterated to ASCII ("Ünïcode" -> "Unicode", "Straße" -> "Strasse",
    "Москва" -> "Moskva"), since an id must be ASCII. anyascii knows every script; taking the
    accents off (NFKD) would drop ß, ø, ł, æ and every letter outside the Latin alphabet."""
    from anyascii import anyascii

    return anyascii(text)


def id_words(text: str) -> list[str]:
    """The lowercase ASCII words of `text`, possessives dropped: what a slug is made of."""
    plain = ascii_letters(text.replace("’s", "").replace("'s", "")).lower()
    return re.findall(r"[a-z0-9]+", plain)


def slug(text: str, fallback: str) -> str:
    """An id from any text: lowercase ASCII letters and digits joined by `-` (`fallback` if
    nothing is left)."""
    return _NOT_ID.sub("-", ascii_letters(text).lower()).strip("-_") or fallback


def tag_slug(text: str, fallback: str) -> str:
    """A tag from any text: letters, digits, - and _, case kept."""
    return _NOT_TAG.sub("-", ascii_letters(text)).strip("-_") or fallback
