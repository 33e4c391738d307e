"""`studyapp check`: is the database file healthy?

`integrity_check` (not `quick_check`, which skips index-versus-table checks) plus
`foreign_key_check`, plus our own expectation that the schema is this app's current one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exc, text

from studyapp.db import migrate
from studyapp.db.database import Database

MAX_REPORTED = 5


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems


COUNTED = ("event", "note_section", "note_item", "quote", "factor", "question", "point")


def check_database(database: Database) -> CheckResult:
    result = CheckResult()
    try:
        _run_checks(database, result)
    except exc.DatabaseError as error:  # pages so damaged that SQLite cannot even walk them
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        result.problems.append(f"the file is damaged ({reason})")
    return result


def _run_checks(database: Database, result: CheckResult) -> None:
    with database.engine.connect() as connection:
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            result.problems.extend(f"integrity: {line}" for line in integrity[:MAX_REPORTED])
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        for table, rowid, parent, _fk in broken[:MAX_REPORTED]:
            result.problems.append(f"{table} row {rowid} points at a missing {parent} row")
        if len(broken) > MAX_REPORTED:
            result.problems.append(f"…and {len(broken) - MAX_REPORTED} more broken links")
        for table in COUNTED:
            result.counts[table] = connection.execute(
                text(f"SELECT count(*) FROM {table}")  # table names are our own constants
            ).scalar_one()
    revision = migrate.current_revision(database.engine)
    if revision != migrate.HEAD_REVISION:
        result.problems.append(f"schema is at {revision}, expected {migrate.HEAD_REVISION}")
