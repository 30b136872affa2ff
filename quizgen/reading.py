"""Reading a file a user named, safely: only regular files, only up to a size, opened once.

A fact file, an article, an image or an old package can be a FIFO (reading it waits forever),
a device (`/dev/zero` never ends), a file larger than memory, or a symlink swapped in after it
was checked. Every read of such a file goes through here: it is opened without blocking,
checked on the open descriptor (a regular file, not too large, and for media inside its
folder), and read from that same descriptor, so what was checked is what is read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO

#: Fact files above this are refused: 210,000 facts take 50 MB, and the loader needs about
#: twenty times a file's size in memory while it validates.
MAX_FACT_FILE_BYTES = 128_000_000
#: One image above this is refused (Anki's own media sync stops at 100 MB per file too).
MAX_MEDIA_BYTES = 100_000_000


class NotReadable(Exception):
    """Why a file cannot be read, in words for the user (the caller names the file).

    `missing` is set when there is no such file, `outside` when it leads out of its folder.
    """

    def __init__(self, message: str, *, missing: bool = False, outside: bool = False) -> None:
        super().__init__(message)
        self.missing, self.outside = missing, outside


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; raises NotReadable."""
    with open_regular(path, limit) as handle:
        try:
            # Its size and one byte more, then the rest only if it grew: reading `limit` bytes
            # at once would make every read pay for a buffer of that size (4x slower at 2 MB).
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
        except OSError as error:
            raise NotReadable(f"cannot be read: {error.strerror}") from None
        if len(data) > limit:
            raise NotReadable(_too_large(limit))
        return data


def read_stream(stream: BinaryIO | None, limit: int) -> bytes:
    """At most `limit` bytes of an input stream such as standard input; raises NotReadable."""
    if stream is None:
        raise NotReadable("is closed: pipe the text in, or name a file")
    try:
        return _read_capped(stream, limit)
    except (OSError, ValueError) as error:  # ValueError: a closed file object
        raise NotReadable(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None


@contextlib.contextmanager
def open_regular(path: Path, limit: int, advice: str = "give a text file") -> Iterator[IO[bytes]]:
    """`path` opened for reading if it is a regular file of at most `limit` bytes (checked on
    the open descriptor); NotReadable otherwise. Never waits on a FIFO."""
    descriptor = _open_descriptor(path)
    try:
        _check_regular(descriptor, limit, advice)
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:
        yield handle


@contextlib.contextmanager
def open_confined(folder: Path, relative: str, limit: int = MAX_MEDIA_BYTES) -> Iterator[IO[bytes]]:
    """`folder / relative` opened for reading, checked on the open descriptor: a regular file
    of at most `limit` bytes whose real path (after every symlink, at the moment it was
    opened) lies inside `folder`. A symlink swapped in after validation is caught here."""
    if Path(relative).is_absolute():
        raise NotReadable("is an absolute path: give it relative to the fact file", outside=True)
    root = folder.resolve()
    descriptor = _open_descriptor(folder / relative)
    try:
        real = _real_path(descriptor, folder / relative)
        if not (real == root or real.is_relative_to(root)):
            raise NotReadable(
                "leads outside the fact file's folder (through a symlink or ..)", outside=True
            )
        _check_regular(descriptor, limit, "give an image file")
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as handle:
        yield handle


def _open_descriptor(path: Path) -> int:
    """A descriptor for reading `path`, opened with O_NONBLOCK so that a FIFO does not wait."""
    if "\x00" in str(path):
        raise NotReadable("cannot be read: the name contains a NUL byte")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags)
    except OSError as error:
        missing = error.errno in (errno.ENOENT, errno.ENOTDIR)
        raise NotReadable(f"cannot be read: {error.strerror}", missing=missing) from None


def _check_regular(descriptor: int, limit: int, advice: str) -> None:
    """A regular file of at most `limit` bytes, put back in blocking mode; NotReadable else."""
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        raise NotReadable(f"is not a regular file ({_what(status.st_mode)}): {advice}")
    if status.st_size > limit:
        raise NotReadable(_too_large(limit))
    os.set_blocking(descriptor, True)  # reads of a regular file never wait


def _real_path(descriptor: int, path: Path) -> Path:
    """Where an open descriptor really is, every symlink resolved at the moment of opening."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{descriptor}"))
    except OSError:  # pragma: no cover - no /proc (macOS): the path, if it is the same file
        resolved = path.resolve()
        status, opened = os.stat(resolved), os.fstat(descriptor)
        same = (status.st_dev, status.st_ino) == (opened.st_dev, opened.st_ino)
        return resolved if same else Path("/")


def _read_capped(handle: BinaryIO | IO[bytes], limit: int) -> bytes:
    data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while read, or a stream
        raise NotReadable(_too_large(limit))
    return data


def _too_large(limit: int) -> str:
    return f"is larger than {limit // 1_000_000} MB: split it into smaller files"


def _what(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a file")
