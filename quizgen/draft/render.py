"""The draft as a commented fact file: YAML written by hand so each fact carries the comment
that says why it was picked.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

import yaml

from quizgen.answers.kinds import NUMERIC_KINDS, infer_kind

if TYPE_CHECKING:  # the draft's type only: candidates.py renders with this module
    from quizgen.draft.candidates import Draft


def scalar(value: str, *, flow: bool = False, quote: bool = False) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if not quote:
        document = f"[{value}]" if flow else f"k: {value}"
        try:
            loaded = yaml.safe_load(document)
        except yaml.YAMLError:
            loaded = None
        expected: object = [value] if flow else {"k": value}
        if loaded == expected and "#" not in value and "\n" not in value:
            return value
    return json.dumps(value, ensure_ascii=False)


def _comment(lines: Iterable[str], indent: str) -> list[str]:
    out = []
    for line in lines:
        out += textwrap.wrap(
            line, width=98, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}#   "
        )
    return out


def render(draft: Draft) -> str:
    """The draft as a commented fact file that passes `quizgen check` as it is."""
    origin = draft.source.ref or "standard input"
    lines = _comment(
        [
            f"Drafted by `quizgen draft` from {origin}: {len(draft.candidates)} candidate "
            "facts, one per sentence that names a figure, a date or a name.",
            "Curate before use: delete what is not worth learning, rewrite sentences that lean "
            "on the one before, check each kind, then add distractors, explanations and tags. "
            "The comment above each fact says why it was picked.",
            *(
                [
                    "Never asked, the article is about them: "
                    + ", ".join(draft.subjects)
                    + " (a name in a third or more of the sentences)."
                ]
                if draft.subjects
                else []
            ),
        ],
        "",
    )
    lines += [
        f"id: {draft.deck_id}",
        f"deck: {scalar(draft.title)}",
        "source:",
        f"  title: {scalar(draft.source.title)}",
    ]
    if draft.source.ref:
        lines.append(f"  ref: {scalar(draft.source.ref)}")
    lines += [
        "# as_of: YEAR              # the year the facts describe: no generated year goes past it",
        "",
        "facts:",
    ]
    for candidate in draft.candidates:
        numeric = candidate.kind in NUMERIC_KINDS
        lines += _comment(candidate.notes, "  ")
        lines.append(f"  - id: {candidate.id}")
        if candidate.topic:
            lines.append(f"    topic: {scalar(candidate.topic)}")
        lines.append(f"    text: {scalar(candidate.text)}")
        lines.append(f"    answer: {scalar(candidate.answer, quote=numeric)}")
        lines.append(f"    kind: {candidate.kind.value}")
        if candidate.question:
            lines.append(f"    question: {scalar(candidate.question)}")
        if candidate.cloze:
            items = ", ".join(
                scalar(span, flow=True, quote=infer_kind(span) in NUMERIC_KINDS)
                for span in candidate.cloze
            )
            lines.append(f"    cloze: [{items}]")
        lines.append("")
    if draft.pools:
        lines += [
            "# Names the article mentions but never asks: wrong options for answers of their kind.",
            "pools:",
        ]
        for kind, entries in draft.pools.items():
            items = ", ".join(scalar(entry, flow=True) for entry in entries)
            lines.append(f"  {kind.value}: [{items}]")
    return "\n".join(lines).rstrip("\n") + "\n"
