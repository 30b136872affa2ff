"""`quizgen schema` and `quizgen check` agree: an editor that validates fact files as you type
(the YAML language server, which reads YAML 1.2: `2014` is a number, `yes` is text) marks red
exactly what `check` rejects, for everything a schema can say (one field at a time)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, SEED_DECK, WriteFacts
from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]
from test_cli_check import check

from quizgen.facts.models import fact_file_schema


class Yaml12(yaml.SafeLoader):
    """YAML 1.2's core schema, as editors read it: no yes/no booleans, no dates."""


Yaml12.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def schema_errors(path: Path) -> list[str]:
    data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12)  # noqa: S506
    return sorted(e.message for e in Draft202012Validator(fact_file_schema()).iter_errors(data))


@pytest.mark.parametrize(
    "path",
    [SEED_DECK, *sorted(FIXTURES.glob("*.yaml"))],
    ids=lambda path: path.name,
)
def test_every_shipped_file_passes_both(path: Path) -> None:
    assert schema_errors(path) == []
    assert check(str(path)).exit_code == 0


BASE = """\
id: mini
deck: Mini
{header}facts:
  - id: mars-moons
    text: Mars has 2 moons, found in 1877.
    answer: "2"
    distractors: ["3", "4", "5"]
{fact}"""


@pytest.mark.parametrize(
    ("header", "fact", "valid"),
    [
        ("", "    hint: 2014\n", True),  # a number where text goes: text to check
        ("", "    explanation: yes\n", True),
        ("", "    explanation: true\n", True),
        ("", "    explanation: 2.5\n", True),
        ("", "    explanation:\n", True),  # empty optional text: left out
        ("", "    explanation: ''\n", False),
        ("", "    explanation: '   '\n", False),
        ("", "    explanation: [a, b]\n", False),
        ("", "    tags: [2024, year-7]\n", True),
        ("", "    tags: [-5]\n", False),
        ("", "    tags: [1.5]\n", False),
        ("", "    tags: ['red planet']\n", False),
        ("", "    topic: 1984\n", True),
        ("", "    topic: 'Mars::Moons'\n", False),
        ("", "    topic: 'Mars:'\n", False),
        ("", "    topic: 'Mars: moons'\n", True),
        ("", "    image: 5\n", False),  # a number is a name, but no such image: check says so
        ("", "    kind: planet\n", False),
        ("", "    anwser: two\n", False),
        ("as_of: 2025\n", "", True),
        ("as_of: '2025'\n", "", True),
        ("as_of: 999\n", "", False),
        ("as_of: '25'\n", "", False),
        ("as_of: soon\n", "", False),
        ("deck2: x\n", "", False),
        ("tags: [2024]\n", "", True),
        ("source: {title: 1984, ref: 12, url: 3}\n", "", True),
        ("pools:\n  year: [1999, 2001]\n", "", True),
        ("pools:\n  planet: [Mars]\n", "", True),  # a pool named by a sort
        ("pools:\n  planet: Mars\n", "", False),
        ("description: 12\n", "", True),
    ],
)
def test_the_schema_and_check_agree_field_by_field(
    write_facts: WriteFacts, header: str, fact: str, valid: bool
) -> None:
    path = write_facts(BASE.format(header=header, fact=fact))
    checked = check("deck.yaml")
    if "image: 5" in fact:  # the one place check knows more: the file system
        assert schema_errors(path) == [] and checked.exit_code == 1
        return
    assert (schema_errors(path) == []) is valid, schema_errors(path)
    assert (checked.exit_code == 0) is valid, checked.output
