"""The fact format, as pydantic models: the single source of truth for `check` and `schema`.

Rules that concern one field live here; rules across fields (the answer occurs in the text,
a distractor is not the answer...) live in `rules.py`, where they can name the exact field.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from quizgen.answers.currencies import DEFAULT_CURRENCY, is_iso_code
from quizgen.answers.kinds import Kind, infer_kind
from quizgen.facts.ids import ID_PATTERN, TAG_PATTERN, slug, tag_slug


def _check_id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        suggestion = slug(value, "my-id")
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits, - and _ "
            f"(for example {suggestion!r})"
        )
    return value


def _check_tag(value: str) -> str:
    if not TAG_PATTERN.fullmatch(value):
        suggestion = tag_slug(value, "my-tag")
        raise ValueError(
            f"{value!r} is not a valid tag: use letters, digits, - and _ with no spaces "
            f"(for example {suggestion!r})"
        )
    return value


def _check_currency(value: str) -> str:
    code = value.strip().upper()
    if not is_iso_code(code):
        raise ValueError(
            f"{value!r} is not an ISO 4217 currency code: write three letters, "
            "for example USD, EUR, GBP or CAD"
        )
    return code


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty: write some text here")
    return value.strip()


def _check_deck_name(value: str) -> str:
    """Anki nests decks at `::`, and the topic is joined to the title with it: one in a title
    or topic (or a `:` at either end) would make decks nobody asked for."""
    if "::" in value or value.startswith(":") or value.endswith(":"):
        suggestion = re.sub(r"\s*::+\s*", ": ", value).strip(" :")
        raise ValueError(
            f"{value!r} has '::', which Anki reads as a deck inside a deck: write one colon "
            f"or a dash instead (for example {suggestion!r})"
            if "::" in value
            else f"{value!r} starts or ends with ':', which Anki would join to the '::' between "
            "a deck and its subdecks: leave the colon out"
        )
    return value


# The JSON Schema says what `check` accepts. `check` reads every value as text, so an editor's
# YAML 1.2 reading of `answer: 2014` (a number) or `tags: [2024]` must pass the schema too.
_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_TEXT_SCHEMA: dict[str, Any] = {**_SCALAR, "pattern": "\\S"}
_DECK_NAME_SCHEMA: dict[str, Any] = {
    **_SCALAR,
    "pattern": "^(?![\\s\\S]*::)\\s*[^\\s:]([\\s\\S]*[^\\s:])?\\s*$",
}


def _word_schema(pattern: str) -> dict[str, Any]:
    """An id or a tag: text matching `pattern`, or a whole number YAML read from digits."""
    return {
        "anyOf": [{"type": "string", "pattern": f"^{pattern}$"}, {"type": "integer", "minimum": 0}]
    }


def _year(value: object) -> object:
    """`as_of` as written: four digits, quoted or not (the walk gives text)."""
    if isinstance(value, str):
        if not re.fullmatch(r"[1-9][0-9]{3}", value.strip()):
            raise ValueError("must be a four-digit year, such as 2025")
        return int(value)
    return value


Slug = Annotated[str, AfterValidator(_check_id), WithJsonSchema(_word_schema(ID_PATTERN.pattern))]
Tag = Annotated[str, AfterValidator(_check_tag), WithJsonSchema(_word_schema(TAG_PATTERN.pattern))]
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema(_TEXT_SCHEMA)]
DeckName = Annotated[
    str,
    AfterValidator(_check_text),
    AfterValidator(_check_deck_name),
    WithJsonSchema(_DECK_NAME_SCHEMA),
]
Scalar = Annotated[str, WithJsonSchema(_SCALAR)]
Year = Annotated[
    int,
    BeforeValidator(_year),
    Field(ge=1000, le=9999),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": "^\\s*[1-9][0-9]{3}\\s*$"},
            ]
        }
    ),
]
CurrencyCode = Annotated[
    str,
    AfterValidator(_check_currency),
    Field(json_schema_extra={"pattern": "^[A-Za-z]{3}$"}),
]


def _check_sort_name(value: str) -> str | Kind:
    # A kind's name is a kind ("person"), whatever pydantic's union tried first.
    name = _check_text(value)
    return Kind(name) if name in Kind.__members__.values() else name


#: A pool's name that is not a kind: a sort of answer ("bone", "city", "space agency").
SortName = Annotated[str, AfterValidator(_check_sort_name)]


class _Strict(BaseModel):
    """Unknown fields are errors, so a misspelt `anwser` cannot pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where the facts come from; shown after each answer and on every card."""

    title: Text
    ref: Scalar | None = Field(default=None, description="a file name, page or citation")
    url: Scalar | None = None

    def describe(self) -> str:
        """One line naming the source, for feedback and card footers."""
        return " — ".join(part for part in (self.title, self.ref or self.url) if part)


class Fact(_Strict):
    """One statement with one answerable span; it yields a cloze note and a multiple-choice note."""

    id: Slug = Field(description="unique within the file and stable across edits")
    topic: DeckName | None = Field(default=None, description="a subdeck, a tag and a quiz filter")
    text: Text = Field(description="the statement; the answer must occur in it")
    answer: Text = Field(description="the span asked for; must occur in text")
    question: Text | None = Field(default=None, description="default: text with the answer blanked")
    kind: Kind | None = Field(default=None, description="default: inferred from the answer")
    hint: Text | None = Field(default=None, description="the cloze hint; default: the kind")
    distractors: list[Text] = Field(default_factory=list, description="curated wrong options")
    accept: list[Text] = Field(default_factory=list, description="other answers that count")
    cloze: list[Text] | None = Field(default=None, description="spans to hide; default [answer]")
    explanation: Text | None = None
    image: Scalar | None = Field(
        default=None, description="relative to the fact file, in its folder"
    )
    tags: list[Tag] = Field(default_factory=list)
    currency: CurrencyCode | None = Field(
        default=None, description="what a bare $ means in this fact; default: the deck's"
    )

    @model_validator(mode="after")
    def _infer_kind(self) -> Fact:
        if self.kind is None:
            object.__setattr__(self, "kind", infer_kind(self.answer))
        return self

    @property
    def answer_kind(self) -> Kind:
        """The kind, given or inferred (never None after validation)."""
        return self.kind or infer_kind(self.answer)

    @property
    def cloze_spans(self) -> list[str]:
        """Every span hidden in the cloze note, one card each."""
        return list(self.cloze) if self.cloze else [self.answer]

    @property
    def hint_text(self) -> str:
        """The hint shown in the cloze and behind the quiz's `?`."""
        return self.hint or self.answer_kind.value


class DeckHeader(_Strict):
    """Everything in a fact file except its facts, validated on its own so that one bad fact
    does not hide problems in the others."""

    id: Slug = Field(description="stable slug: seeds the Anki deck id and every note GUID")
    deck: DeckName = Field(description="deck title shown in Anki and in the quiz")
    description: Text | None = None
    source: Source | None = None
    as_of: Year | None = Field(default=None, description="no generated year lies after it")
    currency: CurrencyCode = Field(
        default=DEFAULT_CURRENCY,
        description="ISO 4217 code of the deck's amounts: what a bare $ or 'dollars' means",
    )
    tags: list[Tag] = Field(default_factory=list)
    reference: bool = Field(
        default=True,
        description="offer well-known names and terms from quizgen's reference table as "
        "wrong options (false: only the deck's own answers, pools and lists)",
    )
    pools: dict[Kind | SortName, list[Text]] = Field(
        default_factory=dict,
        description="candidate distractors by kind (person, place...) or by sort: "
        "`bone: [tibia, fibula]` serves every fact whose hint or stem says bone",
    )


class DeckFile(DeckHeader):
    """A whole fact file: one deck."""

    facts: list[Fact] = Field(min_length=1)

    def currency_of(self, fact: Fact) -> str:
        """The currency of a fact's amounts: its own `currency`, else the deck's."""
        return fact.currency or self.currency


def fact_file_schema() -> dict[str, object]:
    """The JSON Schema of a fact file, for YAML language servers in teachers' editors."""
    schema = DeckFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "quizgen fact file",
    }
