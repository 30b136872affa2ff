"""Fact files in, validated decks out, with every problem reported at once by file and line.

quizgen.facts.yaml_walk turns libyaml's events into plain Python with every value's line; here that
is validated (pydantic models, then the cross-field rules) and every problem is reported with
its file, line and field.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from quizgen.answers.kinds import Kind
from quizgen.errors import (
    FactFileError,
    Location,
    NoFactFiles,
    NotUtf8,
    Problem,
    decode_utf8,
    display_path,
)
from quizgen.facts.files import FACT_SUFFIXES as FACT_SUFFIXES
from quizgen.facts.files import fact_files
from quizgen.facts.files import find_fact_files as find_fact_files
from quizgen.facts.models import DeckFile, DeckHeader, Fact
from quizgen.facts.rules import Places, check_deck
from quizgen.facts.yaml_errors import yaml_problem
from quizgen.facts.yaml_walk import NeedsLines, Unreadable, Walk, new_walk
from quizgen.reading import MAX_FACT_FILE_BYTES, NotReadable, read_regular_file

#: What a file may expand to through aliases, in characters of text (each value costs its
#: length, at least 1): this many times its size in bytes, plus the slack. A file without
#: aliases costs at most its size; the factor lets a long text be aliased a few times.
_BUDGET_FACTOR = 4
_BUDGET_SLACK = 10_000


@dataclass(frozen=True)
class LoadedDeck:
    """A valid fact file and where each fact sits in it, for warnings that name a line."""

    path: Path
    deck: DeckFile
    fact_lines: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # `FILE:LINE: field: ...` lines that do not fail the file

    @property
    def display_path(self) -> str:
        """The file as the user named it."""
        return display_path(self.path)


def _decode(path: str, data: bytes) -> str:
    try:
        return decode_utf8(data)
    except NotUtf8 as error:
        message = (
            f"is not UTF-8 text (byte 0x{error.byte:02x}): save the file as UTF-8 in your editor"
        )
        raise FactFileError([Problem(path, error.line, "", message)]) from None


_FRIENDLY_TYPES = {
    "list_type": "must be a list, for example [one, two] or lines starting with '- '",
    "dict_type": "must be a mapping of fields (name: value)",
    "model_type": "must be a mapping of fields (name: value)",
    "model_attributes_type": "must be a mapping of fields (name: value)",
    "string_type": "must be text, not a list or a mapping",
    "int_parsing": "must be a year, such as 2025",
    "int_type": "must be a year, such as 2025",
    "greater_than_equal": "must be a four-digit year, such as 2025",
    "less_than_equal": "must be a four-digit year, such as 2025",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
}


def _fields_of(model: type[BaseModel], where: Location) -> list[str]:
    """The fields allowed at a location, for 'did you mean' suggestions."""
    if where and where[0] == "facts":
        return list(Fact.model_fields)
    if where and where[0] == "source":
        from quizgen.facts.models import Source

        return list(Source.model_fields)
    return [*model.model_fields, "facts"]


def _friendly(error: ErrorDetails, model: type[BaseModel], where: Location) -> str:
    kind = error["type"]
    if kind == "missing":
        return f"is required: add `{where[-1]}:` here (`quizgen new` writes a full example)"
    if kind == "extra_forbidden":
        allowed = _fields_of(model, where[:-1])
        close = difflib.get_close_matches(str(where[-1]), allowed, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        return f"unknown field: {hint}allowed fields are {', '.join(allowed)}"
    if kind == "enum":
        return f"unknown kind {error['input']!r}: use one of {', '.join(k.value for k in Kind)}"
    if kind == "too_short" and where == ("facts",):
        return "a deck needs at least one fact"
    if error["input"] is None and kind in ("string_type", "list_type", "dict_type"):
        return "is empty: write a value after the colon"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return _FRIENDLY_TYPES.get(kind, str(error["msg"]))


def _validate(
    model: type[BaseModel], data: Any, prefix: Location, walk: Walk, at: Places
) -> tuple[Any, list[Problem], set[str]]:
    """The model, or None with its problems; and the top-level fields that failed."""
    try:
        return model.model_validate(data), [], set()
    except ValidationError as error:
        problems, failed = [], set()
        for detail in error.errors():
            where = (*prefix, *detail["loc"])
            line = (
                walk.key_line(where) if detail["type"] == "extra_forbidden" else walk.line_of(where)
            )
            problems.append(at.problem(where, _friendly(detail, model, where), line=line))
            if detail["loc"]:
                failed.add(str(detail["loc"][0]))
        return None, problems, failed


def load_file(path: Path) -> LoadedDeck:
    """One fact file, validated; raises FactFileError listing every problem in it."""
    shown = display_path(path)
    try:
        data = read_regular_file(path, MAX_FACT_FILE_BYTES)
    except NotReadable as error:
        raise FactFileError([Problem(shown, 0, "", str(error))]) from None
    return load_bytes(path, data)


def load_bytes(path: Path, data: bytes) -> LoadedDeck:
    """The contents `data` of the fact file `path`, validated as `load_file` would: lets an
    edit be checked by the real loader before it replaces the file."""
    shown = display_path(path)
    text = _decode(shown, data)
    budget = expansion_budget(data)
    try:
        return _walk_and_build(path, shown, text, budget, precise=False)
    except NeedsLines:
        return _walk_and_build(path, shown, text, budget, precise=True)


def expansion_budget(data: bytes) -> int:
    """The characters a file of these bytes may expand to through YAML aliases."""
    return _BUDGET_FACTOR * len(data) + _BUDGET_SLACK


def _walk_and_build(path: Path, shown: str, text: str, budget: int, *, precise: bool) -> LoadedDeck:
    """Raises FactFileError, or NeedsLines when not `precise` and the file has a problem."""
    walk = new_walk(text, budget, precise=precise)
    try:
        raw = walk.run(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError as error:
        raise FactFileError([yaml_problem(shown, text, error)]) from None
    except Unreadable as error:
        if not precise:
            raise NeedsLines from None
        raise FactFileError([Problem(shown, error.line, error.field, error.message)]) from None
    if raw is None:
        raise FactFileError(
            [Problem(shown, 1, "", "the file is empty: `quizgen new FILE` writes a starter file")]
        )
    if not isinstance(raw, dict):
        raise FactFileError(
            [
                Problem(
                    shown,
                    walk.line_of(()),
                    "",
                    "the top level must be a mapping with id, deck and facts "
                    "(`quizgen new FILE` writes an example)",
                )
            ]
        )
    return _build(path, shown, raw, walk)


def _fact_ids(raw_facts: Any) -> dict[int, str]:
    """The id each fact gives itself, for messages ("facts[3] 'smallest-bone'.answer")."""
    if not isinstance(raw_facts, list):
        return {}
    return {
        index: fact["id"].strip()
        for index, fact in enumerate(raw_facts)
        if isinstance(fact, dict) and isinstance(fact.get("id"), str) and fact["id"].strip()
    }


def _build(path: Path, shown: str, raw: dict[str, Any], walk: Walk) -> LoadedDeck:
    raw_facts = raw.get("facts")
    at = Places(shown, walk.line_of, _fact_ids(raw_facts))
    problems = [at.problem(where, message, line=line) for line, where, message in walk.problems]
    header_data = {key: value for key, value in raw.items() if key != "facts"}
    header, header_problems, _ = _validate(DeckHeader, header_data, (), walk, at)
    problems += header_problems
    facts: list[tuple[int, Fact]] = []
    checked: list[tuple[int, Fact]] = []
    if "facts" not in raw:
        problems.append(
            Problem(shown, 1, "facts", "is required: add `facts:` with a list of facts")
        )
    elif raw_facts is not None and not isinstance(raw_facts, list):
        problems.append(at.problem(("facts",), _FRIENDLY_TYPES["list_type"]))
    elif not raw_facts:
        problems.append(at.problem(("facts",), "a deck needs at least one fact"))
    else:
        facts, checked, fact_problems = _validate_facts(raw_facts, walk, at)
        problems += fact_problems
    problems += check_deck(path, raw.get("pools"), checked, at)
    if (problems or at.warnings) and not walk.precise:
        raise NeedsLines
    if problems:
        raise FactFileError(problems)
    assert isinstance(header, DeckHeader)
    lines = [walk.line_of(("facts", index)) for index, _ in facts]
    return _loaded(path, header, [fact for _, fact in facts], lines, at.warnings)


def _loaded(
    path: Path,
    header: DeckHeader,
    facts: list[Fact],
    lines: list[int],
    warnings: Sequence[Problem] = (),
) -> LoadedDeck:
    """The deck of a file whose every check passed, with the line of each fact."""
    deck = DeckFile.model_construct(**dict(header), facts=facts)
    fact_lines = {fact.id: line for fact, line in zip(facts, lines, strict=True)}
    shown = tuple(str(warning) for warning in sorted(warnings))
    return LoadedDeck(path=path, deck=deck, fact_lines=fact_lines, warnings=shown)


#: Fields without which a fact's other rules cannot be checked (`kind` changes them all).
_ESSENTIAL = frozenset({"id", "text", "answer", "kind"})


def _validate_facts(
    raw_facts: list[Any], walk: Walk, at: Places
) -> tuple[list[tuple[int, Fact]], list[tuple[int, Fact]], list[Problem]]:
    """The facts that validate, each with its index; the facts whose cross-field rules can be
    checked (those, and the others less a bad optional field, so a bad tag hides no wrong
    answer); and the problems."""
    facts: list[tuple[int, Fact]] = []
    checked: list[tuple[int, Fact]] = []
    problems: list[Problem] = []
    for index, raw_fact in enumerate(raw_facts):
        fact, fact_problems, failed = _validate(Fact, raw_fact, ("facts", index), walk, at)
        problems += fact_problems
        if fact is not None:
            facts.append((index, fact))
            checked.append((index, fact))
        elif isinstance(raw_fact, dict) and failed and not failed & _ESSENTIAL:
            rest = {key: value for key, value in raw_fact.items() if key not in failed}
            try:
                checked.append((index, Fact.model_validate(rest)))
            except ValidationError:
                pass
    return facts, checked, problems


def load_decks(paths: Sequence[Path]) -> list[LoadedDeck]:
    """Every fact file under `paths`, validated together; all problems in all files at once."""
    decks: list[LoadedDeck] = []
    problems: list[Problem] = []
    first_file_of: dict[str, LoadedDeck] = {}
    found = fact_files(paths)
    for folder, why in found.unreadable:
        problems.append(
            Problem(
                display_path(folder),
                0,
                "",
                f"this folder cannot be read ({why}), so its fact files are not checked: "
                "allow reading it, or name the folders to check",
            )
        )
    if not found.files and not problems:
        raise NoFactFiles(", ".join(display_path(p) for p in paths))
    for path in found.files:
        try:
            loaded = load_file(path)
        except FactFileError as error:
            problems += error.problems
            continue
        earlier = first_file_of.setdefault(loaded.deck.id, loaded)
        if earlier is not loaded:
            problems.append(
                Problem(
                    loaded.display_path,
                    _id_line(loaded.path),
                    "id",
                    f"deck id {loaded.deck.id!r} is already used by {earlier.display_path}: "
                    "give each fact file its own id",
                )
            )
            continue
        decks.append(loaded)
    if problems:
        raise FactFileError(problems)
    return decks


def _id_line(path: Path) -> int:
    """The line of the top-level `id:` (only needed on the rare duplicate-deck path), counted
    as an editor counts lines."""
    text = path.read_bytes().decode("utf-8-sig", "replace")
    for number, line in enumerate(re.split("\r\n|[\r\n]", text), 1):
        if line.startswith("id:"):
            return number
    return 1
