"""Synthetic valid fact files of every kind, at any size, for benchmarks and scale tests."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ["Ada", "Grace", "Alan", "Marie", "Niels", "Rosalind", "Emmy", "Carl", "Lise", "Enrico"]
LAST = ["Lovelace", "Hopper", "Turing", "Curie", "Bohr", "Franklin", "Noether", "Gauss", "Meitner"]
PLACES = ["Lisbon", "Oslo", "Quito", "Hanoi", "Accra", "Lima", "Riga", "Perth", "Cusco", "Turin"]
# Of one type and field, as a teacher's deck would be: "run by" any of them reads alike.
ORGS = ["the UNDP", "the World Bank", "the ILO", "the OECD", "UNRWA", "the African Union"]
TERMS = ["photosynthesis", "plate tectonics", "inflation", "osmosis", "entropy", "erosion"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _fact(i: int, rng: random.Random) -> list[str]:
    """One fact of the i-th kind in rotation, as YAML lines."""
    kind = i % 9
    fid = f"fact-{i}"
    topic = f"Topic {i % 25}"
    extra: list[str] = []
    if kind == 0:
        answer = f"${rng.randint(1, 95)}.{rng.randint(1, 9)} billion"
        text = f"Project {i} was funded with {answer} over ten years."
    elif kind == 1:
        answer = str(rng.randint(12, 9000))
        text = f"Survey {i} counted {answer} nesting pairs on the island."
    elif kind == 2:
        answer = f"{rng.randint(5, 95)}%"
        text = f"In study {i}, {answer} of the samples tested positive."
    elif kind == 3:
        answer = str(rng.randint(1600, 2020))
        text = f"Treaty {i} was signed in {answer} after long talks."
    elif kind == 4:
        answer = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1900, 2020)}"
        text = f"Expedition {i} set out on {answer} from the harbour."
    elif kind == 5:
        answer = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        text = f"The method of case {i} was first described by {answer}."
        extra = ["    kind: person"]
    elif kind == 6:
        answer = f"{rng.choice(PLACES)}"
        text = f"Meeting {i} took place in {answer} in spring."
        extra = ["    kind: place"]
    elif kind == 7:
        answer = rng.choice(ORGS)
        text = f"Programme {i} is run by {answer} with local partners."
        extra = ["    kind: organization"]
    else:
        answer = rng.choice(TERMS)
        text = f"Lesson {i} explains {answer} with a simple experiment."
        others = [t for t in TERMS if t != answer][:3]
        extra = [f"    distractors: [{', '.join(others)}]"]
    return [
        f"  - id: {fid}",
        f"    topic: {topic}",
        f'    text: "{text}"',
        f'    answer: "{answer}"',
        *extra,
        f"    explanation: Explanation for fact {i}, short as a teacher would write it.",
        f"    tags: [kind-{kind}]",
    ]


def write_deck(path: Path, facts: int, seed: int = 0) -> Path:
    """Write a valid fact file with `facts` facts spread over every kind."""
    rng = random.Random(seed)
    lines = [
        f"id: synthetic-{facts}",
        f"deck: Synthetic {facts}",
        "as_of: 2025",
        "tags: [synthetic]",
        "pools:",
        f"  person: [{', '.join(f'{f} {last}' for f, last in zip(FIRST, LAST, strict=False))}]",
        f"  place: [{', '.join(PLACES)}, Nairobi, Santiago]",
        f"  organization: [{', '.join(ORGS)}, the World Food Programme, the United Nations]",
        "facts:",
    ]
    for i in range(facts):
        lines += _fact(i, rng)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
