"""What the reference table says about a key and its wrong options.

The deck's own clues (quizgen.engine.sorts) say what sort a key is; the table adds what a
student knows about the names around it: that Louis Pasteur lived two centuries after 1628,
that Valentina Tereshkova is no American, that ISRO was founded eleven years after NASA and
that the fibula is no ear bone. `judge` ranks or refuses one candidate; `offered` finds the
table's own candidates when the deck has too few good ones.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from quizgen.answers.kinds import Kind
from quizgen.answers.spans import span_start
from quizgen.engine.sorts import gender_of, singular, sort_label, stem_number
from quizgen.facts.models import Fact
from quizgen.reference import Entry, Names, read_names, same_country, table
from quizgen.reference.table import SUCCESSORS

#: How far, in years, after a person's death a stem's year may lie: not at all (raters:
#: Chamberlain, dead in 1940, for a speech of 1946); and before their working life (from 20).
PERSON_SLACK = 0
YOUTH = 5
#: How far apart two terms' first years may lie.
TERM_SPAN = 30
#: How much older than the stem's founding an organization may be: an older body of the
#: same field is a fair guess (NIH and FDA for the CDC "founded in 1946"; a teacher pooled
#: them and they were refused).
FOUNDED_BEFORE_SPAN = 60
#: And how much younger: the Muslim League (1906) is a fair option for the Indian National
#: Congress "founded in 1885", where old foreign parties had stood in (a helper's deck); a
#: body founded generations later is an anachronism.
FOUNDED_AFTER_SPAN = 25
#: A city this many times (as a power of ten) larger than the key is a step further.
LARGER_CITY = 1.5
#: Organizations founded this many years apart are a step further from each other.
FOUNDED_STEP = 100
#: People this many years apart in age are a step further from each other.
AGE_STEP = 15
#: The most table entries weighed for one question (the nearest in time and place first).
SUPPLY_LIMIT = 600
#: A refused candidate.
REFUSED = None
#: The penalty a relaxed question gives what it would otherwise refuse.
SOFT = 3

_FOUNDING = re.compile(
    r"\b(?:founded|established|created|formed|set up|launched|started|incorporated)\b",
    re.IGNORECASE,
)
_DISCOVERY = re.compile(
    r"\b(?:discover\w*|detect\w*|isolat\w*|identif\w*|describ\w*|nam(?:ed|ing))\b",
    re.IGNORECASE,
)
_WITH_ARTICLE = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s*$", re.IGNORECASE)
_INDEFINITE_BEFORE = re.compile(r"\b(an?)\s+$", re.IGNORECASE)
# Organization names that end in a common noun read with "the": "the European Space Agency".
_THE_HEADS = frozenset(
    "organization organisation agency laboratory laboratories administration service bank "
    "council union fund institute office foundation society museum party commission court "
    "committee association federation league alliance programme program corporation "
    "authority board bureau department ministry agency centre center network company "
    "observatory institution academy".split()
)


@dataclass(frozen=True)
class Stem:
    """What a question's statement says of the time, country and grammar around its blank."""

    years: tuple[int, ...]
    countries: frozenset[str]
    founding: bool
    #: True: "the ___"; False: no article before the blank; None: the blank starts the text.
    article: bool | None
    as_of: int
    #: The statement tells a discovery ("detected", "isolated"): what was found later is
    #: still a fair wrong option, unlike a rocket built later.
    discovery: bool = False
    #: The words right before and after the blank ("the noble gas ___").
    beside: frozenset[str] = frozenset()
    #: Another era, country, trade or field only ranks a candidate last instead of refusing
    #: it: for the few questions a deck would otherwise lose past its budget.
    relaxed: bool = False
    #: The countries of the people the statement names ("Banting and Best": CA), which its
    #: places and organizations are likely of.
    people: frozenset[str] = frozenset()
    #: The table's roles the deck gives the key ("Pharaoh ___": monarch), which every person
    #: offered must have.
    roles: frozenset[str] = frozenset()
    #: "one" or "many" when the verb after the blank says so ("the ___ is"), else None.
    number: str | None = None
    #: "a" or "an" when the statement writes it right before the blank, else None.
    indefinite: str | None = None
    #: The states or regions of a country the statement names ("in Hawaii"): where a
    #: place it asks for lies, when the key lies there too.
    parts: frozenset[str] = frozenset()
    #: The countries those states or regions are of.
    part_countries: frozenset[str] = frozenset()
    #: A person key's gender as the statement or the table tells it (not as a given name
    #: suggests): what even a relaxed question keeps.
    gender: str | None = None
    #: Those of `countries` named only by a city ("the Villa Savoye, outside Paris"): where
    #: a person worked, which another country's person may well have done.
    sites: frozenset[str] = frozenset()
    #: The organization fields the statement's words name (`FIELD_WORDS`).
    fields: frozenset[str] = frozenset()
    #: The statement's earliest year, for a place question (whose `years` are empty: a place
    #: is not dated by them), which no place founded after it fits: no Chicago (1833) for
    #: "Federal Hall in ___" in 1789. As `since_floor` gives it; None: the statement is undated.
    when: int | None = None


#: The deck's words for a person's trade, as the table's roles.
ROLE_WORDS = {
    "pharaoh": "monarch",
    "king": "monarch",
    "queen": "monarch",
    "emperor": "monarch",
    "empress": "monarch",
    "tsar": "monarch",
    "sultan": "monarch",
    "chancellor": "prime minister",
    "general": "military leader",
    "commander": "military leader",
    "marshal": "military leader",
    "admiral": "military leader",
    "pope": "religious leader",
    "archbishop": "religious leader",
    "bishop": "religious leader",
    "cardinal": "religious leader",
    "abbot": "religious leader",
    "cosmonaut": "astronaut",
    "financier": "banker",
    "investor": "banker",
    "suffragette": "suffragist",
    "sprinter": "athlete",
    "runner": "athlete",
    "hurdler": "athlete",
    "jumper": "athlete",
    "batsman": "cricketer",
    "bowler": "cricketer",
    "driver": "racing driver",
    "feminist": "suffragist",
}


#: Trades near enough that one stands in for another when the key's own are too few: Wole
#: Soyinka, a playwright, for "the Nigerian writer ___" (ranked after writers of the key's
#: own trade, and never beside two of them).
ROLE_FAMILIES = {
    role: family
    for family, roles in {
        "letters": "writer novelist poet playwright journalist",
        "life science": "physician surgeon anatomist physiologist microbiologist immunologist "
        "geneticist biologist biochemist botanist zoologist naturalist pharmacologist",
        # Raters: a mathematician or an astronomer for a chemist's discovery is "the wrong
        # sort"; a painter for an architect's building, too.
        "physical science": "chemist physicist",
        "earth science": "geologist meteorologist",
        "arts": "painter sculptor photographer",
        "music": "composer conductor singer musician",
        "stage": "film_director actor dancer",
        "rule": "monarch president prime_minister head_of_state politician",
        "thought": "economist philosopher historian sociologist",
        "business": "banker entrepreneur industrialist",
        # Causes: Margaret Sanger and Eleanor Roosevelt, activists of other causes, had been
        # offered for Rosa Parks (raters: "wrong sort"); they now come after her own.
        "activism": "activist civil_rights_activist suffragist abolitionist environmentalist "
        "trade_unionist peace_activist human_rights_activist independence_activist",
    }.items()
    for role in (word.replace("_", " ") for word in roles.split())
}


#: The sciences an organization's fields may name; "science" alone is any of them (the
#: Royal Society beside the International Astronomical Union).
SCIENCES = frozenset({"physics", "astronomy", "chemistry", "biology", "earth science",
                      "mathematics", "standards"})  # fmt: skip


#: Words of a statement that name an organization's field ("the sportswear company ___").
FIELD_WORDS = {
    word: field
    for field, words in {
        "aviation": "airline airlines aircraft airliner airliners aviation planemaker",
        "automotive": "carmaker carmakers automaker automakers automobile automobiles cars",
        "finance": "bank banks banking investment insurer insurance",
        "oil": "oil petroleum",
        "computing": "software computer computers computing",
        "internet": "internet online search web e-commerce",
        "telecommunications": "telecom telecoms telecommunications telephone mobile",
        "electronics": "electronics semiconductor semiconductors chip chips chipmaker",
        "pharmaceuticals": "drug drugs pharmaceutical pharmaceuticals drugmaker vaccine",
        "sport": "sportswear footwear sneakers trainers",
        "fashion": "fashion clothing luxury cosmetics perfume",
        "food": "food foods snack snacks beverage beverages drinks chocolate brewer",
        "film": "film films movie movies animation",
        "music": "music record",
        "media": "newspaper broadcaster publisher",
        "steel": "steel steelmaker",
        "chemicals": "chemical chemicals plastics polymer polymers",
        "games": "games video-game",
        "retail": "retail retailer retailers supermarket supermarkets",
        "shipping": "shipping",
        "defence": "defence defense weapons arms missile missiles",
        "space": "space rocket rockets spacecraft satellite satellites",
        "energy": "energy electricity",
    }.items()
    for word in words.split()
}

#: Sorts of organization too wide to offer a key the table does not know, unless the
#: statement names the field: "the Chicago firm ___" was offered U.S. Steel and Heinz.
_WIDE_SORTS = frozenset({"company"})


def _fields_meet(fields: frozenset[str], others: frozenset[str]) -> bool:
    """Whether two organizations work in a field in common. "science" beside another field
    says little (the IAEA is about energy); alone it meets every science."""
    mine, theirs = fields - {"science"} or fields, others - {"science"} or others
    if mine & theirs:
        return True
    return (mine == {"science"} and bool(theirs & SCIENCES)) or (
        theirs == {"science"} and bool(mine & SCIENCES)
    )


def _kin(roles: Iterable[str], others: Iterable[str]) -> bool:
    """Whether two sets of trades share a family (novelist and playwright)."""
    families = {ROLE_FAMILIES.get(role) for role in roles} - {None}
    return bool(families & {ROLE_FAMILIES.get(role) for role in others})


def roles_of(sorts: Iterable[str]) -> frozenset[str]:
    """The table's roles among a person's deck sorts ("pharaoh": monarch; "physicist")."""
    found = {ROLE_WORDS.get(sort, sort) for sort in sorts}
    return frozenset(found & _person_roles())


@cache
def _person_roles() -> frozenset[str]:
    return frozenset(table().sorts(Kind.PERSON))


#: What a stem names when the table is not consulted: nothing.
_NO_NAMES = Names(frozenset(), frozenset(), frozenset())

#: How many words on each side of the blank may name the key's group.
_BESIDE = 3


def read_stem(
    fact: Fact,
    years: tuple[int, ...],
    as_of: int,
    countries: bool = True,
    *,
    relaxed: bool = False,
    roles: Iterable[str] = (),
    names: Names | None = None,
    when: int | None = None,
) -> Stem:
    """The stem's years, the countries it names (not counting the answer; only when the table
    is consulted), and the grammar around the blank: its article, the verb's number.

    Read once per question: every candidate is judged against it."""
    text = fact.text
    start = span_start(text, fact.answer)
    before = text[:start] if start >= 0 else ""
    after = text[start + len(fact.answer) :] if start >= 0 else ""
    rest = text.replace(fact.answer, " ")
    if start <= 0:
        article: bool | None = None
    else:
        article = bool(_THE_BEFORE.search(before))
    indefinite = _INDEFINITE_BEFORE.search(before)
    if not countries:
        names = _NO_NAMES
    elif names is None:
        names = read_names(rest)
    return Stem(
        relaxed=relaxed,
        when=when,
        roles=frozenset(roles),
        number=stem_number(text, fact.answer),
        indefinite=indefinite.group(1).lower() if indefinite else None,
        people=names.people,
        discovery=bool(_DISCOVERY.search(text)),
        beside=frozenset(
            re.findall(r"[a-z]+", before.casefold())[-_BESIDE:]
            + re.findall(r"[a-z]+", after.casefold())[:_BESIDE]
        ),
        years=years,
        countries=names.countries,
        sites=names.sites,
        parts=names.parts,
        part_countries=frozenset(
            code
            for part in names.parts
            for found in table().lookup(Kind.PLACE, part)
            for code in found.countries
        ),  # fmt: skip
        founding=tells_founding(text),
        fields=frozenset(
            FIELD_WORDS[word]
            for word in re.findall(r"[a-z-]+", rest.casefold())
            if word in FIELD_WORDS
        )
        if fact.answer_kind is Kind.ORGANIZATION
        else frozenset(),
        article=article,
        as_of=as_of,
        # Only a relaxed question reads it (`distractors._person_form`).
        gender=_told_gender(fact, countries)
        if relaxed and fact.answer_kind is Kind.PERSON
        else None,
    )


def _told_gender(fact: Fact, from_table: bool) -> str | None:
    """The gender a relaxed question keeps: the statement's; else a man's, as the table
    tells it (raters: Kublai Khan among empresses "stands out"), but not a woman's, whose
    deeds the statement may share with men (Joan of Arc among the men-at-arms of her war)."""
    told = gender_of(fact.text, fact.answer, by_name=False)
    if told is not None or not from_table:
        return told
    return "m" if gender_known(fact.answer) == "m" else None


def tells_founding(text: str) -> bool:
    """Whether a statement tells when something was founded, set up or launched."""
    return bool(_FOUNDING.search(text))


def gender_known(name: str) -> str | None:
    """The gender the table gives every person of this name, or None."""
    genders = {entry.gender for entry in table().lookup(Kind.PERSON, name)}
    return genders.pop() if len(genders) == 1 and "" not in genders else None


@cache
def known_by_one_name(name: str) -> bool:
    """Whether the table knows a person by this one name alone (Sukarno, Michelangelo), not
    as a surname of a longer one."""
    return any(len(entry.name.split()) == 1 for entry in table().lookup(Kind.PERSON, name))


def countries_named(fact: Fact, key: Entry | None = None) -> tuple[str, ...]:
    """The countries a statement names besides its answer, by name ("Dutch": Netherlands),
    that hold its options (`stem_countries`: not France, named by the agents who sank the
    Rainbow Warrior, for Greenpeace); which the teacher's warning says."""
    codes: AbstractSet[str] = read_names(fact.text.replace(fact.answer, " ")).countries
    if key is not None and key.countries:
        codes = {code for code in codes if same_country({code}, key.countries)}
    names = table().country_names
    return tuple(sorted(names[code] for code in codes if code in names))


def entry_for(
    kind: Kind, text: str, sorts: Iterable[str] = (), like: Entry | None = None
) -> Entry | None:
    """The table's entry for `text` as a `kind` answer: of the deck's sort, or the key's
    family, when the name is shared ("Mercury" the planet, the element, the god)."""
    found = table().lookup(kind, text)
    if not found and kind is Kind.TERM:
        found = table().lookup(kind, singular_phrase(text))  # "Flying buttresses"
    if len(found) <= 1:
        return found[0] if found else None
    wanted = set(sorts)
    for entry in found:
        if like is not None and set(like.sorts) & set(entry.sorts):
            return entry
        if wanted and wanted & labels(entry):
            return entry
    return found[0]


#: Kinds whose key the table may know by a form the teacher accepts, when not by the answer.
_KNOWN_BY_ACCEPTED = frozenset({Kind.ORGANIZATION, Kind.PLACE, Kind.TERM})


def key_entry_for(
    kind: Kind, answer: str, accepted: Iterable[str], sorts: Iterable[str] = ()
) -> Entry | None:
    """The table's entry for a key: by its answer, or else by a form the teacher accepts
    that names one entry ("CDC" for "Centers for Disease Control and Prevention", which the
    table knows by its initials). Not for people: an accepted surname names a family."""
    found = entry_for(kind, answer, sorts)
    if found is not None or kind not in _KNOWN_BY_ACCEPTED:
        return found
    for form in accepted:
        entries = table().lookup(kind, form)
        if len(entries) == 1:
            return entries[0]
    return None


def singular_phrase(text: str) -> str:
    """A term with its last word singular ("flying buttresses" -> "flying buttress")."""
    *head, last = text.split() or [""]
    return " ".join([*head, singular(last)])


def labels(entry: Entry) -> set[str]:
    """An entry's sorts as the deck's sort words ("space agency": "space agency", "agency")."""
    return {word for sort in entry.sorts for word in sort_label(sort)}


def takes_article(name: str, entry: Entry | None) -> bool | None:
    """Whether running text writes "the" before an organization's name, when it can be told."""
    if entry is not None:
        return entry.article
    words = name.split()
    if len(words) >= 2 and words[0][:1].isupper():
        if words[-1].casefold() in _THE_HEADS or words[0] in ("University", "Institute"):
            return True
        if "of" in words[1:-1]:
            return True
    if len(words) == 1 and not words[0].isupper():
        return False  # "SpaceX", "Roscosmos", "Google"
    return None


def _era_fits(kind: Kind, other: Entry, stem: Stem, key: Entry | None) -> bool:
    span = other.active(stem.as_of)
    if span is None:
        # "discovered in 1898": not lead, known of old, beside a dated key.
        dated_key = key is not None and key.start is not None
        return not (kind is Kind.TERM and stem.discovery and stem.years and dated_key)
    low, high = span
    if stem.years:
        if kind is Kind.PERSON:
            return any(low - YOUTH <= year <= high + PERSON_SLACK for year in stem.years)
        if kind is Kind.ORGANIZATION:
            if stem.founding:
                return any(_founded_near(low, year) for year in stem.years)
            return any(low <= year + 2 and year <= high + 2 for year in stem.years)
        if kind is Kind.TERM:
            later = 2 * TERM_SPAN if stem.discovery else 5
            return any(year - 2 * TERM_SPAN <= low <= year + later for year in stem.years)
        return True
    theirs = key.active(stem.as_of) if key is not None else None
    if theirs is None:
        return True
    if kind is Kind.PERSON:
        # Working at the height of the key's own years: no Jefferson for Lincoln's 1860s.
        middle = (theirs[0] + theirs[1]) // 2
        return low - YOUTH <= middle <= high + PERSON_SLACK
    if kind is Kind.TERM:
        return abs(low - theirs[0]) <= TERM_SPAN
    if kind is Kind.ORGANIZATION and stem.founding:
        return _founded_near(low, theirs[0])
    return True


@cache
def _since_years() -> list[int]:
    entries = (entry for found in table().by_name.values() for entry in found)
    return sorted({entry.since for entry in entries if entry.since is not None})


def since_floor(years: tuple[int, ...]) -> int | None:
    """The statement's earliest year as the latest founding year of the table's places not
    after it: the same answer to "founded after it?" for every place, and one memo entry for
    statements whose years no founding lies between ("Meeting 1234", "Meeting 1300")."""
    if not years:
        return None
    founded, year = _since_years(), min(years)
    if not founded or year < founded[0]:
        return 0  # before every place the table dates
    return founded[bisect.bisect_right(founded, year) - 1]


def founded_after(other: Entry, stem: Stem, key: Entry | None) -> bool:
    """Whether a place came into being after the year its statement tells (and the key did
    not: "New Amsterdam, founded in 1625" may be asked beside younger towns)."""
    if other.since is None or stem.when is None:
        return False
    key_later = key is not None and key.since is not None and key.since > stem.when
    return other.since > stem.when and not key_later


def _founded_near(founded: int, year: int) -> bool:
    """Whether an organization founded in `founded` is a fair option for one founded in
    `year`: not founded long after it, and not ages before."""
    return year - FOUNDED_BEFORE_SPAN <= founded <= year + FOUNDED_AFTER_SPAN


def stem_countries(stem: Stem, key: Entry | None) -> frozenset[str]:
    """The countries the stem holds its answer to: those it names, when the key (if the
    table knows it) is of one of them ("the first American woman": US; but not "British" in
    "George Washington fought the British")."""
    if not stem.countries:
        return stem.countries
    if key is not None and key.countries:
        # Of those named, the key's own: Ghana, not Britain, for "___ led Ghana to
        # independence from Britain"; none for "Washington fought the British".
        return frozenset(c for c in stem.countries if same_country({c}, key.countries))
    return stem.countries


def judge(
    kind: Kind,
    key: Entry | None,
    other: Entry | None,
    stem: Stem,
    name: str,
    *,
    pooled: bool = False,
    told: AbstractSet[str] = frozenset(),
    placed: AbstractSet[str] = frozenset(),
) -> int | None:
    """How far a candidate is from the best wrong option (0 best), or None when a student
    would rule it out: another century, a country the stem excludes, another trade or type.
    `pooled`: an entry of the teacher's pools named by a sort, which the teacher vouches for
    where the table cannot place it. `told`: the countries a candidate the table does not
    know is placed in by its own cards and their topics; `placed`: those the key's topic
    names, which hold it when the stem names none."""
    penalty = 0
    where = stem_countries(stem, key) if kind is not Kind.TERM else frozenset()
    if kind is Kind.ORGANIZATION and stem.article is not None and not _WITH_ARTICLE.match(name):
        takes = takes_article(name, other)
        if takes is not None and takes != stem.article:
            return REFUSED  # "at the IBM", "___ was founded" with "European Space Agency"
    if other is None:
        home = where or placed
        if home and told and not same_country(told, home):
            # Its own cards place it elsewhere: Prince Shōtoku, of Japan's constitution, for
            # the founder of the Han dynasty; Odysseus, of "Greek heroes", for a question of
            # "Norse gods".
            if kind is Kind.PERSON and home <= stem.sites:
                return 3
            return _softened(3, 1, stem)
        # A person it cannot date, beside a dated stem and a key it dates, comes after the
        # key's contemporaries of other countries: Flinders (1774-1814), pooled for an
        # exploration deck, before Scott for Amundsen's South Pole in 1911 (helper's deck).
        undated = 2 if kind is Kind.PERSON and stem.years and _dated(key) else 0
        if where and key is not None:
            # Beside a key the table knows of the stem's country, a name it cannot place
            # is a guess: American athletes for "the French educator ___" (raters). Not one
            # the teacher pooled for the deck: asked for "German companies", a teacher adds
            # Henkel and Evonik, which the table does not know (it was refused all the same).
            return 1 if pooled else _softened(3, 1, stem)
        return (2 if where else 0) + (1 if key is not None else 0) + undated
    if other.start is None and stem.years and kind in (Kind.PERSON, Kind.ORGANIZATION):
        return REFUSED  # a name the table cannot date, beside a stem that is dated
    # Faults that a relaxed question ranks last, and any other refuses.
    soft = 0
    if not _era_fits(kind, other, stem, key):
        soft += 1
    if where:
        if not other.countries and kind is Kind.PLACE and key is not None and key.countries:
            soft += 1  # a place of no country (Vinson Massif) is in none the stem names
        elif not other.countries:
            penalty += 2
        elif not same_country(other.countries, where):
            if kind is Kind.PERSON and where <= stem.sites:
                penalty += 2  # Gaudí for a villa outside Paris: after the French, not out
            else:
                soft += 1
    if kind in (Kind.PLACE, Kind.ORGANIZATION) and _foreign_to_people(key, other, stem):
        penalty += 2  # Calcutta for Banting and Best, Manchester for Gates and Allen
    if kind is Kind.PERSON and stem.roles and other.sorts and not stem.roles & set(other.sorts):
        if not _kin(stem.roles, other.sorts[:1]):  # a playwright may be "the writer ___"
            soft += 1  # a mountaineer for "Pharaoh ___"
    if kind is Kind.PLACE and founded_after(other, stem, key):
        soft += 1  # Arizona (1863) for the ninth state to ratify, in 1788
    outside, unplaced = _outside_parts(kind, key, other, stem)
    soft += outside
    penalty += unplaced
    if key is None:
        return _softened(penalty, soft, stem)
    if kind in (Kind.PERSON, Kind.ORGANIZATION) and _foreign(key, other):
        # Hardy and Eliot beside Tolstoy, when Russians can be had; a foreign body counts
        # for less than one of another field (Air France before General Electric for Pan Am).
        penalty += 2 if kind is Kind.PERSON else 1
        if _of_a_nation(kind, key):
            # A nation's leaders and its parties, movements and armies are its own: Attlee
            # and Baldwin for Australia's Curtin, a Cambodian king for Siam's, a British
            # suffragette union for Java's first nationalist society (raters: "wrong
            # country"). Where none of its own can be had, a relaxed question ranks them last.
            soft += 1
    elif kind is Kind.ORGANIZATION and "INT" in other.countries and _of_a_nation(kind, key):
        penalty += 2  # an international league after the nation's own societies
    if kind is Kind.PERSON:
        roles = _roles_asked(key.sorts, stem.roles)
        main, theirs = roles[:1], other.sorts[:1]
        if theirs and main and theirs[0] not in roles and main[0] not in other.sorts[:2]:
            # a cosmonaut for a rocket designer; an astronaut for an engineer
            # (A kin trade is no fault: the points below rank it after the key's own.)
            if not _kin(main, theirs):
                if not set(roles) & set(other.sorts):
                    return REFUSED
                soft += 1
        if roles and roles[0] not in other.sorts:
            # Another trade weighs more than another country: Orville Wright before Auguste
            # Lumière, an inventor, for the aviator Blériot (raters: "wrong sort"). A kin
            # trade less: a playwright for a novelist.
            penalty += 1 if _kin(roles[:1], other.sorts) else 3
        if other.sorts and other.sorts[0] not in roles:
            # A ballplayer who was also an activist, for Martin Luther King; a kin trade (a
            # playwright for a novelist) less far.
            penalty += 1 if _kin(roles[:1], other.sorts[:1]) else 2
        if key.gender and other.gender and key.gender != other.gender:
            penalty += SOFT  # Marta beside Pelé, for the (men's) World Cup: last of all
    elif kind is Kind.ORGANIZATION:
        if key.sorts and other.sorts and key.sorts[0] != other.sorts[0]:
            return REFUSED  # a company for a government laboratory
        if key.fields and other.fields and not _fields_meet(key.fields, other.fields):
            soft += 1  # IUPAC, a chemistry body, for the astronomers' union
        elif key.fields - other.fields - {"science"}:
            penalty += 2  # Gucci, a fashion house, after Adidas and Puma for Nike
    elif kind is Kind.PLACE:
        if key.sorts and other.sorts and key.sorts[0] != other.sorts[0]:
            return REFUSED  # a river for a city
        if _country(key) and _country(other) and stem.article is not None:
            if other.article != key.article and not _WITH_ARTICLE.match(name):
                return REFUSED  # "made in the ___" (Netherlands): no "the Estonia"
        if (
            key.group
            and other.group
            and not set(key.group.split("|")) & set(other.group.split("|"))
        ):
            penalty += 2  # another continent (another country is only further: closeness)
    else:
        if key.sorts and other.sorts and not set(key.sorts) & set(other.sorts):
            return REFUSED
        if key.group and other.group != key.group:
            if set(key.group.split()) <= stem.beside:
                return REFUSED  # "the noble gas ___": noble gases only
            penalty += 2  # the fibula beside the stapes, an ear bone
        if key.countries and other.countries and not key.countries & other.countries:
            penalty += 2  # a Soviet rocket for Apollo
    return _softened(penalty, soft, stem)


#: Trades and bodies that belong to one nation, whose foreign fellows a student rules out.
_NATIONAL_ROLES = frozenset(
    {"president", "prime minister", "politician", "head of state", "monarch"}
    | {"independence activist", "revolutionary"}
)
_NATIONAL_BODIES = frozenset(
    {"political party", "non-governmental organization", "armed force", "trade union"}
    | {"government agency", "intelligence agency", "court"}
)


def _of_a_nation(kind: Kind, key: Entry) -> bool:
    """Whether the key is a nation's own leader or body (not an international one)."""
    if "INT" in key.countries or not key.countries:
        return False
    roles = _NATIONAL_ROLES if kind is Kind.PERSON else _NATIONAL_BODIES
    return bool(key.sorts[:1]) and key.sorts[0] in roles


def _dated(entry: Entry | None) -> bool:
    return entry is not None and entry.start is not None


def _roles_asked(roles: tuple[str, ...], asked: AbstractSet[str]) -> tuple[str, ...]:
    """A person's roles with the one the stem asks for first: Eisenhower as "Supreme
    Commander" is a military leader before a president (no Truman beside him)."""
    wanted = [role for role in roles if role in asked]
    if not wanted or roles[:1] == (wanted[0],):
        return roles
    return (wanted[0], *(role for role in roles if role != wanted[0]))


def _country(entry: Entry) -> bool:
    return entry.sorts[:1] == ("country",)


def _outside_parts(kind: Kind, key: Entry | None, other: Entry, stem: Stem) -> tuple[int, int]:
    """(soft faults, penalty) of a candidate beside the states, regions or nations the stem
    names, when the key lies in them: outside them it is a fault ("Pearl Harbor, Hawaii": no
    Chesapeake Bay; "the Scottish philosopher ___": no Englishman); where the table cannot
    tell, it comes after those it can place."""
    if not stem.parts or kind not in (Kind.PERSON, Kind.PLACE):
        return 0, 0
    if key is None and kind is Kind.PERSON:
        return 0, 0
    if key is not None and not key.within & stem.parts:
        return 0, 0
    if other.within:
        return (0 if other.within & stem.parts else 1), 0
    if kind is Kind.PERSON:
        assert key is not None
        return 0, (2 if same_country(other.countries, key.countries) else 0)
    if same_country(other.countries, stem.part_countries):
        return 0, 2
    return 1, 0  # Tokyo Bay for "___, Hawaii", though the stem names Japan too


def _softened(penalty: int, soft: int, stem: Stem) -> int | None:
    """The penalty with the soft faults: refused unless the question is relaxed, else each
    ranks the candidate last (SOFT)."""
    if soft and not stem.relaxed:
        return REFUSED
    return penalty + SOFT * soft


def _foreign(key: Entry, other: Entry) -> bool:
    """Of none of the key's countries (an international body is of every one)."""
    if not key.countries or not other.countries or "INT" in key.countries | other.countries:
        return False
    return not same_country(key.countries, other.countries)


def _foreign_to_people(key: Entry | None, other: Entry, stem: Stem) -> bool:
    """Whether a place or organization lies outside the countries of the people the stem
    names, when the key (if known) lies inside them."""
    if not stem.people or not other.countries:
        return False
    if key is not None and key.countries and not same_country(key.countries, stem.people):
        return False
    return not same_country(other.countries, stem.people)


def closeness(kind: Kind, key: Entry | None, other: Entry, stem: Stem) -> int:
    """A coarse distance in time and place, for offering the nearest of the table first."""
    far = 0
    span = other.active(stem.as_of)
    anchor = list(stem.years)
    theirs = key.active(stem.as_of) if key is not None else None
    if not anchor and theirs is not None:
        anchor = [(theirs[0] + theirs[1]) // 2]
    if span is not None and anchor:
        far += _years_apart(span, anchor) // 10
    if key is not None:
        if key.countries and not key.countries & other.countries:
            far += 1 if kind is Kind.PLACE else 2
            known = table()
            mine = _regions_of(key.countries, known.subregions)
            others = _regions_of(other.countries, known.subregions)
            if mine and others and not mine & others:
                # Busan, then Chinese and Japanese cities, before Hyderabad for Inchon
                # (raters: "an Indian city for a landing in Korea").
                far += 1
            if kind is Kind.PERSON and not _regions_of(
                key.countries, known.continents
            ) & _regions_of(other.countries, known.continents):
                far += 1  # Nkrumah and Azikiwe before de Gaulle for Kenyatta
        if kind is Kind.ORGANIZATION and key.start is not None and other.start is not None:
            far += abs(key.start - other.start) // FOUNDED_STEP  # no 9th-century university
        if kind is Kind.TERM and (key.start is None) != (other.start is None):
            far += 1  # gold and lead beside mercury, known of old; radium beside polonium
        if kind is Kind.PLACE and key.size and other.size:
            # A smaller city is a less likely answer than a larger one: New York before
            # Orlando for San Francisco.
            ratio = math.log10(other.size / key.size)
            far += round(-1.5 * ratio) if ratio < 0 else int(ratio > LARGER_CITY)
        if kind is Kind.PLACE and key.capital != other.capital:
            far += 1  # Belgrade and Zagreb beside Sarajevo, before Birmingham
        if kind is Kind.PERSON and key.start is not None and other.start is not None:
            far += abs(key.start - other.start) // AGE_STEP  # Gorbachev's peers, not Medvedev
    return far


def _regions_of(codes: frozenset[str], by_code: dict[str, str]) -> frozenset[str]:
    """The continents or parts of continents (`by_code`, the table's) some countries are in;
    a historic state's are those of the states that came of it; an international body's
    are none."""
    found: set[str] = set()
    for code in codes:
        for one in SUCCESSORS.get(code, frozenset({code})):
            found.update(by_code.get(one, "").split("|"))
    return frozenset(found - {""})


def _years_apart(span: tuple[int, int], years: Iterable[int]) -> int:
    """How many years the nearest of `years` lies outside `span` (0 inside it)."""
    return min(max(span[0] - year, year - span[1], 0) for year in years)


@cache
def _sorts_by_word(kind: Kind) -> dict[str, tuple[str, ...]]:
    """The table's sorts of a kind by each of their sort words ("agency": "space agency", ...)."""
    found: dict[str, list[str]] = {}
    for sort in table().sorts(kind):
        for word in sort_label(sort):
            found.setdefault(word, []).append(sort)
    return {word: tuple(sorts) for word, sorts in found.items()}


def _pool(kind: Kind, key: Entry | None, deck_sorts: Iterable[str], stem: Stem) -> list[Entry]:
    known = table()
    if key is not None:
        pool = []
        for sort in key.sorts:  # the main role first: Michelangelo's sculptors, then painters
            pool += known.of_sort(kind, sort)
        if kind is Kind.PERSON and key.sorts:
            # Then the main role's kin (playwrights and poets for a novelist), ranked after.
            family = ROLE_FAMILIES.get(key.sorts[0])
            for role, its_family in ROLE_FAMILIES.items():
                if family is not None and its_family == family and role not in key.sorts:
                    pool += known.of_sort(kind, role)
        return pool
    # A key the table does not know: its deck sort must name one of the table's, and for a
    # person the stem must date it, for a place say where it is.
    if kind is Kind.PERSON and not stem.years:
        return []
    if kind is Kind.PLACE and not stem.countries:
        return []
    by_word = _sorts_by_word(kind)
    pool = []
    for word in most_specific(deck_sorts):
        sorts = by_word.get(word, ())
        if kind is Kind.TERM and len(sorts) > 1:
            continue  # "system": body, political, election and operating systems alike
        for sort in sorts:
            if kind is Kind.TERM and not _named_near(sort, word, stem):
                continue  # "the method of exhaustion": no food preservation methods (raters)
            found = known.of_sort(kind, sort)
            if kind is Kind.ORGANIZATION and sort in _WIDE_SORTS:
                # Only of the field the statement names ("the sportswear company ___").
                found = [e for e in found if e.fields and _fields_meet(e.fields, stem.fields)]
            pool += found
    return pool


def _named_near(sort: str, word: str, stem: Stem) -> bool:
    """Whether the statement puts a table family the deck's word is only the last word of
    next to its blank: the word itself ("___ was a period of": historical periods) or the
    family's own words ("a food ___"); not a head noun of the key alone ("the method of
    exhaustion" brought food preservation methods, raters)."""
    if sort == word:
        return True
    words = set(word.split())
    return words <= stem.beside or bool(set(sort.split()) - words & stem.beside)


def _supply_order(entry: Entry, key: Entry, stem: Stem) -> tuple[bool, int]:
    """A cheap first sort of a large pool: of the key's country first, then by how far its
    years lie from the stem's (or the key's)."""
    span = entry.active(stem.as_of)
    anchor = stem.years or ((key.start,) if key.start is not None else ())
    gap = 10_000 if span is None or not anchor else _years_apart(span, anchor)
    return not same_country(entry.countries, key.countries), gap


def most_specific(sorts: Iterable[str]) -> list[str]:
    """The deck's sorts without those a longer one ends in: "writing system" and not
    "system", which would bring the table's presidential and skeletal systems."""
    every = sorted(set(sorts))
    return [sort for sort in every if not any(o.endswith(f" {sort}") for o in every)]


def offered(
    kind: Kind, key: Entry | None, deck_sorts: Iterable[str], stem: Stem
) -> list[tuple[int, int, Entry]]:
    """The table's candidates for a key, as (penalty, closeness, entry), best first. Equals
    are left in the table's order, for the caller to shuffle with its seed."""
    pool = _pool(kind, key, list(deck_sorts), stem)
    if len(pool) > SUPPLY_LIMIT and key is not None:
        # Past the limit, the key's countrymen and contemporaries first: with 500 more
        # politicians in the table, Mohammad Hatta had fallen past it for Sukarno.
        pool.sort(key=lambda entry: _supply_order(entry, key, stem))
    seen: set[str] = set()
    ranked: list[tuple[int, int, Entry]] = []
    for entry in pool[:SUPPLY_LIMIT]:
        if entry.name in seen or not entry.offered or (key is not None and entry.name == key.name):
            continue
        seen.add(entry.name)
        penalty = judge(kind, key, entry, stem, entry.name)
        if penalty is not REFUSED:
            ranked.append((penalty, closeness(kind, key, entry, stem), entry))
    ranked.sort(key=lambda item: item[:2])
    return ranked
