"""Rules across fields of a fact file, each reported at the line of the field at fault.

The pydantic models check each field alone; these check what only makes sense together: the
answer occurs in the text, a distractor is not secretly the answer, an image is really there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from quizgen.answers.kinds import (
    MAX_SIGNIFICANT_DIGITS,
    MAX_WRITTEN_DIGITS,
    NUMERIC_KINDS,
    Kind,
    oversized_number,
    value_of,
)
from quizgen.answers.normalize import option_key
from quizgen.answers.spans import overlapping, placements, span_start
from quizgen.errors import Location, Problem, format_location
from quizgen.facts.models import DeckHeader, Fact
from quizgen.reading import NotReadable, open_confined

LineOf = Callable[[Location], int]

_EXAMPLES = {
    Kind.MONEY: "$2.5 billion",
    Kind.NUMBER: "20",
    Kind.PERCENT: "90%",
    Kind.YEAR: "2014",
    Kind.DATE: "24 February 2022",
}


def _unreadable_number(text: str, kind: Kind) -> str:
    """Why `text` is not a `kind`: too large to compute with, or not written as one."""
    if oversized_number(text):
        return (
            f"{text!r} is too large a number for quizgen (at most {MAX_SIGNIFICANT_DIGITS} "
            f"significant digits and {MAX_WRITTEN_DIGITS} digits in all): write it smaller "
            "with a scale word (for example '$2.5 trillion'), or set `kind: term` to ask it "
            "as text"
        )
    return f"{text!r} does not read as {kind.value} (for example {_EXAMPLES[kind]!r})"


def _not_in_text(span: str, text: str) -> str:
    lowered = text.lower().find(span.lower())
    if lowered >= 0:
        return (
            f"{span!r} does not occur in text exactly as written: "
            f"did you mean {text[lowered : lowered + len(span)]!r}? (case matters)"
        )
    return f"{span!r} does not occur in text: copy the words exactly as they appear in text"


def _check_spans(fact: Fact, where: Location, line_of: LineOf, path: str) -> list[Problem]:
    problems = []
    if fact.answer not in fact.text:
        problems.append(
            Problem(
                path,
                line_of((*where, "answer")),
                _loc(where, "answer"),
                _not_in_text(fact.answer, fact.text),
            )
        )
    spans = fact.cloze or []
    for i, span in enumerate(spans):
        if span not in fact.text:
            here = (*where, "cloze", i)
            problems.append(
                Problem(path, line_of(here), _loc(where, "cloze", i), _not_in_text(span, fact.text))
            )
    if any(span not in fact.text for span in spans) or placements(fact.text, spans) is not None:
        return problems
    starts = [span_start(fact.text, span) for span in spans]
    pair = overlapping(starts, spans) or overlapping([fact.text.find(s) for s in spans], spans)
    assert pair is not None
    other, i = pair
    here = (*where, "cloze", i)
    message = f"{spans[i]!r} overlaps cloze[{other}]: list spans that do not share words"
    return [*problems, Problem(path, line_of(here), _loc(where, "cloze", i), message)]


def _check_options(fact: Fact, where: Location, line_of: LineOf, path: str) -> list[Problem]:
    problems = []
    kind = fact.answer_kind
    if kind in NUMERIC_KINDS and value_of(fact.answer, kind) is None:
        unreadable = _unreadable_number(fact.answer, kind)
        if not oversized_number(fact.answer):
            unreadable += ": write it so, or set another kind"
        problems.append(
            Problem(path, line_of((*where, "answer")), _loc(where, "answer"), unreadable)
        )
    elif "kind" not in fact.model_fields_set and oversized_number(fact.answer):
        problems.append(
            Problem(
                path,
                line_of((*where, "answer")),
                _loc(where, "answer"),
                _unreadable_number(fact.answer, Kind.NUMBER),
            )
        )
    # Keys compared through sets: linear in the number of distractors (20,000 take 0.1 s).
    answer_key = option_key(fact.answer, kind)
    accepted = {option_key(form, kind) for form in fact.accept}
    seen: set[tuple[object, ...]] = set()
    for i, option in enumerate(fact.distractors):
        here = (*where, "distractors", i)
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
            problems.append(Problem(path, line_of(here), _loc(where, "distractors", i), message))
        seen.add(key)
    return problems


def _check_image(
    fact: Fact, where: Location, line_of: LineOf, path: str, folder: Path
) -> list[Problem]:
    if fact.image is None:
        return []
    here = (*where, "image")
    message = image_problem(folder, fact.image)
    if message is None:
        return []
    return [Problem(path, line_of(here), _loc(where, "image"), message)]


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
    except (OSError, ValueError) as error:
        return f"{image!r} cannot be used as an image path ({error}): give a shorter file name"


def _loc(where: Location, *more: str | int) -> str:
    return format_location((*where, *more))


def duplicate_ids(path: str, facts: Sequence[tuple[int, Fact]], line_of: LineOf) -> list[Problem]:
    """A fact id used twice in one file, at the second use."""
    problems = []
    first_line: dict[str, int] = {}
    for index, fact in facts:
        here: Location = ("facts", index, "id")
        if fact.id in first_line:
            problems.append(
                Problem(
                    path,
                    line_of(here),
                    format_location(here),
                    f"duplicate fact id {fact.id!r} (first used at line {first_line[fact.id]}): "
                    "give each fact its own id",
                )
            )
        else:
            first_line[fact.id] = line_of(here)
    return problems


def check_facts(
    file: Path, path: str, facts: Sequence[tuple[int, Fact]], line_of: LineOf
) -> list[Problem]:
    """Every problem within single facts: spans, options and images."""
    problems = []
    for index, fact in facts:
        where: Location = ("facts", index)
        problems += _check_spans(fact, where, line_of, path)
        problems += _check_options(fact, where, line_of, path)
        problems += _check_image(fact, where, line_of, path, file.parent)
    return problems


def check_pools(path: str, header: DeckHeader, line_of: LineOf) -> list[Problem]:
    """Numeric pool entries that do not read as their kind."""
    problems = []
    for kind, entries in header.pools.items():
        if kind not in NUMERIC_KINDS:
            continue
        for i, entry in enumerate(entries):
            if value_of(entry, kind) is None:
                here: Location = ("pools", kind.value, i)
                problems.append(
                    Problem(
                        path,
                        line_of(here),
                        _loc(("pools", kind.value, i)),
                        _unreadable_number(entry, kind),
                    )
                )
    return problems


def check_deck(
    file: Path,
    path: str,
    header: DeckHeader | None,
    facts: Sequence[tuple[int, Fact]],
    line_of: LineOf,
) -> list[Problem]:
    """Every cross-field problem in one file's structurally valid parts."""
    problems = duplicate_ids(path, facts, line_of) + check_facts(file, path, facts, line_of)
    return problems + (check_pools(path, header, line_of) if header is not None else [])
