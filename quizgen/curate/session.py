"""The curating session as a state machine: one fact at a time, every step undoable.

Pure: no terminal, no file. The terminal (quizgen.curate.terminal) shows `current` and calls
one method per key; `decisions` is what the file then keeps (quizgen.curate.edit).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from quizgen.answers.normalize import option_key
from quizgen.curate.review import TYPED, Curation, Option, Review, option_problem


class CurateMistake(ValueError):
    """A key that cannot be carried out here; the message says what to do instead."""


@dataclass(frozen=True)
class Shown:
    """One fact as it stands on screen: its options now, and the candidates not yet shown."""

    review: Review
    options: tuple[Option | None, ...]  # display order; None is an empty slot to type
    queue: tuple[Option, ...]  # the next candidates, best first

    @property
    def wrong(self) -> tuple[Option, ...]:
        """The wrong options shown, in display order."""
        return tuple(
            option
            for index, option in enumerate(self.options)
            if option is not None and index != self.review.answer_index
        )

    @property
    def complete(self) -> bool:
        return all(option is not None for option in self.options)


@dataclass(frozen=True)
class Step:
    """A fact left behind (kept or skipped), with how it stood, so `u` can bring it back."""

    shown: Shown
    kept: bool


@dataclass
class CurateSession:
    """Walks the facts of `reviews` in order; `decisions` maps a kept fact's id to its
    distractors."""

    reviews: Curation
    position: int = 0
    decisions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    current: Shown | None = None
    quit: bool = False

    def __post_init__(self) -> None:
        self.current = self._fresh(0)

    def _fresh(self, position: int) -> Shown | None:
        if position >= len(self.reviews):
            return None
        review = self.reviews.review(position, self.decisions)
        return Shown(review, review.options, review.candidates)

    @property
    def done(self) -> bool:
        """No fact left to show, or the teacher quit."""
        return self.quit or self.current is None

    @property
    def kept(self) -> int:
        return sum(1 for step in self.steps if step.kept)

    @property
    def skipped(self) -> int:
        return sum(1 for step in self.steps if not step.kept)

    def _shown(self) -> Shown:
        if self.current is None:
            raise CurateMistake("every fact is done")
        return self.current

    def _advance(self, kept: bool) -> None:
        shown = self._shown()
        self.steps.append(Step(shown, kept))
        if kept:
            ordered = tuple(o.text for o in shown.review.in_file_order(shown.wrong))
            current = tuple(shown.review.fact.distractors)
            # The teacher's own list kept as it is stays as written, in its order.
            same = sorted(ordered) == sorted(current)
            self.decisions[shown.review.fact_id] = current if same else ordered
        self.position += 1
        self.current = self._fresh(self.position)

    def keep(self) -> None:
        """Enter: the wrong options shown become the fact's `distractors`."""
        shown = self._shown()
        if not shown.complete:
            empty = [shown.review.letter(i) for i, o in enumerate(shown.options) if o is None]
            raise CurateMistake(
                f"option {', '.join(empty)} is empty: type one with e {empty[0].lower()}, "
                "or skip the fact with s"
            )
        self._advance(kept=True)

    def skip(self) -> None:
        """s: leave the fact as it is in the file."""
        self._advance(kept=False)

    def undo(self) -> None:
        """u: back to the fact before, as it stood when it was left; its decision is undone."""
        if not self.steps:
            raise CurateMistake("nothing to undo yet")
        step = self.steps.pop()
        self.decisions.pop(step.shown.review.fact_id, None)
        self.position -= 1
        self.current = step.shown

    def stop(self) -> None:
        """q: end here; what was decided is kept."""
        self.quit = True

    def check_letter(self, letter: str) -> int:
        """The index of the wrong option `letter` names; a CurateMistake for any other."""
        shown = self._shown()
        review = shown.review
        index = review.index_of(letter)
        if index is None:
            last = review.letter(len(shown.options) - 1)
            raise CurateMistake(f"there is no option {letter.upper()}: use A to {last}")
        if index == review.answer_index:
            raise CurateMistake(
                f"{letter.upper()} is the right answer, which stays: choose a wrong option"
            )
        return index

    def replace(self, letter: str) -> Option:
        """A letter: that wrong option gives way to the next candidate."""
        shown = self._shown()
        index = self.check_letter(letter)
        taken = {option_key(o.text, shown.review.kind) for o in shown.options if o is not None}
        queue = list(shown.queue)
        while queue:
            candidate = queue.pop(0)
            if option_key(candidate.text, shown.review.kind) not in taken:
                options = list(shown.options)
                options[index] = candidate
                self.current = replace(shown, options=tuple(options), queue=tuple(queue))
                return candidate
        raise CurateMistake(
            f"no more candidates for {letter.upper()}: type one with e {letter.lower()}"
        )

    def type_option(self, letter: str, text: str) -> Option:
        """e, a letter, then text: the teacher's own option in that place."""
        shown = self._shown()
        index = self.check_letter(letter)
        text = text.strip()
        others = [o.text for i, o in enumerate(shown.options) if o is not None and i != index]
        problem = option_problem(shown.review, text, others)
        if problem:
            raise CurateMistake(problem)
        option = Option(text, TYPED)
        options = list(shown.options)
        options[index] = option
        self.current = replace(shown, options=tuple(options))
        return option
