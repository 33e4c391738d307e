"""argument builder: table type, rebuttals, factor rows, factors cited as evidence

Revision ID: 0006_arguments
Revises: 0005_notes_factors
Create Date: 2026-11-28 03:40:00

- `question.table_type`: how the student chose to lay out the table ("" = from the command term);
- `point.rebuttal`, and `factor` as a side (the rows of a "Discuss / Examine / Why" question);
- `evidence.cited_factor_id`: a war-victory factor cited by a point.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from studyapp.db import search_schema

revision = "0006_arguments"
down_revision = "0005_notes_factors"
branch_labels = None
depends_on = None

SIDES_BEFORE = "side IN ('for', 'against', 'similarity', 'difference')"
SIDES_AFTER = "side IN ('for', 'against', 'similarity', 'difference', 'factor')"
TARGETS = (
    "(event_id IS NOT NULL) + (note_item_id IS NOT NULL) + (quote_id IS NOT NULL)"
    " + (historian_id IS NOT NULL)"
)


def _keep_evidence() -> None:
    """Rebuilding `point` drops the old table, and with foreign keys on (they always are) that
    deletes every evidence link by cascade: keep them aside, and put them back after."""
    op.execute("CREATE TEMP TABLE keep_evidence AS SELECT * FROM evidence")


def _restore_evidence() -> None:
    op.execute("INSERT INTO evidence SELECT * FROM keep_evidence "
               "WHERE id NOT IN (SELECT id FROM evidence)")  # fmt: skip
    op.execute("DROP TABLE keep_evidence")


def upgrade() -> None:
    with op.batch_alter_table("question") as batch_op:  # an ALTER TABLE ADD: no rebuild
        batch_op.add_column(
            sa.Column("table_type", sa.String(length=20), server_default="", nullable=False)
        )
    _rebuild_evidence_upgrade()
    _keep_evidence()
    with op.batch_alter_table("point") as batch_op:
        batch_op.add_column(sa.Column("rebuttal", sa.Text(), server_default="", nullable=False))
        batch_op.drop_constraint(op.f("ck_point_side"), type_="check")
        batch_op.create_check_constraint(op.f("ck_point_side"), SIDES_AFTER)
    _restore_evidence()
    search_schema.restore_triggers(op.get_bind())  # batch rebuilds dropped them


def _rebuild_evidence_upgrade() -> None:
    with op.batch_alter_table("evidence") as batch_op:
        batch_op.add_column(sa.Column("cited_factor_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_evidence_cited_factor_id_factor"), "factor", ["cited_factor_id"], ["id"],
            ondelete="CASCADE",
        )
        batch_op.drop_constraint(op.f("ck_evidence_one_target"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_evidence_one_target"), f"{TARGETS} + (cited_factor_id IS NOT NULL) = 1"
        )


def downgrade() -> None:
    op.execute("DELETE FROM evidence WHERE cited_factor_id IS NOT NULL")
    op.execute("DELETE FROM point WHERE side = 'factor'")
    with op.batch_alter_table("evidence") as batch_op:
        batch_op.drop_constraint(op.f("ck_evidence_one_target"), type_="check")
        batch_op.drop_constraint(op.f("fk_evidence_cited_factor_id_factor"), type_="foreignkey")
        batch_op.drop_column("cited_factor_id")
        batch_op.create_check_constraint(op.f("ck_evidence_one_target"), f"{TARGETS} = 1")
    _keep_evidence()
    with op.batch_alter_table("point") as batch_op:
        batch_op.drop_constraint(op.f("ck_point_side"), type_="check")
        batch_op.drop_column("rebuttal")
        batch_op.create_check_constraint(op.f("ck_point_side"), SIDES_BEFORE)
    _restore_evidence()
    # Not a batch rebuild: dropping `question` would delete every point and judgement by
    # cascade. SQLite has had DROP COLUMN since 3.35 (2021).
    op.execute("ALTER TABLE question DROP COLUMN table_type")
    search_schema.restore_triggers(op.get_bind())  # batch rebuilds dropped them
