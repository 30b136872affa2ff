"""Anything a teacher's editor (or an attacker) can put in a file: only our error comes out.

Hypothesis throws arbitrary bytes, text and YAML-shaped documents at the loader; the only
exception allowed out is FactFileError, and each of its problems names the file and a line
inside it. Large and hostile inputs (billion laughs, 50 MB of garbage, 50 MB of valid facts)
get an answer in bounded time and memory.
"""

from __future__ import annotations

import os
import random
import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic import write_deck

from quizgen.errors import FactFileError
from quizgen.facts.loader import load_file

FIELDS = [
    "id", "deck", "facts", "text", "answer", "kind", "cloze", "distractors", "accept",
    "pools", "tags", "topic", "image", "as_of", "source", "hint", "question", "anwser",
]  # fmt: skip
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def yaml_line_count(data: bytes) -> int:
    """Lines as YAML (and editors) count them: \r\n, \r, \n, NEL, LS and PS all break."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.count(b"\n") + 1
    return len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 1


def assert_only_our_error(path: Path, data: bytes) -> None:
    """Load `data` from `path`: success, or FactFileError whose problems name file and line."""
    path.write_bytes(data)
    try:
        load_file(path)
    except FactFileError as error:
        assert error.problems, "an error must carry at least one problem"
        lines = yaml_line_count(data)
        for problem in error.problems:
            assert problem.path.endswith(path.name), problem
            assert 1 <= problem.line <= lines, (problem, lines)
            assert problem.message.strip(), problem


@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    assert_only_our_error(tmp_path / "fuzz.yaml", data)


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_text(tmp_path: Path, text: str) -> None:
    assert_only_our_error(tmp_path / "fuzz.yaml", text.encode("utf-8"))


YAML_PUNCTUATION = st.sampled_from(
    [": ", "- ", "\n", "  ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: ", "---\n", "'", '"',
     "#", "!!str ", "!!int ", "? ", "|\n", ">\n", "\t", "%YAML 1.1\n", "~"]
)  # fmt: skip


@FUZZ
@given(
    parts=st.lists(
        st.one_of(YAML_PUNCTUATION, st.sampled_from(FIELDS), st.text(max_size=6)), max_size=60
    )
)
def test_yaml_shaped_noise(tmp_path: Path, parts: list[str]) -> None:
    assert_only_our_error(tmp_path / "fuzz.yaml", "".join(parts).encode("utf-8"))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["$2.5 billion", "2014", "90%", "Kyiv", "", "monay", "Bad Id"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS), children, max_size=6),
    ),
    max_leaves=25,
)


@FUZZ
@given(
    header=st.dictionaries(st.sampled_from(FIELDS), documents, max_size=6),
    facts=st.lists(st.dictionaries(st.sampled_from(FIELDS), documents, max_size=8), max_size=4),
)
@pytest.mark.slow
def test_deck_shaped_documents(
    tmp_path: Path, header: dict[str, Any], facts: list[dict[str, Any]]
) -> None:
    document = {"id": "fuzz", "deck": "Fuzz", **header, "facts": facts}
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    assert_only_our_error(tmp_path / "fuzz.yaml", text.encode("utf-8"))


SEED_CORPUS = {
    "tab-indent.yaml": b"id: x\ndeck: y\nfacts:\n\t- id: a\n",
    "unclosed-flow.yaml": b"id: x\ndeck: y\nfacts: [{id: a, text: b\n",
    "bom-and-crlf.yaml": b"\xef\xbb\xbfid: x\r\ndeck: y\r\nfacts:\r\n  - id: A B\r\n",
    "latin1.yaml": b"id: x\ndeck: caf\xe9\nfacts: []\n",
    "nul-byte.yaml": b"id: x\ndeck: y\x00\nfacts: []\n",
    "undefined-alias.yaml": b"id: x\ndeck: *nowhere\nfacts: []\n",
    "only-comment.yaml": b"# nothing here\n",
    "list-of-facts.yaml": b"- id: a\n  text: b\n  answer: b\n",
    "key-is-a-list.yaml": b"id: x\ndeck: y\n[a, b]: c\nfacts: []\n",
    "python-tag.yaml": b"id: !!python/object:os.system x\ndeck: y\nfacts: []\n",
    "huge-int-as-of.yaml": b"id: x\ndeck: y\nas_of: 99999999999999999999999\nfacts: []\n",
}


@pytest.mark.parametrize("name", sorted(SEED_CORPUS))
def test_seed_corpus_of_real_bad_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(FactFileError):
        assert_only_our_error(path, SEED_CORPUS[name])
        load_file(path)


def test_a_long_line_gets_an_answer(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    long_text = "word " * 400_000  # one 2 MB line
    path.write_text(f"id: x\ndeck: y\nfacts:\n  - id: a\n    text: {long_text}\n    answer: w0\n")
    with pytest.raises(FactFileError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (6, "facts[1] 'a'.answer")


def test_fifty_megabytes_of_garbage_gets_a_clear_message(tmp_path: Path) -> None:
    rng = random.Random(7)
    chunk = "".join(rng.choice(string.printable) for _ in range(1 << 16)).encode()
    path = tmp_path / "garbage.yaml"
    with path.open("wb") as handle:
        for _ in range(50 * 16):
            handle.write(chunk)
    assert path.stat().st_size >= 50_000_000
    with pytest.raises(FactFileError) as caught:
        load_file(path)
    assert all(problem.line >= 1 for problem in caught.value.problems)


def test_fifty_megabytes_of_random_bytes_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "random.yaml"
    path.write_bytes(b"id: x\n" + os.urandom(50_000_000))
    with pytest.raises(FactFileError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert "UTF-8" in problem.message or "YAML" in problem.message


@pytest.mark.slow
def test_fifty_megabytes_of_valid_facts_load(tmp_path: Path) -> None:
    path = write_deck(tmp_path / "big.yaml", 210_000)
    assert path.stat().st_size >= 50_000_000
    loaded = load_file(path)
    assert len(loaded.deck.facts) == 210_000
    assert loaded.fact_lines["fact-209999"] > 1_000_000


def _special_file(kind: str, path: Path) -> None:
    """Put a file of this kind at `path`: everything a path can be but a regular file."""
    import socket

    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))  # the socket file stays when the socket closes
    elif kind == "symlink loop":
        path.symlink_to(path.name)
    elif kind == "dangling symlink":
        path.symlink_to("nowhere")
    else:
        path.symlink_to(kind)  # a device


SPECIAL_FILES = ["fifo", "folder", "socket", "symlink loop", "dangling symlink", "/dev/zero",
                 "/dev/null", "/dev/full"]  # fmt: skip


@pytest.mark.parametrize("kind", SPECIAL_FILES)
def test_a_special_file_as_fact_file_gets_one_clear_problem(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "special.yaml"
    _special_file(kind, path)
    with pytest.raises(FactFileError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert problem.path.endswith("special.yaml") and problem.message, problem
    assert re.search(r"not a regular file|cannot be read|empty", problem.message), problem


@pytest.mark.parametrize("kind", SPECIAL_FILES)
def test_a_special_file_as_image_gets_one_clear_problem(tmp_path: Path, kind: str) -> None:
    _special_file(kind, tmp_path / "pic.png")
    path = tmp_path / "deck.yaml"
    path.write_text(
        "id: d\ndeck: D\nfacts:\n  - id: f\n    text: Mars has two moons.\n    answer: two\n"
        "    image: pic.png\n"
    )
    with pytest.raises(FactFileError) as caught:
        load_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (7, "facts[1] 'f'.image"), problem
