"""card source changes: triggers note which review cards may be stale

Revision ID: 0009_card_source_changes
Revises: 0008_factors_question
Create Date: 2026-12-02 06:50:00

- `card_source_change` (topic, kind, row id): written by triggers on `event`, `quote`, `factor`,
  `key_term`, `note_section` and `period` (`db/card_sources.py`) on every insert, delete and
  update of a column cards are worded from, so the Review tab re-words only those rows' cards
  when it opens instead of comparing every card with the content.
- `ix_review_card_topic_due`: the due count and a session's first cards (read whenever the
  Review tab opens) come from this index instead of a walk over every card of the topic.
- Every existing topic gets one whole-topic note: cards edited elsewhere before this revision
  (with the Review tab not open) are brought in line once, on its next show.

Only a new table and triggers: nothing is rebuilt, so no search trigger is lost.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from studyapp.db import card_sources

revision = "0009_card_source_changes"
down_revision = "0008_factors_question"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        card_sources.TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_source_change")),
    )
    op.create_index(op.f("ix_card_source_change_topic_id"), card_sources.TABLE, ["topic_id"])
    card_sources.restore_triggers(op.get_bind())
    op.create_index("ix_review_card_topic_due", "review_card",
                    ["topic_id", "suspended", "source_missing", "due"])  # fmt: skip
    op.execute(f"INSERT INTO {card_sources.TABLE} (topic_id, kind, row_id) "
               "SELECT id, 'period', NULL FROM topic")  # fmt: skip


def downgrade() -> None:
    for name in card_sources.trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_review_card_topic_due", "review_card")
    op.drop_index(op.f("ix_card_source_change_topic_id"), card_sources.TABLE)
    op.drop_table(card_sources.TABLE)
