"""The images a deck's facts show, under the flat file names every export refers to them by.

Anki keeps media in one folder per collection and the text formats name images by file name,
so `images/carney.jpg` becomes `carney.jpg`; two different files with the same name in one deck
get their folder path folded into the name instead, so no image ever replaces another.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import mimetypes
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from quizgen.errors import OutputError
from quizgen.facts.loader import LoadedDeck
from quizgen.reading import NotReadable, open_confined


@dataclass(frozen=True)
class Image:
    """One image file on disk and its name in exports."""

    path: Path  # resolved when the deck's images were listed
    name: str
    folder: Path  # the fact file's folder, resolved: the image must stay inside it

    @contextlib.contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """The image opened for reading, checked at this moment (a regular file inside the
        fact file's folder, within MAX_MEDIA_BYTES): a file swapped for a symlink to
        somewhere else since `check` is refused, never copied into a package."""
        try:
            if not self.path.is_relative_to(self.folder):
                raise NotReadable("leads outside the fact file's folder", outside=True)
            with open_confined(self.folder, str(self.path.relative_to(self.folder))) as handle:
                yield handle
        except NotReadable as error:
            raise OutputError(
                f"image {self.name}: {error}; it changed after the facts were checked: "
                "put the image file back and build again"
            ) from None

    def read(self) -> bytes:
        """The image's bytes, read once through `open`."""
        with self.open() as handle:
            return handle.read()

    def img_tag(self) -> str:
        """The HTML an Anki field uses to show the image (Anki finds it by this name)."""
        return f'<img src="{html.escape(self.name, quote=True)}">'

    def data_uri(self) -> str:
        """The image inline, for documents that must stand alone (the printable worksheet)."""
        mime = mimetypes.guess_type(self.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(self.read()).decode("ascii")
        return f"data:{mime};base64,{encoded}"


def _resolved(path: Path) -> Path:
    """The path with symlinks resolved; as it is when they loop (changed since `check`: then
    `Image.open` refuses it with a clear error)."""
    try:
        return path.resolve()
    except RuntimeError:
        return path.absolute()


def deck_images(loaded: LoadedDeck) -> dict[str, Image]:
    """Each distinct `image:` value of the deck's facts, mapped to its file and export name."""
    folder = loaded.path.parent
    given = sorted({fact.image for fact in loaded.deck.facts if fact.image})
    files = {value: _resolved(folder / value) for value in given}
    distinct = sorted(set(files.values()))
    by_name = Counter(path.name for path in distinct)
    names: dict[Path, str] = {}
    for path in distinct:
        name = path.name
        if by_name[name] > 1:
            inside = path.is_relative_to(folder.resolve())
            relative = path.relative_to(folder.resolve()).as_posix() if inside else path.name
            name = relative.replace("/", "_")
        names[path] = name
    taken = Counter(names.values())
    for path, name in names.items():
        if taken[name] > 1:  # only a folded path that equals some other file's own name
            digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
            names[path] = f"{path.stem}-{digest}{path.suffix}"
    root = folder.resolve()
    return {
        value: Image(path=files[value], name=names[files[value]], folder=root) for value in given
    }
