"""Write a whole file or nothing: a temporary file in the same folder, flushed to disk, then
renamed over the target (`os.replace` is atomic on one file system), so a failed or interrupted
export never leaves half a file behind — and never damages an older file of the same name."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write `data` to `path` atomically; returns the path written."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)  # fmt: skip
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(path: Path | str, text: str) -> Path:
    """Write `text` as UTF-8 to `path` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))
