"""One deck as an Anki package (.apkg) that imports, re-imports and rebuilds cleanly.

genanki writes the collection skeleton (schema, our note types, the deck and its topic
subdecks) into a temporary SQLite file, then the notes and cards follow in batches: the same
rows genanki's `Note.write_to_db` writes, without its per-note checks and one INSERT per row,
which halve the time at 10,000 facts; their ids are planned first. We zip the file ourselves,
because genanki's `write_to_file` stamps zip entries with the current time and orders media
from a set. Every id and time comes from the package timestamp, so two builds of the same facts
give the same bytes.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from quizgen.atomic import scratch_folder
from quizgen.engine.constants import QuestionKind
from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.questions import ChoiceQuestion, ClozeQuestion, Question
from quizgen.errors import OutputError
from quizgen.export.anki_notetypes import (
    CLOZE_MODEL_ID,
    MCQ_MODEL_ID,
    cloze_model,
    mcq_model,
)
from quizgen.export.escaping import anki_cloze, escape_field
from quizgen.export.identity import (
    deck_name,
    deck_number,
    note_guid,
    note_tags,
    package_timestamp,
)
from quizgen.export.media import Image, deck_images
from quizgen.export.previous import COLLECTION
from quizgen.export.written import Written
from quizgen.facts.loader import LoadedDeck
from quizgen.facts.models import Fact

#: Zip entries get this fixed time (the earliest a zip can hold) instead of "now".
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ROW_CHUNK = 20_000  # facts whose notes are held before an INSERT: memory stays flat


def options_html(question: ChoiceQuestion) -> str:
    """The options as a lettered list; the right one carries a class the back highlights."""
    items = "".join(
        f'<li class="right">{escape_field(option)}</li>'
        if index == question.answer_index
        else f"<li>{escape_field(option)}</li>"
        for index, option in enumerate(question.options)
    )
    return f'<ol class="options">{items}</ol>'


@dataclass(slots=True)
class FactFields:
    """What a fact's two notes share, escaped once per fact."""

    explanation: str
    source: str
    fact_id: str
    image: str
    tags: str  # as Anki stores them: space-separated, a space at each end
    deck_id: int


def note_fields(question: Question, shared: FactFields) -> list[str]:
    """The note's fields in note type order, every text HTML-escaped."""
    if isinstance(question, ChoiceQuestion):
        return [
            escape_field(question.prompt),
            options_html(question),
            escape_field(question.answer),
            shared.explanation,
            shared.source,
            shared.fact_id,
            shared.image,
        ]
    return [anki_cloze(question), shared.explanation, shared.source, shared.fact_id, shared.image]


#: A note as the notes table wants it, less its id and time:
#: (guid, note type id, tags, fields joined by 0x1f, sort field, deck id, due, cards).
NoteRow = tuple[str, int, str, str, str, int, int, int]


@dataclass(slots=True)
class FactNotes:
    """One fact's questions, each a note, and the first id its notes and cards draw."""

    position: int  # in the file: the cards' `due`, so new cards come in the teacher's order
    fact: Fact
    questions: tuple[Question, ...]
    first_id: int


def _ids_used(question: Question) -> int:
    return 1 + (len(question.spans) if isinstance(question, ClozeQuestion) else 1)


def note_plan(prepared: PreparedDeck, timestamp: int) -> list[FactNotes]:
    """The facts that have notes, in file order, with the ids genanki's counter would give
    them (a note, then its cards, from timestamp * 1000 on)."""
    positions = {id(fact): position for position, fact in enumerate(prepared.loaded.deck.facts)}
    plan = []
    next_id = timestamp * 1000
    # A fact's questions come together, in file order (DeckQuestions says so).
    for fact_key, grouped in itertools.groupby(prepared.questions, key=lambda q: id(q.fact)):
        questions = tuple(grouped)
        plan.append(FactNotes(positions[fact_key], questions[0].fact, questions, next_id))
        next_id += sum(_ids_used(question) for question in questions)
    return plan


def note_renderer(
    prepared: PreparedDeck, images: dict[str, Image]
) -> Callable[[FactNotes], list[NoteRow]]:
    """A fact's notes as rows: fields escaped, tags, GUIDs and subdeck ids."""
    deck = prepared.loaded.deck
    source = escape_field(deck.source.describe()) if deck.source else ""
    deck_ids: dict[str | None, int] = {}
    tags_of: dict[tuple[str | None, tuple[str, ...]], str] = {}  # few topic and tag sets

    def render(item: FactNotes) -> list[NoteRow]:
        fact = item.fact
        if fact.topic not in deck_ids:
            deck_ids[fact.topic] = deck_number(deck.id, fact.topic)
        tag_key = (fact.topic, tuple(fact.tags))
        if tag_key not in tags_of:
            tags_of[tag_key] = f" {' '.join(note_tags(deck, fact))} "
        shared = FactFields(
            explanation=escape_field(fact.explanation) if fact.explanation else "",
            source=source,
            fact_id=escape_field(fact.id),
            image=images[fact.image].img_tag() if fact.image else "",
            tags=tags_of[tag_key],
            deck_id=deck_ids[fact.topic],
        )
        found = []
        for question in item.questions:
            fields = note_fields(question, shared)
            model_id = MCQ_MODEL_ID if isinstance(question, ChoiceQuestion) else CLOZE_MODEL_ID
            guid = note_guid(deck.id, fact.id, question.kind)
            joined = "\x1f".join(fields)
            found.append(
                (guid, model_id, shared.tags, joined, fields[0], shared.deck_id, item.position)
                + (_ids_used(question) - 1,)
            )
        return found

    return render


@dataclass(frozen=True, slots=True)
class RenderedNote:
    """One note as a package carries it, for writers other than the package (`quizgen sync`)."""

    fact: Fact
    kind: QuestionKind
    guid: str
    model_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str  # `Deck title::Topic`, the (sub)deck its cards belong in
    position: int  # the fact's place in its file


def rendered_notes(prepared: PreparedDeck, images: dict[str, Image]) -> Iterator[RenderedNote]:
    """Every note of the deck, in file order, exactly as `write` renders it (same fields, tags
    and GUIDs), so a sync and an imported package agree on every note."""
    deck = prepared.loaded.deck
    render = note_renderer(prepared, images)
    for item in note_plan(prepared, 0):
        name = deck_name(deck, item.fact.topic)
        for question, row in zip(item.questions, render(item), strict=True):
            guid, model_id, tags, fields = row[:4]
            yield RenderedNote(
                fact=item.fact,
                kind=question.kind,
                guid=guid,
                model_id=model_id,
                fields=tuple(fields.split("\x1f")),
                tags=tuple(tags.split()),
                deck=name,
                position=item.position,
            )


def _insert(
    cursor: sqlite3.Cursor,
    plan: Sequence[FactNotes],
    render: Callable[[FactNotes], list[NoteRow]],
    timestamp: int,
) -> Written:
    """The notes and cards of `plan`, rendered and inserted a chunk at a time (memory stays
    flat at any deck size)."""
    note_count = card_count = 0
    for start in range(0, len(plan), _ROW_CHUNK):
        notes: list[tuple[object, ...]] = []
        cards: list[tuple[object, ...]] = []
        for item in plan[start : start + _ROW_CHUNK]:
            ids = itertools.count(item.first_id)
            for guid, model_id, tags, fields, sort_field, deck_id, due, card_total in render(item):
                note_id = next(ids)
                notes.append((note_id, guid, model_id, tags, fields, sort_field))
                for ord_ in range(card_total):
                    cards.append((next(ids), note_id, deck_id, ord_, due))
        # The columns every row shares are constants in the statement, as genanki writes them:
        # mod = the package time, usn -1, and zeros for flags, scheduling and checksum.
        cursor.executemany(f"INSERT INTO notes VALUES (?,?,?,{timestamp},-1,?,?,?,0,0,'')", notes)
        cursor.executemany(
            f"INSERT INTO cards VALUES (?,?,?,?,{timestamp},-1,0,0,?,0,0,0,0,0,0,0,0,'')", cards
        )
        note_count += len(notes)
        card_count += len(cards)
    return Written(notes=note_count, cards=card_count)


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the deck's package to `out` (a binary file open for writing)."""
    loaded = prepared.loaded
    images = deck_images(loaded)
    timestamp = package_timestamp([loaded.path, *(image.path for image in images.values())])
    try:
        scratch = scratch_folder("quizgen-apkg-")
    except OSError as error:
        raise _scratch_failed(error) from None
    with scratch as folder:
        database = Path(folder) / COLLECTION
        try:
            counts, used = _write_collection(prepared, database, images, timestamp)
        except (sqlite3.Error, OSError) as error:
            raise _scratch_failed(error) from None
        _write_zip(out, database, sorted(used, key=lambda image: image.name))
    return counts


def _scratch_failed(error: Exception) -> OutputError:
    """The collection is built in the temporary folder (TMPDIR): say so when that fails."""
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return OutputError(
        f"cannot build the package in the temporary folder {tempfile.gettempdir()} ({reason}): "
        "free some space there, or set TMPDIR to a folder with room"
    )


def _skeleton(loaded: LoadedDeck) -> Any:
    """A genanki Package with our note types, the deck and one subdeck per topic, no notes."""
    import genanki

    deck = loaded.deck
    parent = genanki.Deck(
        deck_number(deck.id), deck.deck, description=escape_field(deck.description or "")
    )
    parent.add_model(mcq_model())
    parent.add_model(cloze_model())
    topics = dict.fromkeys(fact.topic for fact in deck.facts if fact.topic)
    subdecks = [genanki.Deck(deck_number(deck.id, t), deck_name(deck, t)) for t in topics]
    return genanki.Package([parent, *subdecks])


def _connect(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to recover
    connection.execute("PRAGMA synchronous = OFF")
    # Before any table exists: 16 KB pages take bulk inserts and index builds in fewer steps
    # (7% faster at 10,000 facts), and Anki reads any page size.
    connection.execute("PRAGMA page_size = 16384")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MB: no spills at 10,000 facts
    return connection


def _write_collection(
    prepared: PreparedDeck, database: Path, images: dict[str, Image], timestamp: int
) -> tuple[Written, set[Image]]:
    """The collection file: genanki's skeleton, then every note and card, then the indexes."""
    plan = note_plan(prepared, timestamp)
    used = {images[item.fact.image] for item in plan if item.fact.image}
    render = note_renderer(prepared, images)
    connection = _connect(database)
    try:
        cursor = connection.cursor()
        ids = itertools.count(timestamp * 1000)  # the skeleton draws none: no notes yet
        _skeleton(prepared.loaded).write_to_db(cursor, timestamp, ids)  # commits itself
        # An index built once over all the rows costs less than one kept up row by row.
        indexes = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('notes', 'cards') ORDER BY name"
        ).fetchall()
        cursor.execute("BEGIN")
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        written = _insert(cursor, plan, render, timestamp)
        cursor.execute("COMMIT")
        cursor.execute("BEGIN")
        for _, sql in indexes:
            cursor.execute(sql)
        cursor.execute("COMMIT")
    finally:
        connection.close()
    return written, used


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Level 1: a third of the default's time for 10% more bytes (the attribute is
    # ZipInfo.compress_level from Python 3.13, _compresslevel before).
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)
    info.create_system = 3  # as on Unix, whatever the building machine
    info.external_attr = 0o644 << 16
    return info


def _write_zip(out: IO[bytes], database: Path, media: list[Image]) -> None:
    """collection.anki2, then media files 0, 1, ... in name order, then the media map."""
    with zipfile.ZipFile(out, "w") as package:
        with database.open("rb") as source, package.open(_entry(COLLECTION), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        for index, image in enumerate(media):
            # Opened (and checked) once, here, as it is copied in.
            with image.open() as source, package.open(_entry(str(index)), "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)
        mapping = {str(index): image.name for index, image in enumerate(media)}
        package.writestr(_entry("media"), json.dumps(mapping, sort_keys=True))
