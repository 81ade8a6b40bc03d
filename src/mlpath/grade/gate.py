"""The checkpoint gate: prove that every checkpoint can tell right from wrong, and name mistakes.

For every checkpoint: the starter fails; the reference passes on many seeds; every misconception
fails *and is identified as itself*; every concept id exists. Everything is graded through the
real sandbox, exactly as a learner's submission would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mlpath.grade.grader import Grader, function_source
from mlpath.grade.model import Checkpoint

GATE_PREAMBLE = "import math\nimport numpy as np\n"


@dataclass(frozen=True)
class GateProblem:
    checkpoint: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: checkpoint '{self.checkpoint}': {self.message}"


def _answer_source(value: object) -> str:
    return f"answer = {value!r}\n"


def _misconception_source(checkpoint: Checkpoint, variant: object) -> str:
    if checkpoint.kind == "implement":
        assert callable(variant)
        return GATE_PREAMBLE + function_source(variant, checkpoint.function)
    if checkpoint.kind == "predict":
        assert isinstance(variant, str)
        return ""  # filled by the caller from the variant's real output
    assert callable(variant)
    return _answer_source(variant())


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
        source = GATE_PREAMBLE + function_source(checkpoint.reference, checkpoint.function)
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
        if checkpoint.kind == "predict":
            assert isinstance(misconception.variant, str)
            source = _answer_source(grader.prediction(misconception.variant))
        else:
            source = _misconception_source(checkpoint, misconception.variant)
        result = grader.check_source(checkpoint.id, source, f"{misconception.id}.py")
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
