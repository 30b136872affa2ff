"""Sync into a collection file with the `anki` library (the Rust backend Anki desktop runs),
while Anki is closed, as `apy` does.

Opening the collection takes Anki's own lock, so an open (or otherwise locked) collection is
refused before anything is read. Everything after that is one SQLite transaction and one undo
step: a sync that fails half-way (a note type the learner changed, a full disk) leaves the
collection exactly as it was. Only images are written outside it, into the media folder, and
an unused image there is harmless.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quizgen.engine.constants import QuestionKind
from quizgen.engine.pipeline import PreparedDeck
from quizgen.errors import display_path
from quizgen.export.anki_notetypes import NoteTypeSpec, cloze_model, mcq_model
from quizgen.sync import SyncError, require_anki
from quizgen.sync.plan import (
    NOTE_TYPE_OF_KIND,
    REMOVED_TAG,
    DeckPlan,
    DeckResult,
    HeldCard,
    HeldNote,
    MediaFile,
    NoteTypeChange,
    empty_candidates,
    media_files,
    owned,
    plan_decks,
    tag_search,
)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_SUSPENDED = -1  # cards.queue of a suspended card
_BOOTSTRAP_DECK = "quizgen note types (temporary)"


@contextmanager
def open_collection(path: Path) -> Iterator[Any]:
    """The collection at `path`, closed afterwards; a clear SyncError if it is not one, or if
    Anki (or another program) has it open."""
    require_anki()
    from anki.collection import Collection
    from anki.errors import DBError

    where = display_path(path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        raise SyncError(
            f"{where}: no such file: give the collection.anki2 of an Anki profile "
            "(Anki's profile folder, for example ~/.local/share/Anki2/User 1/collection.anki2)"
        ) from None
    except OSError as error:
        raise SyncError(f"{where}: cannot read it ({error.strerror or error})") from None
    if magic != _SQLITE_MAGIC:
        raise SyncError(f"{where}: not an Anki collection (collection.anki2 is an SQLite file)")
    try:
        collection = Collection(str(path))
    except DBError as error:
        if "already open" in str(error).lower() or "locked" in str(error).lower():
            raise SyncError(
                f"{where}: the collection is open in Anki (or locked by another program): "
                "close Anki and sync again, or sync into the running Anki with --ankiconnect. "
                "Nothing was changed"
            ) from None
        raise SyncError(f"{where}: Anki cannot open this collection: {error}") from None
    try:
        yield collection
    finally:
        collection.close()


def sync_collection(
    prepared: Sequence[PreparedDeck],
    path: Path,
    *,
    dry_run: bool = False,
    keep_removed: bool = False,
) -> list[DeckResult]:
    """Make the collection at `path` hold the decks as they are now; with `dry_run`, only say
    what that would change. Raises SyncError; on any error nothing is changed."""
    with open_collection(path) as collection:
        target = _Collection(collection)
        results = plan_decks(prepared, target, keep_removed=keep_removed)
        if not dry_run and any(result.plan.changes for result in results):
            target.apply(results)
    return results


class _Collection:
    """One open collection: what it holds of ours, and the changes applied to it."""

    def __init__(self, collection: Any) -> None:
        self.col = collection

    # Reading -------------------------------------------------------------------------------

    def note_type(self, spec: NoteTypeSpec) -> dict[str, Any] | None:
        """Ours by id (as a package brings it), else by name (as AnkiConnect creates it)."""
        found = self.col.models.get(spec.model_id) or self.col.models.by_name(spec.name)
        if found is None:
            return None
        names = tuple(item["name"] for item in found["flds"])
        if names != spec.fields or bool(found["type"]) != spec.is_cloze:
            raise SyncError(
                f"the collection's note type {found['name']!r} has the fields "
                f"{', '.join(names)}; quizgen's has {', '.join(spec.fields)}"
                f"{'' if bool(found['type']) == spec.is_cloze else ' and another card type'}: "
                "rename or delete that note type in Anki (Tools > Manage Note Types). "
                "Nothing was changed"
            )
        return dict(found)

    def note_type_changes(self) -> list[NoteTypeChange]:
        changes = []
        for spec in NOTE_TYPE_OF_KIND.values():
            found = self.note_type(spec)
            if found is None:
                changes.append(NoteTypeChange(spec, created=True))
            elif _template_differs(found, spec):
                changes.append(NoteTypeChange(spec, created=False))
        return changes

    def deck_names(self) -> set[str]:
        return {entry.name for entry in self.col.decks.all_names_and_ids()}

    def held_notes(self, deck_id: str) -> list[HeldNote]:
        """The notes of quizgen's note types tagged with the deck's id, with their cards."""
        kinds: dict[int, QuestionKind] = {}
        for kind, spec in NOTE_TYPE_OF_KIND.items():
            found = self.note_type(spec)
            if found is not None:
                kinds[int(found["id"])] = kind
        if not kinds:
            return []
        note_ids = self.col.find_notes(tag_search(deck_id, (f"mid:{mid}" for mid in kinds)))
        if not note_ids:
            return []
        listed = _ids(note_ids)
        cards: dict[int, list[HeldCard]] = {}
        deck_names: dict[int, str] = {}
        for card_id, note_id, deck, original, queue in self.col.db.all(
            f"SELECT id, nid, did, odid, queue FROM cards WHERE nid IN {listed} ORDER BY ord"
        ):
            home = original or deck  # a card in a filtered deck belongs to its original deck
            if home not in deck_names:
                deck_names[home] = self.col.decks.name(home)
            cards.setdefault(note_id, []).append(
                HeldCard(card_id, deck_names[home], queue == _SUSPENDED)
            )
        held = []
        for note_id, guid, model_id, fields, tags in self.col.db.all(
            f"SELECT id, guid, mid, flds, tags FROM notes WHERE id IN {listed} ORDER BY id"
        ):
            tag_list = tuple(str(tags).split())
            if owned(deck_id, tag_list):
                held.append(
                    HeldNote(
                        note_id,
                        kinds[model_id],
                        str(guid),
                        tuple(str(fields).split("\x1f")),
                        tag_list,
                        tuple(cards.get(note_id, ())),
                    )
                )
        return held

    def media(self, prepared: PreparedDeck) -> list[MediaFile]:
        folder = Path(self.col.media.dir())

        def existing(name: str) -> bytes | None:
            path = folder / name
            return path.read_bytes() if path.is_file() else None

        return media_files(prepared, existing)

    # Writing -------------------------------------------------------------------------------

    def apply(self, results: Sequence[DeckResult]) -> None:
        """Every deck's plan in one transaction (rolled back whole on any error) and one undo
        step named `quizgen sync`."""
        for result in results:
            for item in result.plan.media_to_store:
                stored = self.col.media.write_data(item.name, item.image.path.read_bytes())
                if stored != item.name:
                    raise SyncError(
                        f"Anki stored {display_path(item.image.path)} as {stored!r}, "
                        f"not {item.name!r}: sync again. Nothing was changed"
                    )
        step = self.col.add_custom_undo_entry("quizgen sync")

        def run() -> None:
            changes = [change for result in results for change in result.plan.note_types]
            self._note_types(changes)
            for result in results:
                self._apply_deck(result)

        self.col.db.transact(run)
        self.col.merge_undo_entries(step)

    def _note_types(self, changes: Sequence[NoteTypeChange]) -> None:
        missing = [change.spec for change in changes if change.created]
        if missing:
            self._bootstrap(missing)
        for change in changes:
            if change.created:
                continue
            found = self.note_type(change.spec)
            assert found is not None  # it was there when the plan was made
            template = found["tmpls"][0]
            template["qfmt"], template["afmt"] = change.spec.front, change.spec.back
            found["css"] = change.spec.css
            self.col.models.update_dict(found)

    def _bootstrap(self, specs: Sequence[NoteTypeSpec]) -> None:
        """Our note types with their own ids, as a package brings them: the `anki` library
        cannot add a note type under a chosen id, but its importer keeps the package's. A
        package with one placeholder note per type is imported, then the notes and their deck
        are removed again (all inside the sync's transaction)."""
        import genanki
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        models = {
            spec.model_id: model
            for model in (mcq_model(), cloze_model())
            for spec in specs
            if model.model_id == spec.model_id
        }
        deck = genanki.Deck(1, _BOOTSTRAP_DECK)
        guids = []
        for model_id, model in models.items():
            guid = f"quizgen-note-type-{model_id}"
            fields = ["{{c1::x}}" if model.model_type == model.CLOZE else "x"]
            fields += ["x"] * (len(model.fields) - 1)
            deck.add_note(genanki.Note(model=model, fields=fields, guid=guid))
            guids.append(guid)
        with tempfile.TemporaryDirectory(prefix="quizgen-sync-") as folder:
            package = Path(folder) / "note-types.apkg"
            genanki.Package([deck]).write_to_file(str(package))
            self.col.import_anki_package(
                ImportAnkiPackageRequest(
                    package_path=str(package), options=ImportAnkiPackageOptions()
                )
            )
        placeholders = self.col.db.list(
            f"SELECT id FROM notes WHERE guid IN ({', '.join('?' for _ in guids)})", *guids
        )
        self.col.remove_notes(placeholders)
        deck_id = self.col.decks.id_for_name(_BOOTSTRAP_DECK)
        if deck_id:
            self.col.decks.remove([deck_id])
        for spec in specs:
            if self.col.models.get(spec.model_id) is None:
                raise SyncError(f"Anki did not create the note type {spec.name!r}")

    def _apply_deck(self, result: DeckResult) -> None:
        from anki.collection import AddNoteRequest

        plan = result.plan
        if plan.renamed:
            self.col.decks.rename(self.col.decks.id_for_name(plan.renamed), plan.title)
        deck_ids = {name: self.col.decks.id(name) for name in plan.decks}
        self._add(plan, result, deck_ids, AddNoteRequest)
        if plan.updated:
            notes = []
            for update in plan.updated:
                note = self.col.get_note(update.held.note_id)
                note.fields[:] = list(update.note.fields)
                note.tags = list(update.tags)
                notes.append(note)
            self.col.update_notes(notes)
            again = [card for update in plan.updated for card in update.unsuspend]
            if again:
                self.col.sched.unsuspend_cards(again)
        by_target: dict[str, list[int]] = {}
        for move in plan.moved:
            by_target.setdefault(move.note.deck, []).extend(move.card_ids)
        for target, card_ids in by_target.items():
            self.col.set_deck(card_ids, deck_ids[target])
        if plan.removed:
            note_ids = [held.note_id for held in plan.removed]
            if plan.keep_removed:
                self.col.tags.bulk_add(note_ids, REMOVED_TAG)
                card_ids = [card.card_id for held in plan.removed for card in held.cards]
                self.col.sched.suspend_cards(card_ids)
            else:
                self.col.remove_notes(note_ids)
        left = [card.deck for move in plan.moved for card in move.held.cards if card.deck]
        if not plan.keep_removed:
            left += [card.deck for held in plan.removed for card in held.cards if card.deck]
        removed = self._remove_empty(left, plan.decks)
        if removed:
            result.notices.append(
                f"removed {len(removed)} empty deck{'s' if len(removed) > 1 else ''} the cards "
                f"left: {', '.join(repr(name) for name in removed)}"
            )

    def _add(
        self,
        plan: DeckPlan,
        result: DeckResult,
        deck_ids: dict[str, int],
        request: Any,
    ) -> None:
        if not plan.added:
            return
        model_ids = {}
        for kind, spec in NOTE_TYPE_OF_KIND.items():
            found = self.note_type(spec)
            assert found is not None  # created above if it was missing
            model_ids[kind] = int(found["id"])
        guids = [note.guid for note in plan.added]
        taken = set(
            self.col.db.list(
                f"SELECT guid FROM notes WHERE guid IN ({', '.join('?' for _ in guids)})", *guids
            )
        )
        requests = []
        for rendered in plan.added:
            note = self.col.new_note(self.col.models.get(model_ids[rendered.kind]))
            if rendered.guid in taken:
                result.notices.append(
                    f"a note outside the deck (its tag or note type changed by hand) has the "
                    f"GUID of fact {rendered.fact.id!r} ({rendered.kind.value}): it was left "
                    "alone and the fact's note added with a GUID of Anki's own"
                )
            else:
                note.guid = rendered.guid
            note.fields[:] = list(rendered.fields)
            note.tags = list(rendered.tags)
            requests.append(request(note=note, deck_id=deck_ids[rendered.deck]))
        self.col.add_notes(requests)
        # A note type's own deck override could send cards elsewhere: put them where they go.
        wanted = {
            added.note.id: deck_ids[rendered.deck]
            for rendered, added in zip(plan.added, requests, strict=True)
        }
        stray: dict[int, list[int]] = {}
        for card_id, note_id, deck_id in self.col.db.all(
            f"SELECT id, nid, did FROM cards WHERE nid IN {_ids(wanted)}"
        ):
            if deck_id != wanted[note_id]:
                stray.setdefault(wanted[note_id], []).append(card_id)
        for deck_id, card_ids in stray.items():
            self.col.set_deck(card_ids, deck_id)

    def _remove_empty(self, decks: Iterable[str], wanted: Iterable[str]) -> list[str]:
        """Decks our cards left that now hold no card and no subdeck (and their parents, on
        the same terms): what a renamed deck or topic leaves behind. Default stays."""
        removed = []
        for name in empty_candidates(decks, wanted):
            deck_id = self.col.decks.id_for_name(name)
            if not deck_id or deck_id == 1:
                continue
            if self.col.decks.children(deck_id) or self.col.decks.card_count(
                deck_id, include_subdecks=True
            ):
                continue
            self.col.decks.remove([deck_id])
            removed.append(name)
        return sorted(removed)


def _template_differs(found: dict[str, Any], spec: NoteTypeSpec) -> bool:
    template = found["tmpls"][0] if found["tmpls"] else {}
    return (
        len(found["tmpls"]) != 1
        or template.get("qfmt") != spec.front
        or template.get("afmt") != spec.back
        or found.get("css") != spec.css
    )


def _ids(ids: Iterable[int]) -> str:
    return "(" + ",".join(str(int(item)) for item in ids) + ")"
