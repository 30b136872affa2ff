"""Content made safe to print on a terminal: control characters shown, never obeyed.

Fact files, typed answers and the history are content, and content can carry terminal escape
sequences (clear the screen, set the window title, write the clipboard with OSC 52, hide an
option), a carriage return that overwrites a line, or bidirectional overrides that reorder
what is read. Everything quizgen prints from content passes through `visible`, which writes
each such character as an escape a reader can see (`\\x1b`, `\\x0d`, `\\u202e`) and keeps
the rest as it is. Tab and line feed pass (they only lay out text) unless the text must keep to
one line.
"""

from __future__ import annotations

import re

#: C0 controls but tab and line feed, DEL, C1 controls (0x9b alone starts an escape on some
#: terminals), the bidirectional overrides and isolates, zero-width and other invisible format
#: characters, the line and paragraph separators, and the byte-order mark.
_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ufff9-\ufffb\ud800-\udfff"
)
_UNSAFE = re.compile(f"[{_CHARACTERS}]")
#: For a one-line layout (a column, a heading): tab and line feed are shown too.
_UNSAFE_ON_ONE_LINE = re.compile(f"[\t\n{_CHARACTERS}]")


def _shown(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every character a terminal would obey written out visibly (`\\x1b`); with
    `one_line`, tab and line feed too, for text that must keep to its line."""
    unsafe = _UNSAFE_ON_ONE_LINE if one_line else _UNSAFE
    if unsafe.search(text) is None:
        return text  # nearly always: one scan, no copy
    return unsafe.sub(_shown, text)


def json_visible(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the same characters written
    as \\u escapes: the same values for a JSON reader, nothing obeyed by a terminal."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


#: Line breaks, tabs and every other control character, for text that must stay on one line.
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` on one line for a reader that splits lines or drops control characters (a GIFT
    category or comment, an Aiken line, an Anki deck name): each run of them is one space."""
    return " ".join(_BREAKS.sub(" ", text).split())
