"""Our two Anki note types: multiple choice and cloze, with ids that never change.

Anki matches an imported note type to the learner's copy by id, so these ids (and the field and
template ids inside, which Anki 23.10+ uses to merge edited note types) are constants: change
the templates or CSS freely (and raise CONTENT_EPOCH so collections take the change), but
adding, removing or renaming a field needs a new note type id, since Anki cannot update notes
across that change. genanki is imported only when a package is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

MCQ_MODEL_ID = 1_795_564_801
CLOZE_MODEL_ID = 1_795_564_802
MCQ_MODEL_NAME = "quizgen multiple choice"
CLOZE_MODEL_NAME = "quizgen cloze"

MCQ_FIELDS = ("Question", "Options", "Answer", "Explanation", "Source", "FactId", "Image")
CLOZE_FIELDS = ("Text", "Extra", "Source", "FactId", "Image")

_IMAGE = '{{#Image}}<div class="image">{{Image}}</div>{{/Image}}'
# The back's lower part: the explanation, then the source, nothing else. No whitespace inside,
# so a fact with neither leaves the block :empty and the CSS hides it and its rule. The fact id
# stays a field (for searches: FactId:...) but is never shown.
_SOURCE = '{{#Source}}<div class="footer"><span class="source">{{Source}}</span></div>{{/Source}}'


def _after(explanation_field: str) -> str:
    return (
        '<div class="quizgen after">'
        f'{{{{#{explanation_field}}}}}<div class="explanation">{{{{{explanation_field}}}}}</div>'
        f"{{{{/{explanation_field}}}}}{_SOURCE}</div>"
    )


MCQ_FRONT = (
    '<div class="quizgen mcq">\n'
    '<div class="prompt">{{Question}}</div>\n'
    f"{_IMAGE}\n"
    "{{Options}}\n"
    "</div>"
)
# The front again, with the right option marked (li.right): the answer is not written twice.
MCQ_BACK = f'<div class="back">{{{{FrontSide}}}}</div>\n<hr id="answer">\n{_after("Explanation")}'
CLOZE_FRONT = f'<div class="quizgen cloze-card">\n{{{{cloze:Text}}}}\n{_IMAGE}\n</div>'
CLOZE_BACK = (
    f'<div class="quizgen cloze-card">\n{{{{cloze:Text}}}}\n{_IMAGE}\n</div>\n'
    f'<hr id="answer">\n{_after("Extra")}'
)


def card_css() -> str:
    """The shared stylesheet, shipped as package data next to this module."""
    return resources.files("quizgen.export").joinpath("card.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class NoteTypeSpec:
    """One note type as Anki needs it, whoever creates it: genanki in a package, or
    `quizgen sync` in a collection or through AnkiConnect."""

    model_id: int
    name: str
    fields: tuple[str, ...]
    template: str
    front: str
    back: str
    is_cloze: bool

    @property
    def css(self) -> str:
        """The shared stylesheet."""
        return card_css()


MCQ = NoteTypeSpec(
    MCQ_MODEL_ID, MCQ_MODEL_NAME, MCQ_FIELDS, "Multiple choice", MCQ_FRONT, MCQ_BACK, False
)
CLOZE = NoteTypeSpec(
    CLOZE_MODEL_ID, CLOZE_MODEL_NAME, CLOZE_FIELDS, "Cloze", CLOZE_FRONT, CLOZE_BACK, True
)
NOTE_TYPES = {MCQ_MODEL_ID: MCQ, CLOZE_MODEL_ID: CLOZE}


def _fields(model_id: int, names: tuple[str, ...]) -> list[dict[str, Any]]:
    # Stable per-field ids let Anki 23.10+ merge a learner-edited copy of the note type.
    return [{"name": name, "id": model_id * 100 + index} for index, name in enumerate(names)]


def _model(spec: NoteTypeSpec) -> Any:
    import genanki

    return genanki.Model(
        spec.model_id,
        spec.name,
        fields=_fields(spec.model_id, spec.fields),
        templates=[
            {
                "name": spec.template,
                "qfmt": spec.front,
                "afmt": spec.back,
                "id": spec.model_id * 100 + 99,
            }
        ],
        css=spec.css,
        model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
        sort_field_index=0,
    )


@cache
def mcq_model() -> Any:
    """The multiple-choice note type: one card; its back marks the right option."""
    return _model(MCQ)


@cache
def cloze_model() -> Any:
    """The cloze note type: one card per hidden span (c1, c2...)."""
    return _model(CLOZE)
