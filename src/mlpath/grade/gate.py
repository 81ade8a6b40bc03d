"""The checkpoint gate: prove that every checkpoint can tell right from wrong, and name mistakes.

For every checkpoint: the starter fails; the reference passes on many seeds; every misconception
fails *and is identified as itself*; every concept id exists. Everything is graded through the
real sandbox, exactly as a learner's submission would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mlpath.grade.grader import FUNCTION_PREAMBLE, Grader, function_source
from mlpath.grade.model import Checkpoint


@dataclass(frozen=True)
class GateProblem:
    checkpoint: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: checkpoint '{self.checkpoint}': {self.message}"


def check_checkpoint(
    grader: Grader, checkpoint: Checkpoint, concepts: set[str], seeds: int = 50
) -> list[GateProblem]:
    """Every problem the gate finds with one checkpoint (empty when it passes)."""
    where = f"{checkpoint.path}:{checkpoint.line}"
    problems: list[GateProblem] = []

    def problem(message: str) -> None:
        problems.append(GateProblem(checkpoint.id, where, message))

    for concept in checkpoint.concepts:
        if concept not in concepts:
            problem(f"assesses the unknown concept '{concept}'")
    starter = grader.check_source(checkpoint.id, checkpoint.starter, "starter.py")
    if starter.passed:
        problem("the starter code passes; it must fail until the learner does the work")
    if checkpoint.kind == "implement":
        assert checkpoint.reference is not None
        source = FUNCTION_PREAMBLE + function_source(checkpoint.reference, checkpoint.function)
        reference = grader.check_source(checkpoint.id, source, "reference.py", range(seeds))
    elif checkpoint.kind == "predict":
        reference = grader.check_answer(checkpoint.id, grader.prediction(checkpoint.code))
    else:
        assert checkpoint.solve is not None
        answer = checkpoint.solve()
        reference = grader.check_answer(checkpoint.id, answer)
        if checkpoint.kind == "choice" and answer not in checkpoint.options:
            problem(f"the computed answer {answer!r} is not one of the options")
    if not reference.passed:
        problem(f"the reference solution does not pass: {reference.message}")
    for misconception in checkpoint.misconceptions:
        variant = misconception.variant
        filename = f"{misconception.id}.py"
        if checkpoint.kind == "implement":
            assert callable(variant)
            source = FUNCTION_PREAMBLE + function_source(variant, checkpoint.function)
            result = grader.check_source(checkpoint.id, source, filename)
        elif checkpoint.kind == "predict":
            assert isinstance(variant, str)
            result = grader.check_answer(checkpoint.id, grader.prediction(variant), filename)
        else:
            assert callable(variant)
            result = grader.check_answer(checkpoint.id, variant(), filename)
        if result.passed:
            problem(f"misconception '{misconception.id}' passes; its variant must be wrong")
        elif result.misconception != misconception.id:
            named = result.misconception or "no misconception"
            problem(
                f"misconception '{misconception.id}' is identified as {named}; choose cases on "
                "which every variant gives a different result"
            )
    if checkpoint.kind != "implement" and not checkpoint.misconceptions:
        problem("has no misconception; add at least one known mistake")
    return problems


def run_gate(
    grader: Grader,
    concepts: set[str],
    ids: Iterable[str] | None = None,
    seeds: int = 50,
    on_checked: Callable[[str, list[GateProblem]], None] | None = None,
) -> list[GateProblem]:
    """Run the gate on the given checkpoints (default: all)."""
    problems: list[GateProblem] = []
    for checkpoint_id in ids or sorted(grader.checkpoints):
        found = check_checkpoint(grader, grader.get(checkpoint_id), concepts, seeds)
        problems.extend(found)
        if on_checked:
            on_checked(checkpoint_id, found)
    return problems
