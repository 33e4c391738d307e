"""The first screen's rows read with `sqlite3` alone, before SQLAlchemy is even imported.

Importing SQLAlchemy and mapping the models costs most of a second; the student should not
wait for it to see their timeline. So at start-up the loader first asks `read_first_screen`
for the shown topic, its periods and its events (the same rows, in the same order, as
`services.topic` and `services.timeline` give), through a read-only connection; the ORM is
opened right after, for edits. This is only a shortcut for the common case: a file that was
closed cleanly and is at this app's schema. Anything else (a first run, an upgrade, a file to
check after a crash, an unreadable file) returns None and start-up takes the full path, which
creates, migrates, checks and explains as before.

What cites an event (the detail pane's links) is not read for all 10,000 events up front: the
pane shows one event at a time, and `FirstScreen.citations_of` reads that one's (about a
millisecond) until the tab reads through the ORM.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from studyapp.db.clean_mark import needs_quick_check
from studyapp.db.migrate import HEAD_REVISION
from studyapp.db.services.citations import CitationRow
from studyapp.db.services.timeline import EventRow
from studyapp.db.services.topic import PeriodRow, TopicRow
from studyapp.domain.changes import Kind
from studyapp.packs.bundled import bundled_identity, is_newer

log = logging.getLogger(__name__)

_TOPIC_COLUMNS = ("id, pack_id, version, title, exam, paper, period_label, source_note, "
                  "page_refs, advice, factors_question")  # fmt: skip
# The columns of an `EventRow` in its order, then the position (for the order only). The two
# flags come back as bools, as the ORM gives them: SQLite stores 0 and 1, and the column names
# ask this module's converter for them (`PARSE_COLNAMES`; other connections are untouched).
_FLAG = "studyapp_flag"
sqlite3.register_converter(_FLAG, lambda stored: stored != b"0")
_EVENT_QUERY = (
    'SELECT id, key, title, description, edtf, date_label, start, "end", precision, old_style,'
    f' category, key_date AS "key_date [{_FLAG}]", period_id, page_ref, check_note, source,'
    f' user_modified AS "user_modified [{_FLAG}]", position FROM event WHERE topic_id = ?'
)
# services.timeline's order (start, end, position, id), sorted here rather than by SQLite,
# whose sorter copies every row whole (descriptions and all): a sixth of the read. The same
# order: text compares by code point in both, and the id makes every key unique.
_EVENT_ORDER = itemgetter(6, 7, 17, 0)
_PERIOD_QUERY = ('SELECT id, key, title, edtf, start, "end", summary FROM period'
                 " WHERE topic_id = ? ORDER BY position")  # fmt: skip
# The orders of services.citations: note items by section and place, points by question.
_ITEM_CITATIONS = (
    "SELECT item.id, item.text, section.title FROM note_item_event AS link"
    " JOIN note_item AS item ON item.id = link.note_item_id"
    " JOIN note_section AS section ON section.id = item.section_id"
    " WHERE link.event_id = ?"
    " ORDER BY section.position, section.id, item.position, item.id"
)
_POINT_CITATIONS = (
    "SELECT DISTINCT point.id, point.claim, question.text,"
    " question.position, question.id, point.position FROM evidence"
    " JOIN point ON point.id = evidence.point_id"
    " JOIN question ON question.id = point.question_id"
    " WHERE evidence.event_id = ?"
    " ORDER BY question.position, question.id, point.position, point.id"
)
# Reading 10,000 events through memory-mapped pages rather than copies of each page saves
# about a fifth of the read; only the file's own size is ever mapped.
_MMAP_BYTES = 256 * 1024 * 1024


class FirstScreen(NamedTuple):
    """What the first tab shows: the topic, its periods and its events in date order, read
    from the file at `path`."""

    topic: TopicRow
    periods: list[PeriodRow]
    events: list[EventRow]
    path: Path

    def citations_of(self, event_id: int) -> list[CitationRow] | None:
        """What cites the event, as `services.citations.citations_of_event` gives it; None
        when the file cannot be read now (the caller then asks the services)."""
        try:
            connection = _connect(self.path)
        except sqlite3.Error as error:
            log.info("Citations not read directly (%s)", error)
            return None
        try:
            connection.text_factory = decode_leniently  # a few rows: no need to try str first
            items = [CitationRow(Kind.NOTE_ITEM, item_id, text, section) for item_id, text, section
                     in connection.execute(_ITEM_CITATIONS, (event_id,))]  # fmt: skip
            points = [CitationRow(Kind.POINT, point_id, claim, question) for
                      point_id, claim, question, *_order in
                      connection.execute(_POINT_CITATIONS, (event_id,))]  # fmt: skip
            return items + points
        except sqlite3.Error as error:
            log.info("Citations not read directly (%s)", error)
            return None
        finally:
            connection.close()


def read_first_screen(db_path: Path, preferred_pack_id: str | None = None) -> FirstScreen | None:
    """The rows of the topic the student had open (else the first one), or None when the file
    needs the full open (missing, not closed cleanly, another schema, no topic)."""
    if not db_path.is_file() or needs_quick_check(db_path):
        return None
    try:
        connection = _connect(db_path)
    except sqlite3.Error as error:
        log.info("First screen not read directly (%s); opening the database in full", error)
        return None
    try:
        connection.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
        try:
            return _read(connection, db_path, preferred_pack_id)
        except sqlite3.OperationalError as error:
            if "decode" not in str(error):
                raise
            # Python's own decoding is a third faster than a Python function per text, so it
            # is tried first; a damaged byte somewhere sends the read round again, leniently.
            connection.rollback()
            connection.text_factory = decode_leniently
            return _read(connection, db_path, preferred_pack_id)
    except sqlite3.Error as error:  # the full open finds out what is wrong and says so
        log.info("First screen not read directly (%s); opening the database in full", error)
        return None
    finally:
        connection.close()


def _connect(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True,
                           detect_types=sqlite3.PARSE_COLNAMES)  # the flags: see _EVENT_QUERY


def _read(connection: sqlite3.Connection, db_path: Path,
          preferred_pack_id: str | None) -> FirstScreen | None:  # fmt: skip
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD_REVISION:
        return None  # an upgrade: the full open backs the file up and migrates it
    if bundled_update_due(connection):
        return None  # a newer bundled pack: the full open brings the student's copy up to date
    # Read together, in one snapshot: an import by the command line cannot land in between.
    connection.execute("BEGIN")
    row = connection.execute(f"SELECT {_TOPIC_COLUMNS} FROM topic WHERE pack_id = ?",
                             (preferred_pack_id or "",)).fetchone()  # fmt: skip
    row = row or connection.execute(
        f"SELECT {_TOPIC_COLUMNS} FROM topic ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    topic = TopicRow(*row)
    periods = [PeriodRow(*p) for p in connection.execute(_PERIOD_QUERY, (topic.id,))]
    rows = connection.execute(_EVENT_QUERY, (topic.id,)).fetchall()
    rows.sort(key=_EVENT_ORDER)
    events = list(map(EventRow._make, map(_EVENT_FIELDS, rows)))
    connection.execute("COMMIT")
    return FirstScreen(topic, periods, events, db_path)


def bundled_update_due(connection: sqlite3.Connection) -> bool:
    """Whether the file holds the bundled topic at an older version than this app ships."""
    pack_id, version = bundled_identity()
    stored = connection.execute("SELECT version FROM topic WHERE pack_id = ?",
                                (pack_id,)).fetchone()  # fmt: skip
    return stored is not None and is_newer(version, str(stored[0]))


_EVENT_FIELDS = itemgetter(slice(len(EventRow._fields)))  # a row without its position


def decode_leniently(raw: bytes) -> str:
    # One damaged byte in one note must not lock the student out of every note: show U+FFFD
    # there (`studyapp check` names the row) instead of failing every query that reads it.
    # The ORM's connections use it too (database._lenient_text).
    return raw.decode("utf-8", errors="replace")


class PendingSessionFactory:
    """The session factory of a database still opening: the first screen is built with this,
    and `ready(factory)` hands it the real one once the ORM is loaded. A read or write asked
    for before then waits for it (the ORM follows the first screen by well under a second);
    `failed()` makes such a call raise instead of waiting for ever. `wanted` is called when a
    read or write starts waiting, so an open held back until the first screen is painted
    (`ui/loader.py`) starts at once instead."""

    def __init__(self, wanted: Callable[[], None] = lambda: None) -> None:
        self._factory: Any = None
        self._settled = threading.Event()
        self._wanted = wanted

    def ready(self, factory: Any) -> None:
        self._factory = factory
        self._settled.set()

    def failed(self) -> None:
        self._settled.set()

    def _real(self) -> Any:
        if not self._settled.is_set():
            self._wanted()
            self._settled.wait()
        if self._factory is None:
            raise RuntimeError("the database did not open, so nothing can be read or saved")
        return self._factory

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # begin(), kw…: whatever sessionmaker offers
        return getattr(self._real(), name)
