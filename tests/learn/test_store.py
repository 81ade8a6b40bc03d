"""The store and the learner model on real databases (SQLite file and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from mlpath.config import load_settings
from mlpath.course.catalog import load_catalog
from mlpath.errors import MlpathError
from mlpath.learn.mastery import LEARNED, LEARNING, MASTERED
from mlpath.learn.model import LearnerModel
from mlpath.store import Store, StoreError
from mlpath.store.location import IN_MEMORY_WARNING
from mlpath.store.store import ATTEMPTS_PER_TRANSACTION
from tests.learn.conftest import GRAPH, record

CATALOG = load_catalog()


def test_a_concept_is_learned_when_all_its_checkpoints_pass(store: Store) -> None:
    learner = store.learner()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    record(store, learner.id, "dot.a", True, now=now)
    rows = store.concept_rows(learner.id)
    assert rows["la.dot-product"].level == LEARNING
    record(store, learner.id, "dot.b", False, misconception="elementwise-product", now=now)
    record(store, learner.id, "dot.b", True, now=now)
    rows = store.concept_rows(learner.id)
    assert rows["la.dot-product"].level == LEARNED and not rows["la.dot-product"].implicit
    # Passing implies every prerequisite, flagged implicit; each of the two passes adds credit
    # that halves with each edge.
    for prerequisite, hops in GRAPH.ancestors("la.dot-product").items():
        assert rows[prerequisite].level == LEARNED and rows[prerequisite].implicit
        assert rows[prerequisite].credit == min(1.0, 2 * 0.5**hops)
    assert rows["la.linear-combination"].due is not None  # a direct prerequisite was reviewed
    attempts = store.attempts(learner.id)
    assert [a.passed for a in attempts] == [True, False, True]
    assert attempts[1].misconception == "elementwise-product"


def test_a_pass_at_a_later_due_review_masters_the_concept(store: Store) -> None:
    learner = store.learner()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(0, 40, 4):
        record(store, learner.id, "mm.a", True, now=start + timedelta(days=day))
    assert store.concept_rows(learner.id)["la.matmul"].level == MASTERED


def test_implicit_reviews_accumulate_on_the_existing_card(store: Store) -> None:
    learner = store.learner()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(3):
        record(store, learner.id, "dot.a", True, now=start + timedelta(days=day))
    with store.engine.connect() as connection:
        reviews = connection.execute(
            text("select implicit_reviews from review_cards where concept_id = :c"),
            {"c": "la.linear-combination"},
        ).scalar()
    assert reviews == 3


def test_learners_are_created_once_by_name(store: Store) -> None:
    ada = store.learner("ada")
    assert store.learner("ada").id == ada.id
    assert store.learner("bob").id != ada.id
    store.set_plan(ada.id, "research", "attention")
    assert (store.learner("ada").path, store.learner("ada").goal) == ("research", "attention")


# A trigger that makes the server reject the first `times` inserts into a table with a given
# SQLSTATE. It counts the failures in a sequence, which a rollback does not undo.
INJECT_FAILURES = """
CREATE SEQUENCE injected;
CREATE FUNCTION inject_failure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM injected) < {times} THEN
    PERFORM nextval('injected');
    RAISE EXCEPTION 'failure injected by the test'
      USING ERRCODE = '{sqlstate}', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inject BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION inject_failure();
"""


@pytest.mark.parametrize(
    ("sqlstate", "table"),
    [("40001", "attempts"), ("40P01", "concept_states"), ("23505", "review_cards")],
)
def test_postgres_runs_an_aborted_attempt_again_and_records_it_once(
    postgres_url: str, sqlstate: str, table: str
) -> None:
    store = Store.open(postgres_url)
    try:
        learner = store.learner()
        with store.engine.begin() as connection:
            connection.exec_driver_sql(
                INJECT_FAILURES.format(times=2, sqlstate=sqlstate, table=table)
            )
        attempt_id = record(store, learner.id, "dot.a", True)
        assert [a.id for a in store.attempts(learner.id)] == [attempt_id]
        assert store.concept_rows(learner.id)["la.dot-product"].level == LEARNING
        with store.engine.connect() as connection:
            assert connection.execute(text("select last_value from injected")).scalar() == 2
    finally:
        store.close()


def test_postgres_does_not_retry_other_errors(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        learner = store.learner()
        with store.engine.begin() as connection:
            # A unique violation on the attempts table is no lost upsert race.
            connection.exec_driver_sql(
                INJECT_FAILURES.format(times=1, sqlstate="23505", table="attempts")
            )
        with pytest.raises(StoreError, match=r"failed \(failure injected by the test\)"):
            record(store, learner.id, "dot.a", True)
        assert store.attempts(learner.id) == []
        with store.engine.connect() as connection:
            assert connection.execute(text("select last_value from injected")).scalar() == 1
    finally:
        store.close()


def test_postgres_gives_up_on_endless_deadlocks_with_a_clear_message(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        learner = store.learner()
        with store.engine.begin() as connection:
            connection.exec_driver_sql(
                INJECT_FAILURES.format(times=1000, sqlstate="40P01", table="attempts")
            )
        with pytest.raises(StoreError) as raised:
            record(store, learner.id, "dot.a", True)
        server = postgres_url.split("@")[1].split("?")[0]
        assert str(raised.value) == (
            f"the database {server} kept aborting the transaction in favour of other mlpath "
            "processes (deadlock); retry"
        )
        assert store.attempts(learner.id) == []
        with store.engine.connect() as connection:
            failures = connection.execute(text("select last_value from injected")).scalar()
        assert failures == ATTEMPTS_PER_TRANSACTION
    finally:
        store.close()


def test_an_in_memory_database_works_and_warns_that_progress_is_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MLPATH_DATABASE_URL", "sqlite://")
    model = LearnerModel(load_settings())
    try:
        assert model.warnings == []  # nothing to warn about before the store is open
        assert model.try_record("la.matmul.shape-rule", True, None, "'a'") is None  # recorded
        assert model.warnings == [IN_MEMORY_WARNING]
        # Every thread (the web app's handlers run in a pool) sees the same database.
        with ThreadPoolExecutor(1) as pool:
            attempts = pool.submit(model.store.attempts, model.learner.id).result()
        assert [a.checkpoint_id for a in attempts] == ["la.matmul.shape-rule"]
    finally:
        model.close()


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


def test_unknown_targets_suggest_the_closest_names() -> None:
    model = LearnerModel(load_settings())
    try:
        with pytest.raises(MlpathError, match=r"Did you mean: .*attention"):
            model.why("atention")
    finally:
        model.close()


def test_passes_within_minutes_never_master_and_early_repeats_add_nothing(store: Store) -> None:
    learner = store.learner()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for minute in range(0, 120, 2):  # a learner pressing Check again and again for two hours
        record(store, learner.id, "mm.a", True, now=start + timedelta(minutes=minute))
    rows = store.concept_rows(learner.id)
    assert rows["la.matmul"].level == LEARNED
    due = rows["la.matmul"].due
    assert due is not None
    record(store, learner.id, "mm.a", True, now=start + timedelta(hours=3))
    assert store.concept_rows(learner.id)["la.matmul"].due == due  # not due yet: unchanged


def test_mastery_needs_spaced_reviews_each_taken_when_due(store: Store) -> None:
    learner = store.learner()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    record(store, learner.id, "mm.a", True, now=now)
    levels = []
    for _ in range(4):
        due = store.concept_rows(learner.id)["la.matmul"].due
        assert due is not None
        now = max(now + timedelta(minutes=10), due.replace(tzinfo=UTC))
        record(store, learner.id, "mm.a", True, now=now)
        levels.append(store.concept_rows(learner.id)["la.matmul"].level)
    assert levels[0] == LEARNED  # one on-time review is not mastery
    assert levels[1] == MASTERED  # the second, about 13 days after learning (learner-model.md)
    assert now - datetime(2026, 1, 1, tzinfo=UTC) > timedelta(days=7)


def test_the_first_review_is_days_after_a_pass_not_minutes(store: Store) -> None:
    learner = store.learner()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    record(store, learner.id, "mm.a", True, now=start)
    for concept, row in store.concept_rows(learner.id).items():
        if row.due is not None:
            assert row.due.replace(tzinfo=UTC) - start >= timedelta(days=1), concept


def test_progress_survives_attempts_on_concepts_the_course_no_longer_has() -> None:
    model = LearnerModel(load_settings())
    try:
        model.record("la.matmul.shape-rule", True)
        with model.store.engine.begin() as connection:  # written by an older course
            connection.execute(
                text(
                    "insert into attempts (learner_id, checkpoint_id, concepts, passed, answer,"
                    " created_at) values (:l, 'old.checkpoint', 'gone.concept', true, '', :t)"
                ),
                {"l": model.learner.id, "t": datetime(2030, 1, 1, tzinfo=UTC)},
            )
        assert model.history()[-1][1] >= 1
    finally:
        model.close()
