"""The loader as a library: YAML to validated decks, every problem at once with file and line.

The command-line tests (test_cli_check.py) cover each kind of bad input as a teacher sees it;
these cover what the loader returns and the YAML corners that a CLI test would hide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_DECK, SOLAR_SYSTEM, WriteFacts
from question_support import wrong_options

from quizgen.answers.kinds import Kind
from quizgen.answers.numberwords import number_word
from quizgen.errors import FactFileError, NoFactFiles, Problem, QuizgenError
from quizgen.export.escaping import anki_cloze
from quizgen.facts.loader import find_fact_files, load_decks, load_file


def problems_in(*paths: Path) -> list[str]:
    """The loader's messages for files that must fail."""
    with pytest.raises(FactFileError) as caught:
        load_decks(list(paths))
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    return [str(problem) for problem in caught.value.problems]


# --- valid files ------------------------------------------------------------------------------


def test_solar_system_kinds_are_given_or_inferred() -> None:
    (loaded,) = load_decks([SOLAR_SYSTEM])
    kinds = {fact.id: fact.answer_kind for fact in loaded.deck.facts}
    assert kinds == {
        "galileo-moons": Kind.PERSON,
        "galileo-moons-year": Kind.YEAR,
        "pluto-discoverer": Kind.PERSON,
        "pluto-reclassified": Kind.YEAR,
        "pluto-reclassified-by": Kind.ORGANIZATION,
        "olympus-mons": Kind.PLACE,
        "planet-count": Kind.NUMBER,
        "venus-temperature": Kind.NUMBER,
        "earth-distance": Kind.NUMBER,
        "sun-mass-share": Kind.PERCENT,
        "sunlight-travel-time": Kind.NUMBER,
        "great-red-spot": Kind.TERM,
        "moon-landing": Kind.DATE,
        "voyager-launch": Kind.DATE,
        "webb-cost": Kind.MONEY,
        "rosetta-cost": Kind.MONEY,
    }
    # The model stores the inferred kind, so every later stage sees the same one.
    assert all(fact.kind is not None for fact in loaded.deck.facts)


def test_header_fields_are_read(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        description: A tiny deck.
        source: {title: Notes, ref: "p. 3"}
        as_of: 2024
        tags: [space, year-7]
        pools:
          person: [Johannes Kepler, Tycho Brahe]
          year: ["1609", "1619"]
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
        """
    )
    deck = load_file(path).deck
    assert (deck.id, deck.deck, deck.description, deck.as_of) == (
        "mini",
        "Mini",
        "A tiny deck.",
        2024,
    )
    assert deck.source is not None
    assert deck.source.describe() == "Notes — p. 3"
    assert deck.tags == ["space", "year-7"]
    assert deck.pools == {
        Kind.PERSON: ["Johannes Kepler", "Tycho Brahe"],
        Kind.YEAR: ["1609", "1619"],
    }


def test_fact_defaults(write_facts: WriteFacts, minimal_deck: str) -> None:
    (fact,) = load_file(write_facts(minimal_deck)).deck.facts
    assert fact.kind is Kind.TERM
    assert fact.cloze_spans == ["two"]
    assert fact.hint_text == "term"
    assert (fact.question, fact.topic, fact.image) == (None, None, None)
    assert (fact.distractors, fact.accept, fact.tags) == ([], [], [])


def test_fact_lines_point_at_each_fact(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two

          # a comment between facts
          - text: The Sun is a star.
            id: sun-star
            answer: star
        """
    )
    assert load_file(path).fact_lines == {"mars-moons": 4, "sun-star": 9}


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2014", "2014"),
        ("2.50", "2.50"),
        ("1e3", "1e3"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("0x1F", "0x1F"),
        ("2022-02-24", "2022-02-24"),
        ("'007'", "007"),
    ],
)
def test_scalars_stay_text(write_facts: WriteFacts, written: str, read: str) -> None:
    """YAML 1.1 would turn these into ints, floats, booleans and dates; a fact wants the text."""
    path = write_facts(
        f"""\
        id: mini
        deck: Mini
        facts:
          - id: value
            text: "The value is {read}."
            answer: {written}
        """
    )
    (fact,) = load_file(path).deck.facts
    assert fact.answer == read


def test_byte_order_mark_is_accepted(write_facts: WriteFacts, minimal_deck: str) -> None:
    path = write_facts(b"\xef\xbb\xbf" + minimal_deck.encode())
    assert load_file(path).deck.id == "mini"


def test_find_fact_files_recurses_in_a_stable_order(write_facts: WriteFacts) -> None:
    for name in ("b/z.yml", "a.yaml", "b/a.YAML", "notes.md", "c.yaml.bak"):
        write_facts("id: x\n", f"decks/{name}")
    single = write_facts("id: x\n", "single.txt")
    found = list(find_fact_files([Path("decks"), single]))
    assert found == [Path("decks/a.yaml"), Path("decks/b/a.YAML"), Path("decks/b/z.yml"), single]


# --- problems -----------------------------------------------------------------------------------


def test_fact_file_error_is_a_quizgen_error() -> None:
    error = FactFileError([Problem("b.yaml", 1, "", "x"), Problem("a.yaml", 9, "id", "y")])
    assert isinstance(error, QuizgenError)
    assert str(error) == "a.yaml:9: id: y\nb.yaml:1: x"


def test_no_fact_files_in_a_folder(workdir: Path) -> None:
    (workdir / "empty").mkdir()
    with pytest.raises(NoFactFiles) as caught:
        load_decks([Path("empty")])
    assert str(caught.value) == (
        "no fact files (.yaml or .yml) in empty: name fact files, or folders that hold them"
    )


def test_unreadable_file(workdir: Path) -> None:
    assert problems_in(Path("gone.yaml")) == [
        "gone.yaml: cannot be read: No such file or directory"
    ]


def test_missing_fields_everywhere_at_once(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        deck: Mini
        facts:
          - text: Mars has two moons.
            answer: two
          - id: sun-star
          - just a sentence
        """
    )
    assert problems_in(path) == [
        "deck.yaml:1: id: is required: add `id:` here (`quizgen new` writes a full example)",
        "deck.yaml:3: facts[1].id: is required: add `id:` here (`quizgen new` writes a full "
        "example)",
        "deck.yaml:5: facts[2] 'sun-star'.answer: is required: add `answer:` here (`quizgen new` "
        "writes a "
        "full example)",
        "deck.yaml:5: facts[2] 'sun-star'.text: is required: add `text:` here (`quizgen new` "
        "writes a full "
        "example)",
        "deck.yaml:6: facts[3]: must be a mapping of fields (name: value)",
    ]


def test_empty_facts_list(write_facts: WriteFacts) -> None:
    path = write_facts("id: mini\ndeck: Mini\nfacts: []\n")
    assert problems_in(path) == ["deck.yaml:3: facts: a deck needs at least one fact"]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("soon", "must be a four-digit year, such as 2025"),
        ("25", "must be a four-digit year, such as 2025"),
    ],
)
def test_as_of_must_be_a_year(
    write_facts: WriteFacts, minimal_deck: str, as_of: str, message: str
) -> None:
    path = write_facts(minimal_deck.replace("deck: Mini\n", f"deck: Mini\nas_of: {as_of}\n"))
    assert problems_in(path) == [f"deck.yaml:3: as_of: {message}"]


def test_wrong_types(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: [two]
            tags: mars
        """
    )
    assert problems_in(path) == [
        "deck.yaml:6: facts[1] 'mars-moons'.answer: must be text, not a list or a mapping",
        "deck.yaml:7: facts[1] 'mars-moons'.tags: must be a list, for example [one, two] or lines "
        "starting "
        "with '- '",
    ]


def test_empty_text(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: "  "
            answer: two
        """
    )
    assert problems_in(path) == [
        "deck.yaml:5: facts[1] 'mars-moons'.text: is empty: write some text here"
    ]


def test_unknown_source_field_suggests_the_right_one(
    write_facts: WriteFacts, minimal_deck: str
) -> None:
    path = write_facts(minimal_deck.replace("deck: Mini\n", "deck: Mini\nsource: {titel: Notes}\n"))
    assert problems_in(path) == [
        "deck.yaml:3: source.titel: unknown field: did you mean `title`? allowed fields are "
        "title, ref, url",
        "deck.yaml:3: source.title: is required: add `title:` here (`quizgen new` writes a full "
        "example)",
    ]


def test_pools(write_facts: WriteFacts, minimal_deck: str) -> None:
    # A pool named by a sort ("planet") is as valid as one named by a kind.
    path = write_facts(
        minimal_deck.replace("deck: Mini\n", "deck: Mini\npools:\n  planet: [Mars, Venus]\n")
    )
    (loaded,) = load_decks([path])
    assert loaded.deck.pools == {"planet": ["Mars", "Venus"]}
    path = write_facts(
        minimal_deck.replace(
            "deck: Mini\n", "deck: Mini\npools:\n  planet: [Mars]\n  year: ['1609', Kepler]\n"
        )
    )
    assert problems_in(path) == [  # a sort's pool hides no other pool's problem
        "deck.yaml:5: pools.year[2]: 'Kepler' does not read as year (for example '2014')",
    ]
    path = write_facts(
        minimal_deck.replace("deck: Mini\n", "deck: Mini\npools:\n  year: ['1609', Kepler]\n")
    )
    assert problems_in(path) == [
        "deck.yaml:4: pools.year[2]: 'Kepler' does not read as year (for example '2014')"
    ]


def test_answer_that_does_not_read_as_its_kind(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            kind: number
        """
    )
    assert problems_in(path) == [
        "deck.yaml:6: facts[1] 'mars-moons'.answer: 'two' does not read as number (for example "
        "'20'): write it in digits (2) for options in digits, or leave `kind` out to ask it in "
        "words (its wrong options are then numbers in words too)"
    ]


def test_number_word_left_unkinded_is_asked_in_words(write_facts: WriteFacts) -> None:
    # The fix the message above offers works: without `kind`, "two" loads and is asked with
    # numbers in words.
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
        """
    )
    (loaded,) = load_decks([path])
    (fact,) = loaded.deck.facts
    assert fact.answer_kind is Kind.TERM
    options = wrong_options(loaded.deck, "mars-moons", range(3))
    assert options and all(number_word(option) is not None for option in options), options


def test_distractors_of_another_kind_or_repeated(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: moons-found
            text: Galileo found the moons of Jupiter in 1610.
            answer: "1610"
            distractors:
              - "1609"
              - Kepler
              - "1612"
              - "1609"
        """
    )
    assert problems_in(path) == [
        "deck.yaml:9: facts[1] 'moons-found'.distractors[2]: 'Kepler' does not read as year like "
        "the answer: "
        "options must be of one kind (for example '2014')",
        "deck.yaml:11: facts[1] 'moons-found'.distractors[4]: '1609' is listed twice: remove the "
        "repeat",
    ]


def test_overlapping_cloze_spans(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            cloze: [two moons, moons]
        """
    )
    assert problems_in(path) == [
        "deck.yaml:7: facts[1] 'mars-moons'.cloze[2]: 'moons' overlaps cloze[1]: list spans that "
        "do not "
        "share words"
    ]


def test_field_given_twice(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            text: Mars has two moons.
            answer: two
            answer: moons
        """
    )
    assert problems_in(path) == [
        "deck.yaml:7: facts[1] 'mars-moons'.answer: appears twice in the same place (first at line "
        "6): keep one (the first is checked)"
    ]


def test_field_name_that_is_not_a_word(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: mars-moons
            ? [text]
            : Mars has two moons.
        """
    )
    assert problems_in(path) == ["deck.yaml:5: facts[1]: a field name must be a plain word"]


def test_every_file_is_checked_not_just_the_first(
    write_facts: WriteFacts, minimal_deck: str
) -> None:
    first = write_facts("[", "a.yaml")
    second = write_facts(minimal_deck.replace("answer: two", "answer: three"), "b.yaml")
    assert problems_in(first, second) == [
        # libyaml marks the end of the file, a line past the last; the last line is named.
        "a.yaml:1: YAML syntax error: did not find expected node content (while parsing a flow "
        "node); check the indentation and quote text that contains ': ' or starts with a "
        "special character",
        "b.yaml:6: facts[1] 'mars-moons'.answer: 'three' does not occur in text: copy the words "
        "exactly as "
        "they appear in text",
    ]


# --- YAML anchors, aliases and merge keys -------------------------------------------------------


def test_merge_key_fields_can_be_overridden(write_facts: WriteFacts) -> None:
    """Regression: `<<: *base` then `id:` was reported as "appears twice"; YAML lets it override."""
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - &base
            id: galileo-moons
            text: Galileo found the moons of Jupiter in 1610.
            answer: Galileo
            kind: person
          - <<: *base
            id: galileo-moons-year
            answer: "1610"
            kind: year
        """
    )
    loaded = load_file(path)
    second = loaded.deck.facts[1]
    assert (second.id, second.answer, second.kind) == ("galileo-moons-year", "1610", Kind.YEAR)
    assert second.text == "Galileo found the moons of Jupiter in 1610."
    assert loaded.fact_lines == {"galileo-moons": 4, "galileo-moons-year": 9}


def test_merge_key_list_then_override_has_no_traceback(write_facts: WriteFacts) -> None:
    """Regression: `<<: [*base]` followed by a key of the base raised KeyError."""
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - &base {id: a, text: Mars has two moons., answer: two}
          - <<: [*base]
            id: b
        """
    )
    assert [fact.id for fact in load_file(path).deck.facts] == ["a", "b"]


def test_merged_field_problems_point_at_the_merge_line(write_facts: WriteFacts) -> None:
    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - &base
            id: a
            text: Mars has two moons.
            answer: two
          - id: b
            <<: *base
            text: Mars has three moons.
        """
    )
    assert problems_in(path) == [
        "deck.yaml:9: facts[2] 'b'.answer: 'two' does not occur in text: copy the words exactly as "
        "they appear in text"
    ]


def test_alias_expansion_is_bounded(write_facts: WriteFacts) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = write_facts("\n".join(lines) + "\n")
    (message,) = problems_in(path)
    # The line is where the alias that crosses the budget is written (e: on line 5).
    assert message.startswith("deck.yaml:5: e[")
    assert message.endswith(
        ": the file expands to too many values through YAML anchors and aliases (&name / *name): "
        "write the values out instead"
    )


def test_nesting_is_bounded(write_facts: WriteFacts) -> None:
    path = write_facts("id: " + "[" * 70 + "]" * 70 + "\n")
    (message,) = problems_in(path)
    assert message.startswith("deck.yaml:1: id")
    assert message.endswith(": nested more than 64 levels deep")


def test_several_documents(write_facts: WriteFacts, minimal_deck: str) -> None:
    path = write_facts(minimal_deck + "---\n" + minimal_deck)
    assert problems_in(path) == [
        "deck.yaml:7: a second YAML document starts here, but a fact file holds one deck (the "
        "first started at line 1): remove the `---` or `...` line, or put this deck in a file of "
        "its own"
    ]


def test_spans_that_whole_words_keep_apart_are_not_overlapping(write_facts: WriteFacts) -> None:
    """Regression: `cloze: ["2020", "20"]` in "In 2020, 20 countries" was rejected as overlapping
    (the rules placed "20" inside "2020" while the engine hides the whole word "20")."""
    from quizgen.engine.questions import cloze_question

    path = write_facts(
        """\
        id: mini
        deck: Mini
        facts:
          - id: a
            text: In 2020, 20 countries signed.
            answer: "20"
            cloze: ["2020", "20"]
        """
    )
    loaded = load_file(path)
    question = cloze_question(loaded.deck, loaded.deck.facts[0])
    assert anki_cloze(question) == "In {{c1::2020::year}}, {{c2::20::number}} countries signed."


ANCHORED = """\
id: anchored
deck: Anchored
facts:
  - &base
    id: one
    topic: Shared topic
    tags: [common]
    text: "Paris is the capital of France."
    answer: Paris
  - <<: *base
    id: two
    text: "Rome is the capital of Italy."
    answer: Rome
"""


@pytest.mark.parametrize("which", ["seed", "solar", "anchored", "synthetic"])
def test_the_fast_first_walk_reads_valid_files_exactly_as_the_precise_one(
    which: str, write_facts: WriteFacts, tmp_path: Path
) -> None:
    from synthetic import write_deck

    from quizgen.facts import loader

    path = {
        "seed": SEED_DECK,
        "solar": SOLAR_SYSTEM,
        "anchored": write_facts(ANCHORED),
        "synthetic": write_deck(tmp_path / "synthetic.yaml", 300),
    }[which]
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    budget = loader.expansion_budget(data)
    fast = loader._walk_and_build(path, str(path), text, budget, precise=False)
    precise = loader._walk_and_build(path, str(path), text, budget, precise=True)
    assert fast.deck == precise.deck
    assert fast.fact_lines == precise.fact_lines
    assert fast.fact_lines
