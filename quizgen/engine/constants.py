"""Names shared by the engine and the CLI, kept free of heavy imports so `--help` starts fast."""

from __future__ import annotations

from enum import StrEnum

DEFAULT_OPTIONS = 4
DEFAULT_SEED = 0


class QuestionKind(StrEnum):
    """The two question shapes; `--kind` filters by these names."""

    MCQ = "mcq"
    CLOZE = "cloze"


ALL_KINDS = frozenset(QuestionKind)
