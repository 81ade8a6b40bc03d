"""The one write path to the learner database. Every write is a single transaction.

SQLite by default (`$MLPATH_HOME/mlpath.db`, WAL mode); PostgreSQL when `MLPATH_DATABASE_URL`
says so. The schema is brought up to date when the store opens (`migrate.py`). A transaction
that PostgreSQL aborts because it collided with another process runs again from the start.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import Any, TypeVar

from fsrs import Card
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from mlpath.errors import StoreError
from mlpath.store._errors import explain, is_retryable
from mlpath.store.location import WRITE, create_store_engine, locate
from mlpath.store.migrate import migrate
from mlpath.store.records import (
    AttemptFacts,
    AttemptRules,
    ConceptRow,
    ConceptSnapshot,
    ConceptUpdate,
    NewAttempt,
)
from mlpath.store.schema import Attempt, Base, ConceptState, Draft, Learner, ReviewCard

DEFAULT_LEARNER = "default"
# Runs of a transaction that PostgreSQL keeps aborting for colliding ones, before giving up.
ATTEMPTS_PER_TRANSACTION = 6
# A draft longer than this is cut: the web form refuses more than 1 MB anyway.
MAX_DRAFT = 1_000_000
T = TypeVar("T")


class Store:
    """A learner database. Open with `Store.open(url)`; every method is its own transaction.

    `warnings` lists what a person should know although the store works (an in-memory database).
    """

    def __init__(self, engine: Engine, where: str, warnings: Collection[str] = ()) -> None:
        self.engine = engine
        self.where = where
        self.warnings = list(warnings)
        self._reads = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{WRITE: True})
        self._writes = sessionmaker(writer, expire_on_commit=False)
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        self._insert = dialect.insert

    @classmethod
    def open(cls, url: str | URL) -> Store:
        """Open the database at `url` and bring its schema up to date.

        Raises:
            StoreError: the only exception; its message says what to do.
        """
        location = locate(url)
        engine = create_store_engine(location)
        try:
            migrate(engine, location.where)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise explain(exc, location.where) from exc
        except StoreError:
            engine.dispose()
            raise
        return cls(engine, location.where, location.warnings)

    def close(self) -> None:
        self.engine.dispose()

    def _run(self, sessions: sessionmaker[Session], work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction; again from the start when it lost a race."""
        for run in range(1, ATTEMPTS_PER_TRANSACTION + 1):
            try:
                with sessions.begin() as session:
                    return work(session)
            except DBAPIError as exc:
                if run == ATTEMPTS_PER_TRANSACTION or not is_retryable(exc):
                    raise explain(exc, self.where) from exc
            except SQLAlchemyError as exc:
                raise explain(exc, self.where) from exc
            # Randomised, growing pauses, so the colliding processes stop colliding.
            time.sleep(random.uniform(0, 0.01 * 2**run))
        raise AssertionError("unreachable: the last run returns or raises")

    # -- learners -----------------------------------------------------------------------------

    def learner(self, name: str = DEFAULT_LEARNER) -> Learner:
        """The learner with this name, created on first use."""
        query = select(Learner).where(Learner.name == name)
        found = self._run(self._reads, lambda session: session.scalar(query))
        if found is not None:
            return found

        def create(session: Session) -> Learner:
            row = {"name": name, "path": "engineering", "created_at": datetime.now(UTC)}
            session.execute(self._insert(Learner).values(row).on_conflict_do_nothing())
            return session.scalars(query).one()

        return self._run(self._writes, create)

    def set_plan(self, learner_id: int, path: str, goal: str | None) -> None:
        change = update(Learner).where(Learner.id == learner_id).values(path=path, goal=goal)
        self._run(self._writes, lambda session: session.execute(change))

    # -- attempts and mastery -----------------------------------------------------------------

    def record_attempt(self, attempt: NewAttempt, rules: AttemptRules) -> int:
        """Record an attempt and everything it changes, in one transaction; returns its id.

        The learner's row is locked first, so one learner's attempts are recorded one after
        another, each seeing the state the previous one left.
        """
        involved = set(rules.involved(attempt.concepts, attempt.passed))

        def work(session: Session) -> int:
            lock = select(Learner.id).where(Learner.id == attempt.learner_id).with_for_update()
            learner_id = session.scalars(lock).one()
            now = attempt.now or datetime.now(UTC)
            row = Attempt(
                learner_id=learner_id,
                checkpoint_id=attempt.checkpoint_id,
                concepts=" ".join(attempt.concepts),
                passed=attempt.passed,
                misconception=attempt.misconception,
                answer=attempt.answer[:20_000],
                created_at=now,
            )
            session.add(row)
            session.flush()
            facts = AttemptFacts(
                attempt.concepts,
                attempt.passed,
                now,
                self._snapshots(session, learner_id, involved),
                self._passed_checkpoints(session, learner_id, attempt.concepts),
                attempt.placement,
            )
            updates = rules.effect(facts)
            # A fixed order, so two transactions never wait for each other's rows in a cycle.
            for concept_id in sorted(updates):
                self._apply(session, learner_id, concept_id, updates[concept_id], now)
            return row.id

        return self._run(self._writes, work)

    def _apply(
        self,
        session: Session,
        learner_id: int,
        concept_id: str,
        change: ConceptUpdate,
        now: datetime,
    ) -> None:
        key = {"learner_id": learner_id, "concept_id": concept_id}
        state = {
            "level": change.level,
            "implicit": change.implicit,
            "credit": change.credit,
            "updated_at": now,
        }
        self._upsert(session, ConceptState, key, state, state)
        if change.card is None:
            return
        card = {"card": change.card.to_json(), "due": change.card.due}
        reviews = int(change.implicit_review)
        self._upsert(
            session,
            ReviewCard,
            key,
            {**card, "implicit_reviews": reviews},
            {**card, "implicit_reviews": ReviewCard.implicit_reviews + reviews},
        )

    def _upsert(
        self,
        session: Session,
        table: type[Base],
        key: dict[str, Any],
        values: dict[str, Any],
        on_conflict: dict[str, Any],
    ) -> None:
        """Insert a row, or update it where one with the same key exists (atomic either way)."""
        statement = self._insert(table).values({**key, **values})
        session.execute(statement.on_conflict_do_update(index_elements=list(key), set_=on_conflict))

    @staticmethod
    def _snapshots(
        session: Session, learner_id: int, concepts: set[str]
    ) -> dict[str, ConceptSnapshot]:
        rows = session.scalars(
            select(ConceptState).where(
                ConceptState.learner_id == learner_id, ConceptState.concept_id.in_(concepts)
            )
        )
        cards = {
            c.concept_id: Card.from_json(c.card)
            for c in session.scalars(
                select(ReviewCard).where(
                    ReviewCard.learner_id == learner_id, ReviewCard.concept_id.in_(concepts)
                )
            )
        }
        return {
            r.concept_id: ConceptSnapshot(r.level, r.implicit, r.credit, cards.get(r.concept_id))
            for r in rows
        }

    @staticmethod
    def _passed_checkpoints(
        session: Session, learner_id: int, concepts: tuple[str, ...]
    ) -> dict[str, set[str]]:
        passed: dict[str, set[str]] = {c: set() for c in concepts}
        attempts = session.execute(
            select(Attempt.checkpoint_id, Attempt.concepts).where(
                Attempt.learner_id == learner_id, Attempt.passed.is_(True)
            )
        )
        for checkpoint_id, concept_text in attempts:
            for concept in concept_text.split():
                if concept in passed:
                    passed[concept].add(checkpoint_id)
        return passed

    # -- reading ------------------------------------------------------------------------------

    def concept_rows(self, learner_id: int) -> dict[str, ConceptRow]:
        def read(session: Session) -> dict[str, ConceptRow]:
            dues = {
                c.concept_id: c.due
                for c in session.scalars(
                    select(ReviewCard).where(ReviewCard.learner_id == learner_id)
                )
            }
            return {
                r.concept_id: ConceptRow(
                    r.concept_id, r.level, r.implicit, r.credit, dues.get(r.concept_id)
                )
                for r in session.scalars(
                    select(ConceptState).where(ConceptState.learner_id == learner_id)
                )
            }

        return self._run(self._reads, read)

    # -- drafts -------------------------------------------------------------------------------

    def save_draft(self, learner_id: int, lesson_id: str, slot: str, text_: str) -> None:
        """Keep what the learner typed (an empty text forgets it: back to the original)."""
        key = {"learner_id": learner_id, "lesson_id": lesson_id, "slot": slot}

        def work(session: Session) -> None:
            if not text_:
                session.execute(
                    delete(Draft).where(*(getattr(Draft, k) == v for k, v in key.items()))
                )
                return
            values = {"text": text_[:MAX_DRAFT], "updated_at": datetime.now(UTC)}
            self._upsert(session, Draft, key, values, values)

        self._run(self._writes, work)

    def drafts(self, learner_id: int, lesson_id: str) -> dict[str, str]:
        """Slot -> kept text, for one lesson."""
        query = select(Draft.slot, Draft.text).where(
            Draft.learner_id == learner_id, Draft.lesson_id == lesson_id
        )
        return self._run(
            self._reads, lambda session: {slot: text_ for slot, text_ in session.execute(query)}
        )

    def last_lesson(self, learner_id: int) -> str | None:
        """The lesson the learner last typed in (a draft), if any."""
        query = (
            select(Draft.lesson_id)
            .where(Draft.learner_id == learner_id)
            .order_by(Draft.updated_at.desc())
            .limit(1)
        )
        return self._run(self._reads, lambda session: session.scalar(query))

    def last_attempt(self, learner_id: int, checkpoint_id: str) -> Attempt | None:
        """The latest attempt at one checkpoint (the index on learner_id keeps this cheap)."""
        query = (
            select(Attempt)
            .where(Attempt.learner_id == learner_id, Attempt.checkpoint_id == checkpoint_id)
            .order_by(Attempt.id.desc())
            .limit(1)
        )
        return self._run(self._reads, lambda session: session.scalar(query))

    def attempts(self, learner_id: int) -> list[Attempt]:
        query = select(Attempt).where(Attempt.learner_id == learner_id).order_by(Attempt.id)
        return self._run(self._reads, lambda session: list(session.scalars(query)))
