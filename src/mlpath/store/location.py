"""Where the learner database lives, and an engine configured for it.

`$MLPATH_HOME/mlpath.db` (SQLite) unless `MLPATH_DATABASE_URL` names another SQLite file, an
in-memory SQLite database, or a PostgreSQL server. Problems with the location are reported here,
before SQLite or the driver can turn them into vaguer errors.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from mlpath.errors import StoreError

URL_FORMS = "sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
IN_MEMORY_WARNING = (
    "progress in an in-memory database is lost when mlpath exits; set MLPATH_DATABASE_URL to "
    "sqlite:///PATH to keep it"
)
# Seconds a SQLite writer waits for another one to finish before reporting the database locked.
BUSY_TIMEOUT = 15.0
# An execution option that makes a SQLite transaction take the write lock when it begins.
WRITE = "mlpath_write"
_CANNOT_WRITE = (errno.EROFS, errno.EACCES, errno.EPERM)
_SUPPORTED = (("sqlite", "pysqlite"), ("postgresql", "psycopg"))
_MEMORY = (None, "", ":memory:")


def database_url(home: Path) -> str | URL:
    """`MLPATH_DATABASE_URL` if set, else `mlpath.db` in the user's mlpath folder."""
    explicit = os.environ.get("MLPATH_DATABASE_URL")
    if explicit:
        return explicit
    return URL.create("sqlite", database=str(home / "mlpath.db"))


@dataclass(frozen=True)
class Location:
    """A checked database URL and how to name it to a person (a path, or a server without
    credentials)."""

    url: URL
    where: str
    warnings: list[str] = field(default_factory=list)

    @property
    def in_memory(self) -> bool:
        return self.url.get_backend_name() == "sqlite" and self.url.database in _MEMORY


def locate(url: str | URL) -> Location:
    """Check a database URL: a supported kind, and for SQLite a folder that can hold the file."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        parsed = None
    backend = parsed.get_backend_name() if parsed else None
    driver = parsed.get_driver_name() if parsed else None
    if parsed is None or (backend, driver) not in _SUPPORTED:
        shown = parsed.render_as_string(hide_password=True) if parsed else str(url)
        raise StoreError(f"MLPATH_DATABASE_URL: expected {URL_FORMS}; got {shown!r}")
    if backend == "postgresql":
        server = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
        return Location(parsed.set(drivername="postgresql+psycopg"), server)
    if parsed.database in _MEMORY:
        return Location(parsed, "in memory", [IN_MEMORY_WARNING])
    location = Location(parsed, parsed.database or "")
    _check_folder(Path(location.where))
    return location


def _first_file_among_parents(path: Path) -> Path:
    files = (p for p in reversed(path.parents) if p.exists() and not p.is_dir())
    return next(files, path.parent)


def _nearest_existing(path: Path) -> Path:
    return next(p for p in (path, *path.parents) if p.exists())


def _check_folder(database: Path) -> None:
    """Make the database's folder, or say in one sentence why it cannot hold the database."""
    folder = database.parent
    change = "set MLPATH_HOME to a writable folder, or MLPATH_DATABASE_URL to another database"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = _first_file_among_parents(database)
        raise StoreError(
            f"cannot create the database {database}: {blocker} is a file, not a folder; {change}"
        ) from None
    except OSError as exc:
        if exc.errno in _CANNOT_WRITE:
            raise StoreError(
                f"cannot create the database {database}: {_nearest_existing(folder)} is not "
                f"writable; {change}"
            ) from None
        raise StoreError(f"cannot create the folder {folder} ({exc.strerror}); {change}") from None
    unwritable = next(
        (p for p in (folder, database) if p.exists() and not os.access(p, os.W_OK)), None
    )
    if unwritable is not None:
        raise StoreError(
            f"cannot write the database {database}: {unwritable} is not writable; {change}"
        )


def _prepare_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy's documented recipe for SQLite transactions on Python < 3.12: the driver must not
    # begin transactions itself (it skips DDL, so migrations would not be atomic); `_begin_sqlite`
    # begins every transaction instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN (IMMEDIATE), waiting up to the busy timeout, so what
    # it reads cannot change before it writes; readers do not block anyone (WAL).
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_store_engine(location: Location) -> Engine:
    """An engine for the location: SQLite with transactions that include DDL, or psycopg."""
    url = location.url
    try:
        if url.get_backend_name() == "postgresql":
            return create_engine(url, connect_args={"connect_timeout": 10})
        options: dict[str, Any] = {}
        if "timeout" not in url.query:
            options["connect_args"] = {"timeout": BUSY_TIMEOUT}
        if location.in_memory:
            # One connection shared by every thread: each new connection would be another,
            # empty, in-memory database.
            options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        engine = create_engine(url, **options)
    except (SQLAlchemyError, ImportError, TypeError, ValueError) as exc:
        raise StoreError(
            f"MLPATH_DATABASE_URL: cannot use {location.where} ({exc}); expected {URL_FORMS}"
        ) from exc
    event.listen(engine, "connect", _prepare_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine
