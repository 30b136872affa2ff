"""Well-known people, organizations, places and terms, with the era, country and sort of each.

A deck says little about a name it only lists in a pool: this table says when a person lived
and what they did, when an organization was founded, what it is and where it is based, where a
place lies, and what family a term belongs to. With it the engine can refuse a wrong option of
the wrong century, country or trade, and offer a good one when the deck has too few.

The table is read from the TSV files in `data/` once, on first use, and only by the engine.
"""

from quizgen.reference.table import (
    Entry,
    Names,
    Table,
    countries_in,
    name_countries,
    names_in,
    people_in,
    read_names,
    same_country,
    spans_in,
    table,
)

__all__ = [
    "Entry",
    "Names",
    "Table",
    "countries_in",
    "name_countries",
    "names_in",
    "people_in",
    "read_names",
    "same_country",
    "spans_in",
    "table",
]
