"""Where a span stands in a statement: one answer for the loader's rules and the engine.

A span is placed at its first whole-word occurrence ("20" in "In 2020, 20 countries" is the
second "20"), falling back to first occurrences when whole words would make two spans overlap.
The loader rejects only what no placement can hide, so every validated fact has a placement.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def span_start(text: str, span: str) -> int:
    """Where `span` stands in `text`: its first whole-word occurrence, else its first one."""
    first = start = text.find(span)
    while start >= 0:
        end = start + len(span)
        joined_before = start > 0 and span[0].isalnum() and text[start - 1].isalnum()
        joined_after = end < len(text) and span[-1].isalnum() and text[end].isalnum()
        if not joined_before and not joined_after:
            return start
        start = text.find(span, start + 1)
    return first


def overlapping(starts: Sequence[int], spans: Sequence[str]) -> tuple[int, int] | None:
    """The indexes of the first two spans that share characters at these starts, if any."""
    placed = sorted(zip(starts, range(len(spans)), strict=True))
    for (start, first), (after, second) in itertools.pairwise(placed):
        if start + len(spans[first]) > after:
            return (min(first, second), max(first, second))
    return None


def placements(text: str, spans: Sequence[str]) -> tuple[int, ...] | None:
    """A start for each span (all must occur in `text`) with no two overlapping, or None."""
    if len(spans) == 1:  # most facts: nothing to overlap
        return (span_start(text, spans[0]),)
    for starts in (
        [span_start(text, span) for span in spans],
        [text.find(span) for span in spans],
    ):
        if overlapping(starts, spans) is None:
            return tuple(starts)
    return None
