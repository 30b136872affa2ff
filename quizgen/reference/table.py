"""Reading the reference TSV files into entries looked up by name, alias and sort."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from quizgen.answers.kinds import Kind
from quizgen.answers.normalize import normalize_text

#: Historic states and the countries that came of them: a Soviet cosmonaut is of RU and KZ's
#: past, an East German of Germany's.
SUCCESSORS: dict[str, frozenset[str]] = {
    "SU": frozenset("RU UA BY KZ UZ TM KG TJ GE AM AZ MD LT LV EE".split()),
    "YU": frozenset("RS HR SI BA MK ME XK".split()),
    "CS": frozenset("CZ SK".split()),
    "DD": frozenset({"DE"}),
}


#: Trades whose notable years begin later than twenty: a statesman or a pope is known for
#: what he did in office (raters: Xi Jinping "25 years old" for the reforms of 1978, Pius IX
#: for the Congress of Vienna, Medvedev for the last Soviet president).
LEADING_ROLES = frozenset(
    {
        "president",
        "prime minister",
        "head of state",
        "politician",
        "religious leader",
        "diplomat",
        "judge",
    }
)
LEADING_AGE = 35


@dataclass(frozen=True, slots=True)
class Entry:
    """One well-known thing and what a wrong option beside it must agree with."""

    name: str
    kind: Kind
    #: Roles of a person (most defining first), the type of an organization or place, the
    #: family of a term.
    sorts: tuple[str, ...]
    #: A term's narrower group ("ear bone"); a place's continent, or the planet a moon orbits.
    group: str = ""
    #: Born, founded, first made or signed; died or dissolved.
    start: int | None = None
    end: int | None = None
    countries: frozenset[str] = frozenset()
    gender: str = ""
    #: An organization's fields ("space", "health").
    fields: frozenset[str] = frozenset()
    #: Whether running text writes "the" before the name ("the World Health Organization",
    #: "the Netherlands").
    article: bool = False
    #: A city's population, for offering cities of a like size.
    size: int = 0
    #: A capital city, for offering capitals beside a capital.
    capital: bool = False
    #: False for what is known but never offered (a historic state for "Germany invaded ___").
    offered: bool = True
    #: Other names ("ESA" for the European Space Agency), for naming it as the key is named.
    aliases: tuple[str, ...] = ()
    #: The states or regions of its country a place lies in ("Pearl Harbor": Hawaii), or the
    #: nation of the United Kingdom a person is of ("Adam Smith": Scotland).
    within: frozenset[str] = frozenset()
    #: The year a place came into being as what it is named, when after 1492 (Chicago 1833,
    #: Arizona 1863): no option for a statement of a year before it (`since.tsv`).
    since: int | None = None
    #: The years of the famous battles fought at a battlefield (`battles.tsv`): Sekigahara
    #: (1600) is no option for a battle of 1954.
    battles: tuple[int, ...] = ()

    def active(self, as_of: int) -> tuple[int, int] | None:
        """The years a person could have done what a fact tells (from 20, or 35 for a leading
        trade, to their death); an organization's life; None when the table does not date it."""
        if self.start is None:
            return None
        if self.kind is Kind.PERSON:
            grown = LEADING_AGE if self.sorts[:1] and self.sorts[0] in LEADING_ROLES else 20
            return self.start + grown, self.end if self.end is not None else as_of
        if self.kind is Kind.ORGANIZATION:
            return self.start, self.end if self.end is not None else as_of
        return self.start, self.start


@dataclass
class Table:
    """Every entry, by normalised name or alias, and by kind and sort."""

    by_name: dict[str, list[Entry]] = field(default_factory=dict)
    by_sort: dict[tuple[Kind, str], list[Entry]] = field(default_factory=dict)
    #: Country code -> its English name.
    country_names: dict[str, str] = field(default_factory=dict)
    #: Country code -> its continent (`region`), and its part of one (UN M49: "Eastern
    #: Asia", "Western Europe").
    continents: dict[str, str] = field(default_factory=dict)
    subregions: dict[str, str] = field(default_factory=dict)
    #: Names, other names and demonyms of countries, as written -> code.
    country_words: dict[str, str] = field(default_factory=dict)
    #: City names -> their country's code, matched only as a whole run of capitalised words
    #: ("near Geneva", but not "Florence" in "Florence Nightingale").
    city_words: dict[str, str] = field(default_factory=dict)
    #: Regions across countries ("North Africa", "the Balkans") -> their countries' codes.
    region_words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: A country's states and regions, by name and other name -> the name places are `within`.
    part_words: dict[str, str] = field(default_factory=dict)
    #: First words of country names and demonyms, and of people's names: what a span of a
    #: text must start with to be looked up at all.
    name_starts: set[str] = field(default_factory=set)
    person_starts: set[str] = field(default_factory=set)
    #: Wars and eras by normalised name and other name -> (first year, last year): "during
    #: the First World War" holds a year's options to 1914-1918.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, entry: Entry, aliases: Iterable[str] = ()) -> None:
        """Index an entry under its name, its other names and its sorts."""
        names = {normalize_text(entry.name)}
        for alias in aliases:  # most entries have none
            names.add(normalize_text(alias))
        for name in names:
            if name:
                self.by_name.setdefault(name, []).append(entry)
        for sort in entry.sorts:
            self.by_sort.setdefault((entry.kind, sort), []).append(entry)

    def lookup(self, kind: Kind, text: str) -> list[Entry]:
        """The entries of `kind` that `text` names (several when a name is shared)."""
        return [e for e in self.by_name.get(normalize_text(text), ()) if e.kind is kind]

    def of_sort(self, kind: Kind, sort: str) -> list[Entry]:
        """Every entry of `kind` with this role, type or family."""
        return self.by_sort.get((kind, sort), [])

    def sorts(self, kind: Kind) -> Iterator[str]:
        """Every role, type or family the table has for `kind`."""
        return (sort for (k, sort) in self.by_sort if k is kind)


def same_country(first: Iterable[str], second: Iterable[str]) -> bool:
    """Whether two sets of codes share a country, a historic state counting as each of the
    states that came of it (a Soviet cosmonaut is of Russia's past and Kazakhstan's), but two
    successors not as each other (Lake Balkhash is not in Siberia)."""
    one, other = set(first), set(second)
    if one & other:
        return True
    return any(
        (old in one and other & new) or (old in other and one & new)
        for old, new in SUCCESSORS.items()
    )


# A run of capitalised words, with the small words names hold: "Bosnia and Herzegovina",
# "Republic of the Congo", "Wernher von Braun", "U.S.".
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w.’'-]*(?:\s+(?:(?:of|and|the|de|da|van|von|der|del|la|le)\s+)*[A-Z][\w.’'-]*)*"
)
_LONGEST_NAME = 6


def countries_in(text: str) -> frozenset[str]:
    """The countries a text names, by name or demonym ("the first American woman": US), or
    by a city standing alone ("near Geneva": CH)."""
    return names_in(text)[0]


class Names(NamedTuple):
    """What a text names: countries (as `countries_in`), the countries of the well-known
    people it names in full ("Alan Turing": GB), and states or regions ("in Hawaii")."""

    countries: frozenset[str]
    people: frozenset[str]
    parts: frozenset[str]
    #: Those of `countries` named only by a city in them ("at Poissy, outside Paris": FR):
    #: where something stands or happened, not whose it is.
    sites: frozenset[str] = frozenset()


def spans_in(text: str) -> list[tuple[int, int]]:
    """The (first, last) years of the wars and eras a text names ("the Crimean War")."""
    words = f" {normalize_text(text)} "
    return [span for name, span in table().spans.items() if f" {name} " in words]


def names_in(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The countries a text names (as `countries_in`), and the countries of the well-known
    people it names in full ("Alan Turing": GB)."""
    found = read_names(text)
    return found.countries, found.people


def read_names(text: str) -> Names:
    """The countries, people's countries and parts of countries a text names.

    One pass over the runs of capitalised words; a span is looked up in a dictionary only
    when its first word starts some name: linear in the text, whatever the table's size.
    """
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub(",", text)  # "Diego Velázquez's Las Meninas": the name ends
    countries: set[str] = set()
    people: set[str] = set()
    parts: set[str] = set()
    cities: set[str] = set()
    for run in _CAPITALISED_RUN.finditer(text):
        named = _run_names(run.group(0).rstrip("."))
        countries |= named.countries
        people |= named.people
        parts |= named.parts
        cities |= named.sites
    return Names(
        frozenset(countries | cities),
        frozenset(people),
        frozenset(parts),
        frozenset(cities - countries),
    )


#: Nouns that make a name of a sea or a pole with the demonym before them: "the Indian
#: Ocean" and "the English Channel" are no more Indian or English than "the South Pole" is
#: Polish.
_FEATURE_NOUNS = frozenset({"Ocean", "Sea", "Gulf", "Channel", "Strait", "Straits"})
_POLE_WORDS = frozenset({"North", "South", "Magnetic"})


#: Titles before a person's name: "Queen Victoria" names no Australian state, nor "King
#: George" an American one (a place the title starts, "St. Helena", is read whole first).
_PERSON_TITLES = frozenset(
    "Queen King Prince Princess Emperor Empress Tsar Tsarina Czar Kaiser Pope Saint St St. "
    "Sir Lady Lord Duke Duchess Archduke Sultan Shah Khan Chief".split()
)


def _feature_name(words: list[str], start: int, end: int) -> bool:
    """Whether the country word `words[start:end]` is part of the name of a sea or pole, or
    of a person after a title ("Queen Victoria")."""
    if start > 0 and words[start - 1] in _PERSON_TITLES:
        return True
    if end < len(words) and words[end].rstrip(".,;:") in _FEATURE_NOUNS:
        return True
    return words[start:end] == ["Pole"] and start > 0 and words[start - 1] in _POLE_WORDS


@lru_cache(maxsize=1 << 14)
def _run_names(phrase: str) -> Names:
    """What one run of capitalised words names, as `read_names` (`sites`: the cities it
    names). A deck's statements share most of their runs ("The", "In 1969", "NASA")."""
    known = table()
    countries: set[str] = set()
    people: set[str] = set()
    parts: set[str] = set()
    cities: set[str] = set()
    if "-" in phrase and " " not in phrase:
        # "the French-Swiss border", "Sino-Soviet": each part a name of its own.
        for piece in phrase.split("-"):
            named = _spelled(known.country_words, piece)
            if named is not None:
                countries.add(named)
    if phrase in known.city_words:
        cities.add(known.city_words[phrase])
    words = phrase.split()
    covered = 0  # words inside a longer name read already: no "Korea" in "North Korea"
    for start, first in enumerate(words):
        if start >= covered and (
            first in known.name_starts or first.rstrip(".,;:") in known.name_starts
        ):
            for end in range(min(len(words), start + _LONGEST_NAME), start, -1):
                span = " ".join(words[start:end])
                code = _spelled(known.country_words, span)
                region = known.region_words.get(span, frozenset())
                part = _spelled(known.part_words, span)
                if code is None and not region and part is None:
                    continue
                if _feature_name(words, start, end):
                    code, region, part = None, frozenset(), None  # "the Indian Ocean"
                if code is not None:
                    countries.add(code)
                countries |= region
                if part is not None:
                    parts.add(part)
                covered = end  # the longest name starting here: "Latin America", not
                break  # "America"; "New Mexico", not "Mexico"
    for person in _run_people(phrase, mononyms=False):
        people |= person.countries
    return Names(frozenset(countries), frozenset(people), frozenset(parts), frozenset(cities))


@lru_cache(maxsize=1 << 14)
def _run_people(phrase: str, *, mononyms: bool) -> tuple[Entry, ...]:
    """The well-known people a run of capitalised words names: at each word, the longest
    name starting there (of two words or more; with `mononyms`, also one the table has as
    a whole name: "Timur", not a surname alone), the scan going on after it."""
    known = table()
    words = phrase.split()
    found: list[Entry] = []
    start = 0
    while start < len(words):
        entries, start = _longest_person(known, words, start, mononyms=mononyms)
        found += entries
    return tuple(found)


def _longest_person(
    known: Table, words: list[str], start: int, *, mononyms: bool
) -> tuple[list[Entry], int]:
    """The people the longest name at `words[start]` is of, and where the next word is."""
    if words[start] in known.person_starts:
        for end in range(min(len(words), start + _LONGEST_NAME), start, -1):
            name = " ".join(words[start:end])
            entries = [
                entry
                for entry in known.lookup(Kind.PERSON, name)
                if end - start > 1 or (mononyms and entry.name == name)
            ]
            if entries:
                return entries, end
    return [], start + 1


def people_in(text: str) -> list[Entry]:
    """The well-known people a text names in full, or by a name of one word that is the
    table's own ("Timur", "Saladin"; not a surname alone)."""
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub(",", text)
    return [
        person
        for run in _CAPITALISED_RUN.finditer(text)
        for person in _run_people(run.group(0).rstrip("."), mononyms=True)
    ]


def name_countries(name: str) -> frozenset[str]:
    """The countries a body's own name places it in: by a country or its people ("Italian
    Socialist Party"), or by the city it starts with ("Melbourne Cricket Club")."""
    found = set(read_names(name).countries)
    words = name.split()
    known = table()
    for end in range(min(3, len(words) - 1), 0, -1):
        code = known.city_words.get(" ".join(words[:end]))
        if code is not None:
            found.add(code)
            break
    return frozenset(found)


_POSSESSIVE = re.compile(r"['’]s\b")


def _spelled(words: dict[str, str], span: str) -> str | None:
    """A span's entry, or that of the span without the punctuation a sentence put after it."""
    return words.get(span) or words.get(span.rstrip(".,;:"))


def _year(text: str) -> int | None:
    text = text.strip()
    digits = text[1:] if text.startswith("-") else text
    return int(text) if 1 <= len(digits) <= 4 and digits.isdigit() and digits.isascii() else None


def _listed(text: str) -> list[str]:
    if "|" not in text:  # most cells hold one value or none
        text = text.strip()
        return [text] if text else []
    return [part.strip() for part in text.split("|") if part.strip()]


def _rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of every data file whose name starts with `name`, as column -> text."""
    folder = resources.files("quizgen.reference") / "data"
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not (path.name.startswith(name) and path.name.endswith(".tsv")):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        width = len(header)
        for line in lines[1:]:
            if line.strip():
                cells = line.split("\t")
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                yield dict(zip(header, cells, strict=True))


#: The years of life given a person whose death alone is known: dated, they are kept to
#: their own era (no Attila beside Charlemagne).
UNKNOWN_LIFESPAN = 50

#: Demonyms of the United Kingdom's nations, which `countries.tsv` gives as British
#: ("English" is left out: more often the language, as in "Middle English").
_NATION_DEMONYMS = {
    "Scottish": "Scotland",
    "Scot": "Scotland",
    "Scots": "Scotland",
    "Welsh": "Wales",
}
#: Place types whose name in a stem says which country its answer is in.
_PART_OF_A_COUNTRY = frozenset({"state", "region", "island"})


def _within(name: str) -> dict[str, frozenset[str]]:
    """A name -> within file (`within.tsv`, `nations.tsv`): the parts of its country each
    place or person is of."""
    return {row["name"].strip(): frozenset(_listed(row["within"])) for row in _rows(name)}


#: Last words of country names that running text writes with "the" ("the Czech Republic").
_THE_COUNTRY_HEADS = frozenset({"Republic", "Kingdom", "States", "Islands", "Emirates"})


#: Countries whose other names keep an old "the" ("the Ukraine") that today's usage drops.
_ARTICLE_DROPPED = frozenset({"Ukraine", "Sudan"})


def _takes_the(name: str, also: list[str]) -> bool:
    """Whether a country is written "the Netherlands", "the United States", "the Republic of
    the Congo" (and not "the Chile")."""
    words = name.split()
    if words[-1] in _THE_COUNTRY_HEADS or words[0] in ("Republic", "Democratic", "Federated"):
        return True
    if name in _ARTICLE_DROPPED:
        return False
    return any(other.casefold() == f"the {name}".casefold() for other in also)


def _countries(row: dict[str, str]) -> frozenset[str]:
    return _codes(row.get("countries", ""))


@lru_cache(maxsize=4096)
def _codes(cell: str) -> frozenset[str]:
    # Thousands of rows share a few hundred cells ("US", "GB|IE"): one set for each.
    return frozenset(code.upper() for code in _listed(cell))


@cache
def table() -> Table:
    """The whole reference table, read once."""
    known = Table()
    capitals: set[str] = set()
    for row in _rows("countries"):
        code, name, also = row["code"].strip().upper(), row["name"].strip(), _listed(row["also"])
        known.country_names[code] = name
        known.continents[code] = row["region"].strip()
        known.subregions[code] = row.get("subregion", "").strip()
        for word in [name, *also, *_listed(row["demonyms"])]:
            known.country_words.setdefault(word.removeprefix("the "), code)
        capitals.update(_listed(row["capital"]))
        country = Entry(
            name,
            Kind.PLACE,
            ("country",),
            group=row["region"].strip(),
            countries=frozenset({code}),
            offered=code not in SUCCESSORS,
            article=_takes_the(name, also),
        )
        known.add(country, also)
    # The continents of two words, as regions of their countries ("the mountains of South
    # America"); one-word ones ("Africa") also stand inside country names ("South Africa").
    by_continent: dict[str, set[str]] = {}
    for entry in known.of_sort(Kind.PLACE, "country"):
        by_continent.setdefault(entry.group, set()).update(entry.countries)
    for continent, codes in by_continent.items():
        if len(continent.split()) == 2:
            known.region_words.setdefault(continent, frozenset(codes))
    nations = _within("nations")
    for row in _rows("people"):
        name, aliases = row["name"].strip(), _listed(row["also"])
        died = _year(row["died"])
        born = _year(row["born"])
        if born is None and died is not None:
            born = died - UNKNOWN_LIFESPAN  # Attila, Hammurabi: only their death is known
        known.add(
            Entry(
                name,
                Kind.PERSON,
                tuple(_listed(row["roles"])),
                start=born,
                end=died,
                countries=_countries(row),
                gender=row["gender"].strip().lower(),
                within=nations.get(name, frozenset()),
                aliases=tuple(aliases),
            ),
            aliases,
        )
        known.person_starts.update(words.split()[0] for words in [name, *aliases] if words)
    for row in _rows("organizations"):
        known.add(
            Entry(
                row["name"].strip(),
                Kind.ORGANIZATION,
                tuple(_listed(row["type"])),
                start=_year(row["founded"]),
                end=_year(row["dissolved"]),
                countries=_countries(row),
                fields=frozenset(_listed(row["fields"])),
                article=row["article"].strip().lower() == "the",
                aliases=tuple(_listed(row["also"])),
            ),
            _listed(row["also"]),
        )
    within = _within("within")
    since = {row["name"].strip(): _year(row["since"]) for row in _rows("since")}
    battles = {
        row["name"].strip(): tuple(y for y in map(_year, _listed(row["years"])) if y is not None)
        for row in _rows("battles")
    }
    part_demonyms: dict[str, str] = {}
    for row in _rows("places"):
        for demonym in _listed(row.get("demonyms", "")):
            part_demonyms.setdefault(demonym, row["name"].strip())
        population = row.get("population", "").replace(",", "").strip()
        name, aliases, countries = row["name"].strip(), _listed(row["also"]), _countries(row)
        kind_of_place = row["type"].strip()
        # A city standing alone in a stem, or a part of a country anywhere in it ("___,
        # Hawaii", "in Java"), holds its answer to that country, as "Kazakhstan" would.
        words_of = (
            known.city_words
            if kind_of_place == "city"
            else known.country_words
            if kind_of_place in _PART_OF_A_COUNTRY
            else None
        )
        if words_of is not None and len(countries) == 1:
            (code,) = countries
            for word in [name, *aliases]:
                words_of.setdefault(word, code)
                if kind_of_place in ("state", "region"):
                    known.part_words.setdefault(word.removeprefix("the "), name)
        elif kind_of_place == "region" and countries:
            for word in [name, *aliases]:
                known.region_words.setdefault(word.removeprefix("the "), countries)
        known.add(
            Entry(
                name,
                Kind.PLACE,
                tuple(_listed(row["type"])),
                group=row["region"].strip(),
                countries=countries,
                size=int(population) if population.isdigit() else 0,
                capital=name in capitals,
                within=within.get(name, frozenset()),
                since=since.get(name),
                battles=battles.get(name, ()),
                aliases=tuple(aliases),
            ),
            aliases,
        )
    for row in _rows("terms"):
        known.add(
            Entry(
                row["term"].strip(),
                Kind.TERM,
                tuple(_listed(row["family"])),
                group=row["group"].strip(),
                start=_year(row["year"]),
                countries=_countries(row),
            ),
            _listed(row["also"]),
        )
    # Dynasties, empires, eras and peoples that place a statement in its countries without
    # naming them ("the Tang capital": China; "the Norse god ___": Scandinavia).
    for row in _rows("eras"):
        known.region_words.setdefault(row["name"].strip(), _countries(row))
    # The United Kingdom's nations by their demonyms ("the Scottish philosopher ___").
    for demonym, nation in _NATION_DEMONYMS.items():
        known.part_words.setdefault(demonym, nation)
    for demonym, part in part_demonyms.items():
        if part in known.country_words:
            known.country_words.setdefault(demonym, known.country_words[part])
            known.part_words.setdefault(demonym, part)
    for row in _rows("spans"):
        first, last = _year(row["start"]), _year(row["end"])
        if first is not None and last is not None:
            for name in [row["name"], *_listed(row["also"])]:
                known.spans[normalize_text(name)] = (first, last)
    # After every file: states, regions and islands add names of countries' parts too.
    spans = [*known.country_words, *known.region_words]
    known.name_starts = {word.split()[0] for word in spans if word.split()}
    known.name_starts |= {word.rstrip(".") for word in known.name_starts}
    return known
