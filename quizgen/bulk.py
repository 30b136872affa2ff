"""Pausing Python's cycle collector while a deck becomes objects.

Loading, generating and writing make hundreds of thousands of objects that form no reference
cycles (a collection after each step of a 10,000-fact build finds nothing to free), yet every
full collection walks them all: a tenth of a build's time, and in a forked worker it also
copies the parent's memory page by page. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def bulk_allocation() -> Iterator[None]:
    """The cycle collector paused inside the block (and left as it was after it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
