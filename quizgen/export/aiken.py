"""One deck as Moodle's Aiken format: multiple-choice questions only, the simplest import there is.

Aiken has no escaping and no comments: a question is one line, each option one line starting
`A. `, then `ANSWER: A`. So line breaks inside a text become spaces; cloze notes and images have
no place here and are left out (use GIFT or the worksheet for those).
"""

from __future__ import annotations

import re
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion
from quizgen.export.written import Written

_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def one_line(text: str) -> str:
    """Text on a single line, as Aiken needs."""
    return _BREAKS.sub(" ", text).strip()


def block(question: ChoiceQuestion) -> str:
    """One question: the prompt, lettered options and the ANSWER line."""
    lines = [one_line(question.prompt)]
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
