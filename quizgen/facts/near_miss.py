"""Why a span "does not occur" in its text, when it almost does: the teacher's likely meaning.

A span that differs from the text only in case, in spelling ("5 liters" for "5 litres"), in a
look-alike letter from another alphabet (Cyrillic "а" for Latin "a"), in an invisible character
or in Unicode normalisation (an accent typed as a separate mark) gets the words it was meant to
be and the reason it is not them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}«»“”‘’"
_CLOSE_ENOUGH = 0.75  # SequenceMatcher ratio: "5 liters"/"5 litres" 0.88, "two"/"too" 0.67
_MAX_WORDS = 500  # only the first words of a longer text are searched (bounded time)


def not_in_text(span: str, text: str, *, search: bool = True) -> str:
    """The message for a span that is not in text, with the nearest words of text if any
    (looked for only with `search`: the caller bounds how many searches a file gets)."""
    lowered = text.lower().find(span.lower())
    if lowered >= 0 and len(text.lower()) == len(text):
        return (
            f"{span!r} does not occur in text exactly as written: "
            f"did you mean {text[lowered : lowered + len(span)]!r}? (case matters)"
        )
    for form in ("NFC", "NFKC"):
        if unicodedata.normalize(form, span) in unicodedata.normalize(form, text):
            return (
                f"{span!r} does not occur in text: it looks the same but is made of other "
                "Unicode characters (an accent typed as a separate mark, or a ligature): "
                "copy it from text"
            )
    near = nearest_words(span, text) if search else None
    if near is None:
        return f"{span!r} does not occur in text: copy the words exactly as they appear in text"
    reason = _unseen_difference(span, near)
    return f"{span!r} does not occur in text: did you mean {near!r}?" + (
        f" ({reason})" if reason else ""
    )


def nearest_words(span: str, text: str) -> str | None:
    """The run of whole words in `text` most like `span`, if it is close enough to suggest."""
    words = [found.span() for found in _WORD.finditer(text)][:_MAX_WORDS]
    size = len(span.split()) or 1
    wanted = span.lower()
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    best, best_ratio = None, _CLOSE_ENOUGH
    for count in range(max(1, size - 1), size + 2):
        for first in range(len(words) - count + 1):
            candidate = _trimmed(text[words[first][0] : words[first + count - 1][1]], span)
            matcher.set_seq1(candidate.lower())
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (ratio == best_ratio and best is None):
                best, best_ratio = candidate, ratio
    return best if best != span else None


def _trimmed(candidate: str, span: str) -> str:
    """Punctuation at the ends of a run of words, unless the span has it too."""
    if not span or span[-1] not in _EDGE_PUNCTUATION:
        candidate = candidate.rstrip(_EDGE_PUNCTUATION)
    if not span or span[0] not in _EDGE_PUNCTUATION:
        candidate = candidate.lstrip(_EDGE_PUNCTUATION)
    return candidate


def _unseen_difference(span: str, near: str) -> str:
    """Why two strings that look alike differ: a letter from another alphabet, an invisible
    character, another kind of space or dash (empty if the difference is plain spelling)."""
    matcher = difflib.SequenceMatcher(None, span, near, autojunk=False)
    for tag, start, end, near_start, near_end in matcher.get_opcodes():
        typed, meant = span[start:end], near[near_start:near_end]
        for char in typed:
            if _invisible(char):
                return f"the answer holds an invisible {_named(char)}: delete it"
        if tag == "replace" and len(typed) == len(meant):
            for got, wanted in zip(typed, meant, strict=True):
                if got != wanted and (not got.isascii() or not wanted.isascii()):
                    if _script(got) != _script(wanted) and got.isalpha() and wanted.isalpha():
                        return (
                            f"{got!r} is {_named(got)}, a look-alike of {wanted!r} "
                            f"({_named(wanted)}) in text: retype it"
                        )
                    if unicodedata.category(got)[0] == unicodedata.category(wanted)[0] != "L":
                        return f"{got!r} is {_named(got)} where text has {_named(wanted)}"
    return ""


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc") or (
        unicodedata.category(char) == "Zs" and char != " " and char != "\u00a0"
    )


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split()[0]


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"
