"""notes and factors: section confidence, check notes and highlights on note items, factor
comparisons

Revision ID: 0005_notes_factors
Revises: 0003_review
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from studyapp.db import search_schema

revision = "0005_notes_factors"
down_revision = "0003_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("note_section", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confidence", sa.String(length=10), server_default="not-yet", nullable=False)
        )
    with op.batch_alter_table("note_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("check_note", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("highlighted", sa.Boolean(), server_default="0", nullable=False)
        )
    op.create_table(
        "factor_comparison",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stronger_id", sa.Integer(), nullable=False),
        sa.Column("weaker_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("stronger_id <> weaker_id", name=op.f("ck_factor_comparison_two_factors")),
        sa.ForeignKeyConstraint(["stronger_id"], ["factor.id"], name=op.f("fk_factor_comparison_stronger_id_factor"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["weaker_id"], ["factor.id"], name=op.f("fk_factor_comparison_weaker_id_factor"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factor_comparison")),
        sa.UniqueConstraint("stronger_id", "weaker_id", name=op.f("uq_factor_comparison_stronger_id")),
    )
    search_schema.restore_triggers(op.get_bind())  # batch rebuilds dropped them


def downgrade() -> None:
    op.drop_table("factor_comparison")
    with op.batch_alter_table("note_item", schema=None) as batch_op:
        batch_op.drop_column("highlighted")
        batch_op.drop_column("check_note")
    with op.batch_alter_table("note_section", schema=None) as batch_op:
        batch_op.drop_column("confidence")
    search_schema.restore_triggers(op.get_bind())  # batch rebuilds dropped them
