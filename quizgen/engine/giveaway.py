"""A statement that spells its own key: "Adolphe Sax invented the ___" for "saxophone".

Such a question tests nothing whatever its options, so its multiple-choice question is left
out (the cloze stays) and the teacher is told which word gives it away.
"""

from __future__ import annotations

import os
import re

from quizgen.answers.kinds import Kind, Quantity, value_of
from quizgen.answers.normalize import normalize_text
from quizgen.answers.spans import span_start
from quizgen.engine.distractors import stemmed
from quizgen.engine.sorts import WORD_KINDS
from quizgen.facts.models import Fact

_WORD = re.compile(r"[^\W\d_]{3,}")
_SYMBOL = re.compile(r"[A-Z][a-z]?")
_NAMED_AFTER = re.compile(r"\bnamed (?:after|for) ([A-Z][\w'’-]+)")
#: Words that share a start with many others and say nothing ("about", "their"); the lint
#: leaves them out of its word cues too.
COMMON_WORDS = frozenset(
    """about after also among and are been before being between both but can could did does
    for from had has have her his how into its like made make many more most much not now
    one other our out over same such than that the their them then there these they this
    those through too under until upon very was were what when where which while who whom
    whose why will with would your""".split()
)
#: The shortest shared start that gives a key away when it is a whole word ("Sax").
SHORTEST = 3
#: The shortest shared start otherwise ("franc" of "francium" and "France").
SHARED = 5


def _spells(word: str, part: str) -> bool:
    shared = len(os.path.commonprefix([word, part]))
    shorter = min(len(word), len(part))
    if shared >= SHORTEST and shared == shorter:
        return True  # "sax" is the start of "saxophone", "impression" of "impressionism"
    return shared >= SHARED and shared >= shorter - 1


_YEAR = re.compile(r"(?<![\d,.])(1[0-9]{3}|20[0-9]{2})(?!\d|[,.]\d)")
#: Words after a number that make it a span of years ("lasted 11 years", "49-year rule").
_YEARS_UNIT = re.compile(r"^\s*-?(?:years?|yrs?)\b", re.IGNORECASE)
#: "died aged ___": an age, in years.
_AGED = re.compile(r"\b(?:aged|at the age of|age)\s*$", re.IGNORECASE)
#: "Bolivia takes its name from ___": a name that comes from the key.
_NAMING = re.compile(
    r"\b(?:named (?:after|for)|takes? (?:its|their|his|her) name from|(?:its|their) name "
    r"(?:comes|came) from|in (?:honou?r|memory) of)\b",
    re.IGNORECASE,
)
#: How much of a name a word derived from it shares ("Bolivia" of "Bolívar").
NAMED_SHARE = 4


def _folded(word: str) -> str:
    return normalize_text(word).replace(" ", "")


def _span_of_years(fact: Fact, prompt: str) -> str | None:
    """A number of years that two years of the question add up to: "lasted ___, from 1810
    to 1821" asks for 11 years, which any student can work out (one either way: an age)."""
    value = value_of(fact.answer, Kind.NUMBER)
    if not isinstance(value, Quantity) or value.decimals or value.value < 2:
        return None
    start = span_start(fact.text, fact.answer)
    after = fact.text[start + len(fact.answer) :] if start >= 0 else ""
    before = fact.text[:start] if start > 0 else ""
    in_years = _YEARS_UNIT.match(value.suffix) or (
        not value.suffix and (_YEARS_UNIT.match(after) or _AGED.search(before))
    )
    if not in_years:
        return None
    rest = f"{prompt} {fact.text.replace(fact.answer, ' ')}"
    years = sorted({int(y) for y in _YEAR.findall(rest)})
    for i, first in enumerate(years):
        for last in years[i + 1 :]:
            if abs(last - first - value.value) <= 1:
                return (
                    f"the question gives the key away: from {first} to {last} is "
                    f"{last - first} years"
                )
    return None


def _named_from(fact: Fact, prompt: str) -> str | None:
    """A name the question says comes from the key, and that shows it ("Bolivia" for "Simón
    Bolívar"), accents aside."""
    if not _NAMING.search(prompt) and not _NAMING.search(fact.text):
        return None
    parts = [_folded(w) for w in _WORD.findall(fact.answer) if w[:1].isupper()]
    rest = f"{prompt} {fact.text.replace(fact.answer, ' ')}"
    for word in _WORD.findall(rest):
        if not word[:1].isupper() or word.casefold() in COMMON_WORDS:
            continue
        folded = _folded(word)
        for part in parts:
            if folded != part and len(os.path.commonprefix([folded, part])) >= NAMED_SHARE:
                return (
                    f"the question gives the key away: {word!r} spells the start of {fact.answer!r}"
                )
    return None


def give_away(fact: Fact, prompt: str) -> str | None:
    """What in the question spells the key, or None."""
    if fact.answer_kind is Kind.NUMBER:
        return _span_of_years(fact, prompt)
    if fact.answer_kind not in WORD_KINDS:
        return None
    return _spelled_in(fact, prompt) or _named_from(fact, prompt)


def _spelled_in(fact: Fact, prompt: str) -> str | None:
    """A word of the question that spells the start of the key, or None."""
    key = fact.answer.strip()
    # The first word is capitalised for starting the sentence: "Compilers" is no name.
    words = _WORD.findall(prompt.split(" ", 1)[-1])
    if _SYMBOL.fullmatch(key):
        for word in words:
            if len(word) >= 5 and word.casefold().startswith(key.casefold()):
                return f"the question gives the key away: {word!r} starts with {key!r}"
        return None
    key_words = [w.casefold() for w in _WORD.findall(key)]
    starts = {part[:SHORTEST] for part in key_words}
    named = _NAMED_AFTER.search(prompt)
    for word in words:
        folded = word.casefold()
        if folded[:SHORTEST] not in starts:
            continue  # no shared start at all: the common case, decided cheaply
        for part in key_words:
            if stemmed(part) == stemmed(folded) or folded in COMMON_WORDS:
                continue
            after = named is not None and named.group(1) == word
            if _spells(folded, part) or (after and os.path.commonprefix([folded, part])[2:]):
                return (
                    f"the question gives the key away: {word!r} spells the start of {fact.answer!r}"
                )
    return None
