"""Write a file so that it is either whole or not there: never half an export.

The data goes to a temporary file in the same folder (so the rename stays on one file system),
is flushed to disk, then renamed over the target in one step (`os.replace`). If anything fails,
the temporary file is removed and an existing file at the target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from studyapp.domain.errors import StudentError


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically; a sentence for the student when the folder refuses."""
    path = Path(path)
    if not path.parent.is_dir():
        raise StudentError(f"The folder {path.parent} does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise StudentError(f"StudyApp cannot write to {path.parent} ({error.strerror}).") from error
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes it private; an export is an ordinary file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise StudentError(f"StudyApp could not write {path} ({error.strerror}).") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
