"""Alembic environment: runs migrations on the connection StudyApp hands it.

SQLite cannot ALTER most things in place, so autogenerate renders batch operations
(`render_as_batch=True`), and DDL is not treated as transactional.
"""

from __future__ import annotations

from alembic import context

from studyapp.db.models import Base
from studyapp.db.search_schema import is_search_table

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite://"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=False,
    # The FTS5 search index and its shadow tables are created by hand (migration 0002), not
    # from the models: autogenerate must not offer to drop them.
    include_name=lambda name, type_, _parents: type_ != "table" or not is_search_table(name),
)
with context.begin_transaction():
    context.run_migrations()
