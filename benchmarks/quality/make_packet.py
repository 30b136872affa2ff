"""Make a blind rating packet: one text file per deck listing every multiple-choice question.

Usage: python benchmarks/quality/make_packet.py OUTDIR DECK.yaml... [--quizgen PATH] [--seed 1]

Each packet file lists the question id, the stem, the key and each wrong option, numbered;
nothing about the code. A sidecar folder beside OUTDIR, meta-<name>/<deck>.json, keeps the
kind and the source of every numbered option, so that ratings can be tallied by kind and by
source afterwards (`tally.py`). The rater, a helper who has not seen the code, reads only the
packet and writes OUTDIR/ratings.tsv: deck, question, number, option, verdict, reason.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path
from typing import Any

import yaml


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir", type=Path)
    parser.add_argument("decks", nargs="+", type=Path)
    parser.add_argument("--quizgen", default="quizgen")
    parser.add_argument("--seed", default="1")
    args = parser.parse_args()
    out: Path = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    meta_dir = out.parent / f"meta-{out.name}"
    meta_dir.mkdir(parents=True, exist_ok=True)
    for deck_path in args.decks:
        deck: dict[str, Any] = yaml.safe_load(deck_path.read_text(encoding="utf-8"))
        command = [args.quizgen, "preview", str(deck_path), "--kind", "mcq", "--json"]
        run = subprocess.run(
            [*command, "--seed", args.seed], capture_output=True, text=True, check=True
        )
        records: list[dict[str, Any]] = json.loads(run.stdout)
        lines = [
            f"Deck: {deck['deck']}",
            "For every numbered wrong option: plausible / weak / implausible / also-correct,",
            "with a reason for each that is not plausible.",
            "",
        ]
        meta = []
        for record in records:
            lines += [
                f"Question {record['fact_id']}",
                f"  Stem: {record['prompt']}",
                f"  Key:  {record['answer']}",
            ]
            number = 0
            for position, option in enumerate(record["options"]):
                if position == record["answer_index"]:
                    continue
                number += 1
                lines.append(f"  {number}. {option}")
                meta.append(
                    {
                        "question": record["fact_id"],
                        "number": number,
                        "option": option,
                        "kind": record["answer_kind"],
                        "source": record["option_sources"][position],
                    }
                )
            lines.append("")
        (out / f"{deck['id']}.txt").write_text("\n".join(lines), encoding="utf-8")
        (meta_dir / f"{deck['id']}.json").write_text(
            json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        print(f"{deck['id']}: {len(records)} questions, {len(meta)} wrong options")


if __name__ == "__main__":
    main()
