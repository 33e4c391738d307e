"""The full-text search index: one SQLite FTS5 table kept in step with the content by triggers.

Every searchable row (events, note items, quotes, factors, historians, questions, points,
judgements) has one row in `search_index`. SQL triggers on the content tables update it, so
every write path — operations, undo's snapshot restore, the pack importer, foreign-key
cascades — keeps it in step in the same transaction, with nothing to remember in Python.

The index row's rowid is derived from the content row: `id * KIND_SLOTS + code`, so a trigger
finds the row to replace by rowid (a b-tree lookup) instead of scanning the UNINDEXED `kind` and
`row_id` columns. `SOURCES` is the one list of what is indexed; the migration, `rebuild` and
`verify` are all generated from it, and a test keeps the database's triggers equal to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

TABLE = "search_index"
VOCABULARY = "search_vocabulary"  # fts5vocab 'row' view: every distinct term, for the fuzzy pass
KIND_SLOTS = 16  # rowid = id * KIND_SLOTS + code; codes below stay under 16
TOKENIZER = "unicode61 remove_diacritics 2"  # case- and diacritic-insensitive
# Column weights for bm25: a hit in the title counts most, then the body, then the date.
RANK = "bm25(10.0, 2.0, 1.0)"
COLUMNS = ("title", "body", "date_label")  # searched; kind, row_id, topic_id are UNINDEXED


@dataclass(frozen=True)
class Source:
    """How one content table feeds the index. Expressions are SQL over the row alias `r`."""

    kind: str  # a studyapp.domain.changes.Kind value
    code: int  # 1..15, unique: the low bits of the index rowid
    table: str
    title: str
    body: str
    date_label: str
    topic_id: str
    watched: tuple[str, ...]  # columns whose change must re-index the row


def _join(*columns: str) -> str:
    """SQL joining text columns with a line break, skipping empty and NULL ones."""
    parts = [f"coalesce(r.{column}, '')" for column in columns]
    return "trim(" + " || char(10) || ".join(parts) + ", char(10))"


SOURCES: tuple[Source, ...] = (
    Source("event", 1, "event", "r.title", _join("description", "check_note"),
           "r.date_label", "r.topic_id",
           ("title", "description", "check_note", "date_label", "topic_id")),
    Source("note_item", 2, "note_item", "r.text", "r.annotation", "''",
           "(SELECT s.topic_id FROM note_section s WHERE s.id = r.section_id)",
           ("text", "annotation", "section_id")),
    Source("quote", 3, "quote", "r.speaker", _join("text", "context"), "''", "r.topic_id",
           ("speaker", "text", "context", "topic_id")),
    Source("factor", 4, "factor", "r.title", _join("explanation", "justification"), "''",
           "r.topic_id", ("title", "explanation", "justification", "topic_id")),
    Source("historian", 5, "historian", "r.name", _join("work", "school", "stance"), "''",
           "r.topic_id", ("name", "work", "school", "stance", "topic_id")),
    Source("question", 6, "question", "r.text", _join("exam_source", "command_term"), "''",
           "r.topic_id", ("text", "exam_source", "command_term", "topic_id")),
    Source("point", 7, "point", "r.claim", _join("explanation", "counter"), "''",
           "(SELECT q.topic_id FROM question q WHERE q.id = r.question_id)",
           ("claim", "explanation", "counter", "question_id")),
    Source("judgement", 8, "judgement", "r.thesis", "r.conclusion", "''",
           "(SELECT q.topic_id FROM question q WHERE q.id = r.question_id)",
           ("thesis", "conclusion", "question_id")),
    Source("key_term", 9, "key_term", "r.term", "r.meaning", "''", "r.topic_id",
           ("term", "meaning", "topic_id")),  # since 0007_key_terms
)  # fmt: skip

KIND_BY_CODE = {source.code: source.kind for source in SOURCES}


def _select(source: Source, alias: str) -> str:
    """The index row for content row `alias` (`new`, or `r` when reading the table)."""
    columns = [
        f"{alias}.id * {KIND_SLOTS} + {source.code}",
        source.title, source.body, source.date_label,
        f"'{source.kind}'", f"{alias}.id", source.topic_id,
    ]  # fmt: skip
    return ", ".join(column.replace("r.", f"{alias}.") for column in columns)


_INSERT = f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}, kind, row_id, topic_id)"


def trigger_statements(source: Source) -> list[str]:
    """CREATE TRIGGER statements that keep `source`'s index rows in step with its table."""
    name, table = f"{TABLE}_{source.table}", source.table
    delete_old = f"DELETE FROM {TABLE} WHERE rowid = old.id * {KIND_SLOTS} + {source.code};"
    watched = ", ".join(f'"{column}"' for column in source.watched)
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN "
        f"{_INSERT} SELECT {_select(source, 'new')}; END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {table} BEGIN "
        f"{delete_old} {_INSERT} SELECT {_select(source, 'new')}; END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN {delete_old} END",
    ]


def trigger_names() -> list[str]:
    return [f"{TABLE}_{s.table}_{suffix}" for s in SOURCES for suffix in ("ai", "au", "ad")]


def present_sources(connection: Connection) -> tuple[Source, ...]:
    """The sources whose table this file has. A migration runs against the schema of its own
    revision, where a table a later revision adds (0007's `key_term`) does not exist yet."""
    tables = {name for (name,) in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
    return tuple(source for source in SOURCES if source.table in tables)


def create_statements(sources: tuple[Source, ...] = SOURCES) -> list[str]:
    """Everything migration 0002 creates: the FTS5 table, its vocabulary view, the triggers."""
    statements = [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        f"{', '.join(COLUMNS)}, kind UNINDEXED, row_id UNINDEXED, topic_id UNINDEXED, "
        f"tokenize = '{TOKENIZER}', prefix = '2 3')",
        f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('rank', '{RANK}')",
        f"CREATE VIRTUAL TABLE {VOCABULARY} USING fts5vocab({TABLE}, 'row')",
    ]
    for source in sources:
        statements.extend(trigger_statements(source))
    return statements


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in trigger_names()] + [
        f"DROP TABLE IF EXISTS {VOCABULARY}",
        f"DROP TABLE IF EXISTS {TABLE}",
    ]


def restore_triggers(connection: Connection) -> None:
    """Re-create every trigger and re-index, after a migration that rebuilt a content table.

    SQLite drops a table's triggers with it, and Alembic's batch mode rebuilds a table (copy,
    drop, rename) to change it: any later migration that alters an indexed table must call
    this at the end of its upgrade and downgrade.
    """
    for name in trigger_names():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for source in present_sources(connection):
        for statement in trigger_statements(source):
            connection.exec_driver_sql(statement)
    fill(connection)
    from studyapp.db import card_sources  # the review cards' triggers went with the table too

    card_sources.restore_triggers(connection)


def expected_rows_sql(source: Source) -> str:
    """SELECT of the index rows `source`'s table should have (rebuild and verify use it)."""
    return f"SELECT {_select(source, 'r')} FROM {source.table} r"


def fill(connection: Connection) -> None:
    """Index every content row from scratch (the migration on an existing file, and rebuild)."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    for source in present_sources(connection):
        connection.exec_driver_sql(f"{_INSERT} {expected_rows_sql(source)}")


def is_search_table(name: str | None) -> bool:
    """The FTS5 table, its shadow tables and its vocabulary view: outside the ORM models."""
    return name is not None and (name in (VOCABULARY, TABLE) or name.startswith(f"{TABLE}_"))
