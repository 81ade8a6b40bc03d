"""The grader: run a submission in the sandbox, compare with the reference, name the mistake."""

from __future__ import annotations

import ast
import copy
import difflib
import html
import inspect
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from mlpath.errors import MlpathError
from mlpath.grade.diagnose import Outcome, describe_args, diagnose
from mlpath.grade.encoding import encode
from mlpath.grade.harness import LEARNER_CELL, driver_call, harness_definitions, parse_reply
from mlpath.grade.model import Checkpoint, Misconception
from mlpath.grade.values import BadData, Value, decode, same
from mlpath.run import CellResult, Executor, Limits
from mlpath.run.executor import SpareSessions

# Prepended to a function graded by its source alone (a notebook's `check(id, function)`, the
# gate's references and variants): the imports every lesson uses.
FUNCTION_PREAMBLE = "import math\nimport numpy as np\n"


def _private_executor(warm: bool) -> Executor:
    """An executor for one grader; when `warm`, its zygote has imported what the course's
    lessons import, so a submission that does the same pays nothing for it."""
    from mlpath.config import load_settings
    from mlpath.course.catalog import load_catalog
    from mlpath.course.imports import preload_modules

    preload = preload_modules(load_catalog(strict=False).lessons) if warm else []
    return Executor(jobs=1, preload=preload, cache_dir=load_settings().cache_dir)


class UnknownCheckpoint(MlpathError):
    """No checkpoint has this id."""


@dataclass
class Feedback:
    """The result of one check, as shown to a learner and as `--json`."""

    checkpoint: str
    passed: bool
    message: str
    misconception: str | None = None
    revisit: str = ""
    cases: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "misconception": self.misconception,
            "message": self.message,
            "revisit": self.revisit,
            "cases": self.cases,
        }

    @property
    def text(self) -> str:
        head = "Passed" if self.passed else "Not yet"
        lines = [f"{head}: {self.checkpoint}", self.message]
        if self.revisit:
            lines.append(f"Revisit: {self.revisit}")
        return "\n".join(line for line in lines if line)

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#b35900"
        body = html.escape(self.message).replace("\n", "<br>")
        revisit = (
            f"<p>Revisit: <code>{html.escape(self.revisit)}</code></p>" if self.revisit else ""
        )
        head = "Passed" if self.passed else "Not yet"
        return (
            f'<div style="border-left:4px solid {colour};padding:0.5em 1em">'
            f"<strong>{head}</strong>: <code>{html.escape(self.checkpoint)}</code>"
            f"<p style='white-space:pre-wrap'>{body}</p>{revisit}</div>"
        )


@dataclass(frozen=True)
class _Case:
    args: tuple[Any, ...]
    hidden: bool
    size: int


def _case_size(args: tuple[Any, ...]) -> int:
    return sum(int(np.size(arg)) if isinstance(arg, np.ndarray) else 1 for arg in args)


def _roundtrip(value: Any) -> Value:
    return decode(encode(value))


def _normalise_text(text: str) -> str:
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return "\n".join(lines).strip()


def answer_from_text(checkpoint: Checkpoint, text: str) -> Any:
    """A typed answer as the checkpoint compares it: a float for `numeric` when it reads as one
    (so "8.0" typed for a predict or choice checkpoint stays text)."""
    if checkpoint.kind == "numeric":
        try:
            return float(text.strip())
        except ValueError:
            return text.strip()
    return text.replace("\r\n", "\n")


def function_source(function: Callable[..., Any], name: str) -> str:
    """A function's own source, dedented, bound to the name the checkpoint expects."""
    source = textwrap.dedent(inspect.getsource(function))
    actual = function.__name__
    alias = f"\n{name} = {actual}\n" if actual != name else ""
    return source + alias


def _canonical_name(dotted: str) -> str:
    return "numpy." + dotted[3:] if dotted.startswith("np.") else dotted


def uses_forbidden(source: str, forbidden: Sequence[str]) -> str | None:
    """The first forbidden construct the source uses (`@`, `np.dot`, ...), or None.

    Catches `np.dot(...)`, `numpy.dot(...)` and `from numpy import dot` alike.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    wanted = {_canonical_name(name): name for name in forbidden if name != "@"}
    for node in ast.walk(tree):
        if "@" in forbidden and isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            return "@"
        if isinstance(node, ast.Attribute):
            found = wanted.get(_canonical_name(ast.unparse(node)))
            if found:
                return found
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                found = wanted.get(_canonical_name(f"{node.module}.{alias.name}"))
                if found:
                    return found
    return None


class Grader:
    """Grades submissions for the checkpoints it knows, on a warm sandboxed executor.

    Args:
        checkpoints: by id (default: every checkpoint of the shipped curriculum).
        executor: the shared executor to use (default: a private one, started on first use).
        load_allowance: extra seconds for loading the submission (importing scikit-learn in a
            cold child can take seconds on a busy machine, which is not the learner's fault).
        warm: give a private executor the modules the lessons import, for a long-lived grader;
            a one-shot check is faster without (it imports only what the submission does).
        hidden_paths: folders a submission must not see (default: where the checkpoints live).
    """

    def __init__(
        self,
        checkpoints: dict[str, Checkpoint] | None = None,
        executor: Executor | None = None,
        hidden_paths: Sequence[str] | None = None,
        warm: bool = True,
        load_allowance: float = 20.0,
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
        self.limits = Limits(
            timeout=5.0,
            memory_mb=512,
            cpu_seconds=30,
            output_bytes=100_000,
            sandbox=True,
            hidden_paths=tuple(hidden_paths),
        )
        self._predicted: dict[str, Value] = {}
        # Trusted and deterministic, so computed once per checkpoint and seeds.
        self._expected_cache: dict[
            tuple[str, tuple[int, ...]], tuple[list[_Case], list[Outcome]]
        ] = {}
        self._variant_cache: dict[tuple[str, str, tuple[int, ...]], list[Outcome]] = {}
        self._spares: SpareSessions | None = None
        self.load_allowance = load_allowance

    def get(self, checkpoint_id: str) -> Checkpoint:
        found = self.checkpoints.get(checkpoint_id)
        if found is None:
            close = difflib.get_close_matches(checkpoint_id, list(self.checkpoints), n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            raise UnknownCheckpoint(f"no checkpoint '{checkpoint_id}'.{hint}")
        return found

    # -- entry points -------------------------------------------------------------------------

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
        return self.check_source(checkpoint_id, f"answer = {answer!r}\n", filename)

    def check_text(self, checkpoint_id: str, text: str, filename: str = "your answer") -> Feedback:
        """Grade what a learner typed into a form or a prompt: code for an `implement`
        checkpoint, otherwise an answer (a number for `numeric`, the text as typed else)."""
        checkpoint = self.get(checkpoint_id)
        if checkpoint.kind == "implement":
            return self.check_source(checkpoint_id, text, filename)
        return self.check_answer(checkpoint_id, answer_from_text(checkpoint, text), filename)

    def check_source(
        self,
        checkpoint_id: str,
        source: str,
        filename: str = "submission.py",
        seeds: Sequence[int] = (0,),
    ) -> Feedback:
        """Grade a submission's source code."""
        checkpoint = self.get(checkpoint_id)
        try:
            compile(source, filename, "exec")
        except SyntaxError as exc:
            return Feedback(
                checkpoint.id, False, f"{filename}, line {exc.lineno}: SyntaxError: {exc.msg}"
            )
        key = (checkpoint.id, tuple(seeds))
        if key not in self._expected_cache:
            cases = self._cases(checkpoint, seeds)
            self._expected_cache[key] = (cases, self._expected(checkpoint, cases))
        cases, expected = self._expected_cache[key]
        ran = self._run_submission(checkpoint, source, filename, cases)
        if isinstance(ran, Feedback):
            return ran
        outcomes, noisy = ran
        feedback = self._judge(checkpoint, source, cases, expected, outcomes, key[1])
        if noisy:
            limit = self.limits.output_bytes // 1000
            feedback.message += f"\nYour code printed more than {limit} kB; the rest was dropped."
        return feedback

    def prediction(self, code: str) -> str:
        """The text a predict-the-output cell really prints (run in the sandbox, cached)."""
        return self._prediction_value(code).text or ""

    def hints(self, checkpoint_id: str) -> tuple[str, ...]:
        return self.get(checkpoint_id).hints

    # -- steps --------------------------------------------------------------------------------

    def _cases(self, checkpoint: Checkpoint, seeds: Sequence[int]) -> list[_Case]:
        if checkpoint.kind != "implement":
            return [_Case((), False, 0)]
        cases = [
            _Case(tuple(args), False, _case_size(tuple(args))) for args in checkpoint.edge_cases
        ]
        assert checkpoint.cases is not None
        for seed in seeds:
            generated = [tuple(args) for args in checkpoint.cases(np.random.default_rng(seed))]
            visible = len(generated) - checkpoint.hidden
            for index, args in enumerate(generated):
                cases.append(_Case(args, index >= visible, _case_size(args)))
        return cases

    def _expected(self, checkpoint: Checkpoint, cases: list[_Case]) -> list[Outcome]:
        if checkpoint.kind == "implement":
            assert checkpoint.reference is not None
            return [self._call(checkpoint.reference, case.args) for case in cases]
        if checkpoint.kind == "predict":
            return [Outcome(value=self._prediction_value(checkpoint.code))]
        assert checkpoint.solve is not None
        return [Outcome(value=_roundtrip(checkpoint.solve()))]

    @staticmethod
    def _call(function: Callable[..., Any] | str, args: tuple[Any, ...]) -> Outcome:
        assert callable(function)
        try:
            return Outcome(value=_roundtrip(function(*copy.deepcopy(args))))
        except Exception as exc:
            return Outcome(error=f"{type(exc).__name__}: {exc}")

    def _prediction_value(self, code: str) -> Value:
        """What a predict-the-output cell really prints, run once in the sandbox."""
        if code not in self._predicted:
            from mlpath.course.model import CellOptions
            from mlpath.verify.compare import output_text

            with self._executor.session(self.limits) as session:
                result = session.run_cell(code)
            if not result.ok:
                raise MlpathError(
                    f"the predict-the-output code failed: {result.error or result.crash}"
                )
            text = _normalise_text(output_text(result, CellOptions()))
            self._predicted[code] = Value("text", text=text, type_name="str")
        return self._predicted[code]

    def _run_submission(
        self, checkpoint: Checkpoint, source: str, filename: str, cases: list[_Case]
    ) -> tuple[list[Outcome], bool] | Feedback:
        """The learner's outcome on each case, and whether its output had to be truncated."""

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

        mode = "function" if checkpoint.kind == "implement" else "answer"
        limit = f"{checkpoint.timeout:g} s"
        if self._spares is None:
            self._spares = self._executor.spare_sessions(self.limits, harness_definitions())
        session = self._spares.take()
        try:
            load_limit = checkpoint.timeout + self.load_allowance
            loaded = session.run_cell(source, timeout=load_limit)
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
                driver_call(mode, checkpoint.function, [c.args for c in cases]),
                timeout=checkpoint.timeout,
            )
        finally:
            session.close(wait=False)
        if _timed_out(run):
            return fail(
                f"your code did not finish within {limit} on the test cases "
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
                    + (f"; write `def {what}(...)`" if mode == "function" else "")
                )
            raw = reply.get("results")
            if not isinstance(raw, list) or len(raw) != len(cases):
                raise BadData("wrong number of results")
            noisy = loaded.truncated or run.truncated
            return [self._outcome(item, filename) for item in raw], noisy
        except BadData as exc:
            return fail(
                f"the checks could not read your results ({exc}); does your code change "
                "json or numpy?"
            )

    @staticmethod
    def _outcome(item: Any, filename: str) -> Outcome:
        if not isinstance(item, dict) or type(item.get("ok")) is not bool:
            raise BadData("malformed result")
        if item["ok"]:
            return Outcome(value=decode(item.get("value")))
        summary = str(item.get("summary", "an exception"))[:500]
        trace = str(item.get("traceback", ""))[:5000].replace(LEARNER_CELL, filename)
        return Outcome(error=summary, traceback=trace)

    def _variant_outcomes(
        self, checkpoint: Checkpoint, misconception: Misconception, cases: list[_Case]
    ) -> list[Outcome]:
        variant = misconception.variant
        if checkpoint.kind == "implement":
            return [self._call(variant, case.args) for case in cases]
        if checkpoint.kind == "predict":
            assert isinstance(variant, str)
            return [Outcome(value=self._prediction_value(variant))]
        assert callable(variant)
        return [Outcome(value=_roundtrip(variant()))]

    def _prepare(self, checkpoint: Checkpoint, outcomes: list[Outcome]) -> list[Outcome]:
        """Answers in the form the checkpoint compares: option letters as option text, etc."""
        if checkpoint.kind == "choice" and outcomes[0].value is not None:
            value = outcomes[0].value
            if value.kind == "text" and value.text is not None:
                text = value.text.strip()
                letters = {chr(ord("a") + i): option for i, option in enumerate(checkpoint.options)}
                text = letters.get(text.lower().rstrip(")."), text)
                return [Outcome(value=Value("text", text=text, type_name="str"))]
        if checkpoint.kind == "predict" and outcomes[0].value is not None:
            value = outcomes[0].value
            if value.kind == "text" and value.text is not None:
                text = _normalise_text(value.text)
                return [Outcome(value=Value("text", text=text, type_name="str"))]
        return outcomes

    def _judge(
        self,
        checkpoint: Checkpoint,
        source: str,
        cases: list[_Case],
        expected: list[Outcome],
        outcomes: list[Outcome],
        seeds: tuple[int, ...],
    ) -> Feedback:
        outcomes = self._prepare(checkpoint, outcomes)
        problems: list[str | None] = []
        for case, want, got in zip(cases, expected, outcomes, strict=True):
            if want.value is None:
                raise MlpathError(
                    f"{checkpoint.path}:{checkpoint.line}: the reference raised "
                    f"{want.error} on {describe_args(case.args)}"
                )
            problems.append(diagnose(checkpoint, want.value, got, case.args))
        failed = [i for i, problem in enumerate(problems) if problem]
        hidden_failed = sum(1 for i in failed if cases[i].hidden)
        counts = {
            "total": len(cases),
            "passed": len(cases) - len(failed),
            "failed": len(failed),
            "hidden_failed": hidden_failed,
        }
        if not failed:
            used = uses_forbidden(source, checkpoint.forbidden)
            if used:
                return Feedback(
                    checkpoint.id,
                    False,
                    f"Your results are right, but this checkpoint asks you to work "
                    f"without `{used}`: build it from the steps of the lesson.",
                    cases=counts,
                )
            return Feedback(checkpoint.id, True, "All cases pass.", cases=counts)
        matched = self._match_misconception(checkpoint, cases, outcomes, seeds)
        visible = [i for i in failed if not cases[i].hidden]
        lines: list[str] = []
        if matched is not None:
            lines.append(f"This looks like a known mistake: {matched.summary}.")
            lines.append(matched.explanation)
        if visible:
            smallest = min(visible, key=lambda i: cases[i].size)
            problem = problems[smallest]
            if checkpoint.kind == "implement":
                detail = (problem or "").rstrip(".?!")
                lines.append(f"On the input ({describe_args(cases[smallest].args)}): {detail}.")
            else:
                lines.append(_answer_problem(checkpoint, expected[0], outcomes[0]))
            if len(visible) > 1:
                lines.append(
                    f"{len(visible)} of {len(cases) - sum(c.hidden for c in cases)} "
                    "visible cases failed."
                )
        if hidden_failed:
            lines.append(f"{hidden_failed} hidden case{'s' if hidden_failed > 1 else ''} failed.")
        return Feedback(
            checkpoint.id,
            False,
            "\n".join(lines),
            misconception=matched.id if matched else None,
            revisit=matched.revisit if matched else "",
            cases=counts,
        )

    def _match_misconception(
        self,
        checkpoint: Checkpoint,
        cases: list[_Case],
        outcomes: list[Outcome],
        seeds: tuple[int, ...],
    ) -> Misconception | None:
        for misconception in checkpoint.misconceptions:
            key = (checkpoint.id, misconception.id, seeds)
            if key not in self._variant_cache:
                self._variant_cache[key] = self._prepare(
                    checkpoint, self._variant_outcomes(checkpoint, misconception, cases)
                )
            variant = self._variant_cache[key]
            pairs = list(zip(variant, outcomes, strict=True))
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


def _answer_problem(checkpoint: Checkpoint, expected: Outcome, got: Outcome) -> str:
    """What is wrong with a value answer, without giving the right one away."""
    if got.error is not None:
        return f"Computing your answer raised {got.error}."
    value = got.value
    assert value is not None and expected.value is not None
    if checkpoint.kind == "choice":
        if value.text not in checkpoint.options:
            letters = ", ".join(
                f"{chr(ord('a') + i)}) {option}" for i, option in enumerate(checkpoint.options)
            )
            return f"Answer with one of the options' letters: {letters}."
        return f"You chose {value.text!r}, which is not right."
    if checkpoint.kind == "predict":
        if value.kind != "text" or value.text is None:
            return "Set `answer` to the text you expect the cell to print."
        want = (expected.value.text or "").splitlines()
        mine = value.text.splitlines()
        for number, (a, b) in enumerate(zip(want, mine, strict=False), start=1):
            if a != b:
                return f"Line {number} of your prediction differs from what the cell prints."
        return f"The cell prints {len(want)} line(s); your prediction has {len(mine)}."
    if value.kind != "number":
        return f"Set `answer` to a single number; got {value.describe()}."
    given = float(value.array) if value.array is not None else float("nan")
    return f"Your answer {given:.6g} is not the expected value (tolerance {checkpoint.rtol:g})."


def _error_type(error: str | None) -> str:
    """`ValueError` from `ValueError: ...` or `numpy.exceptions.AxisError: ...`."""
    return (error or "").partition(":")[0].rsplit(".", 1)[-1].strip()


def _same_outcome(checkpoint: Checkpoint, a: Outcome, b: Outcome) -> bool:
    """Both returned equal values, or both raised the same type of exception."""
    if a.value is None or b.value is None:
        both_raised = a.value is None and b.value is None
        return both_raised and _error_type(a.error) == _error_type(b.error)
    return same(a.value, b.value, checkpoint.rtol, checkpoint.atol)
