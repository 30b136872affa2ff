"""Which files are fact files: kept free of heavy imports, so start-up work can find them."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

FACT_SUFFIXES = (".yaml", ".yml")


@dataclass
class FoundFiles:
    """The fact files under some paths, each once, and the folders that could not be read."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # folder, why


def fact_files(paths: Sequence[Path]) -> FoundFiles:
    """Files as given, and folders searched recursively for .yaml and .yml, in a stable order.

    A file named twice (`deck.yaml` and `./facts/`, a symlink, a hard link) is listed once, so
    it never clashes with itself; a folder that cannot be read is listed, not skipped.
    """
    found = FoundFiles()
    seen: set[object] = set()
    for path in paths:
        for file in _files_under(path, found):
            identity = _identity(file)
            if identity not in seen:
                seen.add(identity)
                found.files.append(file)
    return found


def _files_under(path: Path, found: FoundFiles) -> list[Path]:
    if not path.is_dir():
        return [path]

    def unreadable(error: OSError) -> None:
        folder = Path(error.filename) if error.filename else path
        found.unreadable.append((folder, error.strerror or str(error)))

    files = []
    for folder, _, names in os.walk(path, onerror=unreadable):
        for name in names:
            file = Path(folder, name)
            if file.suffix.lower() in FACT_SUFFIXES and file.is_file():
                files.append(file)
    return sorted(files)


def _identity(file: Path) -> object:
    try:
        status = file.stat()
    except OSError:
        return os.path.abspath(file)
    return (status.st_dev, status.st_ino)


def find_fact_files(paths: Sequence[Path]) -> Iterator[Path]:
    """The fact files under `paths` (see fact_files), each once."""
    yield from fact_files(paths).files
