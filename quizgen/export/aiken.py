"""One deck as Moodle's Aiken format: multiple-choice questions only, the simplest import there is.

Aiken has no escaping and no comments: a question is one line, each option one line starting
`A. `, then `ANSWER: A`. So line breaks inside a text become spaces (Moodle also breaks lines at
a lone carriage return); cloze notes and images have no place here and are left out (use GIFT
or the worksheet for those). Moodle reads any line starting with a capital and `.` or `)` as an
option and `ANSWER:` as the answer line, so a question that starts that way ("J. K. Rowling
wrote...", "U.S. President...") starts with an invisible word joiner (U+2060) instead, which
Moodle's line rules do not see past and a reader does not see at all.
"""

from __future__ import annotations

import re
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion
from quizgen.export.written import Written
from quizgen.visible import one_line

#: What Moodle's Aiken importer takes for an option or the answer line (after trimming).
_LOOKS_LIKE_OPTION = re.compile(r"[A-Z][).]|ANSWER:")
WORD_JOINER = "\u2060"


def question_line(text: str) -> str:
    """The question's line, never mistaken for an option or an ANSWER line."""
    line = one_line(text)
    # A byte-order mark opening the file is dropped by Moodle's reader, and the spaces
    # after it then trimmed: behind a word joiner it stays text.
    if _LOOKS_LIKE_OPTION.match(line) or line.startswith("\ufeff"):
        return WORD_JOINER + line
    return line


def block(question: ChoiceQuestion) -> str:
    """One question: the prompt, lettered options and the ANSWER line."""
    lines = [question_line(question.prompt)]
    lines += [
        f"{option_letter(index)}. {one_line(option)}"
        for index, option in enumerate(question.options)
    ]
    lines.append(f"ANSWER: {option_letter(question.answer_index)}")
    return "\n".join(lines)


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the deck's multiple-choice questions, a blank line between questions."""
    blocks = [block(q) for q in prepared.questions if isinstance(q, ChoiceQuestion)]
    out.write(("\n\n".join(blocks) + "\n" if blocks else "").encode("utf-8"))
    return Written(notes=len(blocks), cards=len(blocks))
