"""Checkpoint definitions: what course authors write in `<lesson>.checks.py`.

@checkpoint("la.dot-product.implement", concepts=["la.dot-product"], kind="implement")
class ImplementDot:
    '''Write `dot(u, v)` ...'''            # the prompt, Markdown with $math$
    function = "dot"
    starter = "def dot(u, v):\\n    ...\\n"
    def reference(u, v): ...
    def cases(rng): ...                    # seeded random cases
    edge_cases = [...]                     # fixed cases, always shown first
    misconceptions = [Misconception(...)]
    hints = ["...", "..."]
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from mlpath.errors import DefinitionError

if TYPE_CHECKING:
    from mlpath.grade.forbidden import Operation
    from mlpath.grade.kinds import CheckpointKind

Kind = Literal["implement", "sample", "fix", "numeric", "choice", "predict"]
KINDS: tuple[Kind, ...] = ("implement", "sample", "fix", "numeric", "choice", "predict")


@dataclass(frozen=True)
class Misconception:
    """A known mistake: a wrong variant that reproduces it, and what to tell the learner.

    Args:
        id: short slug, unique within the checkpoint, e.g. "elementwise-product".
        variant: for `implement`, a function with the wrong behaviour (a `def`, so its source
            can be graded like a learner's); for `numeric` and `choice`, a function returning the
            wrong answer; for `predict`, the code whose output is the wrong prediction.
        summary: the mistake in a few words ("returned the elementwise product").
        explanation: why it is wrong, in words that let the learner find the fix themselves.
        revisit: the lesson section to read again, as `lesson-id#heading-anchor`.
        fix: the exact change that makes it right (`np.sum(u * v)`). It is held back on the first
            failure, so the learner thinks first, and shown with the hints or on the next failure.
            Empty when the explanation gives nothing away.
    """

    id: str
    variant: Callable[..., Any] | str
    summary: str
    explanation: str
    revisit: str = ""
    fix: str = ""


@dataclass(frozen=True)
class Invariant:
    """A property every correct result has, checked before values (e.g. "the result is >= 0")."""

    description: str
    holds: Callable[..., bool]


@dataclass
class Checkpoint:
    """One checkpoint, built by the `checkpoint` decorator from the author's class."""

    id: str
    kind: Kind
    concepts: tuple[str, ...]
    prompt: str
    starter: str
    misconceptions: tuple[Misconception, ...]
    hints: tuple[str, ...]
    path: str
    line: int
    function: str = ""
    reference: Callable[..., Any] | None = None
    cases: Callable[[Any], Sequence[tuple[Any, ...]]] | None = None
    edge_cases: tuple[tuple[Any, ...], ...] = ()
    hidden: int = 0
    rtol: float = 1e-7
    atol: float = 1e-9
    forbidden: tuple[Operation | str, ...] = ()
    invariants: tuple[Invariant, ...] = ()
    options: tuple[str, ...] = ()
    solve: Callable[[], Any] | None = None
    code: str = ""
    timeout: float = 5.0
    decimals: int | None = None
    lesson: str = field(default="")

    @property
    def behaviour(self) -> CheckpointKind:
        """The object that knows how this kind of checkpoint reads, compares and explains."""
        from mlpath.grade.kinds import KINDS as BEHAVIOURS

        return BEHAVIOURS[self.kind]

    @property
    def task(self) -> str:
        """The prompt as the learner reads it (a numeric one states its precision)."""
        return self.behaviour.prompt(self)


_OPTIONAL = {
    "function",
    "reference",
    "cases",
    "edge_cases",
    "hidden",
    "rtol",
    "atol",
    "forbidden",
    "invariants",
    "options",
    "solve",
    "code",
    "timeout",
    "decimals",
    "starter",
    "misconceptions",
    "hints",
}


def _plain(function: Any) -> Any:
    return function.__func__ if isinstance(function, staticmethod) else function


def checkpoint(
    checkpoint_id: str, *, concepts: Sequence[str], kind: Kind = "implement"
) -> Callable[[type], Checkpoint]:
    """Class decorator that turns an author's class into a validated `Checkpoint`."""

    def build(cls: type) -> Checkpoint:
        path = inspect.getsourcefile(cls) or "<unknown>"
        line = inspect.getsourcelines(cls)[1]

        def fail(message: str) -> DefinitionError:
            return DefinitionError(f"{path}:{line}: checkpoint '{checkpoint_id}': {message}")

        if kind not in KINDS:
            raise fail(f"kind: expected one of {', '.join(map(repr, KINDS))}; got {kind!r}")
        from mlpath.grade.kinds import KINDS as BEHAVIOURS

        behaviour = BEHAVIOURS[kind]
        attributes = {k: _plain(v) for k, v in vars(cls).items() if not k.startswith("__")}
        unknown = sorted(set(attributes) - _OPTIONAL)
        if unknown:
            raise fail(f"unknown attribute(s) {', '.join(unknown)}; allowed: {sorted(_OPTIONAL)}")
        missing = [name for name in behaviour.required if name not in attributes]
        if missing:
            raise fail(f"a '{kind}' checkpoint needs {', '.join(missing)}")
        prompt = inspect.cleandoc(cls.__doc__ or "")
        if not prompt:
            raise fail("the class docstring is the prompt; write one")
        misconceptions = tuple(attributes.get("misconceptions", ()))
        ids = [m.id for m in misconceptions]
        if len(ids) != len(set(ids)):
            raise fail("misconception ids must be unique")
        behaviour.validate(attributes, fail)
        starter = attributes.get("starter") or behaviour.default_starter
        return Checkpoint(
            id=checkpoint_id,
            kind=kind,
            concepts=tuple(concepts),
            prompt=prompt,
            starter=starter,
            misconceptions=misconceptions,
            hints=tuple(attributes.get("hints", ())),
            path=path,
            line=line,
            function=attributes.get("function", ""),
            reference=attributes.get("reference"),
            cases=attributes.get("cases"),
            edge_cases=tuple(attributes.get("edge_cases", ())),
            hidden=int(attributes.get("hidden", 0)),
            rtol=float(attributes.get("rtol", 1e-7)),
            atol=float(attributes.get("atol", 1e-9)),
            forbidden=tuple(attributes.get("forbidden", ())),
            invariants=tuple(attributes.get("invariants", ())),
            options=tuple(attributes.get("options", ())),
            solve=attributes.get("solve"),
            code=attributes.get("code", ""),
            timeout=float(attributes.get("timeout", 5.0)),
            decimals=attributes.get("decimals"),
        )

    return build
