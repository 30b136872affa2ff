"""libyaml's event stream folded into plain Python, with the line of every value.

Events stream past without a node tree (`yaml.compose` builds one: ten times slower and most
of the memory at 100,000 facts). Scalars stay text (`answer: 2014` is the text "2014",
`answer: no` is not False), anchors are charged their expanded size (in characters) so a
"billion laughs" file stops early, and nesting is limited. The loader (quizgen.facts.loader)
validates what comes out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from quizgen.errors import Location, format_location

MAX_DEPTH = 64  # fact files need 5 levels; deeper is a mistake or an attack
_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class Unreadable(Exception):
    """Raised inside the node walk; becomes one Problem for the file."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


class NeedsLines(Exception):
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
    repeated: bool = False  # in a mapping: the next value belongs to a key given twice


@dataclass(slots=True)
class Walk:
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
    #: Problems the walk can report and go on past (a key given twice, a bad `<<:` merge, a
    #: list item indented too far): line, where, message. The loader names the field.
    problems: list[tuple[int, Location, str]] = field(default_factory=list)
    text: str = ""  # the source, for the few checks that look at the lines themselves
    source_lines: list[str] | None = None

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

    def shown(self, line: int) -> int:
        """A line as libyaml counts it (from 1), as the teacher's editor shows it."""
        return line if line <= self.last_line else self.last_line

    def record(self, line: int, where: Location, message: str) -> None:
        """A problem to report with the others; the fast walk leaves it to the precise one."""
        if not self.precise:
            raise NeedsLines
        self.problems.append((line, where, message))

    def joined_list_item(self, event: yaml.ScalarEvent, where: Location) -> None:
        """A plain value running over several lines, one of which starts with `- ` (or `-word`):
        a list item indented further than the one above, read by YAML as part of it."""
        if self.source_lines is None:
            self.source_lines = _LINE_BREAK.split(self.text)
        assert event.start_mark is not None and event.end_mark is not None
        first, last = event.start_mark.line, event.end_mark.line
        for number in range(first + 1, min(last, len(self.source_lines) - 1) + 1):
            stripped = self.source_lines[number].strip()
            spaced = stripped == "-" or stripped.startswith(("- ", "-\t"))
            if spaced or (stripped[:1] == "-" and stripped[1:2].isalpha()):
                line = self.shown(number + 1)
                self.record(
                    line,
                    where,
                    f"{stripped!r} is indented further than the line above, so YAML reads "
                    f"both as one value ({event.value!r}): start each `- ` in the same column"
                    + ("" if spaced else ", with a space after the -"),
                )
                return

    def document(self, event: yaml.DocumentStartEvent) -> None:
        line = self.line(event)
        if self.first_document:
            raise Unreadable(
                line,
                "",
                "a second YAML document starts here, but a fact file holds one deck (the first "
                f"started at line {self.first_document}): remove the `---` or `...` line, or "
                "put this deck in a file of its own",
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
                raise Unreadable(
                    line, format_location(frame.where), "a field name must be a plain word"
                )
            else:
                where = (*frame.where, frame.key or "<<")
                if frame.repeated:
                    return where  # the repeat of a key: its value is dropped, lines kept
                if frame.key is not None and frame.key_line != line:
                    # Kept only where it differs: most keys share their value's line.
                    self.key_lines[where] = frame.key_line
        self.lines.setdefault(where, line)
        return where

    def charge(self, size: int, line: int, where: Location) -> None:
        self.budget -= size
        if self.budget < 0:
            raise Unreadable(
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
        # Charged by length, so an alias of a long text costs what it expands to (one 1 MB
        # text aliased 20,000 times stops here, not after 20 GB of copies).
        size = len(event.value) or 1
        if self.precise:
            where = self.next_location(line)
            self.charge(size, line, where)
            if plain and " -" in event.value and _several_lines(event):
                self.joined_list_item(event, where)
        else:
            self.budget -= size
            if self.budget < 0:
                raise NeedsLines
            if plain and " -" in event.value and _several_lines(event):
                raise NeedsLines  # perhaps two list items joined: the precise walk looks
        null = event.tag == _NULL_TAG or (plain and event.value in _NULLS)
        value = None if null else event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        self.emit(value, size)

    def alias(self, event: yaml.AliasEvent) -> None:
        line = self.line(event)
        if event.anchor not in self.anchors:
            raise Unreadable(
                line,
                "",
                f"*{event.anchor} names no value marked &{event.anchor} above it: mark the "
                "value with the &name first (an alias can only repeat what comes before it)",
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
            raise Unreadable(
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
            where = (*frame.where, key)
            self.record(
                line,
                where,
                f"appears twice in the same place (first at line {self.key_line(where)}): "
                "keep one (the first is checked)",
            )
            frame.repeated = True
            frame.key = key
            return
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
        elif frame.repeated:
            frame.repeated, frame.key = False, None
        elif frame.merging:
            frame.merging = False
            for part in value if isinstance(value, list) else [value]:
                if not isinstance(part, dict):
                    self.record(
                        frame.merge_line,
                        (*frame.where, "<<"),
                        f"`<<:` merges the fields of a mapping, but this is {_described(part)}: "
                        "mark a mapping with &name and write `<<: *name`",
                    )
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
#: Line breaks to YAML that no editor shows as one: they must not shift the lines we report.
INVISIBLE_BREAKS = ("\x85", "\u2028", "\u2029")


@dataclass(slots=True)
class MappedWalk(Walk):
    """A walk of a text with invisible line breaks (NEL, U+2028, U+2029): libyaml counts them
    as lines, editors do not, so every line is mapped to the editor's."""

    line_map: list[int] = field(default_factory=list)

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return self.shown(mark.line + 1 if mark else 1)

    def shown(self, line: int) -> int:
        return self.line_map[line if line <= self.last_line else self.last_line]


def editor_lines(text: str) -> list[int] | None:
    """The editor's line of each line as libyaml counts them (index: libyaml's line, from 1),
    for a text with invisible line breaks; None for any other text."""
    if not any(char in text for char in INVISIBLE_BREAKS):
        return None
    lines, editor = [1, 1], 1
    for found in _LINE_BREAK.finditer(text):
        editor += found.group() not in INVISIBLE_BREAKS
        lines.append(editor)
    return lines


def new_walk(text: str, budget: int, *, precise: bool) -> Walk:
    """The walk for `text`: one that maps lines if libyaml would count more than an editor."""
    last_line = last_line_of(text)
    line_map = editor_lines(text)
    if line_map is None:
        return Walk(budget=budget, last_line=last_line, precise=precise, text=text)
    return MappedWalk(
        budget=budget, last_line=last_line, precise=precise, text=text, line_map=line_map
    )


def _several_lines(event: yaml.ScalarEvent) -> bool:
    start, end = event.start_mark, event.end_mark
    return start is not None and end is not None and end.line > start.line


def _described(value: Any) -> str:
    """What a value is, in a teacher's words, for a message."""
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}" if len(value) <= 40 else "text"


def last_line_of(text: str) -> int:
    """The number of the last line that holds text, counting breaks as YAML does."""
    breaks = len(_LINE_BREAK.findall(text))
    ends_with_break = text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
    return max(1, breaks + (0 if ends_with_break else 1))
