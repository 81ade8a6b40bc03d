"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL is the server on 127.0.0.1:5432 (database `test`); each test gets its own schema.
Where no server answers, those tests are skipped with the reason, unless
MLPATH_REQUIRE_POSTGRES=1 (set by .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mlpath.store import Store

POSTGRES_ADMIN_URL = os.environ.get(
    "MLPATH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"no PostgreSQL at {POSTGRES_ADMIN_URL.split('@')[-1]}: {type(exc).__name__}"
    return None


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'learner.db'}"
        return
    problem = _postgres_problem()
    if problem:
        if os.environ.get("MLPATH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{problem} (MLPATH_REQUIRE_POSTGRES=1)")
        pytest.skip(problem)
    schema = f"mlpath_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    try:
        yield opened
    finally:
        opened.close()
