"""What a sync did (or, with --dry-run, would do), as lines for the terminal, by fact id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from quizgen.engine.constants import QuestionKind
from quizgen.sync.plan import REMOVED_TAG, DeckResult

_LISTED = 10


def _facts(pairs: Iterable[tuple[str, QuestionKind]]) -> str:
    """`a (mcq, cloze), b (cloze)`: fact ids in order with their note kinds, the first ten."""
    kinds: dict[str, list[str]] = {}
    for fact_id, kind in pairs:
        kinds.setdefault(fact_id, []).append(kind.value)
    shown = [f"{fact_id} ({', '.join(found)})" for fact_id, found in kinds.items()]
    text = ", ".join(shown[:_LISTED])
    return text + (f" and {len(shown) - _LISTED} more facts" if len(shown) > _LISTED else "")


def _printable(text: str) -> str:
    """What Anki answered, safe for a terminal: control characters shown escaped."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _notes(count: int) -> str:
    return "1 note" if count == 1 else f"{count} notes"


def describe(result: DeckResult, where: str, *, dry_run: bool) -> list[str]:
    """The lines for one deck: a heading, then one line per kind of change."""
    plan = result.plan
    heading = f"{plan.source}: {plan.title!r} -> {where}"
    if not plan.changes and not result.refused:
        return [f"{heading}: nothing to change, {_notes(len(plan.notes))} already up to date"]
    verb = {
        "add": "would add" if dry_run else "added",
        "update": "would update" if dry_run else "updated",
        "move": "would move" if dry_run else "moved",
        "remove": "would remove" if dry_run else "removed",
        "keep": f"would tag {REMOVED_TAG} and suspend"
        if dry_run
        else f"tagged {REMOVED_TAG} and suspended",
        "create": "would create" if dry_run else "created",
        "store": "would store" if dry_run else "stored",
        "rename": "would rename" if dry_run else "renamed",
    }
    lines = [f"{heading}{' (dry run: nothing changed)' if dry_run else ''}:"]
    for change in plan.note_types:
        action = verb["create" if change.created else "update"]
        lines.append(f"  {action} note type {change.spec.name!r}")
    if plan.renamed:
        lines.append(
            f"  {verb['rename']} deck {plan.renamed!r} to {plan.title!r} "
            "(its subdecks, options, cards and their progress go along)"
        )
    if plan.media_to_store:
        count = len(plan.media_to_store)
        lines.append(
            f"  {verb['store']} {count} image{'s' if count > 1 else ''}: "
            + ", ".join(item.name for item in plan.media_to_store[:_LISTED])
        )
    if plan.added:
        pairs = [(note.fact.id, note.kind) for note in plan.added]
        lines.append(f"  {verb['add']} {_notes(len(plan.added))}: {_facts(pairs)}")
    if plan.updated:
        pairs = [(update.note.fact.id, update.note.kind) for update in plan.updated]
        lines.append(f"  {verb['update']} {_notes(len(plan.updated))}: {_facts(pairs)}")
    by_target: dict[str, list[tuple[str, QuestionKind]]] = {}
    for move in plan.moved:
        by_target.setdefault(move.note.deck, []).append((move.note.fact.id, move.note.kind))
    for target, pairs in by_target.items():
        lines.append(f"  {verb['move']} {_notes(len(pairs))} to {target!r}: {_facts(pairs)}")
    if plan.removed:
        pairs = [(held.fact_id, held.kind) for held in plan.removed]
        lines.append(
            f"  {verb['keep' if plan.keep_removed else 'remove']} {_notes(len(plan.removed))} "
            f"of facts that are gone: {_facts(pairs)}"
        )
    lines += [f"  {_printable(notice)}" for notice in result.notices]
    lines += [f"  refused: {_printable(refusal)}" for refusal in result.refused]
    return lines


def summary(results: Sequence[DeckResult], *, dry_run: bool) -> str:
    """The closing line: totals across decks."""
    plans = [result.plan for result in results]
    if not any(plan.changes for plan in plans):
        return "nothing to change: the collection already holds the decks as they are"
    counts = [
        (sum(len(plan.added) for plan in plans), "added"),
        (sum(len(plan.updated) for plan in plans), "updated"),
        (sum(len(plan.moved) for plan in plans), "moved"),
        (sum(len(plan.removed) for plan in plans), "removed"),
    ]
    text = ", ".join(f"{number} {what}" for number, what in counts)
    return f"dry run, nothing changed; would be: {text}" if dry_run else f"synced: {text}"
