"""The one atomic write: a file is replaced all at once, by a temporary file beside it, flushed and renamed."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # temporary files are named .<file>.tmp-<random>, beside the file
STALE_TEMP_SECONDS = 3600


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the file's bytes all at once (see `replace_with`)."""
    replace_with(path, lambda tmp: _write_new(tmp, data))


def replace_with(path: Path, write: Callable[[Path], None], suffix: str = "") -> None:
    """Replace `path` all at once by what `write` puts in a temporary file beside it: written, flushed, renamed.

    The one atomic write of the project (the YAML files, the history, every export). Whatever happens part way
    (a killed process, a full disk), the file is either the old one or the new one, never a mix; on an error the
    temporary file is removed and the error raised. The file keeps its permissions. `suffix` ends the temporary
    name, for writers that choose a format by it (an export); the YAML files take none, so no folder scan sees one.
    """
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    tmp = path.with_name(f".{path.name}{TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}{suffix}")
    try:
        write(tmp)
        os.chmod(tmp, mode)
        _sync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(path.parent)


def _write_new(tmp: Path, data: bytes) -> None:
    """Write the bytes to a file that must not exist yet."""
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def _sync_file(path: Path) -> None:
    """Flush the file's bytes to the disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handle to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files an interrupted write left beside the file more than an hour ago."""
    now = time.time()
    for tmp in path.parent.glob(f".{glob_escape(path.name)}{TEMP_PREFIX}*"):
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)
