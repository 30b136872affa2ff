"""A statement that spells its own key: "Adolphe Sax invented the ___" for "saxophone".

Such a question tests nothing whatever its options, so its multiple-choice question is left
out (the cloze stays) and the teacher is told which word gives it away.
"""

from __future__ import annotations

import os
import re

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


def give_away(fact: Fact, prompt: str) -> str | None:
    """What in the question spells the key, or None."""
    if fact.answer_kind not in WORD_KINDS:
        return None
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
