"""Fact files in, validated decks out, with every problem reported at once by file and line.

libyaml composes nodes that carry line marks at C speed; we turn nodes into plain Python
ourselves, so every value keeps its line, scalars stay text (`answer: 2014` is the text
"2014", `answer: no` is not False) and anchors cannot expand without bound.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from quizgen.errors import FactFileError, Location, Problem, display_path, format_location
from quizgen.kinds import Kind
from quizgen.models import DeckFile, DeckHeader, Fact
from quizgen.rules import check_deck

FACT_SUFFIXES = (".yaml", ".yml")
MAX_DEPTH = 64  # fact files need 5 levels; deeper is a mistake or an attack
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"


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


@dataclass
class _Walk:
    """Node -> Python conversion state: value lines, key lines and an expansion budget."""

    budget: int
    lines: dict[Location, int] = field(default_factory=dict)
    key_lines: dict[Location, int] = field(default_factory=dict)

    def value(self, node: yaml.Node, where: Location, depth: int = 0) -> Any:
        self.budget -= 1
        line = node.start_mark.line + 1
        if self.budget < 0:
            raise _Unreadable(
                line,
                format_location(where),
                "the file expands to too many values through YAML anchors and aliases "
                "(&name / *name): write the values out instead",
            )
        if depth > MAX_DEPTH:
            raise _Unreadable(
                line, format_location(where), f"nested more than {MAX_DEPTH} levels deep"
            )
        self.lines.setdefault(where, line)
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL_TAG else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*where, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, where, depth)

    def mapping(self, node: yaml.MappingNode, where: Location, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged_keys: set[str] = set()  # from `<<: *name`; a key written here overrides them
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                # Lines inside the anchored mapping belong to its own location, so they are
                # recorded aside and every merged field is placed at the `<<:` line.
                lines, key_lines = self.lines, self.key_lines
                self.lines, self.key_lines = {}, {}
                try:
                    merged = self.value(value_node, where, depth + 1)
                finally:
                    self.lines, self.key_lines = lines, key_lines
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for key, item in part.items():
                            if key not in result:
                                result[key] = item
                                merged_keys.add(key)
                                self.lines[(*where, key)] = key_line
                                self.key_lines[(*where, key)] = key_line
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Unreadable(
                    key_line, format_location(where), "a field name must be a plain word"
                )
            key = key_node.value
            if key in merged_keys:
                merged_keys.discard(key)
                del result[key], self.lines[(*where, key)]
            if key in result:
                raise _Unreadable(
                    key_line,
                    format_location((*where, key)),
                    f"appears twice in the same place (first at line "
                    f"{self.key_lines[(*where, key)]}): keep one",
                )
            self.key_lines[(*where, key)] = key_line
            result[key] = self.value(value_node, (*where, key), depth + 1)
        return result

    def line_of(self, where: Location) -> int:
        """The line of a value, else of its nearest enclosing value that exists."""
        for end in range(len(where), -1, -1):
            part = where[:end]
            if part in self.lines:
                return self.lines[part]
        return 1


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
    last_line = max(1, text.count("\n") + (not text.endswith("\n")))
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
        f"YAML syntax error: {detail}; check the indentation and quote text that "
        "contains ': ' or starts with a special character",
    )


def _decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FactFileError(
            [
                Problem(
                    path,
                    line,
                    "",
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as "
                    "UTF-8 in your editor",
                )
            ]
        ) from None


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
                walk.key_lines.get(where, walk.line_of(where))
                if detail["type"] == "extra_forbidden"
                else walk.line_of(where)
            )
            problems.append(
                Problem(path, line, format_location(where), _friendly(detail, model, where))
            )
        return None, problems


def load_file(path: Path) -> LoadedDeck:
    """One fact file, validated; raises FactFileError listing every problem in it."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FactFileError([Problem(shown, 0, "", f"cannot be read: {error.strerror}")]) from None
    text = _decode(shown, data)
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        raise FactFileError([_yaml_problem(shown, text, error)]) from None
    if root is None:
        raise FactFileError(
            [Problem(shown, 1, "", "the file is empty: `quizgen new FILE` writes a starter file")]
        )
    walk = _Walk(budget=len(data) + 10_000)
    try:
        raw = walk.value(root, ())
    except _Unreadable as error:
        raise FactFileError([Problem(shown, error.line, error.field, error.message)]) from None
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
        for index, raw_fact in enumerate(raw_facts):
            fact, fact_problems = _validate(Fact, raw_fact, ("facts", index), walk, shown)
            problems += fact_problems
            if fact is not None:
                facts.append((index, fact))
    problems += check_deck(path, shown, header, facts, walk.line_of)
    if problems:
        raise FactFileError(problems)
    assert isinstance(header, DeckHeader)
    deck = DeckFile.model_construct(**dict(header), facts=[fact for _, fact in facts])
    lines = {fact.id: walk.line_of(("facts", index)) for index, fact in facts}
    return LoadedDeck(path=path, deck=deck, fact_lines=lines)


def find_fact_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Files as given, and folders searched recursively for .yaml and .yml, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                found
                for found in path.rglob("*")
                if found.suffix.lower() in FACT_SUFFIXES and found.is_file()
            )
        else:
            yield path


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
