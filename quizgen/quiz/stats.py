"""Progress from the history: per deck and topic, what was seen, how well, what is due.

Everything is aggregated in SQL, so `stats` stays quick on a long history, and needs no fact
files: the history keeps the deck title, topic, prompt and answer of every question asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from quizgen.quiz.history import History, parse_timestamp, timestamp, whole_number

NO_TOPIC = "(no topic)"
#: The answer time of a row whose time does not read: it sorts as the oldest.
_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class TopicStats:
    """One topic of one deck (or a deck's total, with topic None)."""

    topic: str | None
    seen: int  # distinct questions answered at least once
    answers: int  # answers given, skips included
    right: int
    due: int  # scheduled cards due now

    @property
    def accuracy(self) -> int:
        """Right answers in percent of all answers (skips count as not right)."""
        return round(100 * self.right / self.answers) if self.answers else 0


@dataclass(frozen=True)
class DeckStats:
    deck_id: str
    title: str
    topics: tuple[TopicStats, ...]

    @property
    def total(self) -> TopicStats:
        return TopicStats(
            None,
            sum(t.seen for t in self.topics),
            sum(t.answers for t in self.topics),
            sum(t.right for t in self.topics),
            sum(t.due for t in self.topics),
        )


@dataclass(frozen=True)
class WeakFact:
    """A fact often missed, with its latest question and answer to revise from."""

    deck_id: str
    fact_id: str
    topic: str | None
    answers: int
    right: int
    prompt: str
    expected: str
    last_answered: datetime

    @property
    def weakness(self) -> float:
        """Smoothed error rate: 0 of 5 right is weaker than 0 of 1."""
        return 1 - (self.right + 1) / (self.answers + 2)


@dataclass(frozen=True)
class Stats:
    decks: tuple[DeckStats, ...]
    weakest: tuple[WeakFact, ...]
    answers: int
    first: datetime | None
    last: datetime | None


def answered_decks(history: History) -> list[str]:
    """The ids of the decks with answers in the history, sorted."""
    return sorted(str(row[0]) for row in history.query("SELECT DISTINCT deck_id FROM answers"))


def compute_stats(
    history: History, now: datetime, *, deck_id: str | None = None, weakest: int = 5
) -> Stats:
    """Progress per deck and topic, and the `weakest` facts, optionally for one deck only."""
    where, parameters = ("WHERE deck_id = ?", (deck_id,)) if deck_id else ("", ())
    titles = {
        str(row[0]): str(row[1])
        for row in history.query(
            f"SELECT deck_id, deck FROM answers WHERE id IN "
            f"(SELECT max(id) FROM answers {where} GROUP BY deck_id)",
            parameters,
        )
    }
    answered = history.query(
        f"SELECT deck_id, coalesce(topic, ?), "
        f"count(DISTINCT fact_id || '/' || question_kind || '/' || span), count(*), "
        f"sum(correct) FROM answers {where} GROUP BY deck_id, coalesce(topic, ?) "
        f"ORDER BY deck_id, min(id)",
        (NO_TOPIC, *parameters, NO_TOPIC),
    )
    due_where = "WHERE due <= ?" + (" AND deck_id = ?" if deck_id else "")
    due = {
        (str(row[0]), str(row[1])): int(str(row[2]))
        for row in history.query(
            f"SELECT deck_id, coalesce(topic, ?), count(*) FROM cards {due_where} "
            f"GROUP BY deck_id, coalesce(topic, ?)",
            (NO_TOPIC, timestamp(now), *parameters, NO_TOPIC),
        )
    }
    topics: dict[str, list[TopicStats]] = {}
    for deck, topic, seen, count, right in answered:
        key = (str(deck), str(topic))
        topics.setdefault(str(deck), []).append(
            TopicStats(str(topic), _int(seen), _int(count), _int(right), due.pop(key, 0))
        )
    for (deck, topic), count in due.items():  # due cards whose topic has since changed
        topics.setdefault(deck, []).append(TopicStats(topic, 0, 0, 0, count))
    decks = tuple(
        DeckStats(deck, titles.get(deck, deck), tuple(found)) for deck, found in topics.items()
    )
    span = history.query(
        f"SELECT count(*), min(answered_at), max(answered_at) FROM answers {where}", parameters
    )
    total, first, last = span[0]
    return Stats(
        decks=decks,
        weakest=tuple(_weakest(history, where, parameters, weakest)),
        answers=_int(total),
        first=parse_timestamp(first),
        last=parse_timestamp(last),
    )


def _weakest(
    history: History, where: str, parameters: tuple[str, ...], limit: int
) -> list[WeakFact]:
    rows = history.query(
        f"WITH per_fact AS (SELECT deck_id, fact_id, count(*) AS answers, "
        f"sum(correct) AS right, max(id) AS last_id FROM answers {where} "
        f"GROUP BY deck_id, fact_id HAVING sum(correct) < count(*)) "
        f"SELECT p.deck_id, p.fact_id, a.topic, p.answers, p.right, a.prompt, a.expected, "
        f"a.answered_at FROM per_fact p JOIN answers a ON a.id = p.last_id",
        parameters,
    )
    facts = [
        WeakFact(
            deck_id=str(row[0]),
            fact_id=str(row[1]),
            topic=str(row[2]) if row[2] is not None else None,
            answers=_int(row[3]),
            right=_int(row[4]),
            prompt=str(row[5]),
            expected=str(row[6]),
            last_answered=parse_timestamp(row[7]) or _LONG_AGO,
        )
        for row in rows
    ]
    facts.sort(key=lambda f: (-f.weakness, -(f.answers - f.right), -f.last_answered.timestamp()))
    return facts[:limit]


def _int(value: object) -> int:
    """A count from SQL; a damaged row's text or float counts as what it reads as, else 0."""
    return whole_number(value) if value is not None else 0
