"""Questions as JSON-ready objects: the shape of `preview --json` and `build --format json`."""

from __future__ import annotations

from typing import Any

from quizgen.engine.questions import ChoiceQuestion, Question


def question_record(question: Question) -> dict[str, Any]:
    """One question as a flat dict with stable keys, for scripts and other tools.

    `tags` is every tag of the fact (the deck's `tags`, then the fact's own, each once, case
    ignored as Anki ignores it);
    `deck_tags` and `fact_tags` keep them apart. The Anki package adds the deck id and the topic.
    """
    fact, deck = question.fact, question.deck
    record: dict[str, Any] = {
        "deck": deck.id,
        "deck_title": deck.deck,
        "fact_id": fact.id,
        "topic": fact.topic,
        "kind": question.kind.value,
        "answer_kind": fact.answer_kind.value,
    }
    if isinstance(question, ChoiceQuestion):
        record |= {
            "prompt": question.prompt,
            "options": list(question.options),
            "answer": question.answer,
            "answer_index": question.answer_index,
            "option_sources": [source.value for source in question.sources],
        }
    else:
        record |= {
            "text": question.text,
            "spans": list(question.spans),
            "span_starts": list(question.starts),
            "hints": [question.hint(number) for number in range(1, len(question.spans) + 1)],
        }
    record |= {
        "accept": list(fact.accept),
        "explanation": fact.explanation,
        "source": deck.source.describe() if deck.source else None,
        # Every tag the fact carries (the deck's, then its own, each once), and each source:
        # the deck's `tags` apply to all its facts, so a script needs them as well.
        "tags": _each_once((*deck.tags, *fact.tags)),
        "deck_tags": list(deck.tags),
        "fact_tags": list(fact.tags),
        "image": fact.image,
    }
    return record


def _each_once(tags: tuple[str, ...]) -> list[str]:
    """The tags in order, a later one dropped when it differs from an earlier only in case."""
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.casefold(), tag)
    return list(seen.values())
