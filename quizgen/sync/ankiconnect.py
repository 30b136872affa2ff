"""Sync into a running Anki desktop through the AnkiConnect add-on (JSON over HTTP, API 6).

The standard library's urllib is the HTTP client: one POST per batch, the calls of a batch
sent as one `multi` action. What Anki refuses (a note it will not add, a deck it will not make)
is collected and reported, not raised: the rest of the sync still happens, since AnkiConnect
offers no transaction. The widely installed add-on version puts `addNote`'s cards in the
Default deck whatever `deckName` says (see docs/sync.md), so after adding, the cards' decks are
read back and moved where they belong. AnkiConnect cannot set or show GUIDs, so notes are found
by note type and FactId within the deck's tag.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quizgen.engine.pipeline import PreparedDeck
from quizgen.export.anki_notetypes import NoteTypeSpec
from quizgen.sync import SyncError
from quizgen.sync.plan import (
    KIND_OF_NOTE_TYPE,
    NOTE_TYPE_OF_KIND,
    REMOVED_TAG,
    DeckResult,
    HeldCard,
    HeldNote,
    MediaFile,
    NoteTypeChange,
    empty_candidates,
    media_files,
    owned,
    plan_decks,
    search_text,
    tag_search,
)

API_VERSION = 6
_BATCH = 200  # actions per `multi` request: each is one round trip, none too long for Anki
_TIMEOUT = 120.0  # seconds for one request; a large batch on a slow machine takes a while
KEY_VARIABLE = "QUIZGEN_ANKICONNECT_KEY"  # AnkiConnect's apiKey setting, when the learner set one


@dataclass(frozen=True)
class Reply:
    """One action's answer inside a `multi`."""

    result: Any
    error: str | None


class AnkiConnect:
    """A client for one AnkiConnect address."""

    def __init__(self, url: str, *, key: str | None = None, timeout: float = _TIMEOUT) -> None:
        self.url = url
        self.key = key if key is not None else os.environ.get(KEY_VARIABLE) or None
        self.timeout = timeout

    def _post(self, payload: dict[str, Any]) -> Any:
        if self.key:
            payload = {**payload, "key": self.key}
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            raise SyncError(f"AnkiConnect at {self.url} answered HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise SyncError(
                f"cannot reach AnkiConnect at {self.url} ({reason}): start Anki with the "
                "AnkiConnect add-on (code 2055492159), or give its address: --ankiconnect URL"
            ) from None
        try:
            answer = json.loads(body)
        except ValueError:
            raise SyncError(f"{self.url} does not answer like AnkiConnect (not JSON)") from None
        if not isinstance(answer, dict) or "error" not in answer:
            raise SyncError(f"{self.url} does not answer like AnkiConnect: {body[:200]!r}")
        return answer

    def call(self, action: str, **params: Any) -> Any:
        """One action; an error Anki gives is a SyncError."""
        answer = self._post({"action": action, "version": API_VERSION, "params": params})
        if answer["error"] is not None:
            error = str(answer["error"])
            hint = f": set {KEY_VARIABLE} to its key" if "api key" in error.lower() else ""
            raise SyncError(f"AnkiConnect refused {action}: {error}{hint}")
        return answer["result"]

    def multi(self, actions: Sequence[tuple[str, dict[str, Any]]]) -> list[Reply]:
        """Many actions, `_BATCH` to a request, each answered on its own."""
        replies: list[Reply] = []
        for start in range(0, len(actions), _BATCH):
            batch = [
                {"action": action, "version": API_VERSION, "params": params}
                for action, params in actions[start : start + _BATCH]
            ]
            results = self.call("multi", actions=batch)
            if not isinstance(results, list) or len(results) != len(batch):
                raise SyncError(f"AnkiConnect at {self.url} answered multi with {results!r}")
            for item in results:
                if isinstance(item, dict) and "error" in item:
                    replies.append(Reply(item.get("result"), item["error"]))
                else:  # an add-on that answers inner actions the API-4 way
                    replies.append(Reply(item, None))
        return replies

    def check_version(self) -> int:
        """The add-on's API version; older than 6 is refused before anything else is asked."""
        version = self.call("version")
        if not isinstance(version, int) or version < API_VERSION:
            raise SyncError(
                f"AnkiConnect at {self.url} speaks API version {version}; quizgen needs "
                f"{API_VERSION} or newer: update the add-on (Tools > Add-ons > Check for Updates)"
            )
        return version


def sync_ankiconnect(
    prepared: Sequence[PreparedDeck],
    url: str,
    *,
    dry_run: bool = False,
    keep_removed: bool = False,
) -> list[DeckResult]:
    """Make the Anki behind `url` hold the decks as they are now (see `sync_collection`).
    Raises SyncError when AnkiConnect cannot be used at all; refusals are in the results."""
    client = AnkiConnect(url)
    client.check_version()
    target = _Running(client)
    results = plan_decks(prepared, target, keep_removed=keep_removed)
    if not dry_run:
        for result in results:
            if result.plan.changes:
                target.apply(result)
    return results


class _Running:
    """The collection of the Anki behind one AnkiConnect address."""

    def __init__(self, client: AnkiConnect) -> None:
        self.client = client

    # Reading -------------------------------------------------------------------------------

    def note_type_changes(self) -> list[NoteTypeChange]:
        names = set(self.client.call("modelNames"))
        present = [spec for spec in NOTE_TYPE_OF_KIND.values() if spec.name in names]
        actions: list[tuple[str, dict[str, Any]]] = []
        for spec in present:
            actions += [
                ("modelFieldNames", {"modelName": spec.name}),
                ("modelTemplates", {"modelName": spec.name}),
                ("modelStyling", {"modelName": spec.name}),
            ]
        replies = self.client.multi(actions)
        changes = [
            NoteTypeChange(spec, created=True)
            for spec in NOTE_TYPE_OF_KIND.values()
            if spec.name not in names
        ]
        for index, spec in enumerate(present):
            fields, templates, styling = (replies[3 * index + offset] for offset in range(3))
            for reply in (fields, templates, styling):
                if reply.error:
                    raise SyncError(
                        f"AnkiConnect cannot read note type {spec.name!r}: {reply.error}"
                    )
            if tuple(fields.result) != spec.fields:
                raise SyncError(
                    f"the running Anki's note type {spec.name!r} has the fields "
                    f"{', '.join(fields.result)}; quizgen's has {', '.join(spec.fields)}: "
                    "rename or delete that note type in Anki (Tools > Manage Note Types). "
                    "Nothing was changed"
                )
            wanted = {spec.template: {"Front": spec.front, "Back": spec.back}}
            if templates.result != wanted or (styling.result or {}).get("css") != spec.css:
                changes.append(NoteTypeChange(spec, created=False))
        return changes

    def deck_names(self) -> None:
        """None: AnkiConnect cannot rename a deck, so a renamed deck's cards are moved."""
        return None

    def held_notes(self, deck_id: str) -> list[HeldNote]:
        search = tag_search(
            deck_id, (f'"note:{search_text(spec.name)}"' for spec in NOTE_TYPE_OF_KIND.values())
        )
        note_ids = self.client.call("findNotes", query=search)
        if not note_ids:
            return []
        infos = self.client.call("notesInfo", notes=note_ids)
        filtered = set(self.client.call("findCards", query=f"deck:filtered {search}"))
        card_ids = [card for info in infos if info for card in info["cards"]]
        cards = {
            info["cardId"]: info for info in self.client.call("cardsInfo", cards=card_ids) if info
        }
        held = []
        for info in infos:
            if not info or info.get("modelName") not in KIND_OF_NOTE_TYPE:
                continue
            tags = tuple(info["tags"])
            if not owned(deck_id, tags):
                continue
            kind = KIND_OF_NOTE_TYPE[info["modelName"]]
            ordered = sorted(info["fields"].items(), key=lambda item: item[1]["order"])
            held.append(
                HeldNote(
                    note_id=int(info["noteId"]),
                    kind=kind,
                    guid=None,
                    fields=tuple(str(value["value"]) for _, value in ordered),
                    tags=tags,
                    cards=tuple(
                        HeldCard(
                            card,
                            # a card in a filtered deck stays there: its home deck is not shown
                            None if card in filtered else str(cards[card]["deckName"]),
                            cards[card]["queue"] == -1,
                        )
                        for card in info["cards"]
                        if card in cards
                    ),
                )
            )
        return held

    def media(self, prepared: PreparedDeck) -> list[MediaFile]:
        def existing(name: str) -> bytes | None:
            data = self.client.call("retrieveMediaFile", filename=name)
            return base64.b64decode(data) if isinstance(data, str) else None

        return media_files(prepared, existing)

    # Writing -------------------------------------------------------------------------------

    def apply(self, result: DeckResult) -> None:
        plan = result.plan
        self._note_types(result)
        existing = {name.casefold() for name in self.client.call("deckNames")}
        self._run(result, [("createDeck", {"deck": name}) for name in plan.decks], "create deck")
        self._carry_options(
            result, [name for name in plan.decks if name.casefold() not in existing]
        )
        for item in plan.media_to_store:
            data = base64.b64encode(item.image.path.read_bytes()).decode("ascii")
            stored = self.client.multi(
                [("storeMediaFile", {"filename": item.name, "data": data, "deleteExisting": False})]
            )[0]
            if stored.error or stored.result != item.name:
                result.refused.append(
                    f"image {item.name!r}: {stored.error or f'stored as {stored.result!r}'}"
                )
        added = self._add(result)
        self._update(result)
        by_target: dict[str, list[int]] = {}
        for move in plan.moved:
            by_target.setdefault(move.note.deck, []).extend(move.card_ids)
        self._run(
            result,
            [("changeDeck", {"cards": cards, "deck": deck}) for deck, cards in by_target.items()],
            "move cards",
        )
        if plan.removed:
            note_ids = [held.note_id for held in plan.removed]
            actions: list[tuple[str, dict[str, Any]]]
            if plan.keep_removed:
                card_ids = [card.card_id for held in plan.removed for card in held.cards]
                actions = [
                    ("addTags", {"notes": note_ids, "tags": REMOVED_TAG}),
                    ("suspend", {"cards": card_ids}),
                ]
            else:
                actions = [("deleteNotes", {"notes": note_ids})]
            self._run(result, actions, "remove notes")
        self._place(result, added)
        left = [card.deck for move in plan.moved for card in move.held.cards if card.deck]
        if not plan.keep_removed:
            left += [card.deck for held in plan.removed for card in held.cards if card.deck]
        self._remove_empty(result, left)

    def _carry_options(self, result: DeckResult, created: Sequence[str]) -> None:
        """A deck made for cards that come from another deck (a renamed deck, which this API
        cannot rename) gets that deck's options preset, so the learner's settings follow."""
        sources: dict[str, Counter[str]] = {}
        for move in result.plan.moved:
            target = move.note.deck
            for old in move.from_decks:
                sources.setdefault(target.casefold(), Counter())[old] += 1
                if "::" in target and "::" in old:  # the parents correspond too
                    parent = target.rsplit("::", 1)[0].casefold()
                    sources.setdefault(parent, Counter())[old.rsplit("::", 1)[0]] += 1
        pairs = [
            (name, sources[name.casefold()].most_common(1)[0][0])
            for name in created
            if name.casefold() in sources
        ]
        if not pairs:
            return
        configs = self.client.multi([("getDeckConfig", {"deck": old}) for _, old in pairs])
        actions: list[tuple[str, dict[str, Any]]] = []
        carried = []
        for (name, old), reply in zip(pairs, configs, strict=True):
            config = reply.result
            if isinstance(config, dict) and config.get("id") not in (None, 1):  # 1: Default
                actions.append(("setDeckConfigId", {"decks": [name], "configId": config["id"]}))
                carried.append(f"{name!r} from {old!r}")
        if not actions:
            return
        replies = self._run(result, actions, "set deck options")
        for (_, params), reply in zip(actions, replies, strict=True):
            if reply.error is None and reply.result is False:  # the add-on's way to refuse
                result.refused.append(f"set the options of {params['decks'][0]!r}: not done")
        result.notices.append(f"options presets carried to the new decks: {', '.join(carried)}")

    def _run(
        self, result: DeckResult, actions: list[tuple[str, dict[str, Any]]], what: str
    ) -> list[Reply]:
        replies = self.client.multi(actions)
        for (action, _), reply in zip(actions, replies, strict=True):
            if reply.error:
                result.refused.append(f"{what} ({action}): {reply.error}")
        return replies

    def _note_types(self, result: DeckResult) -> None:
        actions: list[tuple[str, dict[str, Any]]] = []
        for change in result.plan.note_types:
            spec = change.spec
            if change.created:
                actions.append(("createModel", _create_model(spec)))
            else:
                templates = {spec.template: {"Front": spec.front, "Back": spec.back}}
                actions += [
                    (
                        "updateModelTemplates",
                        {"model": {"name": spec.name, "templates": templates}},
                    ),
                    ("updateModelStyling", {"model": {"name": spec.name, "css": spec.css}}),
                ]
        if actions:
            for (action, _), reply in zip(actions, self.client.multi(actions), strict=True):
                if reply.error:  # without our note types no note can be added: stop here
                    raise SyncError(f"the running Anki refused {action}: {reply.error}")

    def _add(self, result: DeckResult) -> dict[int, str]:
        """Add the new notes, one `addNote` each so every refusal has its reason; the ids
        added, with the deck each belongs in."""
        plan = result.plan
        actions = []
        for note in plan.added:
            spec = NOTE_TYPE_OF_KIND[note.kind]
            actions.append(
                (
                    "addNote",
                    {
                        "note": {
                            "deckName": note.deck,
                            "modelName": spec.name,
                            "fields": dict(zip(spec.fields, note.fields, strict=True)),
                            "tags": list(note.tags),
                            # FactId is the identity; two facts may share a first field
                            "options": {"allowDuplicate": True},
                        }
                    },
                )
            )
        added: dict[int, str] = {}
        for note, reply in zip(plan.added, self.client.multi(actions), strict=True):
            if reply.error or not reply.result:
                result.refused.append(
                    f"add fact {note.fact.id!r} ({note.kind.value}): {reply.error or 'not added'}"
                )
            else:
                added[int(reply.result)] = note.deck
        return added

    def _update(self, result: DeckResult) -> None:
        actions: list[tuple[str, dict[str, Any]]] = []
        for update in result.plan.updated:
            note_id = update.held.note_id
            if update.fields:
                spec = NOTE_TYPE_OF_KIND[update.note.kind]
                fields = dict(zip(spec.fields, update.note.fields, strict=True))
                actions.append(("updateNoteFields", {"note": {"id": note_id, "fields": fields}}))
            actions.append(("updateNoteTags", {"note": note_id, "tags": list(update.tags)}))
            if update.unsuspend:
                actions.append(("unsuspend", {"cards": list(update.unsuspend)}))
        self._run(result, actions, "update notes")

    def _place(self, result: DeckResult, added: dict[int, str]) -> None:
        """Read back where the new cards landed and move the ones that are elsewhere."""
        if not added:
            return
        infos = self.client.call("notesInfo", notes=list(added))
        wanted = {
            card: added[int(info["noteId"])] for info in infos if info for card in info["cards"]
        }
        landed = self.client.call("cardsInfo", cards=list(wanted))
        stray: dict[str, list[int]] = {}
        elsewhere: set[str] = set()
        for info in landed:
            if info and _same_deck(info["deckName"], wanted[info["cardId"]]) is False:
                stray.setdefault(wanted[info["cardId"]], []).append(int(info["cardId"]))
                elsewhere.add(str(info["deckName"]))
        if not stray:
            return
        self._run(
            result,
            [("changeDeck", {"cards": cards, "deck": deck}) for deck, cards in stray.items()],
            "move new cards",
        )
        count = sum(len(cards) for cards in stray.values())
        result.notices.append(
            f"Anki put {count} new card{'s' if count > 1 else ''} in "
            f"{', '.join(repr(name) for name in sorted(elsewhere))} (a known AnkiConnect bug): "
            "moved to their decks"
        )
        check = self.client.call("cardsInfo", cards=[c for cards in stray.values() for c in cards])
        for info in check:
            if info and not _same_deck(info["deckName"], wanted[info["cardId"]]):
                result.refused.append(
                    f"card {info['cardId']} stayed in {info['deckName']!r}, not "
                    f"{wanted[info['cardId']]!r}"
                )

    def _remove_empty(self, result: DeckResult, decks: Iterable[str]) -> None:
        """Decks the cards left that now hold no card and no subdeck, as in the collection."""
        names = set(self.client.call("deckNames"))
        removed = []
        for name in empty_candidates(decks, result.plan.decks):
            if name not in names:
                continue
            if any(other.startswith(f"{name}::") for other in names):
                continue
            if self.client.call("findCards", query=f'"deck:{search_text(name)}"'):
                continue
            if self._run(
                result, [("deleteDecks", {"decks": [name], "cardsToo": True})], "remove deck"
            )[0].error:
                continue
            names.discard(name)
            removed.append(name)
        if removed:
            result.notices.append(
                f"removed {len(removed)} empty deck{'s' if len(removed) > 1 else ''} the cards "
                f"left: {', '.join(repr(name) for name in sorted(removed))}"
            )


def _same_deck(found: str, wanted: str) -> bool:
    return found.casefold() == wanted.casefold()


def _create_model(spec: NoteTypeSpec) -> dict[str, Any]:
    return {
        "modelName": spec.name,
        "inOrderFields": list(spec.fields),
        "cardTemplates": [{"Name": spec.template, "Front": spec.front, "Back": spec.back}],
        "css": spec.css,
        "isCloze": spec.is_cloze,
    }
