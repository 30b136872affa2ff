"""`quizgen sync --ankiconnect` into the real Anki desktop with the real AnkiConnect add-on,
started headless for each test (the recipe in shared/anki-desktop/README.md).

Needs the `desktop-test` extra (aqt and PyQt6, about 620 MB); without it these tests skip and
say so, unless QUIZGEN_REQUIRE_DESKTOP is set (as .ci/anki-desktop.sh does), when they fail.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SOLAR_SYSTEM
from sync_support import CardState, cli_sync, copy_deck, run_story
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.sync.ankiconnect import AnkiConnect

runner = CliRunner()
ADDON_CODE = "2055492159"
_START_LIMIT = 120.0  # seconds Anki may take to answer at all on a loaded machine


def _shared() -> Path | None:
    """shared/ beside the checkout (CI), or beside the main checkout of a git worktree."""
    given = os.environ.get("QUIZGEN_SHARED")
    candidates = [Path(given)] if given else []
    candidates.append(ROOT.parent / "shared")
    try:
        common = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--path-format=absolute", "--git-common-dir"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared")
    except (OSError, subprocess.CalledProcessError):
        pass
    for folder in candidates:
        if (folder / "anki-desktop" / "seed.py").is_file():
            return folder / "anki-desktop"
    return None


DESKTOP = _shared()
ANKI = Path(sys.executable).parent / "anki"
MISSING = (
    "the real Anki desktop is not installed (pip install -e '.[desktop-test]', or run "
    ".ci/anki-desktop.sh)"
    if find_spec("aqt") is None or not ANKI.exists()
    else "shared/anki-desktop (the AnkiConnect add-on and its seed script) was not found"
    if DESKTOP is None
    else None
)
if MISSING and os.environ.get("QUIZGEN_REQUIRE_DESKTOP"):
    raise RuntimeError(f"QUIZGEN_REQUIRE_DESKTOP is set but {MISSING}")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(MISSING is not None, reason=str(MISSING))]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[str]:
    """A running Anki with AnkiConnect on a port of its own; its URL. Stopped with SIGTERM."""
    assert DESKTOP is not None
    base = tmp_path / "anki-base"
    subprocess.run(
        [sys.executable, str(DESKTOP / "seed.py"), str(base), str(DESKTOP / "anki-connect")],
        check=True,
        capture_output=True,
    )
    addon = base / "addons21" / ADDON_CODE
    for path in [addon, *addon.rglob("*")]:  # the shared copy is read-only
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    port = _free_port()
    config = json.loads((addon / "config.json").read_text(encoding="utf-8"))
    config["webBindPort"] = port
    (addon / "config.json").write_text(json.dumps(config), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "ANKI_SINGLE_INSTANCE_KEY": f"quizgen-test-{secrets.token_hex(8)}",
    }
    log = (tmp_path / "anki.log").open("wb")
    process = subprocess.Popen(
        [str(ANKI), "-b", str(base)], stdout=log, stderr=subprocess.STDOUT, env=env
    )
    url = f"http://127.0.0.1:{port}"
    client = AnkiConnect(url, timeout=5)
    deadline = time.monotonic() + _START_LIMIT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"Anki exited ({process.returncode}): {(tmp_path / 'anki.log').read_text()}"
                )
            try:
                client.call("version")
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"Anki did not answer: {(tmp_path / 'anki.log').read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


class RunningView:
    """The running Anki, read and studied through AnkiConnect (its own scheduler answers)."""

    def __init__(self, url: str) -> None:
        self.client = AnkiConnect(url)

    def _call(self, action: str, **params: Any) -> Any:
        return self.client.call(action, **params)

    def cards(self) -> dict[int, CardState]:
        ids = self._call("findCards", query='"note:quizgen*"')
        found = {}
        for info in self._call("cardsInfo", cards=ids):
            found[int(info["cardId"])] = CardState(
                int(info["note"]),
                info["fields"]["FactId"]["value"],
                info["modelName"],
                info["deckName"],
                info["due"],
                info["interval"],
                info["reps"],
                info["queue"],
                info["type"],
            )
        return found

    def reviews(self) -> dict[int, list[int]]:
        ids = self._call("findCards", query='"note:quizgen*"')
        logs = self._call("getReviewsOfCards", cards=[str(cid) for cid in ids])
        return {
            int(cid): [entry["id"] for entry in entries] for cid, entries in logs.items() if entries
        }

    def _note(self, note_id: int) -> dict[str, Any]:
        info: dict[str, Any] = self._call("notesInfo", notes=[note_id])[0]
        return info

    def fields(self, note_id: int) -> dict[str, str]:
        return {name: value["value"] for name, value in self._note(note_id)["fields"].items()}

    def tags(self, note_id: int) -> list[str]:
        return list(self._note(note_id)["tags"])

    def decks(self) -> set[str]:
        return set(self._call("deckNames"))

    def study(self, card_ids: list[int]) -> None:
        answers = [{"cardId": cid, "ease": 3} for cid in card_ids]
        assert all(self._call("answerCards", answers=answers))

    def give_options(self, deck: str) -> int:
        preset = int(self._call("cloneDeckConfigId", name=f"tuned {deck}"))
        assert self._call("setDeckConfigId", decks=[deck], configId=preset)
        return preset

    def options(self, deck: str) -> int:
        return int(self._call("getDeckConfig", deck=deck)["id"])


@pytest.mark.parametrize("keep_removed", [False, True], ids=["remove", "keep-removed"])
def test_progress_survives_edit_move_rename_and_removal(
    tmp_path: Path, desktop: str, keep_removed: bool
) -> None:
    run_story(
        RunningView(desktop),
        cli_sync(["--ankiconnect", desktop]),
        copy_deck(tmp_path),
        keep_removed=keep_removed,
        renames=False,  # AnkiConnect has no action that renames a deck
    )


def test_collection_of_the_running_anki_is_refused(tmp_path: Path, desktop: str) -> None:
    """Anki desktop holds its collection locked: --collection says so and changes nothing."""
    collection = tmp_path / "anki-base" / "User 1" / "collection.anki2"
    before = collection.read_bytes()
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--collection", str(collection)])
    assert result.exit_code == 1
    assert "the collection is open in Anki (or locked by another program)" in result.output
    assert collection.read_bytes() == before
    assert not RunningView(desktop).cards()


def test_new_cards_land_in_their_decks_not_default(desktop: str) -> None:
    """The add-on puts addNote's cards in Default; the sync sees it and moves them."""
    result = runner.invoke(app, ["sync", str(SOLAR_SYSTEM), "--ankiconnect", desktop])
    assert result.exit_code == 0, result.output
    assert "(a known AnkiConnect bug): moved to their decks" in result.output
    view = RunningView(desktop)
    assert not view.client.call("findCards", query="deck:Default")
    assert {card.deck.split("::")[0] for card in view.cards().values()} == {"The solar system"}
