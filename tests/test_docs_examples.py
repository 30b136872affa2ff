"""The console examples in the docs are run, and must print what the docs say they print.

Every ```console block of README.md and docs/*.md is an example a reader can paste:
- a line starting with `$ ` is a command (run by bash, so pipes and `printf` work, with the
  installed `quizgen` first on PATH and nothing on standard input); the lines after it, up to
  the next command or the end of the block, are what it prints (stdout and stderr together, as
  a terminal shows them; trailing spaces and blank lines at the end do not count);
- `...` on a line of its own stands for any number of lines (none included), and a line ending
  in `...` for any rest of that line: the marker for output that legitimately varies (paths
  of the history, dates, timings) or is cut short;
- a command shown without output is run but its output is not compared;
- a command must exit 0, unless what it prints includes an `Error:` line (then non-zero).

The commands of one file run in order in one sandbox: a temporary folder holding a copy of the
shipped `facts/` and of every file in tests/docs_files/ (the articles and broken fact files the
examples use), with its own history (QUIZGEN_HOME), no colour, 100 columns and UTC. A file
that is illustration only belongs in a ```sh or ```text block, which is never run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from markdown_it import MarkdownIt
from quiz_support import QUIZGEN, TIMEOUT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Docs whose examples are known not to hold yet, each with the reason. Strict: once one
#: holds, its test fails until the entry is removed, so none stays here by accident.
NOT_YET: dict[str, str] = {}
DOCS_FILES = Path(__file__).resolve().parent / "docs_files"
ANY = "..."


@dataclass(frozen=True)
class Example:
    """One command of a console block and the output the doc shows for it."""

    line: int  # 1-based, in the doc
    command: str
    expected: tuple[str, ...]


def examples(text: str) -> list[Example]:
    """Every `$ ` command of the ```console blocks, in order."""
    found: list[Example] = []
    for token in MarkdownIt().parse(text):
        if token.type != "fence" or token.info.split()[:1] != ["console"] or not token.map:
            continue
        lines = token.content.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for at, start in enumerate(starts):
            end = starts[at + 1] if at + 1 < len(starts) else len(lines)
            output = [line.rstrip() for line in lines[start + 1 : end]]
            while output and not output[-1]:
                output.pop()
            first = token.map[0] + 2  # the fence's own line comes first
            found.append(Example(first + start, lines[start][2:], tuple(output)))
    return found


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Line by line, with `...` for any lines (alone) or any rest of a line (at its end)."""
    memo: dict[tuple[int, int], bool] = {}

    def match(e: int, a: int) -> bool:
        if (e, a) not in memo:
            if e == len(expected):
                result = a == len(actual)
            elif expected[e] == ANY:
                result = any(match(e + 1, later) for later in range(a, len(actual) + 1))
            elif a == len(actual):
                result = False
            elif expected[e].endswith(ANY):
                result = actual[a].startswith(expected[e][: -len(ANY)]) and match(e + 1, a + 1)
            else:
                result = expected[e] == actual[a] and match(e + 1, a + 1)
            memo[(e, a)] = result
        return memo[(e, a)]

    return match(0, 0)


def sandbox(folder: Path) -> dict[str, str]:
    """The shipped facts and the docs' files in `folder`, and the environment to run in."""
    shutil.copytree(ROOT / "facts", folder / "facts")
    if DOCS_FILES.is_dir():
        shutil.copytree(DOCS_FILES, folder, dirs_exist_ok=True)
    keep = {"PATH", "LANG", "LC_ALL", "SYSTEMROOT"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        PATH=f"{QUIZGEN.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        HOME=str(folder / "user"),
        QUIZGEN_HOME=str(folder / "user" / "quizgen"),
        NO_COLOR="1",
        TERM="dumb",
        COLUMNS="100",
        TZ="UTC",
        PYTHONUTF8="1",
    )
    return env


def run(example: Example, cwd: Path, env: dict[str, str]) -> str | None:
    """None when the example holds, else what went wrong."""
    done = subprocess.run(
        ["bash", "-c", example.command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT,
    )
    actual = [line.rstrip() for line in done.stdout.splitlines()]
    while actual and not actual[-1]:
        actual.pop()
    failing = any(line.startswith("Error:") for line in example.expected)
    if failing != (done.returncode != 0):
        want = "non-zero" if failing else "0"
        return f"exit {done.returncode}, the doc implies {want}:\n{done.stdout}"
    if example.expected and not matches(example.expected, actual):
        return "printed:\n" + "\n".join(actual) + "\ninstead of:\n" + "\n".join(example.expected)
    return None


def _doc_param(path: Path) -> Any:
    name = path.relative_to(ROOT).as_posix()
    marks = [pytest.mark.xfail(strict=True, reason=NOT_YET[name])] if name in NOT_YET else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.slow
@pytest.mark.parametrize("doc", [_doc_param(path) for path in DOCS])
def test_the_console_examples_print_what_the_docs_show(doc: Path, tmp_path: Path) -> None:
    env = sandbox(tmp_path)
    failures = []
    for example in examples(doc.read_text(encoding="utf-8")):
        problem = run(example, tmp_path, env)
        if problem:
            name = doc.relative_to(ROOT).as_posix()
            failures.append(f"{name}:{example.line}: $ {example.command}\n{problem}")
    assert not failures, "\n\n".join(failures)


# --- the checker itself -------------------------------------------------------------------------


def test_examples_are_read_from_console_blocks_only_with_their_lines() -> None:
    text = "\n".join(
        [
            "# Doc",  # 1
            "```console",  # 2
            "$ quizgen list",  # 3
            "Deck [d] 2 facts",  # 4
            "",  # 5
            "$ quizgen stats",  # 6
            "```",  # 7
            "```sh",  # 8
            "$ not run",  # 9
            "```",  # 10
        ]
    )
    assert examples(text) == [
        Example(3, "quizgen list", ("Deck [d] 2 facts",)),
        Example(6, "quizgen stats", ()),
    ]


@pytest.mark.parametrize(
    ("expected", "actual", "holds"),
    [
        (("a", "b"), ["a", "b"], True),
        (("a", "b"), ["a", "c"], False),
        (("a",), ["a", "b"], False),  # output the doc does not show is a difference
        (("a", ANY), ["a", "b", "c"], True),
        (("a", ANY, "d"), ["a", "d"], True),
        (("a", ANY, "d"), ["a", "b", "c", "d"], True),
        (("a", ANY, "d"), ["a", "b", "c"], False),
        (("History: ...",), ["History: /tmp/x/history.sqlite3"], True),
        (("History: ...",), ["Histories"], False),
    ],
)
def test_the_ellipsis_marker(expected: tuple[str, ...], actual: list[str], holds: bool) -> None:
    assert matches(expected, actual) is holds
