"""From spans to proposed facts: the answer a teacher would most likely ask, the other cloze
spans, a question, a topic, wrong options for the pools, and the draft deck they make.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from quizgen.answers.kinds import NUMERIC_KINDS, Kind
from quizgen.draft.article import parse_article, split_sentences
from quizgen.draft.render import render
from quizgen.draft.spans import (
    UNCLASSIFIED,
    Context,
    Span,
    build_context,
    name_spans,
    numeric_spans,
    tokens,
)
from quizgen.draft.vocabulary import (
    ALIASES,
    ANAPHORIC_INSIDE,
    ANAPHORIC_OPENERS,
    AUXILIARIES,
    CITIES,
    COUNTRIES,
    DEMONYMS,
    STOPWORDS,
    TITLES,
    word_set,
)
from quizgen.errors import DraftError, counted
from quizgen.facts import ids
from quizgen.facts.ids import id_words
from quizgen.facts.models import Fact, Source
from quizgen.facts.rules import Places, check_deck

MAX_CLOZE = 3  # answer + two more spans: more cards per sentence is more than a teacher wants


@dataclass(frozen=True)
class Candidate:
    """One proposed fact, with the reasons a teacher needs to keep, fix or delete it."""

    id: str
    topic: str | None
    text: str
    answer: str
    kind: Kind
    cloze: list[str]
    question: str | None
    notes: list[str]


@dataclass(frozen=True)
class Draft:
    """A drafted deck: its header, its candidates and what was passed over."""

    deck_id: str
    title: str
    source: Source
    candidates: list[Candidate]
    sentences: int
    paragraphs: int
    without_span: int  # sentences with nothing to ask
    leaning: int  # sentences skipped because they lean on the one before
    rejected: int  # candidates that failed the loader's rules (never expected)
    subjects: list[str]  # names the article is about, never asked
    topics_from_headings: bool
    pools: dict[Kind, list[str]] = field(default_factory=dict)  # other names, as wrong options

    def yaml_text(self) -> str:
        """The fact file, commented for the teacher who curates it."""
        return render(self)

    def summary(self, path: str) -> list[str]:
        """What the draft found, for the terminal."""
        kinds = Counter(candidate.kind.value for candidate in self.candidates)
        lines = [
            f"drafted {counted(len(self.candidates), 'candidate fact')} from "
            f"{counted(self.sentences, 'sentence')} in {counted(self.paragraphs, 'paragraph')}: "
            f"{path}",
            "  answers: " + ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())),
        ]
        skipped = self.sentences - len(self.candidates)
        if skipped:
            reasons = [
                text
                for count, text in (
                    (self.without_span, f"{self.without_span} with no figure, date or name to ask"),
                    (self.leaning, f"{self.leaning} that lean on the sentence before"),
                    (
                        self.rejected,
                        f"{self.rejected} whose fact would not pass `quizgen check` "
                        "(a quizgen bug: please report it)",
                    ),
                )
                if count
            ]
            lines.append(f"  skipped {counted(skipped, 'sentence')}: " + ", ".join(reasons))
        if self.subjects:
            lines.append("  never asked, the article is about them: " + ", ".join(self.subjects))
        lines.append(
            f"  topics from {'headings' if self.topics_from_headings else 'paragraphs'}; "
            f"each fact has a comment saying why it was picked"
        )
        lines.append(f"curate it, then run: quizgen check {shlex.quote(path)}")
        return lines


def slug(text: str, *, limit: int = 5, fallback: str = "fact") -> str:
    """A fact id from the content words of `text` (at most `limit`, and 48 characters)."""
    words = id_words(text)
    content = [
        word for word in words if word not in STOPWORDS and (len(word) > 1 or word.isdigit())
    ] or words
    result = ""
    for word in content[:limit]:
        longer = f"{result}-{word}" if result else word
        if len(longer) > 48:
            break
        result = longer
    return result or fallback


def _topic_from_paragraph(sentence: str, number: int) -> str:
    """A short topic from the paragraph's opening words: its subject, up to the first verb."""
    words: list[str] = []
    for token in tokens(sentence):
        lower = token.word.lower()
        if not words and lower in STOPWORDS:
            continue  # "The", "About", "In"
        if lower in AUXILIARIES or (words and len(lower) > 3 and lower.endswith(("ed", "ing"))):
            break
        words.append(token.word)
        if token.closed or len(words) == 6:
            break
    if len(words) > 4:
        cut = next((i for i, word in enumerate(words) if i >= 2 and word in STOPWORDS), None)
        words = words[:cut] if cut else words[:4]
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    if not words or words[0].lower() in ANAPHORIC_OPENERS or not words[0][0].isalpha():
        return f"Paragraph {number}"
    topic = " ".join(words)
    return topic[0].upper() + topic[1:]


_QUESTION_PREFIX = {"The"} | {word for title in TITLES for word in title} | DEMONYMS
_AFTER_VERB = word_set("to the a an that this his her its their on for with in at")


def _is_verb(word: str, next_word: str) -> bool:
    """Rough but safe: an auxiliary, a past tense, or an -s verb followed by what verbs take."""
    if word in AUXILIARIES:
        return True
    if not word.islower() or word in STOPWORDS or len(word) < 4:
        return False
    return word.endswith("ed") or (word.endswith("s") and next_word in _AFTER_VERB)


def _question(sentence: str, answer: Span, spans: Sequence[Span]) -> str | None:
    """A "Who ...?" question when the answer is the sentence's subject; else None.

    Only this shape is made: rewriting the rest of the sentence ("How much did Canada
    pledge?") needs grammar quizgen does not have, and the engine's blanked statement is a
    better question than a wrong one.
    """
    if not sentence.endswith(".") or answer.kind not in (
        Kind.PERSON,
        Kind.PLACE,
        Kind.ORGANIZATION,
    ):
        return None
    modifiers = {span.text for span in spans if span.modifier}
    before = sentence[: answer.start].split()
    if any(word not in _QUESTION_PREFIX and word not in modifiers for word in before):
        return None
    rest = sentence[answer.end : -1]
    possessive = rest.startswith(("'s ", "’s "))
    if possessive:
        rest = rest[2:]
    following = rest.split()
    if len(following) < 3 or not rest.startswith(" ") or answer.text in rest:
        return None
    if not possessive and not _is_verb(following[0], following[1]):
        return None
    if answer.kind is Kind.PERSON:
        asker = "Whose" if possessive else "Who"
    elif answer.text in COUNTRIES:
        asker = "Which country's" if possessive else "Which country"
    elif answer.text in CITIES:
        asker = "Which city's" if possessive else "Which city"
    elif answer.kind is Kind.ORGANIZATION:
        asker = "Which organization's" if possessive else "Which organization"
    else:
        return None
    return f"{asker}{rest}?"


def _describe(span: Span) -> str:
    return f"{span.text} ({span.kind.value})"


def _candidate(
    sentence: str,
    spans: list[Span],
    context: Context,
    topic: str | None,
) -> tuple[Candidate | None, str]:
    """The fact for one sentence, or None and why not ("none" or "leaning")."""
    usable = [
        span
        for span in spans
        if not span.modifier
        and sentence.count(span.text) == 1
        and not (span.kind not in NUMERIC_KINDS and context.is_subject(span.key))
    ]
    if not usable:
        return None, "none"
    ranked = sorted(usable, key=lambda s: (-s.score, context.sentences_with(s.key), s.start))
    best = ranked[0]
    if best.score < 4:
        return None, "none"
    first_word = sentence.split()[0].lower().strip(",")
    leaning = first_word in ANAPHORIC_OPENERS or bool(ANAPHORIC_INSIDE.search(sentence))
    if leaning and best.score < 7:
        return None, "leaning"
    cloze = [best]
    for span in ranked[1:]:
        if len(cloze) == MAX_CLOZE or span.score < 4:
            break
        if not any(span.overlaps(taken) for taken in cloze):
            cloze.append(span)
    extra = sorted(cloze[1:], key=lambda s: s.start)
    notes = [f"Why: {best.text!r} is {best.reason}."]
    if best.reason == UNCLASSIFIED:
        notes.append("Set kind: person, place or organization if it is one.")
    if extra:
        notes.append("The cloze also hides " + ", ".join(_describe(s) for s in extra) + ".")
    if leaning:
        notes.append(
            "Check: it leans on the sentence before (this, these, it...): rewrite it to "
            "stand alone."
        )
    return (
        Candidate(
            id="",
            topic=topic,
            text=sentence,
            answer=best.text,
            kind=best.kind,
            cloze=[best.text, *(s.text for s in extra)] if extra else [],
            question=_question(sentence, best, spans),
            notes=notes,
        ),
        "",
    )


def _valid(candidate: Candidate, deck_id: str) -> bool:
    """The candidate passes the loader's own rules; a draft never fails `quizgen check`."""
    try:
        fact = Fact.model_validate(
            {
                "id": candidate.id,
                "text": candidate.text,
                "answer": candidate.answer,
                "kind": candidate.kind.value,
                **({"topic": candidate.topic} if candidate.topic else {}),
                **({"cloze": candidate.cloze} if candidate.cloze else {}),
                **({"question": candidate.question} if candidate.question else {}),
            }
        )
    except ValidationError:
        return False
    places = Places(f"{deck_id}.yaml", lambda _: 0)
    return not check_deck(Path(f"{deck_id}.yaml"), None, [(0, fact)], places)


def make_draft(
    text: str,
    *,
    name: str | None,
    deck_id: str | None = None,
    title: str | None = None,
) -> Draft:
    """Candidate facts for an article; `name` is its file name (None for standard input)."""
    if not text.strip():
        raise DraftError(f"{name or 'standard input'} is empty: give an article to draft from")
    article = parse_article(text)
    stem = Path(name).stem if name else None
    chosen_id = deck_id or ids.slug(stem or article.title or "", "draft")
    if not ids.ID_PATTERN.fullmatch(chosen_id):
        suggestion = ids.slug(chosen_id, "my-deck")
        raise DraftError(
            f"--id {chosen_id!r} is not a valid deck id: use lowercase letters, digits, - and _ "
            f"(for example {suggestion!r})"
        )
    deck_title = title or article.title or (stem or chosen_id).replace("_", " ").replace("-", " ")
    source = Source(
        title=article.title or name or deck_title,
        ref=name,
    )
    split = [(paragraph, split_sentences(paragraph.text)) for paragraph in article.paragraphs]
    sentences = [sentence for _, group in split for sentence in group]
    context = build_context(sentences)
    use_headings = any(paragraph.heading for paragraph in article.paragraphs)
    candidates: list[Candidate] = []
    used_ids: set[str] = set()
    without_span = leaning = rejected = 0
    subjects: set[str] = set()
    names: list[Span] = []
    for number, (paragraph, group) in enumerate(split, 1):
        topic = paragraph.heading or (_topic_from_paragraph(group[0], number) if group else None)
        for sentence in group:
            if _not_a_statement(sentence):
                without_span += 1
                continue
            spans = sorted(
                numeric_spans(sentence) + name_spans(sentence, context), key=lambda s: s.start
            )
            spans = _drop_overlaps(spans)
            found = [s for s in spans if s.kind not in NUMERIC_KINDS and not s.modifier]
            names.extend(found)
            subjects.update(s.text for s in found if context.is_subject(s.key))
            candidate, why_not = _candidate(sentence, spans, context, topic)
            if candidate is None:
                if why_not == "leaning":
                    leaning += 1
                else:
                    without_span += 1
                continue
            fact_id = _unique(slug(sentence), used_ids)
            candidate = replace(candidate, id=fact_id)
            if not _valid(candidate, chosen_id):
                rejected += 1  # a bug if it happens: the summary says so rather than hide it
                continue
            used_ids.add(fact_id)
            candidates.append(candidate)
    if not candidates:
        raise DraftError(
            f"found no sentence with a figure, a date or a name to ask about in "
            f"{name or 'standard input'}: nothing to draft"
        )
    return Draft(
        deck_id=chosen_id,
        title=deck_title,
        source=source,
        candidates=candidates,
        sentences=len(sentences),
        paragraphs=len(article.paragraphs),
        without_span=without_span,
        leaning=leaning,
        rejected=rejected,
        subjects=sorted(subjects),
        topics_from_headings=use_headings,
        pools=_pools(names, candidates),
    )


def _not_a_statement(sentence: str) -> bool:
    """Too short, a question, or a title in Title Case ("Key Dates Of The War")."""
    words = sentence.split()
    capitals = sum(1 for word in words if word[0].isupper())
    return len(words) < 4 or sentence.endswith("?") or capitals * 3 > len(words) * 2


def _pools(names: list[Span], candidates: list[Candidate]) -> dict[Kind, list[str]]:
    """Names the article mentions but never asks, as wrong options for answers of their kind.

    Terms are left out (an agreement is a poor wrong option for a spacecraft), and so are
    people sharing a surname with an answer ("Donald Trump" beside the answer "Trump").
    """
    answers = {
        ALIASES.get(
            candidate.answer.replace(".", ""), ALIASES.get(candidate.answer, candidate.answer)
        )
        for candidate in candidates
    }
    surnames = {
        candidate.answer.split()[-1] for candidate in candidates if candidate.kind is Kind.PERSON
    }
    pools: dict[Kind, list[str]] = {}
    for kind in (Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION):
        entries: dict[str, str] = {}  # one name per place: "U.S." and "United States" are one
        for text in sorted({span.text for span in names if span.kind is kind}):
            same = ALIASES.get(text.replace(".", ""), ALIASES.get(text, text))
            if same in answers or (kind is Kind.PERSON and text.split()[-1] in surnames):
                continue
            entries.setdefault(same, text)
        if entries:
            pools[kind] = sorted(entries.values())
    return pools


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    """Where two spans overlap ("Apollo 11" and "11"), keep the longer, then the earlier."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(span.overlaps(other) for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
