"""Every currency quizgen knows, by symbol, ISO 4217 code and name: the one table.

Fact parsing (`kinds`), typed-answer reading (`reading`), the GIFT exporter's accepted forms and
the drafting tools all read currencies from here, so "C$", "CAD" and "Canadian dollars" mean the
same thing everywhere. A generic marker ("$", "dollars", "£", "pounds", "¥") names a family, not a
currency: it means the deck's currency when that currency belongs to the family, else the
family's usual currency (US dollars, pounds sterling, yen).

Public API: `CURRENCIES`, `Currency`, `is_iso_code`, `currency`, `currency_name`, `resolve`,
`written_markers`, `name_at`, `BEFORE_PATTERN`, `SYMBOLS`, `CODES`, `NAMES`,
`DEFAULT_CURRENCY`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: What a bare "$" means when a deck does not say (`currency:` in the fact file).
DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True)
class Currency:
    """One currency and every way a student or a teacher may write it."""

    code: str  # ISO 4217
    name: str  # singular, as in "one Canadian dollar"
    plural: str  # as in "2.5 billion Canadian dollars"
    symbols: tuple[str, ...] = ()  # unambiguous symbols written before the amount: "C$", "CA$"
    family: str | None = None  # the generic word it shares: "dollar", "pound", "yen"
    other_names: tuple[str, ...] = ()  # further names, singular and plural: "U.S. dollars"


#: Generic markers and the family they name; a family's first currency is its usual one.
GENERIC_MARKERS = {
    "$": "dollar",
    "dollar": "dollar",
    "dollars": "dollar",
    "bucks": "dollar",
    "£": "pound",
    "pound": "pound",
    "pounds": "pound",
    "¥": "yen",
    "kr": "krone",
    "franc": "franc",
    "francs": "franc",
    "peso": "peso",
    "pesos": "peso",
    "rupee": "rupee",
    "rupees": "rupee",
}

_TABLE = (
    Currency(
        "USD",
        "US dollar",
        "US dollars",
        ("US$", "U.S.$"),
        "dollar",
        ("U.S. dollar", "U.S. dollars", "American dollar", "American dollars", "USD"),
    ),
    Currency(
        "CAD",
        "Canadian dollar",
        "Canadian dollars",
        ("C$", "CA$", "Can$", "CAN$"),
        "dollar",
    ),
    Currency("AUD", "Australian dollar", "Australian dollars", ("A$", "AU$", "AUD$"), "dollar"),
    Currency("NZD", "New Zealand dollar", "New Zealand dollars", ("NZ$",), "dollar"),
    Currency("HKD", "Hong Kong dollar", "Hong Kong dollars", ("HK$",), "dollar"),
    Currency("SGD", "Singapore dollar", "Singapore dollars", ("S$",), "dollar"),
    Currency("EUR", "euro", "euros", ("€",), None),
    Currency(
        "GBP",
        "pound sterling",
        "pounds sterling",
        (),
        "pound",
        ("British pound", "British pounds", "sterling"),
    ),
    Currency("EGP", "Egyptian pound", "Egyptian pounds", ("E£",), "pound"),
    Currency("JPY", "yen", "yen", ("JP¥",), "yen", ("Japanese yen",)),
    Currency("CNY", "yuan", "yuan", ("CN¥", "RMB"), "yen", ("renminbi", "Chinese yuan")),
    Currency("CHF", "Swiss franc", "Swiss francs", (), "franc"),
    Currency("UAH", "hryvnia", "hryvnias", ("₴",), None, ("hryvnia", "hryvnias", "hryvnas")),
    Currency("RUB", "rouble", "roubles", ("₽",), None, ("ruble", "rubles", "Russian roubles")),
    Currency("INR", "Indian rupee", "Indian rupees", ("₹",), "rupee"),
    Currency("SEK", "Swedish krona", "Swedish kronor", (), "krone"),
    Currency("NOK", "Norwegian krone", "Norwegian kroner", (), "krone"),
    Currency("DKK", "Danish krone", "Danish kroner", (), "krone"),
    Currency("PLN", "złoty", "złoty", (), None, ("zł", "zloty", "zlotys", "zlotych")),
    Currency("CZK", "Czech koruna", "Czech korunas", (), None, ("Kč",)),
    Currency("HUF", "forint", "forints", (), None),
    Currency("TRY", "Turkish lira", "Turkish lira", ("₺",), None, ("lira",)),
    Currency("ILS", "shekel", "shekels", ("₪",), None, ("new shekels",)),
    Currency("KRW", "won", "won", ("₩",), None, ("South Korean won",)),
    Currency("MXN", "Mexican peso", "Mexican pesos", ("MX$", "Mex$"), "peso"),
    Currency("BRL", "Brazilian real", "Brazilian reais", ("R$",), None, ("reais",)),
    Currency("ZAR", "rand", "rand", (), None, ("South African rand",)),
)

#: Every currency in the table, by ISO code.
CURRENCIES: dict[str, Currency] = {entry.code: entry for entry in _TABLE}

# Active ISO 4217 codes, so `currency:` in a fact file can name any real currency even if the
# table above has no names for it (then only its code is read in answers).
_ISO_4217 = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
    TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG""".split()
)


def is_iso_code(code: str) -> bool:
    """Whether `code` is an active ISO 4217 currency code (upper case, as the standard writes)."""
    return code in _ISO_4217


def currency(code: str) -> Currency | None:
    """The table's entry for an ISO code, or None when the table has no names for it."""
    return CURRENCIES.get(code)


def currency_name(code: str) -> str:
    """The plural name for feedback ("Canadian dollars"), or the code when it has none."""
    entry = CURRENCIES.get(code)
    return entry.plural if entry else code


def _family_default(family: str) -> str:
    return next(entry.code for entry in _TABLE if entry.family == family)


def resolve(marker: str, context: str = DEFAULT_CURRENCY) -> str | None:
    """The ISO code a written marker means in a deck whose currency is `context`.

    "C$", "CAD" and "Canadian dollars" are always CAD; "$" and "dollars" are CAD in a Canadian
    deck, US dollars in a deck in euros. None when the marker is no currency.
    """
    return _resolve(" ".join(marker.split()), context)


@lru_cache(maxsize=1024)
def _resolve(marker: str, context: str) -> str | None:
    folded = marker.casefold()
    family = GENERIC_MARKERS.get(folded) or GENERIC_MARKERS.get(marker)
    if family is not None:
        entry = CURRENCIES.get(context)
        return context if entry and entry.family == family else _family_default(family)
    if marker.upper() in CURRENCIES:
        return marker.upper()  # "CAD", and "cad" as students type it
    if marker in _ISO_4217:
        return marker  # other codes only in capitals: "ALL" is a code, "all" a word
    return _BY_MARKER.get(folded)


def _markers() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in _TABLE:
        for written in (*entry.symbols, entry.name, entry.plural, *entry.other_names):
            found.setdefault(written.casefold(), entry.code)
        # "US dollars" is also written "U.S. dollars" and "US-dollars"; names read either way.
    return found


_BY_MARKER = _markers()


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


_SYMBOLS = [s for entry in _TABLE for s in entry.symbols] + [
    m for m in GENERIC_MARKERS if not m.isalpha()
]
_NAMES = [
    name
    for entry in _TABLE
    for name in (entry.name, entry.plural, *entry.other_names)
    if not name.isupper()
] + [m for m in GENERIC_MARKERS if m.isalpha() and len(m) > 2]
#: The vocabulary as lists, for readers of prose (`draft`, through `kinds`): symbols written
#: before an amount, the table's ISO codes, and names written after one.
SYMBOLS: tuple[str, ...] = tuple(_SYMBOLS)
CODES: tuple[str, ...] = tuple(entry.code for entry in _TABLE)
NAMES: tuple[str, ...] = tuple(_NAMES)
_NAMES_FOLDED = frozenset(name.casefold() for name in _NAMES)
_TOKEN = re.compile(r"\S+")
_TRAILING = ",;:!?)]"

#: A currency written before an amount: a symbol ("C$", "€"), or a code and a space ("CAD 5").
#: Codes are the table's, in capitals ((?-i:...): "all" and "top" stay words).
BEFORE_PATTERN = rf"(?:{_alternation(_SYMBOLS)})\s?|(?-i:{_alternation(list(CODES))})\s?(?=[\d.])"


def name_at(text: str, start: int = 0) -> tuple[str, int] | None:
    """The currency name or code that `text` holds from `start`: (as written, where it ends).

    Names are looked up in the table rather than matched by one large regular expression,
    which would cost tens of milliseconds to compile at every start-up. Up to three words
    ("U.S. dollars", "New Zealand dollars"), the longest that names a currency.
    """
    tokens: list[re.Match[str]] = []
    for found in _TOKEN.finditer(text, start):
        if not tokens and found.start() != start:
            return None
        tokens.append(found)
        if len(tokens) == 3:
            break
    for count in range(len(tokens), 0, -1):
        begin, end = tokens[0].start(), tokens[count - 1].end()
        while end > begin and text[end - 1] in _TRAILING:
            end -= 1
        written = text[begin:end]
        folded = written.casefold()
        if folded in _NAMES_FOLDED or written.upper() in CURRENCIES or written in _ISO_4217:
            if written.upper() in CURRENCIES and not written.isalpha():
                continue
            return written, end
    return None


def written_markers(code: str, context: str = DEFAULT_CURRENCY) -> tuple[list[str], list[str]]:
    """How an amount in `code` may be written: (markers before it, names after it).

    Generic markers are included when they mean `code` in this deck ("$" for CAD in a Canadian
    deck). Used to list the forms Moodle should accept.
    """
    before = [m for m in _SYMBOLS if resolve(m, context) == code] + [f"{code} "]
    after = [m for m in _NAMES if resolve(m, context) == code] + [code]
    entry = CURRENCIES.get(code)
    if entry:
        after = [entry.plural, *(m for m in after if m != entry.plural)]
    return before, after
