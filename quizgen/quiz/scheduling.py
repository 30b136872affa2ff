"""Spaced repetition for `quizgen review`, with FSRS (the `fsrs` package).

Every quiz item is a card, identified by (deck id, fact id, question kind, span). A review asks
the cards that are due, oldest first, then new cards up to a daily limit, and at most one card
per fact per session (like Anki's sibling burying: a multiple-choice question would give away
the cloze of the same fact). Grading is automatic: wrong or skipped is Again; right is Good,
or Hard when it was slow or needed a hint, and the feedback says which and why. A card graded
Again comes back later in the same session, as in Anki's learning steps.

Only `review` schedules: `quiz` answers are kept in the history (and count in `stats`) but
never move a card's due date. A quiz takes every fact in random order, due or not and
introduced or not, as practice before a test; letting it reschedule would push reviews away
(early Good answers) and introduce cards past the daily limit of new ones.

Choosing what is due needs only the stored due dates; `fsrs` is imported only to grade an
answer, so `quiz` and `stats` never load it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from quizgen.engine.constants import QuestionKind
from quizgen.quiz.history import CardKey, History, Outcome, StoredCard
from quizgen.quiz.session import QuizItem, Result, answer_record, spoiler_free

DEFAULT_NEW_PER_DAY = 20

#: Slower than this and a right answer is graded Hard rather than Good.
SLOW_SECONDS = {QuestionKind.MCQ.value: 15.0, QuestionKind.CLOZE.value: 25.0}


class Grade(IntEnum):
    """The FSRS ratings quizgen gives (same values as `fsrs.Rating`); Easy is never automatic."""

    AGAIN = 1
    HARD = 2
    GOOD = 3


def _slow_after(result: Result) -> float:
    return SLOW_SECONDS.get(result.item.kind.value, 20.0)


def grade(result: Result) -> Grade:
    """Again when wrong or skipped; Hard when right but slow or hinted; else Good."""
    if result.outcome is not Outcome.RIGHT:
        return Grade.AGAIN
    slow = result.seconds > _slow_after(result)
    return Grade.HARD if slow or result.hints else Grade.GOOD


def grade_reason(result: Result) -> str | None:
    """Why an answer was graded Hard or Again, as the feedback says it: "slow: 31.4 s, over
    15 s", "hinted", "wrong" (None for Good, which needs no reason)."""
    if result.outcome is Outcome.SKIPPED:
        return "skipped"
    if result.outcome is not Outcome.RIGHT:
        return "wrong"
    reasons = []
    if result.seconds > _slow_after(result):
        reasons.append(f"slow: {result.seconds:.1f} s, over {_slow_after(result):g} s")
    if result.hints:
        reasons.append("hinted" if result.hints == 1 else f"hinted {result.hints} times")
    return "; ".join(reasons) or None


def asked_again(result: Result) -> bool:
    """Whether a review asks the card again later in the session: graded Again, as in Anki."""
    return grade(result) is Grade.AGAIN


@dataclass(frozen=True)
class ReviewPlan:
    """What one review session asks: due cards first, then new ones."""

    due: tuple[QuizItem, ...]
    new: tuple[QuizItem, ...]
    new_allowed: int  # new cards still allowed today before this session
    waiting: int  # due cards left for another session (a sibling was asked, or over -n)

    @property
    def items(self) -> list[QuizItem]:
        """Due, then new, except that a card whose prompt or explanation answers another
        comes after it (see `spoiler_free`)."""
        return spoiler_free([*self.due, *self.new])


def start_of_day(now: datetime) -> datetime:
    """Local midnight before `now`: the daily new-card limit resets then."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def plan_review(
    groups: Sequence[Sequence[QuizItem]],
    cards: Mapping[CardKey, StoredCard],
    now: datetime,
    *,
    introduced_today: int = 0,
    new_per_day: int = DEFAULT_NEW_PER_DAY,
    limit: int | None = None,
) -> ReviewPlan:
    """Choose the session's cards from every card of the decks, grouped by fact in file order.

    Linear in the number of cards plus a sort of the due ones.
    """
    due_now: list[tuple[datetime, int, QuizItem]] = []
    for order, item in enumerate(item for group in groups for item in group):
        stored = cards.get(item.key)
        if stored is not None and stored.due <= now:
            due_now.append((stored.due, order, item))
    due_now.sort(key=lambda entry: (entry[0], entry[1]))
    asked_facts: set[tuple[str, str]] = set()
    due: list[QuizItem] = []
    for _, _, item in due_now:
        fact = (item.deck.id, item.fact.id)
        if fact in asked_facts or (limit is not None and len(due) >= limit):
            continue
        asked_facts.add(fact)
        due.append(item)
    waiting = len(due_now) - len(due)
    new_allowed = max(0, new_per_day - introduced_today)
    room = new_allowed if limit is None else min(new_allowed, limit - len(due))
    new: list[QuizItem] = []
    for group in groups:
        if len(new) >= room:
            break
        if (group[0].deck.id, group[0].fact.id) in asked_facts:
            continue
        # Recognition before recall: a new fact starts with its multiple-choice question.
        fresh = [item for item in group if item.key not in cards]
        fresh.sort(key=lambda item: item.kind is not QuestionKind.MCQ)
        if fresh:
            new.append(fresh[0])
            asked_facts.add((group[0].deck.id, group[0].fact.id))
    return ReviewPlan(tuple(due), tuple(new), new_allowed, waiting)


def next_due(items: Iterable[QuizItem], cards: Mapping[CardKey, StoredCard]) -> datetime | None:
    """When the earliest of these cards is due next (None when none has been reviewed)."""
    dates = [cards[item.key].due for item in items if item.key in cards]
    return min(dates) if dates else None


def count_due(
    items: Iterable[QuizItem], cards: Mapping[CardKey, StoredCard], moment: datetime
) -> int:
    """How many of these cards are due at `moment`."""
    return sum(1 for item in items if item.key in cards and cards[item.key].due <= moment)


def wait_text(delta: timedelta) -> str:
    """A wait in words: "in 10 minutes", "in 3 days", "now"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "now" if seconds <= 0 else "in less than a minute"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size or unit == "minute":
            count = round(seconds / size)
            if unit == "day" and count >= 60:
                months = round(seconds / (30 * 86400))
                return f"in {months} months"
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    raise AssertionError("unreachable")


def card_id(key: CardKey) -> int:
    """A stable FSRS card id from the card identity (FSRS only uses it as a label)."""
    digest = hashlib.sha256("\x1f".join(map(str, key)).encode()).digest()
    return int.from_bytes(digest[:6], "big")


class Reviewer:
    """The review session's recorder: grades each answer, reschedules the card, stores both.

    The answer and the card's new state are written in one transaction, before the feedback.
    """

    def __init__(
        self,
        history: History,
        cards: dict[CardKey, StoredCard],
        session: str,
        scheduler: Any = None,
    ) -> None:
        from fsrs import Scheduler

        self.history = history
        self.cards = cards
        self.session = session
        self.scheduler = scheduler if scheduler is not None else Scheduler()

    def __call__(self, result: Result) -> str:
        from fsrs import Card, Rating

        key = result.item.key
        stored = self.cards.get(key)
        moment = result.answered_at.astimezone(UTC)
        graded = grade(result)

        def reviewed(card: Any) -> Any:
            return self.scheduler.review_card(
                card,
                Rating(int(graded)),
                review_datetime=moment,
                review_duration=int(result.seconds * 1000),
            )[0]

        fresh = Card(card_id=card_id(key))
        try:
            card = reviewed(Card.from_json(stored.state) if stored else fresh)
        # A damaged or hand-edited state in the history: schedule the card afresh (the new
        # state replaces the bad one) rather than stop the review.
        except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError):
            card = reviewed(fresh)
        state = StoredCard(
            key=key,
            state=card.to_json(),
            due=card.due,
            introduced_at=stored.introduced_at if stored else moment,
        )
        self.history.record(answer_record(result, self.session, "review"), state)
        self.cards[key] = state
        reason = grade_reason(result)
        why = f" ({reason})" if reason else ""
        return f"Graded {graded.name.title()}{why}; next review {wait_text(card.due - moment)}."
