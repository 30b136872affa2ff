"""Reading a file a user named, safely: only regular files, and only up to a size.

A FIFO or a device named as input (`/dev/zero`, a pipe nobody writes to) would otherwise hang a
command or fill memory. The file is opened without blocking and checked on the open descriptor,
so a file swapped for something else after a check is still caught.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotReadable(Exception):
    """Why a file cannot be read, in words for the user (the caller names the file)."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; raises NotReadable."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise NotReadable(f"cannot be read: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotReadable(f"is not a regular file ({_what(mode)}): give a text file")
        return _read_capped(handle, limit)


def read_stream(stream: BinaryIO | None, limit: int) -> bytes:
    """At most `limit` bytes of an input stream such as standard input; raises NotReadable."""
    if stream is None:
        raise NotReadable("is closed: pipe the text in, or name a file")
    try:
        return _read_capped(stream, limit)
    except (OSError, ValueError) as error:  # ValueError: a closed file object
        raise NotReadable(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None


def _read_capped(handle: BinaryIO, limit: int) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotReadable(f"is larger than {limit // 1_000_000} MB: split it into smaller files")
    return data


def _what(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a file")
