"""Tally a blind rating: OUTDIR/ratings.tsv joined with meta-OUTDIR/*.json, as Markdown tables
by kind and by source ("found by quizgen" is every source but the teacher's own lists).

Usage: python benchmarks/quality/tally.py OUTDIR
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

VERDICTS = ["plausible", "weak", "implausible", "also-correct"]


def main() -> None:
    folder = Path(sys.argv[1])
    meta: dict[tuple[str, str, int], dict[str, str]] = {}
    for path in (folder.parent / f"meta-{folder.name}").glob("*.json"):
        for row in json.loads(path.read_text(encoding="utf-8")):
            meta[(path.stem, row["question"], int(row["number"]))] = row
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with (folder / "ratings.tsv").open(encoding="utf-8") as ratings:
        for row in csv.DictReader(ratings, delimiter="\t"):
            info = meta[(row["deck"], row["question"], int(row["number"]))]
            verdict = row["verdict"].strip().lower()
            found = info["source"] != "teacher"
            groups[("all", "found by quizgen" if found else "curated by the teacher")][verdict] += 1
            groups[("source", info["source"])][verdict] += 1
            if found:
                groups[("kind (found by quizgen)", info["kind"])][verdict] += 1
            groups[("deck", row["deck"])][verdict] += 1
    for group in ["all", "kind (found by quizgen)", "source", "deck"]:
        print(f"\n| {group} | options | " + " | ".join(VERDICTS) + " |")
        print("| --- | ---: | " + " | ".join("---:" for _ in VERDICTS) + " |")
        for (name_group, name), counts in sorted(groups.items()):
            if name_group == group:
                total = sum(counts.values())
                cells = " | ".join(f"{100 * counts[v] / total:.0f}%" for v in VERDICTS)
                print(f"| {name} | {total} | {cells} |")


if __name__ == "__main__":
    main()
