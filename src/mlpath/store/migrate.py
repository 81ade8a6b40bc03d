"""Bring a database's schema up to date: one transaction, one process at a time.

The whole migration, DDL and the `alembic_version` stamp, commits or vanishes together, so a
process killed mid-way leaves the database as it was. Processes opening a fresh database at once
queue for a lock (SQLite's write lock, taken by BEGIN IMMEDIATE; a PostgreSQL advisory lock) and
each reads the revision again once it holds the lock.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, func, inspect, select, text

from mlpath.errors import StoreError
from mlpath.store.location import WRITE
from mlpath.store.schema import Base

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Checked on open so Alembic (slow to import) loads only to upgrade.
HEAD_REVISION = "0002_drafts"
# Any fixed number: the key of the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x6D6C70617468


def revision(connection: Connection) -> str | None:
    """The schema revision the database says it has (None: not stamped)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("select version_num from alembic_version")).scalar()
    return str(found) if found is not None else None


def migrate(engine: Engine, where: str) -> None:
    """Upgrade the schema to the head revision, repairing a half-made one from an older mlpath.

    Raises:
        StoreError: the database was written by a newer mlpath, or holds an unknown schema.
    """
    with engine.connect() as connection:
        if revision(connection) == HEAD_REVISION:
            return
    with engine.connect().execution_options(**{WRITE: True}) as connection, connection.begin():
        if engine.dialect.name == "postgresql":
            connection.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
        current = revision(connection)
        if current == HEAD_REVISION:
            return
        _upgrade(connection, current, where)


def _upgrade(connection: Connection, current: str | None, where: str) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    try:
        scripts = ScriptDirectory.from_config(config)
        if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
            raise StoreError(
                f"{where} was written by a newer mlpath (schema revision {current}); upgrade "
                "mlpath, or set MLPATH_DATABASE_URL to another database"
            )
        if current is None:
            _drop_half_made_tables(connection, where)
        command.upgrade(config, "head")
    except CommandError as exc:  # the migration scripts themselves are missing or broken
        raise StoreError(f"cannot migrate the database {where} ({exc}); reinstall mlpath") from exc


def _drop_half_made_tables(connection: Connection, where: str) -> None:
    """Drop the tables an older mlpath created without stamping a revision.

    Older versions ran the DDL outside a transaction, so a process killed during its first open
    left some tables and no revision, and every later open failed on "table already exists".
    No attempt can have been recorded in such a database, so its empty tables are rebuilt.
    """
    inspector = inspect(connection)
    present = [table for table in Base.metadata.sorted_tables if inspector.has_table(table.name)]
    for table in present:
        if connection.execute(select(func.count()).select_from(table)).scalar():
            raise StoreError(
                f"the database {where} holds mlpath's tables with data but no schema revision; "
                "move it aside and mlpath will start a new one"
            )
    for table in reversed(present):
        table.drop(connection)
