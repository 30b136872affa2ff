"""One deck as JSON: the array `preview --json` prints, for scripts and other tools."""

from __future__ import annotations

import json
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.records import question_record
from quizgen.export.written import Written
from quizgen.visible import json_visible


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the deck's questions as one JSON array of `question_record` objects."""
    records = [question_record(question) for question in prepared.questions]
    # Control and invisible characters as \u escapes: the same values, safe to `cat`.
    text = json_visible(json.dumps(records, indent=2, ensure_ascii=False))
    out.write((text + "\n").encode("utf-8"))
    return Written(notes=len(records), cards=len(records))
