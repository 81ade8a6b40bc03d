"""The checkpoint author's code — case generators, references, variants, `solve` — run in a child
process under time and memory limits, like a learner's code.

A reference that raises or hangs is then reported against its checkpoint (file and line) instead
of stopping the grader, the gate or the web server. Results cross back as plain data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import numpy as np

from mlpath.errors import DefinitionError
from mlpath.grade.diagnose import Outcome
from mlpath.grade.encoding import decode_arg
from mlpath.grade.harness import parse_reply
from mlpath.grade.model import Checkpoint
from mlpath.grade.values import BadData, decode
from mlpath.run import CellResult, Executor, Limits, Session


@dataclass(frozen=True)
class Case:
    """One input of an `implement` checkpoint: as the function receives it, and as sent."""

    args: tuple[Any, ...]
    encoded: list[dict[str, Any]]
    hidden: bool

    @property
    def size(self) -> int:
        return sum(int(np.size(arg)) if isinstance(arg, np.ndarray) else 1 for arg in self.args)


@dataclass(frozen=True)
class Expectation:
    """What a checkpoint expects: its cases, the right outcomes, each misconception's."""

    cases: list[Case]
    expected: list[Outcome]
    variants: dict[str, list[Outcome]]


def outcome_from(item: Any) -> Outcome:
    """An `{"ok": ..., "value" | "summary", "traceback"}` result as an Outcome (or BadData)."""
    if not isinstance(item, dict) or type(item.get("ok")) is not bool:
        raise BadData("malformed result")
    if item["ok"]:
        repeatable = item.get("repeatable")
        return Outcome(
            value=decode(item.get("value")),
            repeatable=repeatable if type(repeatable) is bool else None,
        )
    summary = str(item.get("summary", "an exception"))[:500]
    return Outcome(error=summary, traceback=str(item.get("traceback", ""))[:5000])


class AuthoredCode:
    """A child process that has imported one checkpoint's file, to call its functions.

    Args:
        executor: where the child comes from.
        checkpoint: whose file to import.
        limits: the child's limits (not sandboxed: it must read the checks file).
        load_allowance: extra seconds for importing the file (its imports may be cold).
    """

    def __init__(
        self, executor: Executor, checkpoint: Checkpoint, limits: Limits, load_allowance: float
    ) -> None:
        self.checkpoint = checkpoint
        self._session: Session = executor.session(limits)
        try:
            self._call(
                "load",
                [checkpoint.path, checkpoint.id],
                "importing its file",
                checkpoint.timeout + load_allowance,
            )
        except BaseException:
            self.close()
            raise

    def _fail(self, message: str) -> DefinitionError:
        where = f"{self.checkpoint.path}:{self.checkpoint.line}"
        return DefinitionError(f"{where}: checkpoint '{self.checkpoint.id}': {message}")

    def _call(
        self, function: str, args: list[Any], doing: str, timeout: float | None = None
    ) -> dict[str, Any]:
        arguments = ", ".join(repr(arg) for arg in args)
        code = (
            f"from mlpath.grade import _author_child as _mlpath_author\n"
            f"_mlpath_author.{function}({arguments})\n"
        )
        limit = timeout if timeout is not None else self.checkpoint.timeout
        result: CellResult = self._session.run_cell(code, limit)
        if result.timed_out or (result.error is not None and result.error.is_a("TimeoutError")):
            raise self._fail(f"{doing} did not finish within {limit:g} s")
        if result.crash:
            raise self._fail(f"{doing} ended its process: {result.crash}")
        if result.error is not None:
            detail = result.error.traceback.strip() or result.error.summary
            raise self._fail(f"{doing} raised {result.error.summary}\n{detail}")
        try:
            reply = parse_reply(result.value)
        except BadData as exc:
            raise self._fail(f"{doing} returned something unreadable ({exc})") from exc
        if "error" in reply:
            raise self._fail(str(reply["error"]))
        return reply

    def cases(self, seeds: list[int]) -> list[Case]:
        reply = self._call("cases", [self.checkpoint.id, seeds], "generating its cases")
        cases = []
        for item in reply.get("cases", []):
            encoded = list(item["args"])
            args = tuple(decode_arg(arg) for arg in encoded)
            cases.append(Case(args, encoded, bool(item["hidden"])))
        return cases

    def outcomes(self, which: str, cases: list[Case]) -> list[Outcome]:
        """The reference's (`which="reference"`) or a misconception's results on the cases."""
        doing = "the reference" if which == "reference" else f"misconception '{which}'"
        payload = json.dumps([case.encoded for case in cases])
        reply = self._call("call_on_cases", [self.checkpoint.id, which, payload], doing)
        return self._read(reply, len(cases), doing)

    def answer(self, which: str) -> Outcome:
        """`solve()` (`which="solve"`) or a misconception's answer."""
        doing = "solve()" if which == "solve" else f"misconception '{which}'"
        reply = self._call("answer", [self.checkpoint.id, which], doing)
        return self._read(reply, 1, doing)[0]

    def _read(self, reply: dict[str, Any], count: int, doing: str) -> list[Outcome]:
        raw = reply.get("results")
        try:
            if not isinstance(raw, list) or len(raw) != count:
                raise BadData("wrong number of results")
            return [outcome_from(item) for item in raw]
        except BadData as exc:
            raise self._fail(f"{doing} returned something unreadable ({exc})") from exc

    def close(self) -> None:
        self._session.close(wait=False)

    def __enter__(self) -> AuthoredCode:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
