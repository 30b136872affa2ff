"""The quiz flow without a terminal: a scripted QuizIO stands in for the student."""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import yaml
from conftest import SEED_DECK, WriteFacts
from quiz_support import KNOWN, known_deck
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.engine.constants import QuestionKind
from quizgen.engine.pipeline import prepare
from quizgen.engine.questions import ChoiceQuestion, DeckQuestions, deck_questions
from quizgen.errors import QuizgenError
from quizgen.facts.models import DeckFile
from quizgen.quiz.history import Outcome
from quizgen.quiz.session import (
    EVERYWHERE,
    Asking,
    Ending,
    QuizItem,
    Result,
    Selection,
    Session,
    Summary,
    fact_items,
    letter_pattern,
    quiz_items,
    spoiler_free,
)

runner = CliRunner()

Reply = str | type[BaseException]


class Script:
    """A QuizIO that answers from a list and writes down everything it is shown."""

    def __init__(self, replies: Sequence[Reply | object]) -> None:
        self.replies: Iterator[Reply | object] = iter(replies)
        self.events: list[tuple[str, object]] = []

    def begin(self, title: str, items: Sequence[QuizItem]) -> None:
        self.events.append(("begin", (title, len(items))))

    def ask(self, asking: Asking) -> None:
        self.events.append(("ask", asking.item.fact.id))

    def read(self, asking: Asking) -> str:
        reply = next(self.replies)
        if isinstance(reply, type) and issubclass(reply, BaseException):
            raise reply
        if callable(reply):  # a function of the question on screen
            return str(reply(asking))
        return str(reply)

    def hint(self, asking: Asking, text: str) -> None:
        self.events.append(("hint", text))

    def notice(self, text: str) -> None:
        self.events.append(("notice", text))

    def feedback(self, result: Result, note: str | None) -> None:
        self.events.append(("feedback", result.outcome))

    def summary(self, summary: Summary) -> None:
        self.events.append(("summary", summary.ending))

    def of(self, kind: str) -> list[object]:
        return [value for name, value in self.events if name == kind]


def known() -> DeckQuestions:
    deck = DeckFile.model_validate(yaml.safe_load(known_deck()))
    return deck_questions(deck, seed=0)


def items(kind: QuestionKind, count: int | None = None) -> list[QuizItem]:
    return quiz_items([known()], Selection(frozenset({kind}), count=count, seed=1))


def run(
    quiz: Sequence[QuizItem], replies: Sequence[Reply | object]
) -> tuple[Summary, Script, list[Result]]:
    script = Script(replies)
    recorded: list[Result] = []

    def record(result: Result) -> None:
        recorded.append(result)
        script.events.append(("record", result.outcome))

    ticks = iter(range(1000))
    summary = Session(
        quiz, script, record, title="Known", rng=random.Random(0), clock=lambda: next(ticks)
    ).run()
    return summary, script, recorded


def right_answer(asking: Asking) -> str:
    return asking.item.expected


def right_letter(asking: Asking) -> str:
    question = asking.item.question
    assert isinstance(question, ChoiceQuestion)
    return "ABCD"[question.answer_index]


def test_each_answer_is_recorded_before_its_feedback() -> None:
    summary, script, recorded = run(items(QuestionKind.CLOZE, 3), [right_answer, "nope", "s"])
    assert [name for name, _ in script.events if name in {"record", "feedback"}] == [
        "record",
        "feedback",
    ] * 3
    assert [r.outcome for r in recorded] == [Outcome.RIGHT, Outcome.WRONG, Outcome.SKIPPED]
    assert summary.ending is Ending.FINISHED
    assert (summary.right, summary.asked, summary.skipped, summary.percent) == (1, 3, 1, 33)
    assert [r.outcome for r in summary.missed] == [Outcome.WRONG, Outcome.SKIPPED]


@pytest.mark.parametrize(
    ("stop", "ending"),
    [(KeyboardInterrupt, Ending.INTERRUPTED), (EOFError, Ending.END_OF_INPUT), ("q", Ending.QUIT)],
)
def test_ctrl_c_end_of_input_and_quit_end_with_a_summary(stop: Reply, ending: Ending) -> None:
    summary, script, recorded = run(items(QuestionKind.CLOZE, 4), [right_answer, "?", stop])
    assert summary.ending is ending
    assert (summary.asked, summary.planned) == (1, 4)
    assert len(recorded) == 1
    assert script.events[-1] == ("summary", ending)


def test_ctrl_c_while_an_answer_is_recorded_waits_for_the_record() -> None:
    """Regression: Ctrl-C during the database write could roll the answer back."""
    script = Script([right_answer, right_answer])
    recorded: list[Result] = []

    def record(result: Result) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # arrives in the middle of the write
        recorded.append(result)

    summary = Session(items(QuestionKind.CLOZE, 2), script, record, title="Known").run()
    assert len(recorded) == 1
    assert summary.ending is Ending.INTERRUPTED
    assert summary.asked == 1
    assert script.of("feedback") == []  # stopped before the feedback, not before the record


def test_cloze_hints_go_from_the_teachers_hint_to_the_first_letters() -> None:
    quiz = items(QuestionKind.CLOZE, 1)
    fact = next(f for f in KNOWN if f.id == quiz[0].fact.id)
    summary, script, recorded = run(quiz, ["?", "?", "?", right_answer])
    assert script.of("hint") == [fact.hint, f"it looks like {letter_pattern(fact.answer)}"]
    assert script.of("notice") == ["No more hints for this question: answer, or s to skip."]
    assert recorded[0].hints == 2
    assert recorded[0].outcome is Outcome.RIGHT


def test_a_choice_hint_rules_out_wrong_options_until_two_are_left() -> None:
    quiz = items(QuestionKind.MCQ, 1)
    summary, script, recorded = run(quiz, ["?", "?", "?", right_letter])
    question = quiz[0].question
    assert isinstance(question, ChoiceQuestion)
    hints = script.of("hint")
    assert len(hints) == 2
    assert all(str(h).startswith("it is not ") for h in hints)
    assert not any(question.answer in str(h) for h in hints)
    assert script.of("notice") == ["No more hints for this question: answer, or s to skip."]
    assert recorded[0].hints == 2


def test_an_empty_reply_or_an_unknown_letter_explains_how_to_answer() -> None:
    summary, script, recorded = run(items(QuestionKind.MCQ, 1), ["", "z", "7", right_letter])
    assert (
        script.of("notice")
        == ["Type a letter (A-D) or a number (1-4), ? for a hint, s to skip, q to quit."] * 3
    )
    assert [r.outcome for r in recorded] == [Outcome.RIGHT]


def test_an_option_may_be_typed_out() -> None:
    quiz = items(QuestionKind.MCQ, 2)
    question = quiz[1].question
    assert isinstance(question, ChoiceQuestion)
    wrong = next(i for i in range(4) if i != question.answer_index)
    _, _, recorded = run(quiz, [right_answer, question.options[wrong].upper()])
    assert [r.outcome for r in recorded] == [Outcome.RIGHT, Outcome.WRONG]
    assert recorded[1].given == f"{'ABCD'[wrong]}) {question.options[wrong]}"


def test_one_question_per_fact_in_a_seeded_order() -> None:
    decks = [known()]
    everything = quiz_items(decks, Selection(seed=4))
    assert sorted(item.fact.id for item in everything) == sorted(f.id for f in KNOWN)
    assert {item.kind for item in everything} == set(QuestionKind)  # both kinds, mixed
    assert quiz_items(decks, Selection(seed=4)) == everything
    orders = {tuple(i.fact.id for i in quiz_items(decks, Selection(seed=s))) for s in range(5)}
    assert len(orders) > 1
    assert len(quiz_items(decks, Selection(seed=4, count=2))) == 2
    assert quiz_items(decks, Selection(seed=4, count=2)) == everything[:2]


def test_topic_and_tag_filters_ignore_case() -> None:
    decks = [known()]
    chosen = quiz_items(decks, Selection(topics=("topic PARIS", "Topic france"), seed=0))
    assert [item.fact.id for item in chosen] == ["france"]
    assert len(quiz_items(decks, Selection(tags=("TEST",), seed=0))) == len(KNOWN)


def test_nothing_matching_is_an_error_that_lists_the_topics() -> None:
    with pytest.raises(QuizgenError) as raised:
        quiz_items([known()], Selection(topics=("Nope",)))
    topics = ", ".join(sorted(f"Topic {f.id}" for f in KNOWN))
    assert str(raised.value) == f"no questions match --topic 'Nope' (topics: {topics})"


def test_the_cloze_asks_the_answer_span_even_when_it_is_not_c1() -> None:
    (deck,) = prepare([SEED_DECK], kinds={QuestionKind.CLOZE})
    groups = fact_items([deck.questions], Selection(frozenset({QuestionKind.CLOZE})))
    item = next(group[0] for group in groups if group[0].fact.id == "kyiv-attack-targets")
    assert item.span == 2
    assert item.expected == "critical infrastructure" == item.fact.answer
    assert item.prompt.endswith("including residential areas and _____.")
    assert item.key == ("ukraine-peace-talks", "kyiv-attack-targets", "cloze", 2)


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ("Kyiv", "K___"),
        ("critical infrastructure", "c_______ i_____________"),
        ("$2.5 billion", "$2._ b______"),
        ("2014", "2___"),
        ("90%", "9_%"),
        ("U.S.", "U._."),
    ],
)
def test_letter_pattern(answer: str, pattern: str) -> None:
    assert letter_pattern(answer) == pattern


def test_quiz_with_a_topic_that_matches_nothing_exits_1(
    workdir: Path, write_facts: WriteFacts
) -> None:
    write_facts(known_deck())
    result = runner.invoke(app, ["quiz", "deck.yaml", "--topic", "Nope"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: no questions match --topic 'Nope' (topics: ")


def linked_deck() -> DeckQuestions:
    """Facts that give each other away: `pledge`'s explanation holds `carney`'s answer and
    `carney`'s holds `pledge`'s (a cycle); `ally`'s explanation holds `year`'s answer only."""
    text = """\
id: linked
deck: Linked
facts:
  - id: pledge
    topic: Aid
    text: Canada pledged an additional $2.5 billion in aid.
    answer: $2.5 billion
    explanation: The pledge was made when Zelenskyy met Mark Carney.
  - id: carney
    topic: Meetings
    text: Zelenskyy met Canadian Prime Minister Mark Carney.
    answer: Mark Carney
    kind: person
    explanation: At that meeting Canada pledged $2.5 billion.
  - id: ally
    topic: Allies
    text: Canada is a steadfast ally of Ukraine.
    answer: steadfast ally
    explanation: Canada has backed Ukraine since the events of 2014.
  - id: year
    topic: History
    text: Russia annexed Crimea in 2014.
    answer: "2014"
    explanation: It was a turning point.
"""
    deck = DeckFile.model_validate(yaml.safe_load(text))
    return deck_questions(deck, seed=0)


@pytest.mark.parametrize("seed", range(12))
def test_a_question_whose_answer_another_shows_is_asked_first(seed: int) -> None:
    order = [item.fact.id for item in quiz_items([linked_deck()], Selection(seed=seed))]
    assert order.index("year") < order.index("ally")


@pytest.mark.parametrize("seed", range(12))
def test_an_explanation_never_shows_the_answer_of_a_question_still_to_come(seed: int) -> None:
    quiz = quiz_items([linked_deck()], Selection(frozenset({QuestionKind.CLOZE}), seed=seed))
    shown: list[str | None] = []

    class Explanations(Script):
        def feedback(self, result: Result, note: str | None) -> None:
            shown.append(result.explanation)

    script = Explanations(["s"] * len(quiz))
    Session(quiz, script, lambda result: None, title="Linked").run()
    explained = dict(zip([item.fact.id for item in quiz], shown, strict=True))
    first, second = sorted(("pledge", "carney"), key=[i.fact.id for i in quiz].index)
    expected = {
        "pledge": "The pledge was made when Zelenskyy met Mark Carney.",
        "carney": "At that meeting Canada pledged $2.5 billion.",
    }
    withheld_first = {"pledge": "The pledge was made when Zelenskyy met ….",
                      "carney": "At that meeting Canada pledged $…."}  # fmt: skip
    assert explained[first] == withheld_first[first]  # the other one is still to come
    assert explained[second] == expected[second]  # nothing left to give away
    assert explained["year"] == "It was a turning point."


def test_the_topic_is_not_shown_when_it_shares_a_word_with_the_answer_or_an_option() -> None:
    text = """\
id: topics
deck: Topics
facts:
  - id: kyiv
    topic: Kyiv escalation
    text: The escalation in Kyiv was triggered by missile attacks.
    answer: Kyiv
    question: In which city was the escalation triggered by missile attacks?
    distractors: [Lviv, Odesa, Dnipro]
  - id: plan
    topic: The peace plan
    text: The plan has 20 points.
    answer: "20"
    distractors: ["10", "12", "30"]
  - id: capital
    topic: Lviv and other cities
    text: The capital of Ukraine is Kyiv.
    answer: Kyiv
    distractors: [Lviv, Odesa, Dnipro]
"""
    deck = deck_questions(DeckFile.model_validate(yaml.safe_load(text)), seed=0)
    shown = {
        (item.fact.id, item.kind.value): item.shown_topic
        for group in fact_items([deck], Selection())
        for item in group
    }
    assert shown[("kyiv", "cloze")] is None  # "Kyiv escalation" over "_____ was triggered"
    assert shown[("kyiv", "mcq")] is None
    assert shown[("plan", "cloze")] == shown[("plan", "mcq")] == "The peace plan"
    assert shown[("capital", "cloze")] == "Lviv and other cities"  # Lviv is not the answer
    # Over options, a topic naming one of them is hidden too: hidden only when it names the
    # right one, its absence would betray the answer.
    assert shown[("capital", "mcq")] is None


def test_an_answer_shown_everywhere_does_not_steer_the_order() -> None:
    """No order hides an answer that most questions show, so it keeps the shuffled order
    (while an answer only one other question shows still goes first)."""
    many = EVERYWHERE + 5
    lines = ["id: everywhere", "deck: Everywhere", "facts:"]
    for i in range(many):
        lines += [f"  - id: f{i}", f"    text: Russia took step number {1000 + i}.",
                  f'    answer: "{1000 + i}"']  # fmt: skip
    lines += ["  - id: russia", "    text: The attacks came from Russia.", "    answer: Russia"]
    deck = deck_questions(DeckFile.model_validate(yaml.safe_load("\n".join(lines))), seed=0)
    cloze = frozenset({QuestionKind.CLOZE})
    positions = set()
    for seed in range(5):
        order = [item.fact.id for item in quiz_items([deck], Selection(cloze, seed=seed))]
        positions.add(order.index("russia"))
    assert positions != {0}  # not always pulled to the front
    items = {item.fact.id: item for item in quiz_items([deck], Selection(cloze, seed=0))}
    few = spoiler_free([items["f0"], items["f1"], items["russia"]])
    assert [item.fact.id for item in few] == ["russia", "f0", "f1"]


MONEY_DECK = """\
id: pledges
deck: Pledges
currency: CAD
facts:
  - id: pledge
    text: Canada pledged $2.5 billion.
    answer: $2.5 billion
    kind: money
  - id: us-pledge
    text: The U.S. pledged $4 billion.
    answer: $4 billion
    kind: money
    currency: USD
"""


def money_items() -> list[QuizItem]:
    deck = DeckFile.model_validate(yaml.safe_load(MONEY_DECK))
    questions = deck_questions(deck, seed=0)
    return sorted(
        quiz_items([questions], Selection(frozenset({QuestionKind.CLOZE}), seed=1)),
        key=lambda item: item.fact.id,
    )


def test_an_unclear_number_is_asked_again_not_guessed() -> None:
    pledge = money_items()[:1]
    _, script, recorded = run(pledge, ["2.500", "2.500 billion dollars"])
    assert script.of("notice") == [
        '"2.500" could be 2.5 or 2,500: type it without the dot, or with a comma for thousands'
    ]
    assert [(r.given, r.outcome) for r in recorded] == [("2.500 billion dollars", Outcome.RIGHT)]
    assert recorded[0].match is not None
    assert recorded[0].match.note == "read 2.500 billion dollars as $2.5 billion (Canadian dollars)"


def test_a_bare_dollar_means_the_facts_currency_else_the_decks() -> None:
    pledge, us_pledge = money_items()
    assert (pledge.currency, us_pledge.currency) == ("CAD", "USD")
    _, _, recorded = run([pledge, us_pledge], ["US$2.5 billion", "C$4 billion"])
    assert [r.outcome for r in recorded] == [Outcome.WRONG, Outcome.WRONG]
    assert [r.match.note for r in recorded if r.match] == [
        "that is in US dollars; the answer is in Canadian dollars",
        "that is in Canadian dollars; the answer is in US dollars",
    ]
    _, _, recorded = run([pledge, us_pledge], ["2.5 billion Canadian dollars", "USD 4bn"])
    assert [r.outcome for r in recorded] == [Outcome.RIGHT, Outcome.RIGHT]
