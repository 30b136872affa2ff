"""Rules across fields of a fact file, each reported at the line of the field at fault.

The pydantic models check each field alone; these check what only makes sense together: the
answer occurs in the text once and as whole words, a distractor or the hint is not secretly the
answer, an image is really there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizgen.answers.kinds import (
    BC_MARKS,
    MAX_DECIMALS,
    MAX_SIGNIFICANT_DIGITS,
    MAX_WRITTEN_DIGITS,
    NUMERIC_KINDS,
    Kind,
    oversized_number,
    value_of,
)
from quizgen.answers.normalize import option_key, same_answer
from quizgen.answers.numberwords import number_word
from quizgen.answers.spans import overlapping, placements, span_start
from quizgen.errors import Location, Problem, format_location
from quizgen.facts.models import Fact
from quizgen.facts.near_miss import not_in_text
from quizgen.reading import NotReadable, open_confined

LineOf = Callable[[Location], int]

_EXAMPLES = {
    Kind.MONEY: "$2.5 billion",
    Kind.NUMBER: "20",
    Kind.PERCENT: "90%",
    Kind.YEAR: "2014",
    Kind.DATE: "24 February 2022",
}
#: Scripts written without spaces between words: there a span inside a "word" is normal.
_UNSPACED_SCRIPTS = frozenset(
    {"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "IDEOGRAPHIC"}
)


def _unreadable_number(text: str, kind: Kind) -> str:
    """Why `text` is not a `kind`: too large to compute with, or not written as one."""
    if oversized_number(text):
        return (
            f"{text!r} is too large or too precise a number for quizgen (at most "
            f"{MAX_SIGNIFICANT_DIGITS} significant digits, {MAX_DECIMALS} decimals and "
            f"{MAX_WRITTEN_DIGITS} digits in all): round it, or write it with a scale word "
            "(for example '$2.5 trillion'), or set `kind: term` to ask it as text"
        )
    if kind is Kind.DATE and text.strip().upper().endswith(tuple(BC_MARKS)):
        return (
            f"{text!r} does not read as date (a day before AD 1 cannot be one: ask for its "
            "year, for example '44 BC')"
        )
    return f"{text!r} does not read as {kind.value} (for example {_EXAMPLES[kind]!r})"


@dataclass
class Places:
    """Where problems are in one file: its shown path, the line of each value, and the facts'
    ids, so that every message names `facts[3] 'smallest-bone'.answer` as a teacher would."""

    path: str
    line_of: LineOf
    fact_ids: Mapping[int, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: Near-miss searches left for this file (each up to ~10 ms): a file of thousands of wrong
    #: answers is still checked in bounded time, its first ones with suggestions.
    searches_left: int = 200

    def not_in_text(self, span: str, text: str) -> str:
        """The message for a span missing from text, with a suggestion while searches last."""
        self.searches_left -= 1
        return not_in_text(span, text, search=self.searches_left >= 0)

    def name(self, where: Location) -> str:
        return format_location(where, self.fact_ids)

    def problem(self, where: Location, message: str, *, line: int | None = None) -> Problem:
        shown = self.line_of(where) if line is None else line
        return Problem(self.path, shown, self.name(where), message)

    def warn(self, where: Location, message: str) -> None:
        """Something probably wrong but perhaps meant: said, and the file still passes."""
        self.warnings.append(self.problem(where, message))


def _check_spans(fact: Fact, where: Location, at: Places) -> list[Problem]:
    problems = []
    if fact.answer not in fact.text:
        problems.append(at.problem((*where, "answer"), at.not_in_text(fact.answer, fact.text)))
    elif fact.question is None or fact.answer in fact.cloze_spans:
        # (with its own question and other cloze spans, the answer is never hidden in text)
        problems += _check_placement(fact.answer, fact.text, (*where, "answer"), at)
    spans = fact.cloze or []
    for i, span in enumerate(spans):
        here = (*where, "cloze", i)
        if span not in fact.text:
            problems.append(at.problem(here, at.not_in_text(span, fact.text)))
        elif span != fact.answer:
            problems += _check_placement(span, fact.text, here, at)
    if any(span not in fact.text for span in spans) or placements(fact.text, spans) is not None:
        return problems
    starts = [span_start(fact.text, span) for span in spans]
    pair = overlapping(starts, spans) or overlapping([fact.text.find(s) for s in spans], spans)
    assert pair is not None
    other, i = pair
    message = f"{spans[i]!r} overlaps cloze[{other + 1}]: list spans that do not share words"
    return [*problems, at.problem((*where, "cloze", i), message)]


def _check_placement(span: str, text: str, here: Location, at: Places) -> list[Problem]:
    """A span that is the whole text or occurs twice leaves a card that shows nothing else or
    its own answer (errors); one found only inside a longer word is probably a slip (warned)."""
    if span.strip() == text.strip():
        return [
            at.problem(
                here,
                f"{span!r} is the whole of text, so a card would show nothing but the blank: "
                "write text as a statement around it",
            )
        ]
    # In any case ("Two moons and two names" shows the answer), except for a span of one or two
    # characters, whose other case is usually another word ("Vitamin A" and "a").
    found = _found(span, text) if len(span) > 2 else _found_exactly(span, text)
    whole_words = [start for start, end in found if not _joined(text, start, end, span)]
    if len(whole_words) > 1:
        return [
            at.problem(
                here,
                f"{span!r} occurs {len(whole_words)} times in text, so a card that hides one "
                "still shows the answer: reword text so that it occurs once",
            )
        ]
    if not whole_words:
        start = span_start(text, span)
        end = start + len(span)
        if _joined_in_a_spaced_script(text, start, end, span):
            word_start, word_end = start, end
            while word_start > 0 and text[word_start - 1].isalnum():
                word_start -= 1
            while word_end < len(text) and text[word_end].isalnum():
                word_end += 1
            at.warn(
                here,
                f"{span!r} occurs in text only inside the longer word "
                f"{text[word_start:word_end]!r}, so the card hides part of a word: give the "
                "whole word (unless part of a word is what you mean to ask)",
            )
    return []


def _found(span: str, text: str) -> list[tuple[int, int]]:
    """Where `span` occurs in `text`, in any case (str.find: no pattern compiled per fact)."""
    lowered, wanted = text.lower(), span.lower()
    if len(lowered) != len(text) or len(wanted) != len(span):  # "İ" lowers to two characters
        pattern = re.compile(re.escape(span), re.IGNORECASE)
        return [found.span() for found in pattern.finditer(text)]
    return _found_exactly(wanted, lowered)


def _found_exactly(span: str, text: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(span)
    while start >= 0:
        spans.append((start, start + len(span)))
        start = text.find(span, start + 1)
    return spans


def _joined(text: str, start: int, end: int, span: str) -> bool:
    """Whether the span at text[start:end] runs into a letter or digit on either side."""
    before = start > 0 and span[0].isalnum() and text[start - 1].isalnum()
    return before or (end < len(text) and span[-1].isalnum() and text[end].isalnum())


def _joined_in_a_spaced_script(text: str, start: int, end: int, span: str) -> bool:
    """Whether the span runs into a letter of a script that spaces its words (not Chinese,
    Japanese or Thai, where words run together and any span is "inside a word")."""
    pairs = []
    if start > 0 and span[0].isalnum() and text[start - 1].isalnum():
        pairs.append((text[start - 1], span[0]))
    if end < len(text) and span[-1].isalnum() and text[end].isalnum():
        pairs.append((text[end], span[-1]))
    return any(
        all(unicodedata.name(char, "?").split()[0] not in _UNSPACED_SCRIPTS for char in pair)
        for pair in pairs
    )


def _check_hint(fact: Fact, where: Location, at: Places) -> list[Problem]:
    """A hint is shown on the card: one that is an answer gives it away."""
    if fact.hint is None:
        return []
    kind = fact.answer_kind
    if any(same_answer(fact.hint, form, kind) for form in (fact.answer, *fact.accept)):
        message = f"{fact.hint!r} is the answer itself"
    elif any(same_answer(fact.hint, span, kind) for span in fact.cloze_spans):
        message = f"{fact.hint!r} is one of the cloze spans"
    else:
        return []
    return [
        at.problem(
            (*where, "hint"),
            f"{message}, and the hint is shown on the card: give a clue that does not name "
            f"it, or leave hint out (the card then says {kind.value!r})",
        )
    ]


def _check_options(fact: Fact, where: Location, at: Places) -> list[Problem]:
    problems = []
    kind = fact.answer_kind
    if kind in NUMERIC_KINDS and value_of(fact.answer, kind) is None:
        unreadable = _unreadable_number(fact.answer, kind)
        spelled = number_word(fact.answer)
        if spelled is not None and kind is Kind.NUMBER:
            # "Mars has two moons" is asked in words when `kind` is left out: its wrong
            # options are then "one", "three", "four" (teachers took the error for a gap).
            unreadable += (
                f": write it in digits ({spelled}) for options in digits, or leave `kind` out"
                " to ask it in words (its wrong options are then numbers in words too)"
            )
        elif not oversized_number(fact.answer):
            unreadable += ": write it so, or set another kind"
        problems.append(at.problem((*where, "answer"), unreadable))
    elif "kind" not in fact.model_fields_set and oversized_number(fact.answer):
        problems.append(
            at.problem((*where, "answer"), _unreadable_number(fact.answer, Kind.NUMBER))
        )
    # Keys compared through sets: linear in the number of distractors (20,000 take 0.1 s).
    answer_key = option_key(fact.answer, kind)
    accepted = {option_key(form, kind) for form in fact.accept}
    seen: set[tuple[object, ...]] = set()
    for i, option in enumerate(fact.distractors):
        key = option_key(option, kind)
        message = None
        if key == answer_key:
            message = f"{option!r} is the answer itself: remove it from distractors"
        elif key in accepted:
            message = f"{option!r} is one of the accepted answers: remove it from distractors"
        elif key in seen:
            message = f"{option!r} is listed twice: remove the repeat"
        elif kind in NUMERIC_KINDS and value_of(option, kind) is None:
            message = (
                _unreadable_number(option, kind)
                if oversized_number(option)
                else f"{option!r} does not read as {kind.value} like the answer: options must "
                f"be of one kind (for example {_EXAMPLES[kind]!r})"
            )
        if message:
            problems.append(at.problem((*where, "distractors", i), message))
        seen.add(key)
    return problems


def _check_image(fact: Fact, where: Location, at: Places, folder: Path) -> list[Problem]:
    if fact.image is None:
        return []
    message = image_problem(folder, fact.image)
    if message is None:
        return []
    return [at.problem((*where, "image"), message)]


def image_problem(folder: Path, image: str) -> str | None:
    """What is wrong with an `image:` value, or None: the file is opened and checked as the
    export will read it (inside the folder, a regular file, not too large)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in image):
        return (
            f"{image!r} contains a control character (a NUL byte, tab or line break): "
            "give the image's file name as it is on disk"
        )
    outside = (
        f"{image!r} is outside the fact file's folder: put the image in that folder "
        "(or below it) and give its path relative to the fact file"
    )
    try:
        if Path(image).is_absolute() or not (folder / image).resolve().is_relative_to(
            folder.resolve()
        ):
            return outside
        with open_confined(folder, image):
            return None
    except NotReadable as error:
        if error.outside:
            return outside
        if error.missing:
            return f"{image!r} does not exist: give the path relative to the fact file"
        return f"{image!r} {error}"
    except RuntimeError:  # Path.resolve on a symlink loop
        return f"{image!r} is a symlink loop: give the image file itself"
    except (OSError, ValueError) as error:
        return f"{image!r} cannot be used as an image path ({error}): give a shorter file name"


def duplicate_ids(facts: Sequence[tuple[int, Fact]], at: Places) -> list[Problem]:
    """A fact id used twice in one file, at the second use."""
    problems = []
    first_line: dict[str, int] = {}
    for index, fact in facts:
        here: Location = ("facts", index, "id")
        if fact.id in first_line:
            problems.append(
                at.problem(
                    here,
                    f"duplicate fact id {fact.id!r} (first used at line {first_line[fact.id]}): "
                    "give each fact its own id",
                )
            )
        else:
            first_line[fact.id] = at.line_of(here)
    return problems


def check_facts(file: Path, facts: Sequence[tuple[int, Fact]], at: Places) -> list[Problem]:
    """Every problem within single facts: spans, options, hints and images."""
    problems = []
    for index, fact in facts:
        where: Location = ("facts", index)
        problems += _check_spans(fact, where, at)
        problems += _check_options(fact, where, at)
        problems += _check_hint(fact, where, at)
        problems += _check_image(fact, where, at, file.parent)
    return problems


def check_pools(pools: Any, at: Places) -> list[Problem]:
    """Numeric pool entries that do not read as their kind. Read from the file as written, so
    that an unknown kind beside them (reported by the model) hides none of them."""
    problems = []
    if not isinstance(pools, dict):
        return []
    for name, entries in pools.items():
        kind = next((k for k in NUMERIC_KINDS if k.value == name), None)
        if kind is None or not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if isinstance(entry, str) and entry.strip() and value_of(entry.strip(), kind) is None:
                problems.append(
                    at.problem(("pools", name, i), _unreadable_number(entry.strip(), kind))
                )
    return problems


def check_deck(
    file: Path, pools: Any, facts: Sequence[tuple[int, Fact]], at: Places
) -> list[Problem]:
    """Every cross-field problem in one file's structurally valid parts (`pools` as written)."""
    return duplicate_ids(facts, at) + check_facts(file, facts, at) + check_pools(pools, at)
