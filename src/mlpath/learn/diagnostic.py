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


def next_question(
    model: LearnerModel, goal: str, asked: list[tuple[str, bool]], max_questions: int = 5
) -> Checkpoint | None:
    """The next placement question, from what was asked so far (None: placement is done).

    The middle of what is still open on the path: a recorded pass has credited its concept's
    prerequisites (they are no longer on the path), and a fail rules out everything that builds
    on its concept. Stateless, so a web page can ask one question per request.
    """
    if len(asked) >= max_questions:
        return None
    failed = {c for cid, ok in asked if not ok for c in model.checkpoints[cid].concepts}
    above = failed | {d for c in failed for d in model.graph.dependents(c)}
    done = {cid for cid, _ in asked}
    open_ = [
        checkpoint
        for concept, checkpoint in quick_checkpoints(model, goal)
        if concept not in above and checkpoint.id not in done
    ]
    return open_[len(open_) // 2] if open_ else None


def run_diagnostic(
    model: LearnerModel,
    goal: str,
    ask: Callable[[Checkpoint], Any],
    grade: Callable[[Checkpoint, Any], bool | None],
    max_questions: int = 5,
) -> DiagnosticResult:
    """Ask up to `max_questions`; `ask` gets an answer (None stops), `grade` grades and records
    it and says whether it passed (a recorded pass credits the concept and its prerequisites),
    or None when the learner stopped instead of answering."""
    result = DiagnosticResult()
    while (checkpoint := next_question(model, goal, result.asked, max_questions)) is not None:
        answer = ask(checkpoint)
        if answer is None:
            break
        passed = grade(checkpoint, answer)
        if passed is None:
            break
        result.asked.append((checkpoint.id, passed))
    return result
