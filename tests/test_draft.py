"""`quizgen draft`: prose in, a fact file that passes `check` out, with candidates worth keeping.

The seed briefing is copied into tests/data/briefing.txt so the tests never depend on files
outside the repository. The other articles (the Moon landings in Markdown, the Panama Canal in
plain text) are written here, so the span finder is tested on a subject it was not tuned on.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quizgen.answers.kinds import Kind
from quizgen.cli import app
from quizgen.draft import (
    Draft,
    make_draft,
    numeric_spans,
    split_sentences,
    whole_token,
)
from quizgen.errors import DraftError
from quizgen.facts.loader import LoadedDeck, load_decks

runner = CliRunner()

BRIEFING = Path(__file__).resolve().parent / "data" / "briefing.txt"

MOON_LANDINGS = """\
# The race to the Moon

The space race shaped the 1960s. It was a contest of prestige as much as of science.

## Origins

President John F. Kennedy announced the goal of landing a man on the Moon in 1961.
Congress gave **NASA** about $25.4 billion for the program, roughly 4% of the federal
budget at its peak. The Soviet Union had already sent Yuri Gagarin into orbit on
12 April 1961.

## The landing

* Apollo 11 landed in the Sea of Tranquility on July 20, 1969.
* Neil Armstrong and Buzz Aldrin walked on the surface while Michael Collins stayed in orbit.
* An estimated 600 million people watched the [broadcast](https://example.org/tv).

## Later years

Dr. Sally Ride became the first American woman in space in June 1983. The program ended
after 6 crewed landings, and a 12-person club of moonwalkers remains unmatched.

```
Apollo 18 was cancelled in 1970.
```
"""

# Plain text written one paragraph per line, like the seed briefing.
PANAMA_CANAL = (
    "\n".join(
        [
            "The Panama Canal opened on 15 August 1914, after a decade of American construction. "
            "It cut the voyage from New York to San Francisco by about 8,000 miles.",
            "About 5,600 workers died during the American construction years. "
            "Disease, not accidents, was the main killer.",
            "The United States handed the canal to Panama on 31 December 1999. "
            "An expansion costing $5.25 billion opened in 2016.",
        ]
    )
    + "\n"
)


def draft_file(tmp_path: Path, article: Path, *args: str) -> tuple[Path, LoadedDeck]:
    """Run `quizgen draft` into tmp_path, then load the output exactly as `check` does."""
    output = tmp_path / "drafted.yaml"
    result = runner.invoke(app, ["draft", str(article), "-o", str(output), *args])
    assert result.exit_code == 0, result.output
    [loaded] = load_decks([output])
    return output, loaded


@pytest.fixture
def briefing_deck(tmp_path: Path) -> tuple[Path, LoadedDeck]:
    return draft_file(tmp_path, BRIEFING)


def answers(loaded: LoadedDeck) -> dict[str, Kind]:
    return {fact.answer: fact.answer_kind for fact in loaded.deck.facts}


# --- the seed briefing ---------------------------------------------------------------------------


def test_briefing_draft_then_check_work_in_one_go(tmp_path: Path) -> None:
    output = tmp_path / "facts" / "briefing.yaml"
    drafted = runner.invoke(app, ["draft", str(BRIEFING), "-o", str(output)])
    assert drafted.exit_code == 0, drafted.output
    checked = runner.invoke(app, ["check", str(output)])
    assert checked.exit_code == 0, checked.output
    assert "Error" not in checked.output
    assert re.search(r"ok .*briefing\.yaml: 'briefing', \d+ facts, 10 topics", checked.stdout)


def test_briefing_gives_at_least_15_candidates(briefing_deck: tuple[Path, LoadedDeck]) -> None:
    _, loaded = briefing_deck
    assert len(loaded.deck.facts) >= 15


def test_briefing_answers_are_the_spans_a_teacher_would_ask(
    briefing_deck: tuple[Path, LoadedDeck],
) -> None:
    found = answers(briefing_deck[1])
    assert found["$2.5 billion"] is Kind.MONEY
    assert found["2014"] is Kind.YEAR
    assert found["90%"] is Kind.PERCENT
    assert found["20-point"] is Kind.NUMBER  # the whole token, not "20"
    assert found["Mark Carney"] is Kind.PERSON  # not "Prime Minister Mark Carney"
    assert found["Donald Trump"] is Kind.PERSON
    assert found["Kyiv"] is Kind.PLACE
    assert found["NATO"] is Kind.ORGANIZATION
    assert found["Minsk agreements"] is Kind.TERM


def test_briefing_hides_extra_spans_as_cloze(briefing_deck: tuple[Path, LoadedDeck]) -> None:
    facts = {fact.answer: fact for fact in briefing_deck[1].deck.facts}
    assert facts["2014"].cloze == ["2014", "Crimea", "Russia"]
    assert facts["$2.5 billion"].cloze == ["$2.5 billion", "Canada"]
    assert facts["NATO"].cloze == ["NATO", "EU"]


def test_briefing_never_asks_the_article_subject(briefing_deck: tuple[Path, LoadedDeck]) -> None:
    """Ukraine is in half the sentences: "Ukraine" as an answer tests nothing."""
    path, loaded = briefing_deck
    spans = {span for fact in loaded.deck.facts for span in fact.cloze_spans}
    assert "Ukraine" not in spans
    assert "# Never asked, the article is about them: Ukraine" in path.read_text()


def test_briefing_never_cuts_a_token(briefing_deck: tuple[Path, LoadedDeck]) -> None:
    path, loaded = briefing_deck
    assert not re.search(r"U\.S(?!\.)", path.read_text())
    for fact in loaded.deck.facts:
        for span in fact.cloze_spans:
            start = fact.text.index(span)
            assert whole_token(fact.text, start, start + len(span)), (span, fact.text)


def test_briefing_keeps_abbreviations_inside_sentences(
    briefing_deck: tuple[Path, LoadedDeck],
) -> None:
    texts = [fact.text for fact in briefing_deck[1].deck.facts]
    assert (
        "These attacks intensified just days before a crucial meeting between Ukrainian President "
        "Volodymyr Zelenskyy and U.S. President Donald Trump, highlighting the ongoing conflict "
        "and Russia's strategy to apply pressure on Ukraine ahead of peace talks."
    ) in texts
    assert all(text.endswith((".", "!", "?")) for text in texts)


def test_briefing_facts_have_a_why_comment_and_plain_sentences(
    briefing_deck: tuple[Path, LoadedDeck],
) -> None:
    path, loaded = briefing_deck
    text = path.read_text()
    assert text.count("\n  # Why: ") == len(loaded.deck.facts)
    assert "# Why: '$2.5 billion' is a sum of money" in text
    assert "# Why: 'Mark Carney' is a person, named after the title 'Prime Minister'." in text
    assert "# Check: it leans on the sentence before" in text  # "This commitment was made..."
    assert 'answer: "2014"' in text  # numeric answers are quoted
    assert loaded.deck.source is not None
    assert loaded.deck.source.ref == "briefing.txt"
    assert loaded.deck.id == "briefing"


def test_briefing_questions_only_where_they_read_well(
    briefing_deck: tuple[Path, LoadedDeck],
) -> None:
    questions = {fact.answer: fact.question for fact in briefing_deck[1].deck.facts}
    assert questions["Trump"] == (
        "Who has indicated willingness to discuss security guarantees and a peace framework "
        "during his upcoming meeting with Zelenskyy?"
    )
    assert questions["Canada"] == (
        "Which country's support reinforces its stance against Russian aggression and aims to "
        "bolster Ukraine's military capabilities?"
    )
    assert questions["$2.5 billion"] is None  # the engine blanks the answer instead


def test_briefing_topics_come_from_paragraphs(briefing_deck: tuple[Path, LoadedDeck]) -> None:
    topics = {fact.answer: fact.topic for fact in briefing_deck[1].deck.facts}
    assert topics["Donald Trump"] == "Recent escalation in Kyiv"
    assert topics["20-point"] == "Peace plan"
    assert topics["$2.5 billion"] == "Canada"
    assert topics["Minsk agreements"] == "Previous peace talks"


def test_regression_sentence_opening_capital_is_not_a_name(
    briefing_deck: tuple[Path, LoadedDeck],
) -> None:
    """Caught: "Past agreements" (the opening word plus a treaty noun) was proposed as a name."""
    spans = {span for fact in briefing_deck[1].deck.facts for span in fact.cloze_spans}
    assert not spans & {"Past agreements", "Public", "Recent", "Missile", "Ukrainian", "Canadian"}


def test_draft_is_deterministic(tmp_path: Path) -> None:
    first, _ = draft_file(tmp_path / "one", BRIEFING)
    second, _ = draft_file(tmp_path / "two", BRIEFING)
    assert first.read_bytes() == second.read_bytes()


# --- other subjects ------------------------------------------------------------------------------


def test_markdown_headings_become_topics_and_title(tmp_path: Path) -> None:
    article = tmp_path / "moon.md"
    article.write_text(MOON_LANDINGS)
    path, loaded = draft_file(tmp_path, article)
    deck = loaded.deck
    assert deck.deck == "The race to the Moon"
    assert deck.source is not None
    assert (deck.source.title, deck.source.ref) == ("The race to the Moon", "moon.md")
    assert {fact.topic for fact in deck.facts} == {"Origins", "The landing", "Later years"}
    assert "Apollo 18" not in path.read_text()  # code blocks are skipped
    assert "**" not in path.read_text() and "](" not in path.read_text()  # markup is gone


def test_headings_with_colons_make_deck_and_topic_names_anki_can_nest(tmp_path: Path) -> None:
    """Anki nests decks at "::": a heading "# :." or "## Origins::" (found by the fuzzer
    below) must not give a deck or topic name the loader refuses."""
    article = tmp_path / "moon.md"
    article.write_text(
        MOON_LANDINGS.replace("# The race to the Moon", "# :The race::to the Moon:").replace(
            "## Origins", "## Origins::"
        )
    )
    _, loaded = draft_file(tmp_path, article)
    assert loaded.deck.deck == "The race: to the Moon"
    assert "Origins" in {fact.topic for fact in loaded.deck.facts}


def test_markdown_article_spans(tmp_path: Path) -> None:
    article = tmp_path / "moon.md"
    article.write_text(MOON_LANDINGS)
    _, loaded = draft_file(tmp_path, article)
    found = answers(loaded)
    assert found["1961"] is Kind.YEAR
    assert found["$25.4 billion"] is Kind.MONEY
    assert found["12 April 1961"] is Kind.DATE
    assert found["July 20, 1969"] is Kind.DATE
    assert found["June 1983"] is Kind.DATE
    assert found["600 million people"] is Kind.NUMBER
    assert found["Neil Armstrong"] is Kind.PERSON
    facts = {fact.answer: fact for fact in loaded.deck.facts}
    assert facts["1961"].cloze == ["1961", "John F. Kennedy", "Moon"]  # "F." does not end it
    assert facts["June 1983"].cloze == ["June 1983", "Sally Ride"]  # nor does "Dr."
    assert facts["$25.4 billion"].cloze == ["$25.4 billion", "NASA", "4%"]
    assert loaded.deck.pools[Kind.PERSON] == [
        "Buzz Aldrin",
        "John F. Kennedy",
        "Michael Collins",
        "Sally Ride",
        "Yuri Gagarin",
    ]


def test_plain_text_on_another_subject(tmp_path: Path) -> None:
    article = tmp_path / "panama-canal.txt"
    article.write_text(PANAMA_CANAL)
    _, loaded = draft_file(tmp_path, article, "--deck", "The Panama Canal")
    deck = loaded.deck
    assert (deck.id, deck.deck) == ("panama-canal", "The Panama Canal")
    found = answers(loaded)
    assert found["15 August 1914"] is Kind.DATE
    assert found["8,000 miles"] is Kind.NUMBER
    assert found["5,600 workers"] is Kind.NUMBER
    assert found["31 December 1999"] is Kind.DATE
    assert found["$5.25 billion"] is Kind.MONEY
    assert {fact.topic for fact in deck.facts} == {"Panama Canal", "Paragraph 2", "United States"}


def test_spans_are_whole_tokens() -> None:
    sentence = "The U.S. plan has a 20-point list, 4.2 per cent, 600 million people and the 1990s."
    spans = {(span.text, span.kind) for span in numeric_spans(sentence)}
    assert spans == {
        ("20-point", Kind.NUMBER),
        ("4.2 per cent", Kind.PERCENT),
        ("600 million people", Kind.NUMBER),
    }
    assert not whole_token("It came from the U.S.", 17, 20)  # "U.S" of "U.S."
    assert whole_token("It came from the U.S.", 17, 21)
    assert not numeric_spans("Talks began at 10:30 on the 21st floor.")


def test_sentences_split_by_pysbd_around_abbreviations() -> None:
    paragraph = (
        "Dr. Sally Ride flew in 1983. The U.S. President met Mr. Smith in Washington. It rained."
    )
    assert split_sentences(paragraph) == [
        "Dr. Sally Ride flew in 1983.",
        "The U.S. President met Mr. Smith in Washington.",
        "It rained.",
    ]


def test_yaml_quoting_round_trips_awkward_text() -> None:
    text = 'Note: "Kyiv" #1 - the city of Kyiv had 3,000 shelters in 2022, per reports.'
    drafted = make_draft(text, name="awkward.txt")
    [fact] = yaml.safe_load(drafted.yaml_text())["facts"]
    assert fact["text"] == text
    assert fact["answer"] == "2022"


# Words chosen to trip a span finder: abbreviations, possessives, hyphens, quotes, markup,
# numbers that are not counts (10:30, 1990s, 21st, 3.5.2) and names next to titles.
TRICKY_WORDS = """
    The U.S. U.S., Dr. Mr. Sally Ride Prime Minister Mark Carney's Russia-Ukraine 20-point $2.5
    billion 90% in 2014, 2014. 10:30 1990s 21st 3.5.2 on 12 April 1961 NATO EU's "Kyiv,"
    (Crimea) **bold** `code` [link](x) and of Bank of England I'm # - : e.g. vs. Q3 the Minsk
    agreements €4bn 600 people
""".split()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(TRICKY_WORDS), min_size=1, max_size=14).map(" ".join),
        min_size=1,
        max_size=8,
    ).map(lambda lines: ".\n".join(lines) + ".")
)
def test_any_draft_passes_check(article: str) -> None:
    """Whatever the prose, a draft is either refused with a DraftError or passes the loader."""
    import tempfile

    try:
        drafted: Draft = make_draft(article, name="fuzz.md")
    except DraftError:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(drafted.yaml_text())
        [loaded] = load_decks([path])
    assert len(loaded.deck.facts) == len(drafted.candidates)
    for fact in loaded.deck.facts:
        for span in fact.cloze_spans:
            start = fact.text.index(span)
            assert whole_token(fact.text, start, start + len(span)), (span, fact.text)


# --- the command ---------------------------------------------------------------------------------


def test_stdin_with_default_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draft", "-", "--id", "canal"], input=PANAMA_CANAL)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("drafted 5 candidate facts from 6 sentences in 3 paragraphs: ")
    assert "curate it, then run: quizgen check facts/canal.yaml" in result.stdout
    [loaded] = load_decks([tmp_path / "facts" / "canal.yaml"])
    assert loaded.deck.source is not None
    assert loaded.deck.source.ref is None


def test_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("kept.yaml").write_text("teacher's work\n")
    result = runner.invoke(app, ["draft", str(BRIEFING), "-o", "kept.yaml"])
    assert result.exit_code == 1, result.output
    assert result.stderr == ("Error: kept.yaml already exists: choose another name or remove it\n")
    assert Path("kept.yaml").read_text() == "teacher's work\n"


def test_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("latin1.txt").write_bytes(b"Paris is in France.\nCaf\xe9 prices rose 5% in 2019.\n")
    result = runner.invoke(app, ["draft", "latin1.txt"])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: latin1.txt:2: is not UTF-8 text (byte 0xe9): save the article as UTF-8 "
        "(plain text or Markdown)\n"
    )
    assert not Path("facts").exists()


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("", "Error: standard input is empty: give an article to draft from\n"),
        (
            "nothing to ask about here at all.\n",
            "Error: found no sentence with a figure, a date or a name to ask about in standard "
            "input: nothing to draft\n",
        ),
    ],
)
def test_nothing_to_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stdin: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draft", "-", "-o", "out.yaml"], input=stdin)
    assert result.exit_code == 1, result.output
    assert result.stderr == message
    assert not Path("out.yaml").exists()


def test_bad_deck_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draft", str(BRIEFING), "--id", "Kyiv Talks"])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: --id 'Kyiv Talks' is not a valid deck id: use lowercase letters, digits, - and _ "
        "(for example 'kyiv-talks')\n"
    )


def test_missing_article_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["draft", "missing.txt"])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_summary_names_what_was_found(tmp_path: Path) -> None:
    result = runner.invoke(app, ["draft", str(BRIEFING), "-o", str(tmp_path / "b.yaml")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(
        r"drafted \d+ candidate facts from 28 sentences in 10 paragraphs: .*b\.yaml", lines[0]
    )
    assert lines[1].startswith("  answers: 1 money, 1 number, 1 organization, 1 percent, ")
    assert "  never asked, the article is about them: Ukraine" in lines
    assert "  topics from paragraphs; each fact has a comment saying why it was picked" in lines


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["draft", "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: quizgen draft" in result.output
    assert textwrap.dedent("facts/DECK_ID.yaml") in result.output


# --- articles that are not articles: special files, closed input, sizes -------------------------


def _draft_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    from quiz_support import QUIZGEN, TIMEOUT

    return subprocess.run(
        [str(QUIZGEN), "draft", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=cwd,
    )


def test_a_named_pipe_as_the_article_is_refused_at_once(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)  # nobody writes to it: reading it would wait for ever
    done = _draft_cli(str(pipe), "-o", str(tmp_path / "out.yaml"), cwd=tmp_path)
    assert done.returncode == 1
    assert (
        done.stderr == "Error: article.txt is not a regular file (a named pipe): give a text file\n"
    )


def test_a_device_as_the_article_is_refused() -> None:
    done = _draft_cli("/dev/zero", "-o", "/nonexistent/out.yaml")
    assert (done.returncode, done.stderr) == (
        1,
        "Error: /dev/zero is not a regular file (a device): give a text file\n",
    )


def test_closed_standard_input_is_a_clear_error(tmp_path: Path) -> None:
    from quiz_support import QUIZGEN, TIMEOUT

    done = subprocess.run(
        f"{QUIZGEN} draft - -o out.yaml <&-",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert (done.returncode, done.stderr) == (
        1,
        "Error: standard input is closed: pipe the text in, or name a file\n",
    )


def test_an_article_over_the_size_limit_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizgen.draft import files

    monkeypatch.setattr(files, "MAX_ARTICLE_BYTES", 1_000_000)
    article = tmp_path / "huge.txt"
    article.write_text("Kyiv was attacked in 2014. " * 40_000, encoding="utf-8")
    result = runner.invoke(app, ["draft", str(article), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert "huge.txt is larger than 1 MB: split it into smaller files" in result.output


def test_a_long_paragraph_is_cut_only_where_sentences_surely_end() -> None:
    from quizgen.draft import article

    sentence = "Dr. Smith said the U.S. budget rose by $2.5 billion in 2014. "
    paragraph = sentence * 400  # 25 KB in one paragraph
    pieces = article._pieces(paragraph)
    assert "".join(pieces) == paragraph
    assert len(pieces) > 10 and all(len(piece) <= article._PIECE for piece in pieces)
    assert all(piece.startswith("Dr. Smith") for piece in pieces)
    assert split_sentences(paragraph) == [sentence.strip()] * 400


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Dr. Jones met Mr. Lee in Kyiv.",
                "The U.S. pledged $2.5 billion!",
                "Was it 2014?",
                '"It works," she said.',
                "Prime Minister Mark Carney arrived on 24 February 2022.",
                "wordswithoutend",
            ]
        ),
        min_size=1,
        max_size=200,
    )
)
def test_sentences_of_a_long_paragraph_are_those_of_segmenting_it_whole(parts: list[str]) -> None:
    from quizgen.draft import article

    paragraph = " ".join(parts)
    whole = article._segmenter().segment(paragraph)
    assert split_sentences(paragraph) == [" ".join(s.split()) for s in whole if s.strip()]


def test_the_summary_counts_in_words_that_agree(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Canada pledged $2.5 billion to Ukraine in 2024.\n", encoding="utf-8")
    result = runner.invoke(app, ["draft", str(article), "-o", str(tmp_path / "my deck.yaml")])
    assert result.exit_code == 0, result.output
    assert "drafted 1 candidate fact from 1 sentence in 1 paragraph:" in result.output
    assert "curate it, then run: quizgen check '" in result.output  # quoted: it has a space
