"""Content made safe to print on a terminal: control characters shown, never obeyed.

Fact files, typed answers and the history are content, and content can carry terminal escape
sequences (clear the screen, set the window title, write the clipboard with OSC 52, hide an
option), a carriage return that overwrites a line, or bidirectional overrides that reorder
what is read. Everything quizgen prints from content passes through `visible`, which writes
each such character as an escape a reader can see (`\\x1b`, `\\r`, `\\u202e`) and keeps the
rest as it is. Tab and line feed pass: they only lay out text.
"""

from __future__ import annotations

import re

#: C0 controls but tab and line feed, DEL, C1 controls (0x9b alone starts an escape on some
#: terminals), the bidirectional overrides and isolates, zero-width and other invisible format
#: characters, the line and paragraph separators, and the byte-order mark.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ufff9-\ufffb]"
)


def _shown(found: re.Match[str]) -> str:
    character = found.group()
    code = ord(character)
    if character == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every character a terminal would obey written out visibly."""
    if _UNSAFE.search(text) is None:
        return text  # nearly always: one scan, no copy
    return _UNSAFE.sub(_shown, text)


def json_visible(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the same characters written
    as \\u escapes: the same values for a JSON reader, nothing obeyed by a terminal."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
