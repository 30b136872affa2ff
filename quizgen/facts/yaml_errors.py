"""libyaml's syntax errors told in a teacher's words, at the line the teacher must edit.

libyaml says where its parser gave up ("did not find expected key"), which is often a line or
twenty after the mistake: a quote never closed swallows the lines after it, a missing colon
shows up on the next line. Each rule here recognises one common mistake from the error and the
lines around it and names that mistake; anything else keeps libyaml's words with general advice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from quizgen.errors import Problem
from quizgen.facts.yaml_walk import INVISIBLE_BREAKS, editor_lines, last_line_of

ADVICE = (
    "check the indentation and quote text that contains ': ' or starts with a special character"
)
_KEY = re.compile(r"\s*(?:-\s+)?[\w-]+\s*:(?:\s|$)")  # `name:` or `- name:` opening a line
_DASH_WORD = re.compile(r"\s*-[^\s\-]")  # `-id:`: a list item without its space
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")
_MISALIGNED_ITEM = ("did not find expected key", "did not find expected '-' indicator")


@dataclass(frozen=True)
class _Source:
    """The text as the teacher's editor shows it, and libyaml's lines mapped onto it."""

    text: str
    lines: list[str]
    line_map: list[int] | None
    last_line: int

    @classmethod
    def of(cls, text: str) -> _Source:
        return cls(text, _EDITOR_BREAK.split(text), editor_lines(text), last_line_of(text))

    def shown(self, mark: yaml.Mark | None) -> int:
        """The editor line of a libyaml mark (from 1)."""
        line = min(mark.line + 1, self.last_line) if mark is not None else 1
        return self.line_map[line] if self.line_map else line

    def at(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def content_line_before(self, line: int) -> int:
        """The nearest line above `line` with something other than a comment on it (0: none)."""
        for number in range(line - 1, 0, -1):
            stripped = self.at(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return 0


def yaml_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    """One Problem for a YAML syntax error: the line to edit and what is wrong there."""
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml gives an offset into the UTF-8 bytes and no line.
        before = text.encode("utf-8")[: error.position].decode("utf-8", "replace")
        line = len(_EDITOR_BREAK.findall(before)) + 1
        return Problem(
            path,
            line,
            "",
            f"YAML syntax error: the control character U+{error.character:04X} is not allowed: "
            "delete it (it often comes in unseen with pasted text)",
        )
    source = _Source.of(text)
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = str(getattr(error, "problem", None) or error)
    context = getattr(error, "context", None)
    line = source.shown(problem_mark or context_mark)
    context_line = source.shown(context_mark) if context_mark is not None else line
    at_end = problem_mark is None or problem_mark.index >= len(text)
    found = _explained(
        source, problem, context, line, context_line, at_end, problem_mark, context_mark
    )
    if found is not None:
        line, message = found
        return Problem(path, line, "", f"YAML syntax error: {message}")
    if at_end and context_mark is not None:
        line = context_line  # found only at the end: the line where the unclosed thing starts
    if context and context_line != line:
        context = f"{context} started at line {context_line}"
    detail = f"{problem} ({context})" if context else problem
    return Problem(path, line, "", f"YAML syntax error: {detail}; {ADVICE}")


def _explained(
    source: _Source,
    problem: str,
    context: str | None,
    line: int,
    context_line: int,
    at_end: bool,
    problem_mark: yaml.Mark | None,
    context_mark: yaml.Mark | None,
) -> tuple[int, str] | None:
    """The line and plain words for a mistake these rules recognise, else None."""
    first = min(line, context_line)
    for number in range(first, line + 1):
        invisible = next((c for c in source.at(number) if c in INVISIBLE_BREAKS), None)
        if invisible is not None:
            return number, (
                f"this line holds an invisible line break ({_named(invisible)}), which YAML "
                "reads as the start of a new line: delete it (it often comes in with pasted text)"
            )
    for number in range(line, max(first, line - 1) - 1, -1):
        indent = source.at(number)[: len(source.at(number)) - len(source.at(number).lstrip())]
        if "\t" in indent:
            return number, "a tab in the indentation: indent with spaces (YAML does not allow tabs)"
    if (
        problem_mark is not None
        and source.at(line)[problem_mark.column : problem_mark.column + 1] == "\t"
    ):
        return line, "a tab where YAML needs spaces (after `-`, `:` or at the start): use spaces"
    swallowed = _unclosed_quote(source)
    if swallowed is not None:
        return swallowed
    if "quoted scalar" in (context or "") and at_end and context_mark is not None:
        quote = source.at(context_line)[context_mark.column : context_mark.column + 1] or '"'
        return context_line, f"this quote ({quote}) is never closed: end the text with {quote}"
    if problem.startswith("did not find expected ',' or"):
        bracket = "[" if problem.endswith("']'") else "{"
        closing = "]" if bracket == "[" else "}"
        return context_line, (
            f"this {bracket} is never closed: end the list with {closing} on the same line "
            "(or write the value in quotes if the bracket is part of the text)"
        )
    for number in (line, source.content_line_before(line)):
        if number and _DASH_WORD.match(source.at(number)):
            item = source.at(number).strip()
            return number, (
                f"a list item needs a space after -: write `- {item[1:]}` instead of `{item}`"
            )
    if problem == "could not find expected ':'":
        opening = _opening_quote(source, context_line, context_mark)
        if opening is not None:
            return context_line, (
                f"this quote ({opening}) is never closed on its line: end the text with "
                f"{opening}, or quote the whole value"
            )
        return context_line, "a colon is missing: write the field as `name: value`"
    if problem in _MISALIGNED_ITEM and source.at(line).lstrip().startswith("- "):
        return line, (
            "this list item does not line up with the items above it: start its `- ` in the "
            "same column as theirs"
        )
    if problem == "block sequence entries are not allowed in this context":
        return line, (
            "a list cannot start on the line of its field: put each `- ` item on a line of its "
            "own below the field, or write the list as [one, two]"
        )
    if problem == "did not find expected key" and line != context_line:
        return line, (
            "this line does not line up with the fields above it (the block that starts at "
            f"line {context_line}): indent it as they are"
        )
    if problem == "mapping values are not allowed in this context":
        return _unexpected_colon(source, line, problem_mark)
    if problem == "did not find expected '-' indicator":
        return line, (
            "this line does not line up with the lines above it: indent it like the field or "
            "list item it belongs to"
        )
    if problem == "found character that cannot start any token" and problem_mark is not None:
        char = source.at(line)[problem_mark.column : problem_mark.column + 1] or "?"
        return line, f"a value cannot start with {char!r}: put the value in quotes"
    return None


def _unclosed_quote(source: _Source) -> tuple[int, str] | None:
    """A quoted value opened on one line and closed lines later, having swallowed a field
    (`answer: ...`) on the way: the quote on its first line is the one never closed."""
    scanner = yaml.CSafeLoader(source.text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.ScalarToken) and _swallowed_a_field(source, token):
                return _quote_message(source, token)
    except yaml.YAMLError:
        pass  # the tokens up to the error are the ones that matter
    finally:
        scanner.dispose()
    return None


def _swallowed_a_field(source: _Source, token: yaml.ScalarToken) -> bool:
    if token.style not in ('"', "'"):
        return False
    start, end = source.shown(token.start_mark), source.shown(token.end_mark)
    return any(_KEY.match(source.at(number)) for number in range(start + 1, end + 1))


def _quote_message(source: _Source, token: yaml.ScalarToken) -> tuple[int, str]:
    start, end = source.shown(token.start_mark), source.shown(token.end_mark)
    swallowed = next(n for n in range(start + 1, end + 1) if _KEY.match(source.at(n)))
    field = source.at(swallowed).strip().removeprefix("- ").split(":")[0]
    return start, (
        f"this quote ({token.style}) is never closed, so the text runs on into `{field}:` on "
        f"line {swallowed}: end the text with {token.style} on this line"
    )


def _opening_quote(source: _Source, line: int, mark: yaml.Mark | None) -> str | None:
    """The quote mark that starts the key libyaml was reading, if one does and it is not
    closed again on its line."""
    if mark is None:
        return None
    rest = source.at(line)[mark.column :]
    if rest[:1] in ('"', "'") and rest[1:].count(rest[0]) == 0:
        return rest[0]
    return None


def _unexpected_colon(
    source: _Source, line: int, problem_mark: yaml.Mark | None
) -> tuple[int, str]:
    """libyaml's "mapping values are not allowed": a `: ` inside a value, a line indented
    further than the field above, or the field above missing its colon."""
    text = source.at(line)
    column = problem_mark.column if problem_mark is not None else len(text)
    key = _KEY.match(text)
    if key is not None and key.end() <= column:
        name = key.group().strip().removeprefix("- ").rstrip(":").strip()
        return line, (
            f"the value of `{name}` contains ': ', which YAML reads as another field: put the "
            'whole value in quotes ("...")'
        )
    above = source.content_line_before(line)
    if above and not _KEY.match(source.at(above)) and ":" not in source.at(above):
        return above, "a colon is missing: write the field as `name: value`"
    return line, (
        "this line is indented further than the field above it, so YAML reads it as part of "
        "that field's value: line it up with the field above"
    )


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'LINE BREAK')}"
