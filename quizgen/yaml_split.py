"""Cutting a long fact file in two at a fact boundary, so that two processes can read it at once.

A fact file is a top-level mapping whose `facts:` list holds one item per fact, each starting
on a line of its own with `- ` at one indentation. The cut goes at such a line near the middle:
the first half is the file up to it; the second is `facts:` followed by the rest, on the very
same line numbers. Only block scalars and plain scalars end at a less indented line, so a cut
there can fall inside a quoted scalar or a bracketed list alone, and then the first half does
not parse; anything short of parsing both halves, into exactly the items counted here, makes
the loader read the whole file as one, so a cut can cost time but never change what is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FACTS_KEY = re.compile(r"facts:[ \t]*(?:#[^\n]*)?\n")
_FIRST_ITEM = re.compile(r"^( *)- ", re.MULTILINE)


@dataclass(frozen=True)
class Halves:
    """The two texts to read, and what each must turn out to hold."""

    first: str
    second: str
    first_items: int  # fact items in `first`
    second_items: int  # fact items in `second`
    first_item_line: int  # where the facts list starts (1-based), in both texts' numbering


def halves(text: str, minimum_items: int) -> Halves | None:
    """The file cut at a fact item near its middle, or None when it has fewer than
    `minimum_items` items or a shape this cut does not handle (flow style, several documents,
    items not each on a `- ` line of their own). Scans run at C speed: a few ms for 10 MB."""
    if text.count("\nfacts:") + text.startswith("facts:") != 1:
        return None
    if "\n---" in text or "\n..." in text or text.startswith(("---", "...")):
        return None  # document markers: the whole-file reading decides what they mean
    if text.count("\r") != text.count("\r\n") or any(c in text for c in "\x85\u2028\u2029"):
        return None  # line breaks other than \n and \r\n: lines would be counted differently
    key_at = 0 if text.startswith("facts:") else text.index("\nfacts:") + 1
    facts_key = _FACTS_KEY.match(text, key_at)
    first_item = _FIRST_ITEM.search(text, facts_key.end()) if facts_key else None
    if facts_key is None or first_item is None:
        return None
    between = text[facts_key.end() : first_item.start()].splitlines()
    if any(line.strip() and not line.lstrip().startswith("#") for line in between):
        return None  # something other than blank lines and comments before the first item
    indent = first_item.group(1)
    # The list ends at the next line with content at column 0 (a top-level key), or at an
    # item at column 0 when the items themselves are there.
    ending = re.compile(r"\n[^\s#]" if indent else r"\n(?!- )[^\s#]")
    found_end = ending.search(text, first_item.start())
    block_end = found_end.start() + 1 if found_end else len(text)
    marker = f"\n{indent}- "
    count = text.count(marker, first_item.start() - 1, block_end)
    if count < max(minimum_items, 2):
        return None
    # The first half is read here, the second by a worker that must also pickle it for the
    # way back: the first takes a little more (52%), so both are done at about the same time.
    first_items = count * 52 // 100
    cut = first_item.start() - 1
    for _ in range(first_items):
        cut = text.index(marker, cut + 1)
    cut += 1  # the item's line starts after its newline
    cut_line = text.count("\n", 0, cut)  # lines before the cut
    return Halves(
        first=text[:cut],
        second="facts:" + "\n" * cut_line + text[cut:],
        first_items=first_items,
        second_items=count - first_items,
        first_item_line=text.count("\n", 0, first_item.start()) + 1,
    )
