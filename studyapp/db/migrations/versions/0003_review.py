"""review cards own their prompt, answer and source; settings; chronology results

Revision ID: 0003_review
Revises: 0002_search

`review_card` loses its cascading foreign keys to `event` and `note_item` (deleting an event
must never delete what the student has learnt) and gains the topic, the source as a plain
(kind, id) pair, the period, the prompt and answer, and the suspended / source-missing flags.
Rows written by an older version keep their scheduling state: their source and topic are
filled in from the old foreign keys before those are dropped.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_review"
down_revision = "0002_search"
branch_labels = None
depends_on = None

_FLAGS = ("user_modified", "suspended", "source_missing")


def upgrade() -> None:
    with op.batch_alter_table("review_card", schema=None) as batch_op:
        batch_op.add_column(sa.Column("topic_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("origin", sa.String(length=8), nullable=False, server_default="pack")
        )
        batch_op.add_column(sa.Column("source_kind", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("period_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prompt", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("answer", sa.Text(), nullable=False, server_default=""))
        for flag in _FLAGS:
            batch_op.add_column(
                sa.Column(flag, sa.Boolean(), nullable=False, server_default=sa.false())
            )
    _carry_over_old_rows()
    with op.batch_alter_table("review_card", schema=None) as batch_op:
        batch_op.drop_constraint("fk_review_card_event_id_event", type_="foreignkey")
        batch_op.drop_constraint("fk_review_card_note_item_id_note_item", type_="foreignkey")
        batch_op.drop_constraint("uq_review_card_card_key", type_="unique")
        batch_op.drop_column("event_id")
        batch_op.drop_column("note_item_id")
        batch_op.alter_column("topic_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_review_card_topic_id_topic"), "topic", ["topic_id"], ["id"],
            ondelete="CASCADE",
        )  # fmt: skip
        batch_op.create_foreign_key(
            batch_op.f("fk_review_card_period_id_period"), "period", ["period_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
        batch_op.create_unique_constraint(
            batch_op.f("uq_review_card_topic_id"), ["topic_id", "card_key"]
        )
        batch_op.create_check_constraint("origin", "origin IN ('pack', 'user')")
    _create_new_tables()


def _carry_over_old_rows() -> None:
    """Fill the new columns of rows an older version wrote, from their old foreign keys."""
    op.execute(
        "UPDATE review_card SET source_kind = 'event', source_id = event_id,"
        " topic_id = (SELECT topic_id FROM event WHERE event.id = review_card.event_id)"
        " WHERE event_id IS NOT NULL"
    )
    op.execute(
        "UPDATE review_card SET source_kind = 'note_item', source_id = note_item_id,"
        " topic_id = (SELECT s.topic_id FROM note_item i JOIN note_section s"
        " ON s.id = i.section_id WHERE i.id = review_card.note_item_id)"
        " WHERE note_item_id IS NOT NULL"
    )
    op.execute(
        "UPDATE review_card SET topic_id = (SELECT min(id) FROM topic) WHERE topic_id IS NULL"
    )


def _create_new_tables() -> None:
    op.create_table(
        "review_setting",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_review_setting")),
    )
    op.create_table(
        "chronology_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_keys", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("out_of", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "score BETWEEN 0 AND out_of", name=op.f("ck_chronology_result_score_in_range")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_chronology_result_topic_id_topic"),
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chronology_result")),
    )


def downgrade() -> None:
    op.drop_table("chronology_result")
    op.drop_table("review_setting")
    with op.batch_alter_table("review_card", schema=None) as batch_op:
        batch_op.drop_constraint("origin", type_="check")
        batch_op.drop_constraint("uq_review_card_topic_id", type_="unique")
        batch_op.drop_constraint("fk_review_card_period_id_period", type_="foreignkey")
        batch_op.drop_constraint("fk_review_card_topic_id_topic", type_="foreignkey")
        batch_op.add_column(sa.Column("event_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("note_item_id", sa.Integer(), nullable=True))
        for column in ("answer", "prompt", "period_id", "source_id", "source_kind", "origin",
                       "topic_id", *_FLAGS):  # fmt: skip
            batch_op.drop_column(column)
        batch_op.create_unique_constraint("uq_review_card_card_key", ["card_key"])
        # Back exactly as 0001 made them, names included, so upgrading again can drop them.
        batch_op.create_foreign_key(
            batch_op.f("fk_review_card_event_id_event"), "event", ["event_id"], ["id"],
            ondelete="CASCADE",
        )  # fmt: skip
        batch_op.create_foreign_key(
            batch_op.f("fk_review_card_note_item_id_note_item"), "note_item", ["note_item_id"],
            ["id"], ondelete="CASCADE",
        )  # fmt: skip
