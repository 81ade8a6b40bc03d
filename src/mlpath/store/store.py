"""The one write path to the learner database. Every write is a single transaction.

SQLite by default (`$MLPATH_HOME/mlpath.db`, WAL mode); PostgreSQL when `MLPATH_DATABASE_URL`
says so. The schema is created and upgraded by Alembic migrations when the store opens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fsrs import Card
from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from mlpath.errors import MlpathError
from mlpath.learn.graph import ConceptGraph
from mlpath.learn.mastery import ConceptSnapshot, effect_of_attempt
from mlpath.store.schema import Attempt, ConceptState, Learner, ReviewCard

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Checked on open so Alembic (slow to import) loads only to upgrade.
HEAD_REVISION = "0001_initial"
DEFAULT_LEARNER = "default"


class StoreError(MlpathError):
    """The database cannot be used; the message says why and what to do."""


def database_url(home: Path) -> str:
    explicit = os.environ.get("MLPATH_DATABASE_URL")
    if explicit:
        return explicit
    return f"sqlite:///{home / 'mlpath.db'}"


def _describe(url: str) -> str:
    """The database as a person knows it: a file path, or a server without credentials."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return url.split("@")[-1] if "@" in url else url


def _explain(exc: SQLAlchemyError, url: str) -> StoreError:
    text = str(getattr(exc, "orig", exc))
    where = _describe(url)
    if "locked" in text:
        return StoreError(f"the database {where} is locked by another program; close it and retry")
    if "not a database" in text or "malformed" in text:
        return StoreError(
            f"the database {where} is corrupt ({text}). Move the file aside; mlpath will start a "
            "new one (your progress in the old file is not lost, only set aside)."
        )
    return StoreError(f"the database {where} cannot be used: {text}")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@dataclass(frozen=True)
class ConceptRow:
    concept_id: str
    level: str
    implicit: bool
    credit: float
    due: datetime | None


class Store:
    """A learner database. Open with `Store.open(url)`; every method is its own transaction."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Store:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, url)
        store.migrate()
        return store

    def _revision(self) -> str | None:
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("select version_num from alembic_version")).scalar()

    def migrate(self) -> None:
        """Bring the schema up to date (named, forward-only Alembic migrations)."""
        try:
            if self._revision() == HEAD_REVISION:
                return
        except (DatabaseError, OperationalError) as exc:
            raise _explain(exc, self.url) from exc
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except (DatabaseError, OperationalError) as exc:
            raise _explain(exc, self.url) from exc

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with self._sessions.begin() as session:
                yield session
        except (DatabaseError, OperationalError) as exc:
            raise _explain(exc, self.url) from exc

    def close(self) -> None:
        self.engine.dispose()

    # -- learners -----------------------------------------------------------------------------

    def learner(self, name: str = DEFAULT_LEARNER) -> Learner:
        """The learner with this name, created on first use."""
        with self._transaction() as session:
            found = session.scalar(select(Learner).where(Learner.name == name))
            if found is None:
                found = Learner(name=name, path="engineering", created_at=datetime.now(UTC))
                session.add(found)
                session.flush()
            return found

    def set_plan(self, learner_id: int, path: str, goal: str | None) -> None:
        with self._transaction() as session:
            learner = session.get_one(Learner, learner_id)
            learner.path, learner.goal = path, goal

    # -- attempts and mastery -----------------------------------------------------------------

    def record_attempt(
        self,
        learner_id: int,
        checkpoint_id: str,
        concepts: tuple[str, ...],
        passed: bool,
        graph: ConceptGraph,
        required_checkpoints: Mapping[str, set[str]],
        misconception: str | None = None,
        answer: str = "",
        now: datetime | None = None,
    ) -> int:
        """Record an attempt and everything it changes, in one transaction; returns its id."""
        now = now or datetime.now(UTC)
        with self._transaction() as session:
            attempt = Attempt(
                learner_id=learner_id,
                checkpoint_id=checkpoint_id,
                concepts=" ".join(concepts),
                passed=passed,
                misconception=misconception,
                answer=answer[:20_000],
                created_at=now,
            )
            session.add(attempt)
            session.flush()
            involved = set(concepts)
            if passed:
                for concept in concepts:
                    involved.update(graph.ancestors(concept))
            states = self._snapshots(session, learner_id, involved)
            passed_checkpoints = self._passed_checkpoints(session, learner_id, concepts)
            effect = effect_of_attempt(
                graph, concepts, passed, passed_checkpoints, required_checkpoints, states, now
            )
            for concept_id, update in effect.updates.items():
                row = session.get(ConceptState, (learner_id, concept_id))
                if row is None:
                    row = ConceptState(learner_id=learner_id, concept_id=concept_id)
                    session.add(row)
                row.level, row.implicit, row.credit = update.level, update.implicit, update.credit
                row.updated_at = now
                if update.card is not None:
                    card = session.get(ReviewCard, (learner_id, concept_id))
                    if card is None:
                        card = ReviewCard(
                            learner_id=learner_id, concept_id=concept_id, implicit_reviews=0
                        )
                        session.add(card)
                    card.card = update.card.to_json()
                    card.due = update.card.due
                    card.implicit_reviews = (card.implicit_reviews or 0) + int(
                        update.implicit_review
                    )
            return attempt.id

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
        with self._transaction() as session:
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

    def attempts(self, learner_id: int) -> list[Attempt]:
        with self._transaction() as session:
            return list(
                session.scalars(
                    select(Attempt).where(Attempt.learner_id == learner_id).order_by(Attempt.id)
                )
            )
