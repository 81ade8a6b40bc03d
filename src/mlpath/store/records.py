"""Plain data passed between the store and the mastery rules, so that neither imports the other.

The store reads snapshots and writes updates; which updates an attempt causes is decided by an
`AttemptRules` object that `mlpath.learn` supplies.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from fsrs import Card


@dataclass(frozen=True)
class ConceptSnapshot:
    """A learner's stored state of one concept, with its review card if it has one."""

    level: str
    implicit: bool
    credit: float
    card: Card | None


@dataclass(frozen=True)
class ConceptUpdate:
    """The new state of one concept; `card` None leaves its review card as it is."""

    level: str
    implicit: bool
    credit: float
    card: Card | None = None
    implicit_review: bool = False


@dataclass(frozen=True)
class NewAttempt:
    """A graded attempt to record. `now` None means the moment the store records it."""

    learner_id: int
    checkpoint_id: str
    concepts: tuple[str, ...]
    passed: bool
    misconception: str | None = None
    answer: str = ""
    now: datetime | None = None
    placement: bool = False  # answered in the placement diagnostic (see AttemptFacts)


@dataclass(frozen=True)
class AttemptFacts:
    """What the rules see of an attempt, read inside the transaction that records it.

    Args:
        states: the stored state of each involved concept that has one.
        passed_checkpoints: concept -> checkpoint ids passed so far, this attempt included.
        placement: the placement diagnostic asked it, as a one-minute test of its concepts.
    """

    concepts: tuple[str, ...]
    passed: bool
    now: datetime
    states: Mapping[str, ConceptSnapshot]
    passed_checkpoints: Mapping[str, set[str]]
    placement: bool = False


class AttemptRules(Protocol):
    """Decides what an attempt changes. Must be a pure function of its arguments: the store may
    call it again when it retries a transaction."""

    def involved(self, concepts: tuple[str, ...], passed: bool) -> Collection[str]:
        """Every concept whose state the effect of such an attempt may depend on or change."""
        ...

    def effect(self, facts: AttemptFacts) -> Mapping[str, ConceptUpdate]:
        """The new state of every concept the attempt changes."""
        ...


@dataclass(frozen=True)
class ConceptRow:
    """A concept's stored state as the planner reads it."""

    concept_id: str
    level: str
    implicit: bool
    credit: float
    due: datetime | None
