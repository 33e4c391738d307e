"""The one way an export reaches the disk: atomically, so a file is either whole or not there.

The content goes to a temporary file in the destination folder (same filesystem, so the final
rename is atomic), is flushed and fsynced, then `os.replace`d over the target. A failure on the
way removes the temporary file and leaves any earlier version of the target untouched. Writers
that need a real path (Qt's SVG/PDF/PNG writers) use `atomic_path`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from studyapp.domain.errors import StudentError


def write_text(target: Path, text: str, *, newline: str | None = None) -> None:
    """Write `text` (UTF-8) to `target` atomically; `newline` as for `open` ("" keeps \\r\\n)."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline=newline)


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`; when the block ends without error it becomes `target`."""
    folder = target.resolve().parent
    if not folder.is_dir():
        raise StudentError(f"The folder {folder} does not exist.")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise StudentError(f"StudyApp cannot write to {folder} ({error.strerror}).") from error
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(target))
        _fsync(temporary)
        os.replace(temporary, target)
        _fsync_folder(folder)
    except OSError as error:  # a full disk, a folder that went read-only: one sentence
        temporary.unlink(missing_ok=True)
        raise StudentError(f"StudyApp could not write {target.name} ({error.strerror or error}); "
                           "nothing was changed.") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what a new file would get (mkstemp makes it 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a folder, and needs not.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
