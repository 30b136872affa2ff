"""What an Anki package built earlier holds, so a rebuild can tell the learner what Anki's
import will not do (it never deletes notes or moves cards).

Reading it (unzip, then one query) takes 0.05 s at 10,000 facts, about 5% of a build: it
is read in this process, when the package is about to be replaced.
"""

from __future__ import annotations

import html
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import IO

from quizgen.atomic import scratch_folder
from quizgen.reading import NotReadable, open_regular

COLLECTION = "collection.anki2"
PACKAGE_SUFFIX = ".apkg"
#: The old package and its collection are read only up to these sizes: a zip bomb left at the
#: output path is refused, not inflated (100,000 facts make a collection of about 60 MB).
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024
MAX_COLLECTION_BYTES = 512 * 1024 * 1024


def placement(path: Path) -> dict[str, str]:
    """FactId -> deck name of the notes in a package we wrote (empty if there is none).

    Raises OSError, zipfile.BadZipFile, sqlite3.Error, KeyError or ValueError for a file that
    is not such a package (NotReadable, a ValueError, for one that is not a regular file or
    too large). The collection is inflated into a temporary file, never more than
    MAX_COLLECTION_BYTES of it, so memory stays flat whatever the package claims.
    """
    if not path.exists():
        return {}
    with (
        open_regular(path, MAX_PACKAGE_BYTES) as handle,
        zipfile.ZipFile(handle) as package,
        scratch_folder("quizgen-previous-") as folder,
    ):
        if package.getinfo(COLLECTION).file_size > MAX_COLLECTION_BYTES:
            raise NotReadable(_too_large())
        copy = Path(folder) / COLLECTION
        with package.open(COLLECTION) as collection, copy.open("wb") as target:
            _copy_capped(collection, target)
        connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
        try:
            return _placement(connection)
        finally:
            connection.close()


def _copy_capped(source: IO[bytes], target: IO[bytes]) -> None:
    """Inflate at most MAX_COLLECTION_BYTES, whatever the zip's header claimed."""
    total = 0
    while chunk := source.read(1 << 20):
        total += len(chunk)
        if total > MAX_COLLECTION_BYTES:
            raise NotReadable(_too_large())
        target.write(chunk)


def _too_large() -> str:
    return (
        f"its collection inflates to more than {MAX_COLLECTION_BYTES // (1024 * 1024)} MB, "
        "more than any deck quizgen builds"
    )


def _placement(connection: sqlite3.Connection) -> dict[str, str]:
    decks_json, models_json = connection.execute("SELECT decks, models FROM col").fetchone()
    names = {int(key): str(value["name"]) for key, value in json.loads(decks_json).items()}
    fact_field = {  # where each note type keeps FactId: ours both do
        int(model_id): [field["name"] for field in model["flds"]].index("FactId")
        for model_id, model in json.loads(models_json).items()
        if any(field["name"] == "FactId" for field in model["flds"])
    }
    rows = connection.execute(
        "SELECT notes.mid, notes.flds, MIN(cards.did) FROM notes "
        "JOIN cards ON cards.nid = notes.id GROUP BY notes.id ORDER BY notes.id"
    )
    found: dict[str, str] = {}
    for model_id, fields, deck_id in rows:
        if model_id in fact_field:
            fact_id = html.unescape(str(fields).split("\x1f")[fact_field[model_id]])
            found[fact_id] = names.get(deck_id, "")
    return found
