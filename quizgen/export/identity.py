"""Stable names and numbers for what we put into Anki: note GUIDs, deck ids, subdeck names, tags
and the package timestamp.

Anki recognises a note it has seen before by its GUID and updates it only when the incoming copy
is newer, so every value here must depend on the facts alone, never on the clock or on order.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from quizgen.engine.constants import QuestionKind
from quizgen.errors import OutputError
from quizgen.facts.models import DeckFile, Fact
from quizgen.visible import one_line

#: Raise this (to the current Unix time) whenever the note types, their CSS or the generated
#: content change (a new distractor rule, a different cloze layout...). Packages are stamped
#: with the newest of this and the fact file's time, so learners' Anki collections take the
#: change on re-import. Never lower it. Adding, removing or renaming a note type field needs a
#: new note type id in anki_notetypes.py instead: Anki cannot update notes across that change.
CONTENT_EPOCH = 1_796_295_244  # 2026-12-03T10:54:04Z: stop 28's wrong options

#: The last second of the year 9999: later times overflow Anki's 64-bit ids (seconds times
#: 1000) and every date library.
LATEST_TIMESTAMP = 253_402_300_799

#: Anki wants 64-bit ids; staying below 2**53 keeps them exact in JSON readers.
_ID_FLOOR = 1 << 40
_ID_SPAN = 1 << 52


def _number(text: str) -> int:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return _ID_FLOOR + int.from_bytes(digest[:8], "big") % _ID_SPAN


_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
_BASE91_PAIRS = [high + low for high in _BASE91 for low in _BASE91]


def note_guid(deck_id: str, fact_id: str, kind: QuestionKind, *, scope: str = "") -> str:
    """The note's identity in every learner's collection: same fact, same kind, same GUID.

    The same base91 form as genanki's `guid_for`; `scope` keeps notes of different note types
    (our package versus Anki's built-in Basic/Cloze in the text export) apart.
    """
    key = "__".join(part for part in (deck_id, fact_id, kind.value, scope) if part)
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    if number < 91:
        return _BASE91[number]
    pairs: list[str] = []  # two base91 digits at a time: half the steps for 20,000 notes
    while number >= 91 * 91:
        number, pair = divmod(number, 91 * 91)
        pairs.append(_BASE91_PAIRS[pair])
    pairs.append(_BASE91_PAIRS[number] if number >= 91 else _BASE91[number])
    return "".join(reversed(pairs))


def deck_number(deck_id: str, topic: str | None = None) -> int:
    """The Anki deck id of a deck or of one topic's subdeck, derived from the deck id."""
    return _number(f"quizgen-deck:{deck_id}" + (f"::{topic}" if topic else ""))


def deck_name(deck: DeckFile, topic: str | None) -> str:
    """`Deck title::Topic`, the subdeck a fact's cards go to; the deck itself without a topic.

    Each part on one line: Anki silently drops line breaks and control characters from deck
    names, gluing the words on either side together ("Line\\none" became "Lineone")."""
    title = one_line(deck.deck)
    return f"{title}::{one_line(topic)}" if topic else title


_SPACES = re.compile(r"\s+")


def tag_of(text: str) -> str:
    """A topic as an Anki tag: Anki splits tags on spaces, so spaces become `_`."""
    return _SPACES.sub("_", text.strip())


def note_tags(deck: DeckFile, fact: Fact) -> list[str]:
    """The deck id (so `tag:<deck-id>` finds every note), the file's tags, the topic and the
    fact's tags, each once, in that order; Anki ignores case in tags, so `Allies` and `allies`
    are one tag and only the first is kept."""
    tags = [deck.id, *deck.tags]
    if fact.topic:
        tags.append(tag_of(fact.topic))
    tags += fact.tags
    return list({tag.casefold(): tag for tag in reversed(tags)}.values())[::-1]


def search_literal(text: str) -> str:
    """Text for an Anki search where `_` and `*` would otherwise be wildcards."""
    return re.sub(r"([_*\\])", r"\\\1", text)


def package_timestamp(sources: Iterable[Path], environ: Mapping[str, str] | None = None) -> int:
    """Seconds since 1970 that stamp every note, card and note type in a package.

    The newest of CONTENT_EPOCH and the sources' modification times, or of CONTENT_EPOCH and
    SOURCE_DATE_EPOCH when that is set (for reproducible builds across checkouts). It moves
    forward when the facts or our note types change and stays put when nothing does, which is
    what Anki's "update if newer" import needs.
    """
    environ = os.environ if environ is None else environ
    fixed = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed:
        try:
            seconds = int(fixed)
        except ValueError:
            seconds = None
        if seconds is None or seconds > LATEST_TIMESTAMP:
            shown = fixed if len(fixed) <= 40 else f"{fixed[:40]}..."
            raise OutputError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (up to the year 9999), "
                f"not {shown!r}: set it to a number (for example `git log -1 --format=%ct`) "
                "or unset it"
            )
        return max(CONTENT_EPOCH, seconds)
    newest = CONTENT_EPOCH
    for source in sources:
        try:
            newest = max(newest, int(source.stat().st_mtime))
        except OSError:
            continue
    return newest
