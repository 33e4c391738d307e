"""A lock shared by every process that writes in bulk to one data folder.

Command-line writers (`import`, `backup`, `backup --restore`) and the window's own bulk writes
(an import, a backup, a restore) take turns through it: a second writer waits for the first
rather than failing. It is an operating-system lock on a small file beside the database, so
it is released by the kernel when its holder dies, even after `kill -9`: there is never a
stale lock to clear by hand. Small edits in the window do not take it; SQLite's own write lock
(BEGIN IMMEDIATE with a busy timeout) orders them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WRITE_LOCK_NAME = ".studyapp-write.lock"
DEFAULT_WAIT_S = 120.0


class LockTimeoutError(RuntimeError):
    """Another StudyApp writer held the folder longer than we were willing to wait."""


@contextmanager
def write_lock(data_dir: Path, *, wait_s: float = DEFAULT_WAIT_S) -> Iterator[None]:
    """Hold the folder's write lock for the `with` block, waiting up to `wait_s` for it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(data_dir / WRITE_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(handle, data_dir, wait_s)
        try:
            yield
        finally:
            _release(handle)
    finally:
        os.close(handle)


def _acquire(handle: int, data_dir: Path, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    delay = 0.01
    while not _try_lock(handle):
        if time.monotonic() >= deadline:
            raise LockTimeoutError(
                f"Another StudyApp is still writing to {data_dir}; try again when it has finished."
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: int) -> bool:
        os.lseek(handle, 0, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
