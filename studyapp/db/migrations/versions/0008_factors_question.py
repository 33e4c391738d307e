"""factors question: the question a topic's factors answer ("What caused the First World War?")

Revision ID: 0008_factors_question
Revises: 0007_key_terms
Create Date: 2026-12-02 05:40:00

- `topic.factors_question`: text, empty when the topic has none (the factors tab and its export
  then use neutral words). The bundled topic (pack id `stalin-foreign-policy`) gets its question
  here, so a database made before this revision shows it without a re-import.

Only a column is added: `topic` is not indexed for search and nothing is rebuilt.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_factors_question"
down_revision = "0007_key_terms"
branch_labels = None
depends_on = None

BUNDLED_PACK_ID = "stalin-foreign-policy"
BUNDLED_QUESTION = "What factors enabled Stalin to defeat Hitler?"


def upgrade() -> None:
    op.add_column("topic", sa.Column("factors_question", sa.Text(), nullable=False,
                                     server_default=""))  # fmt: skip
    op.get_bind().execute(sa.text("UPDATE topic SET factors_question = :question"
                                  " WHERE pack_id = :pack_id"),
                          {"question": BUNDLED_QUESTION, "pack_id": BUNDLED_PACK_ID})  # fmt: skip


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+), not a batch rebuild: rebuilding `topic` would drop it,
    # and every table that references it cascades.
    op.execute("ALTER TABLE topic DROP COLUMN factors_question")
