"""Prose in, a commented fact file out: the first pass of `quizgen draft`, for a teacher to curate.

An article is split into paragraphs (Markdown headings become topics) and sentences (pysbd, a
rule-based splitter that knows "U.S." and "Dr." are not sentence ends). Each sentence is
searched for answerable spans: money, percentages, dates, years, counts with units, and names
of people, places and organisations. Every span is a whole token ("U.S.", never "U.S"), and the
one a teacher would most likely ask about becomes the answer: a figure before a name, a name
before a vague term, a name the article mentions rarely before the article's own subject
(asking "Ukraine" in an article about Ukraine tests nothing). Names are classified with a small
built-in gazetteer and cues such as a title before the name ("Prime Minister Mark Carney").

Everything here is pure (text in, text out) and deterministic, so the same article always
gives the same draft. No network and no models: pysbd is rules and lists.
"""

from __future__ import annotations

import functools
import json
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from pydantic import ValidationError

from quizgen.answers.kinds import NUMERIC_KINDS, Kind, infer_kind, value_of
from quizgen.atomic import write_atomic
from quizgen.errors import DraftError, NotUtf8, decode_utf8, display_path
from quizgen.facts.models import Fact, Source
from quizgen.facts.rules import check_deck

DEFAULT_FOLDER = Path("facts")
MAX_CLOZE = 3  # answer + two more spans: more cards per sentence is more than a teacher wants

# --- word lists --------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _names(text: str) -> frozenset[str]:
    """Comma-separated names (some have spaces)."""
    return frozenset(name.strip() for name in text.split(",") if name.strip())


_STOPWORDS = _words(
    """a about above across after afterwards again against all almost along also although
    always am among an and another any are around as at be became because become been before
    being below between both but by can cannot could did do does doing done down during each
    either else even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just last least less
    many may me meanwhile might more moreover most much must my near neither never nevertheless
    next no nor not now of off often on once one only onto or other others our ours out over
    own per perhaps rather same several she should since so some still such than that the
    their theirs them then there therefore these they this those though through throughout
    thus to today together too toward towards under unless until up upon us very via was we
    well were what whatever when where whether which while who whom whose why will with within
    without would yet you your yesterday tomorrow recently earlier later finally first second
    third already indeed instead likely also amid amidst despite including regarding like"""
)
# Verbs that say the word before them is a subject, for "Who ... ?" questions.
_AUXILIARIES = _words(
    """is was are were has have had will would can could may might must should shall does did
    do remains remained became becomes"""
)
# A person is the subject of these.
_PERSON_VERBS = _words(
    """said says told tells wrote writes argued argues stated states announced announces
    explained explains insisted insists warned warns added adds recalled recalls discovered
    invented painted composed founded married died"""
)
# Sentences opening with these lean on the sentence before ("This commitment was made...").
_ANAPHORIC_OPENERS = _words("this these that those it its they their such he she his her")
_ANAPHORIC_INSIDE = re.compile(r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch(?! as\b))\s+[a-z]")

_TITLES = [
    tuple(title.split())
    for title in _names(
        """President, Vice President, Prime Minister, Deputy Prime Minister, Foreign Minister,
        Defence Minister, Defense Minister, Minister, Secretary, Secretary of State,
        Secretary-General, Chancellor, Premier, King, Queen, Prince, Princess, Emperor, Empress,
        Pope, Sir, Dame, Admiral, Colonel, Captain, Commander, Field Marshal, Senator,
        Governor, Mayor, Ambassador, Professor, Chief Justice, Archbishop, Bishop, Sheikh, Dr.,
        Mr., Mrs., Ms., Prof., Gen., Sen., Gov., Rep., Lt., Col., Capt., Sgt., Rev., Former,
        Acting, President-elect"""
    )
]
_TITLES.sort(key=len, reverse=True)

_DEMONYMS = _words(
    """Afghan Albanian Algerian American Americans Argentine Argentinian Armenian Australian
    Austrian Azerbaijani Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian
    Cambodian Canadian Canadians Chilean Chinese Colombian Croatian Cuban Czech Danish Dutch
    Egyptian English Estonian Ethiopian European Europeans Filipino Finnish French Georgian
    German Germans Ghanaian Greek Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish
    Israeli Italian Japanese Jordanian Kazakh Kenyan Korean Kurdish Latvian Lebanese Libyan
    Lithuanian Malaysian Mexican Moldovan Mongolian Moroccan Nigerian Norwegian Pakistani
    Palestinian Peruvian Polish Portuguese Romanian Russian Russians Saudi Scottish Serbian
    Slovak Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Thai Tunisian
    Turkish Ukrainian Ukrainians Venezuelan Vietnamese Welsh Yemeni Western Eastern Soviet
    Arab Arabic African Asian Latin Nordic Baltic Balkan Caribbean"""
)
_COUNTRIES = _names(
    """Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria,
    Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan,
    Bolivia, Bosnia, Bosnia and Herzegovina, Botswana, Brazil, Britain, Great Britain, Brunei,
    Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Chad, Chile, China, Colombia,
    Congo, Costa Rica, Croatia, Cuba, Cyprus, Czechia, Czech Republic, Denmark, Djibouti,
    Dominican Republic, Ecuador, Egypt, El Salvador, England, Eritrea, Estonia, Eswatini,
    Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Guatemala,
    Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
    Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait, Kyrgyzstan, Laos,
    Latvia, Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar,
    Malawi, Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico, Moldova, Monaco,
    Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nepal, Netherlands,
    New Zealand, Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman,
    Pakistan, Palestine, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland,
    Portugal, Qatar, Romania, Russia, Rwanda, Saudi Arabia, Scotland, Senegal, Serbia,
    Sierra Leone, Singapore, Slovakia, Slovenia, Somalia, South Africa, South Korea,
    South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria, Taiwan,
    Tajikistan, Tanzania, Thailand, Togo, Tunisia, Turkey, Turkmenistan, Uganda, Ukraine,
    United Arab Emirates, United Kingdom, United States, United States of America, Uruguay,
    Uzbekistan, Vatican, Venezuela, Vietnam, Wales, Yemen, Zambia, Zimbabwe, U.S., US, USA,
    U.S.A., UK, U.K., UAE, America, Soviet Union, USSR"""
)
_CITIES = _names(
    """Kyiv, Kiev, Kharkiv, Odesa, Odessa, Lviv, Dnipro, Mariupol, Kherson, Zaporizhzhia,
    Bakhmut, Moscow, St. Petersburg, Minsk, Warsaw, Berlin, Paris, London, Rome, Madrid,
    Lisbon, Vienna, Prague, Budapest, Bucharest, Sofia, Athens, Istanbul, Ankara, Brussels,
    Amsterdam, The Hague, Geneva, Zurich, Stockholm, Oslo, Helsinki, Copenhagen, Dublin,
    Edinburgh, Tallinn, Riga, Vilnius, Chisinau, Tbilisi, Yerevan, Baku, Washington,
    New York, Los Angeles, Chicago, Boston, San Francisco, Houston, Miami, Ottawa, Toronto,
    Montreal, Vancouver, Mexico City, Havana, Bogota, Lima, Santiago, Buenos Aires,
    Sao Paulo, Rio de Janeiro, Brasilia, Cairo, Lagos, Nairobi, Addis Ababa, Johannesburg,
    Cape Town, Tehran, Baghdad, Damascus, Beirut, Jerusalem, Tel Aviv, Gaza, Riyadh, Dubai,
    Doha, Kabul, Islamabad, Delhi, New Delhi, Mumbai, Beijing, Shanghai, Hong Kong, Tokyo,
    Seoul, Pyongyang, Taipei, Bangkok, Hanoi, Jakarta, Manila, Singapore, Sydney, Melbourne,
    Canberra, Auckland, Wellington, Houston, Athens, Alexandria, Carthage, Sparta, Babylon"""
)
_REGIONS = _names(
    """Crimea, Donbas, Donbass, Donetsk, Luhansk, Siberia, Chechnya, Kashmir, Tibet, Catalonia,
    Flanders, Bavaria, Balkans, Caucasus, Scandinavia, Europe, Asia, Africa, Antarctica,
    Arctic, Oceania, North America, South America, Latin America, Middle East, Eurasia,
    Black Sea, Baltic Sea, Mediterranean, Atlantic, Pacific, Sahara, Amazon, Nile, Danube,
    Dnieper, Alps, Himalayas, Andes, Moon, Mars, Venus, Jupiter, Saturn, Mercury, Earth"""
)
_PLACES = _COUNTRIES | _CITIES | _REGIONS
# Names of one place: never offered as wrong options for each other.
_ALIASES = {
    alias: group[0]
    for group in (
        ("United States", "U.S.", "US", "USA", "U.S.A.", "United States of America", "America"),
        ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
        ("Soviet Union", "USSR"),
        ("Kyiv", "Kiev"),
        ("Odesa", "Odessa"),
        ("Donbas", "Donbass"),
        ("Czechia", "Czech Republic"),
    )
    for alias in group
}
# Common given names: "Neil Armstrong" is a person even with no title before it.
_GIVEN_NAMES = _words(
    """Aaron Abraham Ada Adam Adrian Ahmed Alan Albert Alexander Alexei Alexandra Alfred Ali
    Alice Amelia Ana Andrew Andrei Angela Ann Anna Anne Antonio Arthur Barack Benjamin Bernard
    Bill Boris Buzz Carl Carlos Caroline Catherine Charles Charlotte Christopher Claude Daniel
    David Dmitry Donald Edward Elena Elizabeth Emily Emma Emmanuel Eric Ernest Eva Fatima
    Francis Franklin Frederick Friedrich George Georg Grace Hannah Harry Helen Henry Hillary
    Hugo Ibrahim Igor Isaac Ivan Jacques Jack James Jane Javier Jean Jennifer Jimmy Joe Johann
    John Jonathan Jose Joseph Juan Julia Julius Karl Kamala Katherine Keir Kim Laura Leo
    Leonardo Liam Louis Lucy Ludwig Luis Margaret Maria Marie Mark Martin Mary Matthew Michael
    Mikhail Mohammed Muhammad Nancy Napoleon Natalia Neil Nelson Nicholas Nicolas Nikita
    Nikola Oleksandr Olena Olaf Oliver Olga Omar Otto Pablo Patrick Paul Pedro Peter Petro
    Pierre Rachel Richard Robert Ronald Rosa Sally Samuel Sarah Sergei Sergey Simon Sophia
    Stephen Steven Susan Thomas Theodore Theresa Tim Ursula Valentina Victor Victoria Viktor
    Vincent Vladimir Volodymyr Walter William Winston Wolfgang Xi Yuri Yulia Zhang"""
)
_ORG_HEADS = _words(
    """Agency Alliance Assembly Association Authority Bank Board Bureau Command Commission
    Committee Company Congress Corporation Council Court Department Federation Forces Foundation
    Fund Group Guard Inc. Institute Ltd League Ministry Movement Navy Army Office Organization
    Organisation Parliament Party Senate Service Society Union University College School
    Council Coalition Parliament Cabinet Duma Rada Kremlin Pentagon Corp. Co. Network Program
    Programme Observatory Laboratory Museum"""
)
_PLACE_HEADS = _words(
    """River Mountains Mountain Mount Lake Sea Ocean Island Islands Peninsula Valley Desert
    City County Province Region Oblast Street Square Bay Gulf Strait Canal Plain Plateau Coast"""
)
_TREATY_NOUNS = _words(
    """agreement agreements accord accords treaty treaties protocol protocols declaration
    convention conventions memorandum pact doctrine"""
)
_NAME_CONNECTORS = _words("of de del der den van von da di du la le al bin ibn y")
_NEVER_NAMES = _words(
    """I OK January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
)
_PLACE_PREPOSITIONS = _words("in near across throughout inside outside")

# --- the article --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text and the section heading it sits under, if any."""

    text: str
    heading: str | None  # None before the first section, and under the article's title


@dataclass(frozen=True)
class Article:
    """An article reduced to section headings and paragraphs of plain text."""

    paragraphs: list[Paragraph]
    title: str | None  # the first heading


_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", "'", ")")
# A line ending "U.S." or "Dr." may go on with the same sentence on the next line.
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z]\.|\b(?:Dr|Mr|Mrs|Ms|Prof|St|Gen|Jr|Sr|vs|etc|No)\.)$")


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    return line.endswith(_TERMINAL) and not _ABBREVIATED_END.search(line)


_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"\s+"), " "),
]


def plain(text: str) -> str:
    """Markdown inline markup removed: links keep their text, emphasis and code lose their marks."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text.strip()


def parse_article(text: str) -> Article:
    """Headings and paragraphs of plain text or Markdown.

    Lines separated by blank lines form a paragraph, joined when they are soft-wrapped; when
    every line of a block ends a sentence (plain text written one paragraph per line, like the
    seed briefing) each line is a paragraph of its own. List items are paragraphs; code blocks,
    tables and rules are skipped.
    """
    paragraphs: list[tuple[str, int | None]] = []  # text, index of its heading
    headings: list[tuple[int, str]] = []  # level, text
    heading: int | None = None
    block: list[str] = []
    in_fence = False

    def flush() -> None:
        lines = [line for line in block if line.strip()]
        block.clear()
        if not lines:
            return
        if len(lines) > 1 and all(_ends_sentence(line) for line in lines):
            groups = [[line] for line in lines]
        else:
            groups = [lines]
        for group in groups:
            body = plain(" ".join(group))
            if body:
                paragraphs.append((body, heading))

    for line in text.splitlines():
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _QUOTE.sub("", line)
        atx = _ATX_HEADING.match(line)
        setext = _SETEXT.match(line)
        if setext and len(block) == 1 and block[0].strip():
            headings.append((1 if setext.group(1)[0] == "=" else 2, plain(block.pop())))
            heading = len(headings) - 1
            continue
        if atx:
            flush()
            if plain(atx.group(2)):
                headings.append((len(atx.group(1)), plain(atx.group(2))))
                heading = len(headings) - 1
            continue
        if not line.strip() or _RULE.match(line):
            flush()
            continue
        if line.lstrip().startswith("|"):
            flush()
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            line = line[item.end() :]
        block.append(line.strip())
    flush()
    # A first heading that is the only one at the top level titles the article; the others
    # name its sections, and sections are the topics.
    top_level = min((level for level, _ in headings), default=0)
    is_title = (
        bool(headings)
        and [level for level, _ in headings].count(top_level) == 1
        and (headings[0][0] == top_level)
    )
    return Article(
        [
            Paragraph(
                body, None if index is None or (is_title and index == 0) else headings[index][1]
            )
            for body, index in paragraphs
        ],
        headings[0][1] if headings else None,
    )


@functools.cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, by pysbd: abbreviations ("U.S.", "Dr.") do not end them."""
    sentences: list[str] = _segmenter().segment(paragraph)
    return [" ".join(sentence.split()) for sentence in sentences if sentence.strip()]


# --- spans ----------------------------------------------------------------------------------------


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
_TITLE_ABBREVIATIONS = frozenset(t[0] for t in _TITLES if len(t) == 1 and t[0].endswith("."))


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
_SYMBOL = r"(?:US\$|C\$|CA\$|A\$|\$|€|£|¥|₴|₽)"
_CODE = r"(?:USD|EUR|GBP|CAD|AUD|JPY|CHF|UAH|RUB)"
_CURRENCY_WORD = r"(?:dollars?|euros?|pounds?|hryvnias?|roubles?|rubles?|yen)\b"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
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
        word in _STOPWORDS
        or word in _AUXILIARIES
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
        and second not in _STOPWORDS | _AUXILIARIES
        and first not in _STOPWORDS | _AUXILIARIES
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
    if word in _NEVER_NAMES or re.fullmatch(r"I['’][a-z]+", word):
        return False  # "I", "I'm", months and weekdays
    if _ABBREVIATION.fullmatch(word) or _INITIAL.fullmatch(word):
        return True
    if not word[0].isupper() or (any(ch.isdigit() for ch in word) and not _ACRONYM.fullmatch(word)):
        return False  # lowercase, or a code like "Q3" or "A320"
    if "-" in word:
        parts = word.split("-")
        # "Russia-Ukraine relations", "Anglo-French": a compound adjective, not a name.
        if any(part in _PLACES or part in _DEMONYMS for part in parts):
            return False
    return any(ch.isalpha() for ch in word)


def _title_at(run: Sequence[_Token], i: int) -> int:
    """The number of words of a title ("Prime Minister") starting at run[i], or 0."""
    for title in _TITLES:
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
            and token.word in _NAME_CONNECTORS | {"the"}
            and i + 1 < len(words)
            and _capitalised(words[i + 1].word)
            and not token.closed
            and (token.word != "the" or run[-1].word == "of")
        ):
            run.append(token)
        elif (
            joins and re.fullmatch(r"\d{1,3}", token.word) and run[-1].word not in _NAME_CONNECTORS
        ):
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
        while run and (run[-1].word in _NAME_CONNECTORS or run[-1].word in ("the", "of")):
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
        and run[0].word.lower() in _STOPWORDS
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
            if i < len(run) and run[i].word in _NAME_CONNECTORS:
                cue = ""  # "the President of Ukraine": a country follows, not a person
            continue
        token = run[i]
        following_is_title = i + 1 < len(run) and _title_at(run, i + 1) > 0
        if not current and token.word in _DEMONYMS and (following_is_title or i + 1 == len(run)):
            i += 1  # "Canadian Prime Minister", "Russian aggression": an adjective
            continue
        if current or token.word not in _NAME_CONNECTORS:
            current.append(token)
        i += 1
    if current:
        names.append(_Name(tuple(current), cue))
    return names


@dataclass
class _Context:
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


def _build_context(sentences: list[str]) -> _Context:
    context = _Context(sentences)
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
        and words[0] in _GIVEN_NAMES
        and all(word[0].isupper() and word not in _ORG_HEADS | _PLACE_HEADS for word in words)
        and " ".join(words) not in _PLACES
    )


def _person_verb_follows(sentence: str, name: _Name) -> bool:
    rest = sentence[name.tokens[-1].end :]
    if name.tokens[-1].closed and rest.startswith((", who ", " who ")):
        return True
    following = rest.split(maxsplit=1)
    return bool(following) and following[0] in _PERSON_VERBS and not name.tokens[-1].closed


_UNCLASSIFIED = "a name quizgen could not classify"


def _classify(sentence: str, name: _Name, text: str, context: _Context) -> tuple[Kind, str]:
    words = [token.word for token in name.tokens]
    if name.cue.startswith("title:"):
        return Kind.PERSON, f"a person, named after the title {name.cue[6:]!r}"
    if text in _COUNTRIES or text.replace(".", "") in _COUNTRIES:
        return Kind.PLACE, "a country in quizgen's list of places"
    if text in _CITIES:
        return Kind.PLACE, "a city in quizgen's list of places"
    if text in _REGIONS:
        return Kind.PLACE, "a region in quizgen's list of places"
    if words[-1] in _TREATY_NOUNS:
        return (
            Kind.TERM,
            f"the name of {'the' if words[-1].endswith('s') else 'a'} {words[-1]}",
        )
    if text in context.people:
        return Kind.PERSON, "a person, named as one elsewhere in the article"
    if _ACRONYM.fullmatch(text):
        return Kind.ORGANIZATION, "an acronym, most often an organisation"
    if any(word in _ORG_HEADS for word in words):
        head = next(word for word in words if word in _ORG_HEADS)
        return Kind.ORGANIZATION, f"an organisation ({head!r} names one)"
    if any(word in _PLACE_HEADS for word in words):
        head = next(word for word in words if word in _PLACE_HEADS)
        return Kind.PLACE, f"a place ({head!r} names one)"
    if _person_verb_follows(sentence, name):
        return Kind.PERSON, "a person, the one who speaks or acts here"
    if _given_name_first(name):
        return Kind.PERSON, f"a person ({words[0]!r} is a given name)"
    before = sentence[: name.tokens[0].start].split()
    if len(words) == 1 and before and before[-1] in _PLACE_PREPOSITIONS:
        return Kind.PLACE, f"a place (it follows {before[-1]!r})"
    return Kind.TERM, _UNCLASSIFIED


def name_spans(sentence: str, context: _Context) -> list[Span]:
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
            if following is not None and following.word in _TREATY_NOUNS and not last.closed:
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
        and previous not in _STOPWORDS
        and following.isalpha()
        and following.islower()
        and following not in _STOPWORDS
        and following not in _AUXILIARIES
        and not following.endswith("ed")
    )


def _known_name(word: str, context: _Context) -> bool:
    return (
        word in _PLACES
        or word in context.people
        or bool(_ABBREVIATION.fullmatch(word))
        or (bool(_ACRONYM.fullmatch(word)) and len(word) > 1)
        or word in context.mid_sentence_capitals
    )


# --- candidates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One proposed fact, with the reasons a teacher needs to keep, fix or delete it."""

    id: str
    topic: str | None
    text: str
    answer: str
    kind: Kind
    cloze: list[str]
    question: str | None
    notes: list[str]


@dataclass(frozen=True)
class Draft:
    """A drafted deck: its header, its candidates and what was passed over."""

    deck_id: str
    title: str
    source: Source
    candidates: list[Candidate]
    sentences: int
    paragraphs: int
    without_span: int  # sentences with nothing to ask
    leaning: int  # sentences skipped because they lean on the one before
    rejected: int  # candidates that failed the loader's rules (never expected)
    subjects: list[str]  # names the article is about, never asked
    topics_from_headings: bool
    pools: dict[Kind, list[str]] = field(default_factory=dict)  # other names, as wrong options

    def yaml_text(self) -> str:
        """The fact file, commented for the teacher who curates it."""
        return render(self)

    def summary(self, path: str) -> list[str]:
        """What the draft found, for the terminal."""
        kinds = Counter(candidate.kind.value for candidate in self.candidates)
        lines = [
            f"drafted {len(self.candidates)} candidate facts from {self.sentences} sentences "
            f"in {self.paragraphs} paragraphs: {path}",
            "  answers: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())),
        ]
        skipped = self.sentences - len(self.candidates)
        if skipped:
            reasons = [
                text
                for count, text in (
                    (self.without_span, f"{self.without_span} with no figure, date or name to ask"),
                    (self.leaning, f"{self.leaning} that lean on the sentence before"),
                    (
                        self.rejected,
                        f"{self.rejected} whose fact would not pass `quizgen check` "
                        "(a quizgen bug: please report it)",
                    ),
                )
                if count
            ]
            lines.append(f"  skipped {skipped} sentences: " + ", ".join(reasons))
        if self.subjects:
            lines.append("  never asked, the article is about them: " + ", ".join(self.subjects))
        lines.append(
            f"  topics from {'headings' if self.topics_from_headings else 'paragraphs'}; "
            f"each fact has a comment saying why it was picked"
        )
        lines.append(f"curate it, then run: quizgen check {path}")
        return lines


def slug(text: str, *, limit: int = 5, fallback: str = "fact") -> str:
    """A lowercase id from the content words of `text`."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'s", "").replace("’s", ""))
    content = [
        word for word in words if word not in _STOPWORDS and (len(word) > 1 or word.isdigit())
    ] or words
    result = ""
    for word in content[:limit]:
        longer = f"{result}-{word}" if result else word
        if len(longer) > 48:
            break
        result = longer
    return result or fallback


def deck_slug(text: str) -> str:
    """A deck id from a file name or title: lowercase letters, digits, - and _."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")


_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _topic_from_paragraph(sentence: str, number: int) -> str:
    """A short topic from the paragraph's opening words: its subject, up to the first verb."""
    words: list[str] = []
    for token in tokens(sentence):
        lower = token.word.lower()
        if not words and lower in _STOPWORDS:
            continue  # "The", "About", "In"
        if lower in _AUXILIARIES or (words and len(lower) > 3 and lower.endswith(("ed", "ing"))):
            break
        words.append(token.word)
        if token.closed or len(words) == 6:
            break
    if len(words) > 4:
        cut = next((i for i, word in enumerate(words) if i >= 2 and word in _STOPWORDS), None)
        words = words[:cut] if cut else words[:4]
    while words and words[-1].lower() in _STOPWORDS:
        words.pop()
    if not words or words[0].lower() in _ANAPHORIC_OPENERS or not words[0][0].isalpha():
        return f"Paragraph {number}"
    topic = " ".join(words)
    return topic[0].upper() + topic[1:]


_QUESTION_PREFIX = {"The"} | {word for title in _TITLES for word in title} | _DEMONYMS
_AFTER_VERB = _words("to the a an that this his her its their on for with in at")


def _is_verb(word: str, next_word: str) -> bool:
    """Rough but safe: an auxiliary, a past tense, or an -s verb followed by what verbs take."""
    if word in _AUXILIARIES:
        return True
    if not word.islower() or word in _STOPWORDS or len(word) < 4:
        return False
    return word.endswith("ed") or (word.endswith("s") and next_word in _AFTER_VERB)


def _question(sentence: str, answer: Span, spans: Sequence[Span]) -> str | None:
    """A "Who ...?" question when the answer is the sentence's subject; else None.

    Only this shape is made: rewriting the rest of the sentence ("How much did Canada
    pledge?") needs grammar quizgen does not have, and the engine's blanked statement is a
    better question than a wrong one.
    """
    if not sentence.endswith(".") or answer.kind not in (
        Kind.PERSON,
        Kind.PLACE,
        Kind.ORGANIZATION,
    ):
        return None
    modifiers = {span.text for span in spans if span.modifier}
    before = sentence[: answer.start].split()
    if any(word not in _QUESTION_PREFIX and word not in modifiers for word in before):
        return None
    rest = sentence[answer.end : -1]
    possessive = rest.startswith(("'s ", "’s "))
    if possessive:
        rest = rest[2:]
    following = rest.split()
    if len(following) < 3 or not rest.startswith(" ") or answer.text in rest:
        return None
    if not possessive and not _is_verb(following[0], following[1]):
        return None
    if answer.kind is Kind.PERSON:
        asker = "Whose" if possessive else "Who"
    elif answer.text in _COUNTRIES:
        asker = "Which country's" if possessive else "Which country"
    elif answer.text in _CITIES:
        asker = "Which city's" if possessive else "Which city"
    elif answer.kind is Kind.ORGANIZATION:
        asker = "Which organization's" if possessive else "Which organization"
    else:
        return None
    return f"{asker}{rest}?"


def _describe(span: Span) -> str:
    return f"{span.text} ({span.kind.value})"


def _candidate(
    sentence: str,
    spans: list[Span],
    context: _Context,
    topic: str | None,
) -> tuple[Candidate | None, str]:
    """The fact for one sentence, or None and why not ("none" or "leaning")."""
    usable = [
        span
        for span in spans
        if not span.modifier
        and sentence.count(span.text) == 1
        and not (span.kind not in NUMERIC_KINDS and context.is_subject(span.key))
    ]
    if not usable:
        return None, "none"
    ranked = sorted(usable, key=lambda s: (-s.score, context.sentences_with(s.key), s.start))
    best = ranked[0]
    if best.score < 4:
        return None, "none"
    first_word = sentence.split()[0].lower().strip(",")
    leaning = first_word in _ANAPHORIC_OPENERS or bool(_ANAPHORIC_INSIDE.search(sentence))
    if leaning and best.score < 7:
        return None, "leaning"
    cloze = [best]
    for span in ranked[1:]:
        if len(cloze) == MAX_CLOZE or span.score < 4:
            break
        if not any(span.overlaps(taken) for taken in cloze):
            cloze.append(span)
    extra = sorted(cloze[1:], key=lambda s: s.start)
    notes = [f"Why: {best.text!r} is {best.reason}."]
    if best.reason == _UNCLASSIFIED:
        notes.append("Set kind: person, place or organization if it is one.")
    if extra:
        notes.append("The cloze also hides " + ", ".join(_describe(s) for s in extra) + ".")
    if leaning:
        notes.append(
            "Check: it leans on the sentence before (this, these, it...): rewrite it to "
            "stand alone."
        )
    return (
        Candidate(
            id="",
            topic=topic,
            text=sentence,
            answer=best.text,
            kind=best.kind,
            cloze=[best.text, *(s.text for s in extra)] if extra else [],
            question=_question(sentence, best, spans),
            notes=notes,
        ),
        "",
    )


def _valid(candidate: Candidate, deck_id: str) -> bool:
    """The candidate passes the loader's own rules; a draft never fails `quizgen check`."""
    try:
        fact = Fact.model_validate(
            {
                "id": candidate.id,
                "text": candidate.text,
                "answer": candidate.answer,
                "kind": candidate.kind.value,
                **({"topic": candidate.topic} if candidate.topic else {}),
                **({"cloze": candidate.cloze} if candidate.cloze else {}),
                **({"question": candidate.question} if candidate.question else {}),
            }
        )
    except ValidationError:
        return False
    return not check_deck(Path(f"{deck_id}.yaml"), deck_id, None, [(0, fact)], lambda _: 0)


def make_draft(
    text: str,
    *,
    name: str | None,
    deck_id: str | None = None,
    title: str | None = None,
) -> Draft:
    """Candidate facts for an article; `name` is its file name (None for standard input)."""
    if not text.strip():
        raise DraftError(f"{name or 'standard input'} is empty: give an article to draft from")
    article = parse_article(text)
    stem = Path(name).stem if name else None
    chosen_id = deck_id or deck_slug(stem or article.title or "") or "draft"
    if not _ID.fullmatch(chosen_id):
        suggestion = deck_slug(chosen_id) or "my-deck"
        raise DraftError(
            f"--id {chosen_id!r} is not a valid deck id: use lowercase letters, digits, - and _ "
            f"(for example {suggestion!r})"
        )
    deck_title = title or article.title or (stem or chosen_id).replace("_", " ").replace("-", " ")
    source = Source(
        title=article.title or name or deck_title,
        ref=name,
    )
    split = [(paragraph, split_sentences(paragraph.text)) for paragraph in article.paragraphs]
    sentences = [sentence for _, group in split for sentence in group]
    context = _build_context(sentences)
    use_headings = any(paragraph.heading for paragraph in article.paragraphs)
    candidates: list[Candidate] = []
    used_ids: set[str] = set()
    without_span = leaning = rejected = 0
    subjects: set[str] = set()
    names: list[Span] = []
    for number, (paragraph, group) in enumerate(split, 1):
        topic = paragraph.heading or (_topic_from_paragraph(group[0], number) if group else None)
        for sentence in group:
            if _not_a_statement(sentence):
                without_span += 1
                continue
            spans = sorted(
                numeric_spans(sentence) + name_spans(sentence, context), key=lambda s: s.start
            )
            spans = _drop_overlaps(spans)
            found = [s for s in spans if s.kind not in NUMERIC_KINDS and not s.modifier]
            names.extend(found)
            subjects.update(s.text for s in found if context.is_subject(s.key))
            candidate, why_not = _candidate(sentence, spans, context, topic)
            if candidate is None:
                if why_not == "leaning":
                    leaning += 1
                else:
                    without_span += 1
                continue
            fact_id = _unique(slug(sentence), used_ids)
            candidate = replace(candidate, id=fact_id)
            if not _valid(candidate, chosen_id):
                rejected += 1  # a bug if it happens: the summary says so rather than hide it
                continue
            used_ids.add(fact_id)
            candidates.append(candidate)
    if not candidates:
        raise DraftError(
            f"found no sentence with a figure, a date or a name to ask about in "
            f"{name or 'standard input'}: nothing to draft"
        )
    return Draft(
        deck_id=chosen_id,
        title=deck_title,
        source=source,
        candidates=candidates,
        sentences=len(sentences),
        paragraphs=len(article.paragraphs),
        without_span=without_span,
        leaning=leaning,
        rejected=rejected,
        subjects=sorted(subjects),
        topics_from_headings=use_headings,
        pools=_pools(names, candidates),
    )


def _not_a_statement(sentence: str) -> bool:
    """Too short, a question, or a title in Title Case ("Key Dates Of The War")."""
    words = sentence.split()
    capitals = sum(1 for word in words if word[0].isupper())
    return len(words) < 4 or sentence.endswith("?") or capitals * 3 > len(words) * 2


def _pools(names: list[Span], candidates: list[Candidate]) -> dict[Kind, list[str]]:
    """Names the article mentions but never asks, as wrong options for answers of their kind.

    Terms are left out (an agreement is a poor wrong option for a spacecraft), and so are
    people sharing a surname with an answer ("Donald Trump" beside the answer "Trump").
    """
    answers = {
        _ALIASES.get(
            candidate.answer.replace(".", ""), _ALIASES.get(candidate.answer, candidate.answer)
        )
        for candidate in candidates
    }
    surnames = {
        candidate.answer.split()[-1] for candidate in candidates if candidate.kind is Kind.PERSON
    }
    pools: dict[Kind, list[str]] = {}
    for kind in (Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION):
        entries: dict[str, str] = {}  # one name per place: "U.S." and "United States" are one
        for text in sorted({span.text for span in names if span.kind is kind}):
            same = _ALIASES.get(text.replace(".", ""), _ALIASES.get(text, text))
            if same in answers or (kind is Kind.PERSON and text.split()[-1] in surnames):
                continue
            entries.setdefault(same, text)
        if entries:
            pools[kind] = sorted(entries.values())
    return pools


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    """Where two spans overlap ("Apollo 11" and "11"), keep the longer, then the earlier."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(span.overlaps(other) for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


# --- YAML ---------------------------------------------------------------------------------------


def scalar(value: str, *, flow: bool = False, quote: bool = False) -> str:
    """`value` as a YAML scalar: plain when that reads back as the same text, else quoted."""
    if not quote:
        document = f"[{value}]" if flow else f"k: {value}"
        try:
            loaded = yaml.safe_load(document)
        except yaml.YAMLError:
            loaded = None
        expected: object = [value] if flow else {"k": value}
        if loaded == expected and "#" not in value and "\n" not in value:
            return value
    return json.dumps(value, ensure_ascii=False)


def _comment(lines: Iterable[str], indent: str) -> list[str]:
    out = []
    for line in lines:
        out += textwrap.wrap(
            line, width=98, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}#   "
        )
    return out


def render(draft: Draft) -> str:
    """The draft as a commented fact file that passes `quizgen check` as it is."""
    origin = draft.source.ref or "standard input"
    lines = _comment(
        [
            f"Drafted by `quizgen draft` from {origin}: {len(draft.candidates)} candidate "
            "facts, one per sentence that names a figure, a date or a name.",
            "Curate before use: delete what is not worth learning, rewrite sentences that lean "
            "on the one before, check each kind, then add distractors, explanations and tags. "
            "The comment above each fact says why it was picked.",
            *(
                [
                    "Never asked, the article is about them: "
                    + ", ".join(draft.subjects)
                    + " (a name in a third or more of the sentences)."
                ]
                if draft.subjects
                else []
            ),
        ],
        "",
    )
    lines += [
        f"id: {draft.deck_id}",
        f"deck: {scalar(draft.title)}",
        "source:",
        f"  title: {scalar(draft.source.title)}",
    ]
    if draft.source.ref:
        lines.append(f"  ref: {scalar(draft.source.ref)}")
    lines += [
        "# as_of: YEAR              # the year the facts describe: no generated year goes past it",
        "",
        "facts:",
    ]
    for candidate in draft.candidates:
        numeric = candidate.kind in NUMERIC_KINDS
        lines += _comment(candidate.notes, "  ")
        lines.append(f"  - id: {candidate.id}")
        if candidate.topic:
            lines.append(f"    topic: {scalar(candidate.topic)}")
        lines.append(f"    text: {scalar(candidate.text)}")
        lines.append(f"    answer: {scalar(candidate.answer, quote=numeric)}")
        lines.append(f"    kind: {candidate.kind.value}")
        if candidate.question:
            lines.append(f"    question: {scalar(candidate.question)}")
        if candidate.cloze:
            items = ", ".join(
                scalar(span, flow=True, quote=infer_kind(span) in NUMERIC_KINDS)
                for span in candidate.cloze
            )
            lines.append(f"    cloze: [{items}]")
        lines.append("")
    if draft.pools:
        lines += [
            "# Names the article mentions but never asks: wrong options for answers of their kind.",
            "pools:",
        ]
        for kind, entries in draft.pools.items():
            items = ", ".join(scalar(entry, flow=True) for entry in entries)
            lines.append(f"  {kind.value}: [{items}]")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- files --------------------------------------------------------------------------------------


def decode_article(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a DraftError that says how to fix it."""
    try:
        return decode_utf8(data)
    except NotUtf8 as error:
        raise DraftError(
            f"{name}:{error.line}: is not UTF-8 text (byte 0x{error.byte:02x}): save the "
            "article as UTF-8 (plain text or Markdown)"
        ) from None


def read_article(path: Path, stdin: BinaryIO) -> tuple[str, str | None]:
    """The article's text and file name; `-` reads `stdin` and has no name."""
    if str(path) == "-":
        return decode_article(stdin.read(), "standard input"), None
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DraftError(f"cannot read {display_path(path)}: {error.strerror}") from None
    return decode_article(data, display_path(path)), path.name


def default_output(deck_id: str) -> Path:
    """Where a draft goes without `-o`: facts/<deck-id>.yaml."""
    return DEFAULT_FOLDER / f"{deck_id}.yaml"


def write_draft(draft: Draft, output: Path | None) -> Path:
    """Write the draft's fact file; an existing file is never overwritten."""
    target = output or default_output(draft.deck_id)
    write_atomic(target, draft.yaml_text().encode(), overwrite=False)
    return target
