"""The reference table: its data is well formed, and the engine uses it to refuse wrong options
of another era, country, trade, type or group, and to offer well-known ones when a deck has too
few. Each rule is tested through `deck_questions`, as every command uses it, over many seeds.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Any

import pytest
import yaml
from question_support import MCQ, wrong_options
from question_support import question as asked

from quizgen.answers.kinds import Kind
from quizgen.engine import knowledge
from quizgen.engine.constants import OptionSource
from quizgen.engine.distractors import OptionFilter
from quizgen.engine.questions import ChoiceQuestion, deck_questions
from quizgen.engine.sorts import stem_sorts
from quizgen.facts.models import DeckFile, Fact
from quizgen.reference import countries_in, name_countries, people_in, same_country, table
from quizgen.reference.table import Entry, names_in, read_names

SEEDS = range(20)
DATA = resources.files("quizgen.reference") / "data"

ROLES = (
    frozenset(
        """physician surgeon anatomist physiologist microbiologist immunologist geneticist biologist
    biochemist botanist zoologist naturalist nurse pharmacologist psychologist chemist physicist
    astronomer mathematician geologist geographer meteorologist economist philosopher historian
    sociologist linguist engineer inventor entrepreneur industrialist astronaut aviator explorer
    navigator mountaineer monarch president politician diplomat activist revolutionary
    theologian writer novelist poet playwright journalist painter sculptor architect
    photographer composer conductor singer musician actor dancer athlete footballer cyclist
    boxer lawyer judge educator archaeologist anthropologist banker""".split()
    )
    | {
        "computer scientist",
        "programmer",
        "rocket engineer",
        "military leader",
        "prime minister",
        "head of state",
        "religious leader",
        "film director",
        "tennis player",
        "chess player",
        "civil rights activist",
        "trade unionist",
        "peace activist",
        "human rights activist",
        "independence activist",
    }
    | {"suffragist", "abolitionist", "environmentalist"}
    | {"swimmer", "gymnast", "cricketer", "golfer", "racing driver", "basketball player"}
    | {"baseball player", "ice hockey player", "skier", "figure skater", "rugby player"}
    | {"field hockey player", "sports administrator"}
)
ORGANIZATION_TYPES = frozenset(
    """space agency|government agency|intelligence agency|armed force|company|bank|university|
    research laboratory|international organization|charity|non-governmental organization|
    political party|trade union|sports club|museum|hospital|broadcaster|newspaper|
    military alliance|court|stock exchange|religious order|school|orchestra|band|record label|
    film studio|library""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
PLACE_TYPES = frozenset(
    """city|country|state|region|river|lake|sea|ocean|mountain|mountain range|volcano|desert|
    island|peninsula|continent|waterfall|canyon|glacier|forest|planet|dwarf planet|moon|star|
    galaxy|constellation|landmark|building|launch site|battlefield|archaeological site|
    national park|strait|canal|bay|cape""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)


def data_rows(prefix: str) -> list[tuple[str, int, dict[str, str]]]:
    """(file, line, row) for every row of the data files starting with `prefix`."""
    rows = []
    for path in sorted(DATA.iterdir(), key=lambda p: p.name):
        if path.name.startswith(prefix) and path.name.endswith(".tsv"):
            lines = path.read_text(encoding="utf-8").splitlines()
            header = lines[0].split("\t")
            for number, line in enumerate(lines[1:], start=2):
                cells = line.split("\t")
                assert len(cells) == len(header), f"{path.name}:{number}: {len(cells)} fields"
                rows.append((path.name, number, dict(zip(header, cells, strict=True))))
    assert rows, f"no {prefix} data"
    return rows


def is_year(text: str) -> bool:
    return text == "" or text.lstrip("-").isdigit()


# --- the data -----------------------------------------------------------------------------------


def test_every_person_has_years_a_gender_known_countries_and_roles_from_the_vocabulary() -> None:
    codes = set(table().country_names)
    for name, line, row in data_rows("people"):
        where = f"{name}:{line} {row['name']}"
        assert is_year(row["born"]) and is_year(row["died"]), where
        if row["born"] and row["died"]:
            assert int(row["born"]) < int(row["died"]), where
        assert row["gender"] in ("f", "m"), where
        roles = row["roles"].split("|")
        assert roles and set(roles) <= ROLES, where
        assert set(row["countries"].split("|")) <= codes | {""}, where


def test_every_organization_has_a_type_and_countries_from_the_vocabulary() -> None:
    codes = set(table().country_names) | {"INT"}
    for name, line, row in data_rows("organizations"):
        where = f"{name}:{line} {row['name']}"
        main, *narrower = row["type"].split("|")
        assert main in ORGANIZATION_TYPES and set(narrower) <= {"UN agency"}, where
        assert is_year(row["founded"]) and is_year(row["dissolved"]), where
        assert row["article"] in ("the", ""), where
        assert set(row["countries"].split("|")) <= codes | {""}, where


def test_every_place_has_a_type_and_known_countries() -> None:
    codes = set(table().country_names)
    for name, line, row in data_rows("places"):
        where = f"{name}:{line} {row['name']}"
        assert row["type"] in PLACE_TYPES, where
        assert set(row["countries"].split("|")) <= codes | {""}, where


def test_every_place_within_a_part_of_its_country_names_a_state_or_region_of_it() -> None:
    rows = [row for _, _, row in data_rows("places")]
    parts = {row["name"]: row for row in rows if row["type"] in ("state", "region")}
    places = {row["name"]: row for row in rows if row["type"] not in ("state", "region")}
    for name, line, row in data_rows("within"):
        where = f"{name}:{line} {row['name']}"
        place = places.get(row["name"])
        assert place is not None, where
        for part in row["within"].split("|"):
            assert part in parts, (where, part)
            assert parts[part]["countries"] == place["countries"], (where, part)


def test_every_nation_of_a_person_is_one_of_the_united_kingdoms() -> None:
    british = {row["name"] for _, _, row in data_rows("people") if "GB" in row["countries"]}
    for name, line, row in data_rows("nations"):
        assert row["name"] in british, f"{name}:{line} {row['name']}"
        assert row["within"] in ("England", "Scotland", "Wales", "Northern Ireland"), row


def test_every_term_family_has_enough_members_to_choose_from() -> None:
    families: Counter[str] = Counter()
    for name, line, row in data_rows("terms"):
        assert row["term"] and row["family"], f"{name}:{line}"
        assert is_year(row["year"]), f"{name}:{line} {row['term']}"
        families[row["family"]] += 1
    small = {family: n for family, n in families.items() if n < 4}
    assert not small, small


def test_no_name_is_listed_twice_as_the_same_sort_of_thing() -> None:
    every = {id(entry): entry for entries in table().by_name.values() for entry in entries}
    seen = Counter((entry.kind, entry.name, entry.sorts) for entry in every.values())
    twice = [key for key, n in seen.items() if n > 1]
    assert not twice, twice[:20]


def test_no_other_name_belongs_to_two_entries_of_one_sort_and_year() -> None:
    """ "IAEA" and "International Atomic Energy Agency" are one entry, not two."""
    twice = []
    for name, entries in table().by_name.items():
        seen: dict[tuple[object, ...], set[str]] = {}
        for found in entries:
            seen.setdefault((found.kind, found.sorts[:1], found.start), set()).add(found.name)
        # Symbols of one or two letters are shared by right ("A": ampere and angstrom).
        twice += [names for names in seen.values() if len(names) > 1 and len(name) > 2]
    assert not twice, twice


def test_countries_are_read_by_name_and_demonym_and_historic_states_join_their_successors() -> None:
    assert countries_in("the first American woman in space") == {"US"}
    assert countries_in("launched from the cosmodrome in Kazakhstan") == {"KZ"}
    assert countries_in("a Soviet cosmonaut met U.S. President Trump") == {"SU", "US"}
    assert countries_in("the mechanism of the cell") == frozenset()
    assert same_country({"SU"}, {"RU"}) and same_country({"KZ"}, {"SU"})
    assert not same_country({"RU"}, {"KZ"})  # two successors are not one country


# --- the rules, through questions ---------------------------------------------------------------


def deck(text: str) -> DeckFile:
    data: dict[str, Any] = yaml.safe_load(text)
    return DeckFile.model_validate({"id": "d", "deck": "D", "as_of": 2025, **data})


def offered(source: DeckFile, fact_id: str) -> Counter[str]:
    """Every wrong option offered for one fact over this file's seeds."""
    return wrong_options(source, fact_id, SEEDS)


def entry(kind: Kind, name: str) -> Entry:
    (found, *_) = table().lookup(kind, name)
    return found


def test_people_of_another_century_are_never_offered_and_contemporaries_are() -> None:
    source = deck(
        """
facts:
  - id: relativity
    text: In 1905 Albert Einstein published the special theory of relativity.
    answer: Albert Einstein
    kind: person
pools:
  person: [Isaac Newton, Galileo Galilei, Stephen Hawking, Richard Feynman]
"""
    )
    seen = offered(source, "relativity")
    assert not set(seen) & {"Isaac Newton", "Galileo Galilei", "Stephen Hawking", "Richard Feynman"}
    key_roles = set(entry(Kind.PERSON, "Albert Einstein").sorts)
    for name in seen:
        person = entry(Kind.PERSON, name)
        assert person.start is not None and person.start + 20 - 5 <= 1905, name
        assert person.end is None or person.end + 10 >= 1905, name
        assert set(person.sorts) & key_roles, name


def test_a_nationality_in_the_stem_rules_out_people_of_other_countries() -> None:
    source = deck(
        """
facts:
  - id: ride
    text: Sally Ride became the first American woman in space in 1983.
    answer: Sally Ride
    kind: person
  - id: tereshkova
    text: Valentina Tereshkova became the first woman in space in 1963.
    answer: Valentina Tereshkova
    kind: person
pools:
  person: [Svetlana Savitskaya, Helen Sharman, Yuri Gagarin]
"""
    )
    seen = offered(source, "ride")
    assert not set(seen) & {"Valentina Tereshkova", "Svetlana Savitskaya", "Helen Sharman"}
    for name in seen:
        person = entry(Kind.PERSON, name)
        assert "US" in person.countries and person.gender == "f", name


def test_people_of_another_trade_are_not_offered() -> None:
    source = deck(
        """
facts:
  - id: von-braun
    text: Wernher von Braun led the design of the Saturn V rocket.
    answer: Wernher von Braun
    kind: person
pools:
  person: [Yuri Gagarin, John Glenn, Alexei Leonov, Neil Armstrong]
"""
    )
    seen = offered(source, "von-braun")
    assert not set(seen) & {"Yuri Gagarin", "John Glenn", "Alexei Leonov", "Neil Armstrong"}
    key_roles = set(entry(Kind.PERSON, "Wernher von Braun").sorts)
    assert all(set(entry(Kind.PERSON, name).sorts) & key_roles for name in seen)


def test_organizations_of_another_type_or_field_are_not_offered() -> None:
    source = deck(
        """
facts:
  - id: spacex
    text: SpaceX was founded by Elon Musk in 2002.
    answer: SpaceX
    kind: organization
  - id: jpl
    text: The Jet Propulsion Laboratory is managed by Caltech for NASA.
    answer: Jet Propulsion Laboratory
    kind: organization
pools:
  organization: [European Space Agency, Roscosmos, IBM, NASA, World Health Organization]
"""
    )
    for name in offered(source, "spacex"):
        found = entry(Kind.ORGANIZATION, name)
        assert found.sorts == ("company",) and "space" in found.fields, name
    for name in offered(source, "jpl"):
        assert entry(Kind.ORGANIZATION, name).sorts == ("research laboratory",), name


def test_an_organization_is_offered_only_where_it_reads_with_the_stems_article() -> None:
    source = deck(
        """
facts:
  - id: eniac
    text: ENIAC was built at the University of Pennsylvania in 1945.
    answer: University of Pennsylvania
    kind: organization
pools:
  organization: [IBM, MIT, Harvard University, Bell Labs, University of Cambridge]
"""
    )
    seen = offered(source, "eniac")
    assert not set(seen) & {"IBM", "MIT", "Bell Labs"}


def test_a_term_gets_its_own_group_first_so_no_leg_bone_for_an_ear_bone() -> None:
    source = deck(
        """
facts:
  - id: smallest
    text: "The stapes, in the middle ear, is the smallest bone in the human body."
    answer: stapes
pools:
  bone: [tibia, fibula, humerus, radius]
"""
    )
    seen = offered(source, "smallest")
    assert set(seen) <= {"incus", "malleus"}, seen


def test_a_rocket_of_another_era_is_not_offered() -> None:
    source = deck(
        """
facts:
  - id: saturn
    text: The Saturn V rocket launched the Apollo 11 crew to the Moon in 1969.
    answer: Saturn V
pools:
  rocket: [Ariane 5, Falcon 9, Soyuz, Titan II]
"""
    )
    seen = offered(source, "saturn")
    assert not set(seen) & {"Ariane 5", "Falcon 9"}


def test_the_table_fills_a_deck_that_has_too_few_and_says_so() -> None:
    source = deck(
        """
facts:
  - id: longest
    text: The femur is the longest bone in the human body.
    answer: femur
"""
    )
    for seed in SEEDS:
        question = asked(source, "longest", seed)
        assert question is not None
        wrong = [s for s in question.sources if s is not OptionSource.KEY]
        assert wrong and set(wrong) == {OptionSource.REFERENCE}
        for option in question.options:
            assert "bone" in entry(Kind.TERM, option).sorts, option


def test_a_hint_of_two_words_is_not_served_by_the_tables_sorts_of_its_last_word() -> None:
    """Bug: `hint: writing system` was given "absolute monarchy" and "iOS" (the table's
    systems of government and operating systems) for hieroglyphs."""
    source = deck(
        """
facts:
  - {id: script, text: The Egyptians wrote in hieroglyphs., answer: hieroglyphs,
     hint: writing system}
"""
    )
    for seed in SEEDS:
        question = asked(source, "script", seed)
        assert question is None or OptionSource.REFERENCE not in question.sources
    # A hint of one word still draws on the table: "bone" for the femur.
    femur = deck("facts:\n  - {id: f, text: The femur is long., answer: femur, hint: bone}\n")
    assert asked(femur, "f", 0) is not None


def test_a_region_across_countries_holds_the_stem_to_them() -> None:
    """Raters: the Kalahari and the Namib for "the largest hot desert, in North Africa"."""
    named, _ = names_in("It covers much of North Africa, and the Balkans lie north.")
    assert {"EG", "DZ", "LY", "GR", "RS"} <= named and not named & {"BW", "NA", "ZA"}
    # A continent of two words is a region too: "the mountains of South America".
    named, _ = names_in("the mountains of South America")
    assert {"PE", "BO", "AR", "CL"} <= named and not named & {"RO", "UA"}
    source = deck(
        """
pools:
  place: [Kalahari, Namib, Gobi, Libyan Desert]
facts:
  - {id: sahara, text: The Sahara is the largest hot desert and covers much of North Africa.,
     answer: Sahara, kind: place}
  - {id: y1, text: The treaty was signed in 1901., answer: "1901"}
  - {id: y2, text: The bridge opened in 1932., answer: "1932"}
  - {id: y3, text: The war ended in 1945., answer: "1945"}
  - {id: y4, text: The wall fell in 1989., answer: "1989"}
"""
    )
    for seed in SEEDS:
        question = asked(source, "sahara", seed)
        assert question is None or not {"Kalahari", "Namib", "Gobi"} & set(question.options)


def test_no_question_offers_one_thing_twice_under_two_names() -> None:
    """Bug: the pool's "Kalahari" and the table's "Kalahari Desert" in one question."""
    from test_sorts import fixture_decks

    known = table()
    for source in fixture_decks():
        for seed in range(3):
            for question in deck_questions(source, seed=seed, kinds=MCQ).questions:
                assert isinstance(question, ChoiceQuestion)
                kind = question.fact.answer_kind
                names = [
                    found[0].name
                    for option in question.options
                    if len(found := known.lookup(kind, option)) == 1
                ]
                assert len(names) == len(set(names)), (source.id, question.fact.id, names)


#: Facts of another kind, so that a deck of one word question is not past its budget.
YEARS = """
  - {id: y1, text: The treaty was signed in 1901., answer: "1901"}
  - {id: y2, text: The bridge opened in 1932., answer: "1932"}
  - {id: y3, text: The war ended in 1945., answer: "1945"}
  - {id: y4, text: The wall fell in 1989., answer: "1989"}
"""


def test_a_state_in_the_stem_holds_its_places_to_it() -> None:
    """Raters: Chesapeake Bay, San Francisco Bay and the Gulf of Alaska for "___, Hawaii"."""
    assert read_names("It lies at Pearl Harbor, Hawaii.").parts == {"Hawaii"}
    source = deck(
        """
facts:
  - {id: miami, text: "The Everglades lie west of Miami, Florida.", answer: Miami, kind: place}
  - {id: pearl, text: "Japan attacked the naval base at Pearl Harbor, Hawaii, in 1941.",
     answer: Pearl Harbor, kind: place}
"""
        + YEARS
    )
    florida = {"Orlando", "Tampa", "Jacksonville", "Tallahassee", "St. Petersburg"}
    for seed in SEEDS:
        question = asked(source, "miami", seed)
        assert question is not None
        assert set(question.options) - {"Miami"} <= florida, question.options
        pearl = asked(source, "pearl", seed)
        assert pearl is None or not {"Chesapeake Bay", "San Francisco Bay", "Tokyo Bay",
                                     "Gulf of Alaska"} & set(pearl.options)  # fmt: skip


def test_a_state_named_by_its_people_holds_its_places_to_it() -> None:
    """Raters: Madras, Lucknow and Delhi for "In which Punjabi city ..."."""
    assert read_names("In which Punjabi city did troops fire?").parts == {"Punjab"}
    assert read_names("The Bavarian king built a castle.").parts == {"Bavaria"}
    assert read_names("The Bengali poet wrote it.").parts == frozenset()  # of two countries
    source = deck(
        """
facts:
  - {id: bagh, text: Troops fired on the crowd in the Jallianwala Bagh at Amritsar in 1919.,
     answer: Amritsar, kind: place,
     question: "In which Punjabi city did troops fire on the crowd in the Jallianwala Bagh?"}
"""
        + YEARS
        + """
pools:
  place: [Madras, Lucknow, Calcutta, Bombay, Ludhiana, Jalandhar, Patiala, Chandigarh]
"""
    )
    for seed in SEEDS:
        question = asked(source, "bagh", seed)
        assert question is None or not {"Madras", "Lucknow", "Calcutta", "Bombay"} & set(
            question.options
        ), question.options


def test_a_person_whose_death_alone_is_known_keeps_to_their_own_era() -> None:
    """Raters: Attila and Hammurabi for Charlemagne, crowned in 800 (the table had only the
    year each died, so neither could be dated)."""
    attila = entry(Kind.PERSON, "Attila")
    assert attila.start is not None and attila.end is not None
    fact = Fact(id="c", text="Charlemagne was crowned emperor on Christmas Day.",
                answer="Charlemagne", kind=Kind.PERSON)  # fmt: skip
    stem = knowledge.read_stem(fact, (), 2025)
    key = entry(Kind.PERSON, "Charlemagne")
    for name in ("Attila", "Hammurabi", "Atahualpa"):
        assert knowledge.judge(Kind.PERSON, key, entry(Kind.PERSON, name), stem, name) is None


def test_a_clergy_title_before_the_blank_names_the_role() -> None:
    """Raters: kings for "Archbishop ___ was murdered inside Canterbury Cathedral"."""
    assert knowledge.roles_of(["archbishop"]) == {"religious leader"}


def test_a_term_the_table_knows_gets_its_family_whatever_the_hint_calls_it() -> None:
    """A teacher's hint describes ("flow of sea water"); the table knows the Gulf Stream is an
    ocean current, and "warm" beside the blank names its group."""
    source = deck(
        """
facts:
  - {id: gulf, text: The Gulf Stream carries warm water from the Gulf of Mexico north.,
     answer: Gulf Stream, hint: flow of sea water}
"""
        + YEARS
    )
    offered = wrong_options(source, "gulf", SEEDS)
    assert offered
    for option in offered:
        found = entry(Kind.TERM, option)
        assert found.sorts == ("ocean current",) and found.group == "warm", option


def test_a_plural_key_the_table_knows_in_the_singular_gets_plural_options() -> None:
    source = deck(
        """
facts:
  - {id: fb, text: Flying buttresses let Gothic cathedrals have tall thin walls.,
     answer: Flying buttresses}
"""
        + YEARS
    )
    offered = wrong_options(source, "fb", SEEDS)
    assert offered and all(option.endswith("s") for option in offered), offered
    assert all(option[:1].islower() for option in offered), offered


def test_an_organization_is_named_as_the_key_is() -> None:
    """Raters: "ILO is the only abbreviation among written-out names"; "European Space
    Agency" spelled out beside "NASA"."""
    source = deck(
        """
facts:
  - {id: nasa, text: NASA launched the first Landsat satellite in 1972., answer: NASA,
     kind: organization}
  - {id: noaa, text: The National Oceanic and Atmospheric Administration runs the National
     Weather Service., answer: National Oceanic and Atmospheric Administration,
     kind: organization}
"""
        + YEARS
    )
    # (Three options in all: the table holds few agencies of NASA's kind written short.)
    short = wrong_options(source, "nasa", SEEDS, options=3)
    assert short and all(" " not in option and option.isupper() for option in short), short
    long = wrong_options(source, "noaa", SEEDS, options=3)
    assert long and all(" " in option for option in long), long


def person_judged(key: str, other: str, text: str) -> int | None:
    fact = Fact(id="p", text=text, answer=key, kind=Kind.PERSON)
    stem = knowledge.read_stem(fact, (), 2025)
    return knowledge.judge(Kind.PERSON, entry(Kind.PERSON, key), entry(Kind.PERSON, other),
                           stem, other)  # fmt: skip


def test_of_the_countries_a_stem_names_the_keys_own_hold_its_options() -> None:
    """Raters: Attlee, George VI and Churchill for "___ led Ghana to independence from
    Britain"."""
    text = "Kwame Nkrumah led Ghana to independence from Britain."
    assert person_judged("Kwame Nkrumah", "Winston Churchill", text) is None


def test_no_one_is_offered_for_a_year_after_their_death() -> None:
    """Raters: Neville Chamberlain (died 1940) for Churchill's Iron Curtain speech of 1946."""
    fact = Fact(id="c", text="Winston Churchill gave his Iron Curtain speech in 1946.",
                answer="Winston Churchill", kind=Kind.PERSON)  # fmt: skip
    stem = knowledge.read_stem(fact, (1946,), 2025)
    key, other = entry(Kind.PERSON, "Winston Churchill"), entry(Kind.PERSON, "Neville Chamberlain")
    assert knowledge.judge(Kind.PERSON, key, other, stem, other.name) is None


def test_a_person_must_work_at_the_height_of_the_keys_years_when_the_stem_has_none() -> None:
    """Raters: Jefferson and John Adams (died 1826) for Lincoln's Emancipation Proclamation."""
    text = "Abraham Lincoln issued the Emancipation Proclamation during the Civil War."
    assert person_judged("Abraham Lincoln", "Thomas Jefferson", text) is None
    assert person_judged("Abraham Lincoln", "Ulysses S. Grant", text) is not None


def test_a_person_whose_own_trade_is_another_ranks_after_those_of_the_keys() -> None:
    """Raters: Jackie Robinson, a ballplayer and also an activist, for Martin Luther King."""
    text = "Martin Luther King Jr. gave his I Have a Dream speech in 1963."
    penalty = person_judged("Martin Luther King Jr.", "Jackie Robinson", text)
    assert penalty is None or penalty >= 2


def test_a_sort_word_the_table_gives_many_families_brings_no_table_terms() -> None:
    """Raters: the urinary and integumentary systems for apartheid, "a system"."""
    source = deck(
        """
facts:
  - {id: apartheid, text: South Africa enforced apartheid from 1948 to the early 1990s.,
     answer: apartheid, hint: system}
"""
        + YEARS
    )
    for seed in SEEDS:
        question = asked(source, "apartheid", seed)
        assert question is None or OptionSource.REFERENCE not in question.sources


def test_a_head_noun_of_the_key_alone_brings_no_table_family_it_only_ends() -> None:
    """Raters: vacuum packing, flash freezing and aseptic packaging (food preservation
    methods) for Eudoxus's method of exhaustion; "___ was a period" still names periods."""
    source = deck(
        """
facts:
  - {id: eudoxus, text: "Eudoxus developed the method of exhaustion, which Archimedes used.",
     answer: method of exhaustion}
  - {id: pax, text: The Pax Romana was a period of peace across the empire.,
     answer: Pax Romana}
"""
        + YEARS
    )
    for seed in SEEDS:
        eudoxus = asked(source, "eudoxus", seed)
        assert eudoxus is None or OptionSource.REFERENCE not in eudoxus.sources, eudoxus
    assert any(
        (pax := asked(source, "pax", seed)) is not None and OptionSource.REFERENCE in pax.sources
        for seed in SEEDS
    )


def test_a_year_stays_within_the_life_of_a_person_the_statement_names() -> None:
    """Raters: 1406, 1412 and 1414 for Timur's Ankara of 1402 ("after Timur died in 1405");
    a person of one word counts only as the table's own name (no "Einstein" for Albert)."""
    assert [e.name for e in people_in("Timur defeated Bayezid I at Ankara.")] == [
        "Timur",
        "Bayezid I",
    ]
    assert people_in("Einstein wrote to Roosevelt.") == []
    source = deck(
        """
facts:
  - {id: ankara, text: Timur defeated the Ottoman sultan at the Battle of Ankara in 1402.,
     answer: "1402"}
"""
    )
    timur = entry(Kind.PERSON, "Timur")
    assert timur.end == 1405
    for seed in SEEDS:
        ankara = asked(source, "ankara", seed)
        assert ankara is not None
        assert all(int(option) <= 1405 for option in ankara.options), ankara.options


def test_a_relaxed_question_keeps_only_the_gender_its_statement_says() -> None:
    """Joan of Arc's given name made every option a woman's: a deck past its budget lost the
    question rather than offer the men-at-arms of her war."""
    source = deck(
        """
pools:
  person: [Eleanor of Aquitaine, Edward III, Richard the Lionheart]
facts:
  - {id: joan, text: In 1429 Joan of Arc helped the French army lift the siege of Orléans.,
     answer: Joan of Arc, kind: person}
  - {id: y1, text: The treaty was signed in 1901., answer: "1901"}
"""
    )
    question = asked(source, "joan", 0)
    assert question is not None
    assert {"Edward III", "Richard the Lionheart"} & set(question.options)


def test_a_nation_of_the_united_kingdom_in_the_stem_holds_its_people_to_it() -> None:
    """Raters: Malthus and Ricardo, both English, for "the Scottish philosopher ___"."""
    source = deck(
        """
pools:
  person: [Thomas Malthus, David Ricardo, David Hume, John Stuart Mill]
facts:
  - {id: smith, text: The Scottish philosopher Adam Smith wrote The Wealth of Nations in 1776.,
     answer: Adam Smith, kind: person}
"""
        + YEARS
    )
    for seed in SEEDS:
        question = asked(source, "smith", seed)
        if question is not None:
            assert not {"Thomas Malthus", "David Ricardo", "John Stuart Mill"} & set(
                question.options
            ), question.options


def test_a_name_the_table_cannot_place_is_no_option_beside_a_stems_nationality() -> None:
    """Raters: Carl Lewis and Mark Spitz (unknown to the table) for "The French educator
    ___ founded the modern Olympic Games"."""
    source = deck(
        """
pools:
  person: [Carl Lewis, Mark Spitz, Eric Liddell]
facts:
  - {id: founder, text: The French educator Pierre de Coubertin founded the modern Olympics.,
     answer: Pierre de Coubertin, kind: person}
"""
        + YEARS
    )
    for seed in SEEDS:
        question = asked(source, "founder", seed)
        if question is not None:
            assert not {"Carl Lewis", "Mark Spitz", "Eric Liddell"} & set(question.options)


def test_people_of_the_keys_gender_come_first() -> None:
    """Raters: Marta, a woman, for the (men's) FIFA World Cup."""
    source = deck(
        """
pools:
  person: [Marta Vieira da Silva]
facts:
  - {id: ronaldo, text: Ronaldo Nazário won the FIFA World Cup in 2002.,
     answer: Ronaldo Nazário, kind: person}
"""
        + YEARS
    )
    offered = wrong_options(source, "ronaldo", SEEDS, options=3)
    assert offered and all(entry(Kind.PERSON, option).gender == "m" for option in offered)


def test_a_trade_of_the_keys_family_stands_in_when_its_own_are_too_few() -> None:
    """Raters: García Márquez and Morrison for "the Nigerian writer ___"; Wole Soyinka, a
    Nigerian playwright and poet, is the option a student has to think about."""
    fact = Fact(
        id="achebe",
        text="Things Fall Apart, by the Nigerian writer Chinua Achebe, was published in 1958.",
        answer="Chinua Achebe",
        kind=Kind.PERSON,
    )
    key = entry(Kind.PERSON, "Chinua Achebe")
    stem = knowledge.read_stem(fact, (1958,), 2025, roles=knowledge.roles_of(["writer"]))
    offered = {found.name: penalty for penalty, _, found in knowledge.offered(
        Kind.PERSON, key, (), stem)}  # fmt: skip
    assert offered.get("Wole Soyinka") == 2  # after novelists, and never beside two of them
    assert "Aliko Dangote" not in offered and "Gabriel García Márquez" not in offered


def test_an_organization_of_another_science_is_not_offered() -> None:
    """Raters: the chemists' union (IUPAC) and the conservation union (IUCN) for the
    International Astronomical Union."""
    source = deck(
        """
facts:
  - {id: iau, text: In 2006 the International Astronomical Union reclassified Pluto.,
     answer: International Astronomical Union, kind: organization}
"""
        + YEARS
    )
    wrong = {"International Union of Pure and Applied Chemistry", "IAEA", "ISO",
             "International Union for Conservation of Nature"}  # fmt: skip
    for seed in SEEDS:
        question = asked(source, "iau", seed)
        assert question is None or not wrong & set(question.options)


def test_reference_false_keeps_to_the_decks_own_options() -> None:
    text = """
reference: false
facts:
  - id: longest
    text: The femur is the longest bone in the human body.
    answer: femur
"""
    made = deck_questions(deck(text), kinds=MCQ)
    assert not made.questions
    (short,) = made.shortfalls
    assert short.fact_id == "longest" and short.found == 0


def test_two_good_wrong_options_make_a_three_option_question_rather_than_a_padded_one() -> None:
    source = deck(
        """
reference: false
facts:
  - {id: a, text: The femur is the longest bone., answer: femur}
pools:
  bone: [tibia, fibula]
"""
    )
    for seed in SEEDS:
        question = asked(source, "a", seed)
        assert question is not None and len(question.options) == 3
    assert {asked(source, "a", seed).answer_index for seed in SEEDS} == {0, 1, 2}  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", [0, 7])
def test_the_tables_options_are_seeded_per_question(seed: int) -> None:
    source = deck(
        """
facts:
  - id: longest
    text: The femur is the longest bone in the human body.
    answer: femur
"""
    )
    first = asked(source, "longest", seed)
    again = asked(source, "longest", seed)
    assert first is not None and again is not None and first.options == again.options


def test_people_of_the_keys_country_are_preferred_when_there_are_enough() -> None:
    source = deck(
        """
facts:
  - id: gettysburg
    text: Abraham Lincoln delivered the Gettysburg Address.
    answer: Abraham Lincoln
    kind: person
pools:
  person: [Winston Churchill, Charles de Gaulle]
"""
    )
    for name in offered(source, "gettysburg"):
        assert "US" in entry(Kind.PERSON, name).countries, name


@pytest.mark.parametrize(
    ("text", "answer", "country"),
    [
        # the country of the people the stem names
        ("Diego Velázquez's Las Meninas hangs in the Prado Museum in Madrid.", "Madrid", "ES"),
        # the country of an island the stem names
        ("Abel Tasman sailed from Batavia, the Dutch base in Java, in 1642.", "Batavia", "ID"),
    ],
)
def test_places_are_offered_of_the_country_the_stem_points_to(
    text: str, answer: str, country: str
) -> None:
    fact = {"id": "f", "text": text, "answer": answer, "kind": "place"}
    source = deck(yaml.safe_dump({"facts": [fact]}, allow_unicode=True))
    for name in offered(source, "f"):
        assert entry(Kind.PLACE, name).countries == {country}, name


def test_more_than_the_key_gets_only_larger_options() -> None:
    source = deck(
        """
facts:
  - id: aid
    text: Under the Marshall Plan the United States gave more than $13 billion to Europe.
    answer: $13 billion
"""
    )
    for seed in SEEDS:
        question = asked(source, "aid", seed)
        assert question is not None and question.answer_index == 0, question


def test_a_place_whose_name_says_its_type_is_no_option_for_one_whose_name_does_not() -> None:
    source = deck(
        """
facts:
  - id: microsoft
    text: Bill Gates and Paul Allen founded Microsoft in Albuquerque in 1975.
    answer: Albuquerque
    kind: place
  - id: bletchley
    text: Alan Turing broke the Enigma cipher at Bletchley Park.
    answer: Bletchley Park
    kind: place
pools:
  place: [Seattle, Palo Alto, Boston, Chicago, Denver]
"""
    )
    assert "Bletchley Park" not in offered(source, "microsoft")
    # ...nor a city for the estate: here nothing fits, so its question is left out.
    for seed in SEEDS:
        question = asked(source, "bletchley", seed)
        assert question is None or not set(question.options) & {"Seattle", "Albuquerque"}


def test_a_question_left_out_for_its_stems_country_says_so() -> None:
    # "the oldest Dutch airline": a pool of seven airlines, none Dutch, gave no option, and the
    # warning asked for more airlines (a teacher added them in vain).
    source = deck(
        """
facts:
  - {id: klm, text: "Founded in 1919, KLM is the oldest Dutch airline.", answer: KLM,
     kind: organization}
  - {id: a, text: The first jet airliner flew in 1949., answer: "1949"}
  - {id: b, text: Concorde first flew in 1969., answer: "1969"}
  - {id: c, text: The Boeing 747 first flew in 1969 with 4 engines., answer: "4"}
  - {id: d, text: The Wright brothers first flew in 1903., answer: "1903"}
  - {id: e, text: Pan Am began flying in 1927., answer: "1927"}
pools:
  airline: [Qantas, Aeroflot, Lufthansa, TWA]
"""
    )
    # (Five facts more: a deck may leave a fifth of its questions out.)
    (short,) = deck_questions(source, seed=0, kinds=MCQ).shortfalls
    assert short.countries == ("Netherlands",)
    assert short.message.endswith(
        "or more of its sort from Netherlands to the deck's `pools` (`airline: [...]`, a pool "
        "named by the sort): the "
        "question names Netherlands, which rules out those of other countries"
    )
    # Without the country, the same pool serves it.
    plain = deck(
        """
facts:
  - {id: klm, text: "Founded in 1919, KLM is the oldest airline.", answer: KLM,
     kind: organization}
pools:
  airline: [Qantas, Aeroflot, Lufthansa, TWA]
"""
    )
    assert asked(plain, "klm", 0) is not None


def test_a_place_of_no_country_is_not_offered_beside_a_key_in_the_country_the_stem_names() -> None:
    # "the highest peak in Greece" was offered the Vinson Massif, in Antarctica.
    source = deck(
        """
facts:
  - {id: olympus, text: "The gods lived on Mount Olympus, the highest peak in Greece.",
     answer: Mount Olympus, kind: place}
"""
    )
    for name, _ in offered(source, "olympus").items():
        assert all(found.countries for found in table().lookup(Kind.PLACE, name)), name


def test_countries_beside_a_blank_after_the_are_written_with_the_like_the_key() -> None:
    # "made in the ___" (Netherlands) was offered "the Estonia" and "the Kosovo".
    source = deck(
        """
facts:
  - {id: lenses, text: "The first telescopes were made in the Netherlands in 1608.",
     answer: Netherlands, kind: place}
  - {id: cuba, text: "In 1962 Soviet missiles were found in Cuba.", answer: Cuba, kind: place}
"""
    )
    names = {e.name: e for e in table().of_sort(Kind.PLACE, "country")}
    assert names["Netherlands"].article and names["United States"].article
    assert not names["Chile"].article and not names["Ukraine"].article
    lenses, cuba = offered(source, "lenses"), offered(source, "cuba")
    assert lenses and all(names[n].article for n in lenses if n in names), lenses
    assert cuba and not any(names[n].article for n in cuba if n in names), cuba


def test_pool_entries_the_table_cannot_place_serve_a_stem_that_names_a_country() -> None:
    # Told "add more of its sort from Germany (`company: [...]`)", a teacher added German
    # companies the table does not know: they were refused all the same, as unplaced names.
    # (A pool named by the kind vouches for no country: see the Coubertin test.)
    source = deck(
        """
pools:
  company: [Henkelwerke Nordhaus, Evonova Chemie, Ludwigsfelder Farben]
facts:
  - {id: bayer, text: Aspirin was first sold by the German company Bayer in 1899.,
     answer: Bayer, kind: organization}
"""
        + YEARS
    )
    assert set(offered(source, "bayer")) <= {
        "Henkelwerke Nordhaus",
        "Evonova Chemie",
        "Ludwigsfelder Farben",
        "BASF",
        "Siemens",
    } | {e.name for e in table().of_sort(Kind.ORGANIZATION, "company") if "DE" in e.countries}


def test_a_kind_pool_serves_a_country_its_decks_title_names() -> None:
    """A teacher of "Icelandic history" pools Icelanders the table does not know; beside
    "Iceland" they had never been offered (four of six helpers' decks: "a pool does nothing
    when a country is named"). The deck's title says where they are from; beside a country
    it does not name, they are still not offered."""
    pool = "pools:\n  person: [Gunnar Tryggvason, Einar Magnusson, Olafur Bjornsson]\nfacts:\n"
    fact = """  - {id: edda, text: In Iceland in 1220 Snorri Sturluson wrote the Prose Edda.,
     answer: Snorri Sturluson, kind: person}
  - {id: kaiser, text: Otto von Bismarck became the first Chancellor of Germany in 1871.,
     answer: Otto von Bismarck, kind: person}
"""
    pooled = {"Gunnar Tryggvason", "Einar Magnusson", "Olafur Bjornsson"}
    titled = deck("deck: Icelandic history\n" + pool + fact + COUNTS)
    found = set(offered(titled, "edda"))
    assert found & pooled, found
    assert not pooled & set(offered(titled, "kaiser")), offered(titled, "kaiser")
    untitled = deck(pool + fact + COUNTS)
    for seed in SEEDS:
        question = asked(untitled, "edda", seed)
        assert question is None or not pooled & set(question.options), question


def test_the_table_tells_a_keys_gender_when_the_statement_does_not() -> None:
    # Raters: Kublai Khan was offered three empresses and a court lady.
    source = deck(
        """
pools:
  person: [Empress Dowager Cixi, Empress Lü, Sei Shōnagon, Emperor Taizong, Genghis Khan,
           Emperor Gaozu of Han, Ashikaga Takauji]
facts:
  - {id: kublai, text: Kublai Khan founded the Yuan dynasty in 1271., answer: Kublai Khan,
     kind: person}
"""
    )
    assert knowledge.gender_known("Kublai Khan") == "m"
    offered_here = offered(source, "kublai")
    assert offered_here and not {"Empress Dowager Cixi", "Empress Lü"} & set(offered_here)


# --- stop 23: what the stem, the topic and a candidate's own cards say --------------------------


def test_a_dynasty_or_people_the_stem_names_places_it_in_their_country() -> None:
    assert read_names("the capital of the Tang dynasty").countries == {"CN"}
    assert read_names("the Norse god of thunder").countries == {"NO", "SE", "DK", "IS"}
    assert read_names("an Ottoman sultan besieged it").countries == {"TR"}
    # Era marks are no places: "BC" had read as British Columbia.
    assert read_names("a unified China in 221 BC, and AD 105").countries == {"CN"}
    source = deck(
        """
facts:
  - id: changan
    text: Chang'an, the capital of the Tang dynasty, was one of the largest cities of its time.
    answer: Chang'an
    kind: place
pools:
  place: [Osaka, Kyoto, Nanjing, Hangzhou, Beijing, Seoul]
"""
    )
    seen = offered(source, "changan")
    assert seen and not set(seen) & {"Osaka", "Kyoto", "Seoul"}, seen


def test_a_city_in_the_stem_says_where_a_person_worked_not_whose_they_are() -> None:
    """The Villa Savoye stands outside Paris: Gropius and Mies are fair options for its
    architect, painters are not (raters: "wrong sort"), however French."""
    source = deck(
        """
facts:
  - id: villa
    text: Le Corbusier designed the Villa Savoye at Poissy, outside Paris, in 1929.
    answer: Le Corbusier
    kind: person
    hint: architect
"""
    )
    seen = offered(source, "villa")
    assert seen
    assert all("architect" in entry(Kind.PERSON, name).sorts for name in seen), seen
    assert any("FR" not in entry(Kind.PERSON, name).countries for name in seen), seen


def test_a_candidate_whose_own_card_names_another_country_is_not_offered() -> None:
    """Prince Shōtoku's card is about Japan: no option for an official at the Han court."""
    source = deck(
        """
facts:
  - id: paper
    text: Wu Tailan, an official at the Han court, improved papermaking in 105.
    answer: Wu Tailan
    kind: person
  - id: kyoto
    text: Kenji Moribe wrote the first law code of Japan in 104.
    answer: Kenji Moribe
    kind: person
  - id: canal
    text: Zhao Renbo dug a canal across China in 110.
    answer: Zhao Renbo
    kind: person
  - id: silk
    text: Liang Qiufeng guarded the silk road across China in 108.
    answer: Liang Qiufeng
    kind: person
  - id: wall
    text: Sun Baolin rebuilt a gate of the wall of China in 100.
    answer: Sun Baolin
    kind: person
"""
    )
    seen = offered(source, "paper")
    assert seen and "Kenji Moribe" not in seen, seen
    assert {"Zhao Renbo", "Liang Qiufeng", "Sun Baolin"} <= set(seen)


def test_a_topic_that_names_a_people_holds_its_answers_to_them() -> None:
    """Odysseus, of "Greek heroes", is no option for a question of "Norse gods"."""
    greek = ["Perseus", "Odysseus", "Jason", "Achilles", "Theseus", "Heracles"]
    facts = [
        {"id": "odin", "topic": "Norse gods", "text": "Odin gave up an eye for wisdom."},
        {"id": "tyr", "topic": "Norse gods", "text": "Tyr lost his hand to the wolf."},
        {"id": "loki", "topic": "Norse gods", "text": "Loki fathered the wolf Fenrir."},
    ] + [
        {"id": name.casefold(), "topic": "Greek heroes", "text": f"{name} sailed from home."}
        for name in greek
    ]
    years = [
        {
            "id": f"year-{n}",
            "text": f"The hall was rebuilt in {1800 + 7 * n}.",
            "answer": str(1800 + 7 * n),
        }
        for n in range(8)
    ]
    for fact in facts:
        fact.update(answer=fact["text"].split()[0], kind="person")
    source = DeckFile.model_validate(
        {"id": "d", "deck": "D", "as_of": 2025, "facts": facts + years}
    )
    for fact_id in ("odin", "tyr", "loki"):  # asked with Norse options, or not at all
        for seed in SEEDS:
            made = asked(source, fact_id, seed)
            assert made is None or not set(made.options) & set(greek), made.options
    assert set(offered(source, "perseus")) <= set(greek)


def test_a_titled_name_comes_after_untitled_ones_beside_an_untitled_key() -> None:
    """ "Empress Lin" beside a court lady stands out, and holds a rank the key does not."""
    names = ["Aiko Harada", "Emi Tanaka", "Yumi Sato", "Nori Ueda", "Empress Lin", "Princess Kiko"]
    facts = [
        {"id": f"p{n}", "text": f"{name} wrote a diary at court.", "answer": name, "kind": "person"}
        for n, name in enumerate(names)
    ]
    source = DeckFile.model_validate({"id": "d", "deck": "D", "as_of": 2025, "facts": facts})
    seen = offered(source, "p0")
    assert seen and not set(seen) & {"Empress Lin", "Princess Kiko"}, seen


def test_a_chemist_gets_chemists_not_mathematicians_or_astronomers() -> None:
    source = deck(
        """
facts:
  - id: table
    text: Dmitri Mendeleev arranged the known elements into a periodic table in 1869.
    answer: Dmitri Mendeleev
    kind: person
"""
    )
    seen = offered(source, "table")
    assert seen
    for name in seen:
        roles = set(entry(Kind.PERSON, name).sorts)
        assert roles & {"chemist", "physicist"}, (name, roles)


def test_an_aviator_gets_aviators_before_inventors_of_his_own_country() -> None:
    source = deck(
        """
facts:
  - id: channel
    text: Louis Blériot made the first flight across the English Channel in 1909.
    answer: Louis Blériot
    kind: person
"""
    )
    seen = offered(source, "channel")
    assert seen
    assert all("aviator" in entry(Kind.PERSON, name).sorts for name in seen), seen


def test_a_trade_the_topic_names_holds_the_options_to_it() -> None:
    source = deck(
        """
facts:
  - id: st-pauls
    topic: Architects
    text: St Paul's Cathedral in London was rebuilt after the fire of 1666 by Christopher Wren.
    answer: Christopher Wren
    kind: person
"""
    )
    for name in offered(source, "st-pauls"):
        assert "architect" in entry(Kind.PERSON, name).sorts, name


def test_a_company_the_table_does_not_know_gets_companies_of_the_field_the_stem_names() -> None:
    """ "The Chicago firm ___" names no field: no steelmaker or ketchup maker from the table;
    "the sportswear company ___" gets sportswear companies."""
    source = deck(
        """
facts:
  - id: firm
    text: The Burj Khalifa was designed by the Chicago firm Skidmore, Owings & Merrill.
    answer: Skidmore, Owings & Merrill
    kind: organization
  - id: shoes
    text: The sportswear company Ridgeline Athletic sponsors the city marathon.
    answer: Ridgeline Athletic
    kind: organization
"""
    )
    for seed in SEEDS:
        firm = asked(source, "firm", seed)
        assert firm is None or OptionSource.REFERENCE not in firm.sources, firm.options
    seen = offered(source, "shoes")
    # The table's sportswear companies (and the deck's other company).
    assert set(seen) - {"Skidmore, Owings & Merrill"} == {"Nike", "Adidas", "Puma"}, seen


def test_an_organization_of_all_the_keys_fields_comes_before_one_of_some() -> None:
    """Adidas and Puma for Nike before Gucci, a fashion house; airlines for Pan Am before
    American aircraft and engine makers."""
    source = deck(
        """
facts:
  - id: nike
    text: The sportswear company Nike takes its name from the Greek goddess of victory.
    answer: Nike
    kind: organization
  - id: jumbo
    text: The Boeing 747 made its first passenger flight with Pan Am in January 1970.
    answer: Pan Am
    kind: organization
"""
    )
    for seed in SEEDS:
        nike = asked(source, "nike", seed)
        assert nike is not None and {"Adidas", "Puma"} <= set(nike.options), seed
    for name in offered(source, "jumbo"):
        assert {"aviation", "transport"} <= entry(Kind.ORGANIZATION, name).fields, name


# --- stop 24 ------------------------------------------------------------------------------------


def test_a_name_inside_a_longer_name_is_not_read_on_its_own() -> None:
    """ "North Korea" is not also South Korea, "New Mexico" not Mexico, and "Latin America"
    names Latin America's countries, not the United States."""
    assert read_names("talks between South Africa and North Korea").countries == {"ZA", "KP"}
    assert read_names("Santa Fe, New Mexico").countries == {"US"}
    assert read_names("Port Moresby, Papua New Guinea").countries == {"PG"}
    assert read_names("near Geneva on the French-Swiss border").countries == {"FR", "CH"}
    assert read_names("a Rolls-Royce engine").countries == frozenset()
    latin = read_names("spread across Asia and Latin America.").countries
    assert "US" not in latin and {"MX", "BR", "AR"} <= latin


def test_the_stems_un_agency_gets_un_agencies() -> None:
    """ "The ___, the United Nations agency that fights hunger": UN agencies, where none had
    been offered (international organizations are not all agencies: no OECD, no African
    Union)."""
    source = deck(
        """
facts:
  - id: wfp
    text: The World Food Programme, the United Nations agency that fights hunger, won the
      Nobel Peace Prize in 2020.
    answer: World Food Programme
    kind: organization
"""
    )
    options = offered(source, "wfp")
    assert options, "no question"
    for name in options:
        assert "UN agency" in entry(Kind.ORGANIZATION, name).sorts, name


#: The architect of the Süleymaniye, whom the table knows.
SINAN = """  - id: sinan
    text: The Süleymaniye Mosque in Istanbul was designed by the architect Mimar Sinan.
    answer: Mimar Sinan
    kind: person
"""


def test_another_answer_whose_card_names_no_trade_is_no_option_for_a_key_of_known_trade() -> None:
    """Sher Shah Suri, whose card tells only that he drove out Humayun, is no option for "the
    architect Mimar Sinan"; the table's architects are."""
    source = deck(
        "facts:\n"
        + SINAN
        + """  - id: sher-shah
    text: Sher Shah Suri drove Humayun out of India in 1540.
    answer: Sher Shah Suri
    kind: person
"""
    )
    options = offered(source, "sinan")
    assert options and "Sher Shah Suri" not in options
    for name in options:
        assert "architect" in entry(Kind.PERSON, name).sorts, name


DEALS = """
facts:
  - id: whatsapp
    topic: Deals
    text: In 2014 Facebook agreed to buy WhatsApp for $19 billion.
    answer: WhatsApp
    kind: organization
  - id: activision
    topic: Deals
    text: In October 2023 Microsoft completed its $68.7 billion takeover of Activision Blizzard.
    answer: Activision Blizzard
    kind: organization
  - id: alphabet
    topic: Deals
    text: In 2015 Google reorganised itself under a new parent company called Alphabet.
    answer: Alphabet
    kind: organization
"""


def test_the_decks_other_organizations_come_after_the_tables_of_the_same_standing() -> None:
    """WhatsApp, Activision Blizzard and Alphabet were offered for each other (raters: "the
    key of another item", "already owned by Facebook"): the table's internet companies first."""
    options = offered(deck(DEALS), "whatsapp")
    assert options and not {"Activision Blizzard", "Alphabet"} & set(options)


def test_an_entry_the_question_names_by_another_of_its_names_is_no_option() -> None:
    """ "Facebook agreed to buy ___": not Meta, which the table also calls Facebook."""
    alone = deck(DEALS.split("  - id: activision")[0])
    options = offered(alone, "whatsapp")
    assert options and "Meta" not in options
    assert "Meta" in table().lookup(Kind.ORGANIZATION, "Facebook")[0].name


def test_a_person_or_place_the_question_names_by_another_of_its_names_is_no_option() -> None:
    """Raters' packet: "Joseph I of Portugal" offered for "chief minister to King Joseph I";
    people and places are named by their other names as organizations are."""
    source = deck(
        """
facts:
  - {id: pombal, text: "The Marquis of Pombal, chief minister to King Joseph I, rebuilt
     Lisbon after the earthquake of 1755.", answer: Marquis of Pombal, kind: person}
  - {id: port, text: The Madras Presidency was ruled from Fort St. George in Chennai.,
     answer: Fort St. George, kind: place}
"""
        + YEARS
    )
    assert "José I" in entry(Kind.PERSON, "Joseph I of Portugal").aliases
    for seed in SEEDS:
        for fact_id, named in (("pombal", "Joseph I of Portugal"), ("port", "Chennai")):
            question = asked(source, fact_id, seed)
            assert question is None or named not in question.options, question.options


@pytest.mark.parametrize(
    ("text", "answer", "battle"),
    [
        ("King Gustavus Adolphus was killed in 1632 at the Battle of Lützen.", "Lützen", True),
        ("In 1864 the Danish army suffered its decisive defeat at Dybbøl.", "Dybbøl", True),
        ("In 1954 the Viet Minh defeated the French army at Dien Bien Phu.", "Dien Bien Phu",
         True),
        ("By the Treaty of Roskilde in 1658, Denmark ceded Scania to Sweden.", "Scania", False),
        ("In 1966 England beat West Germany 4-2 at Wembley.", "Wembley", False),
        ("The first Winter Olympic Games were held in Chamonix in 1924.", "Chamonix", False),
    ],
)  # fmt: skip
def test_the_statement_says_a_place_is_where_a_battle_was_fought(
    text: str, answer: str, battle: bool
) -> None:
    assert ("battlefield" in stem_sorts(text, answer, Kind.PLACE)) is battle


def test_a_battle_site_gets_battle_sites_of_its_time() -> None:
    """Raters: Sekigahara (1600), Dumlupınar (1922) and Sarıkamış (1914) for Dien Bien Phu
    (1954); a province ceded by treaty and a Norse settlement for the Battle of Lützen; the
    Aswan High Dam and York Factory for a place where a battle was fought."""
    assert entry(Kind.PLACE, "Sekigahara").battles == (1600,)
    source = deck(
        """
facts:
  - {id: dbp, text: In 1954 the Viet Minh defeated the French army at Dien Bien Phu.,
     answer: Dien Bien Phu, kind: place}
  - {id: scania, text: "By the Treaty of Roskilde in 1658, Denmark ceded Scania to Sweden.",
     answer: Scania, kind: place}
  - {id: lutzen, text: Gustavus Adolphus was killed in 1632 at the Battle of Lützen.,
     answer: Lützen, kind: place}
"""
        + YEARS
    )
    for seed in SEEDS:
        dbp = asked(source, "dbp", seed)
        assert dbp is not None
        for option in set(dbp.options) - {"Dien Bien Phu"}:
            found = entry(Kind.PLACE, option)
            assert found.sorts[0] == "battlefield", option
            assert any(abs(year - 1954) <= 20 for year in found.battles), option
        lutzen = asked(source, "lutzen", seed)
        assert lutzen is None or "Scania" not in lutzen.options, lutzen.options
    capital = deck(
        """
facts:
  - {id: tipu, text: "Tipu Sultan was killed in 1799 defending his capital, Seringapatam.",
     answer: Seringapatam, kind: place}
"""
        + YEARS
    )
    for seed in SEEDS:  # raters: Talikota (1565), Tarain (1191) and Imphal (1944)
        tipu = asked(capital, "tipu", seed)
        for option in set(tipu.options if tipu else ()) - {"Seringapatam"}:
            fought = entry(Kind.PLACE, option).battles
            assert not fought or any(abs(year - 1799) <= 20 for year in fought), option


def test_a_nations_own_leader_or_body_gets_no_foreign_one_unless_relaxed() -> None:
    """Raters: a Cambodian king for "Which king of Siam", Attlee for Australia's Curtin, and a
    British suffragette union and the World Zionist Organization for Java's first nationalist
    society ("wrong country"). A physicist may still be of another country."""
    king = Fact(id="k", text="Chulalongkorn modernised the army.", answer="Chulalongkorn",
                kind=Kind.PERSON)  # fmt: skip
    stem = knowledge.read_stem(king, (), 2025)
    key = entry(Kind.PERSON, "Chulalongkorn")
    meiji = entry(Kind.PERSON, "Emperor Meiji")
    assert knowledge.judge(Kind.PERSON, key, meiji, stem, meiji.name) is None
    relaxed = knowledge.read_stem(king, (), 2025, relaxed=True)
    assert knowledge.judge(Kind.PERSON, key, meiji, relaxed, meiji.name) is not None
    physicist = Fact(id="p", text="Max Planck founded quantum theory.", answer="Max Planck",
                     kind=Kind.PERSON)  # fmt: skip
    planck, rutherford = entry(Kind.PERSON, "Max Planck"), entry(Kind.PERSON, "Ernest Rutherford")
    physics = knowledge.read_stem(physicist, (), 2025)
    assert knowledge.judge(Kind.PERSON, planck, rutherford, physics, rutherford.name) is not None
    source = deck(
        """
facts:
  - {id: budi, text: "Budi Utomo, founded in 1908 by Javanese medical students, was the first
     modern nationalist organisation in the Dutch East Indies.", answer: Budi Utomo,
     kind: organization}
"""
        + YEARS
    )
    foreign = {"Women's Social and Political Union", "World Zionist Organization"}
    for seed in SEEDS:
        question = asked(source, "budi", seed)
        assert question is None or not foreign & set(question.options), question.options


def test_a_cape_gets_capes_and_no_place_built_after_the_statements_year() -> None:
    """Raters: the Gateway of India (1924), the Aswan High Dam and York Factory "to sail
    round" for Dias's Cape of Good Hope of 1488; Chandigarh (1953) for da Gama's Calicut."""
    source = deck(
        """
facts:
  - {id: dias, text: In 1488 Bartolomeu Dias became the first European to sail round the
     Cape of Good Hope., answer: Cape of Good Hope, kind: place}
  - {id: gama, text: In 1498 Vasco da Gama reached Calicut in India., answer: Calicut,
     kind: place}
"""
        + YEARS
    )
    for seed in SEEDS:
        dias = asked(source, "dias", seed)
        assert dias is not None
        assert all(entry(Kind.PLACE, o).sorts[0] == "cape" for o in dias.options), dias.options
        gama = asked(source, "gama", seed)
        assert gama is None or "Chandigarh" not in gama.options, gama.options


def test_a_player_of_one_sport_gets_players_of_that_sport() -> None:
    """Raters: a footballer, an Olympic official and a sprinter for Rod Laver's two calendar
    Grand Slams; a "sprinter" in the statement is a track athlete."""
    source = deck(
        """
facts:
  - {id: laver, text: Rod Laver won the calendar Grand Slam in 1962 and 1969.,
     answer: Rod Laver, kind: person}
  - {id: bolt, text: The sprinter Usain Bolt won the 100 metres in 2008.,
     answer: Usain Bolt, kind: person}
"""
        + YEARS
    )
    for seed in SEEDS:
        for fact_id, sport in (("laver", "tennis player"), ("bolt", "athlete")):
            question = asked(source, fact_id, seed)
            assert question is not None, fact_id
            for option in question.options:
                assert sport in entry(Kind.PERSON, option).sorts, (option, sport)


def test_a_body_whose_name_places_it_elsewhere_is_no_option_beside_the_stems_city() -> None:
    """Raters: the Melbourne Cricket Club for a club "based at Lord's in London"."""
    assert name_countries("Melbourne Cricket Club") == {"AU"}
    assert name_countries("Italian Socialist Party") == {"IT"}
    source = deck(
        """
facts:
  - {id: mcc, text: "The Laws of Cricket are kept by the Marylebone Cricket Club, based at
     Lord's in London.", answer: Marylebone Cricket Club, kind: organization}
"""
        + YEARS
        + """
pools:
  club: [Queen's Club, Hurlingham Club, Melbourne Cricket Club, Surrey County Cricket Club,
         Sydney Cricket Club]
"""
    )
    for seed in SEEDS:
        mcc = asked(source, "mcc", seed)
        assert mcc is None or not {"Melbourne Cricket Club", "Sydney Cricket Club"} & set(
            mcc.options
        ), mcc.options


def test_a_founder_gets_no_ruler_whose_number_says_he_was_not_the_first() -> None:
    """ "The Ottoman dynasty takes its name from its founder, ___": no Mehmed II (raters:
    "the II shows there was an earlier Mehmed"); a key with a later number keeps its own."""
    source = deck(
        """
facts:
  - id: osman
    text: The Ottoman dynasty takes its name from its founder, Osman I.
    answer: Osman I
    kind: person
  - id: mehmed
    text: Mehmed II took Constantinople in 1453.
    answer: Mehmed II
    kind: person
  - id: suleiman
    text: Suleiman the Magnificent besieged Vienna in 1529.
    answer: Suleiman the Magnificent
    kind: person
"""
    )
    options = offered(source, "osman")
    assert options
    assert not [name for name in options if name.split()[-1] in ("II", "III", "IV", "VIII")]
    rule = OptionFilter(
        source.facts[0], "The Ottoman dynasty takes its name from its founder, ___."
    )
    assert rule.refusal("Mehmed II") == "its number says it was not the first of its name"
    assert rule.refusal("Malcolm X") is None


def test_a_title_after_a_name_is_no_surname_two_options_may_share() -> None:
    """Davud Agha and Sedefkâr Mehmed Agha, both architects of the sultans, may stand side by
    side for Mimar Sinan: "Agha" is a title, not a family ("Lumière" is)."""
    source = deck("facts:\n" + SINAN)
    together = [
        made.options
        for seed in SEEDS
        if (made := asked(source, "sinan", seed)) is not None
        and {"Davud Agha", "Sedefkâr Mehmed Agha"} <= set(made.options)
    ]
    assert together


def test_the_founder_of_anything_but_a_line_of_rulers_may_be_a_later_king() -> None:
    """Louis XIV founded academies: a teacher's "Louis XIV" for the founder of the Académie
    française stays (the rule is for the first of a dynasty)."""
    source = deck(
        """
facts:
  - id: academie
    text: Cardinal Richelieu founded the Académie française in 1635.
    answer: Cardinal Richelieu
    kind: person
    distractors: [Cardinal Mazarin, Jean-Baptiste Colbert, Louis XIV]
"""
    )
    rule = OptionFilter(source.facts[0], "Who founded the Académie française in 1635?")
    assert rule.refusal("Louis XIV") is None
    made = asked(source, "academie", 1)
    assert made is not None and "Louis XIV" in made.options


#: Number facts that keep a small test deck within its fifth left out (not relaxed).
COUNTS = "".join(
    f"""  - id: count-{n}
    text: Survey {n} counted {40 + 7 * n} nesting pairs on the island.
    answer: "{40 + 7 * n}"
"""
    for n in range(6)
)


def test_a_place_the_stem_puts_in_a_state_is_no_namesake_of_another_country() -> None:
    """ "to ___, Massachusetts": not the table's Cambridge in England, whose country had let
    Geneva, Copenhagen and Munich through (raters: "the stem says Massachusetts")."""
    source = deck(
        """
facts:
  - id: mit
    text: In 1916 MIT moved from Boston across the Charles River to Cambridge, Massachusetts.
    answer: Cambridge
    kind: place
  - id: cern
    text: CERN has its main site near Geneva.
    answer: Geneva
    kind: place
  - id: bohr
    text: Niels Bohr founded his institute in Copenhagen in 1921.
    answer: Copenhagen
    kind: place
  - id: planck
    text: The Max Planck Society has its seat in Munich.
    answer: Munich
    kind: place
"""
        + COUNTS
    )
    # Within the deck's fifth left out, the question is not relaxed: the table's refusals hold
    # (and with no American city in the deck, it is left out).
    for seed in SEEDS:
        made = asked(source, "mit", seed)
        assert made is None or not {"Geneva", "Copenhagen", "Munich"} & set(made.options)


def test_a_banker_gets_bankers_of_his_time_and_a_financier_is_a_banker() -> None:
    """The table had no bankers: Jay Gould and Cornelius Vanderbilt, undated pool names, were
    offered for the Medici bank of 1397 (raters: "the same famous financiers, whatever the
    era"). Now the Medici's peers come from the table, and a teacher's "financier" reads as
    the table's banker."""
    source = deck(
        """
facts:
  - id: rothschild
    text: In 1798 the young financier Nathan Mayer Rothschild set up in business in Manchester.
    answer: Nathan Mayer Rothschild
    kind: person
"""
        + COUNTS  # not relaxed: within the deck's fifth left out
    )
    options = offered(source, "rothschild")
    assert options
    for name in options:
        found = entry(Kind.PERSON, name)
        assert "banker" in found.sorts, name
        assert found.start is not None and found.start < 1798 < (found.end or 2100), name
    assert knowledge.roles_of({"financier"}) == {"banker"}


def test_a_military_office_after_the_blank_asks_for_a_military_leader() -> None:
    """ "___ was Supreme Commander of the Allied Expeditionary Force": Patton and MacArthur,
    not Roosevelt, Truman and Johnson, though Eisenhower was a president first (raters: "the
    wrong sort: politicians for a military command")."""
    assert stem_sorts(
        "Dwight D. Eisenhower was Supreme Commander of the Allied forces.",
        "Dwight D. Eisenhower",
        Kind.PERSON,
    ) == {"commander"}
    source = deck(
        """
facts:
  - id: ike
    text: Dwight D. Eisenhower was Supreme Commander of the Allied Expeditionary Force for
      the D-Day landings.
    answer: Dwight D. Eisenhower
    kind: person
  - id: bradley
    text: General Omar Bradley commanded the US First Army in Normandy in 1944.
    answer: Omar Bradley
    kind: person
"""
        + COUNTS
    )
    options = offered(source, "ike")
    assert options
    for name in set(options) - {"Omar Bradley"}:
        assert "military leader" in entry(Kind.PERSON, name).sorts, name


#: Amundsen's South Pole of 1911, which two tests ask about.
AMUNDSEN = """  - id: amundsen
    text: In December 1911 a party led by Roald Amundsen became the first to reach the South
      Pole.
    answer: Roald Amundsen
    kind: person
"""


def test_a_demonym_inside_the_name_of_a_sea_or_pole_names_no_country() -> None:
    """ "the first to reach the South Pole" had held Amundsen's question to Norwegians and
    Poles ("Pole"), and "the Indian Ocean" names no Indians (a helper's exploration deck)."""
    assert read_names("a party became the first to reach the South Pole").countries == set()
    assert read_names("sailed across the Indian Ocean and the English Channel").countries == set()
    assert read_names("a Polish chemist crossed the Arabian Sea to India").countries == {"PL", "IN"}
    source = deck("facts:\n" + AMUNDSEN + COUNTS)
    options = offered(source, "amundsen")
    assert options
    assert not any("PL" in entry(Kind.PERSON, name).countries for name in options), options


def test_no_place_founded_after_the_statements_year() -> None:
    """A helper's deck: Phoenix (1868), Austin (1839) and Seattle (1851) for the First
    Continental Congress of 1774 in Philadelphia, Arizona and Colorado for the ninth state to
    ratify in 1788 (`since.tsv`). Without the year, such places are offered as before."""
    text = "Delegates met at the First Continental Congress in Philadelphia{when}."
    body = "facts:\n  - {{id: congress, text: '{text}', answer: Philadelphia, kind: place}}\n"
    dated = deck(body.format(text=text.format(when=" in 1774")) + COUNTS)
    undated = deck(body.format(text=text.format(when="")) + COUNTS)

    def since(name: str) -> int:
        found = table().lookup(Kind.PLACE, name)
        return max((e.since or 0) for e in found) if found else 0

    assert entry(Kind.PLACE, "Chicago").since == 1833
    assert not [n for n in offered(dated, "congress") if since(n) > 1774], offered(
        dated, "congress"
    )
    assert [n for n in offered(undated, "congress") if since(n) > 1774], offered(
        undated, "congress"
    )


def test_a_name_after_a_title_is_a_person_not_a_place() -> None:
    """ "on behalf of Queen Victoria" had held Hobson's question to Australians (the state
    of Victoria); a place the title starts is still read whole."""
    assert read_names("Hobson signed the treaty on behalf of Queen Victoria").countries == set()
    assert read_names("King George was crowned in Westminster").countries <= {"GB"}
    assert "AU" in read_names("The gold rush began in Victoria in 1851").countries


def test_the_countries_a_warning_names_are_those_that_hold_the_key() -> None:
    """ "French secret agents sank the Rainbow Warrior, a ship of ... Greenpeace": the
    options are not held to France (Greenpeace is international), nor does the warning
    tell the teacher they are."""
    from quizgen.engine.knowledge import countries_named, key_entry_for
    from quizgen.facts.models import Fact

    fact = Fact(
        id="rw",
        text="In 1985 French secret agents sank a ship of the environmental group Greenpeace.",
        answer="Greenpeace",
        kind=Kind.ORGANIZATION,
    )
    assert countries_named(fact) == ("France",)
    key = key_entry_for(Kind.ORGANIZATION, "Greenpeace", ())
    assert key is not None and countries_named(fact, key) == ()


def test_a_month_after_in_is_no_place_the_statement_puts_its_answer() -> None:
    """ "arrived at Botany Bay in January 1788" had put Botany Bay "in january"."""
    from quizgen.engine.sorts import locator

    assert locator("The fleet arrived at Botany Bay in January 1788.", "Botany Bay") is None
    # A point of the compass before the name places it all the same: Regina and
    # Charlottetown had been offered for "captured Vimy Ridge in northern France".
    assert locator("They captured Vimy Ridge in northern France.", "Vimy Ridge") == "france"
    assert locator("A pass in south-eastern Europe.", "pass") == "europe"
    assert locator("The rocket flew from the Cosmodrome in Kazakhstan.", "Cosmodrome") == (
        "kazakhstan"
    )


def test_a_key_the_table_knows_by_an_accepted_form_is_judged_as_that_entry() -> None:
    """The table knows the CDC by its initials; the teacher wrote the name out and accepted
    "CDC". Unknown, the key got no options at all (0 of 3); known, it gets the US health
    agencies, older ones too (a 1946 founding: NIH, 1887; FDA, 1906), but none founded long
    after it."""
    source = deck(
        """
facts:
  - id: cdc
    text: Founded in Atlanta in 1946, the Centers for Disease Control and Prevention is the
      national public health agency of the United States.
    answer: Centers for Disease Control and Prevention
    accept: [CDC]
    kind: organization
"""
    )  # a deck of one: asked with the two the table has (no relaxed filler of later years)
    assert knowledge.key_entry_for(
        Kind.ORGANIZATION, "Centers for Disease Control and Prevention", ["CDC"]
    ) == entry(Kind.ORGANIZATION, "CDC")
    options = offered(source, "cdc")
    assert {"National Institutes of Health", "Food and Drug Administration"} <= set(options)
    for name in options:
        found = entry(Kind.ORGANIZATION, name)
        assert "US" in found.countries and found.start is not None, name
        assert found.start <= 1946 + knowledge.FOUNDED_AFTER_SPAN, name


def test_a_key_known_by_one_name_may_have_full_names_beside_it() -> None:
    """Sukarno had no other name: full names had been refused beside him as they are beside
    a surname, so Mohammad Hatta, the teacher's own pick, was never offered (1 of 3)."""
    source = deck(
        """
facts:
  - id: sukarno
    text: Sukarno proclaimed Indonesia's independence in Jakarta in August 1945.
    answer: Sukarno
    kind: person
"""
    )  # a deck of one: asked with the two Indonesians of his years the table has
    assert "Mohammad Hatta" in offered(source, "sukarno")
    assert knowledge.known_by_one_name("Sukarno")
    assert not knowledge.known_by_one_name("Nehru")


def test_an_undated_person_comes_after_the_keys_dated_contemporaries() -> None:
    """Flinders and Dampier, pooled for an exploration deck and then unknown to the table, had
    come before Scott and Shackleton for Amundsen's South Pole of 1911 (the table knows them
    now: two of Amundsen's own party, whom it does not know, stand in for them)."""
    source = deck(
        "pools:\n  person: [Olav Bjaaland, Helmer Hanssen, Robert Falcon Scott, Ernest"
        " Shackleton]\nfacts:\n" + AMUNDSEN + COUNTS
    )
    options = offered(source, "amundsen")
    assert len(options) == 3, options  # dated explorers of his time: Nansen, Scott...
    assert not {"Olav Bjaaland", "Helmer Hanssen"} & set(options), options


def test_people_of_the_keys_continent_come_before_those_of_another() -> None:
    """Kenyatta's peers from Africa (Nkrumah, Azikiwe) before de Gaulle, a president of his
    years from Europe."""
    key = entry(Kind.PERSON, "Jomo Kenyatta")
    stem = knowledge.read_stem(
        Fact.model_validate(
            {
                "id": "k",
                "text": "Jomo Kenyatta became president in 1964.",
                "answer": "Jomo Kenyatta",
                "kind": "person",
            }
        ),
        (1964,),
        2025,
    )
    african = knowledge.closeness(Kind.PERSON, key, entry(Kind.PERSON, "Kwame Nkrumah"), stem)
    european = knowledge.closeness(Kind.PERSON, key, entry(Kind.PERSON, "Charles de Gaulle"), stem)
    assert african < european


def test_the_advice_for_a_person_held_to_a_country_says_what_a_kind_pool_cannot_do() -> None:
    """Told to pool "more of its sort from Indonesia" (`person: [...]`), a teacher pooled
    Sjahrir, whom the table does not know, and he was never offered: the advice says so, and
    what works instead."""
    from quizgen.engine.questions import Shortfall

    told = Shortfall("d", "sukarno", Kind.PERSON, 1, 3, None, None, ("Indonesia",)).message
    assert "`person: [...]`" in told
    assert "not offered beside a country" in told and "the fact's `distractors`" in told
    sorted_pool = Shortfall("d", "klm", Kind.ORGANIZATION, 2, 3, "airline", None, ("Netherlands",))
    assert "not offered beside a country" not in sorted_pool.message


def test_a_capitalised_term_gets_no_lower_case_terms_from_the_table() -> None:
    """ "free trade", "supply-side economics" and "gold standard" for the New Economic Policy:
    raters, "generic lower-case terms beside a capitalised policy name"."""
    source = deck(
        """
facts:
  - id: nep
    text: In 1921 Lenin replaced War Communism with the New Economic Policy, which let
      peasants sell their surplus grain.
    answer: New Economic Policy
"""
        + COUNTS
    )
    found = [
        text
        for seed in SEEDS
        if (question := asked(source, "nep", seed)) is not None
        for text, origin in zip(question.options, question.sources, strict=True)
        if origin is OptionSource.REFERENCE
    ]
    assert not [text for text in found if text[:1].islower()], found


def test_the_year_of_the_keys_death_dates_no_deed_of_the_options() -> None:
    """ "... he was murdered in Mexico in 1940": Bukharin (died 1938) had been refused for
    Trotsky's Red Army as not alive in 1940, and Ho Chi Minh offered instead (n17 raters)."""
    source = deck(
        """
facts:
  - id: trotsky
    text: As Commissar for War, Leon Trotsky built the Red Army; exiled by Stalin, he was
      murdered in Mexico in 1940.
    answer: Leon Trotsky
    kind: person
"""
        + COUNTS
    )
    options = offered(source, "trotsky")
    assert {"Nikolai Bukharin", "Grigory Zinoviev", "Lev Kamenev"} & set(options), options
    for name in options:
        assert entry(Kind.PERSON, name).countries & {"SU", "RU"}, name


SUBREGIONS = frozenset(
    [
        *("Northern Africa", "Eastern Africa", "Middle Africa", "Southern Africa"),
        *("Western Africa", "Caribbean", "Central America", "South America"),
        *("Northern America", "Central Asia", "Eastern Asia", "South-eastern Asia"),
        *("Southern Asia", "Western Asia", "Eastern Europe", "Northern Europe"),
        *("Southern Europe", "Western Europe", "Australia and New Zealand", "Melanesia"),
        *("Micronesia", "Polynesia"),
    ]
)


def test_every_country_has_a_part_of_a_continent() -> None:
    for name, line, row in data_rows("countries"):
        assert row["subregion"] in SUBREGIONS, f"{name}:{line} {row['name']}"


def test_a_place_or_person_of_the_keys_part_of_a_continent_comes_first() -> None:
    """Inchon had got Hyderabad after Busan and Daegu (raters: "an Indian city for a landing
    in Korea"): Chinese and Japanese cities come before those of South Asia. The deck's own
    cities of another country no longer keep the table's Korean ones out."""
    key = entry(Kind.PLACE, "Incheon")
    stem = knowledge.read_stem(
        Fact.model_validate(
            {
                "id": "i",
                "text": "UN forces landed at Incheon.",
                "answer": "Incheon",
                "kind": "place",
            }
        ),
        (),
        2025,
    )
    east = knowledge.closeness(Kind.PLACE, key, entry(Kind.PLACE, "Quanzhou"), stem)
    south = knowledge.closeness(Kind.PLACE, key, entry(Kind.PLACE, "Hyderabad"), stem)
    assert east < south
    source = deck(
        """
facts:
  - id: inchon
    text: In September 1950 UN forces made a surprise amphibious landing at Inchon, far behind
      North Korean lines.
    answer: Inchon
    kind: place
    accept: [Incheon]
  - {id: nanjing, text: The Nationalists made Nanjing their capital in 1927., answer: Nanjing,
     kind: place}
  - {id: yanan, text: The Long March ended at Yan'an in 1935., answer: Yan'an, kind: place}
  - {id: shenzhen, text: Shenzhen became a special economic zone in 1980., answer: Shenzhen,
     kind: place}
"""
        + COUNTS
    )
    assert {"Busan", "Daegu"} <= set(offered(source, "inchon"))


def test_a_historic_state_or_its_people_places_a_statement_in_its_countries() -> None:
    """ "The Prussian Minister-President ___" had been read as naming no country, and got
    Disraeli, Gladstone and Clemenceau (n19 raters: "wrong nationality")."""
    assert read_names("The Prussian Minister-President gave a speech.").countries == {"DE"}
    assert read_names("Austria-Hungary declared war on Serbia.").countries >= {"AT", "HU"}
    assert read_names("the Florentine painter").countries == {"IT"}


def test_a_statesman_is_dated_by_his_years_in_office_not_from_twenty() -> None:
    """Xi Jinping, 25 in 1978, had been offered for Deng's reforms (n17 raters: "top leader
    only from 2012"); a politician's notable years start at 35. A monarch's still start at
    20: kings may reign young."""
    fact = Fact(id="d", text="From 1978 Deng Xiaoping steered China towards reform.",
                answer="Deng Xiaoping", kind=Kind.PERSON)  # fmt: skip
    stem = knowledge.read_stem(fact, (1978,), 2025)
    deng = entry(Kind.PERSON, "Deng Xiaoping")
    assert knowledge.judge(Kind.PERSON, deng, entry(Kind.PERSON, "Xi Jinping"), stem, "x") is None
    assert (
        knowledge.judge(Kind.PERSON, deng, entry(Kind.PERSON, "Zhao Ziyang"), stem, "z") is not None
    )
    xi = entry(Kind.PERSON, "Xi Jinping")
    assert xi.start is not None and xi.active(2025) == (xi.start + 35, 2025)
    louis = entry(Kind.PERSON, "Louis XIV")
    assert louis.start is not None and louis.active(2025)[0] == louis.start + 20  # type: ignore[index]


def test_a_year_within_a_war_the_stem_or_the_deck_names_gets_years_of_that_war() -> None:
    """ "1911, 1913, 1919" for the United States entering the First World War in 1917 (n20
    raters: "ruled out by knowing when the war ran"); the deck's title names the war when the
    stem says only "the war". A year outside the war is left as it was."""
    source = deck(
        """
deck: The First World War
facts:
  - id: usa
    text: The United States declared war on Germany in April 1917.
    answer: "1917"
  - id: jutland
    text: The largest naval battle of the war was fought at Jutland in 1916.
    answer: "1916"
  - id: versailles
    text: The Treaty of Versailles was signed in 1919.
    answer: "1919"
"""
        + COUNTS
    )
    for fact_id in ("usa", "jutland"):
        options = offered(source, fact_id)
        assert options and all(1914 <= int(year) <= 1918 for year in options), options
    assert any(int(year) > 1919 for year in offered(source, "versailles"))
