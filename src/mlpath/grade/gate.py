"""The checkpoint gate: prove that every checkpoint can tell right from wrong, and name mistakes.

For every checkpoint: the starter fails; the reference passes on many seeds; every misconception
fails *and is identified as itself*; every concept id exists; a `fix` checkpoint's starter is
named as one of its bugs. Everything is graded through the real sandbox, exactly as a learner's
submission would be. A checkpoint whose own code raises or hangs is reported, and the gate goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mlpath.errors import MlpathError
from mlpath.grade.grader import FUNCTION_PREAMBLE, Feedback, Grader, Submission, function_source
from mlpath.grade.model import Checkpoint, Misconception


@dataclass(frozen=True)
class GateProblem:
    checkpoint: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: checkpoint '{self.checkpoint}': {self.message}"


def _reference(grader: Grader, checkpoint: Checkpoint, seeds: int) -> Feedback:
    if checkpoint.behaviour.collects == "function":
        assert checkpoint.reference is not None
        source = FUNCTION_PREAMBLE + function_source(checkpoint.reference, checkpoint.function)
        return grader.check_source(checkpoint.id, source, "reference.py", range(seeds))
    answer = checkpoint.behaviour.reference_answer(grader, checkpoint)
    return grader.grade(checkpoint.id, Submission(answer=answer, filename="reference"))


def _variant(grader: Grader, checkpoint: Checkpoint, misconception: Misconception) -> Feedback:
    filename = f"{misconception.id}.py"
    if checkpoint.behaviour.collects == "function":
        assert callable(misconception.variant)
        source = FUNCTION_PREAMBLE + function_source(misconception.variant, checkpoint.function)
        return grader.check_source(checkpoint.id, source, filename)
    (outcome,) = grader.expectation(checkpoint).variants[misconception.id]
    if outcome.value is None:
        raise MlpathError(f"misconception '{misconception.id}' raised {outcome.error}")
    return grader.grade(checkpoint.id, Submission(answer=outcome.value, filename=filename))


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
    if checkpoint.kind != "implement" and not checkpoint.misconceptions:
        problem("has no misconception; add at least one known mistake")
    try:
        starter = grader.check_source(checkpoint.id, checkpoint.starter, "starter.py")
        if starter.passed:
            problem("the starter code passes; it must fail until the learner does the work")
        elif checkpoint.kind == "fix" and starter.misconception is None:
            problem("the starter is not named as any misconception; add the bug it shows")
        reference = _reference(grader, checkpoint, seeds)
        if not reference.passed:
            problem(f"the reference solution does not pass: {reference.message}")
        if checkpoint.kind == "choice":
            answer = checkpoint.behaviour.reference_answer(grader, checkpoint).text
            if answer not in checkpoint.options:
                problem(f"the computed answer {answer!r} is not one of the options")
    except MlpathError as exc:
        problem(str(exc).removeprefix(f"{where}: checkpoint '{checkpoint.id}': "))
        return problems
    for misconception in checkpoint.misconceptions:
        try:
            result = _variant(grader, checkpoint, misconception)
        except MlpathError as exc:
            problem(str(exc).removeprefix(f"{where}: checkpoint '{checkpoint.id}': "))
            continue
        if result.passed:
            problem(f"misconception '{misconception.id}' passes; its variant must be wrong")
        elif (
            result.misconception is None
            and result.cases.get("passed", 0) == 0
            and ("Error" in result.message)
        ):
            # A variant that crashes is not a mistake a learner makes; say why it crashed.
            first = result.message.strip().splitlines()[0] if result.message.strip() else ""
            problem(
                f"misconception '{misconception.id}': its variant raised ({first}); a variant "
                "runs on its own, like a learner's file, so define or import what it uses inside it"
            )
        elif result.misconception != misconception.id:
            named = result.misconception or "no misconception"
            problem(
                f"misconception '{misconception.id}' is identified as {named}; choose cases on "
                "which every variant gives a different result"
            )
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
