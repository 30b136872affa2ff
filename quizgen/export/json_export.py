"""One deck as JSON: the array `preview --json` prints, for scripts and other tools."""

from __future__ import annotations

import json
from typing import IO

from quizgen.engine.pipeline import PreparedDeck
from quizgen.engine.records import question_record
from quizgen.export.written import Written


def write(prepared: PreparedDeck, out: IO[bytes]) -> Written:
    """Write the deck's questions as one JSON array of `question_record` objects."""
    records = [question_record(question) for question in prepared.questions]
    out.write((json.dumps(records, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return Written(notes=len(records), cards=len(records))
