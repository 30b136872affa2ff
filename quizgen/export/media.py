"""The images a deck's facts show, under the flat file names every export refers to them by.

Anki keeps media in one folder per collection and the text formats name images by file name,
so `images/carney.jpg` becomes `carney.jpg`; two different files with the same name in one deck
get their folder path folded into the name instead, so no image ever replaces another.
"""

from __future__ import annotations

import base64
import hashlib
import html
import mimetypes
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from quizgen.facts.loader import LoadedDeck


@dataclass(frozen=True)
class Image:
    """One image file on disk and its name in exports."""

    path: Path
    name: str

    def img_tag(self) -> str:
        """The HTML an Anki field uses to show the image (Anki finds it by this name)."""
        return f'<img src="{html.escape(self.name, quote=True)}">'

    def data_uri(self) -> str:
        """The image inline, for documents that must stand alone (the printable worksheet)."""
        mime = mimetypes.guess_type(self.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(self.path.read_bytes()).decode("ascii")
        return f"data:{mime};base64,{encoded}"


def deck_images(loaded: LoadedDeck) -> dict[str, Image]:
    """Each distinct `image:` value of the deck's facts, mapped to its file and export name."""
    folder = loaded.path.parent
    given = sorted({fact.image for fact in loaded.deck.facts if fact.image})
    files = {value: (folder / value).resolve() for value in given}
    distinct = sorted(set(files.values()))
    by_name = Counter(path.name for path in distinct)
    names: dict[Path, str] = {}
    for path in distinct:
        name = path.name
        if by_name[name] > 1:
            relative = path.relative_to(folder.resolve()).as_posix()
            name = relative.replace("/", "_")
        names[path] = name
    taken = Counter(names.values())
    for path, name in names.items():
        if taken[name] > 1:  # only a folded path that equals some other file's own name
            digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
            names[path] = f"{path.stem}-{digest}{path.suffix}"
    return {value: Image(path=files[value], name=names[files[value]]) for value in given}
