"""quizgen against plain genanki on the same work, at 1,000, 10,000 and 100,000 facts.

Run from the repository root, in the environment the README sets up:

    .venv/bin/python benchmarks/bench.py            # all sizes (about 5 minutes on 2 cores)
    .venv/bin/python benchmarks/bench.py --sizes 1000 10000

Every step runs in its own process, so each peak memory figure is that step's alone (a build
forks one worker per extra core for question generation: "peak MB" is the largest single
process, "CPU s" counts every process, "x CPU" is CPU seconds against plain genanki's). Each
size runs twice: on every core, and pinned to one core with `taskset -c 0` (`--cores`). Ratios
are against plain genanki writing the same number of notes with the same fields (the floor that
any Anki exporter pays); the two "floor" rows are our own floor: libyaml parsing (PyYAML's
`yaml.load`, or only libyaml's event stream, with no Python objects made) plus writing the same
notes, with no validation and no generation.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_deck  # noqa: E402

PYTHON = sys.executable
QUIZGEN = str(Path(PYTHON).with_name("quizgen"))

# Plain genanki: the very notes quizgen wrote (fields, tags and GUIDs read back from its
# package), written by genanki's own Note and Package with no quizgen code at all.
GENANKI_PLAIN = """
import json, sys, genanki
notes, out = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2]
width = {}
for note in notes:
    width[note["cloze"]] = len(note["fields"])
models = {
    cloze: genanki.Model(
        1607392320 if cloze else 1607392319, "Cloze" if cloze else "MCQ",
        model_type=genanki.Model.CLOZE if cloze else genanki.Model.FRONT_BACK,
        fields=[{"name": f"F{i}"} for i in range(count)],
        templates=[{"name": "Card", "qfmt": "{{cloze:F0}}" if cloze else "{{F0}}<br>{{F1}}",
                    "afmt": "{{cloze:F0}}<br>{{F1}}" if cloze else "{{FrontSide}}<hr>{{F2}}"}])
    for cloze, count in width.items()
}
deck = genanki.Deck(2059400110, "Plain")
for note in notes:
    deck.add_note(genanki.Note(model=models[note["cloze"]], fields=note["fields"],
                               tags=note["tags"], guid=note["guid"]))
genanki.Package(deck).write_to_file(out)
"""


def notes_of(package: Path, destination: Path) -> Path:
    """Read the notes back out of a built package into JSON, for plain genanki to rewrite."""
    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as folder:
        archive.extract("collection.anki2", folder)
        with closing(sqlite3.connect(Path(folder) / "collection.anki2")) as db:
            cloze_models = {
                int(mid)
                for mid, model in json.loads(
                    db.execute("select models from col").fetchone()[0]
                ).items()
                if model["type"] == 1
            }
            notes = [
                {
                    "guid": guid,
                    "cloze": mid in cloze_models,
                    "fields": flds.split("\x1f"),
                    "tags": tags.split(),
                }
                for guid, mid, flds, tags in db.execute("select guid, mid, flds, tags from notes")
            ]
    destination.write_text(json.dumps(notes), encoding="utf-8")
    return destination


# Our floor: libyaml parses the fact file, and the same notes go straight into genanki.
OUR_FLOOR = """
import sys, yaml, genanki
path, out = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as handle:
    data = yaml.load(handle, Loader=yaml.CSafeLoader)
mcq = genanki.Model(1607392319, "MCQ", fields=[{"name": f} for f in
    ["Question", "Options", "Answer", "Explanation", "Source", "FactId"]],
    templates=[{"name": "Card", "qfmt": "{{Question}}<br>{{Options}}",
                "afmt": "{{FrontSide}}<hr>{{Answer}}"}])
cloze = genanki.Model(1607392320, "Cloze", model_type=genanki.Model.CLOZE,
    fields=[{"name": f} for f in ["Text", "Extra", "Source", "FactId"]],
    templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Extra}}"}])
deck = genanki.Deck(2059400110, data["deck"])
for fact in data["facts"]:
    text, answer = str(fact["text"]), str(fact["answer"])
    deck.add_note(genanki.Note(model=mcq, fields=[text, "A<br>B<br>C<br>D", answer,
        str(fact.get("explanation", "")), "Source", fact["id"]],
        guid=genanki.guid_for("m", fact["id"])))
    deck.add_note(genanki.Note(model=cloze, fields=[
        text.replace(answer, "{{c1::" + answer + "}}", 1), str(fact.get("explanation", "")),
        "Source", fact["id"]], guid=genanki.guid_for("c", fact["id"])))
genanki.Package(deck).write_to_file(out)
"""

# The least a reader built on libyaml's event stream pays (our loader reads it so): events
# folded into plain dicts and lists by the simplest loop (no lines, no checks, no anchors),
# then the same notes as above, written by genanki.
EVENTS_FLOOR = OUR_FLOOR.replace(
    """with open(path, encoding="utf-8") as handle:
    data = yaml.load(handle, Loader=yaml.CSafeLoader)""",
    """with open(path, encoding="utf-8") as handle:
    text = handle.read()
stack, keys, data = [], [], None
for event in yaml.parse(text, Loader=yaml.CSafeLoader):
    kind = type(event)
    if kind in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
        if kind is yaml.ScalarEvent:
            if stack and type(stack[-1]) is dict and keys[-1] is None:
                keys[-1] = event.value
                continue
            value = event.value
        else:
            value = {} if kind is yaml.MappingStartEvent else []
        if not stack:
            data = value
        elif type(stack[-1]) is list:
            stack[-1].append(value)
        else:
            stack[-1][keys[-1]] = value
            keys[-1] = None
        if kind is not yaml.ScalarEvent:
            stack.append(value)
            keys.append(None)
    elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
        stack.pop()
        keys.pop()""",
)
assert EVENTS_FLOOR != OUR_FLOOR

LOAD = """
import sys
from pathlib import Path
from quizgen.facts.loader import load_decks
load_decks([Path(sys.argv[1])])
"""

GENERATE = """
import sys, time
from pathlib import Path
from quizgen.speed import paused_collector, split_map
from quizgen.facts.loader import load_decks
from quizgen.engine.questions import deck_questions
deck = load_decks([Path(sys.argv[1])])[0].deck
start = time.perf_counter()
with paused_collector():  # as the CLI runs it
    deck_questions(deck, mapper=split_map)
print(time.perf_counter() - start)
"""


@dataclass(frozen=True)
class Run:
    """Wall time, CPU time and peak resident memory of one process (and its workers)."""

    seconds: float
    cpu: float  # user + system, the forked workers included
    peak_mb: float  # of the largest single process
    stdout: str


#: Prefixes that pin a step's processes: all the machine's cores, or one (`taskset -c 0`).
CORES = {"all": [], "1": ["taskset", "-c", "0"]}
PINNED: list[str] = []  # the prefix of the runs in progress


def run(args: list[str]) -> Run:
    """Run a process to the end; its own peak RSS comes from wait4, not from ours."""
    args = [*PINNED, *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(args)} failed:\n{err.read()}")
        out.seek(0)
        return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read())


def python(code: str, *args: str) -> list[str]:
    """The command line that runs a snippet in a fresh interpreter."""
    return [PYTHON, "-c", textwrap.dedent(code), *args]


def best_of(times: int, args: list[str]) -> Run:
    """The fastest of a few runs: the least disturbed by other work on the machine."""
    return min((run(args) for _ in range(times)), key=lambda r: r.seconds)


def time_to_first_question(path: Path) -> float:
    """Seconds from starting `quizgen quiz` to its first question on screen (piped, plain)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [QUIZGEN, "quiz", str(path), "--seed", "1", "--plain", "-n", "5"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QUIZGEN_HOME": tempfile.mkdtemp()},
    )
    assert process.stdout is not None and process.stdin is not None
    seen = ""
    while "1/5" not in seen:
        line = process.stdout.readline()
        if not line:
            break
        seen += line
    elapsed = time.perf_counter() - start
    process.stdin.write("q\n")
    process.stdin.close()
    process.wait()
    return elapsed


def main() -> None:
    """Write the decks, run every step, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="best of N for sizes <= 10,000")
    parser.add_argument(
        "--cores",
        nargs="+",
        choices=list(CORES),
        default=list(CORES),
        help="all: every core; 1: every step pinned to one core with taskset",
    )
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, work in {work}\n")
    header = (
        f"{'cores':>5} {'facts':>7} {'step':<32} {'seconds':>8} {'x genanki':>9} {'CPU s':>6} "
        f"{'x CPU':>6} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    first_question: dict[int, float] = {}
    decks = {size: write_deck(work / f"deck-{size}.yaml", size) for size in options.sizes}
    for cores, size in [(cores, size) for cores in options.cores for size in options.sizes]:
        PINNED[:] = CORES[cores]
        shown = "all" if cores == "all" else cores
        deck = decks[size]
        out = work / f"out-{cores}-{size}"
        out.mkdir()
        repeat = options.repeat if size <= 10_000 else 1
        build = best_of(repeat, [QUIZGEN, "build", str(deck), "--out", str(out)])
        notes = notes_of(out / f"synthetic-{size}.apkg", out / "notes.json")
        plain = best_of(repeat, python(GENANKI_PLAIN, str(notes), str(out / "p.apkg")))
        rows = [
            ("plain genanki (same notes)", plain),
            (
                "floor: yaml.load + genanki",
                best_of(repeat, python(OUR_FLOOR, str(deck), str(out / "f.apkg"))),
            ),
            (
                "floor: libyaml events + genanki",
                best_of(repeat, python(EVENTS_FLOOR, str(deck), str(out / "e.apkg"))),
            ),
            ("load + validate", best_of(repeat, python(LOAD, str(deck)))),
            ("quizgen build (.apkg)", build),
        ]
        generation = run(python(GENERATE, str(deck)))
        for name, result in rows:
            ratio = result.seconds / plain.seconds
            print(
                f"{shown:>5} {size:>7} {name:<32} {result.seconds:>8.2f} {ratio:>9.2f} "
                f"{result.cpu:>6.2f} {result.cpu / plain.cpu:>6.2f} {result.peak_mb:>8.0f}"
            )
        print(
            f"{shown:>5} {size:>7} {'question generation only':<32} "
            f"{float(generation.stdout):>8.2f} {float(generation.stdout) / plain.seconds:>9.2f}"
        )
        if size <= 10_000 and cores == "all":
            first_question[size] = min(time_to_first_question(deck) for _ in range(repeat))
        print()
    PINNED[:] = []
    for size, seconds in first_question.items():
        print(f"time to first question of `quizgen quiz` at {size:>6} facts: {seconds:.2f} s")
    help_run = best_of(5, [QUIZGEN, "--help"])
    typer_run = best_of(5, python("import typer"))
    print(
        f"`quizgen --help`: {help_run.seconds:.3f} s; `python -c 'import typer'`: "
        f"{typer_run.seconds:.3f} s; ratio {help_run.seconds / typer_run.seconds:.2f}"
    )


if __name__ == "__main__":
    main()
