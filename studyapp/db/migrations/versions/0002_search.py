"""full-text search index (FTS5) kept in step by triggers

Revision ID: 0002_search
Revises: 0001
Create Date: 2026-11-28 03:40:00

The statements come from `studyapp.db.search_schema`, the one description of what is indexed.
Changing that description later needs a new migration that drops and re-creates the index
(`drop_statements()` then `create_statements()` and `fill()`); a test compares the triggers in a
migrated file with the description, so forgetting the migration fails the build.
"""

from __future__ import annotations

from alembic import op

from studyapp.db import search_schema

revision = "0002_search"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    # Only the tables of this revision: later ones (0007's key terms) add their own triggers.
    for statement in search_schema.create_statements(search_schema.present_sources(connection)):
        connection.exec_driver_sql(statement)
    search_schema.fill(connection)  # an upgraded file already holds notes to index


def downgrade() -> None:
    connection = op.get_bind()
    for statement in search_schema.drop_statements():
        connection.exec_driver_sql(statement)
