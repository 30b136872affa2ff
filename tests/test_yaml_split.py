"""Reading a long fact file in two halves at once gives exactly what reading it whole gives.

The cut (quizgen.yaml_split) is placed by looking at the text only; the loader accepts the two
halves only if both read cleanly into the items counted, and reads the whole file otherwise.
These tests force the cut on small files of every shape yaml.safe_dump writes (wrapped plain
and quoted scalars across the cut, flow lists, indented or flush items, CRLF) and compare.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEED_DECK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic import write_deck

from quizgen import loader, parallel
from quizgen.errors import FactFileError
from quizgen.loader import LoadedDeck, load_file
from quizgen.yaml_split import halves


@pytest.fixture
def split_small_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut any file with two facts or more, and fork for it even on a one-core machine."""
    monkeypatch.setattr(loader, "SPLIT_MIN_FACTS", 2)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)


def read_both_ways(path: Path) -> tuple[LoadedDeck | str, LoadedDeck | str]:
    """(in halves, whole): each the loaded deck or the error text."""

    def outcome(halves_allowed: bool) -> LoadedDeck | str:
        original = loader._load_in_halves
        try:
            if not halves_allowed:
                loader._load_in_halves = lambda *args: None
            return load_file(path)
        except FactFileError as error:
            return str(error)
        finally:
            loader._load_in_halves = original

    return outcome(True), outcome(False)


def used_halves(path: Path) -> bool:
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    return loader._load_in_halves(path, path.name, text, len(data) + 10_000) is not None


@pytest.mark.usefixtures("split_small_files")
def test_a_synthetic_deck_is_read_in_halves_exactly_as_whole(tmp_path: Path) -> None:
    path = write_deck(tmp_path / "deck.yaml", 400)
    assert used_halves(path)
    in_halves, whole = read_both_ways(path)
    assert in_halves == whole


@pytest.mark.usefixtures("split_small_files")
def test_the_seed_deck_is_read_in_halves_exactly_as_whole() -> None:
    assert used_halves(SEED_DECK)
    in_halves, whole = read_both_ways(SEED_DECK)
    assert in_halves == whole


def fact(index: int, text: str) -> dict[str, Any]:
    return {"id": f"f{index}", "topic": "T", "text": f"{text} Paris", "answer": "Paris"}


texts = st.lists(
    st.sampled_from([*"ab -:#'\"[]{},&*!|>\n", "é", "  ", "- x", ": y", "\n  - id: z"]),
    max_size=25,
).map("".join)


@pytest.mark.usefixtures("split_small_files")  # constant for every example
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    bodies=st.lists(texts, min_size=2, max_size=8),
    indent=st.sampled_from([2, 4]),
    width=st.sampled_from([20, 40, 1000]),
    flush=st.booleans(),
    crlf=st.booleans(),
    after=st.booleans(),
    broken=st.sampled_from(["", "answer", "duplicate", "alias"]),
)
def test_any_dumped_deck_reads_the_same_in_halves_and_whole(
    tmp_path_factory: pytest.TempPathFactory,
    bodies: list[str],
    indent: int,
    width: int,
    flush: bool,
    crlf: bool,
    after: bool,
    broken: str,
) -> None:
    facts = [fact(i, body) for i, body in enumerate(bodies)]
    document: dict[str, Any] = {"id": "dumped", "deck": "Dumped", "facts": facts}
    if after:
        document["pools"] = {"place": ["Rome", "Oslo"]}
    text = yaml.safe_dump(document, sort_keys=False, indent=indent, width=width, allow_unicode=True)
    if broken == "answer":  # the last fact's answer is not in its text
        text = text[: text.rindex("answer: Paris")] + "answer: Nowhere\n"
    elif broken == "duplicate":
        text = text.replace("id: f1\n", "id: f0\n")
    elif broken == "alias":  # the last fact's topic refers to an anchor on the first fact
        text = text.replace("topic: T", "topic: &shared T", 1)
        last = text.rindex("topic: T")
        text = text[:last] + "topic: *shared" + text[last + len("topic: T") :]
    if flush:  # items at the key's own indentation
        text = text.replace("\n  - ", "\n- ")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path_factory.mktemp("dumped") / "deck.yaml"
    path.write_bytes(text.encode("utf-8"))
    in_halves, whole = read_both_ways(path)
    assert in_halves == whole


@pytest.mark.parametrize(
    "text",
    [
        "id: x\ndeck: y\nfacts: [{id: a}, {id: b}]\n",  # flow style
        "id: x\ndeck: y\nfacts:\n  - id: a\n---\nfacts:\n  - id: b\n",  # two documents
        "id: x\ndeck: y\nfacts:\n  - id: a\n",  # one item
        "id: x\rdeck: y\rfacts:\r  - id: a\r  - id: b\r",  # old Mac line breaks
        "id: x\ndeck: y\nfacts:\n  - id: a\n  - id: b\nfacts:\n  - id: c\n",  # key twice
    ],
)
def test_shapes_the_cut_leaves_to_the_whole_file_reading(text: str) -> None:
    assert halves(text, 2) is None


def test_the_second_half_keeps_the_line_numbers() -> None:
    text = "id: x\ndeck: y\nfacts:\n  # c\n  - id: a\n    text: t\n  - id: b\n  - id: c\n"
    cut = halves(text, 2)
    assert cut is not None
    assert (cut.first_items, cut.second_items, cut.first_item_line) == (1, 2, 5)
    assert cut.first.endswith("    text: t\n")
    assert cut.second.splitlines()[6] == "  - id: b"
    assert cut.second.startswith("facts:\n")


QUOTED_ACROSS_LINES = """\
id: x
deck: y
facts:
  - id: a
    text: "Paris is
  - id: not-an-item"
    answer: Paris
{more}"""
MORE = "".join(
    f"  - id: {name}\n    text: {name.title()} is a word\n    answer: {name.title()}\n"
    for name in ("bee", "cat", "dog")
)


@pytest.mark.usefixtures("split_small_files")
@pytest.mark.parametrize("more", ["", MORE], ids=["cut-inside-the-quote", "miscounted-items"])
def test_an_item_line_inside_a_quoted_scalar_sends_the_file_to_the_whole_reading(
    tmp_path: Path, more: str
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(QUOTED_ACROSS_LINES.format(more=more), encoding="utf-8")
    assert halves(path.read_text(encoding="utf-8"), 2) is not None
    assert not used_halves(path)
    in_halves, whole = read_both_ways(path)
    assert in_halves == whole
    assert isinstance(whole, LoadedDeck)
    assert whole.deck.facts[0].text == "Paris is - id: not-an-item"


NOISE = st.lists(
    st.sampled_from(
        [": ", "- ", "\n", "  ", "    ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: ", "'", '"',
         "#", "|\n", ">\n", "text", "answer", "id", "Paris", "\n  - id: x\n", "\n  - ", "\n---\n"]
    ),
    max_size=30,
).map("".join) | st.lists(  # or lines a teacher writes between facts, mostly valid
    st.sampled_from(
        ["\n", "  # a comment\n", "    explanation: It is.\n", "    tags: [t]\n", "\n\n",
         "    hint: city\n", "    # - id: not-an-item\n", "    topic: 'A: b'\n"]
    ),
    max_size=4,
).map("".join)  # fmt: skip


@pytest.mark.usefixtures("split_small_files")
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(first=NOISE, second=NOISE, third=NOISE)
def test_noise_between_fact_items_reads_the_same_in_halves_and_whole(
    tmp_path_factory: pytest.TempPathFactory, first: str, second: str, third: str
) -> None:
    text = (
        "id: noisy\ndeck: Noisy\nfacts:\n"
        f"  - id: a\n    text: Paris is a city.\n    answer: Paris\n{first}"
        f"  - id: b\n    text: Rome is a city.\n    answer: Rome\n{second}"
        f"  - id: c\n    text: Oslo is a city.\n    answer: Oslo\n{third}"
    )
    path = tmp_path_factory.mktemp("noisy") / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    in_halves, whole = read_both_ways(path)
    assert in_halves == whole
