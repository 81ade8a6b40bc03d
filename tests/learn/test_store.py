"""The store and the learner model on real databases (SQLite file and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mlpath.config import load_settings
from mlpath.course.catalog import load_catalog
from mlpath.errors import MlpathError
from mlpath.learn.graph import ConceptGraph
from mlpath.learn.mastery import LEARNED, LEARNING, MASTERED
from mlpath.learn.model import LearnerModel
from mlpath.store import Store, StoreError

CATALOG = load_catalog()
GRAPH = ConceptGraph(CATALOG.concepts)
REQUIRED = {"la.dot-product": {"dot.a", "dot.b"}, "la.matmul": {"mm.a"}}


def test_migrations_create_the_schema_and_are_idempotent(store: Store) -> None:
    store.migrate()
    learner = store.learner("ada")
    assert store.learner("ada").id == learner.id
    with store.engine.connect() as connection:
        version = connection.execute(text("select version_num from alembic_version")).scalar()
    assert version == "0001_initial"


def test_a_concept_is_learned_when_all_its_checkpoints_pass(store: Store) -> None:
    learner = store.learner()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    store.record_attempt(learner.id, "dot.a", ("la.dot-product",), True, GRAPH, REQUIRED, now=now)
    rows = store.concept_rows(learner.id)
    assert rows["la.dot-product"].level == LEARNING
    store.record_attempt(
        learner.id,
        "dot.b",
        ("la.dot-product",),
        False,
        GRAPH,
        REQUIRED,
        misconception="elementwise-product",
        now=now,
    )
    store.record_attempt(learner.id, "dot.b", ("la.dot-product",), True, GRAPH, REQUIRED, now=now)
    rows = store.concept_rows(learner.id)
    assert rows["la.dot-product"].level == LEARNED and not rows["la.dot-product"].implicit
    # Passing implies every prerequisite, flagged implicit, with credit halving per edge.
    for prerequisite, hops in GRAPH.ancestors("la.dot-product").items():
        assert rows[prerequisite].level == LEARNED and rows[prerequisite].implicit
        assert rows[prerequisite].credit == pytest.approx(min(1.0, 0.5**hops * 2), abs=0.51)
    assert rows["la.linear-combination"].due is not None  # a direct prerequisite was reviewed
    attempts = store.attempts(learner.id)
    assert [a.passed for a in attempts] == [True, False, True]
    assert attempts[1].misconception == "elementwise-product"


def test_a_pass_at_a_later_due_review_masters_the_concept(store: Store) -> None:
    learner = store.learner()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(0, 40, 4):
        store.record_attempt(
            learner.id,
            "mm.a",
            ("la.matmul",),
            True,
            GRAPH,
            REQUIRED,
            now=start + timedelta(days=day),
        )
    assert store.concept_rows(learner.id)["la.matmul"].level == MASTERED


def test_a_corrupt_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"is corrupt .* Move the file aside"):
        Store.open(f"sqlite:///{path}")


def test_a_locked_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Store.open(f"sqlite:///{path}").close()
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = Store(
            create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.2}), f"sqlite:///{path}"
        )
        with pytest.raises(StoreError, match="is locked by another program"):
            store.learner()
    finally:
        holder.rollback()
        holder.close()


WRITER = """
import sys
from datetime import UTC, datetime
from mlpath.course.catalog import load_catalog
from mlpath.learn.graph import ConceptGraph
from mlpath.store import Store

store = Store.open(sys.argv[1])
graph = ConceptGraph(load_catalog().concepts)
learner = store.learner()
n = 0
while True:
    n += 1
    attempt = store.record_attempt(learner.id, f"dot.{n % 2}", ("la.dot-product",), n % 3 == 0,
                                   graph, {"la.dot-product": {"dot.0", "dot.1"}})
    print(attempt, flush=True)
"""


def test_sigkill_while_recording_loses_no_committed_attempt(database_url: str) -> None:
    Store.open(database_url).close()
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    committed: list[int] = []
    deadline = time.monotonic() + 60
    while len(committed) < 40 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            committed.append(int(line))
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert len(committed) >= 40
    store = Store.open(database_url)
    try:
        learner = store.learner()
        recorded = {attempt.id for attempt in store.attempts(learner.id)}
        assert set(committed) <= recorded
        store.record_attempt(
            learner.id,
            "dot.0",
            ("la.dot-product",),
            True,
            GRAPH,
            {"la.dot-product": {"dot.0", "dot.1"}},
        )
        if database_url.startswith("sqlite"):
            with store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        store.close()


def test_why_attention_shrinks_after_passing_the_dot_product_checkpoints(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLPATH_DATABASE_URL", database_url)
    model = LearnerModel(load_settings())
    try:
        before = model.why("attention")
        order = [step.concept.id for step in before.steps]
        for index, concept_id in enumerate(order):
            for required in CATALOG.concepts[concept_id].requires:
                if required in order:
                    assert order.index(required) < index, (required, concept_id)
        assert "la.dot-product" in order and order[-1] == "tf.attention"
        for checkpoint in ("la.dot-product.implement", "la.dot-product.iris-score"):
            model.record(checkpoint, passed=True)
        after = [step.concept.id for step in model.why("attention").steps]
        gone = {"la.dot-product", *GRAPH.ancestors("la.dot-product")}
        assert not gone & set(after)
        assert set(after) < set(order)
    finally:
        model.close()


def test_unknown_targets_suggest_the_closest_names(tmp_path: Path) -> None:
    model = LearnerModel(load_settings())
    try:
        with pytest.raises(MlpathError, match=r"Did you mean: .*attention"):
            model.why("atention")
    finally:
        model.close()
