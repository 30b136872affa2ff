"""Rules across fields of a fact file, each reported at the line of the field at fault.

The pydantic models check each field alone; these check what only makes sense together: the
answer occurs in the text, a distractor is not secretly the answer, an image is really there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from quizgen.answers.kinds import NUMERIC_KINDS, Kind, value_of
from quizgen.answers.normalize import same_answer
from quizgen.answers.spans import overlapping, placements, span_start
from quizgen.errors import Location, Problem, format_location
from quizgen.facts.models import DeckHeader, Fact

LineOf = Callable[[Location], int]

_EXAMPLES = {
    Kind.MONEY: "$2.5 billion",
    Kind.NUMBER: "20",
    Kind.PERCENT: "90%",
    Kind.YEAR: "2014",
    Kind.DATE: "24 February 2022",
}


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
        problems.append(
            Problem(
                path,
                line_of((*where, "answer")),
                _loc(where, "answer"),
                f"{fact.answer!r} does not read as {kind.value} (for example "
                f"{_EXAMPLES[kind]!r}): write it so, or set another kind",
            )
        )
    seen: list[str] = []
    for i, option in enumerate(fact.distractors):
        here = (*where, "distractors", i)
        message = None
        if same_answer(option, fact.answer, kind):
            message = f"{option!r} is the answer itself: remove it from distractors"
        elif any(same_answer(option, form, kind) for form in fact.accept):
            message = f"{option!r} is one of the accepted answers: remove it from distractors"
        elif any(same_answer(option, earlier, kind) for earlier in seen):
            message = f"{option!r} is listed twice: remove the repeat"
        elif kind in NUMERIC_KINDS and value_of(option, kind) is None:
            message = (
                f"{option!r} does not read as {kind.value} like the answer: options must be "
                f"of one kind (for example {_EXAMPLES[kind]!r})"
            )
        if message:
            problems.append(Problem(path, line_of(here), _loc(where, "distractors", i), message))
        seen.append(option)
    return problems


def _check_image(
    fact: Fact, where: Location, line_of: LineOf, path: str, folder: Path
) -> list[Problem]:
    if fact.image is None:
        return []
    here = (*where, "image")
    target = (folder / fact.image).resolve()
    if Path(fact.image).is_absolute() or not target.is_relative_to(folder.resolve()):
        message = (
            f"{fact.image!r} is outside the fact file's folder: put the image in that folder "
            "(or below it) and give its path relative to the fact file"
        )
    elif not target.is_file():
        message = f"{fact.image!r} does not exist: give the path relative to the fact file"
    else:
        return []
    return [Problem(path, line_of(here), _loc(where, "image"), message)]


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
        if not isinstance(kind, Kind) or kind not in NUMERIC_KINDS:
            continue  # a word kind's pool, or a sort's ("bone: [tibia, fibula]")
        for i, entry in enumerate(entries):
            if value_of(entry, kind) is None:
                here: Location = ("pools", kind.value, i)
                problems.append(
                    Problem(
                        path,
                        line_of(here),
                        _loc(("pools", kind.value, i)),
                        f"{entry!r} does not read as {kind.value} "
                        f"(for example {_EXAMPLES[kind]!r})",
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
