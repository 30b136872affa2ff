"""Units of measure: which dimension a unit measures and how to convert, by `pint`.

pint knows some 1,000 units with their dimensions and spellings (litres and liters, plurals,
prefixes: ml, km, kWh), which a hand-kept table never would. It is imported only when a typed
answer and its key carry different unit words: importing pint and building its registry takes
about 0.4 s, which a `quizgen quiz` start-up or a build must not pay for decks without units.

Words that pint reads as units but students write as plain English ("in" is inches, "a" is a
year, "point" is a printer's point) are never units here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pint

#: pint unit names that are ordinary words in an answer, not units.
_PLAIN_WORDS = frozenset(
    """a an as at are in it of on or to by per and the hand hands line lines point points pt
    bit bits barn barns drop drops quad quads mil thou""".split()
)
_DIMENSIONS = {
    "[length]": "a length",
    "[length] ** 2": "an area",
    "[length] ** 3": "a volume",
    "[mass]": "a mass",
    "[time]": "a time",
    "[temperature]": "a temperature",
    "[length] / [time]": "a speed",
    "[length] / [time] ** 2": "an acceleration",
    "[mass] * [length] ** 2 / [time] ** 2": "an energy",
    "[mass] * [length] ** 2 / [time] ** 3": "a power",
    "[mass] / [length] / [time] ** 2": "a pressure",
    "[current]": "an electric current",
    "[mass] / [length] ** 3": "a density",
    "[substance]": "an amount of substance",
}
_SINGULAR = re.compile(r"(?<=[a-z])(?:es|s)$")


@dataclass(frozen=True)
class Unit:
    """A unit as written, with pint's reading of it when pint knows it."""

    text: str  # lower case, spaces collapsed: "ml", "litres", "planets"
    written: str  # as written, for pint: "K" is kelvin, "k" is not
    known: bool  # pint knows it (and it is not a plain word)
    dimension: str  # "a volume"; "" when pint does not know it


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry[Any]:
    import pint  # noqa: PLC0415 - lazy on purpose: 0.4 s, paid only when units must be compared

    return pint.UnitRegistry()


def _pint_units(text: str) -> Any | None:
    if not text or any(w.lower() in _PLAIN_WORDS for w in text.split()):
        return None
    import pint  # noqa: PLC0415

    try:
        return _registry().parse_units(text.replace("²", "**2").replace("³", "**3"))
    except (pint.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError, TypeError):
        return None
    except Exception:  # pint's parser raises assorted errors on free text: not a unit
        return None


@lru_cache(maxsize=4096)
def unit_of(text: str) -> Unit:
    """Read a unit ("ml", "square kilometres", "planets"); never raises."""
    written = " ".join(text.split()).strip(".").lstrip("-")
    folded = written.lower()
    units = _pint_units(written)
    if units is None or not units.dimensionality:
        return Unit(folded, written, False, "")
    dimensionality = str(units.dimensionality)
    return Unit(folded, written, True, _DIMENSIONS.get(dimensionality, dimensionality))


def same_words(first: str, second: str) -> bool:
    """The same unit words, singular or plural: "planets" and "planet", "days" and "day"."""
    return [_SINGULAR.sub("", w) for w in first.split()] == [
        _SINGULAR.sub("", w) for w in second.split()
    ]


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal | None:
    """`value` in `source` expressed in `target`, or None when they measure different things."""
    if not (source.known and target.known) or source.dimension != target.dimension:
        return None
    import pint  # noqa: PLC0415

    registry = _registry()
    try:
        quantity = registry.Quantity(float(value), _pint_units(source.written))
        converted = quantity.to(_pint_units(target.written)).magnitude
    except pint.DimensionalityError:
        return None
    except Exception:  # offset units in a compound ("°C/h"), overflow: not convertible here
        return None
    result = Decimal(f"{float(converted):.12g}")
    return result if result.is_finite() else None  # 211.99999999999991 °F is 212 °F
