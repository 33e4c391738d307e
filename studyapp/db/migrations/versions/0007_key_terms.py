"""key terms: a topic's glossary (term and meaning), with the events each bears on

Revision ID: 0007_key_terms
Revises: 0006_arguments
Create Date: 2026-12-02 04:10:00

- `key_term`: a pack row (key, source, user_modified) with its term, meaning, the note section it
  belongs to (optional) and its place in the pack's order;
- `key_term_event`: the events a term bears on;
- search: key terms are indexed (term as the title, meaning as the body) by triggers of their own;
- `review_card`: two indexes, so that an edit re-syncs only its rows' cards quickly (by source,
  and event date cards by their answer).

Only new tables: nothing is rebuilt, so no other table's triggers are lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from studyapp.db import search_schema

revision = "0007_key_terms"
down_revision = "0006_arguments"
branch_labels = None
depends_on = None

SOURCE = next(source for source in search_schema.SOURCES if source.table == "key_term")


def upgrade() -> None:
    op.create_table(
        "key_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.Text(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("user_modified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["section_id"], ["note_section.id"],
                                name=op.f("fk_key_term_section_id_note_section"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], name=op.f("fk_key_term_topic_id_topic"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_term")),
        sa.UniqueConstraint("topic_id", "key", name=op.f("uq_key_term_topic_id")),
    )  # fmt: skip
    op.create_table(
        "key_term_event",
        sa.Column("key_term_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"],
                                name=op.f("fk_key_term_event_event_id_event"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["key_term_id"], ["key_term.id"],
                                name=op.f("fk_key_term_event_key_term_id_key_term"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key_term_id", "event_id", name=op.f("pk_key_term_event")),
    )  # fmt: skip
    connection = op.get_bind()
    for statement in search_schema.trigger_statements(SOURCE):
        connection.exec_driver_sql(statement)
    op.create_index("ix_review_card_source", "review_card", ["source_kind", "source_id"])
    op.create_index("ix_review_card_event_date", "review_card", ["answer"],
                    sqlite_where=sa.text("kind = 'event-date'"))  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_review_card_event_date", "review_card")
    op.drop_index("ix_review_card_source", "review_card")
    op.execute(f"DELETE FROM {search_schema.TABLE} WHERE kind = '{SOURCE.kind}'")
    op.drop_table("key_term_event")
    op.drop_table("key_term")  # its triggers go with it
