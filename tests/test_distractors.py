"""Numeric distractors read like the answer: per kind, with exact examples, and rank balance.

`generated` is the perturbation source alone (before the quality filter), so these tests see
every value it proposes; the rank tests go through `deck_questions` like every command does.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from question_support import wrong_options
from strategies import AS_OF, DATE_FORMATS, answers_of, looks_uniform

from quizgen.answers.kinds import DateValue, Kind, Quantity, format_quantity, parse_date, value_of
from quizgen.engine.constants import QuestionKind
from quizgen.engine.distractors import (
    DeckIndex,
    choose_distractors,
    count_bounds,
    fact_rng,
    generated,
    ranked_candidates,
)
from quizgen.engine.questions import ChoiceQuestion, choice_prompt, deck_questions
from quizgen.facts.models import DeckFile, Fact

FAST = settings(max_examples=60, deadline=None)


def candidates(answer: str, kind: Kind | None = None, as_of: int = AS_OF) -> list[str]:
    """Every generated distractor for a fact with this answer."""
    return generated(Fact(id="f", text=f"It was {answer} then.", answer=answer, kind=kind), as_of)


def quantity(text: str, kind: Kind) -> Quantity:
    value = value_of(text, kind)
    assert isinstance(value, Quantity), text
    return value


# --- money ------------------------------------------------------------------------------------


def test_money_changes_scale_word_only_where_the_value_crosses_it() -> None:
    found = candidates("$2.5 billion")
    assert {"$1.5 billion", "$4 billion", "$630 million", "$5 billion"} <= set(found)
    assert all(c.startswith("$") for c in found)
    assert all(c.endswith(" billion") for c in found if quantity(c, Kind.MONEY).value >= 10**9)
    assert all(c.endswith(" million") for c in found if quantity(c, Kind.MONEY).value < 10**9)


def test_scaled_whole_amounts_have_no_trailing_zero() -> None:
    template = quantity("$2.5 billion", Kind.MONEY)
    assert format_quantity(template, Decimal(4 * 10**9)) == "$4 billion"
    assert not [c for c in candidates("$2.5 billion") if ".0 " in c]


def test_a_value_rounded_to_a_whole_number_loses_its_point() -> None:
    """Bug: "$15.1 million" x 0.2 is 3.02 million, written "$3.0 million" (found by the
    generated-deck quality test)."""
    template = quantity("$15.1 million", Kind.MONEY)
    assert format_quantity(template, Decimal("3020000")) == "$3 million"
    assert not [c for c in candidates("$15.1 million") if ".0 " in c]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("€3 billion", {"€2 billion", "€4 billion"}),
        ("£40 million", {"£20 million", "£60 million", "£80 million"}),
        ("C$2.5bn", {"C$1.5bn", "C$4bn", "C$630m"}),
        ("$2.5bn", {"$1.5bn", "$4bn", "$630m"}),
        ("2.5 billion dollars", {"1.5 billion dollars", "4 billion dollars"}),
        ("USD 300 million", {"USD 200 million", "USD 600 million", "USD 900 million"}),
        ("$750,000", {"$300,000", "$1,500,000"}),
    ],
)
def test_money_keeps_currency_and_style(answer: str, expected: set[str]) -> None:
    found = candidates(answer)
    assert expected <= set(found)
    currency = quantity(answer, Kind.MONEY).currency
    assert {quantity(c, Kind.MONEY).currency for c in found} == {currency}


@pytest.mark.parametrize(
    ("answer", "grid"),
    [("£10,000", 5_000), ("$25,000", 5_000), ("$700 billion", 10**11), ("$15 million", 5 * 10**6)],
)
def test_a_round_sum_gets_round_options(answer: str, grid: int) -> None:
    # Raters: "£12,000 and £16,000 stand out next to the round £10,000", "$38,000 looks made up".
    found = candidates(answer)
    assert found and all(quantity(c, Kind.MONEY).value % grid == 0 for c in found), found
    # A sum of other figures keeps its own precision.
    assert any(quantity(c, Kind.MONEY).value % 1000 for c in candidates("$23,500"))


def test_crossing_up_a_scale_keeps_the_digits() -> None:
    """Bug: "$999 million" x 1.25 was written "$1.2 billion" (1.25 rounded to one decimal),
    so the option read as another value than the one generated, and twice."""
    template = quantity("$999 million", Kind.MONEY)
    assert format_quantity(template, Decimal("1250000000")) == "$1.25 billion"
    found = candidates("$999 million")
    billions = [c for c in found if c.endswith(" billion")]
    # Three figures kept, as the key has ("$1.29 billion"), less only a trailing zero ("$2.1").
    for option in billions:
        digits = re.sub(r"\D", "", option)
        assert len(digits) == 3 or (len(digits) == 2 and "." in option), option
    assert len(found) == len(set(found)), found


def test_a_precise_key_gets_no_exact_multiples() -> None:
    """Raters: "$51.6 billion" and "$77.4 billion" beside "$25.8 billion" are the key times two
    and three, which points to the key."""
    key = quantity("$25.8 billion", Kind.MONEY).value
    found = [quantity(c, Kind.MONEY).value for c in candidates("$25.8 billion")]
    assert found and not [v for v in found if v % key == 0 or key % v == 0], found
    assert candidates("$25.8 billion") == candidates("$25.8 billion")  # seeded, not random


@pytest.mark.parametrize(
    ("answer", "below"),
    [("$1 billion", {"$500 million", "$750 million"}), ("£1bn", {"£500m", "£750m"})],
)
def test_one_scaled_unit_has_values_below_it(answer: str, below: set[str]) -> None:
    """Bug: "$1 billion" only had "$2 billion"... above it, so it was always the smallest
    option of its question."""
    assert below <= set(candidates(answer))


@pytest.mark.parametrize("answer", ["$0.01", "€0.05", "0.1", "0.01", "$0.5 billion"])
def test_rounding_never_gives_zero(answer: str) -> None:
    """Bug: "$0.01" x 0.2 rounded to "$0.00" and "0.1" x 0.2 to "0.0": absurd options."""
    kind = Kind.MONEY if answer[0] in "$€" else Kind.NUMBER
    for found in candidates(answer, kind):
        assert quantity(found, kind).value > 0, found


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected", "decimals"),
    [
        ("3.5", {"2.1", "5.3"}, 1),
        ("0.75", {"0.45", "1.13"}, 2),
        ("9.99", {"8.49", "11.49"}, 2),
        ("95.4", {"81.1", "109.7"}, 1),
    ],
)
def test_numbers_with_decimals_keep_their_precision(
    answer: str, expected: set[str], decimals: int
) -> None:
    """Bug: "95.4" x 1.15 was rounded to three figures and written "110.0"; the written
    decimals are the precision to keep, so it is "109.7"."""
    found = candidates(answer, Kind.NUMBER)
    assert expected <= set(found)
    assert {quantity(c, Kind.NUMBER).decimals for c in found} == {decimals}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("20", {"10", "15", "25", "30"}),
        ("7", {"5", "6", "8", "9"}),
        ("12,000", {"7,200", "18,000"}),
        ("40,000 troops", {"30,000 troops", "60,000 troops"}),
        ("20-point", {"10-point", "25-point"}),
        ("1.5 million", {"900,000", "2 million"}),
    ],
)
def test_integers_stay_integers_with_their_unit_and_grouping(
    answer: str, expected: set[str]
) -> None:
    found = candidates(answer, Kind.NUMBER)
    assert expected <= set(found)
    template = quantity(answer, Kind.NUMBER)
    for text in found:
        value = quantity(text, Kind.NUMBER)
        assert value.value == value.value.to_integral_value(), text
        assert value.suffix == template.suffix, text
        assert value.grouped == template.grouped or value.scale != template.scale, text


@given(st.integers(0, 5_000_000))
@FAST
def test_integer_answers_get_positive_integers(answer: int) -> None:
    text = f"{answer:,}"
    for found in candidates(text, Kind.NUMBER):
        value = quantity(found, Kind.NUMBER)
        assert value.value > 0 and value.value == value.value.to_integral_value(), found
        assert value.value != answer


def test_small_counts_never_reach_zero_or_below() -> None:
    """Bug: a count of 1 or 2 could not go below 1, but "0" for "0" and nothing at all for
    negative answers: "-5" only got "1", a value on the other side of zero."""
    assert "0" not in candidates("1", Kind.NUMBER)
    assert candidates("0", Kind.NUMBER)[:3] == ["1", "2", "3"]
    negative = candidates("-5", Kind.NUMBER)
    assert {"-4", "-6", "-3", "-7"} <= set(negative)
    assert all(quantity(c, Kind.NUMBER).value < 0 for c in negative)


def test_a_decimal_one_is_not_treated_as_a_count() -> None:
    """Bug: "1.0" (a measurement) only got 2.0...7.0 like the count 1, never a value below."""
    found = candidates("1.0", Kind.NUMBER)
    assert {"0.6", "0.8", "1.5"} <= set(found)


# --- percent ----------------------------------------------------------------------------------


@given(answers_of(Kind.PERCENT))
@FAST
def test_percentages_stay_within_0_and_100(answer: str) -> None:
    for found in candidates(answer):
        assert 0 < quantity(found, Kind.PERCENT).value <= 100, found


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("90%", ["80%", "100%", "70%"]),
        ("45%", ["40%", "50%", "35%"]),
        ("10%", ["5%", "15%", "20%"]),
        ("33%", ["28%", "38%", "23%"]),
        ("12.5%", ["7.5%", "17.5%", "2.5%"]),
        ("7%", ["6%", "8%", "5%"]),
        ("2.5 per cent", ["2.0 per cent", "3.0 per cent", "1.5 per cent"]),
    ],
)
def test_percentages_step_by_a_readable_amount(answer: str, expected: list[str]) -> None:
    """Bug: "12.5%" got "12.4%", "12.6%"... and "99.8%" got "99.7%": steps in the last written
    digit make a trick question, not a test of knowledge."""
    assert candidates(answer)[:3] == expected


def test_zero_percent_is_never_generated() -> None:
    for answer in ("10%", "5%", "0.5%", "1%", "0%", "100%"):
        assert all(quantity(c, Kind.PERCENT).value > 0 for c in candidates(answer)), answer


# --- years ------------------------------------------------------------------------------------


@given(st.integers(1900, AS_OF), st.integers(1990, 2030))
@FAST
def test_years_stay_near_the_answer_and_not_after_as_of(answer: int, as_of: int) -> None:
    found = candidates(str(answer), Kind.YEAR, as_of=as_of)
    for text in found:
        year = int(text)
        assert abs(year - answer) <= 15, text
        assert year <= as_of or answer > as_of, text


def test_a_year_gets_options_within_six_years_while_those_are_enough() -> None:
    """1933 and 1935 for a 1943 armistice were "pre-war years for a wartime event" (raters,
    n13): six years either side give twelve candidates, and further ones only when fewer."""
    near = candidates("1943", Kind.YEAR, as_of=2025)
    assert near and all(abs(int(text) - 1943) <= 6 for text in near), near
    late = candidates("2023", Kind.YEAR, as_of=2025)  # only two years above: still near
    assert all(abs(int(text) - 2023) <= 6 for text in late), late


def test_year_examples() -> None:
    assert candidates("2014")[:6] == ["2013", "2015", "2012", "2016", "2011", "2017"]
    assert max(int(y) for y in candidates("2022", as_of=2025)) == 2025
    assert all(int(y) < 2025 for y in candidates("2025", as_of=2025))


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("24 February 2022", {"17 February 2022", "24 January 2022", "3 March 2022"}),
        ("February 24, 2022", {"February 17, 2022", "January 24, 2022", "March 3, 2022"}),
        ("2022-02-24", {"2022-02-17", "2022-01-24", "2022-03-03"}),
        ("March 2020", {"February 2020", "April 2020", "March 2019"}),
        ("Feb 24, 2022", {"Feb 17, 2022", "Jan 24, 2022"}),
        ("05 May 2021", {"02 May 2021", "05 June 2021"}),
    ],
)
def test_dates_keep_their_format(answer: str, expected: set[str]) -> None:
    found = candidates(answer)
    assert expected <= set(found)
    template = parse_date(answer)
    assert template is not None
    for text in found:
        moved = parse_date(text)
        assert moved is not None, text
        assert (moved.style, moved.abbreviated) == (template.style, template.abbreviated), text
        if moved.value.day < 10:  # "05" shows padding; "28" could be either
            assert moved.padded == template.padded, text


@given(st.dates(date(1950, 1, 1), date(AS_OF, 12, 31)), st.sampled_from(sorted(DATE_FORMATS)))
@FAST
def test_dates_are_valid_and_not_after_as_of(day: date, style: str) -> None:
    answer = DATE_FORMATS[style](day)
    found = candidates(answer)
    assert found
    for text in found:
        moved = value_of(text, Kind.DATE)
        assert isinstance(moved, DateValue), text
        assert moved.style == style and moved.value.year <= AS_OF, text
        assert abs((moved.value - day).days) <= 3 * 366, text


@pytest.mark.parametrize("seed", range(12))
def test_a_date_keeps_the_year_the_question_states(seed: int) -> None:
    """Raters: "the London 2012 Games cannot open in 2010"."""
    fact = Fact(
        id="london",
        text="The London 2012 Olympic Games opened on 27 July 2012.",
        answer="27 July 2012",
    )
    source = DeckFile(id="d", deck="D", facts=[fact])
    index = DeckIndex.build(source, seed, 2025)
    rng = fact_rng(seed, source.id, fact.id)
    options = choose_distractors(fact, choice_prompt(fact), index, rng, 3)
    assert len(options) == 3
    assert all(text.endswith(" 2012") for text, _ in options), options
    # Curate's list of replacements keeps it too.
    ranked = ranked_candidates(fact, choice_prompt(fact), index)
    assert ranked and all(text.endswith(" 2012") for text, _ in ranked), ranked


@pytest.mark.parametrize("answer", ["104", "193", "$25.8 billion", "9.58 seconds"])
def test_no_two_generated_numbers_are_twins(answer: str) -> None:
    """Raters: 148 and 149 for Haydn's 104 symphonies "differ by one and stand out"."""
    kind = Kind.MONEY if answer.startswith("$") else Kind.NUMBER
    fact = Fact(id="n", text=f"The count was {answer} in all.", answer=answer)
    source = DeckFile(id="d", deck="D", facts=[fact])
    key = quantity(answer, kind).value
    for seed in range(30):
        index = DeckIndex.build(source, seed, 2025)
        rng = fact_rng(seed, source.id, fact.id)
        values = sorted(
            quantity(text, kind).value
            for text, _ in choose_distractors(fact, choice_prompt(fact), index, rng, 3)
        )
        assert len(values) == 3
        gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
        assert all(gap >= key * Decimal("0.03") for gap in gaps), (seed, values)


@pytest.mark.parametrize(("answer", "ending"), [("$3,995", "95"), ("$499", "99"), ("$9.99", ".99")])
def test_a_shop_price_gets_shop_prices(answer: str, ending: str) -> None:
    """Raters: "$1,678" and "$2,057" beside the DynaTAC's $3,995 give the key away."""
    found = candidates(answer)
    assert found and all(option.endswith(ending) for option in found), found
    assert "$1,499" in candidates("$499")  # a sum of four figures is grouped, as sums are


def test_a_precise_measurement_gets_near_options() -> None:
    """Raters: 6.42, then 7.66 and 11.98 seconds for Bolt's 9.58, a 63 km marathon and a
    batting average of 124.93 for 99.94 were "obviously extreme"."""
    for answer in ("9.58 seconds", "42.195", "99.94"):
        key = quantity(answer, Kind.NUMBER).value
        found = candidates(answer, Kind.NUMBER)
        assert len(found) >= 3, found
        for text in found:
            assert Decimal("0.84") <= quantity(text, Kind.NUMBER).value / key <= Decimal("1.16")


def test_month_end_dates_skip_impossible_days() -> None:
    found = candidates("31 January 2020")
    assert "31 February 2020" not in found and "31 March 2020" in found
    assert "29 February 2023" not in candidates("29 February 2024")


# --- rank of the answer -----------------------------------------------------------------------


def numeric_deck(facts: list[Fact]) -> DeckFile:
    return DeckFile(id="ranks", deck="Ranks", as_of=AS_OF, facts=facts)


def ranks(deck: DeckFile, options: int = 4, seed: int = 0) -> Counter[int]:
    made = deck_questions(deck, seed=seed, options=options, kinds={QuestionKind.MCQ})
    assert not made.shortfalls
    return Counter(q.answer_index for q in made.questions if isinstance(q, ChoiceQuestion))


@pytest.mark.parametrize("options", [4, 5])
def test_numeric_answers_rank_uniformly(options: int) -> None:
    """Amounts, counts, years and dates with room on both sides: the answer is not always the
    middle (or an extreme) of the sorted options; its rank is uniform (chi-square, p=0.001)."""
    answers = [f"${n} billion" for n in range(20, 220)] + [f"{n} troops" for n in range(100, 300)]
    answers += [str(1800 + n) for n in range(200)] + [f"{40 + n % 20}%" for n in range(200)]
    facts = [Fact(id=f"f{i}", text=f"It was {a}.", answer=a) for i, a in enumerate(answers)]
    counts = ranks(numeric_deck(facts), options)
    assert looks_uniform(counts, options), counts


def test_rank_stays_uniform_when_a_curated_option_sits_on_one_side() -> None:
    """Bug: with one curated distractor below the answer, the other two were split evenly, so
    the rank was 1-3 and, over a deck, the middle ranks came up twice as often as the ends."""
    facts = []
    for i in range(800):
        answer = 100 + i
        curated = answer - 50 if i % 2 else answer + 50
        facts.append(
            Fact(id=f"f{i}", text=f"It had {answer} parts.", answer=f"{answer} parts",
                 distractors=[f"{curated} parts"])
        )  # fmt: skip
    counts = ranks(numeric_deck(facts))
    assert looks_uniform(counts, 4), counts


def test_a_key_at_one_end_is_not_set_apart_from_its_options() -> None:
    """A helper's deck: 1893 beside 1897, 1898 and 1899, and 100,000 beside 130,000, 140,000
    and 150,000: the odd one out is the key. With all the options on one side, the key is no
    farther from the nearest than 1.5 times the widest step between them, where the
    candidates allow (years always, nearly all percentages; counts keep clear of the key and have
    few candidates). Its rank stays as drawn (uniform, above)."""
    answers = [str(1850 + n) for n in range(120)] + [f"{n * 10},000 people" for n in range(5, 60)]
    answers += [f"{30 + n}%" for n in range(60)] + [f"${n}.5 million" for n in range(3, 60)]
    facts = [Fact(id=f"f{i}", text=f"It was {a}.", answer=a) for i, a in enumerate(answers)]
    at_an_end: Counter[Kind] = Counter()
    apart: Counter[Kind] = Counter()
    for seed in range(3):
        made = deck_questions(numeric_deck(facts), seed=seed, kinds={QuestionKind.MCQ})
        for question in made.questions:
            assert isinstance(question, ChoiceQuestion)
            kind = question.fact.answer_kind
            read = [value_of(option, kind) for option in question.options]
            values = sorted(v.value for v in read if isinstance(v, Quantity))
            key = read[question.answer_index]
            assert isinstance(key, Quantity)
            if key.value not in (values[0], values[-1]):
                continue
            at_an_end[kind] += 1
            others = [v for v in values if v != key.value]
            widest = max(b - a for a, b in zip(others, others[1:], strict=False))
            if min(abs(v - key.value) for v in others) >= Decimal("1.5") * widest:
                apart[kind] += 1
    # Before: 37 of 171 years, 19 of 72 percentages, 16 of 93 sums, 38 of 78 counts.
    assert at_an_end[Kind.YEAR] > 100 and at_an_end[Kind.PERCENT] > 40, at_an_end
    assert apart[Kind.YEAR] == 0 and apart[Kind.PERCENT] <= 2, apart
    assert apart.total() <= at_an_end.total() // 10, (apart, at_an_end)


def test_curated_numbers_fix_the_rank_when_they_suffice() -> None:
    """Three curated amounts leave nothing to balance: the teacher's choice stands."""
    fact = Fact(
        id="aid",
        text="Canada pledged $2.5 billion.",
        answer="$2.5 billion",
        distractors=["$1.5 billion", "$5 billion", "$500 million"],
    )
    for seed in range(5):
        made = deck_questions(numeric_deck([fact]), seed=seed, kinds={QuestionKind.MCQ})
        (question,) = made.questions
        assert isinstance(question, ChoiceQuestion)
        assert question.options == ("$500 million", "$1.5 billion", "$2.5 billion", "$5 billion")


# --- names of one sort ----------------------------------------------------------------------


def test_a_hinted_name_gets_no_option_the_deck_shows_to_be_of_another_sort() -> None:
    """Bug: with more options than curated ones, "Which city?" was offered "Canada" and "Which
    country?" was offered "Odesa" from the shared place answers. The deck's own lists say what
    each name is: an answer or a curated option of a fact hinted "city" is a city."""
    cities = ["Kharkiv", "Odesa", "Lviv", "Dnipro"]
    countries = ["Poland", "Norway", "Japan", "Australia"]
    deck = DeckFile(
        id="places",
        deck="Places",
        facts=[
            Fact(id="city", text="The attacks hit Kyiv.", answer="Kyiv", kind=Kind.PLACE,
                 hint="city", distractors=cities),
            Fact(id="country", text="Canada pledged aid.", answer="Canada", kind=Kind.PLACE,
                 hint="country", distractors=countries),
            Fact(id="other", text="The talks were in Geneva.", answer="Geneva", kind=Kind.PLACE),
        ],
        pools={Kind.PLACE: ["Kherson", "Belarus"]},
    )  # fmt: skip
    for seed in range(20):
        made = {
            q.fact.id: set(q.options)
            for q in deck_questions(deck, seed=seed, options=6, kinds={QuestionKind.MCQ})
            if isinstance(q, ChoiceQuestion)
        }
        assert not made["city"] & {"Canada", *countries}, made["city"]
        assert not made["country"] & {"Kyiv", *cities}, made["country"]


def deck_of(*facts: Fact) -> DeckFile:
    return DeckFile.model_validate({"id": "d", "deck": "D", "facts": facts})


def test_a_year_the_statement_calls_approximate_gets_options_decades_away() -> None:
    # Raters: for "around 1220", 1221, 1225 and 1226 were all also-correct.
    fact = Fact(id="edda", text="Snorri wrote the Prose Edda around 1220.", answer="1220")
    wrong = [int(o) for o in wrong_options(deck_of(fact), "edda", range(20))]
    assert all(abs(year - 1220) >= 10 and year % 10 == 0 for year in wrong), wrong


def test_another_facts_percentage_far_from_the_key_is_not_offered() -> None:
    # Raters: "5% nitrogen in air" (another fact's answer) for 78% was obviously extreme.
    facts = [
        Fact(id="air", text="Nitrogen makes up 78% of the air.", answer="78%"),
        Fact(id="vinegar", text="Vinegar is about 5% acetic acid.", answer="5%"),
        Fact(id="gold", text="18-carat gold is 75% gold.", answer="75%"),
    ]
    offered = wrong_options(deck_of(*facts), "air", range(20))
    assert all(abs(int(o.rstrip("%")) - 78) <= 20 for o in offered), offered


def test_no_option_repeats_the_capitalised_word_before_the_blank() -> None:
    # Raters: "Lockheed U-2" for "the Lockheed ___" reads "the Lockheed Lockheed U-2".
    fact = Fact(
        id="sr71",
        text="Since 1976 the Lockheed SR-71 Blackbird has held the air speed record.",
        answer="SR-71 Blackbird",
        kind=Kind.TERM,
        distractors=["Lockheed U-2", "MiG-25 Foxbat", "Bell X-1", "Lockheed F-104"],
    )
    offered = wrong_options(deck_of(fact), "sr71", range(10))
    assert offered and not [o for o in offered if o.startswith("Lockheed")], offered


def test_a_year_bc_gets_years_bc_near_it_and_an_ad_year_stays_ad() -> None:
    from quizgen.answers.kinds import Quantity, parse_quantity
    from quizgen.engine.distractors import generated
    from quizgen.facts.models import Fact

    for answer in ("509 BC", "476 AD", "5 BC"):
        fact = Fact.model_validate(
            {"id": "y", "text": f"It happened in {answer}.", "answer": answer}
        )
        key = parse_quantity(answer)
        assert isinstance(key, Quantity)
        options = generated(fact, 2025)
        assert options, answer
        for option in options:
            value = parse_quantity(option)
            assert isinstance(value, Quantity), option
            assert (value.value > 0) == (key.value > 0), (answer, option)
            assert option.endswith(answer.split()[-1]), option
            assert abs(value.value - key.value) <= 12, option


@pytest.mark.parametrize(
    ("text", "answer", "low", "high"),
    [
        # n26 raters: "110 of Ireland's 105 seats", "ten of the nine counties" (implausible).
        ("In 1918 Sinn Féin won 73 of Ireland's 105 seats at Westminster.", "73", None, 105),
        ("The Act set up a Parliament for six of the nine counties of Ulster.", "six", None, 9),
        ("Ten of the 32 counties voted for the treaty.", "32", 10, None),
        ("Only 52 out of 400 delegates voted against.", "52", None, 400),
        # Not a count of a whole: the decade, the year, a key beyond the number read.
        ("The 300 of the 1990s were remembered.", "300", None, None),
        ("Survey 4 counted 120 nesting pairs on the island.", "120", None, None),
        ("About 12 of 5 judges agreed.", "12", None, None),
    ],
)
def test_a_count_of_a_whole_the_stem_states_is_bounded_by_it(
    text: str, answer: str, low: int | None, high: int | None
) -> None:
    fact = Fact(id="f", text=text, answer=answer)
    assert count_bounds(fact) == (low, high)


def test_no_option_counts_more_than_the_whole_the_stem_states() -> None:
    facts = [
        Fact(id="seats", text="In 1918 Sinn Féin won 73 of Ireland's 105 seats.", answer="73"),
        Fact(
            id="ulster",
            text="The Act set up a Parliament for six of the nine counties of Ulster.",
            answer="six",
        ),
        Fact(id="whole", text="Ten of the 12 judges voted for the ruling.", answer="12"),
    ]
    source = deck_of(*facts)
    seats = wrong_options(source, "seats", range(40))
    assert seats and all(int(o) <= 105 for o in seats), seats
    counties = wrong_options(source, "ulster", range(40))
    assert counties and not counties.keys() & {"ten", "eleven", "twelve"}, counties
    wholes = wrong_options(source, "whole", range(40))
    assert wholes and all(int(o) >= 10 for o in wholes), wholes
