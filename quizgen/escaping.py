"""Escaping for Anki fields: fact text is text, never markup.

HTML is escaped, and so are braces, so that `{{c1::...}}` or `{{Field}}` typed in a fact file
shows as written instead of becoming a cloze or template reference on the learner's card.
"""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"[&<>\"'{}]")
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape_field(text: str) -> str:
    """Text made safe for any Anki field: HTML escaped, template braces neutralised."""
    if _SPECIAL.search(text) is None:
        return text  # most fields: one scan instead of six
    return html.escape(text, quote=True).translate(_BRACES)


def escape_cloze_part(text: str) -> str:
    """A span or hint inside `{{c1::span::hint}}`: also neutralise `:` so it cannot split."""
    return escape_field(text).replace(":", "&#58;")
