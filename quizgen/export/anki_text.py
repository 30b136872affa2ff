"""One deck as Anki's text import format, on the note types every Anki collection already has.

For learners who cannot or will not install a package: File > Import reads the header lines and
needs no choices. Multiple choice becomes a Basic note (question and lettered options in front,
the right option and explanation on the back), cloze a Cloze note. The notetype column names
Anki's English built-in note types, so a profile in another language has to pick them by hand.
Images are named by file name: copy them into the collection's media folder.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.preview import option_letter
from quizgen.engine.questions import ChoiceQuestion, Question
from quizgen.export.escaping import anki_cloze, escape_field
from quizgen.export.identity import deck_name, note_guid, note_tags
from quizgen.export.media import Image, deck_images
from quizgen.export.written import Written
from quizgen.visible import visible

BASIC = "Basic"
CLOZE = "Cloze"
#: Kept apart from the package's GUIDs: the same fact on another note type is another note.
GUID_SCOPE = "text"

# Columns, 1-based as in the header. The GUID is not first: a GUID may start with `#`, which
# would make its line a comment.
COLUMNS = ("notetype", "deck", "front", "back", "tags", "guid")
HEADER = (
    "#separator:tab\n"
    "#html:true\n"
    f"#notetype column:{COLUMNS.index('notetype') + 1}\n"
    f"#deck column:{COLUMNS.index('deck') + 1}\n"
    f"#tags column:{COLUMNS.index('tags') + 1}\n"
    f"#guid column:{COLUMNS.index('guid') + 1}\n"
)


def _with_image(text: str, image: Image | None) -> str:
    return f"{text}<br>{image.img_tag()}" if image else text


def _footer(question: Question) -> str:
    fact, deck = question.fact, question.deck
    parts = []
    if fact.explanation:
        parts.append(escape_field(fact.explanation))
    if deck.source:
        parts.append(f"<small>{escape_field(deck.source.describe())}</small>")
    return "<br>".join(parts)


def _one_kind_of_break(field: str) -> str:
    """A field with every line break a line feed (the csv writer quotes a field holding one,
    but not a lone carriage return, which Anki's reader takes for the end of the note) and
    other control characters written out (`\\x1b`), so the file is safe to `cat` too."""
    if "\r" in field:
        field = field.replace("\r\n", "\n").replace("\r", "\n")
    return visible(field)


def row(question: Question, image: Image | None) -> list[str]:
    """The note's columns in COLUMNS order."""
    fact, deck = question.fact, question.deck
    if isinstance(question, ChoiceQuestion):
        options = "".join(f"<li>{escape_field(option)}</li>" for option in question.options)
        front = _with_image(f'{escape_field(question.prompt)}<ol type="A">{options}</ol>', image)
        right = f"{option_letter(question.answer_index)}. {escape_field(question.answer)}"
        back = f"<b>{right}</b>" + (f"<br>{_footer(question)}" if _footer(question) else "")
        notetype = BASIC
    else:
        front = _with_image(anki_cloze(question), image)
        back = _footer(question)
        notetype = CLOZE
    return [
        notetype,
        deck_name(deck, fact.topic),
        front,
        back,
        " ".join(note_tags(deck, fact)),
        note_guid(deck.id, fact.id, question.kind, scope=GUID_SCOPE),
    ]


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the deck as tab-separated notes with Anki's header lines."""
    images = deck_images(prepared.loaded)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write(HEADER)
    writer = csv.writer(text, delimiter="\t", lineterminator="\n")
    notes = cards = 0
    for question in prepared.questions:
        image = images.get(question.fact.image) if question.fact.image else None
        writer.writerow([_one_kind_of_break(field) for field in row(question, image)])
        notes += 1
        cards += len(question.spans) if not isinstance(question, ChoiceQuestion) else 1
    text.flush()
    text.detach()
    return Written(notes=notes, cards=cards)
