"""Kind inference and reading values: what a teacher means when they leave `kind` out.

Money, number, percent, year and date are inferred from the answer; anything else is a term.
Names that merely contain digits (G7, Boeing 747, COVID-19) must stay terms, or they would get
numeric distractors such as "Boeing 748".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from quizgen.answers.kinds import (
    DateValue,
    Kind,
    Quantity,
    format_date,
    format_quantity,
    infer_kind,
    parse_date,
    parse_quantity,
    value_of,
)
from quizgen.answers.normalize import same_answer

INFERRED = [
    # money: symbols, codes and words; scale words and their abbreviations
    ("$2.5 billion", Kind.MONEY),
    ("$2.5bn", Kind.MONEY),
    ("$1.5bn", Kind.MONEY),
    ("$500", Kind.MONEY),
    ("$1,200", Kind.MONEY),
    ("$20k", Kind.MONEY),
    ("US$5 million", Kind.MONEY),
    ("C$1.2 billion", Kind.MONEY),
    ("€3 million", Kind.MONEY),
    ("€3.5bn", Kind.MONEY),
    ("£40m", Kind.MONEY),
    ("£1.5 trillion", Kind.MONEY),
    ("¥100", Kind.MONEY),
    ("₴2,000", Kind.MONEY),
    ("USD 5 million", Kind.MONEY),
    ("EUR 200", Kind.MONEY),
    ("5 million dollars", Kind.MONEY),
    ("2.5 billion euros", Kind.MONEY),
    ("100 yen", Kind.MONEY),
    # percent
    ("90%", Kind.PERCENT),
    ("90 %", Kind.PERCENT),
    ("0.5%", Kind.PERCENT),
    ("-3%", Kind.PERCENT),
    ("12.5 percent", Kind.PERCENT),
    ("3 per cent", Kind.PERCENT),
    # years: four digits from 1000 to 2100
    ("2014", Kind.YEAR),
    ("1991", Kind.YEAR),
    ("1066", Kind.YEAR),
    ("1000", Kind.YEAR),
    ("2100", Kind.YEAR),
    # dates in the formats teachers write
    ("24 February 2022", Kind.DATE),
    ("24 Feb 2022", Kind.DATE),
    ("1 Jan 2000", Kind.DATE),
    ("February 24, 2022", Kind.DATE),
    ("Feb 24, 2022", Kind.DATE),
    ("March 1, 2014", Kind.DATE),
    ("2022-02-24", Kind.DATE),
    ("February 2022", Kind.DATE),
    ("Feb. 2022", Kind.DATE),
    ("May 2021", Kind.DATE),
    ("5 May 2021", Kind.DATE),
    ("Sep 2020", Kind.DATE),
    ("Sept 2020", Kind.DATE),
    ("Sept. 11, 2001", Kind.DATE),
    # plain numbers, and numbers with units
    ("20", Kind.NUMBER),
    ("0", Kind.NUMBER),
    ("3.14", Kind.NUMBER),
    ("-40", Kind.NUMBER),
    ("1,000", Kind.NUMBER),
    ("1.5 million", Kind.NUMBER),
    ("5 billion", Kind.NUMBER),
    ("2101", Kind.NUMBER),
    ("2200", Kind.NUMBER),
    ("999", Kind.NUMBER),
    ("20-point", Kind.NUMBER),
    ("20-year-old", Kind.NUMBER),
    ("20 points", Kind.NUMBER),
    ("8 planets", Kind.NUMBER),
    ("300,000 troops", Kind.NUMBER),
    ("10 km", Kind.NUMBER),
    ("3.5 mm", Kind.NUMBER),
    ("150 million km", Kind.NUMBER),
    ("4.6 billion years", Kind.NUMBER),
    ("100 degrees Celsius", Kind.NUMBER),
    ("465 °C", Kind.NUMBER),
    ("465°C", Kind.NUMBER),
    ("−40 °F", Kind.NUMBER),
    ("5,778 K", Kind.NUMBER),
    ("1.5 AU", Kind.NUMBER),
    ("27 km/h", Kind.NUMBER),
    ("9.8 m/s²", Kind.NUMBER),
    # terms and names, even with digits in them
    ("G7", Kind.TERM),
    ("G20", Kind.TERM),
    ("Boeing 747", Kind.TERM),
    ("COVID-19", Kind.TERM),
    ("Minsk II", Kind.TERM),
    ("Minsk 2", Kind.TERM),
    ("F-16", Kind.TERM),
    ("S-400", Kind.TERM),
    ("Apollo 11", Kind.TERM),
    ("Article 5", Kind.TERM),
    ("Henry VIII", Kind.TERM),
    ("Catch-22", Kind.TERM),
    ("7-Eleven", Kind.TERM),
    ("10 Downing Street", Kind.TERM),
    ("50 Cent", Kind.TERM),
    ("2 World Wars", Kind.TERM),
    ("007", Kind.TERM),
    ("0900", Kind.TERM),
    ("9/11", Kind.TERM),
    ("24/7", Kind.TERM),
    ("1990s", Kind.TERM),
    ("20th century", Kind.TERM),
    ("2014–2015", Kind.TERM),
    ("1 in 3", Kind.TERM),
    ("about 20", Kind.TERM),
    ("over 50%", Kind.TERM),
    ("31 February 2022", Kind.TERM),
    ("Mark Carney", Kind.TERM),
    ("Kyiv", Kind.TERM),
    ("NATO", Kind.TERM),
    ("two", Kind.TERM),
]


@pytest.mark.parametrize(("answer", "kind"), INFERRED, ids=[answer for answer, _ in INFERRED])
def test_infer_kind(answer: str, kind: Kind) -> None:
    assert infer_kind(answer) is kind


def test_every_inferable_kind_is_covered() -> None:
    inferred = {kind for _, kind in INFERRED}
    assert inferred == {Kind.MONEY, Kind.PERCENT, Kind.YEAR, Kind.DATE, Kind.NUMBER, Kind.TERM}


@pytest.mark.parametrize("kind", [Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION])
def test_people_places_and_organizations_are_never_inferred(kind: Kind) -> None:
    assert kind not in {infer_kind(answer) for answer, _ in INFERRED}


def test_surrounding_spaces_do_not_matter() -> None:
    assert infer_kind("  $2.5 billion ") is Kind.MONEY
    assert infer_kind(" 2014\n") is Kind.YEAR


# --- values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "value", "currency"),
    [
        ("$2.5 billion", "2500000000", "USD"),
        ("$2.5bn", "2500000000", "USD"),
        ("US$5 million", "5000000", "USD"),
        ("C$1.2 billion", "1200000000", "CAD"),
        ("€3.5bn", "3500000000", "EUR"),
        ("£40m", "40000000", "GBP"),
        ("$20k", "20000", "USD"),
        ("USD 5 million", "5000000", "USD"),
        ("5 million dollars", "5000000", "USD"),
        ("2.5 billion euros", "2500000000", "EUR"),
        ("CHF 10", "10", "CHF"),
    ],
)
def test_money_value_and_currency(answer: str, value: str, currency: str) -> None:
    quantity = parse_quantity(answer)
    assert quantity is not None
    assert (quantity.kind, quantity.value, quantity.currency) == (
        Kind.MONEY,
        Decimal(value),
        currency,
    )


@pytest.mark.parametrize(
    ("answer", "value", "suffix"),
    [
        ("20-point", "20", "-point"),
        ("300,000 troops", "300000", " troops"),
        ("150 million km", "150000000", " km"),
        ("465 °C", "465", " °C"),
        ("−40 °F", "-40", " °F"),
        ("2 m", "2", " m"),  # two metres: a spaced single letter is a unit, not "million"
    ],
)
def test_number_value_and_unit(answer: str, value: str, suffix: str) -> None:
    quantity = parse_quantity(answer)
    assert quantity is not None
    assert (quantity.kind, quantity.value, quantity.suffix) == (
        Kind.NUMBER,
        Decimal(value),
        suffix,
    )


@pytest.mark.parametrize(
    ("answer", "value", "style"),
    [
        ("24 February 2022", date(2022, 2, 24), "day-month-year"),
        ("February 24, 2022", date(2022, 2, 24), "month-day-year"),
        ("2022-02-24", date(2022, 2, 24), "iso"),
        ("February 2022", date(2022, 2, 1), "month-year"),
        ("Sept. 11, 2001", date(2001, 9, 11), "month-day-year"),
    ],
)
def test_date_value_and_style(answer: str, value: date, style: str) -> None:
    parsed = parse_date(answer)
    assert parsed is not None
    assert (parsed.value, parsed.style) == (value, style)


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("$2.5 billion", "$2,500 million", Kind.MONEY),
        ("$2.5 billion", "$2.5bn", Kind.MONEY),
        ("$2.5 billion", "2.5 billion dollars", Kind.MONEY),
        ("90%", "90 percent", Kind.PERCENT),
        ("24 February 2022", "2022-02-24", Kind.DATE),
        ("24 February 2022", "February 24, 2022", Kind.DATE),
        ("Mark Carney", "mark carney", Kind.PERSON),
        ("the Kremlin", "Kremlin", Kind.PLACE),
    ],
)
def test_same_answer(first: str, second: str, kind: Kind) -> None:
    assert same_answer(first, second, kind)


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("$2.5 billion", "€2.5 billion", Kind.MONEY),
        ("$2.5 billion", "C$2.5 billion", Kind.MONEY),
        ("$2.5 billion", "$2.5 million", Kind.MONEY),
        ("24 February 2022", "24 February 2023", Kind.DATE),
        ("Minsk I", "Minsk II", Kind.TERM),
    ],
)
def test_different_answers(first: str, second: str, kind: Kind) -> None:
    assert not same_answer(first, second, kind)


def test_value_of_respects_the_kind() -> None:
    assert value_of("2014", Kind.NUMBER) is not None  # a year reads as a number too
    assert value_of("2014", Kind.YEAR) is not None
    assert value_of("20", Kind.YEAR) is not None  # kind: year on a short year is the teacher's call
    assert value_of("90%", Kind.NUMBER) is None
    assert value_of("$5", Kind.PERCENT) is None
    assert value_of("Kyiv", Kind.PLACE) is None
    assert isinstance(value_of("May 2021", Kind.DATE), DateValue)
    assert isinstance(value_of("$5", Kind.MONEY), Quantity)


# --- writing values like the answer ----------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "value", "written"),
    [
        ("$2.5 billion", "4000000000", "$4 billion"),
        ("$2.5 billion", "500000000", "$500 million"),
        ("$2.5 billion", "3500000000", "$3.5 billion"),
        ("£40m", "60000000", "£60m"),
        ("€3.5bn", "2000000000", "€2bn"),
        ("$1,200", "1500", "$1,500"),
        ("90%", "85", "85%"),
        ("20-point", "12", "12-point"),
        ("465 °C", "480", "480 °C"),
        ("150 million km", "228000000", "228 million km"),
    ],
)
def test_format_quantity_writes_like_the_template(template: str, value: str, written: str) -> None:
    quantity = parse_quantity(template)
    assert quantity is not None
    assert format_quantity(quantity, Decimal(value)) == written
    reread = parse_quantity(written)
    assert reread is not None
    assert (reread.kind, reread.value) == (quantity.kind, Decimal(value))


@pytest.mark.parametrize(
    ("template", "written"),
    [
        ("24 February 2022", "3 March 2023"),
        ("24 Feb 2022", "3 Mar 2023"),
        ("February 24, 2022", "March 3, 2023"),
        ("2022-02-24", "2023-03-03"),
        ("February 2022", "March 2023"),
    ],
)
def test_format_date_writes_like_the_template(template: str, written: str) -> None:
    parsed = parse_date(template)
    assert parsed is not None
    assert format_date(parsed, date(2023, 3, 3)) == written


def test_a_year_written_with_its_era_is_a_year_and_steps_in_time() -> None:
    """ "509 BC" had been a number of the unit "BC", whose options were 650 BC and 22 BC
    (a helper's Rome deck); it is a year, stored below zero so that years sort and step in
    time, and written back with its mark."""
    republic = parse_quantity("509 BC")
    assert republic is not None and republic.kind is Kind.YEAR and republic.value == -509
    assert infer_kind("476 AD") is Kind.YEAR and infer_kind("44 BCE") is Kind.YEAR
    assert format_quantity(republic, Decimal(-515)) == "515 BC"
    assert not same_answer("509 BC", "509 AD", Kind.YEAR)
    assert infer_kind("12 BCD") is not Kind.YEAR
