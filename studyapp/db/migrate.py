"""Bring a database file to the schema this app version expects, or refuse it.

- A file stamped with a revision we do not know comes from a newer StudyApp: refuse it and
  leave it untouched.
- An older file is backed up (online backup API, never a file copy) before it is upgraded.
- A new file is created by running every migration; `create_all()` is never used on user files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # HEAD_REVISION is read before SQLAlchemy loads (db/first_screen.py)
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# The newest migration's revision. Checking a file against this constant at every start avoids
# loading Alembic's script directory (~0.1 s) when there is nothing to migrate; a test keeps it
# equal to the real head, so adding a migration without updating it fails the build.
HEAD_REVISION = "0009_card_source_changes"


class DatabaseTooNewError(RuntimeError):
    """The file was written by a newer version of StudyApp."""


def _config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def is_current(engine: Engine) -> bool:
    """True when the file is at this app's head revision (the fast path at every start)."""
    return current_revision(engine) == HEAD_REVISION


def upgrade(engine: Engine, db_path: Path, backups_dir: Path) -> str | None:
    """Migrate to head. Returns the backup's path name when an existing file was backed up."""
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            f"{db_path} was written by a newer version of StudyApp (schema {revision}); "
            "update StudyApp to open it. The file has not been changed."
        )
    if revision == head_revision():
        return None
    backup_name = None
    if revision is not None or _has_user_tables(engine):
        from studyapp.db.backup import backup_database

        # Raises BackupError (the file untouched) when the backup cannot be verified.
        backup_name = backup_database(engine, backups_dir, reason="before-upgrade").name
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup_name


def _has_user_tables(engine: Engine) -> bool:
    from sqlalchemy import inspect

    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())
