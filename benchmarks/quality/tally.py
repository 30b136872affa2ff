"""Tally a blind rating: OUTDIR/ratings.tsv joined with meta-OUTDIR/*.json, as Markdown tables
by kind and by source ("found by quizgen" is every source but the teacher's own lists).

Usage: python benchmarks/quality/tally.py OUTDIR
       python benchmarks/quality/tally.py --pair MAPPING.json OUTDIR...

A paired read (one rater, two versions of a deck as "DECK-X" and "DECK-Y") names the versions
in MAPPING.json ({"DECK-X": "head", ...}); the meta of version V is beside it in
`meta-P-V/`, where MAPPING.json is `P-mapping.json`. Every table then has a row per version.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

VERDICTS = ["plausible", "weak", "implausible", "also-correct"]


def _meta(folder: Path) -> dict[tuple[str, str, int], dict[str, str]]:
    meta: dict[tuple[str, str, int], dict[str, str]] = {}
    for path in folder.glob("*.json"):
        for row in json.loads(path.read_text(encoding="utf-8")):
            meta[(path.stem, row["question"], int(row["number"]))] = row
    return meta


def main() -> None:
    args = sys.argv[1:]
    versions: dict[str, str] = {}
    metas: dict[str, dict[tuple[str, str, int], dict[str, str]]] = {}
    if args[0] == "--pair":
        mapping = Path(args[1])
        versions = json.loads(mapping.read_text(encoding="utf-8"))
        prefix = mapping.name.removesuffix("-mapping.json")
        for version in set(versions.values()):
            metas[version] = _meta(mapping.parent / f"meta-{prefix}-{version}")
        folders = [Path(a) for a in args[2:]]
    else:
        folders = [Path(args[0])]
        metas[""] = _meta(folders[0].parent / f"meta-{folders[0].name}")
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for folder in folders:
        with (folder / "ratings.tsv").open(encoding="utf-8") as ratings:
            for row in csv.DictReader(ratings, delimiter="\t"):
                deck, version = row["deck"], versions.get(row["deck"], "")
                if version:
                    deck = deck.rsplit("-", 1)[0]  # "physics-discoveries-X"
                info = metas[version][(deck, row["question"], int(row["number"]))]
                verdict = row["verdict"].strip().lower()
                found = info["source"] != "teacher"
                tag = f" ({version})" if version else ""
                who = "found by quizgen" if found else "curated by the teacher"
                groups[("all", who + tag)][verdict] += 1
                groups[("source", info["source"] + tag)][verdict] += 1
                if found:
                    groups[("kind (found by quizgen)", info["kind"] + tag)][verdict] += 1
                    groups[("deck", deck + tag)][verdict] += 1
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
