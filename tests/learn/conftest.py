"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL is the server on 127.0.0.1:5432 (database `test`); each test gets its own schema.
Where no server answers, those tests are skipped with the reason, unless
MLPATH_REQUIRE_POSTGRES=1 (set by .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mlpath.course.catalog import load_catalog
from mlpath.learn.graph import ConceptGraph
from mlpath.learn.mastery import Mastery
from mlpath.store import NewAttempt, Store

POSTGRES_ADMIN_URL = os.environ.get(
    "MLPATH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
GRAPH = ConceptGraph(load_catalog().concepts)
# Two made-up checkpoints assess the dot product, one the matrix product.
MASTERY = Mastery(GRAPH, {"la.dot-product": {"dot.a", "dot.b"}, "la.matmul": {"mm.a"}})


def _postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"no PostgreSQL at {POSTGRES_ADMIN_URL.split('@')[-1]}: {type(exc).__name__}"
    return None


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a fresh, empty schema on the test server, dropped afterwards."""
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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'learner.db'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_schema() as url:
        yield url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store.open(database_url)
    try:
        yield opened
    finally:
        opened.close()


def record(
    store: Store,
    learner_id: int,
    checkpoint: str,
    passed: bool,
    misconception: str | None = None,
    now: datetime | None = None,
) -> int:
    """Record an attempt on one of MASTERY's made-up checkpoints (`dot.*` or `mm.*`)."""
    concepts = ("la.matmul",) if checkpoint.startswith("mm.") else ("la.dot-product",)
    attempt = NewAttempt(learner_id, checkpoint, concepts, passed, misconception, now=now)
    return store.record_attempt(attempt, MASTERY)
