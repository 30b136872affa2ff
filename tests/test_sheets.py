"""The rules both printed formats share: one question per fact, versions, keys spread evenly."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from conftest import SEED_DECK, SOLAR_SYSTEM
from hypothesis import given
from hypothesis import strategies as st
from synthetic import write_deck

from quizgen.engine.constants import QuestionKind
from quizgen.engine.pipeline import PreparedDeck, prepare
from quizgen.engine.questions import ChoiceQuestion
from quizgen.export.sheets import (
    SheetSettings,
    make_sheets,
    one_question_per_fact,
    spread_letters,
    with_answer_at,
)


def prepared(path: Path, **options: object) -> PreparedDeck:
    (item,) = prepare([path], **options)  # type: ignore[arg-type]
    return item


@given(st.integers(0, 200), st.integers(2, 26), st.integers())
def test_answer_positions_use_every_letter_as_evenly_as_possible(
    count: int, options: int, seed: int
) -> None:
    positions = spread_letters(count, options, random.Random(seed))
    used = Counter(positions)
    assert len(positions) == count and set(used) <= set(range(options))
    counts = [used.get(letter, 0) for letter in range(options)]
    assert max(counts) - min(counts) <= 1


def test_moving_the_answer_keeps_each_option_with_its_source() -> None:
    item = prepared(SOLAR_SYSTEM)
    rng = random.Random(1)
    for question in item.questions:
        if not isinstance(question, ChoiceQuestion):
            continue
        for position in range(len(question.options)):
            moved = with_answer_at(question, position, rng)
            assert moved.answer == question.answer and moved.answer_index == position
            assert sorted(zip(moved.options, moved.sources, strict=True)) == sorted(
                zip(question.options, question.sources, strict=True)
            )


def test_each_fact_is_one_question_and_about_half_are_multiple_choice() -> None:
    item = prepared(SEED_DECK)
    fill_in, choice = one_question_per_fact(item, seed=0)
    ids = [q.fact.id for q in fill_in] + [q.fact.id for q in choice]
    assert sorted(ids) == sorted(fact.id for fact in item.loaded.deck.facts)
    assert abs(len(fill_in) - len(choice)) <= 1


def test_facts_without_a_multiple_choice_question_are_fill_in(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(
        "id: few\ndeck: Few\nfacts:\n"
        + "".join(
            f"  - {{id: f{i}, text: 'Word{i} is here.', answer: Word{i}, kind: term}}\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    item = prepared(path)  # terms with no distractors and no pool: no multiple choice at all
    assert item.questions.shortfalls
    fill_in, choice = one_question_per_fact(item, seed=0)
    assert len(fill_in) == 3 and choice == []


def test_facts_with_a_teachers_question_or_options_are_multiple_choice_first() -> None:
    item = prepared(SOLAR_SYSTEM)
    _, choice = one_question_per_fact(item, seed=0)
    with_question = [
        f.id
        for f in item.loaded.deck.facts
        if (f.question or f.distractors) and len(f.cloze_spans) == 1
    ]
    assert len(choice) >= len(with_question)
    assert set(with_question) <= {q.fact.id for q in choice}


def test_versions_are_reproducible_differ_and_ask_the_same_facts(tmp_path: Path) -> None:
    item = prepared(write_deck(tmp_path / "deck.yaml", 30))
    settings = SheetSettings(versions=4, seed=9)
    sheets = make_sheets(item, settings)
    assert [sheet.version for sheet in sheets] == ["A", "B", "C", "D"]
    assert [s.order for s in sheets] == [s.order for s in make_sheets(item, settings)]
    assert len({sheet.order for sheet in sheets}) == 4
    forms = [{(q.fact.id, q.kind) for _, q in sheet.numbered} for sheet in sheets]
    assert all(form == forms[0] for form in forms)
    other = make_sheets(item, SheetSettings(versions=4, seed=10))
    assert [s.order for s in other] != [s.order for s in sheets]


def test_kind_limits_a_sheet_to_one_shape() -> None:
    item = prepared(SOLAR_SYSTEM, kinds=frozenset({QuestionKind.MCQ}))
    (sheet,) = make_sheets(item, SheetSettings())
    assert sheet.fill_in == () and len(sheet.choice) == len(item.questions.questions)
