"""Which files are fact files: kept free of heavy imports, so start-up work can find them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

FACT_SUFFIXES = (".yaml", ".yml")


def find_fact_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Files as given, and folders searched recursively for .yaml and .yml, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                found
                for found in path.rglob("*")
                if found.suffix.lower() in FACT_SUFFIXES and found.is_file()
            )
        else:
            yield path
