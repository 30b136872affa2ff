"""Fact files in, validated decks out, with every problem reported at once by file and line.

libyaml parses at C speed into events that carry line marks; we build plain Python from the
events ourselves, so scalars stay text (`answer: 2014` is the text "2014", `answer: no` is not
False), anchors cannot expand without bound, and every value's line is known when a problem
needs reporting. A long file is read in two halves at once (see quizgen.yaml_split).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from quizgen.bulk import bulk_allocation
from quizgen.errors import (
    FactFileError,
    Location,
    NotUtf8,
    Problem,
    decode_utf8,
    display_path,
    format_location,
)
from quizgen.files import FACT_SUFFIXES as FACT_SUFFIXES
from quizgen.files import find_fact_files as find_fact_files
from quizgen.kinds import Kind
from quizgen.models import DeckFile, DeckHeader, Fact
from quizgen.parallel import split_map, worker_count
from quizgen.rules import check_deck, check_facts, check_pools, duplicate_ids
from quizgen.yaml_split import halves

MAX_DEPTH = 64  # fact files need 5 levels; deeper is a mistake or an attack
#: Values a file may expand to through aliases: its size in bytes plus this.
_BUDGET_SLACK = 10_000
#: Files with this many facts or more are read in two halves at once, on two cores.
SPLIT_MIN_FACTS = 2000
_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_YAML_ADVICE = (
    "check the indentation and quote text that contains ': ' or starts with a special character"
)


@dataclass(frozen=True)
class LoadedDeck:
    """A valid fact file and where each fact sits in it, for warnings that name a line."""

    path: Path
    deck: DeckFile
    fact_lines: dict[str, int] = field(default_factory=dict)

    @property
    def display_path(self) -> str:
        """The file as the user named it."""
        return display_path(self.path)


class _Unreadable(Exception):
    """Raised inside the node walk; becomes one Problem for the file."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


class _NeedsLines(Exception):
    """A first, fast walk found a problem: walk again recording every line to report it."""


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built from the event stream."""

    container: dict[str, Any] | list[Any]
    where: Location
    anchor: str | None
    is_list: bool
    size: int = 1
    key: str | None = None  # in a mapping: the key whose value comes next
    key_line: int = 0
    merging: bool = False  # in a mapping: the next value is a `<<:` merge
    merge_line: int = 0
    merged_keys: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Walk:
    """libyaml events -> plain Python, with value lines, key lines and an expansion budget.

    Events stream past without a node tree (compose builds one: ten times slower and most of
    the memory at 100,000 facts). An alias reuses the anchored value, and its size is charged
    to the budget, so a "billion laughs" file stops early with a clear message. This loop runs
    once per event (17 per fact), so it dispatches on the event's class and keeps to locals.
    """

    budget: int
    last_line: int  # marks past the end (an empty value at the very end) are clamped to it
    # Lines of every value are only needed to report a problem: a first pass records those of
    # mappings and lists alone (fact lines for warnings), and a file with a problem is walked
    # again with `precise` set (a third of the walk's time saved on every valid file).
    precise: bool = True
    lines: dict[Location, int] = field(default_factory=dict)
    key_lines: dict[Location, int] = field(default_factory=dict)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    stack: list[_Frame] = field(default_factory=list)
    root: Any = None
    first_document: int = 0

    def run(self, events: Iterator[yaml.Event]) -> Any:
        """Consume a whole stream; returns the single document's value (None if empty)."""
        handlers: dict[type[yaml.Event], Callable[[Any], None]] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.start,
            yaml.SequenceStartEvent: self.start,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }
        for event in events:
            handler = handlers.get(event.__class__)
            if handler is not None:
                handler(event)
        return self.root

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        line = mark.line + 1 if mark else 1
        return line if line <= self.last_line else self.last_line

    def document(self, event: yaml.DocumentStartEvent) -> None:
        line = self.line(event)
        if self.first_document:
            raise _Unreadable(
                line,
                "",
                "YAML syntax error: but found another document (expected a single "
                f"document in the stream started at line {self.first_document}); " + _YAML_ADVICE,
            )
        self.first_document = line

    def end(self, event: yaml.MappingEndEvent | yaml.SequenceEndEvent) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.emit(frame.container, frame.size)

    def next_location(self, line: int) -> Location:
        """Where the next value goes; checks keys and records the value's line."""
        if not self.stack:
            where: Location = ()
        else:
            frame = self.stack[-1]
            if frame.is_list:
                where = (*frame.where, len(frame.container))
            elif frame.key is None and not frame.merging:
                raise _Unreadable(
                    line, format_location(frame.where), "a field name must be a plain word"
                )
            else:
                where = (*frame.where, frame.key or "<<")
                if frame.key is not None and frame.key_line != line:
                    # Kept only where it differs: most keys share their value's line.
                    self.key_lines[where] = frame.key_line
        self.lines.setdefault(where, line)
        return where

    def charge(self, size: int, line: int, where: Location) -> None:
        self.budget -= size
        if self.budget < 0:
            raise _Unreadable(
                line,
                format_location(where),
                "the file expands to too many values through YAML anchors and aliases "
                "(&name / *name): write the values out instead",
            )

    def scalar(self, event: yaml.ScalarEvent) -> None:
        line = self.line(event)
        plain = event.tag is None and event.implicit[0]
        frame = self.stack[-1] if self.stack else None
        if frame is not None and not frame.is_list and frame.key is None and not frame.merging:
            self.mapping_key(frame, event.value, line, merge=plain and event.value == "<<")
            return
        if self.precise:
            self.charge(1, line, self.next_location(line))
        else:
            self.budget -= 1
            if self.budget < 0:
                raise _NeedsLines
        null = event.tag == _NULL_TAG or (plain and event.value in _NULLS)
        value = None if null else event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.emit(value, 1)

    def alias(self, event: yaml.AliasEvent) -> None:
        line = self.line(event)
        if event.anchor not in self.anchors:
            raise _Unreadable(
                line,
                "",
                f"YAML syntax error: found undefined alias *{event.anchor}; " + _YAML_ADVICE,
            )
        value, size = self.anchors[event.anchor]
        where = self.next_location(line)
        self.charge(size, line, where)
        self.emit(value, size)

    def start(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        line = self.line(event)
        where = self.next_location(line)
        self.charge(1, line, where)
        if len(self.stack) >= MAX_DEPTH:
            raise _Unreadable(
                line, format_location(where), f"nested more than {MAX_DEPTH} levels deep"
            )
        is_list = isinstance(event, yaml.SequenceStartEvent)
        container: dict[str, Any] | list[Any] = [] if is_list else {}
        self.stack.append(_Frame(container, where, event.anchor, is_list))

    def mapping_key(self, frame: _Frame, key: str, line: int, *, merge: bool) -> None:
        if merge:
            frame.merging, frame.merge_line = True, line
            return
        assert isinstance(frame.container, dict)
        if key in frame.merged_keys:
            frame.merged_keys.discard(key)
            del frame.container[key]
            self.lines.pop((*frame.where, key), None)
        if key in frame.container:
            if not self.precise:
                raise _NeedsLines
            where = (*frame.where, key)
            raise _Unreadable(
                line,
                format_location(where),
                f"appears twice in the same place (first at line {self.key_line(where)}): keep one",
            )
        frame.key, frame.key_line = key, line

    def emit(self, value: Any, size: int) -> None:
        """Hand a finished value to the container being built (or make it the root)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
        elif frame.merging:
            frame.merging = False
            for part in value if isinstance(value, list) else [value]:
                if not isinstance(part, dict):
                    continue
                for key, item in part.items():
                    if key not in frame.container:
                        frame.container[key] = item
                        frame.merged_keys.add(key)
                        self.lines[(*frame.where, key)] = frame.merge_line
                        self.key_lines[(*frame.where, key)] = frame.merge_line
        else:
            assert frame.key is not None
            frame.container[frame.key] = value
            frame.key = None

    def key_line(self, where: Location) -> int:
        """The line of the key naming `where` (usually its value's line)."""
        return self.key_lines.get(where) or self.line_of(where)

    def line_of(self, where: Location) -> int:
        """The line of a value, else of its nearest enclosing value that exists."""
        for end in range(len(where), -1, -1):
            part = where[:end]
            if part in self.lines:
                return self.lines[part]
        return 1


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def last_line_of(text: str) -> int:
    """The number of the last line that holds text, counting breaks as YAML does."""
    breaks = len(_LINE_BREAK.findall(text))
    ends_with_break = text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
    return max(1, breaks + (0 if ends_with_break else 1))


def _yaml_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml gives a byte offset into the UTF-8 text and no line.
        line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        return Problem(
            path,
            line,
            "",
            f"YAML syntax error: the control character U+{error.character:04X} is not allowed: "
            "delete it (it often comes in unseen with pasted text)",
        )
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    if context_mark is not None and (problem_mark is None or problem_mark.index >= len(text)):
        # Found only at the end of the file (an unclosed quote or bracket): the line where the
        # unclosed thing starts is the one to fix.
        mark = context_mark
    last_line = last_line_of(text)
    line = min(mark.line + 1, last_line) if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_line = min(context_mark.line + 1, last_line) if context_mark is not None else line
    if context and context_line != line:
        context = f"{context} started at line {context_line}"
    detail = f"{problem} ({context})" if context else problem
    return Problem(
        path,
        line,
        "",
        f"YAML syntax error: {detail}; {_YAML_ADVICE}",
    )


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
}


def _fields_of(model: type[BaseModel], where: Location) -> list[str]:
    """The fields allowed at a location, for 'did you mean' suggestions."""
    if where and where[0] == "facts":
        return list(Fact.model_fields)
    if where and where[0] == "source":
        from quizgen.models import Source

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
    model: type[BaseModel], data: Any, prefix: Location, walk: _Walk, path: str
) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            where = (*prefix, *detail["loc"])
            line = (
                walk.key_line(where) if detail["type"] == "extra_forbidden" else walk.line_of(where)
            )
            problems.append(
                Problem(path, line, format_location(where), _friendly(detail, model, where))
            )
        return None, problems


def load_file(path: Path) -> LoadedDeck:
    """One fact file, validated; raises FactFileError listing every problem in it."""
    with bulk_allocation():
        return _load_file(path)


def _load_file(path: Path) -> LoadedDeck:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FactFileError([Problem(shown, 0, "", f"cannot be read: {error.strerror}")]) from None
    text = _decode(shown, data)
    halves_read = _load_in_halves(path, shown, text, len(data) + _BUDGET_SLACK)
    if halves_read is not None:
        return halves_read
    try:
        return _walk_and_build(path, shown, text, len(data), precise=False)
    except _NeedsLines:
        return _walk_and_build(path, shown, text, len(data), precise=True)


def _walk_and_build(path: Path, shown: str, text: str, size: int, *, precise: bool) -> LoadedDeck:
    """Raises FactFileError, or _NeedsLines when not `precise` and the file has a problem."""
    walk = _Walk(budget=size + _BUDGET_SLACK, last_line=last_line_of(text), precise=precise)
    try:
        raw = walk.run(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError as error:
        raise FactFileError([_yaml_problem(shown, text, error)]) from None
    except _Unreadable as error:
        if not precise:
            raise _NeedsLines from None
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


def _build(path: Path, shown: str, raw: dict[str, Any], walk: _Walk) -> LoadedDeck:
    header_data = {key: value for key, value in raw.items() if key != "facts"}
    header, problems = _validate(DeckHeader, header_data, (), walk, shown)
    raw_facts = raw.get("facts")
    facts: list[tuple[int, Fact]] = []
    if "facts" not in raw:
        problems.append(
            Problem(shown, 1, "facts", "is required: add `facts:` with a list of facts")
        )
    elif raw_facts is not None and not isinstance(raw_facts, list):
        problems.append(
            Problem(shown, walk.line_of(("facts",)), "facts", _FRIENDLY_TYPES["list_type"])
        )
    elif not raw_facts:
        problems.append(
            Problem(shown, walk.line_of(("facts",)), "facts", "a deck needs at least one fact")
        )
    else:
        facts, fact_problems = _validate_facts(raw_facts, walk, shown)
        problems += fact_problems
    problems += check_deck(path, shown, header, facts, walk.line_of)
    if problems and not walk.precise:
        raise _NeedsLines
    if problems:
        raise FactFileError(problems)
    assert isinstance(header, DeckHeader)
    deck = DeckFile.model_construct(**dict(header), facts=[fact for _, fact in facts])
    lines = {fact.id: walk.line_of(("facts", index)) for index, fact in facts}
    return LoadedDeck(path=path, deck=deck, fact_lines=lines)


def _validate_facts(
    raw_facts: list[Any], walk: _Walk, shown: str
) -> tuple[list[tuple[int, Fact]], list[Problem]]:
    """The facts that validate, each with its index, and the problems of the others."""
    facts: list[tuple[int, Fact]] = []
    problems: list[Problem] = []
    for index, raw_fact in enumerate(raw_facts):
        fact, fact_problems = _validate(Fact, raw_fact, ("facts", index), walk, shown)
        problems += fact_problems
        if fact is not None:
            facts.append((index, fact))
    return facts, problems


@dataclass(frozen=True)
class _Part:
    """One half of a long file, read and checked fact by fact (see yaml_split)."""

    header: dict[str, Any]  # the top-level fields other than `facts`
    facts: list[Fact]
    lines: list[int]  # of each fact
    list_line: int  # where the facts list starts
    charged: int  # values counted against the file's expansion budget


def _read_part(path: Path, shown: str, text: str, budget: int) -> _Part | None:
    """A half read as `_walk_and_build` reads a file, or None at the first sign of a problem
    (the whole file is then read as one, to report it)."""
    walk = _Walk(budget=budget, last_line=last_line_of(text), precise=False)
    try:
        raw = walk.run(yaml.parse(text, Loader=yaml.CSafeLoader))
    except (yaml.YAMLError, _Unreadable, _NeedsLines):
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("facts"), list):
        return None
    facts, problems = _validate_facts(raw["facts"], walk, shown)
    if problems or check_facts(path, shown, facts, walk.line_of):
        return None
    return _Part(
        header={key: value for key, value in raw.items() if key != "facts"},
        facts=[fact for _, fact in facts],
        lines=[walk.line_of(("facts", index)) for index, _ in facts],
        list_line=walk.line_of(("facts",)),
        charged=budget - walk.budget,
    )


def _load_in_halves(path: Path, shown: str, text: str, budget: int) -> LoadedDeck | None:
    """A long valid file read in two halves by two processes at once; None when the file is
    short, the machine has one core, or anything at all differs from reading it whole."""
    cut = halves(text, SPLIT_MIN_FACTS)
    if cut is None or worker_count(2, minimum=2) < 2:
        return None

    def read(parts: Sequence[str]) -> list[_Part | None]:
        return [_read_part(path, shown, part, budget) for part in parts]

    first, second = split_map(read, [cut.first, cut.second], minimum=2)
    if (
        first is None
        or second is None
        or first.header.keys() & second.header.keys()  # the file names a field twice
        or len(first.facts) != cut.first_items
        or len(second.facts) != cut.second_items
        or first.list_line != cut.first_item_line
        or first.charged + second.charged > budget
    ):
        return None
    header_walk = _Walk(budget=0, last_line=1, precise=False)  # lines are not needed here
    fields = {**first.header, **second.header}  # the second: fields after the facts list
    header, problems = _validate(DeckHeader, fields, (), header_walk, shown)
    facts = list(enumerate(first.facts + second.facts))
    if header is None or problems or duplicate_ids(shown, facts, header_walk.line_of):
        return None
    if check_pools(shown, header, header_walk.line_of):
        return None
    deck = DeckFile.model_construct(**dict(header), facts=[fact for _, fact in facts])
    lines = first.lines + second.lines
    fact_lines = {fact.id: line for (_, fact), line in zip(facts, lines, strict=True)}
    return LoadedDeck(path=path, deck=deck, fact_lines=fact_lines)


def load_decks(paths: Sequence[Path]) -> list[LoadedDeck]:
    """Every fact file under `paths`, validated together; all problems in all files at once."""
    decks: list[LoadedDeck] = []
    problems: list[Problem] = []
    first_file_of: dict[str, LoadedDeck] = {}
    files = list(dict.fromkeys(find_fact_files(paths)))
    if not files:
        shown = ", ".join(display_path(p) for p in paths)
        raise FactFileError([Problem(shown, 0, "", "no fact files (.yaml or .yml) found here")])
    for path in files:
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
    """The line of the top-level `id:` (only needed on the rare duplicate-deck path)."""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.startswith("id:"):
            return number
    return 1
