"""`studyapp check` and Help ▸ Check database: is the database file healthy?

The file is opened read-only (a `mode=ro` URI), so a check never creates, migrates or repairs
anything, whatever it finds. It runs `integrity_check` (not `quick_check`, which skips
index-versus-table checks), `foreign_key_check`, a scan of every text value for bytes that are
not UTF-8 (SQLite stores them without complaint; reading them fails), and reads the schema
revision: a file with no StudyApp stamp is reported as not a StudyApp database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.db import migrate
from studyapp.db.backup import read_only_uri, read_revision
from studyapp.db.database import SQLITE_HEADER

MAX_REPORTED = 5
COUNTED = ("event", "note_section", "note_item", "quote", "factor", "question", "point")


@dataclass
class CheckResult:
    path: Path
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    revision: str | None = None
    note: str = ""  # something true and harmless, e.g. "it will be upgraded when next opened"

    @property
    def healthy(self) -> bool:
        return not self.problems

    def sentence(self) -> str:
        """One sentence for the student."""
        if not self.healthy:
            return f"{self.path} has problems: {'; '.join(self.problems)}."
        counts = ", ".join(f"{n} {table.replace('_', ' ')}s" for table, n in self.counts.items())
        note = f"; {self.note}" if self.note else ""
        return f"{self.path} is healthy ({counts}){note}."


class NotADatabaseError(RuntimeError):
    """There is nothing to check at that path, or it is not a StudyApp database."""


def check_file(db_path: Path) -> CheckResult:
    """Check the file at `db_path` without writing anything anywhere."""
    _check_header(db_path)
    result = CheckResult(db_path)
    uri = read_only_uri(db_path)
    if not db_path.with_name(db_path.name + "-wal").exists():
        # Nothing has the file open (no journal beside it): read it as an immutable file, or
        # even a read-only connection would leave an empty -wal and -shm behind.
        uri += "&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        result.problems.append(f"it cannot be opened ({_first_line(error)})")
        return result
    try:
        connection.text_factory = bytes  # read text as stored, so the scan sees bad bytes
        _run_checks(connection, result)
    except sqlite3.DatabaseError as error:  # pages so damaged that SQLite cannot even walk them
        result.problems.append(f"the file is damaged ({_first_line(error)})")
    except UnicodeDecodeError:  # SQLite's own message quotes the damaged schema text
        result.problems.append("the file is damaged (its schema text cannot be read)")
    finally:
        connection.close()
    return result


def _check_header(db_path: Path) -> None:
    if not db_path.is_file():
        raise NotADatabaseError(f"There is no StudyApp database at {db_path} yet.")
    with db_path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise NotADatabaseError(f"{db_path} is empty (0 bytes): it is not a StudyApp database.")
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{db_path} is not a StudyApp database (it is not SQLite, or its header is damaged)."
        )


def _run_checks(connection: sqlite3.Connection, result: CheckResult) -> None:
    integrity = [_text(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        result.problems.extend(f"integrity: {line}" for line in integrity[:MAX_REPORTED])
        return  # the other checks would only read the same damage again
    result.revision = _revision(connection)
    if result.revision is None:
        raise NotADatabaseError(f"{result.path} is not a StudyApp database (it has no StudyApp "
                                "schema stamp).")  # fmt: skip
    if result.revision != migrate.HEAD_REVISION:
        if result.revision in migrate.known_revisions():
            result.note = "it will be upgraded when StudyApp next opens it"
        else:
            result.problems.append(
                f"it was written by a newer version of StudyApp (schema {result.revision})")
            return  # fmt: skip
    _foreign_keys(connection, result)
    _text_encoding(connection, result)
    if result.revision == migrate.HEAD_REVISION:  # an older file is indexed when it is upgraded
        from studyapp.db.search import search_index_problems

        result.problems.extend(search_index_problems(connection.execute))
    for table in COUNTED:
        result.counts[table] = connection.execute(
            f"SELECT count(*) FROM {table}"  # table names are our own constants
        ).fetchone()[0]


def _revision(connection: sqlite3.Connection) -> str | None:
    revision = read_revision(connection)
    return _text(revision) if isinstance(revision, bytes) else revision


def _foreign_keys(connection: sqlite3.Connection, result: CheckResult) -> None:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    for table, rowid, parent, _fk in broken[:MAX_REPORTED]:
        result.problems.append(
            f"{_text(table)} row {rowid} points at a missing {_text(parent)} row")
    if len(broken) > MAX_REPORTED:
        result.problems.append(f"…and {len(broken) - MAX_REPORTED} more broken links")


def _text_encoding(connection: sqlite3.Connection, result: CheckResult) -> None:
    """Every text value in every ordinary table must be valid UTF-8."""
    bad: list[str] = []
    from studyapp.db.search_schema import is_search_table

    # The search index's own tables hold derived data (checked against the content below).
    tables = [_text(row[0]) for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'") if not is_search_table(_text(row[0]))]  # fmt: skip
    for table in tables:
        columns = [_text(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')]
        for column in columns:
            rows = connection.execute(
                f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\''
            )
            for rowid, value in rows:
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    bad.append(f"{table} row {rowid} has damaged text in its {column}")
    result.problems.extend(bad[:MAX_REPORTED])
    if len(bad) > MAX_REPORTED:
        result.problems.append(f"…and {len(bad) - MAX_REPORTED} more damaged texts")


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
