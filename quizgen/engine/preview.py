"""Questions as plain readable text, for `quizgen preview` and a teacher's proofreading."""

from __future__ import annotations

import string

from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question, cloze_starts


def marked_cloze(question: ClozeQuestion) -> str:
    """The statement with each hidden span shown as [c1: span | hint]."""
    text = question.fact.text
    starts = cloze_starts(question.fact)
    located = zip(starts, range(1, len(starts) + 1), question.spans, strict=True)
    for start, number, span in sorted(located, reverse=True):
        hint = question.hint(number)
        label = f"[c{number}: {span}" + (f" | {hint}]" if hint else "]")
        text = text[:start] + label + text[start + len(span) :]
    return text


def option_letter(index: int) -> str:
    """A, B, C... for option 0, 1, 2..."""
    return string.ascii_uppercase[index]


def describe(question: Question, *, sources: bool = False) -> list[str]:
    """The lines a teacher reads to judge one question; the right option is starred.

    With `sources`, each option is followed by where it came from ("[teacher]", "[deck]"...).
    """
    fact = question.fact
    topic = f" · {fact.topic}" if fact.topic else ""
    head = f"{fact.id}{topic} · {question.kind.value} · {fact.answer_kind.value}"
    if isinstance(question, ClozeQuestion):
        return [head, f"  {marked_cloze(question)}"]
    assert isinstance(question, ChoiceQuestion)
    lines = [head, f"  {question.prompt}"]
    for index, option in enumerate(question.options):
        mark = "*" if index == question.answer_index else " "
        where = f"  [{question.sources[index].value}]" if sources else ""
        lines.append(f"   {mark} {option_letter(index)}) {option}{where}")
    return lines
