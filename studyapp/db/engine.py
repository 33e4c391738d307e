"""The SQLite engine, configured the way a file that must never be lost needs.

- `PRAGMA foreign_keys=ON` on every connection, set outside any transaction (inside one it is
  silently ignored).
- WAL journal with `synchronous=NORMAL`: the file stays consistent if the app is killed.
- pysqlite's legacy transaction handling emits no BEGIN before SELECT or SAVEPOINT, so we turn it
  off and emit BEGIN ourselves (SQLAlchemy's documented "Serializable isolation / Savepoints /
  Transactional DDL" recipe).
- Writes begin IMMEDIATE (`write_session`): a deferred BEGIN that reads and then writes cannot
  wait for another process's lock (SQLite answers "database is locked" at once, to avoid a
  deadlock), whereas BEGIN IMMEDIATE takes the write lock first and honours the busy timeout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
_IMMEDIATE = "studyapp_begin_immediate"  # execution option read by the begin hook


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    _configure(engine)
    return engine


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Autocommit at the driver level so that our own BEGIN below is the only one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services hand plain values back after the block closes.
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def write_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A Session in one write transaction that began IMMEDIATE; commits on success."""
    engine = session_factory.kw["bind"]
    immediate = engine.execution_options(**{_IMMEDIATE: True})
    with session_factory(bind=immediate) as session, session.begin():
        yield session
