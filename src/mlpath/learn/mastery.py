"""Mastery and spaced review: what one attempt changes in a learner's concept states.

Rules (docs/learner-model.md):
- A concept is *learned* when every checkpoint that assesses it has been passed.
- It is *mastered* when it is remembered after spaced reviews: passed at or after its due time
  until FSRS rates its memory stable for at least `MASTERY_STABILITY_DAYS` (about two
  successful reviews, days apart). A pass before the card is due adds nothing: pressing Check
  again a minute later neither reviews the card nor moves the level.
- Passing implies the prerequisites: every prerequisite not yet learned becomes learned,
  flagged implicit. For review, prerequisites get fractional credit, halving with each edge
  (Math Academy's "fractional implicit repetition"); a direct prerequisite (credit 0.5) also
  gets an implicit FSRS review rated Good.
- Every attempt on a concept is an FSRS review of its card: pass = Good, fail = Again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler, State

from mlpath.learn.graph import ConceptGraph
from mlpath.store.records import AttemptFacts, ConceptSnapshot, ConceptUpdate

NOT_STARTED, LEARNING, LEARNED, MASTERED = "not started", "learning", "learned", "mastered"
LEVELS = (NOT_STARTED, LEARNING, LEARNED, MASTERED)
IMPLICIT_REVIEW_CREDIT = 0.5
# FSRS stability (days until recall drops to 90%) that counts as mastered: a first pass gives
# about 2 days, each on-time review multiplies it by about three.
MASTERY_STABILITY_DAYS = 21.0
# No learning steps: a first pass schedules the first review days ahead (FSRS's default steps of
# 1 and 10 minutes suit flashcards; for a concept they listed reviews minutes after a pass, and
# repeats within those minutes moved the schedule). Every card is in review from its first rating.
_SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
_NEW = ConceptSnapshot(NOT_STARTED, implicit=False, credit=0.0, card=None)


def _review(card: Card | None, rating: Rating, now: datetime) -> Card:
    # A new card's id is its creation time in epoch ms, as fsrs does, but taken from the attempt
    # rather than the wall clock, so that the same facts always give the same cards.
    if card is None:
        card = Card(card_id=int(now.timestamp() * 1000), due=now)
    reviewed, _ = _SCHEDULER.review_card(card, rating, now)
    return reviewed


def _not_yet_due(card: Card | None, now: datetime) -> bool:
    """A card in review whose due time has not come (learning steps are always taken)."""
    if card is None or card.state != State.Review:
        return False
    due = card.due if card.due.tzinfo else card.due.replace(tzinfo=now.tzinfo)
    return now < due


@dataclass(frozen=True)
class Mastery:
    """The mastery rules for one course, in the form the store asks for (`AttemptRules`).

    Args:
        required_checkpoints: concept -> every checkpoint id that assesses it.
    """

    graph: ConceptGraph
    required_checkpoints: Mapping[str, set[str]]

    def involved(self, concepts: tuple[str, ...], passed: bool) -> set[str]:
        """The assessed concepts and, for a pass, every prerequisite it implies."""
        involved = set(concepts)
        if passed:
            for concept in concepts:
                involved.update(self.graph.ancestors(concept))
        return involved

    def effect(self, facts: AttemptFacts) -> dict[str, ConceptUpdate]:
        return effect_of_attempt(self.graph, self.required_checkpoints, facts)


def effect_of_attempt(
    graph: ConceptGraph, required_checkpoints: Mapping[str, set[str]], facts: AttemptFacts
) -> dict[str, ConceptUpdate]:
    """What an attempt on a checkpoint assessing `facts.concepts` changes, keyed by concept id.

    Args:
        required_checkpoints: concept -> every checkpoint id that assesses it.
        facts: the attempt and the learner's stored state of every concept involved.
    """
    passed, now, states = facts.passed, facts.now, facts.states
    updates: dict[str, ConceptUpdate] = {}
    for concept in facts.concepts:
        state = states.get(concept, _NEW)
        early = _not_yet_due(state.card, now)
        if passed and early:
            card = state.card  # a repeat before the review is due teaches the schedule nothing
        else:
            card = _review(state.card, Rating.Good if passed else Rating.Again, now)
        explicitly_done = required_checkpoints.get(concept, set()) <= facts.passed_checkpoints.get(
            concept, set()
        )
        reviewed_on_time = passed and not early and state.card is not None
        # A placement question is a one-minute test of its concept: a pass credits the concept
        # itself (implicitly, as a pass credits prerequisites), not only what it builds on.
        placed = passed and facts.placement and state.level not in (LEARNED, MASTERED)
        stable = card is not None and (card.stability or 0.0) >= MASTERY_STABILITY_DAYS
        if (
            reviewed_on_time
            and state.level in (LEARNED, MASTERED)
            and not state.implicit
            and stable
        ):
            level = MASTERED
        elif explicitly_done:
            level = state.level if state.level == MASTERED else LEARNED
        elif state.level in (LEARNED, MASTERED) and state.implicit:
            level = state.level
        elif placed:
            level = LEARNED
        else:
            level = LEARNING if state.level != MASTERED else MASTERED
        implicit = (state.implicit or placed) and not explicitly_done
        credit = 1.0 if explicitly_done or placed else max(state.credit, 0.0)
        updates[concept] = ConceptUpdate(level, implicit, credit, card)
        if not passed:
            continue
        for prerequisite, hops in graph.ancestors(concept).items():
            if prerequisite in updates:
                continue
            before = states.get(prerequisite, _NEW)
            share = IMPLICIT_REVIEW_CREDIT**hops
            credit = min(1.0, before.credit + share)
            if before.level in (LEARNED, MASTERED):
                level, flag = before.level, before.implicit
            else:
                level, flag = LEARNED, True
            review = hops == 1
            new_card = _review(before.card, Rating.Good, now) if review else before.card
            updates[prerequisite] = ConceptUpdate(level, flag, credit, new_card, review)
    return updates
