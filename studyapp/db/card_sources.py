"""Which review cards may be stale: SQL triggers note every change to a row cards are worded from.

A card's wording follows its source row (event, quote, factor, key term) and, for its period, the
periods and note sections. Triggers on those tables add a row to `card_source_change` — the
topic, the kind and the row's id (no id: the whole topic) — whenever an insert, a delete or an
update of a column the cards read happens, in the same transaction. So every write path
(operations, undo's restores, pack and TimelineJS imports, the command line, raw SQL) leaves a
note, and the Review tab re-words only the noted rows' cards (`services.review.sync_pending`)
instead of comparing all of a topic's cards with its content each time it opens.

SQLite drops a table's triggers with it: a migration that rebuilds one of these tables must call
`restore_triggers` (`search_schema.restore_triggers` does, for the search triggers' sake too).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

TABLE = "card_source_change"


@dataclass(frozen=True)
class Watched:
    table: str
    kind: str  # a studyapp.domain.changes.Kind value
    columns: tuple[str, ...]  # an update of one of these may reword a card
    whole_topic: bool = False  # a change may move any card of the topic (its period)


WATCHED = (
    Watched("event", "event",
            ("topic_id", "key", "title", "edtf", "start", "end", "precision", "period_id")),
    Watched("quote", "quote", ("topic_id", "key", "speaker", "text", "context", "edtf")),
    Watched("factor", "factor", ("topic_id", "key", "title", "explanation")),
    Watched("key_term", "key_term", ("topic_id", "key", "term", "meaning", "section_id")),
    Watched("note_section", "note_section", ("topic_id", "parent_id", "period_id")),
    Watched("period", "period", ("topic_id", "start", "end", "position"), whole_topic=True),
)  # fmt: skip


def trigger_names() -> list[str]:
    return [f"card_source_{w.table}_{when}" for w in WATCHED for when in ("ai", "au", "ad")]


def _note(row: str, watched: Watched) -> str:
    row_id = "NULL" if watched.whole_topic else f"{row}.id"
    return (f"INSERT INTO {TABLE} (topic_id, kind, row_id) "
            f"VALUES ({row}.topic_id, '{watched.kind}', {row_id});")  # fmt: skip


def trigger_statements(watched: Watched) -> list[str]:
    name, table = f"card_source_{watched.table}", watched.table
    columns = ", ".join(f'"{column}"' for column in watched.columns)
    moved = (f"INSERT INTO {TABLE} (topic_id, kind, row_id) SELECT OLD.topic_id, "
             f"'{watched.kind}', {'NULL' if watched.whole_topic else 'OLD.id'} "
             f"WHERE OLD.topic_id IS NOT NEW.topic_id;")  # a row moved to another topic
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN {_note('NEW', watched)} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {_note('NEW', watched)} {moved} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN {_note('OLD', watched)} END",
    ]


def restore_triggers(connection: Connection) -> None:
    """(Re-)create every trigger, when the table they write to exists at this revision."""
    present = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).first()
    if present is None:
        return
    for name in trigger_names():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for watched in WATCHED:
        for statement in trigger_statements(watched):
            connection.exec_driver_sql(statement)
