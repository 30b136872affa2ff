"""Helpers for the curate tests: what a fact file says, and that only `distractors` changed."""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.facts.loader import load_bytes, load_file

_FLOW_ENTRY = ", distractors: ["
_KEY = re.compile(r"^(\s*)distractors:(.*)$")


def distractors_of(path: Path) -> dict[str, list[str]]:
    """Fact id -> its `distractors`, as the real loader reads the file (so it must check)."""
    return {fact.id: list(fact.distractors) for fact in load_file(path).deck.facts}


def fact_segments(path: Path, data: bytes) -> dict[str, list[str]]:
    """The file's lines cut at each fact's first line: '' holds what comes before the facts."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    starts = sorted((line, fact_id) for fact_id, line in load_bytes(path, data).fact_lines.items())
    segments = {"": lines[: starts[0][0] - 1]}
    for (line, fact_id), after in zip(starts, [*starts[1:], (len(lines) + 1, "")], strict=True):
        segments[fact_id] = lines[line - 1 : after[0] - 1]
    return segments


def without_distractors(lines: list[str]) -> list[str]:
    """A fact's lines with its `distractors` entry taken out, in any of the styles written."""
    kept: list[str] = []
    inside: int | None = None  # the key's indent while its block list is being skipped
    for line in lines:
        if inside is not None:
            stripped = line.lstrip(" ")
            if stripped.startswith("- ") and len(line) - len(stripped) >= inside:
                continue
            inside = None
        found = _KEY.match(line.rstrip("\r\n"))
        if found:
            if not found.group(2).strip() or found.group(2).strip().startswith("#"):
                inside = len(found.group(1))
            continue
        kept.append(_without_flow_entry(line))
    return kept


def assert_only_distractors_changed(
    path: Path, before: bytes, after: bytes, edited: set[str]
) -> None:
    """Every byte outside the edited facts is as it was; inside them, all but `distractors`."""
    old, new = fact_segments(path, before), fact_segments(path, after)
    assert list(old) == list(new)
    for fact_id, lines in old.items():
        if fact_id in edited:
            # (a line added after the file's last line gives that line a line break)
            kept_new = "".join(without_distractors(new[fact_id])).rstrip("\r\n")
            assert kept_new == "".join(without_distractors(lines)).rstrip("\r\n"), fact_id
        else:
            assert new[fact_id] == lines, fact_id
    if not edited:
        assert after == before


def _without_flow_entry(line: str) -> str:
    """A `{...}` fact's line without its `, distractors: [...]` (quoted "]" and all)."""
    start = line.find(_FLOW_ENTRY)
    if start < 0:
        return line
    quoted = escaped = False
    for at in range(start + len(_FLOW_ENTRY), len(line)):
        character = line[at]
        if escaped:
            escaped = False
        elif character == "\\" and quoted:
            escaped = True
        elif character == '"':
            quoted = not quoted
        elif character == "]" and not quoted:
            return line[:start] + line[at + 1 :]
    raise AssertionError(f"unclosed distractors list in {line!r}")
