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
