"""The commented starter file written by `quizgen new`: the format, taught by example."""

from __future__ import annotations

from pathlib import Path

from quizgen.atomic import write_atomic
from quizgen.facts.ids import slug

STARTER = """\
# A quizgen fact file: one file is one deck. Check it with `quizgen check {name}`.
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
    title = deck_id.replace("-", " ").replace("_", " ").capitalize()
    return STARTER.format(name=path.name, deck_id=deck_id, title=title)


def write_starter(path: Path) -> None:
    """Create `path` with the starter text; an existing file is never overwritten."""
    write_atomic(path, starter_text(path).encode(), overwrite=False)
