"""The learner model: one learner's knowledge, attempts and plan, over the store and catalog.

Interfaces (CLI, web, notebook) call this; it holds no presentation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from mlpath.config import Settings
from mlpath.course.catalog import Catalog, load_catalog
from mlpath.errors import MlpathError
from mlpath.grade.model import Checkpoint
from mlpath.learn.graph import ConceptGraph
from mlpath.learn.mastery import LEARNED, LEVELS, MASTERED, NOT_STARTED, Mastery
from mlpath.learn.planner import PATHS, Plan, Step, plan, plan_concepts
from mlpath.store import ConceptRow, NewAttempt, Store
from mlpath.store.location import database_url
from mlpath.store.records import AttemptFacts, ConceptSnapshot
from mlpath.store.schema import Attempt as StoredAttempt
from mlpath.store.schema import Learner


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything the store writes is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Review:
    concept_id: str
    title: str
    due: datetime
    lesson_id: str | None


@dataclass(frozen=True)
class NextSteps:
    reviews: list[Review]
    lesson: Step | None
    goal: str | None
    levels: dict[str, str]


class LearnerModel:
    """One learner's view of the course. Opens the store lazily; close it when done."""

    def __init__(
        self,
        settings: Settings,
        learner_name: str = "default",
        catalog: Catalog | None = None,
        checkpoints: Mapping[str, Checkpoint] | None = None,
    ) -> None:
        self.settings = settings
        self.learner_name = learner_name
        self._catalog = catalog
        self._checkpoints = checkpoints
        self._store: Store | None = None

    @cached_property
    def catalog(self) -> Catalog:
        return self._catalog or load_catalog(strict=False)

    @cached_property
    def graph(self) -> ConceptGraph:
        return ConceptGraph.of_course(self.catalog)

    @cached_property
    def checkpoints(self) -> Mapping[str, Checkpoint]:
        if self._checkpoints is not None:
            return self._checkpoints
        from mlpath.grade.loader import load_checkpoints

        return load_checkpoints(self.catalog.root)

    @cached_property
    def mastery(self) -> Mastery:
        required: dict[str, set[str]] = {}
        for checkpoint in self.checkpoints.values():
            for concept in checkpoint.concepts:
                required.setdefault(concept, set()).add(checkpoint.id)
        return Mastery(self.graph, required)

    @property
    def store(self) -> Store:
        """The learner database, opened on first use.

        Raises:
            StoreError: the database cannot be used (the only exception opening raises).
        """
        if self._store is None:
            self._store = Store.open(database_url(self.settings.home))
        return self._store

    @property
    def warnings(self) -> list[str]:
        """What a person should know about the open store although it works (else empty)."""
        return list(self._store.warnings) if self._store is not None else []

    @cached_property
    def learner(self) -> Learner:
        return self.store.learner(self.learner_name)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- knowledge ----------------------------------------------------------------------------

    def levels(self, rows: dict[str, ConceptRow] | None = None) -> dict[str, str]:
        """Every concept's level (from `rows` when the caller has already read them)."""
        if rows is None:
            rows = self.store.concept_rows(self.learner.id)
        return {
            cid: rows[cid].level if cid in rows else NOT_STARTED for cid in self.catalog.concepts
        }

    def known(self, levels: dict[str, str] | None = None) -> set[str]:
        levels = levels if levels is not None else self.levels()
        return {cid for cid, level in levels.items() if level in (LEARNED, MASTERED)}

    def record(
        self,
        checkpoint_id: str,
        passed: bool,
        misconception: str | None = None,
        answer: str = "",
        now: datetime | None = None,
        placement: bool = False,
    ) -> int:
        """Record a graded attempt and update mastery and review cards; returns its id.
        A pass in the placement diagnostic (`placement`) credits the concepts it tests."""
        checkpoint = self.checkpoints[checkpoint_id]
        concepts = tuple(c for c in checkpoint.concepts if c in self.catalog.concepts)
        attempt = NewAttempt(
            self.learner.id, checkpoint_id, concepts, passed, misconception, answer, now, placement
        )
        return self.store.record_attempt(attempt, self.mastery)

    def try_record(
        self,
        checkpoint_id: str,
        passed: bool,
        misconception: str | None,
        answer: str,
        placement: bool = False,
    ) -> str | None:
        """Record an attempt; return a warning instead of raising when the store cannot take it
        (a store problem must never hide the grade). `warnings` says when progress is kept
        only until the program ends."""
        try:
            self.record(checkpoint_id, passed, misconception, answer, placement=placement)
        except MlpathError as exc:  # StoreError above all; nothing here may hide the grade
            return f"not recorded: {exc}"
        return None

    # -- saved work ---------------------------------------------------------------------------

    def save_draft(self, lesson_id: str, slot: str, text: str) -> None:
        """Keep what the learner typed in a cell or an answer; empty text forgets it."""
        self.store.save_draft(self.learner.id, lesson_id, slot, text)

    def drafts(self, lesson_id: str) -> dict[str, str]:
        return self.store.drafts(self.learner.id, lesson_id)

    def last_lesson(self) -> str | None:
        """The lesson the learner last worked in: where they typed last, else their last
        attempt's lesson."""
        typed = self.store.last_lesson(self.learner.id)
        if typed is not None:
            return typed
        for attempt in reversed(self.store.attempts(self.learner.id)):
            checkpoint = self.checkpoints.get(attempt.checkpoint_id)
            lesson = self.catalog.lesson(checkpoint.lesson) if checkpoint else None
            if lesson is not None:
                return lesson.meta.id
        return None

    def concept_rows(self) -> dict[str, ConceptRow]:
        """Each concept's stored level and review card (concepts never touched are absent)."""
        return self.store.concept_rows(self.learner.id)

    def last_attempt(self, checkpoint_id: str) -> StoredAttempt | None:
        """The learner's latest attempt at one checkpoint."""
        return self.store.last_attempt(self.learner.id, checkpoint_id)

    def passed_checkpoints(self) -> set[str]:
        return {a.checkpoint_id for a in self.store.attempts(self.learner.id) if a.passed}

    # -- planning -----------------------------------------------------------------------------

    def set_plan(self, path: str, goal: str | None) -> None:
        if path not in PATHS:
            raise ValueError(f"path: expected one of {', '.join(PATHS)}; got {path!r}")
        self.store.set_plan(self.learner.id, path, goal)
        self.__dict__.pop("learner", None)

    def why(self, target: str) -> Plan:
        return plan(target, self.catalog, self.known(), self.learner.path)

    def path_to(self, label: str, concepts: list[str]) -> Plan:
        """What is still to learn for a set of concepts (e.g. those behind a learner's code)."""
        return plan_concepts(label, concepts, self.catalog, self.known(), self.learner.path)

    def next_steps(self, now: datetime | None = None) -> NextSteps:
        """Due reviews first, then the next lesson on the way to the goal."""
        now = now or datetime.now(UTC)
        rows = self.store.concept_rows(self.learner.id)
        teaching = {
            c: lesson.meta.id for lesson in self.catalog.lessons for c in lesson.meta.teaches
        }
        reviews = [
            Review(cid, self.catalog.concepts[cid].title, _aware(row.due), teaching.get(cid))
            for cid, row in rows.items()
            if row.due is not None
            and _aware(row.due) <= now
            and row.level in (LEARNED, MASTERED)
            and cid in self.catalog.concepts
        ]
        reviews.sort(key=lambda review: review.due)
        goal = self.learner.goal
        levels = self.levels(rows)
        known = self.known(levels)
        if goal:
            path = plan(goal, self.catalog, known, self.learner.path)
            lesson = next((s for s in path.steps if s.lesson_id), None)
        else:
            lesson = next(iter(plan_all(self, known)), None)
        return NextSteps(reviews, lesson, goal, levels)

    # -- progress -----------------------------------------------------------------------------

    def progress_by_area(self) -> dict[str, Counter[str]]:
        levels = self.levels()
        table: dict[str, Counter[str]] = {}
        for cid, concept in self.catalog.concepts.items():
            table.setdefault(concept.area, Counter({level: 0 for level in LEVELS}))[
                levels[cid]
            ] += 1
        return table

    def history(self) -> list[tuple[datetime, int]]:
        """(time, concepts learned or mastered) after each attempt that changed the count.

        The attempts are replayed through the same mastery rules that recorded them, so the
        last point always agrees with the progress table (implied prerequisites included).
        """
        states: dict[str, ConceptSnapshot] = {}
        passed: dict[str, set[str]] = {}
        points: list[tuple[datetime, int]] = []
        for attempt in self.store.attempts(self.learner.id):
            # A concept the course no longer has (renamed, removed) has no rules to replay.
            concepts = tuple(c for c in attempt.concepts.split() if c in self.catalog.concepts)
            now = _aware(attempt.created_at)
            if attempt.passed:
                for concept in concepts:
                    passed.setdefault(concept, set()).add(attempt.checkpoint_id)
            facts = AttemptFacts(concepts, attempt.passed, now, states, passed)
            for concept, update in self.mastery.effect(facts).items():
                before = states.get(concept)
                card = update.card or (before.card if before else None)
                states[concept] = ConceptSnapshot(
                    update.level, update.implicit, update.credit, card
                )
            count = sum(1 for state in states.values() if state.level in (LEARNED, MASTERED))
            if not points or points[-1][1] != count:
                points.append((now, count))
        return points


def plan_all(model: LearnerModel, known: set[str] | None = None) -> list[Step]:
    """Without a goal: the course's lessons in order, skipping what is known."""
    known = known if known is not None else model.known()
    steps: list[Step] = []
    for lesson in model.catalog.lessons:
        missing = [c for c in lesson.meta.teaches if c not in known and c in model.catalog.concepts]
        if missing:
            concept = model.catalog.concepts[missing[0]]
            steps.append(Step(concept, lesson.meta.id, lesson.meta.title, lesson.meta.minutes))
    return steps


def record_attempt(
    settings: Settings, checkpoint_id: str, passed: bool, misconception: str | None, answer: str
) -> str | None:
    """Record a graded attempt for the default learner (see `LearnerModel.try_record`)."""
    model = LearnerModel(settings)
    try:
        return model.try_record(checkpoint_id, passed, misconception, answer)
    finally:
        model.close()
