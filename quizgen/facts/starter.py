"""The commented starter file written by `quizgen new`: the format, taught by example."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from quizgen.atomic import write_atomic
from quizgen.facts.ids import slug

STARTER = """\
# A quizgen fact file: one file is one deck. Check it with: quizgen check {name}
# Every fact is one plain statement (`text`) and the span a student must recall (`answer`),
# copied exactly from the statement. quizgen hides the answer to make a cloze card and asks for
# it, with wrong options, to make a multiple-choice question.

id: {deck_id}                 # stable slug: lowercase letters, digits, - and _; never change it
deck: {title}                 # the deck title shown in Anki and in the quiz
description: What this deck is about, in one line.
source: {{title: Where these facts come from, ref: "a book, page or link"}}
as_of: 2025                   # optional: generated year options never go past this year
tags: [starter]               # added to every card; letters, digits, - and _

facts:
  - id: water-boiling-point     # unique in this file; keep it when you edit the fact
    topic: Physics              # becomes a subdeck, a tag and a quiz filter
    text: At sea level, water boils at 100 degrees Celsius.
    answer: "100"               # quote numbers; the kind (number) is inferred
    question: At what temperature in degrees Celsius does water boil at sea level?
    explanation: The boiling point falls as air pressure falls, so it is lower on mountains.
    tags: [water]

  - id: light-speed-discoverer
    topic: Physics
    text: Ole Romer first measured the speed of light in 1676.
    answer: Ole Romer
    kind: person                # person, place and organization are for you to say
    distractors: [Isaac Newton, Galileo Galilei, Christiaan Huygens]  # wrong but plausible
    accept: [Romer]             # other answers that count as right when typed
    cloze: [Ole Romer, "1676"]  # every span to hide: one card each (default: the answer)
    hint: astronomer            # shown in the cloze and behind `?` in the quiz

pools:                          # optional: more wrong options, by kind, for the whole deck
  person: [Johannes Kepler, Edmond Halley, Tycho Brahe]
"""


def starter_text(path: Path) -> str:
    """The starter file for `path`, its deck id and title taken from the file name."""
    deck_id = slug(path.stem, "my-deck")
    text = STARTER.format(
        name=shlex.quote(_printable(path.name)),
        deck_id=deck_id,
        title=_yaml_text(deck_title(path.stem)),
    )
    return align_comments(text)


def deck_title(stem: str) -> str:
    """A deck title from a file name, its words as written ("WW2 timeline", "Ünïcode Décks");
    `-` and `_` read as spaces, `::` (which nests decks in Anki) as one colon."""
    title = re.sub(r":{2,}", ":", re.sub(r"[-_\s]+", " ", _printable(stem))).strip(" :")
    if not title:
        return "My deck"
    return title[0].upper() + title[1:] if title[0].islower() else title


def _printable(text: str) -> str:
    return "".join(char if char.isprintable() else " " for char in text)


def _yaml_text(value: str) -> str:
    """`value` as YAML reads it back as the same text: plain if it can be, else in quotes."""
    try:
        if yaml.safe_load(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_COMMENT = re.compile(r"^(?P<code>\S.*?|\s+\S.*?)\s+(?P<comment># .*)$")
_WIDEST = 60  # a line longer than this keeps its comment close instead of pushing the column


def align_comments(text: str) -> str:
    """Every end-of-line comment in one column, past the widest line that has one (a line
    wider than _WIDEST keeps its comment two spaces after it)."""
    lines = text.split("\n")
    found = [None if line.lstrip().startswith("#") else _COMMENT.match(line) for line in lines]
    widths = [len(m["code"]) for m in found if m is not None and len(m["code"]) <= _WIDEST]
    column = max(widths, default=0) + 2
    return "\n".join(
        line if m is None else m["code"].ljust(max(column, len(m["code"]) + 2)) + m["comment"]
        for line, m in zip(lines, found, strict=True)
    )


def write_starter(path: Path) -> None:
    """Create `path` with the starter text; an existing file is never overwritten."""
    write_atomic(path, starter_text(path).encode(), overwrite=False)
