"""Curated distractors written into a fact file: exactly the decided lists, nothing else moved."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, SOLAR_SYSTEM, WriteFacts
from curate_support import assert_only_distractors_changed, distractors_of
from hypothesis import given
from hypothesis import strategies as st

from quizgen.curate.edit import CurateError, FactFile, yaml_scalar
from quizgen.curate.review import curation
from quizgen.curate.session import CurateSession
from quizgen.engine.distractors import DeckIndex, choose_distractors, ranked_candidates
from quizgen.engine.questions import choice_prompt, fact_rng
from quizgen.facts.loader import load_file

SHAPES = """\
# a comment that must stay
id: shapes
deck: "Shapes"   # quoted title
facts:
  - id: plain
    text: The capital of France is Paris.
    answer: Paris   # city
    explanation: |
      A literal block

      with a blank line.

  - id: block
    text: The capital of Italy is Rome.
    answer: Rome
    distractors:
      - Milan   # northern
      - Turin
    tags: [x]
  - {id: flow, text: The capital of Spain is Madrid., answer: Madrid }
  - id: listed
    text: The capital of Peru is Lima.
    answer: Lima
    distractors: [Cusco,   Arequipa]  # note
  - id: last
    text: "The number is 12."
    answer: "12\""""

DECIDED = {
    "plain": ["Lyon", "Marseille: the port", "null"],
    "block": ["Turin", 'Naples, "big"', "Milan"],
    "flow": ["Seville", "#hash", "- dash"],
    "listed": ["Cusco", "\x1b[31mred\x1b[0m", "yes"],
    "last": ["10", "1,000", "13"],
}


def _edit(path: Path, changes: dict[str, list[str]]) -> tuple[bytes, bytes]:
    before = path.read_bytes()
    FactFile.read(path).save(changes)
    return before, path.read_bytes()


@pytest.mark.parametrize("fact_id", sorted(DECIDED))
def test_one_fact_of_any_shape_gets_exactly_its_list_and_nothing_else_moves(
    write_facts: WriteFacts, fact_id: str
) -> None:
    path = write_facts(SHAPES)
    original = distractors_of(path)
    before, after = _edit(path, {fact_id: DECIDED[fact_id]})
    assert distractors_of(path) == {**original, fact_id: DECIDED[fact_id]}
    assert_only_distractors_changed(path, before, after, {fact_id})


def test_every_fact_at_once_and_the_comments_of_kept_items_stay(write_facts: WriteFacts) -> None:
    path = write_facts(SHAPES)
    before, after = _edit(path, DECIDED)
    assert distractors_of(path) == DECIDED
    assert_only_distractors_changed(path, before, after, set(DECIDED))
    text = after.decode()
    assert "      - Milan   # northern\n" in text  # a kept item keeps its line
    assert "    distractors: [Cusco" in text and "]  # note\n" in text
    assert text.endswith('    answer: "12"\n    distractors: ["10", "1,000", "13"]')


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_windows_line_ends_and_a_byte_order_mark_are_kept(
    write_facts: WriteFacts, bom: bytes
) -> None:
    path = write_facts(bom + SHAPES.replace("\n", "\r\n").encode())
    before, after = _edit(path, DECIDED)
    assert after.startswith(bom + b"# a comment")
    assert after.count(b"\n") == after.count(b"\r\n")
    assert distractors_of(path) == DECIDED


def test_an_empty_list_clears_the_distractors(write_facts: WriteFacts) -> None:
    path = write_facts(SHAPES)
    before, after = _edit(path, {"block": [], "listed": []})
    assert distractors_of(path)["block"] == [] and distractors_of(path)["listed"] == []
    assert_only_distractors_changed(path, before, after, {"block", "listed"})


def test_a_result_that_would_not_check_is_never_saved(write_facts: WriteFacts) -> None:
    path = write_facts(SHAPES)
    before = path.read_bytes()
    with pytest.raises(CurateError, match=r"would not pass `quizgen check`[\s\S]*is the answer"):
        FactFile.read(path).save({"plain": ["Paris", "Lyon", "Nice"]})
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(write_facts: WriteFacts) -> None:
    path = write_facts(SHAPES)
    file = FactFile.read(path)
    path.write_text(SHAPES.replace("Shapes", "Shapes, edited in an editor"), encoding="utf-8")
    with pytest.raises(CurateError, match="changed on disk"):
        file.save({"plain": ["Lyon", "Nice", "Lille"]})
    assert "edited in an editor" in path.read_text(encoding="utf-8")


def test_a_list_shared_through_an_anchor_is_refused_not_half_changed(
    write_facts: WriteFacts,
) -> None:
    path = write_facts(
        """\
        id: shared
        deck: Shared
        facts:
          - id: one
            text: The capital of France is Paris.
            answer: Paris
            distractors: &cities [Lyon, Nice, Lille]
          - id: two
            text: The largest city of France is Paris.
            answer: Paris
            distractors: *cities
        """
    )
    before = path.read_bytes()
    for fact_id in ("one", "two"):
        with pytest.raises(CurateError, match=f"fact '{fact_id}'.*anchor or alias"):
            FactFile.read(path).save({fact_id: ["Metz", "Brest", "Tours"]})
    assert path.read_bytes() == before


def test_the_dry_run_diff_is_a_unified_diff_of_the_edit(write_facts: WriteFacts) -> None:
    path = write_facts(SHAPES)
    file = FactFile.read(path)
    diff = file.diff(file.edited({"plain": ["Lyon", "Nice", "Lille"]}))
    assert diff.splitlines()[:3] == ["--- deck.yaml", "+++ deck.yaml", "@@ -5,6 +5,7 @@"]
    assert "+    distractors: [Lyon, Nice, Lille]\n" in diff
    assert path.read_bytes() == SHAPES.encode()


_OPTION_TEXT = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)


@given(_OPTION_TEXT)
def test_any_option_text_is_written_so_that_it_reads_back_exactly(text: str) -> None:
    written = yaml_scalar(text)
    assert "\n" not in written and "\r" not in written
    events = list(yaml.parse(f"distractors: [{written}]", Loader=yaml.CSafeLoader))
    values = [e.value for e in events if isinstance(e, yaml.ScalarEvent)]
    assert values == ["distractors", text]
    assert written.isprintable() or written.startswith('"')


@pytest.mark.parametrize(
    "deck", [SOLAR_SYSTEM, *sorted(FIXTURES.glob("*.yaml"))], ids=lambda path: path.stem
)
def test_the_ranked_candidates_begin_with_the_options_a_word_question_shows(deck: Path) -> None:
    loaded = load_file(deck)
    index = DeckIndex.build(loaded.deck, 0, 2026)
    for fact in loaded.deck.facts:
        prompt = choice_prompt(fact)
        chosen = choose_distractors(fact, prompt, index, fact_rng(0, loaded.deck.id, fact.id), 3)
        ranked = ranked_candidates(fact, prompt, index)
        assert {text for text, _ in chosen} <= {text for text, _ in ranked}, fact.id
        if len(fact.distractors) <= 3 and fact.answer_kind.value in {"term", "person", "place"}:
            assert ranked[: len(chosen)] == chosen, fact.id
        texts = [text for text, _ in ranked]
        assert len(texts) == len(set(texts)) and fact.answer not in texts


def test_reviews_show_what_preview_shows_and_skip_the_teachers_own_lists() -> None:
    loaded = load_file(FIXTURES / "rivers-and-mountains.yaml")
    reviews = {r.fact_id: r for r in curation(loaded, seed=0).as_they_are()}
    assert "k2-country" not in reviews  # all three options are the teacher's
    assert "everest-height" in reviews  # two of the teacher's, one generated
    assert "k2-country" in {r.fact_id for r in curation(loaded, every=True).as_they_are()}
    short = reviews["everest-first"]  # too few options: empty places to type into
    assert short.options.count(None) >= 1


def test_a_kept_list_changes_what_later_facts_are_offered_as_saving_would() -> None:
    """Options kept for a fact hinted "river" are rivers: no longer offered for a mountain."""
    loaded = load_file(FIXTURES / "rivers-and-mountains.yaml")
    chosen = curation(loaded, seed=0)
    ids = [fact.id for fact in chosen.facts]
    untouched = chosen.review(ids.index("alps-highest"), {})
    session = CurateSession(chosen)
    rivers: set[str] = set()
    while session.current is not None and session.current.review.fact_id != "alps-highest":
        if session.current.review.fact.hint == "river":
            rivers |= {option.text for option in session.current.wrong}
            session.keep()
        else:
            session.skip()
    assert session.current is not None
    before = {o.text for o in untouched.options if o is not None}
    after = {o.text for o in session.current.options if o is not None}
    assert before & rivers and not after & rivers


def test_a_list_kept_as_it_is_leaves_the_file_byte_identical(write_facts: WriteFacts) -> None:
    path = write_facts(SHAPES)
    before, after = _edit(path, {"listed": ["Cusco", "Arequipa"], "block": ["Milan", "Turin"]})
    assert after == before


_WORD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
)


@st.composite
def styled_files(draw: st.DrawFn) -> tuple[str, dict[str, list[str]]]:
    """A fact file written in a mix of styles, and new lists for some of its facts."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["# generated", "id: styled", 'deck: "Styled"', "facts:"]
    changes: dict[str, list[str]] = {}
    for number in range(draw(st.integers(1, 6))):
        fact_id = f"f{number}"
        answer = f"Answer{number}"
        text = json.dumps(f"The thing {number} is {answer}.")
        old = [f"old{number}x{i}" for i in range(draw(st.integers(0, 3)))]
        style = draw(st.sampled_from(["none", "flow", "block", "mapping"]))
        if style == "mapping":
            lines.append(f"  - {{id: {fact_id}, text: {text}, answer: {answer}, kind: term }}")
        else:
            lines += [f"  - id: {fact_id}", f"    text: {text}", f"    answer: {answer}  # key"]
            if style == "flow" and old:
                lines.append(f"    distractors: [{',  '.join(old)}]   # mine")
            elif style == "block" and old:
                lines += ["    distractors:", *(f"      - {o}  # c{o}" for o in old)]
            lines += ["    kind: term", "", "    # a comment in the fact"]
        if draw(st.booleans()):
            words = draw(st.lists(_WORD.map(str.strip).filter(bool), max_size=4, unique=True))
            changes[fact_id] = [f"w{i} {word}" for i, word in enumerate(words)]
    ending = draw(st.sampled_from(["", newline]))
    return newline.join(lines) + ending, changes


@given(styled_files())
def test_any_style_of_file_takes_any_lists_and_keeps_the_rest(
    case: tuple[str, dict[str, list[str]]],
) -> None:
    text, changes = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.yaml"
        path.write_bytes(text.encode())
        original = distractors_of(path)
        before, after = _edit(path, changes)
        assert distractors_of(path) == {**original, **changes}
        edited = {f for f in changes if changes[f] != original[f]}
        assert_only_distractors_changed(path, before, after, edited)
        if b"\r\n" in before:
            assert after.count(b"\n") == after.count(b"\r\n")
