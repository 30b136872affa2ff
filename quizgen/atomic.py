"""Writing files so that a crash or Ctrl-C never leaves half a file behind.

Data goes to a temporary file in the target's folder (same file system), is flushed to disk,
then renamed over the target in one step: readers see the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from quizgen.errors import OutputError, display_path


@contextlib.contextmanager
def atomic_output(path: Path, *, overwrite: bool = True) -> Iterator[IO[bytes]]:
    """Yield a binary file; on success it replaces `path`, on any exception it vanishes.

    With `overwrite=False` an existing `path` is an error, checked at the final step too.
    """
    check_replaceable(path)
    if not overwrite and path.exists():
        raise OutputError(f"{display_path(path)} already exists: choose another name or remove it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise OutputError(f"cannot write {display_path(path)}: {error.strerror}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode(path))
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise OutputError(
                    f"{display_path(path)} already exists: choose another name or remove it"
                ) from None
            temporary.unlink()
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if error.filename in (None, handle.name) or error.filename2 is not None:
            # Name the file the user asked for, never the random temporary one beside it.
            raise OutputError(
                f"cannot write {display_path(path)}: {error.strerror or error}"
            ) from None
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def check_replaceable(path: Path) -> None:
    """OutputError when `path` holds something other than a file (a folder, a FIFO, a device),
    which a build must not replace or read: it is named and left alone."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"cannot write {display_path(path)}: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {display_path(path)}: Is a directory")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OutputError(
            f"cannot write {display_path(path)}: it is a named pipe (FIFO) or a device, not a "
            "file: remove it or write somewhere else"
        )


def _file_mode(path: Path) -> int:
    """The replaced file's mode, or what a plain `open` would give: temporary files are
    created private (0600), which would hide a built deck from everyone else."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` all at once or not at all."""
    with atomic_output(path, overwrite=overwrite) as handle:
        handle.write(data)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back inside the block and delivered when it ends: for
    the step between creating a temporary file or folder and arranging its removal, where a
    signal would otherwise leave it behind."""
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows: nothing to hold
        yield
        return
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    held = {getattr(signal, name) for name in names if hasattr(signal, name)}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def scratch_folder(prefix: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder that is removed however the command ends, even by a signal that
    arrives while it is being made (its removal is registered before any signal is handled)."""
    with signals_held():
        return tempfile.TemporaryDirectory(prefix=prefix)
