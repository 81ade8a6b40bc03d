"""Database errors, classified by the driver's error code (never by words in the message)."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from mlpath.errors import StoreError

# PostgreSQL aborts one of two colliding transactions with these; running it again succeeds.
SERIALIZATION_FAILURE, DEADLOCK_DETECTED, UNIQUE_VIOLATION = "40001", "40P01", "23505"
# A unique violation is a lost race only on the tables the store upserts into.
UPSERTED_TABLES = frozenset({"learners", "concept_states", "review_cards"})
_SQLITE_BUSY = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_SQLITE_CORRUPT = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_SQLITE_UNWRITABLE = frozenset({sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN})
# No SQLSTATE means the client never reached the server; 08: connection, 28: authentication,
# 3D: no such database.
_UNREACHABLE = ("08", "28", "3D")
_SQLSTATE_NAMES = {SERIALIZATION_FAILURE: "serialization failure", DEADLOCK_DETECTED: "deadlock"}


def _sqlstate(exc: DBAPIError) -> str | None:
    state = getattr(exc.orig, "sqlstate", None)
    return state if isinstance(state, str) else None


def _sqlite_code(exc: DBAPIError) -> int | None:
    """The primary SQLite result code (extended codes carry it in their low byte)."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _detail(exc: BaseException) -> str:
    """The driver's own message, first line only (PostgreSQL adds hint and context lines)."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    lines = str(original).strip().splitlines()
    return lines[0].strip() if lines else type(original).__name__


def is_retryable(exc: DBAPIError) -> bool:
    """Whether the transaction lost a race with another one and may simply run again."""
    state = _sqlstate(exc)
    if state in (SERIALIZATION_FAILURE, DEADLOCK_DETECTED):
        return True
    # SQLite's lock is not fair: on a busy machine a writer can wait out the whole busy
    # timeout while others keep taking the lock. Waiting again is right; giving up loses work.
    if _sqlite_code(exc) in _SQLITE_BUSY:
        return True
    table = getattr(getattr(exc.orig, "diag", None), "table_name", None)
    return state == UNIQUE_VIOLATION and table in UPSERTED_TABLES


def explain(exc: SQLAlchemyError, where: str) -> StoreError:
    """One sentence for a person: what failed, in which database, and what to do."""
    detail = _detail(exc)
    if not isinstance(exc, DBAPIError):
        return StoreError(f"the database {where} failed ({detail}); retry, or move it aside")
    code, state = _sqlite_code(exc), _sqlstate(exc)
    if code in _SQLITE_BUSY:
        return StoreError(
            f"the database {where} is locked by another program; close that program and retry"
        )
    if code in _SQLITE_CORRUPT:
        return StoreError(
            f"the database {where} is corrupt ({detail}); move the file aside and mlpath will "
            "start a new one"
        )
    if code in _SQLITE_UNWRITABLE:
        return StoreError(
            f"the database {where} cannot be opened for writing ({detail}); make the file and its "
            "folder writable, or set MLPATH_HOME to a writable folder"
        )
    if code == sqlite3.SQLITE_FULL:
        return StoreError(f"the disk holding the database {where} is full; free space and retry")
    if state in _SQLSTATE_NAMES:
        return StoreError(
            f"the database {where} kept aborting the transaction in favour of other mlpath "
            f"processes ({_SQLSTATE_NAMES[state]}); retry"
        )
    if not isinstance(exc.orig, sqlite3.Error) and (state is None or state[:2] in _UNREACHABLE):
        return StoreError(
            f"cannot connect to the database server {where} ({detail}); start the server or fix "
            "MLPATH_DATABASE_URL"
        )
    return StoreError(f"the database {where} failed ({detail}); retry, or move it aside")
