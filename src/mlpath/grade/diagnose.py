"""Explain, in words, how a learner's result differs from the reference on one case.

Checks run in order: runs -> type -> shape -> finite -> invariants -> values. The first that
fails is the diagnosis; for values it is the first differing entry, "expected X, got Y". What
holds across all cases (a factor, a transpose, ...) is `relations.py`'s job: one case proves
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpath.grade.model import Checkpoint
from mlpath.grade.values import Value, numeric, same, tolerances


@dataclass(frozen=True)
class Outcome:
    """The learner's result on one case: a value, or the exception it raised.

    `repeatable` is whether a second call on the same arguments gave the same value (asked
    only by checkpoints that grade randomness, else None).
    """

    value: Value | None = None
    error: str | None = None
    traceback: str = ""
    repeatable: bool | None = None


def _fmt(array: np.ndarray) -> str:
    return np.array2string(np.asarray(array), precision=6, separator=", ", threshold=20)


def _shown(value: Value) -> str:
    if value.kind == "text":
        return repr(value.text)
    if value.kind == "number" and value.array is not None:
        return _fmt(value.array)
    return value.describe()


def shape_problem(expected: Value, got: Value, rtol: float = 0.0, atol: float = 0.0) -> str | None:
    """What is wrong with the kind, type or shape of a result, before its values."""
    x, y = numeric(expected), numeric(got)
    if got.kind == "none" and expected.kind != "none":
        return "your function returned None (did you forget `return`?)"
    if got.kind == "other":
        return (
            f"expected {expected.describe()}, but got {got.describe()}: return plain NumPy "
            "arrays, Python numbers or lists"
        )
    if x is None or y is None:
        if same(expected, got, rtol, atol):
            return None
        if expected.kind == got.kind == "sequence" and len(expected.items) == len(got.items):
            for index, (want, have) in enumerate(zip(expected.items, got.items, strict=True)):
                if not same(want, have, rtol, atol):
                    return f"item {index} differs: expected {_shown(want)}, got {_shown(have)}"
        return f"expected {expected.describe()}, but got {got.describe()}"
    if x.ndim == 0 and y.ndim > 0:
        return f"expected a single number, but got an array of shape {y.shape}"
    if y.shape != x.shape:
        return f"wrong shape: expected {x.shape}, got {y.shape}"
    return None


def diagnose(
    checkpoint: Checkpoint, expected: Value, outcome: Outcome, args: tuple[object, ...]
) -> str | None:
    """None when the learner's result is right; otherwise what is wrong, in a sentence or two."""
    if outcome.error is not None:
        where = f"\n{outcome.traceback.rstrip()}" if outcome.traceback else ""
        return f"your code raised {outcome.error}{where}"
    got = outcome.value
    assert got is not None
    if same(expected, got, checkpoint.rtol, checkpoint.atol):
        return None
    problem = shape_problem(expected, got, checkpoint.rtol, checkpoint.atol)
    if problem:
        return problem
    x, y = numeric(expected), numeric(got)
    assert x is not None and y is not None
    bad = ~np.isfinite(y) & np.isfinite(x)
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        return (
            f"your result has {y[index] if y.ndim else y} at index {index} where a finite "
            "number was expected"
        )
    for invariant in checkpoint.invariants:
        if not invariant.holds(*args, y):
            return (
                f"your result breaks a rule every correct answer follows: {invariant.description}"
            )
    if x.ndim == 0:
        want, have = distinct(float(x), float(y))
        return f"expected {want}, got {have}"
    rtol, atol = tolerances(got, checkpoint.rtol, checkpoint.atol)
    mismatch = ~np.isclose(y, x, rtol=rtol, atol=atol, equal_nan=True)
    index = tuple(int(i) for i in np.argwhere(mismatch)[0])
    want, have = distinct(float(x[index]), float(y[index]))
    return f"first difference at index {index}: expected {want}, got {have}"


def distinct(a: float, b: float) -> tuple[str, str]:
    """Two numbers with as few digits as show that they differ ("0.153846" and "0.153846"
    would hide a difference in the eighth digit)."""
    for digits in (6, 9, 12, 17):
        shown = f"{a:.{digits}g}", f"{b:.{digits}g}"
        if shown[0] != shown[1]:
            return shown
    return shown


def describe_args(args: tuple[object, ...]) -> str:
    parts = []
    for arg in args:
        parts.append(_fmt(arg) if isinstance(arg, np.ndarray) else repr(arg))
    return ", ".join(parts)
