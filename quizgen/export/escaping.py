"""Escaping for Anki fields: fact text is text, never markup.

HTML is escaped, and so are braces, so that `{{c1::...}}` or `{{Field}}` typed in a fact file
shows as written instead of becoming a cloze or template reference on the learner's card.
"""

from __future__ import annotations

import html
import re

from quizgen.engine.questions import ClozeQuestion

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


def anki_cloze(question: ClozeQuestion) -> str:
    """The statement, HTML-escaped, with each hidden span as {{cN::span::hint}}."""
    text = question.text
    numbered = range(1, len(question.spans) + 1)
    located = sorted(zip(question.starts, numbered, question.spans, strict=True))
    parts: list[str] = []
    position = 0
    for start, number, span in located:
        parts.append(escape_field(text[position:start]))
        hint = question.hint(number)
        inner = escape_cloze_part(span) + (f"::{escape_cloze_part(hint)}" if hint else "")
        parts.append(f"{{{{c{number}::{inner}}}}}")
        position = start + len(span)
    parts.append(escape_field(text[position:]))
    return "".join(parts)
