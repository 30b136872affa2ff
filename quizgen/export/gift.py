"""One deck as Moodle GIFT: multiple choice, and each cloze span as a short-answer question.

Question and option text is marked `[html]` and HTML-escaped, so a fact can never inject markup
into a Moodle page; GIFT's own special characters (~ = # { } : and the backslash) are escaped
on top. Short-answer answers are compared with what a student types, so they are GIFT-escaped
only. The explanation becomes general feedback; an image is named by file name in a comment,
for the teacher to attach.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import IO

from quizgen.answers.kinds import infer_kind
from quizgen.answers.matching import accepted_forms, numerical_answer
from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question, cloze_starts
from quizgen.export.media import Image, deck_images
from quizgen.export.written import Written
from quizgen.facts.models import Fact
from quizgen.visible import one_line, visible

_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape_gift(text: str) -> str:
    """Plain text made literal for GIFT: specials backslashed, line breaks as `\\n`, other
    control characters written out (`\\x1b`: a NUL or vertical tab would be trimmed away)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPECIAL.sub(r"\\\1", visible(text)).replace("\n", "\\n")


def short_answer(text: str) -> str:
    """An accepted short answer, as Moodle will compare it with what a student types.

    `*` is a wildcard unless written `\\*`. `->` would make Moodle read the whole question as
    a matching question (and fail the import), and GIFT cannot escape it: `-*>` matches it.
    A leading `%10%` would be read as a grade weight: an explicit `%100%` goes first. A leading
    `[html]` (or `[plain]`, `[moodle]`, `[markdown]`) would be read as the answer's format and
    dropped: an explicit `[plain]` goes first.
    """
    written = escape_gift(text.replace("*", "\\*")).replace("->", "-*>")
    if written.startswith("%"):
        return f"%100%{written}"
    return f"[plain]{written}" if written.startswith("[") else written


#: First characters Moodle reads as markup in an answer or feedback: `%50%` a grade weight,
#: `[html]` a text format. Written as HTML character references, they show as themselves.
_LEADING_MARKUP = {"%": "&#37;", "[": "&#91;"}


def html_text(text: str) -> str:
    """Question, option or feedback text: HTML-escaped for `[html]`, a leading `%` or `[`
    as a character reference (see _LEADING_MARKUP), then GIFT-escaped."""
    escaped = html.escape(text, quote=False)
    if escaped[:1] in _LEADING_MARKUP:
        escaped = _LEADING_MARKUP[escaped[0]] + escaped[1:]
    return escape_gift(escaped)


def comment(text: str) -> str:
    """A `//` comment line. Moodle reads `[id:...]` and `[tag:...]` in comments as the
    question's id number and tags, so brackets are written as parentheses."""
    return "// " + one_line(text).replace("[", "(").replace("]", ")")


def category(*parts: str) -> str:
    """A Moodle question category path on one line; `/` inside a name is written `//`."""
    return "/".join(one_line(part).replace("/", "//") for part in ("$course$", "top", *parts))


def _feedback(question: Question) -> str:
    explanation = question.fact.explanation
    return f"####{html_text(explanation)}" if explanation else ""


def _comment(question: Question, image: Image | None) -> str:
    fact = question.fact
    topic = f" · {fact.topic}" if fact.topic else ""
    lines = [comment(f"{fact.id}{topic} · {fact.answer_kind.value}")]
    if image:
        lines.append(comment(f"image: {image.name}"))
    return "\n".join(lines)


def choice(question: ChoiceQuestion, image: Image | None) -> str:
    """`::id mcq::[html]prompt{ =right ~wrong ... ####explanation }`."""
    answers = [
        ("=" if index == question.answer_index else "~") + html_text(option)
        for index, option in enumerate(question.options)
    ]
    body = "\n".join([*answers, _feedback(question)] if _feedback(question) else answers)
    title = f"{question.fact.id} mcq"
    return (
        f"{_comment(question, image)}\n"
        f"::{escape_gift(title)}::[html]{html_text(question.prompt)} {{\n{body}\n}}"
    )


def short_answers(question: ClozeQuestion, image: Image | None) -> Iterator[str]:
    """One missing-word short-answer question per cloze span, the other spans shown."""
    fact = question.fact
    starts = cloze_starts(fact)
    currency = question.deck.currency_of(fact)
    for number, span in enumerate(question.spans, 1):
        answers = _answers(span, fact, currency)
        start = starts[number - 1]
        before, after = fact.text[:start], fact.text[start + len(span) :]
        title = f"{fact.id} c{number}"
        yield (
            f"{_comment(question, image)}\n"
            f"::{escape_gift(title)}::[html]{html_text(before)}"
            f"{{{answers}{_feedback(question)}}}{html_text(after)}"
        )


def _answers(span: str, fact: Fact, currency: str) -> str:
    """Moodle's answers for one span: `#number` when it is a bare number, else every form.

    A numerical question accepts 20, 20.0 and +20 as Moodle reads numbers. Otherwise the short
    answer lists the forms the terminal quiz accepts (`accepted_forms`): Moodle compares
    strings, so "20000" must be listed beside "20,000" to be right.
    """
    is_answer = span == fact.answer
    accepted = [span, *(fact.accept if is_answer else ())]
    kind = fact.answer_kind if is_answer else infer_kind(span)
    value = numerical_answer(accepted, kind)
    if value is not None:
        return f"#{escape_gift(f'{value:f}')}:0"
    forms = accepted_forms(accepted, kind, currency)
    return " ".join(f"={short_answer(form)}" for form in forms)


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the deck as GIFT, one `$CATEGORY` per topic, questions in fact order."""
    deck = prepared.loaded.deck
    images = deck_images(prepared.loaded)
    title = f"{deck.deck}: made by quizgen from {prepared.loaded.path.name}"
    blocks = [comment(title)]
    current: str | None = None
    count = 0
    for question in prepared.questions:
        fact = question.fact
        place = category(deck.deck, fact.topic) if fact.topic else category(deck.deck)
        if place != current:
            blocks.append(f"$CATEGORY: {place}")
            current = place
        image = images.get(fact.image) if fact.image else None
        if isinstance(question, ChoiceQuestion):
            blocks.append(choice(question, image))
            count += 1
        else:
            for block in short_answers(question, image):
                blocks.append(block)
                count += 1
    out.write(("\n\n".join(blocks) + "\n").encode("utf-8"))
    return Written(notes=count, cards=count)
