"""An item-writing lint: the cues that let a test-wise student pick the key without knowing it.

After Haladyna, Downing & Rodriguez (2002): no absolutes in options, no key that alone
repeats the stem's words or is much longer than the rest, no stem that names its own key, no
question that shows another fact's answer (a hint that is the answer is the loader's error).
It reads the teacher's curated options and the generated ones alike, and says when a curated
option is left out.
`quizgen check` prints each finding as a warning; `check --strict` makes them errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from quizgen.answers.kinds import NUMERIC_KINDS
from quizgen.engine.distractors import LONG_RATIO, OptionFilter, stemmed
from quizgen.engine.giveaway import COMMON_WORDS, give_away
from quizgen.engine.questions import ChoiceQuestion, DeckQuestions, choice_prompt
from quizgen.engine.sorts import WORD_KINDS
from quizgen.facts.models import DeckFile, Fact

#: Words that mark an option as an absolute, which test-wise students learn to rule out.
ABSOLUTES = re.compile(r"\b(only|always|never|all of the above|none of the above)\b", re.IGNORECASE)
#: The key is "much longer" when it is LONG_RATIO times the longest wrong option, and at
#: least this many characters longer.
LONG_MARGIN = 10


@dataclass(frozen=True)
class Finding:
    """One item-writing problem of one fact."""

    fact_id: str
    message: str


def lint_deck(made: DeckQuestions) -> list[Finding]:
    """Every finding of one deck, in fact order (a fact's own before those across facts)."""
    asked = {q.fact.id: q for q in made.questions if isinstance(q, ChoiceQuestion)}
    others = _AnswerIndex(made.deck)
    findings: list[Finding] = []
    for fact in made.deck.facts:
        question = asked.get(fact.id)
        found = [
            *_dropped_curated(fact),
            *_stem_names_key(fact),
            *(_option_cues(question) if question is not None else ()),
            *(_spelled(question) if question is not None else ()),
            *others.shown_in(fact),
        ]
        findings += [Finding(fact.id, message) for message in dict.fromkeys(found)]
    return findings


def question_findings(question: ChoiceQuestion) -> list[str]:
    """The findings on one question's options and stem as they stand: `quizgen curate` shows
    them beside the options while a teacher changes them (`lint_deck` adds the deck-wide ones
    and the curated options the file's question leaves out)."""
    return list(dict.fromkeys([*_stem_names_key(question.fact), *_option_cues(question)]))


def _dropped_curated(fact: Fact) -> Iterator[str]:
    """A curated option the question cannot use is said, never silently replaced."""
    rule = OptionFilter(fact, choice_prompt(fact))
    for option in dict.fromkeys(fact.distractors):
        reason = rule.refusal(option)
        if reason:
            yield (
                f"distractor {option!r} is left out of the question: {reason}; reword or replace it"
            )
        else:
            rule.take(option)


def _stem_names_key(fact: Fact) -> Iterator[str]:
    """The question shows its own answer: a teacher's question, or a second mention."""
    prompt = f" {stemmed(choice_prompt(fact))} "
    for form in dict.fromkeys((fact.answer, *fact.accept)):
        words = stemmed(form)
        if fact.answer_kind in NUMERIC_KINDS or len(words) < 3:
            continue
        if f" {words} " in prompt:
            yield f"the question gives the key away: it shows {form!r}; reword the question"
            return


def _spelled(question: ChoiceQuestion) -> Iterator[str]:
    """A question asked although it gives its key away (its deck is past its budget of
    questions left out): said all the same."""
    spelled = give_away(question.fact, question.prompt)
    if spelled is not None:
        yield f"{spelled}; reword it"


def _content_words(text: str) -> set[str]:
    return {w for w in stemmed(text).split() if len(w) > 3 and w not in COMMON_WORDS}


def _option_cues(question: ChoiceQuestion) -> Iterator[str]:
    """Absolutes, and a key that stands out by its words or its length."""
    key = question.answer
    wrong = [o for i, o in enumerate(question.options) if i != question.answer_index]
    for option in question.options:
        absolute = ABSOLUTES.search(option)
        if absolute and option != key:
            yield (
                f"option {option!r} says {absolute.group(1)!r}: absolutes mark a wrong option "
                "for a test-wise student; say what is wrong without it"
            )
    stem = _content_words(question.prompt)
    shared = _content_words(key) & stem
    if shared and not any(_content_words(option) & stem for option in wrong):
        word = sorted(shared)[0]
        yield (
            f"only the key {key!r} repeats {word!r} from the question: use the word in the "
            "wrong options too, or leave it out of the question"
        )
    longest = max(len(option) for option in wrong)
    if len(key) >= LONG_RATIO * longest and len(key) - longest >= LONG_MARGIN:
        yield (
            f"the key {key!r} is much longer than every wrong option: make them alike in "
            "length and detail"
        )


#: Another fact's answer in a question is a give-away when the two tell this much of one
#: statement (the share of the other question's words that this one repeats).
SAME_STATEMENT = 0.5


class _AnswerIndex:
    """The deck's word answers by first word, to find them in other facts' questions in
    time linear in the deck's words."""

    def __init__(self, deck: DeckFile) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], Fact, set[str]]]] = {}
        for fact in deck.facts:
            if fact.answer_kind not in WORD_KINDS:
                continue
            words = tuple(stemmed(fact.answer).split())
            if words and sum(len(w) for w in words) >= 3:
                asked = _content_words(choice_prompt(fact))
                self.by_first.setdefault(words[0], []).append((words, fact, asked))

    def shown_in(self, fact: Fact) -> Iterator[str]:
        """Answers of other facts that this fact's question shows, when both questions tell
        one statement: "Christiaan Barnard performed ... in ___" shows the surgeon's name.

        A name the whole deck is about ("Kyiv" in a deck on Kyiv) is not reported.
        """
        prompt = choice_prompt(fact)
        mine = _content_words(prompt)
        words = stemmed(prompt).split()
        for start, word in enumerate(words):
            for answer, other, asked in self.by_first.get(word, ()):
                if other.id == fact.id or other.answer == fact.answer:
                    continue  # two facts with one answer ask the same thing
                if tuple(words[start : start + len(answer)]) != answer:
                    continue
                if len(mine & asked) < SAME_STATEMENT * max(len(asked), 1):
                    continue
                yield (
                    f"its question shows {other.answer!r}, the answer of fact {other.id!r}: a "
                    "student who meets both gets that one free; reword one of them"
                )
