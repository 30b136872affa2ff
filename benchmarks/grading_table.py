"""Typed answers of every kind through `quizgen quiz` with piped input: verdict and feedback.

    python benchmarks/grading_table.py > table.md

Each answer is typed into a real `quizgen quiz` run (one fact per run, chosen by its tag), and
the table shows what the student saw: the verdict line and the note under it (how the answer
was read, or why it is wrong), or the notice when the quiz asked again. History goes to a
temporary folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

#: (id, kind, answer, text, extra fields): one fact per kind of answer.
FACTS = [
    ("pledge-usd", "money", "$2.5 billion", "The U.S. pledged $2.5 billion.", {}),
    (
        "pledge-cad",
        "money",
        "$2.5 billion",
        "Canada pledged $2.5 billion.",
        {"currency": "CAD", "accept": ["2.5 billion dollars"]},
    ),
    ("fund-eur", "money", "€3 million", "The fund holds €3 million.", {}),
    ("jug", "number", "5 litres", "The jug holds 5 litres.", {}),
    ("track", "number", "1,500 m", "The track is 1,500 m long.", {}),
    ("voyage", "number", "120 days", "The voyage took 120 days.", {}),
    ("boil", "number", "100 °C", "Water boils at 100 °C.", {}),
    ("points", "number", "20", "The plan has 20 points.", {}),
    ("legs", "number", "4", "A dog has 4 legs.", {}),
    ("crowd", "number", "20,000", "20,000 people came.", {}),
    ("share", "percent", "90%", "The plan is 90% complete.", {}),
    ("annexation", "year", "2014", "Crimea was annexed in 2014.", {}),
    ("founding", "year", "1928", "It was founded in 1928.", {}),
    ("season", "term", "1928-1929", "The record fell in the 1928-1929 season.", {}),
    ("invasion", "date", "24 February 2022", "The invasion began on 24 February 2022.", {}),
    ("podium", "term", "1st", "She finished 1st.", {}),
    ("cpp", "term", "C++", "Stroustrup created C++.", {}),
    ("carney", "person", "Mark Carney", "Canada's Prime Minister is Mark Carney.", {}),
    ("minsk", "term", "the Minsk agreements", "The earlier deals were the Minsk agreements.", {}),
]


def deck_text() -> str:
    """The fact file: every fact tagged with its id, so that one quiz run asks one fact."""
    facts = [
        {"id": i, "kind": kind, "answer": answer, "text": text, "tags": [i], **extra}
        for i, kind, answer, text, extra in FACTS
    ]
    header = {"id": "grading-table", "deck": "Grading table", "currency": "USD"}
    return yaml.safe_dump({**header, "facts": facts}, allow_unicode=True, sort_keys=False)


TYPED = {
    "pledge-usd": [
        "$2.5 billion", "2.5bn", "$2,500 million", "2,5 billion", "two and a half billion",
        "about $2.5 billion", "US$2.5 billion", "2.5 billion Canadian dollars", "€2.5 billion",
        "$2.6 billion", "2.5", "2-3 billion", "2.500",
    ],
    "pledge-cad": [
        "$2.5 billion", "C$2.5 billion", "CA$2.5 billion", "CAD 2.5 billion",
        "2.5 billion Canadian dollars", "2.5 billion dollars", "US$2.5 billion", "USD 2.5 billion",
        "2.5 billion US dollars",
    ],
    "fund-eur": ["3m euros", "EUR 3 million", "3 million", "£3 million", "$3 million"],
    "jug": ["5,000 ml", "5 l", "5000 millilitres", "5 gallons", "5 kg", "50 dl", "six"],
    "track": ["1.5 km", "1500m", "1,500 metres", "1.5 miles", "1,500 seconds"],
    "voyage": ["120 days", "2,880 hours", "120 years", "about 4 months"],
    "boil": ["212 °F", "373.15 K", "100 °F"],
    "points": ["twenty", "20", "21", "about 20", "20-25", "more than 20", "20 or 21"],
    "legs": ["four", "4", "five", "a dozen"],
    "crowd": ["20000", "20 000", "twenty thousand", "20k", "2.000", "20,001", "20.000"],
    "share": ["90 percent", "ninety percent", "90", "$90", "91%", "80-90%"],
    "annexation": ["in 2014", "2014", "2015", "2010s", "2014-2015"],
    "founding": ["around 1928", "1928-1929", "1920s", "the 20s", "1929"],
    "season": ["1928-29", "1928 to 1929", "1928", "1929-1930"],
    "invasion": ["24 Feb 2022", "2022-02-24", "February 24, 2022", "25 February 2022", "2022"],
    "podium": ["first", "1st", "second", "2nd"],
    "cpp": ["C++", "c++", "C#", "C"],
    "carney": ["Carney, Mark", "mark carney", "Mark Carny", "Justin Trudeau"],
    "minsk": ["Minsk agreements", "the minsk agreement", "Minsk accords"],
}  # fmt: skip

KINDS = {
    "pledge-usd": "money (deck USD)",
    "pledge-cad": "money (fact CAD)",
    "fund-eur": "money (EUR)",
    "jug": "number + unit",
    "track": "number + unit",
    "voyage": "number + unit",
    "boil": "number + unit",
    "points": "number",
    "legs": "number",
    "crowd": "number",
    "share": "percent",
    "annexation": "year",
    "founding": "year",
    "season": "range",
    "invasion": "date",
    "podium": "ordinal",
    "cpp": "term (symbols)",
    "carney": "person",
    "minsk": "term",
}

_VERDICT = re.compile(r"^(Right|Wrong|Skipped)")


def quizgen() -> str:
    return str(Path(sys.executable).with_name("quizgen"))


def run(deck: Path, home: Path, fact: str, typed: str) -> tuple[str, str]:
    """(verdict line, feedback line) as the student saw them."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "NO_COLOR": "1"}
    done = subprocess.run(
        [quizgen(), "quiz", str(deck), "--kind", "cloze", "--tag", fact],
        input=typed + "\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Answer: "))
    after = lines[start + 1 :]
    verdict = next((line for line in after if _VERDICT.match(line)), "")
    if not verdict:  # asked again: the notice is what the student saw
        notice = next((line.strip() for line in after if line.strip()), "")
        return "asked again", notice
    index = after.index(verdict)
    note = after[index + 1].strip() if index + 1 < len(after) else ""
    return verdict, note if note.startswith("(") else ""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "grading-table.yaml"
        deck.write_text(deck_text(), encoding="utf-8")
        home = Path(folder) / "home"
        keys = {i: answer for i, _, answer, _, _ in FACTS}
        rows = []
        for fact, answers in TYPED.items():
            shown = keys[fact]
            for typed in answers:
                verdict, note = run(deck, home, fact, typed)
                rows.append((KINDS[fact], shown, typed, verdict, note))
    print("| # | kind | key | typed | verdict | feedback |")
    print("|---|---|---|---|---|---|")
    for number, (kind, key_text, typed, verdict, note) in enumerate(rows, 1):
        cells = [str(number), kind, key_text, typed, verdict, note]
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    right = sum(row[3].startswith("Right") for row in rows)
    print(f"\n{len(rows)} typed answers: {right} right, {len(rows) - right} not.")


if __name__ == "__main__":
    main()
