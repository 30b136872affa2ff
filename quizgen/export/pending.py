"""Re-import clean-ups still owed to learners, kept beside the package until it is published.

Anki's import never deletes a note or moves a card, so a learner must do both by hand for
every fact removed or moved since the package they last imported. Comparing with the package
being replaced alone tells the teacher once, on the first rebuild, and a second rebuild before
publishing would forget it. So the facts whose removal or move is still owed are remembered in
a small sidecar (`<deck-id>.reimport.json`, next to the package), with the subdeck they had in
the last published package, and every build reports against that. `build --published` says
"this build is what learners get": its notes are printed once more and the sidecar removed.

The sidecar holds only the changed facts (fact id -> subdeck name), and the facts added since
(a fact added and removed again before publishing is owed nothing), so it stays small; facts
without an entry are where the package being replaced put them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.atomic import write_atomic

SUFFIX = ".reimport.json"
_VERSION = 1


def pending_path(package: Path, deck_id: str) -> Path:
    """The sidecar of a deck's package."""
    return package.with_name(f"{deck_id}{SUFFIX}")


@dataclass(frozen=True)
class Pending:
    """What the last published package had, where it differs from the package on disk."""

    owed: dict[str, str] = field(default_factory=dict)  # fact id -> published subdeck
    added: frozenset[str] = frozenset()  # facts built since, that learners never had


def read_pending(path: Path) -> Pending:
    """The sidecar's content (empty without one). Raises OSError or ValueError for a damaged
    one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Pending()
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise ValueError("not a quizgen re-import file of this version")
    facts, added = data.get("facts"), data.get("added", [])
    if not isinstance(facts, dict) or not isinstance(added, list):
        raise ValueError("not a quizgen re-import file of this version")
    return Pending({str(k): str(v) for k, v in facts.items()}, frozenset(map(str, added)))


def write_pending(path: Path, deck_id: str, pending: Pending) -> None:
    """Remember what is owed, or remove the sidecar when nothing is. Additions alone are not
    kept: without a sidecar the package on disk counts as published, which may report a fact
    learners never had, never miss one they have."""
    if not pending.owed:
        path.unlink(missing_ok=True)
        return
    data = {
        "version": _VERSION,
        "deck": deck_id,
        "facts": pending.owed,
        "added": sorted(pending.added),
    }
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    write_atomic(path, text.encode("utf-8"))
