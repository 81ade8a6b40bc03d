"""The grader: run a submission in the sandbox, compare with the reference, name the mistake.

What differs between checkpoint kinds (how an answer is read, compared and explained) lives in
`kinds.py`; the grader runs the steps every kind shares.
"""

from __future__ import annotations

import html
import inspect
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from mlpath.errors import DefinitionError, MlpathError, UnknownCheckpoint, did_you_mean
from mlpath.grade.authored import AuthoredCode, Case, Expectation, outcome_from
from mlpath.grade.diagnose import Outcome
from mlpath.grade.encoding import encode
from mlpath.grade.forbidden import find_forbidden
from mlpath.grade.harness import LEARNER_CELL, driver_call, harness_definitions, parse_reply
from mlpath.grade.kinds import TypedAnswerError, normalise_lines
from mlpath.grade.model import Checkpoint, Misconception
from mlpath.grade.values import BadData, Value, decode
from mlpath.run import CellResult, Executor, Limits
from mlpath.run.executor import SpareSessions

# Prepended to a function graded by its source alone (a notebook's `check(id, function)`, the
# gate's references and variants): the imports every lesson uses.
FUNCTION_PREAMBLE = "import math\nimport numpy as np\n"
# A grading child's limits; `Settings` may change them (see `grade_limits`).
GRADE_LIMITS = Limits(timeout=5.0, memory_mb=512, cpu_seconds=30, output_bytes=100_000)


def _private_executor(warm: bool) -> Executor:
    """An executor for one grader; when `warm`, its zygote has imported what the course's
    lessons import, so a submission that does the same pays nothing for it."""
    from mlpath.config import load_settings
    from mlpath.course.catalog import load_catalog
    from mlpath.course.imports import preload_modules

    preload = preload_modules(load_catalog(strict=False).lessons) if warm else []
    return Executor(jobs=1, preload=preload, cache_dir=load_settings().cache_dir)


@dataclass
class Feedback:
    """The result of one check, as shown to a learner and as `--json`."""

    checkpoint: str
    passed: bool
    message: str
    misconception: str | None = None
    revisit: str = ""
    cases: dict[str, int] = field(default_factory=dict)
    fix: str = ""  # the exact fix of the matched mistake; empty when none or held back
    fix_held: bool = False  # a fix exists but is held back until the hints or the next failure
    unreadable: bool = False  # a typed answer that could not be read: not graded, not recorded

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "misconception": self.misconception,
            "message": self.message,
            "fix": self.fix,
            "fix_held": self.fix_held,
            "revisit": self.revisit,
            "cases": self.cases,
        }

    @property
    def text(self) -> str:
        head = "Passed" if self.passed else "Not yet"
        lines = [f"{head}: {self.checkpoint}", self.message]
        if self.fix:
            lines.append(f"The fix: {self.fix}")
        if self.revisit:
            lines.append(f"Revisit: {self.revisit}")
        return "\n".join(line for line in lines if line)

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#b35900"
        body = html.escape(self.message).replace("\n", "<br>")
        revisit = (
            f"<p>Revisit: <code>{html.escape(self.revisit)}</code></p>" if self.revisit else ""
        )
        fix = f"<p>The fix: {html.escape(self.fix)}</p>" if self.fix else ""
        head = "Passed" if self.passed else "Not yet"
        return (
            f'<div style="border-left:4px solid {colour};padding:0.5em 1em">'
            f"<strong>{head}</strong>: <code>{html.escape(self.checkpoint)}</code>"
            f"<p style='white-space:pre-wrap'>{body}</p>{fix}{revisit}</div>"
        )


@dataclass(frozen=True)
class Submission:
    """What a learner hands in: source code to run in the sandbox, or an answer already read
    (typed in a form, or a value from a notebook), which is judged without running anything."""

    source: str | None = None
    answer: Value | None = None
    filename: str = "submission.py"


def function_source(function: Callable[..., Any], name: str) -> str:
    """A function's own source, dedented, bound to the name the checkpoint expects."""
    source = textwrap.dedent(inspect.getsource(function))
    actual = function.__name__
    alias = f"\n{name} = {actual}\n" if actual != name else ""
    return source + alias


def unreadable(source: str, filename: str) -> str | None:
    """Why Python cannot compile the source, in a sentence with the line, or None."""
    try:
        compile(source, filename, "exec")
    except SyntaxError as exc:
        return f"{filename}, line {exc.lineno}: SyntaxError: {exc.msg}"
    except (RecursionError, MemoryError):
        return (
            f"{filename}: your code is nested too deeply for Python to read; split the long "
            "expression into steps"
        )
    except ValueError as exc:  # null bytes
        return f"{filename}: Python cannot read it ({exc})"
    return None


class Grader:
    """Grades submissions for the checkpoints it knows, on a warm sandboxed executor.

    Args:
        checkpoints: by id (default: every checkpoint of the shipped curriculum). A mapping with
            an `unavailable` attribute (`loader.Checkpoints`) also explains ids whose file is
            broken.
        executor: the shared executor to use (default: a private one, started on first use).
        hidden_paths: folders a submission must not see (default: where the checkpoints live).
        warm: give a private executor the modules the lessons import, for a long-lived grader;
            a one-shot check is faster without (it imports only what the submission does).
        load_allowance: extra seconds for loading the submission (importing scikit-learn in a
            cold child can take seconds on a busy machine, which is not the learner's fault).
        limits: the grading child's limits (default `GRADE_LIMITS`).
    """

    def __init__(
        self,
        checkpoints: Mapping[str, Checkpoint] | None = None,
        executor: Executor | None = None,
        hidden_paths: Sequence[str] | None = None,
        warm: bool = True,
        load_allowance: float = 20.0,
        limits: Limits | None = None,
    ) -> None:
        if checkpoints is None:
            from mlpath.grade.loader import load_checkpoints

            checkpoints = load_checkpoints()
        self.checkpoints = checkpoints
        self._own_executor = executor is None
        self._executor = executor or _private_executor(warm)
        if hidden_paths is None:
            from mlpath.course.catalog import curriculum_root

            folders = {str(Path(c.path).resolve().parent) for c in checkpoints.values()}
            hidden_paths = sorted(folders | {str(curriculum_root())})
        base = limits or GRADE_LIMITS
        self.limits = Limits(
            timeout=base.timeout,
            memory_mb=base.memory_mb,
            cpu_seconds=base.cpu_seconds,
            output_bytes=base.output_bytes,
            sandbox=True,
            hidden_paths=tuple(hidden_paths),
        )
        self._author_limits = Limits(
            timeout=base.timeout, memory_mb=max(base.memory_mb, 1024), cpu_seconds=300
        )
        self._predicted: dict[str, str] = {}
        # Course code is deterministic: its results are computed once per checkpoint and seeds.
        self._expectations: dict[tuple[str, tuple[int, ...]], Expectation] = {}
        self._spares: SpareSessions | None = None
        self.load_allowance = load_allowance

    def get(self, checkpoint_id: str) -> Checkpoint:
        found = self.checkpoints.get(checkpoint_id)
        if found is not None:
            return found
        broken: Mapping[str, str] = getattr(self.checkpoints, "unavailable", {})
        if checkpoint_id in broken:
            raise DefinitionError(
                f"the checkpoint '{checkpoint_id}' is unavailable until its file is fixed: "
                f"{broken[checkpoint_id]}"
            )
        hint = did_you_mean(checkpoint_id, self.checkpoints)
        raise UnknownCheckpoint(f"no checkpoint '{checkpoint_id}'.{hint}")

    def hints(self, checkpoint_id: str) -> tuple[str, ...]:
        return self.get(checkpoint_id).hints

    # -- entry points -------------------------------------------------------------------------

    def check_source(
        self,
        checkpoint_id: str,
        source: str,
        filename: str = "submission.py",
        seeds: Sequence[int] = (0,),
    ) -> Feedback:
        """Grade a submission's source code."""
        return self.grade(checkpoint_id, Submission(source=source, filename=filename), seeds)

    def check_function(self, checkpoint_id: str, function: Callable[..., Any]) -> Feedback:
        """Grade a function object by its source (it is never called in this process)."""
        checkpoint = self.get(checkpoint_id)
        try:
            source = function_source(function, checkpoint.function or function.__name__)
        except (OSError, TypeError) as exc:
            raise MlpathError(
                f"cannot read the source of {function!r}; define it with `def` in a file or "
                "notebook cell"
            ) from exc
        return self.check_source(checkpoint_id, FUNCTION_PREAMBLE + source)

    def check_answer(
        self, checkpoint_id: str, answer: Any, filename: str = "your answer"
    ) -> Feedback:
        """Grade a value answer (numeric, choice, predict) given directly."""
        value = decode(encode(answer))
        return self.grade(checkpoint_id, Submission(answer=value, filename=filename))

    def check_text(self, checkpoint_id: str, text: str, filename: str = "your answer") -> Feedback:
        """Grade what a learner typed into a form or a prompt: code for a checkpoint that asks
        for a function, otherwise an answer read by the checkpoint's kind."""
        checkpoint = self.get(checkpoint_id)
        if checkpoint.behaviour.collects == "function":
            return self.check_source(checkpoint_id, text, filename)
        try:
            value = checkpoint.behaviour.typed(checkpoint, text)
        except TypedAnswerError as exc:
            return Feedback(checkpoint.id, False, str(exc), unreadable=True)
        return self.grade(checkpoint_id, Submission(answer=value, filename=filename))

    def grade(
        self, checkpoint_id: str, submission: Submission, seeds: Sequence[int] = (0,)
    ) -> Feedback:
        """Grade a submission: run it (when it is code), compare, and explain."""
        checkpoint = self.get(checkpoint_id)
        if submission.source is not None:
            problem = unreadable(submission.source, submission.filename)
            if problem:
                return Feedback(checkpoint.id, False, problem)
        expectation = self.expectation(checkpoint, seeds)
        noisy = False
        if submission.answer is not None:
            outcomes = [Outcome(value=submission.answer)]
        else:
            assert submission.source is not None
            ran = self._run_submission(checkpoint, submission, expectation.cases)
            if isinstance(ran, Feedback):
                return ran
            outcomes, noisy = ran
        feedback = self._judge(checkpoint, submission.source or "", expectation, outcomes)
        if noisy:
            limit = self.limits.output_bytes // 1000
            feedback.message += f"\nYour code printed more than {limit} kB; the rest was dropped."
        return feedback

    # -- what the course expects --------------------------------------------------------------

    def expectation(self, checkpoint: Checkpoint, seeds: Sequence[int] = (0,)) -> Expectation:
        """The checkpoint's cases, right outcomes and misconception outcomes (cached)."""
        key = (checkpoint.id, tuple(seeds))
        if key not in self._expectations:
            found = checkpoint.behaviour.expect(self, checkpoint, list(seeds))
            self._expectations[key] = Expectation(
                found.cases,
                [self._normalised(checkpoint, o) for o in found.expected],
                {
                    mid: [self._normalised(checkpoint, o) for o in outcomes]
                    for mid, outcomes in found.variants.items()
                },
            )
        return self._expectations[key]

    def authored(self, checkpoint: Checkpoint) -> AuthoredCode:
        """A child that runs the checkpoint author's code under limits (close it when done)."""
        limits = Limits(
            timeout=checkpoint.timeout,
            memory_mb=self._author_limits.memory_mb,
            cpu_seconds=self._author_limits.cpu_seconds,
        )
        return AuthoredCode(self._executor, checkpoint, limits, self.load_allowance)

    def prediction(self, code: str, timeout: float | None = None) -> str:
        """The text a predict-the-output cell really prints (run in the sandbox, cached), within
        `timeout` seconds (the checkpoint's limit; never less than the grader's own)."""
        if code not in self._predicted:
            from mlpath.course.model import CellOptions
            from mlpath.verify.compare import output_text

            with self._executor.session(self.limits) as session:
                limit = max(timeout or 0.0, self.limits.timeout)
                result = session.run_cell(code, timeout=limit)
            if not result.ok:
                raise DefinitionError(
                    f"the predict-the-output code failed: {result.error or result.crash}"
                )
            self._predicted[code] = normalise_lines(output_text(result, CellOptions()))
        return self._predicted[code]

    @staticmethod
    def _normalised(checkpoint: Checkpoint, outcome: Outcome) -> Outcome:
        if outcome.value is None:
            return outcome
        value = checkpoint.behaviour.normalise(checkpoint, outcome.value)
        return replace(outcome, value=value)

    # -- the learner's side -------------------------------------------------------------------

    def _run_submission(
        self, checkpoint: Checkpoint, submission: Submission, cases: list[Case]
    ) -> tuple[list[Outcome], bool] | Feedback:
        """The learner's outcome on each case, and whether its output had to be truncated."""
        filename = submission.filename
        assert submission.source is not None

        def fail(message: str) -> Feedback:
            return Feedback(
                checkpoint.id,
                False,
                message.replace(LEARNER_CELL, filename),
                cases={
                    "total": len(cases),
                    "passed": 0,
                    "failed": len(cases),
                    "hidden_failed": sum(c.hidden for c in cases),
                },
            )

        collects = checkpoint.behaviour.collects
        if self._spares is None:
            self._spares = self._executor.spare_sessions(self.limits, harness_definitions())
        session = self._spares.take()
        try:
            load_limit = checkpoint.timeout + self.load_allowance
            loaded = session.run_cell(submission.source, timeout=load_limit)
            if _timed_out(loaded):
                return fail(
                    f"your code did not finish loading within {load_limit:g} s "
                    "(an infinite loop at the top level?)"
                )
            if loaded.crash:
                return fail(f"your code ended the process while loading: {loaded.crash}")
            if loaded.error is not None:
                if loaded.error.type_name == "SystemExit":
                    return fail("your code called sys.exit() while loading; remove that call")
                trace = loaded.error.traceback.replace(LEARNER_CELL, filename)
                return fail(f"your code raised an error while loading:\n{trace.rstrip()}")
            run = session.run_cell(
                driver_call(
                    collects,
                    checkpoint.function,
                    [c.encoded for c in cases],
                    repeat=checkpoint.behaviour.repeats,
                ),
                timeout=checkpoint.timeout,
            )
        finally:
            session.close(wait=False)
        if _timed_out(run):
            return fail(
                f"your code did not finish within {checkpoint.timeout:g} s on the test cases "
                "(an infinite loop, or far too slow?)"
            )
        if run.crash:
            return fail(f"your code ended the process during the checks: {run.crash}")
        if run.error is not None:
            return fail(f"the checks could not run after your code: {run.error.summary}")
        try:
            reply = parse_reply(run.value)
            if "missing" in reply:
                what = reply["missing"]
                return fail(
                    f"your code does not define `{what}`"
                    + (f"; write `def {what}(...)`" if collects == "function" else "")
                )
            raw = reply.get("results")
            if not isinstance(raw, list) or len(raw) != len(cases):
                raise BadData("wrong number of results")
            outcomes = [outcome_from(item) for item in raw]
        except BadData as exc:
            return fail(
                f"the checks could not read your results ({exc}); does your code change "
                "json or numpy?"
            )
        outcomes = [
            replace(o, traceback=o.traceback.replace(LEARNER_CELL, filename)) for o in outcomes
        ]
        return outcomes, loaded.truncated or run.truncated

    # -- judging ------------------------------------------------------------------------------

    def _judge(
        self,
        checkpoint: Checkpoint,
        source: str,
        expectation: Expectation,
        outcomes: list[Outcome],
    ) -> Feedback:
        behaviour = checkpoint.behaviour
        outcomes = [self._normalised(checkpoint, o) for o in outcomes]
        cases, expected = expectation.cases, expectation.expected
        failed = [
            i
            for i, (case, want, got) in enumerate(zip(cases, expected, outcomes, strict=True))
            if behaviour.problem(checkpoint, case, want, got)
        ]
        hidden_failed = sum(1 for i in failed if cases[i].hidden)
        counts = {
            "total": len(cases),
            "passed": len(cases) - len(failed),
            "failed": len(failed),
            "hidden_failed": hidden_failed,
        }
        if not failed:
            used = find_forbidden(source, checkpoint.forbidden)
            if used:
                return Feedback(
                    checkpoint.id,
                    False,
                    f"Your results are right, but this checkpoint asks you to build it from "
                    f"the steps of the lesson, and your code uses {used}.",
                    cases=counts,
                )
            return Feedback(checkpoint.id, True, "All cases pass.", cases=counts)
        matched = self._match_misconception(checkpoint, expectation, outcomes)
        lines: list[str] = []
        if matched is not None:
            lines.append(f"This looks like a known mistake: {matched.summary}.")
            lines.append(matched.explanation)
        lines.extend(behaviour.explain(checkpoint, cases, expected, outcomes))
        if hidden_failed:
            lines.append(f"{hidden_failed} hidden case{'s' if hidden_failed > 1 else ''} failed.")
        return Feedback(
            checkpoint.id,
            False,
            "\n".join(lines),
            misconception=matched.id if matched else None,
            revisit=matched.revisit if matched else "",
            cases=counts,
            fix=matched.fix if matched else "",
        )

    @staticmethod
    def _match_misconception(
        checkpoint: Checkpoint, expectation: Expectation, outcomes: list[Outcome]
    ) -> Misconception | None:
        for misconception in checkpoint.misconceptions:
            pairs = list(zip(expectation.variants[misconception.id], outcomes, strict=True))
            # A match needs at least one case where both returned the same value: two pieces
            # of code that merely both crash are not the same mistake.
            agrees_on_a_value = any(a.value is not None for a, _ in pairs)
            if agrees_on_a_value and all(_same_outcome(checkpoint, a, b) for a, b in pairs):
                return misconception
        return None

    def close(self) -> None:
        if self._spares is not None:
            self._spares.close()
            self._spares = None
        if self._own_executor:
            self._executor.close()

    def __enter__(self) -> Grader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _timed_out(result: CellResult) -> bool:
    """Stopped by the cell's alarm, or killed by the executor when the alarm could not fire."""
    return result.timed_out or (
        result.error is not None and result.error.type_name == "TimeoutError"
    )


def _error_type(error: str | None) -> str:
    """`ValueError` from `ValueError: ...` or `numpy.exceptions.AxisError: ...`."""
    return (error or "").partition(":")[0].rsplit(".", 1)[-1].strip()


def _same_outcome(checkpoint: Checkpoint, a: Outcome, b: Outcome) -> bool:
    """Both returned equal values, or both raised the same type of exception."""
    if a.value is None or b.value is None:
        both_raised = a.value is None and b.value is None
        return both_raised and _error_type(a.error) == _error_type(b.error)
    return checkpoint.behaviour.matches(checkpoint, a.value, b.value)
