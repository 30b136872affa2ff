"""`quizgen sync`: make a learner's Anki hold exactly the decks the fact files build to now.

An imported package updates notes in place, but Anki's import never deletes a note or moves a
card. A sync does both, keeping every card's scheduling and review history: `plan` works out
what changes (added, updated, moved, removed, by fact id) from the notes the exporter renders
and the notes the collection holds; `collection` applies it to a collection file with the
`anki` library (Anki closed), in one transaction; `ankiconnect` applies it to a running Anki
through the AnkiConnect add-on.
"""

from __future__ import annotations

from quizgen.errors import QuizgenError


class SyncError(QuizgenError):
    """The collection cannot be synced as asked (locked, unreachable, refused...)."""


class MissingDependency(SyncError):
    """An optional library `sync` needs is not installed; the CLI exits 2 with the fix."""


ANKI_EXTRA = "pip install 'quizgen[anki]'"


def require_anki() -> None:
    """Raise MissingDependency unless the `anki` library can be imported."""
    from importlib.util import find_spec

    if find_spec("anki") is None:
        raise MissingDependency(
            "sync --collection needs the `anki` library, which is not installed: "
            f"run  {ANKI_EXTRA}  (or use --ankiconnect with Anki running)"
        )
