"""Several real processes record into one database while others are SIGKILLed.

One process is stopped inside the first migration; four writers start and it is killed, so they
open a fresh database at once. They record attempts for two learners whose rows overlap, and one
writer is killed mid-way. No attempt a process was told is recorded may be missing, none may be
rejected, and every concept row must be what replaying the attempt log one by one gives.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from mlpath.config import load_settings
from mlpath.learn.mastery import Mastery
from mlpath.learn.model import LearnerModel
from mlpath.store import NewAttempt, Store
from mlpath.store.migrate import HEAD_REVISION, revision
from mlpath.store.schema import Attempt, ConceptState, ReviewCard
from tests.learn.recorder import (
    HANG_GUARD_SECONDS,
    LEARNERS,
    kill,
    paused_in_first_migration,
    read_line,
    start,
)

WRITERS, ATTEMPTS_EACH, KILL_AFTER = 4, 200, 50


def aware(moment: datetime) -> datetime:
    """In UTC (SQLite hands back naive datetimes, PostgreSQL the session's time zone)."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def stored_state(store: Store, learner_id: int) -> dict[str, tuple[Any, ...]]:
    """Every concept row and review card of a learner, comparable across databases."""
    state: dict[str, tuple[Any, ...]] = {}
    with Session(store.engine) as session:
        for row in session.scalars(
            select(ConceptState).where(ConceptState.learner_id == learner_id)
        ):
            state[row.concept_id] = (row.level, row.implicit, row.credit)
        for card in session.scalars(select(ReviewCard).where(ReviewCard.learner_id == learner_id)):
            state[card.concept_id] += (card.card, aware(card.due), card.implicit_reviews)
    return state


def replayed_state(attempts: list[Attempt], mastery: Mastery) -> dict[str, Any]:
    """The state recording the same attempts one after another, in id order, leaves."""
    fresh = Store.open("sqlite://")
    try:
        learner_id = fresh.learner().id
        for attempt in attempts:
            concepts = tuple(attempt.concepts.split())
            new = NewAttempt(
                learner_id,
                attempt.checkpoint_id,
                concepts,
                attempt.passed,
                now=aware(attempt.created_at),
            )
            fresh.record_attempt(new, mastery)
        return stored_state(fresh, learner_id)
    finally:
        fresh.close()


@pytest.mark.slow
def test_killed_and_concurrent_processes_lose_and_reject_no_attempt(database_url: str) -> None:
    victim = paused_in_first_migration(database_url)
    writers = [
        start(database_url, "record", str(seed), str(ATTEMPTS_EACH)) for seed in range(WRITERS)
    ]
    # The writers queue for the migration lock the victim holds, or reach it after it died.
    kill(victim)
    doomed, survivors = writers[0], writers[1:]
    reported = [int(read_line(doomed)) for _ in range(KILL_AFTER)]
    reported += [int(line) for line in kill(doomed).split()]
    for survivor in survivors:
        output, errors = survivor.communicate(timeout=HANG_GUARD_SECONDS)
        assert (survivor.returncode, errors) == (0, "")
        ids = [int(line) for line in output.split()]
        assert len(ids) == ATTEMPTS_EACH  # none rejected
        reported += ids
    assert len(set(reported)) == len(reported)

    store = Store.open(database_url)
    model = LearnerModel(load_settings())
    try:
        with store.engine.connect() as connection:
            assert revision(connection) == HEAD_REVISION
        attempts = {name: store.attempts(store.learner(name).id) for name in LEARNERS}
        stored = {a.id for log in attempts.values() for a in log}
        assert set(reported) <= stored  # none lost
        # The killed writer may have committed one more attempt than it lived to print.
        assert len(stored - set(reported)) <= 1
        for name, log in attempts.items():
            learner_id = store.learner(name).id
            expected = replayed_state(log, model.mastery)
            assert stored_state(store, learner_id) == expected
        # Still usable for writing.
        record = NewAttempt(store.learner("ada").id, "la.matmul.shape-rule", ("la.matmul",), True)
        assert store.record_attempt(record, model.mastery) > max(stored)
        if database_url.startswith("sqlite"):
            with store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        model.close()
        store.close()
