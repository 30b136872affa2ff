"""Answerable spans in a sentence: figures (money, percentages, dates, years, counts with units)
and names of people, places and organisations, each a whole token and classified.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from quizgen.answers.kinds import (
    CURRENCY_CODE_PATTERN,
    CURRENCY_SYMBOL_PATTERN,
    CURRENCY_WORD_PATTERN,
    MONTH_PATTERN,
    Kind,
    infer_kind,
    value_of,
)
from quizgen.draft.vocabulary import (
    AUXILIARIES,
    CITIES,
    COUNTRIES,
    DEMONYMS,
    GIVEN_NAMES,
    NAME_CONNECTORS,
    NEVER_NAMES,
    ORG_HEADS,
    PERSON_VERBS,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    PLACES,
    REGIONS,
    STOPWORDS,
    TITLES,
    TREATY_NOUNS,
)


@dataclass(frozen=True)
class Span:
    """A candidate answer in a sentence: where it is, what kind it is, and why it was picked."""

    start: int
    end: int
    text: str
    kind: Kind
    score: int  # how much a teacher would want to ask it; see _BASE_SCORES
    reason: str
    key: str = ""  # what counts as the same name across sentences ("Zelenskyy" for persons)
    modifier: bool = False  # a name used as a modifier ("U.S. President"): never asked

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


_OPEN = "\"'“‘([{«"
_CLOSE = "\"'”’)]}»,;:!?"
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")  # U.S., U.K., E.U.
_ABBREVIATION_PREFIX = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # "U.S" is a cut "U.S."
_INITIAL = re.compile(r"[A-Z]\.")  # John F. Kennedy
_ACRONYM = re.compile(r"(?=(?:[0-9&]*[A-Z]){2})[A-Z][A-Z0-9&]+s?")  # NATO, EU, G20; not Q3
_TITLE_ABBREVIATIONS = frozenset(t[0] for t in TITLES if len(t) == 1 and t[0].endswith("."))


def _left_bounded(sentence: str, start: int) -> bool:
    return start == 0 or sentence[start - 1].isspace() or sentence[start - 1] in _OPEN


def _right_bounded(sentence: str, end: int) -> bool:
    if end == len(sentence) or sentence[end].isspace():
        return True
    rest = sentence[end:]
    if rest[0] in ",:" and rest[1:2].isdigit():
        return False  # "10:30", "3,5": the token goes on
    if rest[0] in _CLOSE:
        return True
    if rest[0] == ".":
        return len(rest) == 1 or rest[1].isspace() or rest[1] in _CLOSE
    return rest[:2] in ("'s", "’s") and _right_bounded(sentence, end + 2)


def whole_token(sentence: str, start: int, end: int) -> bool:
    """True when sentence[start:end] starts and ends at word edges, cutting no token short.

    A following full stop ends a sentence, not a word, except after an abbreviation: "U.S" in
    "the U.S." is a cut token.
    """
    if not (_left_bounded(sentence, start) and _right_bounded(sentence, end)):
        return False
    span = sentence[start:end]
    return not (sentence[end : end + 1] == "." and _ABBREVIATION_PREFIX.search(span + "."))


# Numbers, money, percentages, dates, years and counts.
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|tn)\b"
_SYMBOL = CURRENCY_SYMBOL_PATTERN
_CODE = CURRENCY_CODE_PATTERN
_CURRENCY_WORD = CURRENCY_WORD_PATTERN
_MONTH = MONTH_PATTERN
_NUMERIC_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.DATE, re.compile(r"\d{4}-\d{2}-\d{2}")),
    (Kind.DATE, re.compile(rf"\d{{1,2}} {_MONTH},? \d{{4}}")),
    (Kind.DATE, re.compile(rf"{_MONTH} \d{{1,2}}, \d{{4}}")),
    (Kind.DATE, re.compile(rf"{_MONTH} \d{{4}}")),
    (Kind.MONEY, re.compile(rf"{_SYMBOL} ?(?:{_NUM})(?: ?{_SCALE})?")),
    (Kind.MONEY, re.compile(rf"{_CODE} (?:{_NUM})(?: {_SCALE})?")),
    (Kind.MONEY, re.compile(rf"(?:{_NUM})(?: {_SCALE})? (?:{_CURRENCY_WORD}|{_CODE}\b)")),
    (Kind.PERCENT, re.compile(rf"(?:{_NUM})(?: ?%| percent\b| per cent\b)")),
]
_NUMBER = re.compile(rf"(?:{_NUM})(?: {_SCALE})?")
_HYPHEN_UNIT = re.compile(r"-[a-z]+(?:-[a-z]+)?")  # "20-point", "10-year-old"
_WORD_UNIT = re.compile(r" ([a-z]{3,})(?: ([a-z]{3,}))?")  # "300 drones", "20 major cities"
_NUMERIC_REASONS = {
    Kind.MONEY: "a sum of money, a figure a student can recall",
    Kind.PERCENT: "a percentage, a figure a student can recall",
    Kind.DATE: "a full date",
    Kind.YEAR: "a year",
}
_BASE_SCORES = {
    Kind.MONEY: 10,
    Kind.PERCENT: 10,
    Kind.DATE: 10,
    Kind.YEAR: 9,
    Kind.PERSON: 6,
    Kind.PLACE: 5,
    Kind.ORGANIZATION: 5,
    Kind.TERM: 4,
}


def _reads_as(text: str, kind: Kind) -> bool:
    """The span reads as `kind` to the loader too, so the draft passes `quizgen check`."""
    return infer_kind(text) == kind and value_of(text, kind) is not None


def _unit_word(word: str) -> bool:
    """Could be the noun counted ("drones"), not a verb or a function word ("marked", "of")."""
    return not (
        word in STOPWORDS
        or word in AUXILIARIES
        or word.endswith(("ed", "ing", "ly"))
        or word in ("percent", "per")
    )


def _unit_after(sentence: str, end: int, year_like: bool) -> str | None:
    """The unit a count is written with: "-point", " drones", " crewed landings", or None.

    A year-like number takes only a hyphen unit: "2014 marked..." is a year, not a count.
    """
    hyphen = _HYPHEN_UNIT.match(sentence, end)
    if hyphen:
        return hyphen.group()
    words = _WORD_UNIT.match(sentence, end)
    if not words or year_like:
        return None
    first, second = words.group(1), words.group(2)
    if (
        second
        and second.endswith("s")
        and second not in STOPWORDS | AUXILIARIES
        and first not in STOPWORDS | AUXILIARIES
        and not first.endswith("ly")
    ):
        return f" {first} {second}"  # an adjective and a plural noun: "20 major cities"
    return f" {first}" if _unit_word(first) else None


def numeric_spans(sentence: str) -> list[Span]:
    """Money, percentages, dates, years and counts in one sentence, as whole tokens."""
    spans: list[Span] = []

    def add(start: int, end: int, kind: Kind, score: int, reason: str) -> bool:
        text = sentence[start:end]
        candidate = Span(start, end, text, kind, score, reason, key=text)
        if (
            not whole_token(sentence, start, end)
            or not _reads_as(text, kind)
            or any(candidate.overlaps(span) for span in spans)
        ):
            return False
        spans.append(candidate)
        return True

    for kind, pattern in _NUMERIC_PATTERNS:
        for found in pattern.finditer(sentence):
            add(found.start(), found.end(), kind, _BASE_SCORES[kind], _NUMERIC_REASONS[kind])
    for found in _NUMBER.finditer(sentence):
        start, end = found.start(), found.end()
        if any(span.start <= start < span.end for span in spans):
            continue
        text = found.group()
        is_year_like = re.fullmatch(r"\d{4}", text) is not None and 1000 <= int(text) <= 2199
        unit = _unit_after(sentence, end, is_year_like)
        if unit:
            reason = f"a count with its unit ({unit.strip(' -')})"
            if add(start, end + len(unit), Kind.NUMBER, 8, reason):
                continue
        if is_year_like and add(start, end, Kind.YEAR, 9, _NUMERIC_REASONS[Kind.YEAR]):
            continue
        scaled = found.group().count(" ") > 0
        add(start, end, Kind.NUMBER, 6 if scaled else 4, "a number")
    return sorted(spans, key=lambda span: span.start)


@dataclass(frozen=True)
class _Token:
    start: int  # of the word itself, punctuation and a possessive 's excluded
    end: int
    word: str
    index: int  # position in the sentence, counting words
    closed: bool  # punctuation or a possessive follows: a name cannot run past it
    opened: bool  # punctuation before: a name cannot run into it


def tokens(sentence: str) -> list[_Token]:
    """Words with their punctuation peeled off, keeping "U.S.", "Dr." and initials whole."""
    result = []
    for index, found in enumerate(re.finditer(r"\S+", sentence)):
        start, end = found.start(), found.end()
        while start < end and sentence[start] in _OPEN:
            start += 1
        closed = False
        while end > start:
            word = sentence[start:end]
            if (
                _ABBREVIATION.fullmatch(word)
                or _INITIAL.fullmatch(word)
                or word in _TITLE_ABBREVIATIONS
            ):
                break
            if word[-1] in _CLOSE or word[-1] == ".":
                end -= 1
                closed = True
            elif len(word) > 2 and word.endswith(("'s", "’s")):
                end -= 2
                closed = True
            else:
                break
        if start < end:
            result.append(
                _Token(start, end, sentence[start:end], index, closed, start > found.start())
            )
    return result


def _capitalised(word: str) -> bool:
    if word in NEVER_NAMES or re.fullmatch(r"I['’][a-z]+", word):
        return False  # "I", "I'm", months and weekdays
    if _ABBREVIATION.fullmatch(word) or _INITIAL.fullmatch(word):
        return True
    if not word[0].isupper() or (any(ch.isdigit() for ch in word) and not _ACRONYM.fullmatch(word)):
        return False  # lowercase, or a code like "Q3" or "A320"
    if "-" in word:
        parts = word.split("-")
        # "Russia-Ukraine relations", "Anglo-French": a compound adjective, not a name.
        if any(part in PLACES or part in DEMONYMS for part in parts):
            return False
    return any(ch.isalpha() for ch in word)


def _title_at(run: Sequence[_Token], i: int) -> int:
    """The number of words of a title ("Prime Minister") starting at run[i], or 0."""
    for title in TITLES:
        words = [token.word for token in run[i : i + len(title)]]
        if tuple(words) == title and all(not t.closed for t in run[i : i + len(title) - 1]):
            return len(title)
    return 0


@dataclass(frozen=True)
class _Name:
    tokens: tuple[_Token, ...]
    cue: str  # "title:President", "modifier", ""

    @property
    def text_range(self) -> tuple[int, int]:
        return self.tokens[0].start, self.tokens[-1].end


def _runs(sentence: str, words: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words, with "of", "von"... and "Apollo 11" numbers inside."""
    runs: list[list[_Token]] = []
    run: list[_Token] = []
    i = 0
    while i < len(words):
        token = words[i]
        joins = bool(run) and not run[-1].closed and not token.opened
        if _capitalised(token.word) and (joins or not run):
            run.append(token)
        elif (
            joins
            and token.word in NAME_CONNECTORS | {"the"}
            and i + 1 < len(words)
            and _capitalised(words[i + 1].word)
            and not token.closed
            and (token.word != "the" or run[-1].word == "of")
        ):
            run.append(token)
        elif joins and re.fullmatch(r"\d{1,3}", token.word) and run[-1].word not in NAME_CONNECTORS:
            run.append(token)  # "Apollo 11", "Article 5"
        else:
            if run:
                runs.append(run)
            run = [token] if _capitalised(token.word) else []
        i += 1
        if run and run[-1].closed:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    cleaned = []
    for run in runs:
        while run and (run[-1].word in NAME_CONNECTORS or run[-1].word in ("the", "of")):
            run = run[:-1]
        if run:
            cleaned.append(run)
    return cleaned


def _split_run(run: list[_Token]) -> list[_Name]:
    """A run split at titles: "U.S. President Donald Trump" -> U.S. (modifier), Donald Trump."""
    # A capitalised function word opens the sentence, not a name: "The U.S.", "After Kennedy".
    while (
        run
        and run[0].index == 0
        and run[0].word.lower() in STOPWORDS
        and not _ACRONYM.fullmatch(run[0].word)
    ):
        run = run[1:]
    names: list[_Name] = []
    current: list[_Token] = []
    cue = ""
    i = 0
    while i < len(run):
        length = _title_at(run, i)
        if length:
            if current:
                names.append(_Name(tuple(current), "modifier"))
            current = []
            cue = "title:" + " ".join(token.word for token in run[i : i + length])
            i += length
            if i < len(run) and run[i].word in NAME_CONNECTORS:
                cue = ""  # "the President of Ukraine": a country follows, not a person
            continue
        token = run[i]
        following_is_title = i + 1 < len(run) and _title_at(run, i + 1) > 0
        if not current and token.word in DEMONYMS and (following_is_title or i + 1 == len(run)):
            i += 1  # "Canadian Prime Minister", "Russian aggression": an adjective
            continue
        if current or token.word not in NAME_CONNECTORS:
            current.append(token)
        i += 1
    if current:
        names.append(_Name(tuple(current), cue))
    return names


@dataclass
class Context:
    """What the whole article says about names, used to classify and weigh each one."""

    sentences: list[str]
    people: set[str] = field(default_factory=set)  # full names and surnames of people
    mid_sentence_capitals: set[str] = field(default_factory=set)
    frequency: Counter[str] = field(default_factory=Counter)

    def sentences_with(self, key: str) -> int:
        if key not in self.frequency:
            pattern = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w])")
            self.frequency[key] = sum(1 for s in self.sentences if pattern.search(s))
        return self.frequency[key]

    def is_subject(self, key: str) -> bool:
        """Named in a third or more of the sentences: what the article is about, not a fact."""
        count = self.sentences_with(key)
        return count >= 4 and count * 3 >= len(self.sentences)


def build_context(sentences: list[str]) -> Context:
    context = Context(sentences)
    for sentence in sentences:
        words = tokens(sentence)
        for token in words:
            if token.index > 0 and _capitalised(token.word):
                context.mid_sentence_capitals.add(token.word)
        for run in _runs(sentence, words):
            for name in _split_run(run):
                if (
                    name.cue.startswith("title:")
                    or _person_verb_follows(sentence, name)
                    or _given_name_first(name)
                ):
                    start, end = name.text_range
                    context.people.add(sentence[start:end])
                    context.people.add(name.tokens[-1].word)
    return context


def _given_name_first(name: _Name) -> bool:
    words = [token.word for token in name.tokens]
    return (
        2 <= len(words) <= 4
        and words[0] in GIVEN_NAMES
        and all(word[0].isupper() and word not in ORG_HEADS | PLACE_HEADS for word in words)
        and " ".join(words) not in PLACES
    )


def _person_verb_follows(sentence: str, name: _Name) -> bool:
    rest = sentence[name.tokens[-1].end :]
    if name.tokens[-1].closed and rest.startswith((", who ", " who ")):
        return True
    following = rest.split(maxsplit=1)
    return bool(following) and following[0] in PERSON_VERBS and not name.tokens[-1].closed


UNCLASSIFIED = "a name quizgen could not classify"


def _classify(sentence: str, name: _Name, text: str, context: Context) -> tuple[Kind, str]:
    words = [token.word for token in name.tokens]
    if name.cue.startswith("title:"):
        return Kind.PERSON, f"a person, named after the title {name.cue[6:]!r}"
    if text in COUNTRIES or text.replace(".", "") in COUNTRIES:
        return Kind.PLACE, "a country in quizgen's list of places"
    if text in CITIES:
        return Kind.PLACE, "a city in quizgen's list of places"
    if text in REGIONS:
        return Kind.PLACE, "a region in quizgen's list of places"
    if words[-1] in TREATY_NOUNS:
        return (
            Kind.TERM,
            f"the name of {'the' if words[-1].endswith('s') else 'a'} {words[-1]}",
        )
    if text in context.people:
        return Kind.PERSON, "a person, named as one elsewhere in the article"
    if _ACRONYM.fullmatch(text):
        return Kind.ORGANIZATION, "an acronym, most often an organisation"
    if any(word in ORG_HEADS for word in words):
        head = next(word for word in words if word in ORG_HEADS)
        return Kind.ORGANIZATION, f"an organisation ({head!r} names one)"
    if any(word in PLACE_HEADS for word in words):
        head = next(word for word in words if word in PLACE_HEADS)
        return Kind.PLACE, f"a place ({head!r} names one)"
    if _person_verb_follows(sentence, name):
        return Kind.PERSON, "a person, the one who speaks or acts here"
    if _given_name_first(name):
        return Kind.PERSON, f"a person ({words[0]!r} is a given name)"
    before = sentence[: name.tokens[0].start].split()
    if len(words) == 1 and before and before[-1] in PLACE_PREPOSITIONS:
        return Kind.PLACE, f"a place (it follows {before[-1]!r})"
    return Kind.TERM, UNCLASSIFIED


def name_spans(sentence: str, context: Context) -> list[Span]:
    """Names of people, places, organisations and other proper names in one sentence."""
    words = tokens(sentence)
    spans: list[Span] = []
    for run in _runs(sentence, words):
        for name in _split_run(run):
            first, last = name.tokens[0], name.tokens[-1]
            if len(name.tokens) == 1 and first.index == 0 and not _known_name(first.word, context):
                continue  # "Public opinion...", "Past agreements...": a capital opens a sentence
            # "the Minsk agreements": a treaty is named by the word after the place.
            following = next((t for t in words if t.index == last.index + 1), None)
            if following is not None and following.word in TREATY_NOUNS and not last.closed:
                name = _Name((*name.tokens, following), name.cue)
            start, end = name.text_range
            text = sentence[start:end]
            if not whole_token(sentence, start, end):
                continue
            kind, reason = _classify(sentence, name, text, context)
            key = name.tokens[-1].word if kind is Kind.PERSON else text
            score = _BASE_SCORES[kind] + (0 if len(name.tokens) == 1 else 1)
            modifier = name.cue == "modifier" or (
                kind is not Kind.PERSON and _attributive(sentence, start, end)
            )
            if modifier:
                score, reason = 3, f"{reason}, used here to describe what follows"
            spans.append(Span(start, end, text, kind, score, reason, key=key, modifier=modifier))
    return spans


def _attributive(sentence: str, start: int, end: int) -> bool:
    """A name used as an adjective: "continued U.S. engagement", "seeking NATO membership".

    Asking for it tests little, and blanking it leaves an odd sentence.
    """
    before = sentence[:start].split()
    after = sentence[end:].split()
    if not before or not after or not sentence[end : end + 1].isspace():
        return False
    previous, following = before[-1], after[0].rstrip(",;:.!?")
    return (
        previous.isalpha()
        and previous.islower()
        and previous not in STOPWORDS
        and following.isalpha()
        and following.islower()
        and following not in STOPWORDS
        and following not in AUXILIARIES
        and not following.endswith("ed")
    )


def _known_name(word: str, context: Context) -> bool:
    return (
        word in PLACES
        or word in context.people
        or bool(_ABBREVIATION.fullmatch(word))
        or (bool(_ACRONYM.fullmatch(word)) and len(word) > 1)
        or word in context.mid_sentence_capitals
    )
