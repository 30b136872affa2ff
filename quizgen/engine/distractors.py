"""Where wrong options come from: the teacher's list, the rest of the deck, and numbers nearby.

Everything here is pure and seeded by the caller. Shared candidates (other answers and pools)
sit on a hash ring per kind, so a fact draws its neighbours in O(log n) and adding one fact to
a deck moves at most the few questions whose neighbourhood it lands in.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal, overload

from quizgen.answers.kinds import (
    MAX_YEAR,
    MIN_YEAR,
    MONTHS,
    NUMERIC_KINDS,
    DateValue,
    Kind,
    Quantity,
    find_quantities,
    format_date,
    format_quantity,
    value_of,
)
from quizgen.answers.normalize import normalize_text
from quizgen.answers.normalize import option_key as _option_key
from quizgen.answers.numberwords import LARGEST as LARGEST_WORD
from quizgen.answers.numberwords import number_word, spell_number
from quizgen.answers.spans import span_start
from quizgen.engine import knowledge
from quizgen.engine.constants import DEFAULT_OPTIONS, FEWEST_WRONG, OptionSource
from quizgen.engine.sorts import (
    BATTLEFIELD,
    WORD_KINDS,
    Profile,
    conflicts,
    display_form,
    gender_of,
    head_sort,
    hint_sorts,
    locator,
    looks_plural,
    other_body,
    role_families,
    same_era,
    shares_sort,
    singular,
    sort_label,
    stem_sorts,
    titled,
    years_in,
)
from quizgen.facts.models import DeckFile, Fact
from quizgen.reference import (
    Entry,
    Names,
    countries_in,
    name_countries,
    people_in,
    read_names,
    same_country,
    spans_in,
)

#: An option's identity, remembered: every question tests the same candidates again.
option_key = functools.lru_cache(maxsize=8192)(_option_key)
#: How far a shared candidate may be walked for on the ring before giving up (keeps O(1)).
RING_WALK_LIMIT = 64
#: Numeric kinds need few shared values: nearby generated ones read better and cost less.
NUMERIC_WALK_LIMIT = 6
_FACTORS = [
    Decimal(f)
    for f in (
        "0.2",
        "0.25",
        "0.4",
        "0.5",
        "0.6",
        "0.75",
        "0.8",
        "1.2",
        "1.25",
        "1.5",
        "1.6",
        "2",
        "3",
        "4",
    )
]


#: Measurements and counts stay within half and double the key: a resting pulse of 18 for a
#: key of 70 fools nobody. Money keeps the wider spread, where orders of magnitude are the test.
#: Raters called 1.6 and 2 times the key "obviously extreme" (a 14 km Everest, 405 UN
#: members), so the spread is two thirds to one and a half.
_MEASURE_FACTORS = [
    Decimal(f) for f in ("0.6", "0.67", "0.75", "0.8", "1.2", "1.25", "1.33", "1.4", "1.5")
]
_MEASURE_LOW, _MEASURE_HIGH = Decimal("0.6"), Decimal("1.5")
#: Money keeps a wider spread, where orders of magnitude are the test, but not 5 times the
#: key or a fifth of it (a $1.7 billion painting for $450 million).
_MONEY_FACTORS = [f for f in _FACTORS if Decimal("0.25") <= f <= 3]
_WIDE_MEASURE_FACTORS = [f for f in _FACTORS if Decimal("0.5") <= f <= 2]
#: A measurement given to three figures or more ("9.58 seconds", "42.195 km") is asked to be
#: told from near values: a 6.42-second 100 metres or a 63 km marathon fools nobody, nor
#: (n23 raters) 7.66 or 11.98 seconds, or a Test batting average of 124.93 for 99.94.
_PRECISE_FACTORS = [Decimal(f) for f in ("0.85", "0.9", "0.95", "1.05", "1.1", "1.15")]
#: Sizes in bits and bytes: the key's power of two is kept ("8 bits" -> "4 bits", "16 bits").
_DATA_UNIT = re.compile(
    r"\s*(?:bits?|bytes?|[KMGTP]i?B|[kmgt]b|(?:kilo|mega|giga|tera|peta)(?:bytes?|bits?))",
    re.IGNORECASE,
)
#: A percentage of 100 is offered only for keys this high (and 0% never).
_PERCENT_NEAR_ALL = Decimal(90)
#: How many points from the key a generated percentage may lie.
_PERCENT_REACH = Decimal(20)


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b(":".join(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@dataclass
class CandidateRing:
    """Answers and pool entries of one kind, placed on a ring by a seeded hash."""

    points: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    #: Texts that only the deck's pools hold (not the answer of any fact).
    pooled: frozenset[str] = frozenset()

    def walk(self, start: int) -> Iterator[str]:
        """Candidates from `start` onwards around the ring, each at most once."""
        if not self.points:
            return
        first = bisect.bisect_left(self.points, start)
        count = len(self.points)
        for step in range(min(count, RING_WALK_LIMIT)):
            yield self.texts[(first + step) % count]


def _add_head(profile: Profile, text: str, kind: Kind) -> None:
    """A lower-case head noun is a sure sort ("bone marrow"); a capitalised one only a clue."""
    labels, sure = head_sort(text, kind)
    profile.add(labels, strong=sure)


def _ring(
    seed: int, deck_id: str, texts: Iterable[str], pooled: Iterable[str] = ()
) -> CandidateRing:
    placed = sorted((_hash(str(seed), deck_id, text), text) for text in set(texts))
    return CandidateRing([p for p, _ in placed], [t for _, t in placed], frozenset(pooled))


#: A word answer's identity in the deck: its kind (None for a sort pool's entry) and key.
ProfileKey = tuple[Kind | None, tuple[object, ...]]


def _topic_era(dated: list[tuple[int, ...]]) -> frozenset[int]:
    """The years a topic's dated facts name, when at least two do and they lie within a
    lifetime of each other (a topic of centuries dates nothing)."""
    years = [year for found in dated for year in found]
    if len(dated) < 2 or max(years) - min(years) > _TOPIC_ERA_SPAN:
        return frozenset()
    return frozenset(years)


#: What may stand around a word of a statement: "(Afonso", "Henriques,".
_WORD_EDGES = "\"'’“”.,;:!?()[]"

#: How far apart a topic's years may lie and still date its undated answers.
_TOPIC_ERA_SPAN = 60


@dataclass
class DeckIndex:
    """Per-deck lookups built once, in linear time, before any question is made."""

    seed: int
    deck_id: str
    as_of: int
    rings: dict[Kind, CandidateRing]
    #: What the deck says about each word answer and pool entry (see quizgen.engine.sorts).
    profiles: dict[ProfileKey, Profile] = field(default_factory=dict)
    #: Word candidates by sort word, and by (kind, topic): where a key's neighbours are.
    by_sort: dict[str, CandidateRing] = field(default_factory=dict)
    by_topic: dict[tuple[Kind, str], CandidateRing] = field(default_factory=dict)
    #: Each word fact's own stem: the years it names and where it puts the answer.
    stems: dict[str, tuple[tuple[int, ...], str | None]] = field(default_factory=dict)
    #: What each word fact's statement names besides its answer (read once: a profile's
    #: countries, then its question's stem).
    names: dict[str, Names] = field(default_factory=dict)
    #: The countries each topic's name places its facts in (`topic_countries`).
    topic_places: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Profiles by the exact text asked for (a cache in front of `profiles`).
    by_text: dict[tuple[Kind | None, str], Profile | None] = field(default_factory=dict)
    #: Every fact's answer, by kind and identity (the rest of the candidates are pool entries).
    answered: set[tuple[Kind, tuple[object, ...]]] = field(default_factory=set)
    #: Entries of a pool named by a kind ("term: [...]"): the teacher's word that they are
    #: options for that kind's answers, so they serve a term the deck gives no sort.
    kind_pooled: frozenset[tuple[Kind, str]] = frozenset()
    #: Whether the reference table is consulted (the deck's `reference`).
    reference: bool = True
    #: Facts whose questions rank another era, country or trade last instead of refusing it
    #: (`deck_questions` fills this when a deck would lose more than its budget).
    relaxed: frozenset[str] = frozenset()
    #: How far each relaxed question's options stray: (how many the table would refuse, the
    #: sum of their ranks). `deck_questions` keeps the least strained within its budget; the
    #: relaxed pass runs in this process, so the index sees it.
    strain: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Each topic's kindred topics of a kind (`_kin_topics`), as they are worked out.
    kin_topics: dict[tuple[Kind, str], list[tuple[Kind, str]]] = field(default_factory=dict)
    #: The table's candidates for each (kind, key, sorts, stem) asked for, best first: in
    #: groups of equal standing (penalty, closeness), each group in a seeded order.
    offers: dict[tuple[object, ...], list[tuple[tuple[int, int], list[Entry]]]] = field(
        default_factory=dict
    )
    #: What `_reference_options` found of each table entry for each (key, stem): the text it
    #: would be shown as and whether it came into being too late, or None when it is no option.
    table_verdicts: dict[tuple[object, ...], dict[int, tuple[str, bool] | None]] = field(
        default_factory=dict
    )
    #: Word candidates' merged profiles and table entries, by (kind, text): every question
    #: weighs the same few dozen texts again.
    merged: dict[tuple[Kind, str], Profile] = field(default_factory=dict)
    entries: dict[tuple[Kind, str, int], Entry | None] = field(default_factory=dict)
    #: The wars and eras the deck's title names, which hold its years' options (`_named_span`).
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    #: Each table entry's seeded place in this deck's order of equals, by name.
    table_places: dict[str, int] = field(default_factory=dict)
    #: Pool entries of a kind placed only by the deck's title ("Canadian history"), which
    #: the teacher vouches for beside the country it names.
    deck_placed: set[tuple[Kind, str]] = field(default_factory=set)
    #: What `_word_options` found of each candidate for each (key, stem) it was asked for.
    judged: dict[tuple[object, ...], dict[tuple[str, bool], _Verdict]] = field(default_factory=dict)

    @classmethod
    def build(cls, deck: DeckFile, seed: int, as_of: int) -> DeckIndex:
        """Index every answer and pool entry by kind, and every word answer by sort and topic."""
        by_kind: dict[Kind, dict[tuple[object, ...], str]] = {}
        answered: set[tuple[Kind, tuple[object, ...]]] = set()
        kind_pools = [
            (kind, text)
            for kind, texts in deck.pools.items()
            if isinstance(kind, Kind)
            for text in texts
        ]
        entries: list[tuple[Kind, str]] = [(f.answer_kind, f.answer) for f in deck.facts]
        answers = len(entries)
        entries += kind_pools
        for number, (kind, text) in enumerate(entries):
            if kind in WORD_KINDS and number < answers and number_word(text) is not None:
                continue  # "four" is a number written out, never a term for another fact
            texts = by_kind.setdefault(kind, {})
            key = option_key(text, kind)
            if number < answers:
                answered.add((kind, key))
            # One text per value ("45%" or "45 percent"), the same whatever the facts' order.
            if key not in texts or text < texts[key]:
                texts[key] = text
        rings: dict[Kind, CandidateRing] = {}
        for kind, texts in by_kind.items():
            pooled = [t for k, t in texts.items() if (kind, k) not in answered]
            rings[kind] = _ring(seed, deck.id, texts.values(), pooled)
        index = cls(seed=seed, deck_id=deck.id, as_of=deck.as_of or as_of, rings=rings)
        index.answered = answered
        index.kind_pooled = frozenset(kind_pools)
        index.reference = deck.reference
        index.title_spans = spans_in(deck.deck) if deck.reference else []
        index._profile_words(deck, kind_pools)
        return index

    def _profile_words(self, deck: DeckFile, kind_pools: Sequence[tuple[Kind, str]]) -> None:
        """Read each word answer's sort, topic, years, places and form from the deck."""
        sorted_texts: dict[str, set[str]] = {}
        topic_texts: dict[tuple[Kind, str], set[str]] = {}
        topic_years: dict[str, list[tuple[int, ...]]] = {}
        for fact in deck.facts:
            kind = fact.answer_kind
            if fact.topic and (dated := years_in(fact.text)):
                topic_years.setdefault(fact.topic, []).append(dated)
            if kind not in WORD_KINDS or number_word(fact.answer) is not None:
                continue
            profile = self.profile(kind, fact.answer, create=True)
            labels = set(stem_sorts(fact.text, fact.answer, kind))
            profile.stated.update(labels)
            if fact.hint:
                labels |= hint_sorts(fact.hint)
            if kind is Kind.PERSON:
                labels |= role_families(labels)  # a viceroy is of the governors
            profile.add(labels)
            _add_head(profile, fact.answer, kind)
            if fact.topic:
                profile.topics.add(fact.topic)
                topic_texts.setdefault((kind, fact.topic), set()).add(fact.answer)
                profile.countries |= self.topic_countries(fact.topic)
            years = years_in(fact.text)
            profile.years.update(years)
            if kind is Kind.ORGANIZATION and knowledge.tells_founding(fact.text):
                profile.founded.update(years)
            shown = display_form(fact.text, fact.answer, kind, fact.distractors)
            if shown != fact.answer:
                profile.display = shown
            place = locator(fact.text, fact.answer)
            if place:
                profile.places.add(place)
            if deck.reference:
                # The teacher's question is what the student reads: "In which Punjabi city"
                # holds the options to Punjab though the statement names only Amritsar.
                said = f"{fact.text.replace(fact.answer, ' ')} {fact.question or ''}"
                names = self.names[fact.id] = read_names(said)
                profile.countries |= names.countries
            self.stems[fact.id] = (years, place)
            if kind is Kind.PERSON and profile.gender is None:
                profile.gender = gender_of(fact.text, fact.answer)
                if profile.gender is None and deck.reference:
                    # What the statement does not say, the table may: Kublai Khan was offered
                    # four empresses (raters: "the key stands out").
                    profile.gender = knowledge.gender_known(fact.answer)
            # The teacher's list for a fact is of the fact's sort: "Odesa", listed for a fact
            # hinted "city", is a city, and no option for a fact hinted "country".
            for option in fact.distractors:
                other = self.profile(kind, option, create=True)
                other.add(labels)
                if kind is Kind.PERSON and other.gender is None:
                    other.gender = gender_of("", option)
            for label in profile.sorts:
                sorted_texts.setdefault(label, set()).add(fact.answer)
        # An undated answer is of its topic's time, when the topic's dated facts agree on one:
        # Mountbatten, of "Independence and Partition" (1947), for the first Governor-General
        # of 1773 (raters: "wrong era, 170 years later").
        eras = {topic: _topic_era(dated) for topic, dated in topic_years.items()}
        for (kind, topic), answers in topic_texts.items():
            for text in answers if eras.get(topic) else ():
                profile = self.profile(kind, text, create=True)
                if not profile.years:
                    profile.era |= eras[topic]
        self._profile_mentions(deck, sorted_texts)
        # What the deck's title and description name: where its teacher's pools are from
        # ("Canadian history": Canadian people in `person: [...]`, offered beside "Canada").
        deck_countries = (
            read_names(f"{deck.deck}. {deck.description or ''}").countries
            if deck.reference
            else frozenset()
        )
        for kind, text in kind_pools:
            if kind in WORD_KINDS:
                profile = self.profile(kind, text, create=True)
                if kind in _NAME_KINDS and deck_countries and not profile.countries:
                    profile.countries = set(deck_countries)
                    self.deck_placed.add((kind, text))
                _add_head(profile, text, kind)
                if kind is Kind.PERSON and profile.gender is None:
                    profile.gender = gender_of("", text)
                for label in profile.sorts:
                    sorted_texts.setdefault(label, set()).add(text)
        for name, texts in deck.pools.items():
            if isinstance(name, Kind):
                continue
            named = sort_label(name)
            for text in texts:
                profile = self.profile(None, text, create=True)
                profile.add(named)
                profile.gender = gender_of("", text)
                for label in named:
                    sorted_texts.setdefault(label, set()).add(text)
        pooled = {p.text for key, p in self.profiles.items() if key[0] is None}
        self.by_sort = {
            label: _ring(self.seed, self.deck_id, texts, pooled & texts)
            for label, texts in sorted_texts.items()
        }
        self.by_topic = {
            where: _ring(self.seed, self.deck_id, texts) for where, texts in topic_texts.items()
        }

    def _profile_mentions(self, deck: DeckFile, sorted_texts: dict[str, set[str]]) -> None:
        """A person the deck names in another fact's statement takes its years and its role,
        when their own say none: "In 1147 Afonso Henriques, the first king of Portugal, ..."
        dates and places a pooled name (raters: the first king of Portugal offered for a
        minister of 1755, "the deck's own item says he was king in 1147").

        One pass over the statements' words, looking names up by their first word."""
        people: dict[str, list[str]] = {}
        for kind, text in [(f.answer_kind, f.answer) for f in deck.facts] + [
            (kind, text) for kind, texts in deck.pools.items() for text in texts
        ]:
            if kind is Kind.PERSON and text.split():
                people.setdefault(text.split()[0], []).append(text)
        if not people:
            return
        mentions: dict[str, list[Fact]] = {}
        for fact in deck.facts:
            for word in {w.strip(_WORD_EDGES) for w in fact.text.split()} & people.keys():
                for name in people[word]:
                    # A substring test first: a deck's names share first words ("Ada").
                    if (
                        name in fact.text
                        and name != fact.answer
                        and name not in fact.answer
                        and (span_start(fact.text, name) >= 0)
                    ):
                        mentions.setdefault(name, []).append(fact)
        for name, facts in mentions.items():
            profile = self.profile(Kind.PERSON, name, create=True)
            if not profile.years and not profile.era:
                for fact in facts:
                    profile.era.update(years_in(fact.text))
            if not profile.stated:
                roles = {r for fact in facts for r in stem_sorts(fact.text, name, Kind.PERSON)}
                roles |= role_families(roles)
                profile.add(roles)
                for label in roles:
                    sorted_texts.setdefault(label, set()).add(name)

    @overload
    def profile(self, kind: Kind | None, text: str, *, create: Literal[True]) -> Profile: ...
    @overload
    def profile(self, kind: Kind | None, text: str, *, create: bool = False) -> Profile | None: ...

    def profile(self, kind: Kind | None, text: str, *, create: bool = False) -> Profile | None:
        """What the deck says about `text` as a `kind` answer (None: as a sort pool entry)."""
        found = self.by_text.get((kind, text))
        if found is not None or (kind, text) in self.by_text:
            return found
        key: ProfileKey = (kind, option_key(text, kind or Kind.TERM))
        found = self.profiles.get(key)
        if found is None and create:
            found = self.profiles[key] = Profile(text)
            if self.reference and kind in (Kind.ORGANIZATION, None):
                # A body's own name may place it: "Melbourne Cricket Club", "club: [...]".
                found.countries |= name_countries(text)
        if found is not None or not create:
            # Candidates are the deck's own texts, asked for again and again: remember them.
            self.by_text[(kind, text)] = found
        return found

    def word_profile(self, kind: Kind, text: str) -> Profile:
        """A word candidate's profile, whether the deck knows it by kind, by sort pool or not."""
        found = self.merged.get((kind, text))
        if found is not None:
            return found
        mine = self.profile(kind, text)
        pooled = self.profile(None, text)
        if mine is None:
            found = pooled or _UNKNOWN
        elif pooled is None:
            found = mine
        else:
            found = Profile(mine.text, mine.strong | pooled.strong, set(mine.weak), mine.topics)
            found.years, found.places, found.gender = mine.years, mine.places, mine.gender
            found.era = mine.era
            found.countries = mine.countries
            found.founded = mine.founded
            found.stated = mine.stated
        self.merged[(kind, text)] = found
        return found

    def entry(
        self, kind: Kind, text: str, sorts: Iterable[str], like: Entry | None
    ) -> Entry | None:
        """The table's entry for a candidate beside the key `like` (None when the deck does
        not consult the table). `sorts` are the candidate's own, fixed by its text."""
        if not self.reference:
            return None
        # Entries are the table's own objects, alive as long as it is: `id` names one.
        cache_key = (kind, text, id(like))
        if cache_key in self.entries:
            return self.entries[cache_key]
        found = self.entries[cache_key] = knowledge.entry_for(kind, text, sorts, like)
        return found

    def topic_countries(self, topic: str | None) -> frozenset[str]:
        """The countries a topic's name places its facts in ("Norse gods", "Japan")."""
        if not topic or not self.reference:
            return frozenset()
        found = self.topic_places.get(topic)
        if found is None:
            found = self.topic_places[topic] = read_names(topic).countries
        return found

    def table_place(self, entry: Entry) -> int:
        """A table entry's place among its equals: a seeded hash, the same for every question."""
        place = self.table_places.get(entry.name)
        if place is None:
            place = self.table_places[entry.name] = _hash(
                str(self.seed), self.deck_id, "table", entry.name
            )
        return place

    def sort_name(self, fact: Fact) -> str | None:
        """The sort word a word fact's wrong options must share, for the teacher's warning."""
        if fact.answer_kind not in WORD_KINDS:
            return None
        found = self.profile(fact.answer_kind, fact.answer)
        if found is None or not found.sorts:
            return None
        # The shortest of the strongest: "agency" rather than "space agency"; a person's
        # role as the deck words it ("lawyer"), not its family ("judge").
        worded = found.strong - (role_families(found.strong) - found.stated)
        return min(worded or found.strong or found.weak, key=lambda word: (len(word), word))

    def stem_countries(self, fact: Fact) -> tuple[str, ...]:
        """The countries a word question names, when the table judges its options (for the
        teacher's warning: "the question names Netherlands")."""
        if not self.reference or fact.answer_kind not in _NAME_KINDS:
            return ()  # a term's options are not held to the stem's countries
        sorts = self.word_profile(fact.answer_kind, fact.answer).sorts
        key = knowledge.key_entry_for(fact.answer_kind, fact.answer, fact.accept, sorts)
        return knowledge.countries_named(fact, key)

    def source_of(self, kind: Kind, text: str) -> OptionSource:
        """Whether a shared candidate is another fact's answer or only a pool entry."""
        answer = (kind, option_key(text, kind)) in self.answered
        return OptionSource.DECK if answer else OptionSource.POOL

    def word_candidates(self, fact: Fact, key: Profile) -> Iterator[tuple[str, bool]]:
        """Word candidates nearest in sort first: (text, shares the key's sort or topic).

        Those of the key's sort come first, then those of its topic, then any of its kind.
        """
        start = _hash(str(self.seed), self.deck_id, "fact", fact.id)
        for label in sorted(key.sorts):
            ring = self.by_sort.get(label)
            if ring is not None:
                yield from ((text, True) for text in ring.walk(start))
        if fact.topic:
            ring = self.by_topic.get((fact.answer_kind, fact.topic))
            if ring is not None:
                yield from ((text, True) for text in ring.walk(start))
            # Then those of a kindred topic ("Greek heroes" beside "Greek gods"): Odysseus
            # before Loki for Perseus, though neither shares his sort.
            for kin in self._kin_topics(fact.answer_kind, fact.topic):
                yield from ((text, False) for text in self.by_topic[kin].walk(start))
        pooled = () if key.sorts else self.kind_pooled
        kind = fact.answer_kind
        yield from ((text, (kind, text) in pooled) for text in self.shared(fact))

    def _kin_topics(self, kind: Kind, topic: str) -> list[tuple[Kind, str]]:
        """The deck's other topics of `kind` that share a telling word with `topic`, in name
        order: "Greek heroes" and "Greek gods", but not "Topic 3" and "Topic 4" (a word
        that (nearly) every topic of the deck has tells nothing). Worked out once per topic."""
        found = self.kin_topics.get((kind, topic))
        if found is None:
            topics = {name for _, name in self.by_topic}
            common = Counter(word for name in topics for word in _topic_words(name))
            telling = {w for w in _topic_words(topic) if _telling(common[w], len(topics))}
            found = self.kin_topics[(kind, topic)] = sorted(
                other
                for other in self.by_topic
                if other[0] is kind and other[1] != topic and telling & _topic_words(other[1])
            )
        return found

    def shared(self, fact: Fact) -> Iterator[str]:
        """Other answers and pool entries of the fact's kind, in this fact's seeded order."""
        ring = self.rings.get(fact.answer_kind)
        if ring is not None:
            yield from ring.walk(_hash(str(self.seed), self.deck_id, "fact", fact.id))


_UNKNOWN = Profile("")


def _telling(topics_with_it: int, topics: int) -> bool:
    """Whether a word that this many of a deck's topics have sets some apart: not when all
    have it, nor past two thirds of six or more ("Topic 1" ... "Topic 25")."""
    if topics_with_it >= topics:
        return False
    return topics < 6 or 3 * topics_with_it <= 2 * topics


@functools.lru_cache(maxsize=1024)
def _topic_words(topic: str) -> frozenset[str]:
    """A topic's words that say what it is about ("Greek heroes": greek, hero)."""
    return (
        frozenset(singular(word) for word in normalize_text(topic).split() if len(word) > 3)
        - _TOPIC_FILLER
    )


#: Words that many topics share without being about the same thing.
_TOPIC_FILLER = frozenset("and the of early late modern ancient history world".split())


class OptionFilter:
    """The quality rules a single wrong option must pass, whatever its source."""

    def __init__(self, fact: Fact, prompt: str) -> None:
        self.fact, self.prompt = fact, prompt
        self.kind = fact.answer_kind
        self.taken = {option_key(fact.answer, self.kind)}
        self.taken |= {option_key(form, self.kind) for form in fact.accept}

    # The views of the question below are computed on first use: numeric options only need
    # `mentioned`, word options only the others (and many facts never reach the filter).
    @functools.cached_property
    def right_words(self) -> list[str]:
        """The answer and its accepted forms, normalised and padded for word search."""
        return [f" {normalize_text(form)} " for form in (self.fact.answer, *self.fact.accept)]

    @functools.cached_property
    def context(self) -> str:
        """The question's prompt and statement, normalised and padded for word search."""
        return f" {normalize_text(self.prompt)} {normalize_text(self.fact.text)} "

    @functools.cached_property
    def stemmed(self) -> str:
        """The context with plurals and possessives cut to their stem ("babbages" -> "babbage")."""
        return f" {stemmed(self.context)} "

    @functools.cached_property
    def digit_runs(self) -> set[str]:
        """The significant digits of every number written in the question (a cheap test)."""
        return {_digits_of(run) for run in _DIGIT_RUN.findall(f"{self.prompt}\n{self.fact.text}")}

    @functools.cached_property
    def stated_parts(self) -> frozenset[str]:
        """The parts of a date key the question states elsewhere: "London 2012 opened on 27
        July 2012" fixes the year, so no option may move it (raters: "cannot open in 2010")."""
        answer = value_of(self.fact.answer, Kind.DATE)
        if not isinstance(answer, DateValue):
            return frozenset()
        rest = f"{self.prompt} {self.fact.text}".replace(self.fact.answer, " ").casefold()
        stated = set()
        if re.search(rf"(?<!\d){answer.value.year}(?!\d)", rest):
            stated.add("year")
        if re.search(rf"\b{_MONTH_NAMES[answer.value.month - 1]}\b", rest):
            stated.add("month")
        return frozenset(stated)

    @functools.cached_property
    def mentioned(self) -> set[tuple[object, ...]]:
        """Numbers in the question's text, by value: "$2 billion" is in "up from $2,000
        million", while "5%" is not in "2.5%" (as a word search on normalised text would say)."""
        return {_mention_key(q) for q in find_quantities(f"{self.prompt}\n{self.fact.text}")}

    @functools.cached_property
    def word_before_blank(self) -> str | None:
        """The capitalised word the statement puts right before the answer ("the Lockheed
        ___"), which an option must not repeat ("Lockheed U-2" would read "Lockheed
        Lockheed U-2")."""
        start = span_start(self.fact.text, self.fact.answer)
        words = self.fact.text[:start].split() if start > 0 else []
        last = words[-1] if words else ""
        return last.casefold() if last[:1].isupper() and last.isalpha() else None

    def allows(self, option: str) -> bool:
        """True if `option` is new, not in the question's text and of the answer's kind."""
        return self.refusal(option) is None

    def refusal(self, option: str) -> str | None:
        """Why `option` cannot be offered (for the teacher), or None when it can."""
        if option_key(option, self.kind) in self.taken:
            return "it repeats the answer or another option"
        if self.kind in _QUANTITY_KINDS:
            value = value_of(option, self.kind)
            if not isinstance(value, Quantity):
                return f"it does not read as {self.kind.value}"
            # Full parsing of the question's numbers is only needed when its digits could
            # name this value at some scale ("2,000" in "$2,000 million" for "$2 billion"); a
            # scan for digit runs rules most options in cheaply.
            if _digits_of(f"{value.value.copy_abs():f}") not in self.digit_runs:
                return None
            return _IN_QUESTION if _mention_key(value) in self.mentioned else None
        if self.kind is Kind.DATE:  # no stems: a date's words are not plurals
            words = f" {normalize_text(option)} "
            if not words.strip():
                return "it has no words"
            if words in self.context:
                return _IN_QUESTION
            return None if value_of(option, self.kind) is not None else "it does not read as date"
        words, forms = _option_words(option)
        if not words.strip():
            return "it has no words"
        before = self.word_before_blank
        if before is not None and option.split()[0].casefold() == before:
            return "it repeats the word before the blank"  # "the Lockheed Lockheed U-2"
        # Named in the stem, possessive or plural too: "Charles Babbage" for "Babbage's machine"
        # (a person by the surname), "neuron" for "neurons".
        if forms in self.stemmed:
            return _IN_QUESTION
        if self.kind is Kind.PERSON and f" {forms.split()[-1]} " in self.stemmed:
            return "the question names this person"  # "Volodymyr Zelenskyy" for "Zelenskyy"
        # An option holding a right answer ("Minsk Protocol" beside accept "Minsk") is no
        # wrong option, nor is one the answer holds ("Trump" for "Donald Trump").
        if any(words in right or right in words for right in self.right_words):
            return "it holds the answer, or the answer holds it"
        if self.kind is Kind.PERSON and self.founder and _LATER_REGNAL.search(option):
            return "its number says it was not the first of its name"  # Mehmed II, a founder
        return None

    @functools.cached_property
    def founder(self) -> bool:
        """Whether the question asks for the founder of a line of rulers, whose name carries
        no later regnal number ("The Ottoman dynasty takes its name from its founder, ___": no
        Mehmed II). Not of anything else: Louis XIV founded academies."""
        if _LATER_REGNAL.search(self.fact.answer):
            return False
        text = f"{self.prompt} {self.fact.text}"
        return bool(_FOUNDING.search(text) and _LINE_OF_RULERS.search(text))

    def names_other_name(self, entry: Entry) -> bool:
        """Whether the question names a table entry by another of its names: no "Meta" for
        "In 2014 Facebook agreed to buy ___" (the buyer is no option for the bought)."""
        return any(_option_words(alias)[0] in self.context for alias in entry.aliases)

    def take(self, option: str) -> None:
        """Remember a chosen option so no later one repeats it."""
        self.taken.add(option_key(option, self.kind))


_QUANTITY_KINDS = NUMERIC_KINDS - {Kind.DATE}
#: A regnal number after the first ("Mehmed II", "Henry VIII").
_LATER_REGNAL = re.compile(r"\b(?:I{2,3}|IV|VI{0,3}|IX|XI{1,3}|XIV|XVI{0,3}|XIX|XX)$")
_LINE_OF_RULERS = re.compile(
    r"\b(?:dynasty|dynasties|empire|sultanate|caliphate|kingdom|house of|royal house)\b",
    re.IGNORECASE,
)
_FOUNDING = re.compile(r"\b(?:found(?:er|ers|ress|ed|ing)|establish(?:ed|er))\b", re.IGNORECASE)
_IN_QUESTION = "it occurs in the question"
_TENTH = Decimal("0.1")
_NAME_KINDS = frozenset({Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION})
_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


@functools.lru_cache(maxsize=4096)
def _option_words(option: str) -> tuple[str, str]:
    """An option's normalised words and their stems, padded for word search: the same few
    dozen candidates are tested against every question of a deck."""
    words = f" {normalize_text(option)} "
    return words, f" {stemmed(words)} "


def _digits_of(number: str) -> str:
    # "2", "2,000" and "2000000000" share "2": the same digits at another scale.
    return number.replace(",", "").replace(".", "").strip("0")


def _mention_key(quantity: Quantity) -> tuple[object, ...]:
    # Percentages, money (by currency) and plain counts or years are told apart.
    family = quantity.kind if quantity.kind in (Kind.MONEY, Kind.PERCENT) else Kind.NUMBER
    return (family, quantity.currency, quantity.value.normalize())


@functools.lru_cache(maxsize=1 << 16)
def stemmed(text: str) -> str:
    """Normalised words cut to a singular stem, so "Babbage's" and "cells" match their names."""
    return " ".join(singular(word) for word in normalize_text(text).split())


_VOWEL_SOUND = re.compile(
    r"(?!u[nsrt][aeiou]|uni|eu|one\b|once\b)[aeiou]|h(?:our|onest|onou?r|eir)", re.I
)


def article_fits(article: str | None, option: str) -> bool:
    """ "a compiler", "an interpreter": the stem's "a" or "an" before the blank agrees."""
    if article is None:
        return True
    return (article == "an") == bool(_VOWEL_SOUND.match(option))


def _similar_term(answer: str, option: str, number: str | None = None) -> bool:
    """Alike in shape, and agreeing with the stem's verb: no "kidneys" for "the ___ is"."""
    # Shared terms from elsewhere in the deck read as absurd when their shape differs a lot.
    if abs(len(answer.split()) - len(option.split())) > 1:
        return False
    plural = looks_plural(option)
    return not (number == "one" and plural) and not (number == "many" and plural is False)


def _near(answer: DateValue | Quantity, option: str, kind: Kind, as_of: int) -> bool:
    value = value_of(option, kind)
    if isinstance(answer, DateValue) and isinstance(value, DateValue):
        return (
            value.style == answer.style  # no "9 October 2002" among "2000-12-15", "2000-12-18"
            and abs((value.value - answer.value).days) <= 3 * 366
            and value.value.year <= as_of
        )
    if not isinstance(answer, Quantity) or not isinstance(value, Quantity):
        return False
    if kind is Kind.YEAR:
        return abs(value.value - answer.value) <= 15 and value.value <= as_of
    if value.unit != answer.unit:
        return False  # "9 planets" is no option for "8 minutes", nor "6 percent" beside "31%"
    if kind is Kind.PERCENT:
        # Another fact's "5%" is no option for the 78% of nitrogen in air (raters: "obviously
        # extreme"): the deck's percentages keep to the generated ones' reach.
        near = abs(value.value - answer.value) <= _PERCENT_REACH
        return near and _believable_percent(answer.value, value.value)
    if answer.currency != value.currency or answer.value == 0:
        return False
    if kind is Kind.NUMBER and (value.decimals == 0) != (answer.decimals == 0):
        return False  # no "57.8" among counts, no "12" among measurements like "95.4"
    ratio = value.value / answer.value
    if kind is Kind.NUMBER:
        return _MEASURE_LOW <= ratio <= _MEASURE_HIGH
    return _TENTH <= ratio <= 10


_APPROXIMATE = re.compile(
    r"\b(?:about|around|roughly|approximately|nearly|almost|some|circa|over|under|more than|"
    r"less than|up to)\s*$",
    re.IGNORECASE,
)
#: Beside an approximate key ("about 70%"), an option this close (relative) would be right too.
_APPROXIMATE_GAP = Decimal("0.1")


def _approximate_gap(fact: Fact, key: Decimal) -> Decimal:
    """How far an option must lie from a key the statement calls approximate ("about $10
    billion" is no key beside "$9.5 billion"), else 0."""
    start = fact.text.find(fact.answer)
    if start < 0 or not _APPROXIMATE.search(fact.text[max(0, start - 20) : start]):
        return Decimal(0)
    return abs(key) * _APPROXIMATE_GAP


#: How far apart from a year the statement calls approximate its options lie.
_YEARS_APART = Decimal(10)


def _decades_around(year: Decimal, as_of: int) -> list[Decimal]:
    """Years one to five decades from an approximate year, not after `as_of`."""
    steps = (-10, 10, -20, 20, -30, 30, -40, 40, -50, 50)
    return [year + s for s in steps if _same_era(year + s, year) and year + s <= as_of]


def _same_era(year: Decimal, key: Decimal) -> bool:
    """A year on the key's side of the calendar: BC beside a year BC ("515 BC" for "509 BC",
    never year zero or one AD), any AD year beside one written with its era ("476 AD"), and
    from 1000 on beside a plain year."""
    if key < 0:
        return year < 0
    if key < MIN_YEAR:
        return year > 0
    return year >= MIN_YEAR


def _believable_percent(key: Decimal, value: Decimal) -> bool:
    """0% and 100% only beside a key close to them: "100%" is no guess for "60%"."""
    if value <= 0 or value > 100:
        return False
    return value < 100 or key >= _PERCENT_NEAR_ALL


def _significant(value: Decimal) -> int:
    digits = value.normalize().as_tuple().digits
    return max(len(digits), 1)


def _round_to(value: Decimal, figures: int) -> Decimal:
    if value == 0:
        return value
    exponent = value.adjusted() - figures + 1
    quantum = Decimal(1).scaleb(exponent)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


_NEAR_YEARS = (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6)
_FAR_YEARS = (*_NEAR_YEARS, -8, 8, -10, 10, -12, 12)


def _quantity_values(
    answer: Quantity, kind: Kind, as_of: int, wide: bool = False
) -> Iterable[Decimal]:
    """Values near the key; `wide`: the older, wider spread, only when the near ones are
    too few for the options asked (a round "20" has 10, 15, 25 and 30 near it)."""
    value = answer.value
    if kind is Kind.YEAR:
        # Within six years, and further only when those are too few: 1933 and 1935 for a
        # 1943 armistice are "pre-war years for a wartime event" (raters, n13).
        offsets = _FAR_YEARS if wide else _NEAR_YEARS
        return (
            value + offset
            for offset in offsets
            # A year after `as_of` is itself a forecast: then only the calendar bounds apply.
            if _same_era(value + offset, value)
            and value + offset <= (MAX_YEAR if value > as_of else as_of)
        )
    if kind is Kind.PERCENT:
        unit = Decimal(1).scaleb(-answer.decimals)
        if value % 10 == 0 and (value >= 30 or value == 0):
            step = Decimal(10)
        elif value % 5 == 0 and value >= 10:
            step = Decimal(5)
        else:
            # A step in the last written digit ("12.4%" for "12.5%") makes a trick question:
            # step by half the answer's order of magnitude instead (33% -> 28%, 38%).
            step = max(unit, Decimal(1).scaleb(value.adjusted()) / 2)
        # Within 20 points: "91%" of the Earth's surface water for 71%, "10%" of the body
        # water for 60%, were rated obviously extreme.
        return (
            value + step * k
            for k in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6)
            if _believable_percent(value, value + step * k)
            and value + step * k > 0
            and (wide or abs(step * k) <= _PERCENT_REACH)
        )
    written = answer.written
    if _is_data_size(answer):
        powers = (Decimal(2) ** k for k in (-1, 1, -2, 2, -3, 3, 4))
        return (value * p for p in powers if value * p >= 1)
    if not answer.decimals and written == written.to_integral_value() and abs(written) <= 12:
        step = Decimal(answer.multiplier)
        # Counts stay on their side of zero: no "-1 moons" for 1, no "0 troops" for 2.
        steps = [value + step * k for k in (-1, 1, -2, 2, -3, 3, 4, -4, 5, 6, -5, -6)]
        steps = [v for v in steps if (v > 0) == (value >= 0) and v != 0]
        if kind is Kind.NUMBER and abs(written) >= 3:
            # "14 planets" for 8 fools nobody: half to one and a half times the key.
            most = abs(value) * (2 if wide else Decimal("1.5"))
            steps = [v for v in steps if abs(value) / 2 <= abs(v) <= most]
        if step > 1 and abs(written) <= 2:
            # "$1 billion" would always be the smallest option: "$500 million" reads naturally.
            steps += [value / 2, value * 3 / 4]
        return steps
    if wide:
        factors = _WIDE_MEASURE_FACTORS if kind is Kind.NUMBER else _FACTORS
    else:
        factors = _MEASURE_FACTORS if kind is Kind.NUMBER else _MONEY_FACTORS
    ending = _price_ending(answer) if kind is Kind.MONEY else None
    if ending is not None:
        # "$3,995" gets "$2,995" and "$4,995": a shop's price among odd sums stands out.
        step, rest = ending
        return sorted(
            {(value * f / step).to_integral_value(ROUND_FLOOR) * step + rest for f in factors}
            - {value}
        )
    if answer.decimals and answer.multiplier == 1:
        # The written decimals are the precision to keep: "95.4" -> "114.5", not "114.0".
        unit = Decimal(1).scaleb(-answer.decimals)
        if kind is Kind.NUMBER and not wide and _significant(written) >= _UNEVEN_FROM:
            factors = _PRECISE_FACTORS
        return ((value * factor).quantize(unit, rounding=ROUND_HALF_UP) for factor in factors)
    if kind is Kind.NUMBER and _significant(written) == 1 and abs(written) >= 10:
        # A round key gets round options: "about 70" -> 55, 60, 85, 90 (never 56 or 84).
        leading = int(abs(written).scaleb(-written.adjusted()))
        quantum = Decimal(1 if leading == 1 else 5).scaleb(value.adjusted() - 1)
        return ((value * f / quantum).to_integral_value(ROUND_HALF_UP) * quantum for f in factors)
    grid = _round_step(answer) if kind is Kind.MONEY else None
    if grid is not None:
        # A prize of "£10,000" or "$25,000" among "£12,000" and "$38,000": raters called
        # the odd sums made up. Round sums stay on the key's grid: £5,000, £15,000, £20,000.
        return ((value * f / grid).to_integral_value(ROUND_HALF_UP) * grid for f in factors)
    figures = max(_significant(written), 2 if abs(written) >= 10 else 1)
    if figures >= _UNEVEN_FROM:
        # "$25.8 billion" -> "$51.6 billion", "$77.4 billion": exact multiples of a precise
        # key point to it. Each factor is moved a little, the same way every time.
        return (_round_to(value * _uneven(factor, value), figures) for factor in factors)
    return (_round_to(value * factor, figures) for factor in factors)


#: Keys written to this many significant figures get options that are no exact multiple.
_UNEVEN_FROM = 3


def _round_step(answer: Quantity) -> Decimal | None:
    """The grid of a round sum written whole: 5,000 for "£10,000" and "$25,000", 100 billion
    for "$700 billion"; None for a sum of other figures ("$2.7 billion", "$23,000")."""
    written = answer.written
    if answer.decimals or written != written.to_integral_value() or abs(written) < 10:
        return None
    digits = written.normalize().as_tuple()
    if len(digits.digits) > 2 or (len(digits.digits) == 2 and digits.digits[-1] != 5):
        return None
    last = int(digits.exponent)  # the place of the last written digit, in `written`
    if len(digits.digits) == 2:
        step = Decimal(5).scaleb(last)  # "$25,000": on 5,000s
    elif digits.digits[0] == 1:
        step = Decimal(5).scaleb(last - 1)  # "£10,000": on 5,000s
    else:
        step = Decimal(1).scaleb(last)  # "$700 billion": on 100 billions
    return step * answer.multiplier


def _price_ending(answer: Quantity) -> tuple[Decimal, Decimal] | None:
    """(step, ending) of a shop price ("$3,995": 100 and 95; "$9.99": 1 and 0.99), else None."""
    value = answer.value
    if answer.multiplier != 1 or value <= 0:
        return None
    if answer.decimals == 2 and value % 1 in (Decimal("0.99"), Decimal("0.95")) and value > 1:
        return Decimal(1), value % 1
    if answer.decimals == 0 and value >= 100 and value % 100 in (95, 99):
        return Decimal(100), value % 100
    return None


def _uneven(factor: Decimal, value: Decimal) -> Decimal:
    """The factor moved by 1 to 8%, by a hash of the key's value: seeded, never random."""
    step = _hash(f"{value.normalize()}", f"{factor}") % 16 - 8  # -8 .. +8 percent, never 0
    return factor * (1 + Decimal(step if step < 0 else step + 1) / 100)


def _is_data_size(answer: Quantity) -> bool:
    """ "8 bits", "4 KB", "16 GB": a size that lives on powers of two."""
    whole = answer.value == answer.value.to_integral_value() and answer.value >= 1
    if not whole or not _DATA_UNIT.fullmatch(answer.suffix):
        return False
    number = int(answer.value)
    return number & (number - 1) == 0


def _date_values(answer: DateValue, as_of: int) -> Iterable[date]:
    day = answer.value
    if answer.style == "month-year":
        shifts = [(0, m) for m in (-1, 1, -2, 2, -3, 3, -6, 6)] + [(-1, 0), (1, 0), (-2, 0)]
    else:
        shifts = [(0, 0)] + [(0, m) for m in (-1, 1, -2, 2, -4, 4)] + [(-1, 0), (1, 0), (-2, 0)]
    for years, months in shifts:
        month_index = day.month - 1 + months
        year = day.year + years + month_index // 12
        try:
            moved = day.replace(year=year, month=month_index % 12 + 1)
        except ValueError:
            continue
        if (years, months) == (0, 0):
            for days in (-7, 7, -3, 3, -10, 10):
                near = moved + timedelta(days=days)
                if near.year <= as_of:
                    yield near
        elif MIN_YEAR <= moved.year <= as_of:
            yield moved


_DAY_SHIFTS = (-10, -7, -5, -3, 3, 5, 7, 10)
_MONTH_SHIFTS = (-3, -2, -1, 1, 2, 3, 4)
_YEAR_SHIFTS = (-2, -1, 1, 2)
#: How many grids are tried before falling back to single changes (a grid cell may be in
#: the question's text, or fall on an impossible day).
_GRID_TRIES = 4


def _date_grid(
    answer: DateValue, needed: int, rule: OptionFilter, rng: random.Random, as_of: int
) -> list[Sourced]:
    """Dates on a grid of two changed parts, so no option is the consensus of the others.

    Changing one part of the key per option makes the key the one that shares most with the
    rest. With two parts that each take two (or three) values, every option shares as much
    with the others as the key does: "3 December 1967" among "3 December 1968", "10
    December 1967" and "10 December 1968".
    """
    total = needed + 1
    if total < 3:
        return []
    every = ("month", "year") if answer.style == "month-year" else ("day", "month", "year")
    parts = [part for part in every if part not in rule.stated_parts]
    if len(parts) < 2:
        return []
    for _ in range(_GRID_TRIES):
        first, second = rng.sample(parts, 2)
        rows = [0, *_shifts(first, answer.value, as_of, rng, 1)]
        cols = [0, *_shifts(second, answer.value, as_of, rng, (total + 1) // 2 - 1)]
        if len(rows) < 2 or len(cols) < (total + 1) // 2:
            continue
        cells = [(r, c) for r in rows for c in cols if (r, c) != (0, 0)]
        rng.shuffle(cells)
        found: list[Sourced] = []
        for r, c in cells:
            moved = _moved(answer.value, {first: r, second: c})
            text = format_date(answer, moved) if moved else ""
            if not moved or not rule.allows(text):
                break  # a grid with a hole gives the key away again: try another
            found.append((text, OptionSource.GENERATED))
            if len(found) == needed:
                for option, _ in found:
                    rule.take(option)
                return found
    return []


_MONTH_NAMES = tuple(month.casefold() for month in MONTHS)  # as `format_date` writes them


def _keeps_stated(rule: OptionFilter, answer: DateValue, candidate: Candidate) -> bool:
    """Whether a date option keeps the parts of the key the question states."""
    stated = rule.stated_parts
    if not stated:
        return True
    value = value_of(candidate, Kind.DATE) if isinstance(candidate, str) else None
    option = value.value if isinstance(value, DateValue) else candidate
    if not isinstance(option, date):
        return False
    if "year" in stated and option.year != answer.value.year:
        return False
    return "month" not in stated or option.month == answer.value.month


def _shifts(part: str, day: date, as_of: int, rng: random.Random, count: int) -> list[int]:
    """`count` distinct non-zero shifts of one date part, near the key and in range."""
    if part == "day":
        fitting = [s for s in _DAY_SHIFTS if 1 <= day.day + s <= 28]
    elif part == "month":
        fitting = [s for s in _MONTH_SHIFTS if 1 <= day.month + s <= 12]
    else:
        fitting = [s for s in _YEAR_SHIFTS if MIN_YEAR <= day.year + s <= as_of]
    return rng.sample(fitting, count) if len(fitting) >= count else []


def _moved(day: date, shifts: dict[str, int]) -> date | None:
    """`day` with its day, month and year shifted, or None if that day does not exist."""
    try:
        return day.replace(
            year=day.year + shifts.get("year", 0),
            month=day.month + shifts.get("month", 0),
            day=day.day + shifts.get("day", 0),
        )
    except ValueError:
        return None


#: A generated value, written out only if drawn (most never are), or a shared option's text.
Candidate = Decimal | date | str


def _candidates(
    answer: DateValue | Quantity, kind: Kind, as_of: int, wide: bool = False
) -> list[tuple[Decimal, Candidate]]:
    """Generated values, each with its place in sort order."""
    if isinstance(answer, DateValue):
        return [(Decimal(moved.toordinal()), moved) for moved in _date_values(answer, as_of)]
    return [(value, value) for value in _quantity_values(answer, kind, as_of, wide)]


def _written(answer: DateValue | Quantity, candidate: Candidate) -> str:
    """A candidate as an option's text, written like the answer."""
    if isinstance(candidate, str):
        return candidate
    if isinstance(answer, DateValue):
        assert isinstance(candidate, date)
        return format_date(answer, candidate)
    assert isinstance(candidate, Decimal)
    return _agreeing(format_quantity(answer, candidate), answer, candidate)


def _agreeing(text: str, answer: Quantity, value: Decimal) -> str:
    """The unit in the number of the value: "1 litre", "2 litres" (never "1 litres")."""
    suffix = answer.suffix
    if not suffix or answer.scale or suffix[-1:] == "%":
        return text  # most amounts: nothing to agree
    words = suffix.split()
    if not words or not text.endswith(suffix) or not words[0].isalpha() or not words[0].islower():
        return text
    unit = words[0]
    if len(unit) < 3 or answer.scale:
        return text  # "km", "kg": symbols have no plural; "$1 billion" stays
    one = abs(value) == 1
    if one and answer.value != 1 and singular(unit) != unit:
        unit = singular(unit)
    elif not one and answer.value == 1 and singular(unit) == unit:
        unit = _plural(unit)
    else:
        return text
    lead = suffix[: len(suffix) - len(suffix.lstrip())]
    return text[: len(text) - len(suffix)] + lead + " ".join([unit, *words[1:]])


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _reads_right(answer: DateValue | Quantity, text: str, kind: Kind) -> bool:
    """A written candidate still reads as the kind, on the answer's side of zero."""
    written = value_of(text, kind)
    if isinstance(answer, DateValue):
        return isinstance(written, DateValue)
    return _keeps_sign(answer, written)


def generated(fact: Fact, as_of: int) -> list[str]:
    """Numeric distractors that read like the answer: same currency, format and precision."""
    kind = fact.answer_kind
    answer = value_of(fact.answer, kind)
    if answer is None:
        return []
    texts = [_written(answer, value) for _, value in _candidates(answer, kind, as_of)]
    return [text for text in texts if _reads_right(answer, text, kind)]


def _keeps_sign(answer: Quantity, written: DateValue | Quantity | None) -> bool:
    # Rounding to the answer's precision can turn a small value into "$0.00" or "0.0".
    if not isinstance(written, Quantity):
        return False
    if written.value == 0:
        return answer.value == 0
    return (written.value < 0) == (answer.value < 0)


def sort_key(kind: Kind, answer: str | None = None) -> Callable[[str], Decimal] | None:
    """Ascending order by value, for options that read best in order (None: keep shuffled).

    Numbers, years and dates are ordered, and so are counts written in words ("three").
    """
    if kind not in NUMERIC_KINDS:
        if answer is None or kind is not Kind.TERM or number_word(answer) is None:
            return None
        return lambda option: Decimal(number_word(option) or 0)
    return _value_order(kind)


def _value_order(kind: Kind) -> Callable[[str], Decimal]:
    def key(option: str) -> Decimal:
        value = value_of(option, kind)
        if isinstance(value, DateValue):
            return Decimal(value.value.toordinal())
        if isinstance(value, Quantity):
            return value.value
        return Decimal(0)

    return key


def fact_rng(seed: int, deck_id: str, fact_id: str) -> random.Random:
    """The generator for one fact's choices: same inputs, same question, on any machine."""
    return random.Random(f"{seed}:{deck_id}:{fact_id}")


#: As many as there are: for listing every candidate.
_EVERY = 1 << 20

#: A wrong option and where it came from.
Sourced = tuple[str, OptionSource]


def choose_distractors(
    fact: Fact, prompt: str, index: DeckIndex, rng: random.Random, wanted: int
) -> list[Sourced]:
    """Up to `wanted` wrong options, each with its source: curated first, then shared, then
    generated numbers.

    For numeric kinds the non-curated options are split above and below the answer so that
    the answer's rank among the sorted options is spread evenly, not always the middle.
    """
    rule = OptionFilter(fact, prompt)
    curated = [option for option in dict.fromkeys(fact.distractors) if rule.allows(option)]
    chosen = rng.sample(curated, wanted) if len(curated) > wanted else curated
    for option in chosen:
        rule.take(option)
    kind = fact.answer_kind
    sourced = [(option, OptionSource.TEACHER) for option in chosen]
    needed = wanted - len(chosen)
    if kind in WORD_KINDS:
        count = number_word(fact.answer) if kind is Kind.TERM else None
        if count is not None:
            bounds = count_bounds(fact)
            return sourced + _number_words(fact.answer, count, rule, rng, needed, bounds)
        return sourced + _word_options(fact, rule, index, needed, have=len(chosen))
    return sourced + _balanced_numbers(fact, rule, index, rng, needed, chosen)


def key_text(fact: Fact) -> str:
    """The right answer as an option: "haemoglobin", not the capital that began its sentence."""
    return display_form(fact.text, fact.answer, fact.answer_kind, fact.distractors)


_ARTICLES = ("a ", "an ", "the ")
#: How many more word candidates than needed are weighed for era and length.
LOOKAHEAD = 4
#: A key this many times longer than an option (and 10 characters more) stands out.
LONG_RATIO = 1.6


def _word_options(
    fact: Fact, rule: OptionFilter, index: DeckIndex, needed: int, have: int = 0
) -> list[Sourced]:
    """Other answers and pool entries of the key's sort, era and place, written alike; and,
    when those are too few or not the best, well-known ones from the reference table."""
    if needed <= 0:
        return []
    kind = fact.answer_kind
    key = index.word_profile(kind, fact.answer)
    years, place = index.stems.get(fact.id, ((), None))
    stem_years = years if kind is not Kind.PLACE else ()
    if place and f" {place} " not in rule.context:
        place = None  # the teacher's question does not say where
    roles: frozenset[str] = frozenset()
    if kind is Kind.PERSON and index.reference:
        # A trade the topic names counts as the deck's word for the key's: "Architects"
        # holds St Paul's to architects (not Wren's fellow mathematicians).
        topic = _topic_words(fact.topic) if fact.topic else frozenset()
        roles = knowledge.roles_of(key.strong | topic)
    stem = knowledge.read_stem(
        fact,
        stem_years,
        index.as_of,
        index.reference,
        relaxed=fact.id in index.relaxed,
        roles=roles,
        names=index.names.get(fact.id),
        when=knowledge.since_floor(years) if kind is Kind.PLACE and index.reference else None,
    )
    key_entry = (
        knowledge.key_entry_for(kind, fact.answer, fact.accept, key.sorts)
        if index.reference
        else None
    )
    if (
        key_entry is not None
        and kind is Kind.PLACE
        and stem.part_countries
        and not same_country(key_entry.countries, stem.part_countries)
    ):
        # "___, Massachusetts": not the table's Cambridge, in England, but a namesake it
        # does not know; judged as unknown, held to the state's country (no Geneva).
        key_entry = None
    if kind is Kind.PERSON and key_entry is not None and stem.years:
        # "... murdered in Mexico in 1940": the year of the key's death (or birth) dates no
        # deed, and held Bukharin (died 1938) out of Trotsky's Red Army; the key's own
        # working years date the options then.
        lived = (key_entry.start, key_entry.end)
        deeds = tuple(year for year in stem.years if year not in lived)
        if deeds != stem.years:
            stem = replace(stem, years=deeds)
            stem_years = deeds
    placed = index.topic_countries(fact.topic)  # where the key's topic holds its options
    # A few more are looked at than needed, so that those known to be of the stem's time
    # come first, and a long key does not stand alone among short names.
    enough = needed + LOOKAHEAD
    found: list[tuple[int, str, str, OptionSource]] = []
    unsettled: list[bool] = []
    seen: set[str] = set()
    nearest_found = 0
    # Whether a candidate is of the key's sort, era, place and form, and how near, depends on
    # the key and what the stem says of it, not on this fact's other words: judged once per
    # (key, stem), however many facts ask for the same key ("Lima", "the World Bank").
    judged = index.judged.setdefault(
        (kind, fact.answer, stem, stem_years, place, placed, id(key_entry)), {}
    )
    for text, near in index.word_candidates(fact, key):
        if len(found) >= needed and (len(found) >= enough or not any(unsettled[:needed])):
            break
        if text in seen or text in fact.distractors:
            continue
        seen.add(text)
        verdict = judged.get((text, near))
        if verdict is None:
            verdict = judged[(text, near)] = _judge_candidate(
                fact, key, key_entry, stem, stem_years, place, placed, index, text, near
            )
        entry, weighed = verdict
        if entry is not None:
            seen.add(entry.name)  # no "Kalahari Desert" from the table beside "Kalahari"
        # The question's own words last: the dearest test, for the few that get this far.
        if weighed is None or not rule.allows(text):
            continue
        if entry is not None and rule.names_other_name(entry):
            continue
        rank, shown, source, unsure, nearest = weighed
        nearest_found += nearest
        found.append((rank, text, shown, source))
        # Worth looking further: undated beside a dated stem, short beside a long key, or a
        # penalty from the table (a nearer one of the same standing is only a preference).
        unsettled.append(unsure)
    # The table is asked when the deck's own are too few, or, beside a key it knows, not the
    # nearest to be had: Nanjing, Shenzhen and Yan'an, the deck's Chinese cities, had kept
    # Busan and Daegu out of the landing at Inchon (raters: "Chinese cities for Korea").
    if index.reference and (
        sum(1 for item in found if item[0] < _RANK_STEP) < needed
        or (key_entry is not None and nearest_found < needed)
    ):
        found += _reference_options(fact, key, key_entry, stem, rule, index, seen, enough)
    found.sort(key=lambda item: item[0])  # stable: the ring's seeded order within each rank
    if kind is Kind.PERSON:
        found = _one_per_surname(found, fact.answer)
    # Only the best few are ever offered or counted (the best come first): no more are
    # compared.
    found = _none_nested(found, max(needed, FEWEST_WRONG))
    # `have`: the teacher's own, chosen already, count among the best.
    if have + sum(1 for item in found if item[0] < _RANK_STEP) >= FEWEST_WRONG:
        # Enough of the best: no fibula beside the stapes and two other ear bones, however
        # many options were asked for (the question has fewer, if the deck's budget allows).
        found = [item for item in found if item[0] < _PRUNED]
    if stem.relaxed:
        # What the table would refuse only fills a relaxed question up to the fewest.
        sure = [item for item in found if item[0] < knowledge.SOFT * _RANK_STEP]
        found = found[: max(len(sure), FEWEST_WRONG - have)]
        chosen = found[:needed]
        if have + len(chosen) >= FEWEST_WRONG:  # it can be asked
            index.strain[fact.id] = (len(chosen) - len(sure[:needed]), sum(r for r, *_ in chosen))
    for _, text, _, _ in found[:needed]:
        rule.take(text)
    return [(shown, source) for _, _, shown, source in found[:needed]]


#: A candidate's table entry (None: unknown, or the deck's alone), and, unless it is no
#: option for the key, its (rank, shown form, source, worth looking further).
_Verdict = tuple[Entry | None, tuple[int, str, OptionSource, bool, bool] | None]


def _judge_candidate(
    fact: Fact,
    key: Profile,
    key_entry: Entry | None,
    stem: knowledge.Stem,
    stem_years: tuple[int, ...],
    place: str | None,
    placed: frozenset[str],
    index: DeckIndex,
    text: str,
    near: bool,
) -> _Verdict:
    """What `_word_options` knows of one candidate before the question's own words are
    consulted: of the key's sort, era, place and form, and how near (see `_word_options`)."""
    kind = fact.answer_kind
    other = index.word_profile(kind, text)
    if other is _UNKNOWN:
        return None, None  # another kind's answer of the same sort: "Mercury" the planet, the god
    entry = index.entry(kind, text, other.sorts, key_entry)
    if not _fits(fact, key, other, near, stem, place, entry):
        return entry, None
    if index.reference and not _named_alike(fact, text, key_entry, entry):
        return entry, None
    source = index.source_of(kind, text)
    # Of a pool named by the sort (`company: [...]`), not only by the kind: what a
    # teacher adds when told "more of its sort from Germany".
    # Or of a pool of its kind in a deck whose title says where its names are from: a
    # Scandinavian king pooled for "Scandinavia and the Baltic" is offered beside Denmark
    # (teachers' pools had done nothing beside a country, in four of six helpers' decks).
    placed_by_title = (kind, text) in index.deck_placed
    pooled = source is OptionSource.POOL and (
        (kind, text) not in index.kind_pooled or placed_by_title
    )
    penalty = knowledge.judge(
        kind,
        key_entry,
        entry,
        stem,
        text,
        pooled=pooled,
        told=other.countries,
        placed=placed,
    )
    if penalty is None and placed_by_title:
        # The title only vouches: beside a country it does not name ("British troops" in
        # Revere's ride, for "The American Revolution"), judged as before, unplaced.
        penalty = knowledge.judge(kind, key_entry, entry, stem, text, placed=placed)
    if penalty is None:
        return entry, None
    if entry is None and key_entry is not None and source is OptionSource.DECK:
        if kind is Kind.PERSON and not knowledge.roles_of(other.sorts) & set(key_entry.sorts):
            # Of a trade the table knows for the key, another fact's answer whose own
            # card says nothing of it is no option: Sher Shah Suri, a ruler, for "the
            # architect Mimar Sinan" (raters: "not an architect"). Pools vouch for theirs.
            return entry, None
        # Another fact's answer the table cannot vouch for, beside a key it knows, is
        # the weakest source of all (and gives the deck's answers away): dropped when
        # two better ones are found.
        penalty += 1
    dated = other.years or (entry is not None and entry.start is not None)
    undated = 1 if stem_years and not dated else 0
    shown_key = len(fact.answer)
    short = 1 if shown_key >= LONG_RATIO * len(text) and shown_key - len(text) >= 10 else 0
    if kind is Kind.ORGANIZATION and is_acronym(text) != is_acronym(fact.answer):
        short = 1  # "ILO" among names written out: raters' "form stands out"
    if kind is Kind.PERSON and (
        titled(text) != titled(fact.answer) or _one_name(text) != _one_name(fact.answer)
    ):
        # "Empress Lü" for a court lady, "Emperor Taizong" for an official: a rank the
        # key does not hold, and a form that stands out (raters). "Mohammad Hatta" beside
        # "Sukarno", who had one name: after those named alike.
        short = 2
    far = knowledge.closeness(kind, key_entry, entry, stem) if entry is not None else 0
    rank = _RANK_STEP * penalty + 2 * far + 2 * undated + short
    if index.reference and source is OptionSource.DECK and kind in _TABLE_FIRST:
        rank += 2  # after the table's equals (see `_TABLE_FIRST`)
    nearest = penalty == 0 and far == 0  # nothing nearer can be had
    return entry, (rank, other.shown, source, bool(penalty or undated or short), nearest)


def _none_nested(
    found: list[tuple[int, str, str, OptionSource]], most: int
) -> list[tuple[int, str, str, OptionSource]]:
    """The first `most` with no option inside another: "United Nations" beside "United
    Nations Security Council" stand out as a pair, and a student drops both (raters)."""
    kept: list[tuple[int, str, str, OptionSource]] = []
    words: list[str] = []
    for item in found:
        if len(kept) >= most:
            break
        mine = f" {normalize_text(item[1])} "
        if any(mine in other or other in mine for other in words):
            continue
        words.append(mine)
        kept.append(item)
    return kept


def _one_per_surname(
    found: list[tuple[int, str, str, OptionSource]], key: str
) -> list[tuple[int, str, str, OptionSource]]:
    """The best of each surname, and none of the key's: "Auguste Lumière" and "Louis
    Lumière" side by side stand out as a pair (raters: "a giveaway pair")."""
    seen = {_surname(key)} - {""}
    kept = []
    for item in found:
        surname = _surname(item[1])
        if surname and surname in seen:
            continue
        if surname:
            seen.add(surname)
        kept.append(item)
    return kept


#: Titles written after a name, which no family shares: Davud Agha and Sedefkâr Mehmed
#: Agha, Genghis Khan and Kublai Khan may stand side by side.
_TITLES_AFTER = frozenset("agha aga pasha bey effendi khan shah".split())


def _surname(name: str) -> str:
    """The family name a name ends in, casefolded ("" for one word, or a title after it)."""
    words = name.split()
    last = words[-1].casefold() if len(words) > 1 else ""
    return "" if last in _TITLES_AFTER else last


#: Kinds whose other answers in the deck come after the table's candidates of the same
#: standing: over three blind reads (n10-n12) raters found 39% of the deck's own places
#: plausible against 74% of the table's, and 20% of its organizations against 25% (they are
#: "the key of another item", and a student who knows the deck rules them out).
_TABLE_FIRST = frozenset({Kind.PLACE, Kind.ORGANIZATION})
#: How many of the table's candidates one question weighs at most (keeps it O(1)).
TABLE_WALK_LIMIT = 64
#: One step of the reference table's penalty outweighs every clue of the deck's own.
_RANK_STEP = 100
#: Candidates the table puts this far off (another group, continent or country) are dropped
#: when enough better ones are found.
_PRUNED = 2 * _RANK_STEP


def _reference_options(
    fact: Fact,
    key: Profile,
    key_entry: Entry | None,
    stem: knowledge.Stem,
    rule: OptionFilter,
    index: DeckIndex,
    seen: set[str],
    enough: int,
) -> list[tuple[int, str, str, OptionSource]]:
    """Well-known names and terms of the key's sort, time and place, from the table."""
    kind = fact.answer_kind
    surname = kind is Kind.PERSON and len(fact.answer.split()) == 1
    # "Michelangelo" is a name of one word, not a surname: others of one word beside it.
    mononym = surname and key_entry is not None and len(key_entry.name.split()) == 1
    shown = key_text(fact)
    # A plural key the table knows in the singular ("flying buttresses"): plural options.
    plural = (
        kind is Kind.TERM
        and key_entry is not None
        and normalize_text(fact.answer) != normalize_text(key_entry.name)
        and normalize_text(knowledge.singular_phrase(fact.answer)) == normalize_text(key_entry.name)
    )

    # The year a place must not be founded after is tested per entry below: the table's
    # ranking is shared by every statement of another year ("Meeting 1620", "Meeting 1700").
    general = replace(stem, when=None) if stem.when is not None else stem
    signature = (kind, key_entry, frozenset(key.strong) if key_entry is None else None, general)
    groups = index.offers.get(signature)
    if groups is None:
        # Equals (same penalty and closeness) shuffled once per deck by a seeded hash...
        ranked = knowledge.offered(kind, key_entry, key.strong, general)
        groups = index.offers[signature] = [
            (
                standing,
                sorted((entry for _, _, entry in group), key=index.table_place),
            )
            for standing, group in itertools.groupby(ranked, key=lambda item: item[:2])
        ]
    taken: list[tuple[int, str, str, OptionSource]] = []
    weighed = 0
    turn = _hash(str(index.seed), index.deck_id, "table", fact.id)
    # Which entries are of the key's form, time and place depends on the key, the stem and
    # the statement's years (battles), not on the rest of the fact: judged once for them.
    verdicts = index.table_verdicts.setdefault(
        (signature, stem, fact.answer, shown, years_in(fact.text) if kind is Kind.PLACE else ()),
        {},
    )
    for (penalty, far), equals in groups:
        if len(taken) >= enough or weighed >= TABLE_WALK_LIMIT:
            break
        # ...and each question starts at its own place among them.
        start = turn % len(equals)
        for entry in itertools.chain(equals[start:], equals[:start]):
            weighed += 1
            if len(taken) >= enough or weighed > TABLE_WALK_LIMIT:
                break
            marker = id(entry)
            if marker in verdicts:
                verdict = verdicts[marker]
            else:
                verdict = verdicts[marker] = _table_verdict(
                    fact, key, key_entry, stem, entry, surname, mononym, plural, shown
                )
            if verdict is None:
                continue
            text, later = verdict
            if text in seen or entry.name in seen or text in fact.distractors:
                continue
            seen.add(text)
            if not rule.allows(text) or rule.names_other_name(entry):
                continue
            rank = _RANK_STEP * (penalty + knowledge.SOFT * later) + 2 * far + 1  # deck's first
            if kind is Kind.PERSON and _one_name(text) != _one_name(fact.answer):
                rank += 2  # "Mohammad Hatta" beside "Sukarno": after those named alike
            taken.append((rank, text, text, OptionSource.REFERENCE))
    return taken


def _table_verdict(
    fact: Fact,
    key: Profile,
    key_entry: Entry | None,
    stem: knowledge.Stem,
    entry: Entry,
    surname: bool,
    mononym: bool,
    plural: bool,
    shown: str,
) -> tuple[str, bool] | None:
    """A table entry as `_reference_options` would show it, and whether it came into being
    after the stem's year; None when it is not of the key's form, time or place."""
    kind = fact.answer_kind
    words = entry.name.split()
    if surname and not mononym and len(words) > 2 and words[-2].islower():
        return None  # "da Vinci" has no one-word surname to show
    text = words[-1] if surname and not mononym else entry.name
    if kind is Kind.ORGANIZATION:
        text = _named_as(fact.answer, entry)
    if plural:
        text = " ".join([*words[:-1], _plural(words[-1])])
    if kind is Kind.TERM and text[:1].isupper() != shown[:1].isupper():
        # "Saturn V" beside "femur", "free trade" beside "New Economic Policy": capitals
        # would tell the key apart (raters: "form stands out").
        return None
    later = knowledge.founded_after(entry, stem, key_entry)
    if later and not stem.relaxed:
        return None  # Arizona (1863) for the ninth state to ratify, in 1788
    if not _fits_entry(fact, key, entry, text, stem, key_entry):
        return None
    if not _named_alike(fact, text, key_entry, entry):
        return None
    return text, later


#: Words by which a place's name says what it is ("Bletchley Park", "St. Lawrence River").
_PLACE_TYPE_WORDS = frozenset(
    """river sea lake ocean mountains desert island islands park bay gulf strait canal
    peninsula falls valley plateau range cape glacier forest harbor harbour cosmodrome
    center centre base station facility basin delta reef""".split()
)


def is_acronym(name: str) -> bool:
    """ "NASA", "UNESCO", "G7": a name written as its capitals."""
    return 2 <= len(name) <= 8 and " " not in name and name.upper() == name and name[0].isalpha()


def _named_as(key: str, entry: Entry) -> str:
    """An organization named as the key is: "ESA" beside "NASA", "European Space Agency"
    beside "National Oceanic and Atmospheric Administration"."""
    if is_acronym(entry.name) == is_acronym(key):
        return entry.name
    return next((a for a in entry.aliases if is_acronym(a) == is_acronym(key)), entry.name)


def names_a_type(name: str) -> bool:
    """Whether a place's own name says its type ("Bletchley Park", but not "Seattle")."""
    return any(word.casefold() in _PLACE_TYPE_WORDS for word in name.split())


def _named_alike(fact: Fact, text: str, key_entry: Entry | None, entry: Entry | None) -> bool:
    """Of two places the table knows only one of, the names say their type alike: no
    "Bletchley Park" for a city, no "St. Lawrence River" for a port (when it knows both, their
    types decide)."""
    if fact.answer_kind is not Kind.PLACE or (entry is not None and key_entry is not None):
        return True
    return names_a_type(fact.answer) == names_a_type(text)


def _person_form(
    fact: Fact, key: Profile, text: str, gender: str | None, stem: knowledge.Stem
) -> bool:
    """A person of the stem's gender, named as the key is (a surname beside a surname). A
    relaxed question keeps only the gender its statement or the table says ("the first
    woman"; Kublai Khan), not one the key's given name tells (Joan of Arc among men-at-arms)."""
    wanted = stem.gender if stem.relaxed else key.gender
    if wanted == "f" and gender != "f":
        return False  # no men for "the first woman in space"
    if wanted == "m" and gender == "f":
        return False
    if stem.article and _TITLED.match(fact.answer) and not _TITLED.match(text):
        return False  # "The ___, chief minister to Joseph I": a Marquis of Pombal, no Philip V
    if _one_name(fact.answer) == _one_name(text):
        return True
    # A surname beside full names stands out; a name of one word need not be a surname:
    # Sukarno had no other, and full names beside him are fair (Mohammad Hatta).
    return knowledge.known_by_one_name(fact.answer if _one_name(fact.answer) else text)


#: A person named by a title that reads with "the": "the Marquis of Pombal", "the Duke of
#: Wellington", "the Prince of Wales", "the Venerable Bede".
_TITLED = re.compile(
    r"^(?:Marquis|Marquess|Marchioness|Duke|Duchess|Earl|Count|Countess|Baron|Baroness"
    r"|Viscount|Prince|Princess|Margrave|Elector|Archduke|Archduchess|Grand Duke"
    r"|Venerable|Dauphin|Infante|Infanta|Emir|Khedive|Nizam|Nawab|Maharaja|Shah|Aga Khan)\b"
)


def _one_name(name: str) -> bool:
    return len(name.split()) == 1


def _term_form(fact: Fact, stem: knowledge.Stem, text: str, shown: str) -> bool:
    """A term shaped like the key, agreeing with the stem's verb and its "a" or "an", and
    with an article as the key has one."""
    if not _similar_term(fact.answer, text, stem.number):
        return False
    if not article_fits(stem.indefinite, shown):
        return False  # "A ___ translates": no "interpreter"
    return fact.answer.lower().startswith(_ARTICLES) == text.lower().startswith(_ARTICLES)


def _fits_entry(
    fact: Fact,
    key: Profile,
    entry: Entry,
    text: str,
    stem: knowledge.Stem,
    key_entry: Entry | None,
) -> bool:
    """The deck's own rules of gender and form, for a candidate from the table."""
    kind = fact.answer_kind
    if kind is Kind.PERSON:
        return _person_form(fact, key, text, entry.gender, stem)
    if kind is Kind.TERM:
        # The deck says what the key is, and this is not one; unless the table knows the key
        # and this is of its family ("fief", hinted "land", among the feudal terms).
        of_family = key_entry is not None and set(key_entry.sorts) & set(entry.sorts)
        if key.strong and not key.sorts & knowledge.labels(entry) and not of_family:
            return False
        return _term_form(fact, stem, text, text)
    if kind is Kind.PLACE and not _battle_site(fact, entry, key_entry, BATTLEFIELD in key.stated):
        return False
    if kind is Kind.ORGANIZATION and other_body(key.sorts, head_sort(text, kind)[0]):
        return False  # the Nordic Council for the side defeated at Grunwald
    if kind is Kind.ORGANIZATION and key.stated:
        return bool(key.stated & knowledge.labels(entry))
    return True


#: Places no battle is fought at, as a student sees them: no dam, monument or national park
#: for "defeated the French army at ___" (raters: the Aswan High Dam, York Factory).
_NO_BATTLE_SITE = frozenset(
    {"landmark", "building", "national park", "launch site", "canal", "archaeological site"}
    | {"planet", "dwarf planet", "moon", "star", "galaxy", "constellation", "continent"}
)
#: How far apart two battles' years may lie and still be of one era (a war and the next).
_BATTLE_ERA = 20


def _battle_site(fact: Fact, entry: Entry, key_entry: Entry | None, fought: bool = True) -> bool:
    """Whether a table place may be offered where the statement says a battle was `fought`:
    a site of its own; and, fought or not, a battlefield whose battles (when the table dates
    them) are of the key's time: the statement's years, else the key's own battles. Tarain
    (1191) is no option for Tipu's capital of 1799 either."""
    if fought and entry.sorts[:1] and entry.sorts[0] in _NO_BATTLE_SITE:
        return False
    if not entry.battles:
        return True
    years = years_in(fact.text) or (key_entry.battles if key_entry is not None else ())
    return not years or any(
        abs(year - fought) <= _BATTLE_ERA for year in years for fought in entry.battles
    )


def _fits(
    fact: Fact,
    key: Profile,
    other: Profile,
    near: bool,
    stem: knowledge.Stem,
    place: str | None,
    entry: Entry | None = None,
) -> bool:
    """Whether a word candidate is of the key's sort, time, place and form (`entry`: what
    the reference table knows of it)."""
    kind = fact.answer_kind
    if conflicts(key, other):
        return False
    if not same_era(stem.years, other):
        return False  # no 19th-century name for a 1989 invention
    if kind is Kind.TERM:
        # A term needs the key's sort or topic: "skin" is no option for the longest bone.
        if not near or (key.sorts and other.sorts and not shares_sort(key, other)):
            return False
        return _term_form(fact, stem, other.text, other.shown)
    if kind is Kind.PERSON:
        gender = other.gender or (entry.gender if entry is not None else None)
        return _person_form(fact, key, other.text, gender, stem)
    if kind is Kind.PLACE and BATTLEFIELD in key.stated and BATTLEFIELD not in other.stated:
        # Where a battle was fought: a site the deck or the table knows as one (no province
        # ceded by a treaty, no Norse settlement, for "the Battle of ___").
        if entry is None or BATTLEFIELD not in entry.sorts or not _battle_site(fact, entry, None):
            return False
    if kind is Kind.ORGANIZATION and key.stated and not shares_sort(key, other):
        return False  # "___, an agency of the U.S. Department of Defense": agencies only
    if kind is Kind.ORGANIZATION and other_body(key.sorts, other.sorts):
        return False  # "Reform Party" for the Waitangi Tribunal
    if kind is Kind.ORGANIZATION and stem.founding and stem.years and other.founded:
        if not other.founded & set(stem.years):
            return False  # its own card says "founded in 1909": no option for "in 1919"
    # "the ___ in Kazakhstan": only what the deck, or the table, puts in Kazakhstan.
    if not place or place in other.places:
        return True
    return entry is not None and same_country(countries_in(place), entry.countries)


def _number_words(
    answer: str,
    value: int,
    rule: OptionFilter,
    rng: random.Random,
    needed: int,
    bounds: tuple[int | None, int | None] = (None, None),
) -> list[Sourced]:
    """ "three", "five" and "six" for "four": counts near the key, in words like the key,
    within the whole the stem counts it against (`count_bounds`)."""
    if needed <= 0:
        return []
    near = [value + step for step in (-1, 1, -2, 2, -3, 3, 4, -4, 5, -5)]
    near = [n for n in near if _within_bounds(n, bounds)]
    # No "one" beside "four": "one chambers" would not read (nor "zero").
    lowest = 1 if value <= 2 else 2
    texts = {n: spell_number(n, answer) for n in near if lowest <= n <= LARGEST_WORD}
    texts = {n: text for n, text in texts.items() if rule.allows(text)}
    below = [n for n in texts if n < value]
    above = [n for n in texts if n > value]
    low, high = max(0, needed - len(above)), min(needed, len(below))
    from_below = rng.randint(low, high) if low <= high else len(below)
    found: list[Sourced] = []
    for number in below[:from_below] + above[: needed - from_below]:
        rule.take(texts[number])
        found.append((texts[number], OptionSource.GENERATED))
    return found


def ranked_candidates(
    fact: Fact,
    prompt: str,
    index: DeckIndex,
    limit: int | None = None,
    wanted: int = DEFAULT_OPTIONS - 1,
) -> list[Sourced]:
    """Every wrong option quizgen would offer for `fact`, best first, by the rules
    `choose_distractors` applies: the teacher's own, then (words) those of the key's sort, era
    and place (the `wanted` a question shows first), or (numbers and dates) the question's own
    draws, then the values nearest the answer. `choose_distractors` picks among these;
    `quizgen curate` offers the rest when a teacher replaces one. With `limit`, at most that
    many."""
    rule = OptionFilter(fact, prompt)
    ranked: list[Sourced] = []
    for option in dict.fromkeys(fact.distractors):
        if rule.allows(option):
            rule.take(option)
            ranked.append((option, OptionSource.TEACHER))
    kind = fact.answer_kind
    # The question's own draws first (the same generator, so the same options), then the rest.
    rng = fact_rng(index.seed, index.deck_id, fact.id)
    first = max(0, wanted - len(ranked))
    if kind in WORD_KINDS:
        count = number_word(fact.answer) if kind is Kind.TERM else None
        if count is not None:
            ranked += _number_words(fact.answer, count, rule, rng, first)
            return (ranked + _number_words(fact.answer, count, rule, rng, _EVERY))[:limit]
        ranked += _word_options(fact, rule, index, first, have=len(ranked))
        rest = _word_options(fact, rule, index, limit or _EVERY, have=len(ranked))
        return (ranked + rest)[:limit]
    answer = value_of(fact.answer, kind)
    assert answer is not None
    if isinstance(answer, DateValue) and not ranked:
        ranked += _date_grid(answer, first, rule, rng, index.as_of)
    key = _value_order(kind)
    at = key(fact.answer)
    nearby = itertools.islice(index.shared(fact), NUMERIC_WALK_LIMIT)
    candidates: list[tuple[Decimal, Candidate]]
    candidates = [(key(o), o) for o in nearby if _near(answer, o, kind, index.as_of)]
    candidates += _candidates(answer, kind, index.as_of)
    candidates += _candidates(answer, kind, index.as_of, wide=True)  # what a question may fill in
    for order, candidate in sorted(candidates, key=lambda pair: abs(pair[0] - at)):
        if isinstance(answer, DateValue) and not _keeps_stated(rule, answer, candidate):
            continue  # as a question: no 2010 for "the London 2012 Games opened on ___"
        text = _written(answer, candidate)
        if order == at or not _reads_right(answer, text, kind) or not rule.allows(text):
            continue
        rule.take(text)
        shared = isinstance(candidate, str)
        ranked.append((text, index.source_of(kind, text) if shared else OptionSource.GENERATED))
    return ranked[:limit]


_MORE_THAN = re.compile(
    r"\b(?:more than|over|at least|upwards of|in excess of|greater than|exceeding)\s*$", re.I
)
_LESS_THAN = re.compile(r"\b(?:less than|fewer than|under|at most|below|up to)\s*$", re.I)


#: "___ of the nine counties", "___ of Ireland's 105 seats", "___ out of 50": a count of a
#: whole the stem states.
_OF_A_WHOLE_AFTER = re.compile(
    r"^\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|all\s+|\w+['’]s\s+)?"
    r"(\d[\d,]*|[a-z]+(?:-[a-z]+)?)(?![\w.,]*\d)\b",
    re.IGNORECASE,
)
#: "Ten of the ___ counties": the whole the stem counts a part of.
_PART_OF_BEFORE = re.compile(
    r"\b(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)


def count_bounds(fact: Fact) -> tuple[int | None, int | None]:
    """The least and greatest a count may be when the stem counts it against a number it
    states: "___ of the nine counties" is at most nine, "ten of the ___ counties" at least
    ten (n26 raters: "ten of the nine counties", "110 of 105 seats"). None where it does not,
    or where the key itself breaks the bound (then the words are read wrongly)."""
    start = span_start(fact.text, fact.answer)
    if start < 0:
        return None, None
    key = number_word(fact.answer)
    if key is None:
        digits = fact.answer.replace(",", "")
        key = int(digits) if digits.isdigit() else None
    if key is None:
        return None, None
    after = _OF_A_WHOLE_AFTER.match(fact.text[start + len(fact.answer) :])
    before = _PART_OF_BEFORE.search(fact.text[:start])
    ceiling = _count_of(after.group(1)) if after else None
    floor = _count_of(before.group(1)) if before else None
    if ceiling is not None and key > ceiling:
        ceiling = None
    if floor is not None and key < floor:
        floor = None
    return floor, ceiling


def _count_of(word: str) -> int | None:
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() else number_word(word)


def _within_bounds(value: Decimal | int, bounds: tuple[int | None, int | None]) -> bool:
    floor, ceiling = bounds
    return (floor is None or value >= floor) and (ceiling is None or value <= ceiling)


def _bound(fact: Fact) -> str | None:
    """ "above" when the statement says "more than ___", "below" for "less than ___": then
    only options on that side are false."""
    start = span_start(fact.text, fact.answer)
    before = fact.text[:start] if start > 0 else ""
    if _MORE_THAN.search(before):
        return "above"
    if _LESS_THAN.search(before):
        return "below"
    return None


def _balanced_numbers(
    fact: Fact,
    rule: OptionFilter,
    index: DeckIndex,
    rng: random.Random,
    needed: int,
    curated: Sequence[str] = (),
) -> list[Sourced]:
    if needed <= 0:
        return []
    kind = fact.answer_kind
    answer = value_of(fact.answer, kind)
    assert answer is not None
    if isinstance(answer, DateValue) and not curated:
        grid = _date_grid(answer, needed, rule, rng, index.as_of)
        if grid:
            return grid
    key = _value_order(kind)
    answer_key = key(fact.answer)
    # Candidates are sorted into the two sides by value first and written only when drawn:
    # a question needs three, so most of the dozen or more generated are never formatted.
    below: dict[Decimal, Candidate] = {}
    above: dict[Decimal, Candidate] = {}
    nearby = itertools.islice(index.shared(fact), NUMERIC_WALK_LIMIT)
    shared: list[tuple[Decimal, Candidate]]
    shared = [(key(o), o) for o in nearby if _near(answer, o, kind, index.as_of)]
    gap = _approximate_gap(fact, answer_key)
    near: list[tuple[Decimal, Candidate]]
    if kind is Kind.YEAR and gap:
        # "around 1220": 1221 and 1225 would be right too (raters: also-correct). Decades
        # apart instead, as round as the key.
        gap = _YEARS_APART
        near = [(v, v) for v in _decades_around(answer_key, index.as_of)]
    else:
        near = _candidates(answer, kind, index.as_of)

    def sort_in(candidates: Iterable[tuple[Decimal, Candidate]]) -> None:
        for order, candidate in candidates:
            if order != answer_key and abs(order - answer_key) >= gap:
                (below if order < answer_key else above).setdefault(order, candidate)

    sort_in(shared + near)
    if len(below) + len(above) < needed + 1:  # one spare: rounding can merge two
        sort_in(_candidates(answer, kind, index.as_of, wide=True))
    span = _named_span(fact, answer_key, index) if kind is Kind.YEAR and index.reference else None
    if span is not None:
        # "sunk during the First World War in ___": 1911 and 1919 fall outside the war the
        # stem names (n20 raters: "ruled out by knowing when the war ran"). Kept to it when
        # it holds enough; else as before.
        below_in = {o: c for o, c in below.items() if span[0] <= o <= span[1]}
        above_in = {o: c for o, c in above.items() if span[0] <= o <= span[1]}
        if len(below_in) + len(above_in) >= needed:
            below, above = below_in, above_in
    if isinstance(answer, DateValue):
        for side in (below, above):
            for order in [o for o, c in side.items() if not _keeps_stated(rule, answer, c)]:
                del side[order]
    bounds = count_bounds(fact) if kind is Kind.NUMBER else (None, None)
    if bounds != (None, None):
        below = {o: c for o, c in below.items() if _within_bounds(o, bounds)}
        above = {o: c for o, c in above.items() if _within_bounds(o, bounds)}
    bound = _bound(fact)
    if bound == "above":
        below = {}  # "gave more than $13 billion": every smaller amount would be true too
    elif bound == "below":
        above = {}
    low = max(0, needed - len(above))
    high = min(needed, len(below))
    if low > high:
        everything = list(below.values()) + list(above.values())
        return _draw(
            everything,
            needed,
            answer=answer,
            rule=rule,
            rng=rng,
            key=key,
            at=answer_key,
            index=index,
        )
    # The answer's rank is (curated below) + (taken from below). Weighting each feasible rank
    # by how often it would come up if the curated options were a random subset of all the
    # wrong ones keeps the rank uniform over a deck even when curated options sit on one side.
    curated_below = sum(1 for option in curated if key(option) < answer_key)
    curated_above = len(curated) - curated_below
    total = len(curated) + needed
    counts = range(low, high + 1)
    weights = [
        math.comb(curated_below + n, curated_below)
        * math.comb(total - curated_below - n, curated_above)
        for n in counts
    ]
    from_below = rng.choices(counts, weights)[0]
    drawn: list[Decimal] = []  # the values taken on either side, so that none are twins
    draw = functools.partial(
        _draw, answer=answer, rule=rule, rng=rng, key=key, at=answer_key, index=index, drawn=drawn
    )
    lower = draw(list(below.values()), from_below, below=True)
    upper = draw(list(above.values()), needed - len(lower), below=False)
    if len(lower) + len(upper) < needed:  # twins passed over below: fill from there again
        lower += draw(list(below.values()), needed - len(lower) - len(upper), below=True)
    if lower and upper:
        return lower + upper
    return _not_set_apart(lower or upper, below if lower else above, draw, key, answer_key)


#: A key at one end of its options stands apart when the step to the nearest option is this
#: many times the widest step between the options themselves.
_APART = Decimal("1.5")


def _not_set_apart(
    chosen: list[Sourced],
    side: dict[Decimal, Candidate],
    draw: Callable[..., list[Sourced]],
    key: Callable[[str], Decimal],
    at: Decimal,
) -> list[Sourced]:
    """Options all on one side of the key, with the key no farther from the nearest than
    they are from each other: 1893 beside 1897, 1898 and 1899, or 100,000 beside 130,000,
    140,000 and 150,000, is the odd one out a test-wise student picks (a helper's deck). The
    farthest option gives way to one between the key and the nearest; with none there, the
    second nearest to one farther out."""
    below = key(chosen[0][0]) < at if chosen else False
    for _ in range(len(chosen)):
        values = sorted((key(text), (text, source)) for text, source in chosen)
        if len(values) < 2:
            break
        by_distance = sorted(values, key=lambda item: abs(item[0] - at))
        nearest = abs(by_distance[0][0] - at)
        widest = max(b[0] - a[0] for a, b in itertools.pairwise(values))
        if widest <= 0 or nearest < _APART * widest:
            break
        between = [c for order, c in side.items() if 0 < abs(order - at) < nearest]
        closer = draw(between, 1, below=below)
        if closer:
            chosen = [option for option in chosen if option != by_distance[-1][1]] + closer
            continue
        # None nearer (generated amounts keep clear of the key): then wider apart, the one
        # next to the nearest giving way to one a fair step beyond it.
        step = nearest / _APART
        beyond = [c for order, c in side.items() if abs(order - at) > nearest + step]
        wider = draw(beyond, 1, below=below)
        if not wider:
            break
        chosen = [option for option in chosen if option != by_distance[1][1]] + wider
    return chosen


#: Two generated options closer than this share of the key are twins: one is passed over.
_TWIN_GAP = Decimal("0.03")


def _named_span(fact: Fact, year: Decimal, index: DeckIndex) -> tuple[int, int] | None:
    """The narrowest war, era or life that holds the key's year, named by the statement, else
    by its topic, else by the deck's title ("First World War": "the largest naval battle of
    the war"). A life: "Timur defeated Bayezid at Ankara in ___" had got years after Timur
    died (n25 raters)."""
    stated = fact.text.replace(fact.answer, " ")
    lives = [
        (person.start, person.end)
        for person in people_in(stated)
        if person.start is not None and person.end is not None
    ]
    for named in (
        spans_in(stated) + lives,
        spans_in(fact.topic) if fact.topic else [],
        index.title_spans,
    ):
        holding = [(first, last) for first, last in named if first <= year <= last]
        if holding:
            return min(holding, key=lambda span: span[1] - span[0])
    return None


def _draw(
    candidates: list[Candidate],
    count: int,
    *,
    answer: DateValue | Quantity,
    rule: OptionFilter,
    rng: random.Random,
    key: Callable[[str], Decimal],
    at: Decimal,
    below: bool | None = None,
    index: DeckIndex,
    drawn: list[Decimal] | None = None,
) -> list[Sourced]:
    """Up to `count` options from `candidates` in random order, each written and checked once.

    With `below`, an option that rounding moved to the other side of the answer's sort key
    `at` is passed over.
    """
    kind = rule.kind
    taken: list[Sourced] = []
    values = drawn if drawn is not None else []
    # Raters: "148 and 149 symphonies differ by one: the pair stands out and wastes an option".
    twins = abs(at) * _TWIN_GAP if kind in (Kind.NUMBER, Kind.MONEY) else Decimal(0)
    remaining = list(candidates)
    while remaining and len(taken) < count:
        # Draw without replacement, one at a time: usually only `count` draws are needed.
        position = rng.randrange(len(remaining))
        remaining[position], remaining[-1] = remaining[-1], remaining[position]
        candidate = remaining.pop()
        text = _written(answer, candidate)
        value = key(text)
        if below is not None and (value < at) != below:
            continue  # rounding moved it across the answer
        if any(abs(value - other) < twins for other in values):
            continue
        if _reads_right(answer, text, kind) and rule.allows(text):
            values.append(value)
            rule.take(text)
            shared = isinstance(candidate, str)  # from the ring; the rest are made here
            source = index.source_of(kind, text) if shared else OptionSource.GENERATED
            taken.append((text, source))
    return taken
