"""What the deck itself says about each word answer: its sort, era, place, gender and form.

A wrong option is only worth reading when it is of the key's sort ("tibia" for "the longest
bone", not "skin"), of its time (no 19th-century name for a 1989 invention), not placed where
the stem rules it out ("Guiana Space Centre" for "the ___ in Kazakhstan") and written alike.
Nothing here knows any subject: every clue is read from the teacher's own facts, hints and
pools, once per deck, in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from quizgen.answers.kinds import MONTHS, Kind
from quizgen.answers.normalize import normalize_text
from quizgen.answers.spans import span_start

#: Word kinds: these have sorts; numbers, years and dates are made near the key instead.
WORD_KINDS = frozenset({Kind.TERM, Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION})
#: How far apart in years two people's facts may lie and both still read as of one time.
ERA_SPAN = 30

# Words that end a noun phrase being read for its head noun: "an agency [of] ...".
_PHRASE_END = frozenset(
    "of in on at for from to that which who whom whose with by is was are were as and or "
    "near since during where when has had have it its under over after before between into "
    "through across against along around behind beyond without within about among up out "
    "than but so still now also once then today ever yet just even already".split()
)
#: A participle after a noun ends its phrase too: "the Dutch airline operating under ...",
#: "an agency founded in ..." (the head is "airline", not "operating" or "under").
_PARTICIPLE = re.compile(
    r"[a-z]{3,}(?:ing|ed)|(?:shown|known|born|made|built|written|given|taken|seen|held|led|won|"
    r"sold|found|kept|left|drawn|flown|grown|thrown|worn|broken|chosen|frozen|spoken|driven|"
    r"hidden|fallen|begun|sung|struck|hung|brought|bought|caught|taught|fought|sent|spent|"
    r"told|set|put|run|done|gone)"
)
_NOT_NOUNS = frozenset(
    "a an the first last most more one two three four five six seven eight nine ten "
    "only main same other new old great small large big long short best".split()
)
_ARTICLE = r"(?:the|a|an)"
#: Nouns that name the sort of what follows their "of": "the city of Carthage", "the island
#: of Kos" (but "the headquarters of NATO", "the capital of Belgium" name no sort of it).
_SORTS_OF = frozenset(
    """city town village port island state province region kingdom republic empire county
    river lake mountain valley peninsula desert bay gulf strait sea""".split()
)
_WORD = r"[A-Za-z][\w'’-]*"
# "___, a mechanical computer", "___, an agency of ...", "___, the tallest volcano in ..."
_APPOSITION = re.compile(rf"^\s*,\s+{_ARTICLE}\s+((?:{_WORD}\s+){{0,4}}{_WORD})")
# "___ is the longest bone", "___ is a hormone that", "___ are the cells that"
_PREDICATE = re.compile(
    rf"^\s+(?:is|was|are|were|became|remains)\s+(?:also\s+)?{_ARTICLE}\s+"
    rf"((?:{_WORD}\s+){{0,4}}{_WORD})"
)
_ASIDE = re.compile(r"^\s*,[^,]{1,60},")
# "the ___ rocket." "the ___ rocket was": a lower-case noun right after the blank.
_AFTER_NOUN = re.compile(r"^\s+([a-z][a-z-]{2,})(?=\s*(?:[,.;:]|$)|\s+(?:was|is|were|are|of|in)\b)")
#: Verbs that follow a subject's blank as a noun would ("the ___ lies in", "the ___ rose in").
_VERBS_AFTER = frozenset(
    "lies lay stands stood sits sat rises rose grows grew lives works ends began begins "
    "opens falls fell runs ran remains appears occurs happens took takes came comes went "
    "goes fought won lost sank broke".split()
)


def _is_verb(word: str) -> bool:
    """A past form ("collapsed", not "seed" or "breed") or a verb of `_VERBS_AFTER`."""
    past = len(word) >= 5 and word.endswith("ed") and not word.endswith("eed")
    return past or word in _VERBS_AFTER


# "the city of ___", "the planet ___", "the English weekday ___", "the sportswear company ___"
# (not "the leading directors of ___": a lower-case word before the noun only without "of")
_BEFORE_NOUN = re.compile(
    r"\b[Tt]he\s+(?:(?:[A-Z][a-z]+\s+)?([a-z][a-z-]{2,})(?:\s+of)?|[a-z][a-z-]+\s+([a-z][a-z-]{2,}))\s+$"
)
# "The upward force produced by the wings is called ___": the subject's sort.
_CALLED = re.compile(
    r"\s(?:is|was|are|were)\s+(?:also\s+)?(?:called|known\s+as|named|termed)\s+"
    r"(?:the\s+|an?\s+)?$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)(?=[A-Z])")
# "U.S. President ___", "Prime Minister ___", "General ___"
_TITLES = (
    "president",
    "prime minister",
    "chancellor",
    "king",
    "queen",
    "emperor",
    "empress",
    "pharaoh",
    "tsar",
    "sultan",
    "pope",
    "archbishop",
    "bishop",
    "cardinal",
    "general",
    "admiral",
    "senator",
    "minister",
    "secretary",
    "governor",
    "professor",
)
# "___ was Supreme Commander", "___ became Field Marshal": a military office after the blank
# (capitalised, so the predicate's "the longest bone" reading does not see it).
_COMMAND_AFTER = re.compile(
    r"^\s+(?:is|was|became|served\s+as)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?"
    r"(Commander|Marshal|General|Admiral)\b"
)
_TITLE_BEFORE = re.compile(r"\b(" + "|".join(_TITLES) + r")\s+$", re.IGNORECASE)

#: What a statement may call a person ("The Ngāpuhi leader ___", "___ was the last Viceroy"),
#: by the family of those that stand in for each other: a viceroy for a governor, a queen
#: for a king (gender is told apart elsewhere), not a chief for a governor or a lawyer for a
#: nationalist (raters: "Hobson, a Crown governor, as a Waikato chief"). A word in no family
#: here tells nothing, and a person the deck gives none of these is judged as before.
_PERSON_ROLE_FAMILIES = {
    "governor": "governor viceroy governor-general lieutenant-governor proconsul satrap",
    "monarch": """monarch king queen emperor empress tsar tsarina czar sultan pharaoh shah emir
        khan maharaja raja rani nawab caliph kaiser regent sharif""",
    "leader": "leader chief chieftain warlord",
    "head of government": "prime_minister premier chancellor president",
    "politician": "politician minister senator statesman congressman mla mp secretary",
    "military leader": """military_leader general marshal field_marshal admiral commander
        colonel officer soldier""",
    "judge": "judge justice chief_justice lawyer attorney barrister jurist",
    "religious leader": """religious_leader pope bishop archbishop cardinal priest monk abbot
        missionary prophet saint""",
    "explorer": "explorer navigator",
    "nationalist": "nationalist",
    "revolutionary": "revolutionary rebel",
    "activist": "activist suffragist suffragette campaigner",
    "chemist": "chemist",
    "physicist": "physicist",
    "writer": "writer novelist author poet playwright",
    "painter": "painter artist",
    "composer": "composer",
    "architect": "architect",
    "engineer": "engineer",
    "inventor": "inventor",
    "mathematician": "mathematician",
    "philosopher": "philosopher",
    "merchant": "merchant trader",
}
_PERSON_ROLE: dict[str, str] = {
    word.replace("_", " "): family
    for family, words in _PERSON_ROLE_FAMILIES.items()
    for word in words.split()
}
#: Honorifics between a role and the name: "the Governor-General, Sir John Kerr".
_HONORIFIC = re.compile(r"(?:,\s*)?\b(?:Sir|Dame|Lord|Lady)\s+$")
#: "___ became the first governor of", "___ was the last Viceroy", "___ became one of the
#: rebellion's most famous leaders", "Captain ___ commanded the First Fleet and became the
#: first governor": what the statement says the person was ("Captain" is a title).
_BECAME = re.compile(
    r"^\s*(?:,[^,]{1,80},\s*|(?P<later>[^,.;:]{1,80}\s(?:and|and\s+later|who)\s+))?"
    r"(?:is|was|became|remained|served\s+as|had\s+been)\s+"
    r"(?P<phrase>(?:[\w'’-]+\s+){0,5}?[\w'’-]+)(?=\s+(?:of|in|from|for|to|at|on|until|and|who|when)\b|[,.;:]|$)"
)
#: "As the first Secretary of the Treasury, ___": a sentence's opening office.
_AS_OFFICE = re.compile(r"(?:^|[.;]\s+)As\s+([^,]{1,60}),\s*$")


def _person_roles_in(phrase: str, *, last: bool = False) -> set[str]:
    """The role words of `_PERSON_ROLE` in a phrase (`last`: only at its very end)."""
    words = [word.strip(".,;:'’\"()").casefold() for word in phrase.split()]
    words = [singular(word) if word.endswith("s") else word for word in words]
    found: set[str] = set()
    for end in range(len(words), 0, -1):
        for size in (2, 1):
            if end - size < 0:
                continue
            role = " ".join(words[end - size : end])
            if role in _PERSON_ROLE:
                found.add(role)
                break
        if last or found:
            break
    return found


def person_roles(before: str, after: str) -> set[str]:
    """What a statement calls the person in its blank, before the name or after it."""
    found = _person_roles_in(_HONORIFIC.sub("", before[-60:]), last=True)
    office = _AS_OFFICE.search(before)
    if office:
        found |= _person_roles_in(office.group(1).split(" of ")[0])
    match = _BECAME.match(after)
    if match and (not found or not match.group("later")):
        # What it went on to be counts only when nothing is said before the name: "The
        # French marshal ___ ... and became King Charles XIV John" asks for a marshal.
        phrase = match.group("phrase")
        if phrase.casefold() == "one":  # "one of the rebellion's ... leaders"
            phrase = re.split(r",|\.|;|\s(?:and|who|which)\s", after[match.end() :])[0]
        found |= _person_roles_in(phrase)
    match = _APPOSITION.match(after)
    if match:
        found |= _person_roles_in(match.group(1).split(" of ")[0])
    return found


#: What the head of an organization's name says it is, by the families a student tells
#: apart at a glance: a party is no tribunal, a veterans' league no army corps, a trading
#: company no army (raters: "Reform Party and the RSL as the Waitangi Tribunal"). A word in
#: two families ("order": knights or friars) fits either; a head in none tells nothing.
_BODY_FAMILIES = {
    "military": "army corp legion brigade division regiment navy fleet force guard militia "
    "battalion order",
    "political": "party front league congress movement union federation confederation",
    "treaty": "pact treaty alliance accord agreement entente league",
    "company": "company corporation firm bank airline railway",
    "court": "tribunal court commission",
    "assembly": "council assembly parliament senate congress diet duma",
    "religious": "order society church mission samaj brotherhood",
    "learned": "society academy institute university college school",
}
_BODY: dict[str, frozenset[str]] = {}
for _family, _words in _BODY_FAMILIES.items():
    for _word in _words.split():
        _BODY[_word] = _BODY.get(_word, frozenset()) | {_family}


def body_families(sorts: Iterable[str]) -> frozenset[str]:
    """The families of an organization's sort words (see `_BODY_FAMILIES`)."""
    found: frozenset[str] = frozenset()
    for sort in sorts:
        found |= _BODY.get(sort, frozenset())
    return found


def other_body(key_sorts: Iterable[str], other_sorts: Iterable[str]) -> bool:
    """True when both names say what body they are, and no family is shared."""
    mine, theirs = body_families(key_sorts), body_families(other_sorts)
    return bool(mine and theirs and not mine & theirs)


def role_families(sorts: Iterable[str]) -> set[str]:
    """The families of a person's role words: a viceroy is of the governors."""
    return {_PERSON_ROLE[sort] for sort in sorts if sort in _PERSON_ROLE}


# "___ in Kazakhstan": the place the stem puts the blank in.
#: "the ___ in Kazakhstan", "captured ___ in northern France" (a point of the compass
#: before the name places it all the same).
_LOCATOR = re.compile(
    r"^\s+in\s+(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s+)?"
    r"((?:[A-Z][\w'’.-]*\s?)+)"
)
_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])(1[0-9]{3}|20[0-9]{2})(?!\d|[,.]\d)")
_FEMALE_WORDS = re.compile(
    r"\b(?:woman|women|she|her|hers|herself|female|girl|queen|empress|actress|mother|daughter|"
    r"sister|wife|widow|princess|duchess|dame|lady|mrs|ms|goddess|heroine|priestess|nun|abbess)\b",
    re.IGNORECASE,
)
_MALE_WORDS = re.compile(
    r"\b(?:man|men|he|his|him|himself|male|boy|king|emperor|actor|father|son|brother|husband|"
    r"prince|duke|sir|mr|god|hero|priest|pope|bishop|archbishop|cardinal|monk|friar|abbot|"
    r"knight|lord|tsar|sultan|caliph)\b",
    re.IGNORECASE,
)
#: Given names that are women's in most languages that use them: pools list people without
#: facts, and "the first woman in space" must not be offered three men.
FEMALE_NAMES = frozenset(
    """ada agatha agnes alice amelia ana anastasia angela anna anne annie ava barbara beatrice
    benazir bertha carmen caroline catherine cecilia charlotte christina claire clara daphne
    diana dorothy edith eleanor elena elisabeth elizabeth ella ellen emily emma emmeline emmy
    eva florence frances frida gertrude golda grace hannah harriet hedy helen hillary ida indira
    irena irene isabel isabella jacqueline jane janet jennifer jessica joan josephine judith julia
    julie karen katherine kathleen katrin kristina lara laura lise louisa louise lucy lydia
    madeleine margaret margarethe maria marie marian marianne martha mary mathilde maya megan
    melinda michelle mildred nancy natalia nina olga olympe pauline rachel rosa rosalind ruth
    sally samantha sarah simone sofia sojourner sophia sophie susan svetlana sylvia tamara teresa
    theresa ursula valentina vera victoria virginia wangari wilma yulia zaha""".split()
)
# Words that, at the head of a name, say what it is: "Kennedy Space Center" is a centre.
_SYNONYMS = {
    "centre": "center",
    "organisation": "organization",
    "labs": "laboratory",
    "lab": "laboratory",
    "laboratories": "laboratory",
    "programme": "program",
    "firm": "company",
    "corporation": "company",
    "inc": "company",
    "ltd": "company",
}


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """A plain English singular, good enough to compare sort words ("cells" -> "cell")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def sort_word(word: str) -> str:
    """One spelling per sort: lower case, singular, British and American alike."""
    plain = singular(word.casefold().strip(".,;:!?'’\"“”()"))
    return _SYNONYMS.get(plain, plain)


def sort_label(phrase: str) -> frozenset[str]:
    """A hint or pool name as sort words: "space agency" -> {"space agency", "agency"}."""
    words = [sort_word(w) for w in normalize_text(phrase).split()]
    if not words:
        return frozenset()
    return frozenset({" ".join(words), words[-1]})


def hint_sorts(hint: str) -> frozenset[str]:
    """The sorts a fact's hint names: "space agency", "agency". A hint that ends in a name or
    a small word is a clue, not a sort ("from Morelos", "named after a god")."""
    words = hint.split()
    last = words[-1].strip(".,;:!?'’\"()") if words else ""
    if last[:1].islower() and last.casefold() not in _PHRASE_END | _NOT_NOUNS:
        return sort_label(hint)
    head = _head(hint)  # "moon of Jupiter": a moon
    return frozenset({head}) if head else frozenset()


def _head(phrase: str) -> str | None:
    """The head noun of "longest bone in the body": the last word before a phrase ends."""
    head = None
    for word in phrase.split():
        if word.casefold() in _PHRASE_END or (head is not None and _PARTICIPLE.fullmatch(word)):
            break
        if head is not None and word.casefold() in _NOT_NOUNS:
            continue  # "a soft shoe first worn in ...": still a shoe
        head = word
    if head is None or head.casefold() in _NOT_NOUNS or not head.islower():
        return None
    return sort_word(head)


def stem_sorts(text: str, answer: str, kind: Kind) -> frozenset[str]:
    """The sort the statement gives its answer: the noun it puts next to the blank."""
    start = span_start(text, answer)
    if start < 0:
        return frozenset()
    before, after = text[:start], text[start + len(answer) :]
    found: set[str] = set()
    # "The stapes, in the middle ear, is the smallest bone": past an aside, too.
    rest_of = _ASIDE.match(after)
    aside = after[rest_of.end() :] if rest_of else None
    for pattern, rest in ((_APPOSITION, after), (_PREDICATE, after), (_PREDICATE, aside)):
        match = pattern.match(rest) if rest is not None else None
        if match:
            head = _head(match.group(1))
            if head:
                found.add(head)
    if _CALLED.search(before):
        # "Thor's hammer, which came back, is called ___": the sentence's subject names it.
        starts = [m.end() for m in _SENTENCE_START.finditer(before)]
        subject = before[starts[-1] if starts else 0 :].split()
        while subject and (subject[0].casefold() in ("the", "a", "an") or "'s" in subject[0]):
            subject = subject[1:]  # "The", "Thor's"
        if subject and subject[0][1:].islower():
            subject[0] = subject[0].lower()  # "People of Spanish descent": a sentence's capital
        head = _head(" ".join(subject))
        if head:
            found.add(head)
    if kind is not Kind.PERSON:
        match = _AFTER_NOUN.match(after)
        if match and before.rstrip().lower().endswith(("the", "a", "an")):
            if not _is_verb(match.group(1)):  # "Shares of the ___ collapsed in 1720"
                found.add(sort_word(match.group(1)))
        match = _BEFORE_NOUN.search(before[-40:])
        noun = match and (match.group(1) or match.group(2))
        if (
            noun
            and noun not in _NOT_NOUNS
            and (not before.rstrip().endswith(" of") or sort_word(noun) in _SORTS_OF)
        ):
            # "the city of ___" names the answer's sort; "the headquarters of ___" does not.
            found.add(sort_word(noun))
        if kind is Kind.PLACE and _BATTLE_AT.search(before[-80:]):
            found.add(BATTLEFIELD)  # "the Battle of ___", "defeated the French army at ___"
    else:
        match = _TITLE_BEFORE.search(before[-40:])
        if match:
            found.add(sort_word(match.group(1)))
        found |= person_roles(before, after)
        match = _COMMAND_AFTER.match(after)
        if match:
            found.add(match.group(1).casefold())  # "___ was Supreme Commander of ..."
    return frozenset(found)


#: A place where a battle was fought, as the statement puts it: "at the Battle of ___",
#: "the siege of ___", "suffered its decisive defeat at ___", "was fought at ___".
BATTLEFIELD = "battlefield"
_BATTLE_AT = re.compile(
    r"(?:\b(?:[Bb]attles?|[Ss]iege|[Rr]elief) of"
    r"|\b(?:defeat(?:s|ed)?|victory|routed|fought|besieged|surrendered)\b[^.;]{0,50}"
    r"\b(?:at|near|outside))\s*$"
)


_NUMBER_VERB = re.compile(r"^\s*(?:,[^,]{1,60},\s*)?(is|was|has|are|were|have)\b")
# Endings of singular nouns that look plural: pancreas, lens, iris, virus, glass, cosmos.
_SINGULAR_ENDINGS = ("ss", "us", "is", "as", "ns", "os", "ics")


def stem_number(text: str, answer: str) -> str | None:
    """ "one" or "many" when the verb after the blank says so ("the ___ is", "___ are")."""
    start = span_start(text, answer)
    if start < 0:
        return None
    match = _NUMBER_VERB.match(text[start + len(answer) :])
    if match is None:
        return None
    return "one" if match.group(1) in ("is", "was", "has") else "many"


def looks_plural(term: str) -> bool | None:
    """Whether a lower-case term reads as plural ("kidneys"), as singular ("liver"), or
    cannot be told ("pancreas", a name)."""
    last = term.split()[-1] if term.split() else ""
    if not last.isalpha() or not last.islower():
        return None
    if not last.endswith("s"):
        return False
    return None if last.endswith(_SINGULAR_ENDINGS) else True


#: A regnal number after a given name (not "X" alone: Malcolm X).
_REGNAL = re.compile(r"(?=[IVX]{1,6}$)(?!X$)X{0,3}(?:IX|IV|V?I{0,3})")
_REGNAL_ROLES = frozenset({"monarch", "religious leader"})


def head_sort(answer: str, kind: Kind) -> tuple[frozenset[str], bool]:
    """What a name says it is: "Baikonur Cosmodrome" is a cosmodrome, "bone marrow" marrow.

    The flag says whether the head is a plain lower-case noun ("marrow", "test"), which is
    sure; a capitalised one ("Cosmodrome", but also "Alto" in "Palo Alto") may be a name. A
    person's name says nothing, unless a regnal number makes them a monarch or a pope.
    """
    words = answer.split()
    if kind is Kind.PERSON:
        # "Christian IV", "Charles XII", "Pius VII": a regnal number names a monarch or a
        # pope (raters: two kings a teacher pooled, for "The Swedish chemist ___").
        regnal = len(words) > 1 and any(_REGNAL.fullmatch(word) for word in words[1:])
        return (_REGNAL_ROLES, True) if regnal else (frozenset(), False)
    if len(words) < 2:
        return frozenset(), False
    if "of" in words[1:-1]:
        words = words[: words.index("of", 1)]  # "University of Pennsylvania" is a university
    last = words[-1].strip(".,;:")
    if len(last) < 3 or not last.isalpha() or last.isupper():
        return frozenset(), False  # "Saturn V", "Xerox PARC": no common noun at the head
    return frozenset({sort_word(last)}), last.islower()


def locator(text: str, answer: str) -> str | None:
    """Where the statement puts the answer: "the ___ in Kazakhstan" -> "kazakhstan"."""
    start = span_start(text, answer)
    if start < 0:
        return None
    match = _LOCATOR.match(text[start + len(answer) :])
    if match is None or match.group(1).split()[0].casefold() in _TIME_WORDS:
        return None  # "arrived at Botany Bay in January 1788": a time, not a place
    return normalize_text(match.group(1))


#: Capitalised words after "in" that say when, not where.
_TIME_WORDS = frozenset(month.casefold() for month in MONTHS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter".split()
)


#: A year marked as of an era: "221 BC", "44 BCE" (negative), "AD 105", "105 CE".
_ERA_YEAR = re.compile(r"(?<![\d,.])(\d{1,4})\s*(BCE?|CE|AD)\b|\bAD\s*(\d{1,4})(?![\d,.])")


@lru_cache(maxsize=1 << 14)
def years_in(text: str) -> tuple[int, ...]:
    """The years a statement names, to date the people in it (ancient ones when marked BC
    or AD: "in 221 BC" dates the first emperor of China as "in 1644" a Qing one). Cached:
    several rules read the same statement's years, one per table candidate for battles."""
    years = [int(year) for year in _YEAR.findall(text)]
    if "BC" in text or "AD" in text or "CE" in text:
        for number, era, after_ad in _ERA_YEAR.findall(text):
            year = int(after_ad or number)
            if era.startswith("BC"):
                years.append(-year)
            elif year < 1000:  # "AD 1066" is read as any year already
                years.append(year)
    return tuple(years)


_GENDER_WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: Titles that open a name and tell its gender ("Empress Lü"); not "Man Ray" or "He Jiankui".
_NAME_TITLES = frozenset(
    """king queen emperor empress prince princess duke duchess sir dame lady lord pope tsar
    sultan archbishop bishop cardinal abbot abbess mr mrs ms""".split()
)
_PRONOUNS = frozenset("she her hers herself he his him himself".split())
_POSSESSIVES = frozenset("his her their its".split())


def titled(name: str) -> bool:
    """Whether a name opens with a title ("Empress Lü", "Prince Shōtoku")."""
    words = name.split()
    return len(words) > 1 and words[0].casefold().rstrip(".") in _NAME_TITLES


def _word_gender(word: str) -> str | None:
    if _FEMALE_WORDS.fullmatch(word):
        return "f"
    return "m" if _MALE_WORDS.fullmatch(word) else None


def gender_of(text: str, answer: str, *, by_name: bool = True) -> str | None:
    """ "f" or "m" when the given name (`by_name`) or the statement says so, else None.

    Only words that speak of the answer count: the noun right before it ("his wife ___",
    "Queen ___"), and the words after it up to another name, except a noun another's pronoun
    owns ("___ sprang from the head of her father Zeus" is a woman's; in "___ beheaded the
    Gorgon Medusa, looking at her reflection", "her" is Medusa's)."""
    first = answer.split()[0].casefold() if answer.split() else ""
    if by_name and first in FEMALE_NAMES:
        return "f"
    titled = _word_gender(first) if first.rstrip(".") in _NAME_TITLES else None
    if titled:
        return titled  # "Empress Lü", "King Alfred", "Lady Jane Grey"
    start = span_start(text, answer) if answer else -1
    if start < 0:
        if _FEMALE_WORDS.search(text):
            return "f"
        return "m" if _MALE_WORDS.search(text) else None
    before = _GENDER_WORD.findall(text[:start])
    if before and (named := _word_gender(before[-1])):
        return named
    found = set()
    owner = ""
    for word in _GENDER_WORD.findall(text[start + len(answer) :]):
        gender = _word_gender(word)
        if gender is None and word[:1].isupper():
            break  # someone else may be spoken of from here on
        if gender and (word.casefold() in _PRONOUNS or owner not in _POSSESSIVES):
            found.add(gender)
        owner = word.casefold()
    if not found and _is_subject(text[:start], text[start + len(answer) :]):
        # "Irene, who restored icons at the Second Council of Nicaea, became in 797 the
        # first woman to rule": said of the subject past other names (n26 raters: men for
        # her in a relaxed question).
        sentence = re.split(r"[.;!?](?:\s|$)", text[start + len(answer) :], maxsplit=1)[0]
        said = _SUBJECT_IS.search(sentence)
        if said and (gender := _word_gender(said.group(1))):
            found.add(gender)
    for i in range(len(before) - 1, -1, -1):  # "the first woman in space, ___"
        word = before[i]
        gender = _word_gender(word)
        if gender is None and word[:1].isupper():
            break
        owned = i > 0 and before[i - 1].casefold() in _POSSESSIVES
        if gender and word.casefold() not in _PRONOUNS and not owned:
            found.add(gender)
    return found.pop() if len(found) == 1 else None


#: What a statement says its subject became or was: "became in 797 the first woman to
#: rule" (not "who was the first woman", said of someone else).
_SUBJECT_IS = re.compile(
    r"(?<!\bwho )(?<!\bthat )\b(?:became|becomes|was|is|remained|remains)\b"
    r"(?:\s+[\w,]+){0,4}?\s+(?:the|a)\s+(?:first|only|last|sole)\s+(woman|female|man|male)\b",
    re.IGNORECASE,
)
#: Openings before a statement's subject: "In 1932 ___ became", "By 1500, ___ was".
_OPENINGS = frozenset("in on by at after before during from around until".split())


def _is_subject(before: str, after: str) -> bool:
    """Whether the answer is what its statement speaks of: first, or after an opening of
    lower-case words and numbers ("In 797, ___"), and not a possessive ("___'s son")."""
    if after.startswith(("'s", "’s")):
        return False
    words = before.split()
    if not words:
        return True
    return words[0].casefold() in _OPENINGS and not any(w[:1].isupper() for w in words[1:])


def display_form(text: str, answer: str, kind: Kind, beside: Iterable[str] = ()) -> str:
    """The answer as an option: a capital it has only for starting the sentence is dropped.

    "Haemoglobin carries oxygen" asks for "haemoglobin" among "insulin" and "keratin"; a
    name ("Moore's law", "DNA", "Saturn V") keeps its capitals, and so does a term the
    teacher lists beside capitalised options ("Lisbon" among "Porto" and "Faro").
    """
    if kind is not Kind.TERM or not text.startswith(answer):
        return answer
    if any(option[:1].isupper() for option in beside):
        return answer
    first, *rest = answer.split(" ")
    plain_word = first[1:].islower() and first[:1].isupper() and first.isalpha()
    if plain_word and all(word.islower() or not word.isalpha() for word in rest):
        return first[0].lower() + answer[1:]
    return answer


@dataclass
class Profile:
    """Everything the deck says about one word answer or pool entry, merged over its facts."""

    text: str
    strong: set[str] = field(default_factory=set)  # from hints, stems and sort pools
    stated: set[str] = field(default_factory=set)  # what its own statements call it
    weak: set[str] = field(default_factory=set)  # from the name's own head noun
    topics: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    #: The years its own statements say an organization was founded in ("DELAG, founded in
    #: 1909"): a student who met that card rules it out for "founded in 1919".
    founded: set[int] = field(default_factory=set)
    #: The years of its topic, when its own statements name none (`DeckIndex`).
    era: set[int] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    #: The countries its own statements name besides it ("Prince Shōtoku wrote Japan's first
    #: constitution": JP), for a candidate the reference table does not know.
    countries: set[str] = field(default_factory=set)
    gender: str | None = None
    display: str | None = None  # how it reads as an option, when not as written

    @property
    def shown(self) -> str:
        """The text to show as an option."""
        return self.display or self.text

    @property
    def sorts(self) -> set[str]:
        """Every sort word known for this answer."""
        return self.strong | self.weak

    def add(self, labels: Iterable[str], *, strong: bool = True) -> None:
        """Record sort words for this answer."""
        (self.strong if strong else self.weak).update(labels)


def conflicts(key: Profile, other: Profile) -> bool:
    """True when the deck shows the two to be of different sorts.

    Only sure sorts rule out: a hint, a stem's noun, a pool's name, a lower-case head noun
    ("bone marrow"). A capitalised head is only a clue ("Baikonur Cosmodrome" and "Kennedy
    Space Center" are both launch sites; "Palo Alto" is no alto).
    """
    if key.sorts & other.sorts:
        return False
    return bool(key.strong and other.strong)


def shares_sort(key: Profile, other: Profile) -> bool:
    """True when the deck gives both one sort word."""
    return bool(key.sorts & other.sorts)


def same_era(key_years: Iterable[int], other: Profile) -> bool:
    """False when every year known for `other` lies far from every year of the key's stem."""
    theirs = other.years or other.era
    mine = list(key_years)
    if not theirs or not mine:
        return True
    return min(abs(a - b) for a in mine for b in theirs) <= ERA_SPAN
