"""What a SQLite error means for the student: damage, a full disk, a read-only folder.

SQLite's primary result codes say which it is; the message text is only a fallback for errors
that reach us without a code (wrapped by SQLAlchemy, or raised by another layer).
"""

from __future__ import annotations

import sqlite3

SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def sqlite_error(error: BaseException | None) -> sqlite3.Error | None:
    """The sqlite3 error behind `error` (SQLAlchemy wraps it as `.orig`), if there is one."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, sqlite3.Error):
            return error
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
        seen += 1
    return None


def primary_code(error: BaseException) -> int | None:
    found = sqlite_error(error)
    code = getattr(found, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: BaseException) -> bool:
    """True when the error says the file itself is damaged (not merely unreachable)."""
    code = primary_code(error)
    if code is not None:
        return code in (SQLITE_CORRUPT, SQLITE_NOTADB)
    found = sqlite_error(error)
    return found is not None and any(word in str(found).lower() for word in _DAMAGE_WORDS)


def write_failure(error: BaseException) -> str | None:
    """One sentence when a write failed because of where the file lives (a full disk, a
    read-only folder or file, a failing disk); None for any other error."""
    code = primary_code(error)
    message = str(sqlite_error(error) or "").lower()
    if code == SQLITE_FULL or "disk is full" in message or "database or disk is full" in message:
        return "The disk is full, so your last change was not saved"
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN) or "readonly" in message:
        return "Your notes' folder cannot be written to, so your last change was not saved"
    if code == SQLITE_IOERR:
        return "The disk reported an error, so your last change was not saved"
    return None


def reason(error: BaseException) -> str:
    """The first line of the underlying message: no SQL, no SQLAlchemy URL."""
    found = sqlite_error(error) or error
    text = str(found).splitlines()[0] if str(found) else type(found).__name__
    return text.split(" (Background on this error")[0]
