"""Reading files someone else controls: regular files only, size-capped, opened once.

A fact file, an image or an old package can be a FIFO (reading it waits forever), a device
(`/dev/zero` never ends), a file larger than memory, or a symlink swapped in after it was
checked. Every read of such a file goes through here: it is opened without blocking, checked
on the open descriptor (a regular file, not too large, and for media inside its folder), and
read from that same descriptor, so what was checked is what is read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

#: Fact files above this are refused: 210,000 facts take 50 MB, and the loader needs about
#: twenty times a file's size in memory while it validates.
MAX_FACT_FILE_BYTES = 128 * 1024 * 1024
#: One image above this is refused (Anki's own media sync stops at 100 MB per file too).
MAX_MEDIA_BYTES = 100 * 1024 * 1024


class NotReadable(Exception):
    """A file that is not read, and why, in words for the user (callers add the file name).

    `missing` is set when there is no such file, `outside` when it leads out of its folder.
    """

    def __init__(self, message: str, *, missing: bool = False, outside: bool = False) -> None:
        super().__init__(message)
        self.missing, self.outside = missing, outside


def _size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _open_fd(path: Path) -> int:
    """A descriptor for reading `path`; O_NONBLOCK so that opening a FIFO does not wait."""
    if "\x00" in str(path):
        raise NotReadable("the name contains a NUL byte")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags)
    except OSError as error:
        missing = error.errno in (errno.ENOENT, errno.ENOTDIR)
        raise NotReadable(f"cannot be read: {error.strerror}", missing=missing) from None


def _check_regular(fd: int, limit: int) -> os.stat_result:
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        raise NotReadable(f"is {_kind_of(status.st_mode)}, not a file: give a regular file")
    if status.st_size > limit:
        raise NotReadable(
            f"is {status.st_size / (1024 * 1024):.0f} MB, larger than the {_size_text(limit)} "
            "quizgen reads: split it into smaller files"
        )
    return status


def real_path_of(fd: int) -> Path | None:
    """Where an open descriptor really is (every symlink resolved), where /proc says."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:  # pragma: no cover - no /proc (macOS): callers compare inodes instead
        return None


def _read_all(fd: int, limit: int) -> bytes:
    """Everything from `fd`, refusing more than `limit` bytes (a file may grow while read)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise NotReadable(
                f"grew past the {_size_text(limit)} quizgen reads while it was read: "
                "split it into smaller files"
            )
        chunks.append(chunk)


def read_regular(path: Path, limit: int = MAX_FACT_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; NotReadable otherwise."""
    with open_regular(path, limit) as handle:
        try:
            return _read_all(handle.fileno(), limit)
        except OSError as error:
            raise NotReadable(f"cannot be read: {error.strerror}") from None


@contextlib.contextmanager
def open_regular(path: Path, limit: int) -> Iterator[IO[bytes]]:
    """`path` opened for reading if it is a regular file of at most `limit` bytes (checked on
    the open descriptor); NotReadable otherwise. Never waits on a FIFO."""
    fd = _open_fd(path)
    try:
        _check_regular(fd, limit)
        _blocking(fd)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        yield handle


def _blocking(fd: int) -> None:
    """A regular file's descriptor back in blocking mode (reads of regular files never wait)."""
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


@contextlib.contextmanager
def open_confined(folder: Path, relative: str, limit: int = MAX_MEDIA_BYTES) -> Iterator[IO[bytes]]:
    """`folder / relative` opened for reading, checked on the open descriptor: a regular file
    of at most `limit` bytes whose real path (after every symlink, at the moment it was
    opened) lies inside `folder`. A symlink swapped in after validation is caught here."""
    if "\x00" in relative:
        raise NotReadable("the name contains a NUL byte")
    if Path(relative).is_absolute():
        raise NotReadable("is an absolute path: give it relative to the fact file")
    root = folder.resolve()
    fd = _open_fd(folder / relative)
    try:
        real = real_path_of(fd)
        if real is None:  # pragma: no cover - no /proc: compare the inodes
            resolved = (folder / relative).resolve()
            status, opened = os.stat(resolved), os.fstat(fd)
            same = (status.st_dev, status.st_ino) == (opened.st_dev, opened.st_ino)
            real = resolved if same else Path("/")
        if not _inside(real, root):
            raise NotReadable(
                "leads outside the fact file's folder (through a symlink or ..)", outside=True
            )
        _check_regular(fd, limit)
        _blocking(fd)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        yield handle
