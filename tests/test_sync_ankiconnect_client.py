"""The AnkiConnect client's answers to what a real Anki rarely does on cue: an add-on too old,
a note refused, no Anki listening. A small HTTP server plays AnkiConnect (API 6, `multi`) with
just enough state; the real add-on is exercised in test_sync_ankiconnect.py."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from conftest import SOLAR_SYSTEM
from typer.testing import CliRunner

from quizgen.cli import app

runner = CliRunner()


class FakeAnki:
    """What the fake Anki holds, and which fact's notes it refuses."""

    def __init__(self, version: int = 6, refuse: str = "") -> None:
        self.version = version
        self.refuse = refuse
        self.models: set[str] = set()
        self.decks = {"Default"}
        self.notes: dict[int, dict[str, Any]] = {}
        self.actions: list[str] = []

    def handle(self, action: str, params: dict[str, Any]) -> Any:
        self.actions.append(action)
        if action == "multi":
            return [
                self.reply(item["action"], item.get("params", {})) for item in params["actions"]
            ]
        return getattr(self, action)(**params)

    def reply(self, action: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return {"result": self.handle(action, params), "error": None}
        except Exception as error:  # AnkiConnect answers every failure this way
            return {"result": None, "error": str(error)}

    def modelNames(self) -> list[str]:  # AnkiConnect's action names
        return sorted(self.models)

    def createModel(self, modelName: str, **_: Any) -> dict[str, Any]:
        self.models.add(modelName)
        return {}

    def createDeck(self, deck: str) -> int:
        self.decks.add(deck)
        return len(self.decks)

    def deckNames(self) -> list[str]:
        return sorted(self.decks)

    def findNotes(self, query: str) -> list[int]:
        return []

    def findCards(self, query: str) -> list[int]:
        return []

    def retrieveMediaFile(self, filename: str) -> bool:
        return False

    def addNote(self, note: dict[str, Any]) -> int:
        if note["fields"]["FactId"] == self.refuse:
            raise Exception("cannot create note because it is a duplicate")
        note_id = 1000 + len(self.notes)
        self.notes[note_id] = {**note, "deck": "Default"}  # where the real add-on puts them
        return note_id

    def notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        return [{"noteId": nid, "cards": [nid * 10]} for nid in notes]

    def cardsInfo(self, cards: list[int]) -> list[dict[str, Any]]:
        return [{"cardId": cid, "deckName": self.notes[cid // 10]["deck"]} for cid in cards]

    def changeDeck(self, cards: list[int], deck: str) -> None:
        for cid in cards:
            self.notes[cid // 10]["deck"] = deck


@pytest.fixture
def fake() -> Iterator[tuple[FakeAnki, str]]:
    anki = FakeAnki()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if request["action"] == "version":
                body = {"result": anki.version, "error": None}
            else:
                body = anki.reply(request["action"], request.get("params", {}))
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield anki, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_old_add_on_is_refused_before_anything_is_asked(fake: tuple[FakeAnki, str]) -> None:
    anki, url = fake
    anki.version = 5
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--ankiconnect", url])
    assert result.exit_code == 1
    assert f"AnkiConnect at {url} speaks API version 5; quizgen needs 6 or newer" in result.output
    assert anki.actions == []  # `version` only, answered before any action is logged


def test_refused_notes_are_reported_and_the_rest_synced(fake: tuple[FakeAnki, str]) -> None:
    anki, url = fake
    anki.refuse = "webb-cost"
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--ankiconnect", url])
    assert result.exit_code == 1
    assert (
        "  refused: add fact 'webb-cost' (cloze): cannot create note because it is a duplicate"
        in result.output
    )
    assert "Anki refused some changes (listed above); the rest were made" in result.output
    assert len(anki.notes) == 30  # 32 less the two refused
    assert {note["deck"] for note in anki.notes.values()} == {
        f"The solar system::{topic}"
        for topic in ("Discoveries", "Dwarf planets", "Planets", "The Sun", "Missions")
    }
    assert "multi" in anki.actions and anki.actions.count("addNote") == 32  # batched


def test_no_anki_listening_is_a_clear_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--ankiconnect", url])
    assert result.exit_code == 1
    assert f"cannot reach AnkiConnect at {url}" in result.output
    assert "start Anki with the AnkiConnect add-on" in result.output
    assert "Traceback" not in result.output


def test_ankiconnect_alone_means_the_default_address(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizgen.sync import ankiconnect

    asked: list[str] = []

    def record(prepared: Any, url: str, **options: Any) -> list[Any]:
        asked.append(url)
        return []

    monkeypatch.setattr(ankiconnect, "sync_ankiconnect", record)
    result = runner.invoke(app, ["sync", "--ankiconnect", str(SOLAR_SYSTEM)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--ankiconnect"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--ankiconnect", "http://h:1"])
    assert result.exit_code == 0, result.output
    assert asked == ["http://127.0.0.1:8765", "http://127.0.0.1:8765", "http://h:1"]
