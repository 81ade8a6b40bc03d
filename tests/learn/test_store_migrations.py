"""Migrations: atomic, repeatable, repairing what older versions left, refusing newer schemas."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from mlpath.store import Store, StoreError
from mlpath.store.migrate import HEAD_REVISION
from mlpath.store.schema import Base
from tests.learn.conftest import record
from tests.learn.recorder import kill, paused_in_first_migration

APP_TABLES = {"learners", "attempts", "concept_states", "review_cards", "drafts"}


def _raw_engine(url: str) -> Engine:
    """An engine without the store's set-up, to make databases the way older versions did."""
    return create_engine(url)


def _revision_and_tables(url: str) -> tuple[str | None, set[str]]:
    engine = _raw_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            version = None
            if "alembic_version" in tables:
                version = connection.execute(
                    text("select version_num from alembic_version")
                ).scalar()
        return version, tables
    finally:
        engine.dispose()


def test_migrations_create_the_schema_and_are_idempotent(database_url: str) -> None:
    Store.open(database_url).close()
    store = Store.open(database_url)
    try:
        learner = store.learner("ada")
        assert store.learner("ada").id == learner.id
    finally:
        store.close()
    assert _revision_and_tables(database_url) == (HEAD_REVISION, APP_TABLES | {"alembic_version"})


def test_a_process_killed_during_its_first_migration_leaves_no_trace(database_url: str) -> None:
    kill(paused_in_first_migration(database_url))
    # The killed migration had created every table but the last; none of them survives.
    assert _revision_and_tables(database_url) == (None, set())
    store = Store.open(database_url)
    try:
        record(store, store.learner().id, "dot.a", True)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("tables", "version_table"),
    [
        (("learners", "attempts"), True),  # killed between two CREATE TABLEs
        (tuple(APP_TABLES), True),  # killed just before the stamp
        (("learners",), False),  # killed before Alembic created its own table
    ],
)
def test_a_half_made_database_from_an_older_mlpath_is_rebuilt(
    database_url: str, tables: tuple[str, ...], version_table: bool
) -> None:
    engine = _raw_engine(database_url)
    with engine.begin() as connection:
        Base.metadata.create_all(connection, tables=[Base.metadata.tables[t] for t in tables])
        if version_table:
            connection.execute(text("create table alembic_version (version_num varchar(32))"))
    engine.dispose()
    store = Store.open(database_url)
    try:
        attempt = record(store, store.learner().id, "dot.a", True)
        assert [a.id for a in store.attempts(store.learner().id)] == [attempt]
    finally:
        store.close()
    assert _revision_and_tables(database_url)[0] == HEAD_REVISION


def test_a_database_with_data_but_no_revision_is_left_alone(database_url: str) -> None:
    engine = _raw_engine(database_url)
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        connection.execute(
            text("insert into learners (name, path, created_at) values ('ada', 'research', :t)"),
            {"t": datetime(2026, 1, 1, tzinfo=UTC)},
        )
    engine.dispose()
    with pytest.raises(StoreError, match=r"holds mlpath's tables with data but no schema revision"):
        Store.open(database_url)
    engine = _raw_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("select name from learners")).scalars().all() == ["ada"]
    engine.dispose()


def test_a_database_from_a_newer_mlpath_is_refused_and_untouched(database_url: str) -> None:
    Store.open(database_url).close()
    engine = _raw_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("update alembic_version set version_num = '0007_future'"))
    engine.dispose()
    with pytest.raises(StoreError) as raised:
        Store.open(database_url)
    where = (
        database_url.removeprefix("sqlite:///")
        if database_url.startswith("sqlite")
        else "127.0.0.1:5432/test"
    )
    assert str(raised.value) == (
        f"{where} was written by a newer mlpath (schema revision 0007_future); upgrade mlpath, "
        "or set MLPATH_DATABASE_URL to another database"
    )
    assert _revision_and_tables(database_url) == ("0007_future", APP_TABLES | {"alembic_version"})


def test_a_database_of_the_previous_revision_is_upgraded_with_its_progress(
    database_url: str,
) -> None:
    from alembic import command
    from alembic.config import Config

    from mlpath.store.migrate import MIGRATIONS

    engine = _raw_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001_initial")
    engine.dispose()
    old = _revision_and_tables(database_url)
    assert old[0] == "0001_initial" and "drafts" not in old[1]
    store = Store.open(database_url)
    try:
        learner = store.learner()
        record(store, learner.id, "dot.a", True, now=datetime(2026, 1, 1, tzinfo=UTC))
        store.save_draft(learner.id, "la.dot-product", "cell-0", "print(1)")
        assert store.drafts(learner.id, "la.dot-product") == {"cell-0": "print(1)"}
        assert len(store.attempts(learner.id)) == 1
    finally:
        store.close()
    assert _revision_and_tables(database_url)[0] == HEAD_REVISION == "0002_drafts"
