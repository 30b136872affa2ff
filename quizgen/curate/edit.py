"""Writing curated `distractors` into a fact file so that every other byte stays as it was.

A line edit, not a round-trip YAML library: libyaml's event marks give the exact character
range of each fact's `distractors` value (or where a new key goes), and only that range is
rewritten. ruamel.yaml's round trip re-emits the whole document instead: its indentation must
be guessed per file (with its defaults, 135 changed lines on a 96-line fact file), long lines
are re-wrapped at 80 columns unless told otherwise, and even tuned it respaces flow
collections on facts nobody edited (`[Cusco,   Arequipa]  # note` -> `[Cusco, Arequipa]    #
note`, `Madrid }` -> `Madrid}`). Here "every other byte" holds by construction, and the result
is read back by the real loader before it is saved: the edited facts must hold exactly the
decided options and everything else must read the same.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from quizgen.atomic import write_atomic
from quizgen.errors import FactFileError, QuizgenError, decode_utf8, display_path
from quizgen.facts.loader import LoadedDeck, load_bytes


class CurateError(QuizgenError):
    """A curated result that cannot be saved (the file changed, or would not check)."""


@dataclass(frozen=True)
class FactPlace:
    """Where one fact sits in the text, in characters: enough to rewrite its `distractors`."""

    index: int  # position in `facts`
    flow: bool  # written as {id: ..., answer: ...}
    key_column: int  # the column of the fact's keys (block style)
    value: tuple[int, int] | None  # the range of the `distractors` value, if the fact has one
    value_block: bool  # that value is a block sequence (lines starting with "- ")
    value_shared: bool  # that value is anchored (&name) or an alias (*name)
    insert_at: int  # where a new entry goes when the fact has no `distractors`
    items: tuple[tuple[str, int, int], ...] = ()  # a block list's one-line items: text, range
    key_end: int = 0  # where the `distractors` key ends


@dataclass(frozen=True)
class FactFile:
    """A fact file as read for curating: its bytes, its text and its validated deck."""

    path: Path
    data: bytes
    loaded: LoadedDeck
    places: tuple[FactPlace | None, ...]  # by fact index; None where the fact is an alias

    @classmethod
    def read(cls, path: Path) -> FactFile:
        """Read and validate `path` (FactFileError as `check` gives it)."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CurateError(f"{display_path(path)}: cannot be read: {error.strerror}") from None
        loaded = load_bytes(path, data)
        return cls(path, data, loaded, locate_facts(_text_of(data)))

    @property
    def text(self) -> str:
        """The file's text, without a byte-order mark."""
        return _text_of(self.data)

    def edited(self, changes: Mapping[str, Sequence[str]]) -> bytes:
        """The file's bytes with each named fact's `distractors` set to its list."""
        return _with_distractors(self, changes)

    def diff(self, new: bytes) -> str:
        """A unified diff from this file to `new`, as `--dry-run` prints it."""
        name = display_path(self.path)
        before = self.text.splitlines(keepends=True)
        after = _text_of(new).splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, name, name)
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    def save(self, changes: Mapping[str, Sequence[str]]) -> bytes:
        """Check the edit with the real loader, then replace the file atomically.

        Refuses when the file changed on disk since it was read (an editor saved it) or the
        result would not pass `quizgen check`: nothing is written then.
        """
        new = self.edited(changes)
        try:
            current = self.path.read_bytes()
        except OSError as error:
            raise CurateError(
                f"{display_path(self.path)}: cannot be read: {error.strerror}"
            ) from None
        if current != self.data:
            raise CurateError(
                f"{display_path(self.path)} changed on disk while curating: nothing was "
                "saved; run `quizgen curate` again on the new file"
            )
        if new != self.data:
            write_atomic(self.path, new)
        return new


def _text_of(data: bytes) -> str:
    return decode_utf8(data)


_BOM = b"\xef\xbb\xbf"


def _with_distractors(file: FactFile, changes: Mapping[str, Sequence[str]]) -> bytes:
    """Rewrite the ranges of the changed facts (the text between them copied once), then
    read the result back with the loader and compare it with what was decided."""
    facts = file.loaded.deck.facts
    index_of = {fact.id: index for index, fact in enumerate(facts)}
    text = file.text
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    for fact_id, options in changes.items():
        if fact_id not in index_of:
            raise CurateError(f"{file.loaded.display_path}: there is no fact {fact_id!r}")
        index = index_of[fact_id]
        if list(options) == facts[index].distractors:
            continue  # unchanged: not even respaced
        place = file.places[index] if index < len(file.places) else None
        if place is None or (place.value is not None and place.value_shared):
            line = file.loaded.fact_lines.get(fact_id, 0)
            raise CurateError(
                f"{file.loaded.display_path}:{line}: fact {fact_id!r}: its fields are shared "
                "through a YAML anchor or alias, so they cannot be changed for this fact "
                "alone: write them out, then curate again"
            )
        edits.append(_edit_for(text, place, list(options), newline))
    pieces, done = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [text[done:start], replacement]
        done = end
    new = "".join([*pieces, text[done:]]).encode("utf-8")
    if file.data.startswith(_BOM):
        new = _BOM + new
    _verify(file, new, changes)
    return new


def _edit_for(
    text: str, place: FactPlace, options: list[str], newline: str
) -> tuple[int, int, str]:
    """(start, end, replacement) that sets one fact's distractors."""
    if place.value is not None:
        start, end = place.value
        if place.value_block and options:
            column = start - (text.rfind("\n", 0, start) + 1)
            separator = newline + " " * column
            lines = [_item_line(text, place, option) for option in options]
            if place.items and place.items[-1][2] == end:
                # The last line's own comment stays outside the range: end it with that line.
                end = _end_of_line(text, end) - len(newline)
                end = max(end, place.items[-1][2])
            return start, end, separator.join(lines)
        between = text[place.key_end : start]
        if place.value_block and between.lstrip().startswith(":") and "#" not in between:
            return place.key_end, end, ": []"  # no options: `distractors: []` on one line
        return start, end, flow_list(options)
    entry = f"distractors: {flow_list(options)}"
    at = place.insert_at
    if place.flow:
        return at, at, f", {entry}"
    line = " " * place.key_column + entry
    if at == len(text) and not text.endswith("\n"):
        return at, at, newline + line  # the fact ends the file, with no line break after it
    return at, at, line + newline


def _item_line(text: str, place: FactPlace, option: str) -> str:
    """A block list's line for `option`: the line it had, comment and all, if it had one."""
    for item, start, end in place.items:
        if item == option:
            dash = text.rfind("-", 0, start)  # the item's "- " starts its line
            return text[dash : _end_of_line(text, end)].rstrip("\r\n")
    return f"- {yaml_scalar(option)}"


def _verify(file: FactFile, new: bytes, changes: Mapping[str, Sequence[str]]) -> None:
    """The edited file must load, the changed facts hold exactly their lists, and every other
    value of the file read the same as before."""
    try:
        loaded = load_bytes(file.path, new)
    except FactFileError as error:
        raise CurateError(
            "the curated file would not pass `quizgen check`, so it was not saved:\n" + str(error)
        ) from None
    before, after = file.loaded.deck, loaded.deck
    expected = [
        fact.model_copy(update={"distractors": list(changes[fact.id])})
        if fact.id in changes
        else fact
        for fact in before.facts
    ]
    same_header = before.model_dump(exclude={"facts"}) == after.model_dump(exclude={"facts"})
    if not same_header or [f.model_dump() for f in expected] != [
        f.model_dump() for f in after.facts
    ]:
        raise CurateError(
            f"{file.loaded.display_path}: the edit would change more than the curated "
            "distractors (the file uses YAML the editor cannot rewrite safely), so it was "
            "not saved: edit the distractors by hand"
        )


# --- Writing values -------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9$£€¥(][^\x00-\x1f\x7f,\[\]{}#:\"'\\]*")


@functools.lru_cache(maxsize=4096)  # a deck repeats its options: each is written once
def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly `text` inside a flow list: plain
    when that is safe, else double-quoted with every unprintable character escaped."""
    if (
        _PLAIN.fullmatch(text)
        and text.isprintable()
        and text == text.strip()
        and _reads_as_text(text)
        and _reads_back(text, text)
    ):
        return text
    quoted = '"' + "".join(_escape(character) for character in text) + '"'
    assert _reads_back(quoted, text), text
    return quoted


def flow_list(options: Sequence[str]) -> str:
    """[A, B, C], each item written by `yaml_scalar`."""
    return "[" + ", ".join(yaml_scalar(option) for option in options) + "]"


_RESOLVER = yaml.resolver.Resolver()


def _reads_as_text(plain: str) -> bool:
    """Whether other YAML readers too take `plain` as text: quizgen reads every scalar as
    text, but an editor's linter or a script would read `1609` as a number, `no` as false."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def _escape(character: str) -> str:
    if character in '"\\':
        return "\\" + character
    if character == "\t":
        return "\\t"
    if unicodedata.category(character)[0] in "CZ" and character != " ":
        code = ord(character)
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return character


def _reads_back(written: str, text: str) -> bool:
    try:
        events = list(yaml.parse(f"[{written}]", Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return False
    scalars = [event for event in events if isinstance(event, yaml.ScalarEvent)]
    return len(scalars) == 1 and scalars[0].value == text


# --- Finding the facts in the text ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Event:
    """What the edit needs of one libyaml event: its class, text range, lines and style."""

    kind: type[yaml.Event]
    value: str | None
    start: int
    end: int
    start_line: int
    end_line: int
    column: int
    flow: bool
    anchor: str | None

    def opens(self) -> bool:
        return self.kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent)

    def closes(self) -> bool:
        return self.kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent)


_SKIPPED = (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)


class _Events:
    """libyaml's events, one at a time, as `_Event`s."""

    def __init__(self, text: str) -> None:
        self._events: Iterator[yaml.Event] = iter(yaml.parse(text, Loader=yaml.CSafeLoader))

    def next(self) -> _Event:
        event = next(self._events)
        while isinstance(event, _SKIPPED):
            event = next(self._events)
        start, end = event.start_mark, event.end_mark
        assert start is not None and end is not None  # libyaml marks every event
        return _Event(
            kind=type(event),
            value=getattr(event, "value", None),
            start=start.index,
            end=end.index,
            start_line=start.line,
            end_line=end.line,
            column=start.column,
            flow=bool(getattr(event, "flow_style", False)),
            anchor=getattr(event, "anchor", None),
        )


def _skip(events: _Events, first: _Event) -> int:
    """Consume the node that `first` starts; returns where its text ends."""
    if not first.opens():
        return first.end
    end = first.end
    while True:
        event = events.next()
        if event.closes():
            # A block collection's end event sits at the next token (past comments and
            # blank lines); its text ends with its last child.
            return event.end if first.flow else end
        end = _skip(events, event)


def locate_facts(text: str) -> tuple[FactPlace | None, ...]:
    """Where each fact of a valid fact file sits in its text."""
    events = _Events(text)
    root = events.next()
    if root.kind is not yaml.MappingStartEvent:
        return ()
    places: tuple[FactPlace | None, ...] = ()
    while True:
        key = events.next()
        if key.closes():
            return places
        value = events.next()
        if key.value == "facts" and value.kind is yaml.SequenceStartEvent:
            places = tuple(_facts(events, text))
        else:
            _skip(events, value)


def _facts(events: _Events, text: str) -> Iterator[FactPlace | None]:
    index = 0
    while True:
        event = events.next()
        if event.closes():
            return
        if event.kind is yaml.MappingStartEvent and event.anchor is None:
            yield _fact(events, event, index, text)
        else:
            _skip(events, event)
            yield None  # an alias or an anchored fact: not ours to change alone
        index += 1


#: A new `distractors:` line goes after the last of these that ends its line.
_AFTER = ("answer", "kind", "hint")


def _fact(events: _Events, start: _Event, index: int, text: str) -> FactPlace:
    key_column = -1
    value: tuple[int, int] | None = None
    block = shared = False
    items: tuple[tuple[str, int, int], ...] = ()
    key_end = 0
    last_end = start.end
    line_ends: dict[str, int] = {}  # key -> the end of the line its one-line value ends
    while True:
        key = events.next()
        if key.closes():
            break
        if key_column < 0:
            key_column = key.column
        first = events.next()
        name = key.value or ""
        if name == "distractors":
            block = first.kind is yaml.SequenceStartEvent and not first.flow
            end, items = _items(events, first) if block else (_skip(events, first), ())
            value, key_end = (first.start, end), key.end
            shared = first.kind is yaml.AliasEvent or first.anchor is not None
        else:
            end = _skip(events, first)
        if first.start_line == first.end_line and not start.flow:
            line_ends[name] = _end_of_line(text, end)
        last_end = end
    insert_at = last_end
    if not start.flow:
        ends = [line_ends[name] for name in _AFTER if name in line_ends]
        insert_at = ends[-1] if ends else _end_of_line(text, last_end)
    column = max(key_column, 0)
    return FactPlace(index, start.flow, column, value, block, shared, insert_at, items, key_end)


def _items(events: _Events, first: _Event) -> tuple[int, tuple[tuple[str, int, int], ...]]:
    """Consume a block list; returns where it ends and its one-line text items as (text,
    start, end), so that an item kept is written back with its line as it was."""
    items: list[tuple[str, int, int]] = []
    end = first.end
    while True:
        event = events.next()
        if event.closes():
            return end, tuple(items)
        end = _skip(events, event)
        if event.kind is yaml.ScalarEvent and event.start_line == event.end_line:
            items.append((event.value or "", event.start, end))


def _end_of_line(text: str, at: int) -> int:
    """Just past the line break of the line holding `at` (the end of the text if none)."""
    found = text.find("\n", at)
    return len(text) if found < 0 else found + 1
