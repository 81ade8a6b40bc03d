"""Mastery and spaced review: what one attempt changes in a learner's concept states.

Rules (docs/learner-model.md):
- A concept is *learned* when every checkpoint that assesses it has been passed.
- It is *mastered* when it is passed again at a later review (its card was due).
- Passing implies the prerequisites: every prerequisite not yet learned becomes learned,
  flagged implicit. For review, prerequisites get fractional credit, halving with each edge
  (Math Academy's "fractional implicit repetition"); a direct prerequisite (credit 0.5) also
  gets an implicit FSRS review rated Good.
- Every attempt on a concept is an FSRS review of its card: pass = Good, fail = Again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from fsrs import Card, Rating, Scheduler, State

from mlpath.learn.graph import ConceptGraph

NOT_STARTED, LEARNING, LEARNED, MASTERED = "not started", "learning", "learned", "mastered"
LEVELS = (NOT_STARTED, LEARNING, LEARNED, MASTERED)
IMPLICIT_REVIEW_CREDIT = 0.5
_SCHEDULER = Scheduler(enable_fuzzing=False)


@dataclass
class ConceptUpdate:
    level: str
    implicit: bool
    credit: float
    card: Card | None = None
    implicit_review: bool = False


@dataclass
class AttemptEffect:
    """Everything one attempt changes, keyed by concept id."""

    updates: dict[str, ConceptUpdate] = field(default_factory=dict)


@dataclass(frozen=True)
class ConceptSnapshot:
    level: str = NOT_STARTED
    implicit: bool = False
    credit: float = 0.0
    card: Card | None = None


def _review(card: Card | None, rating: Rating, now: datetime) -> Card:
    card, _ = _SCHEDULER.review_card(card or Card(due=now), rating, now)
    return card


def effect_of_attempt(
    graph: ConceptGraph,
    concepts: tuple[str, ...],
    passed: bool,
    passed_checkpoints: Mapping[str, set[str]],
    required_checkpoints: Mapping[str, set[str]],
    states: Mapping[str, ConceptSnapshot],
    now: datetime,
) -> AttemptEffect:
    """What an attempt on a checkpoint assessing `concepts` changes.

    Args:
        passed_checkpoints: concept -> checkpoint ids passed so far, this attempt included.
        required_checkpoints: concept -> every checkpoint id that assesses it.
        states: the learner's current state of every concept involved.
    """
    effect = AttemptEffect()
    for concept in concepts:
        state = states.get(concept, ConceptSnapshot())
        card = _review(state.card, Rating.Good if passed else Rating.Again, now)
        explicitly_done = required_checkpoints.get(concept, set()) <= passed_checkpoints.get(
            concept, set()
        )
        was_due = state.card is not None and state.card.state == State.Review
        if passed and state.level in (LEARNED, MASTERED) and not state.implicit and was_due:
            level = MASTERED
        elif explicitly_done:
            level = state.level if state.level == MASTERED else LEARNED
        elif state.level in (LEARNED, MASTERED) and state.implicit:
            level = state.level
        else:
            level = LEARNING if state.level != MASTERED else MASTERED
        implicit = state.implicit and not explicitly_done
        credit = 1.0 if explicitly_done else max(state.credit, 0.0)
        effect.updates[concept] = ConceptUpdate(level, implicit, credit, card)
        if not passed:
            continue
        for prerequisite, hops in graph.ancestors(concept).items():
            if prerequisite in effect.updates:
                continue
            before = states.get(prerequisite, ConceptSnapshot())
            share = IMPLICIT_REVIEW_CREDIT**hops
            credit = min(1.0, before.credit + share)
            if before.level in (LEARNED, MASTERED):
                level, flag = before.level, before.implicit
            else:
                level, flag = LEARNED, True
            review = hops == 1
            new_card = _review(before.card, Rating.Good, now) if review else before.card
            effect.updates[prerequisite] = ConceptUpdate(level, flag, credit, new_card, review)
    return effect
