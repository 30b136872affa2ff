"""What a sync must change: the notes a deck builds to now, against the notes a collection holds.

The plan is the same for every backend (a collection file, a running Anki through AnkiConnect):
notes are matched by quizgen's GUID first and by note type and FactId second (AnkiConnect cannot
set GUIDs, so notes it added have Anki's own), never by position. Only notes of quizgen's note
types that carry the deck's id as a tag are ever read, so only those are ever changed.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from quizgen.engine.constants import QuestionKind
from quizgen.engine.pipeline import PreparedDeck
from quizgen.export.anki_notetypes import CLOZE, MCQ, NoteTypeSpec
from quizgen.export.apkg import RenderedNote, rendered_notes
from quizgen.export.media import Image, deck_images

#: The tag a note of a fact that is gone gets with `--keep-removed` (its cards are suspended).
REMOVED_TAG = "quizgen::removed"
#: Tags Anki's scheduler and the learner's Browse add, which a sync leaves on the note.
KEPT_TAGS = frozenset({"leech", "marked"})

NOTE_TYPE_OF_KIND: dict[QuestionKind, NoteTypeSpec] = {
    QuestionKind.MCQ: MCQ,
    QuestionKind.CLOZE: CLOZE,
}
KIND_OF_NOTE_TYPE = {spec.name: kind for kind, spec in NOTE_TYPE_OF_KIND.items()}


@dataclass(frozen=True)
class HeldCard:
    """One card of a note in the collection."""

    card_id: int
    deck: str | None  # None: in a filtered deck, its home deck unknown (left where it is)
    suspended: bool


@dataclass(frozen=True)
class HeldNote:
    """A note of one of quizgen's note types, tagged with the deck's id, as it is held."""

    note_id: int
    kind: QuestionKind
    guid: str | None  # None where the backend cannot see GUIDs (AnkiConnect)
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    cards: tuple[HeldCard, ...]

    @property
    def fact_id(self) -> str:
        """The FactId field, unescaped (notes store it HTML-escaped)."""
        index = NOTE_TYPE_OF_KIND[self.kind].fields.index("FactId")
        return html.unescape(self.fields[index]) if index < len(self.fields) else ""

    @property
    def kept_removed(self) -> bool:
        """Already tagged quizgen::removed with every card suspended."""
        return has_tag(self.tags, REMOVED_TAG) and all(card.suspended for card in self.cards)


def has_tag(tags: Iterable[str], tag: str) -> bool:
    """Anki ignores case in tags."""
    return tag.casefold() in {item.casefold() for item in tags}


def search_text(text: str) -> str:
    """Text inside a quoted Anki search term: quotes, backslashes and wildcards literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return escaped.replace("_", "\\_").replace("*", "\\*")


def tag_search(deck_id: str, note_types: Iterable[str]) -> str:
    """The Anki search for the notes a sync may touch: the deck's tag on quizgen's note types
    (each given as a search term, `mid:123` or `"note:name"`).

    `tag:X` also finds `X::child`, so backends check the tag exactly on what it finds
    (`owned`)."""
    return f'"tag:{search_text(deck_id)}" ({" OR ".join(note_types)})'


def with_parents(names: Iterable[str]) -> set[str]:
    """Each deck name and its parents: `A::B` -> `A`, `A::B`."""
    found: set[str] = set()
    for name in names:
        parts = name.split("::")
        found.update("::".join(parts[: index + 1]) for index in range(len(parts)))
    return found


def empty_candidates(left: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """Decks our cards left, and their parents, that the deck no longer uses: the ones a
    backend removes if they end up with no card and no subdeck (deepest first). Default
    stays."""
    keep = {name.casefold() for name in with_parents(wanted)} | {"default"}
    found = {name for name in with_parents(left) if name.casefold() not in keep}
    return sorted(found, key=lambda name: (-name.count("::"), name))


def owned(deck_id: str, tags: Iterable[str]) -> bool:
    """The note carries the deck's id itself as a tag, not just a tag below it."""
    return has_tag(tags, deck_id)


@dataclass(frozen=True)
class Update:
    """A note whose fields or tags change (its cards, scheduling and history stay)."""

    held: HeldNote
    note: RenderedNote
    fields: bool
    tags: tuple[str, ...]  # the note's tags after the sync
    unsuspend: tuple[int, ...]  # cards suspended by an earlier --keep-removed


@dataclass(frozen=True)
class Move:
    """A note whose cards are in another deck than their fact's topic says."""

    held: HeldNote
    note: RenderedNote
    card_ids: tuple[int, ...]
    from_decks: tuple[str, ...]


@dataclass(frozen=True)
class MediaFile:
    """An image a deck shows, under the name it has (or will have) in the collection."""

    image: Image
    name: str
    store: bool  # the collection lacks it


@dataclass(frozen=True)
class NoteTypeChange:
    """One of quizgen's note types that the collection lacks, or holds with other templates."""

    spec: NoteTypeSpec
    created: bool


@dataclass
class DeckPlan:
    """Everything one deck's sync changes, by fact id; empty lists mean nothing to do."""

    deck_id: str
    title: str
    source: str
    notes: list[RenderedNote]
    added: list[RenderedNote] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    removed: list[HeldNote] = field(default_factory=list)
    keep_removed: bool = False
    note_types: list[NoteTypeChange] = field(default_factory=list)
    renamed: str | None = None  # the deck's old title, renamed to `title`
    media: list[MediaFile] = field(default_factory=list)

    @property
    def decks(self) -> list[str]:
        """Every (sub)deck the deck's cards belong in, parents first."""
        return sorted({note.deck for note in self.notes}, key=lambda name: (name.count("::"), name))

    @property
    def media_to_store(self) -> list[MediaFile]:
        return [item for item in self.media if item.store]

    @property
    def changes(self) -> bool:
        """Whether a sync of this deck would change the collection at all."""
        return bool(
            self.renamed
            or self.added
            or self.updated
            or self.moved
            or self.removed
            or self.note_types
            or self.media_to_store
        )


def nfc(text: str) -> str:
    """Anki stores note text NFC-normalised: compare what it will hold."""
    return unicodedata.normalize("NFC", text)


def media_files(prepared: PreparedDeck, existing: Callable[[str], bytes | None]) -> list[MediaFile]:
    """The deck's images under the names the collection gives them: their own, unless a
    different file already has that name, when Anki stores it as `stem-<sha1>.ext`."""
    files = []
    for image in deck_images(prepared.loaded).values():
        data = image.path.read_bytes()
        held = existing(image.name)
        if held is None or held == data:
            files.append(MediaFile(image, image.name, held is None))
            continue
        stem, suffix = Path(image.name).stem, Path(image.name).suffix
        renamed = f"{stem}-{hashlib.sha1(data).hexdigest()}{suffix}"
        files.append(MediaFile(image, renamed, existing(renamed) is None))
    return files


def wanted_notes(prepared: PreparedDeck, media: Sequence[MediaFile]) -> list[RenderedNote]:
    """The deck's notes as the package renders them, images under their collection names."""
    images = deck_images(prepared.loaded)
    names = {item.image.path: item.name for item in media}
    stored = {value: replace(image, name=names[image.path]) for value, image in images.items()}
    return list(rendered_notes(prepared, stored))


def plan_deck(
    prepared: PreparedDeck,
    held: Sequence[HeldNote],
    media: Sequence[MediaFile],
    *,
    keep_removed: bool = False,
    decks: set[str] | None = None,
) -> DeckPlan:
    """Compare the notes the deck builds to with the notes held; the note-type entries are
    the backend's to fill in (only it can read the collection's note types).

    `decks` are the collection's deck names when the backend can rename a deck: a deck whose
    title changed is then renamed (its subdecks, options and every card go along) instead of
    its cards being moved one by one into new decks."""
    deck = prepared.loaded.deck
    notes = wanted_notes(prepared, media)
    plan = DeckPlan(
        deck_id=deck.id,
        title=deck.deck,
        source=prepared.loaded.display_path,
        notes=notes,
        keep_removed=keep_removed,
        media=list(media),
    )
    matched = _match(notes, held)
    if decks is not None and deck.deck.casefold() not in {name.casefold() for name in decks}:
        old = _renamed_from(deck.deck, matched)
        if old is not None:
            plan.renamed = old
            held = [_renamed_note(found, old, deck.deck) for found in held]
            matched = _match(notes, held)
    paired = {id(note) for note, _ in matched}
    plan.added = [note for note in notes if id(note) not in paired]
    for note, found in matched:
        _compare(plan, note, found)
    used = {found.note_id for _, found in matched}
    for found in held:
        if found.note_id in used:
            continue
        if keep_removed and found.kept_removed:
            continue
        plan.removed.append(found)
    return plan


def _under(name: str, root: str) -> bool:
    return name.casefold() == root.casefold() or name.casefold().startswith(f"{root.casefold()}::")


def _renamed_from(title: str, matched: Sequence[tuple[RenderedNote, HeldNote]]) -> str | None:
    """The deck that is this deck under its old title: every card lives under it, and the
    cards still in their topic's subdeck all say the same old title."""
    roots: dict[str, str] = {}
    for note, found in matched:
        suffix = note.deck[len(title) :]  # "" or "::Topic"
        for card in found.cards:
            if card.deck is None:
                continue
            if not suffix:
                roots[card.deck.casefold()] = card.deck
            elif card.deck.casefold().endswith(suffix.casefold()) and len(card.deck) > len(suffix):
                root = card.deck[: len(card.deck) - len(suffix)]
                roots[root.casefold()] = root
    if len(roots) != 1:
        return None
    (root,) = roots.values()
    if _under(root, title) or _under(title, root):  # the same deck, or one inside the other
        return None
    every = (card.deck for _, found in matched for card in found.cards if card.deck is not None)
    return root if all(_under(name, root) for name in every) else None


def _renamed_note(found: HeldNote, old: str, new: str) -> HeldNote:
    """The note as it is once deck `old` is renamed `new`."""
    cards = tuple(
        replace(card, deck=new + card.deck[len(old) :])
        if card.deck is not None and _under(card.deck, old)
        else card
        for card in found.cards
    )
    return replace(found, cards=cards)


def _match(
    notes: Sequence[RenderedNote], held: Sequence[HeldNote]
) -> list[tuple[RenderedNote, HeldNote]]:
    """Pairs by GUID, then by note type and FactId among the rest (the oldest note first:
    it has the longest history). Notes that stay unpaired are added or removed."""
    by_guid = {found.guid: found for found in held if found.guid is not None}
    pairs: list[tuple[RenderedNote, HeldNote]] = []
    taken: set[int] = set()
    rest = []
    for note in notes:
        found = by_guid.get(note.guid)
        if found is not None and found.kind is note.kind and found.note_id not in taken:
            pairs.append((note, found))
            taken.add(found.note_id)
        else:
            rest.append(note)
    by_fact: dict[tuple[QuestionKind, str], HeldNote] = {}
    for found in sorted(held, key=lambda item: item.note_id):
        if found.note_id not in taken:
            by_fact.setdefault((found.kind, nfc(found.fact_id)), found)
    for note in rest:
        found = by_fact.pop((note.kind, nfc(note.fact.id)), None)
        if found is not None:
            pairs.append((note, found))
            taken.add(found.note_id)
    return pairs


def _compare(plan: DeckPlan, note: RenderedNote, found: HeldNote) -> None:
    fields_differ = tuple(nfc(text) for text in note.fields) != tuple(
        nfc(text) for text in found.fields
    )
    kept = tuple(tag for tag in found.tags if tag.casefold() in KEPT_TAGS)
    tags = note.tags + tuple(tag for tag in kept if not has_tag(note.tags, tag))
    tags_differ = {nfc(tag).casefold() for tag in tags} != {
        nfc(tag).casefold() for tag in found.tags
    }
    unsuspend: tuple[int, ...] = ()
    if has_tag(found.tags, REMOVED_TAG):  # a fact back after --keep-removed: study it again
        unsuspend = tuple(card.card_id for card in found.cards if card.suspended)
    if fields_differ or tags_differ or unsuspend:
        plan.updated.append(Update(found, note, fields_differ, tags, unsuspend))
    target = nfc(note.deck).casefold()
    away = [
        card
        for card in found.cards
        if card.deck is not None and nfc(card.deck).casefold() != target
    ]
    if away:
        plan.moved.append(
            Move(
                found,
                note,
                tuple(card.card_id for card in away),
                tuple(dict.fromkeys(card.deck for card in away if card.deck is not None)),
            )
        )


@dataclass
class DeckResult:
    """A deck's plan and what applying it found: refusals, fixes, decks left empty."""

    plan: DeckPlan
    refused: list[str] = field(default_factory=list)  # what the collection would not do
    notices: list[str] = field(default_factory=list)  # what was fixed or tidied on the way


class Target(Protocol):
    """What a backend reads from the Anki it syncs into."""

    def held_notes(self, deck_id: str) -> list[HeldNote]: ...

    def media(self, prepared: PreparedDeck) -> list[MediaFile]: ...

    def note_type_changes(self) -> list[NoteTypeChange]: ...

    def deck_names(self) -> set[str] | None:
        """The collection's decks, if the backend can rename one; else None."""


def plan_decks(
    prepared: Sequence[PreparedDeck], target: Target, *, keep_removed: bool
) -> list[DeckResult]:
    """Every deck's plan against one collection; the note types (shared by all the decks)
    are reported with the first."""
    note_types = target.note_type_changes()
    results = [
        DeckResult(
            plan_deck(
                item,
                target.held_notes(item.loaded.deck.id),
                target.media(item),
                keep_removed=keep_removed,
                decks=target.deck_names(),
            )
        )
        for item in prepared
    ]
    if results:
        results[0].plan.note_types = note_types
    return results
