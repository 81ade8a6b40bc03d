"""A short adaptive placement diagnostic over a goal's prerequisites.

It asks quick checkpoints (numeric, choice, predict) for concepts on the path to the goal,
starting in the middle: a pass implies everything below (recorded, so the prerequisites become
implicitly learned), a fail rules out asking anything that builds on the failed concept. A
handful of questions places the learner on a path of any length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mlpath.grade.model import Checkpoint
from mlpath.learn.model import LearnerModel

QUICK_KINDS = ("numeric", "choice", "predict")


@dataclass
class DiagnosticResult:
    asked: list[tuple[str, bool]] = field(default_factory=list)


def quick_checkpoints(model: LearnerModel, goal: str) -> list[tuple[str, Checkpoint]]:
    """(concept, checkpoint) pairs on the goal's path that can be answered in one line."""
    pairs: list[tuple[str, Checkpoint]] = []
    for step in model.why(goal).steps:
        for checkpoint in model.checkpoints.values():
            if step.concept.id in checkpoint.concepts and checkpoint.kind in QUICK_KINDS:
                pairs.append((step.concept.id, checkpoint))
                break
    return pairs


def run_diagnostic(
    model: LearnerModel,
    goal: str,
    ask: Callable[[Checkpoint], Any],
    grade: Callable[[Checkpoint, Any], bool],
    max_questions: int = 5,
) -> DiagnosticResult:
    """Ask up to `max_questions`; `ask` gets an answer (None stops), `grade` grades and records
    it and says whether it passed (a recorded pass credits the concept's prerequisites)."""
    result = DiagnosticResult()
    candidates = quick_checkpoints(model, goal)
    while candidates and len(result.asked) < max_questions:
        concept, checkpoint = candidates[len(candidates) // 2]
        answer = ask(checkpoint)
        if answer is None:
            break
        passed = grade(checkpoint, answer)
        result.asked.append((checkpoint.id, passed))
        if passed:
            below = {concept, *model.graph.ancestors(concept)}
            candidates = [(c, k) for c, k in candidates if c not in below]
        else:
            above = {concept, *model.graph.dependents(concept)}
            candidates = [(c, k) for c, k in candidates if c not in above]
    return result
