"""The adaptive diagnostic against a simulated learner who knows part of the path."""

from __future__ import annotations

from typing import Any

from mlpath.config import load_settings
from mlpath.grade.model import Checkpoint
from mlpath.learn.diagnostic import quick_checkpoints, run_diagnostic
from mlpath.learn.model import LearnerModel


def test_passes_imply_prerequisites_and_fails_rule_out_what_builds_on_them() -> None:
    model = LearnerModel(load_settings())
    try:
        candidates = quick_checkpoints(model, "attention")
        assert len(candidates) >= 3
        knows = {"la.vectors", "la.linear-combination", "la.dot-product"}
        knows |= {a for c in knows for a in model.graph.ancestors(c)}
        asked: list[str] = []

        def ask(checkpoint: Checkpoint) -> Any:
            asked.append(checkpoint.id)
            return "an answer"

        def grade(checkpoint: Checkpoint, answer: Any) -> bool:
            passed = all(c in knows for c in checkpoint.concepts)
            model.record(checkpoint.id, passed)
            return passed

        result = run_diagnostic(model, "attention", ask, grade)
        assert 1 <= len(result.asked) <= 5
        middle = candidates[len(candidates) // 2][1].id
        assert asked[0] == middle
        for checkpoint_id, passed in result.asked:
            concept = model.checkpoints[checkpoint_id].concepts[0]
            later = asked[asked.index(checkpoint_id) + 1 :]
            later_concepts = {model.checkpoints[c].concepts[0] for c in later}
            if passed:
                assert not later_concepts & set(model.graph.ancestors(concept))
            else:
                assert not later_concepts & model.graph.dependents(concept)
        known = model.known()
        for checkpoint_id, passed in result.asked:
            concept = model.checkpoints[checkpoint_id].concepts[0]
            if passed:
                assert set(model.graph.ancestors(concept)) <= known
    finally:
        model.close()


def test_right_placement_answers_credit_the_foundations_and_drop_them_from_the_path() -> None:
    from mlpath.core import Mlpath

    with Mlpath(warm=False) as core:
        before = core.why("attention")
        foundations = {s.concept.id: s for s in before.steps if s.concept.area == "foundations"}
        assert len(foundations) >= 5
        assert all(step.lesson_id for step in foundations.values()), "a foundation has no lesson"

        def right_answer(checkpoint: Checkpoint) -> str:
            value = checkpoint.behaviour.reference_answer(core.grader, checkpoint)
            return value.text if value.kind == "text" else repr(float(value.array))

        asked = 0
        for concept, checkpoint in quick_checkpoints(core.learner, "attention"):
            if concept in foundations:
                attempt = core.check_text(checkpoint.id, right_answer(checkpoint), placement=True)
                assert attempt.feedback.passed, (checkpoint.id, attempt.feedback.message)
                asked += 1
        after = {s.concept.id for s in core.why("attention").steps}
        # Each right answer credits its own concept (and what it builds on), not only the latter.
        assert asked >= 1 and not after & set(foundations), after & set(foundations)


def test_an_unreadable_placement_answer_is_asked_again_and_not_recorded() -> None:
    from mlpath.core import Mlpath

    with Mlpath(warm=False) as core:
        kinds: list[str] = []

        def ask(checkpoint: Checkpoint) -> str | None:
            kinds.append(checkpoint.kind)
            return "twelve and a half" if len(kinds) == 1 else None

        told: list[str] = []
        result = core.diagnostic("fd.arithmetic", ask, lambda a: told.append(a.feedback.message))
        assert kinds == ["numeric", "numeric"]  # the same question, asked again
        assert told[0].startswith("Type a single number")
        assert result.asked == []  # a typing slip is not a wrong answer
        assert core.learner.store.attempts(core.learner.learner.id) == []
