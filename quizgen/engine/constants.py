"""Names shared by the engine and the CLI, kept free of heavy imports so `--help` starts fast."""

from __future__ import annotations

from enum import StrEnum

DEFAULT_OPTIONS = 4
#: A question is asked outright with this many good wrong options (or as many as asked for,
#: when fewer). In blind reads, the options of questions that had found only two were 30-42%
#: plausible against about 70% in those with three: the engine had run out of good ones.
ASKED_WRONG = 3
#: With fewer, but at least two (three options in all, as good as four by item-writing
#: research: Rodriguez, 2005), a question is made only to keep a deck within its budget of
#: questions left out, or when the teacher wrote two; with fewer than two it is left out.
FEWEST_WRONG = 2
DEFAULT_SEED = 0


class QuestionKind(StrEnum):
    """The two question shapes; `--kind` filters by these names."""

    MCQ = "mcq"
    CLOZE = "cloze"


ALL_KINDS = frozenset(QuestionKind)


class OptionSource(StrEnum):
    """Where one option of a multiple-choice question came from, for teachers and tools."""

    KEY = "key"  # the right answer
    TEACHER = "teacher"  # the fact's own curated `distractors`
    DECK = "deck"  # another fact's answer in the same deck
    POOL = "pool"  # an entry of the deck's `pools`
    GENERATED = "generated"  # a number, year or date made near the answer
    REFERENCE = "reference"  # a well-known name or term from quizgen's own reference table
