"""Explain, in words, how a learner's result differs from the reference on one case.

Checks run in order: runs -> type -> shape -> finite -> invariants -> values. The first that
fails is the diagnosis; for values, common patterns are named (a constant factor, a sign flip,
a transpose, a constant offset) before falling back to the first mismatching index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpath.grade.model import Checkpoint
from mlpath.grade.values import Value, numeric, same


@dataclass(frozen=True)
class Outcome:
    """The learner's result on one case: a value, or the exception it raised."""

    value: Value | None = None
    error: str | None = None
    traceback: str = ""


def _fmt(array: np.ndarray) -> str:
    return np.array2string(np.asarray(array), precision=6, separator=", ", threshold=20)


def _pattern(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float) -> str | None:
    transposed = expected.ndim == 2 and got.shape == expected.T.shape != expected.shape
    if transposed and np.allclose(got, expected.T, rtol=rtol, atol=atol):
        return "your result is the transpose of the expected one"
    if got.shape != expected.shape:
        return None
    if np.allclose(got, -expected, rtol=rtol, atol=atol) and np.any(expected != 0):
        return "your result has the opposite sign (negated)"
    nonzero = np.abs(expected) > atol
    if np.any(nonzero):
        ratios = got[nonzero] / expected[nonzero]
        ratio = float(ratios[0])
        if np.allclose(ratios, ratio, rtol=1e-6) and np.allclose(got, ratio * expected, atol=atol):
            return f"your result is off by a constant factor: {ratio:.6g} times the expected one"
    offset = got - expected
    if got.size > 1 and np.allclose(offset, offset.flat[0], rtol=1e-6, atol=atol):
        return f"your result is off by a constant: {float(offset.flat[0]):+.6g} everywhere"
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
    x, y = numeric(expected), numeric(got)
    if got.kind == "none":
        return "your function returned None (did you forget `return`?)"
    if got.kind == "other":
        return (
            f"expected {expected.describe()}, but got {got.describe()}: return plain NumPy "
            "arrays, Python numbers or lists"
        )
    if x is None or y is None:
        return f"expected {expected.describe()}, but got {got.describe()}"
    if x.ndim == 0 and y.ndim > 0:
        return f"expected a single number, but got an array of shape {y.shape}"
    if y.shape != x.shape:
        pattern = _pattern(x, y, checkpoint.rtol, checkpoint.atol)
        return pattern or f"wrong shape: expected {x.shape}, got {y.shape}"
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
    pattern = _pattern(x, y, checkpoint.rtol, checkpoint.atol)
    if pattern:
        return pattern
    if x.ndim == 0:
        return f"expected {float(x):.6g}, got {float(y):.6g}"
    mismatch = ~np.isclose(y, x, rtol=checkpoint.rtol, atol=checkpoint.atol, equal_nan=True)
    index = tuple(int(i) for i in np.argwhere(mismatch)[0])
    return f"first difference at index {index}: expected {x[index]:.6g}, got {y[index]:.6g}"


def describe_args(args: tuple[object, ...]) -> str:
    parts = []
    for arg in args:
        parts.append(_fmt(arg) if isinstance(arg, np.ndarray) else repr(arg))
    return ", ".join(parts)
