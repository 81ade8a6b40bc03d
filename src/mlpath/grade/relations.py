"""How a wrong function's results relate to the right ones, claimed only when it is true.

A relationship (a factor, an offset, a sign, a square, a root, a reciprocal, a transpose, a sum
where a mean was asked, an index off by one) is named only when it holds, with the same
parameter, on *every* visible case. One case proves nothing: an RMSE handed in for an MSE is
"0.77 times" the answer on one input and "0.52 times" on the next, so it is no constant factor —
it is the square root, on all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Array = np.ndarray
# (expected, got, args) -> the relation's parameter when it holds on this case, else None.
Test = Callable[[Array, Array, tuple[Any, ...]], float | None]


@dataclass(frozen=True)
class Relation:
    name: str
    test: Test
    says: Callable[[float], str]
    # True when the parameter must be the same on every case (a factor, an offset).
    constant: bool = False


def _close(a: Array, b: Array, rtol: float, atol: float) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _relations(rtol: float, atol: float) -> list[Relation]:
    def transpose(x: Array, y: Array, args: tuple[Any, ...]) -> float | None:
        swapped = x.ndim == 2 and x.shape != x.T.shape
        return 1.0 if swapped and _close(y, x.T, rtol, atol) else None

    def same_shape(check: Callable[[Array, Array], float | None]) -> Test:
        def test(x: Array, y: Array, args: tuple[Any, ...]) -> float | None:
            return check(x, y) if x.shape == y.shape and x.size else None

        return test

    def sign(x: Array, y: Array) -> float | None:
        return 1.0 if np.any(np.abs(x) > atol) and _close(y, -x, rtol, atol) else None

    def factor(x: Array, y: Array) -> float | None:
        nonzero = np.abs(x) > atol
        if not np.any(nonzero):
            return None
        ratio = float(np.median(y[nonzero] / x[nonzero]))
        return ratio if _close(y, ratio * x, rtol, atol) else None

    def offset(x: Array, y: Array) -> float | None:
        shift = float(np.median(y - x))
        return shift if _close(y, x + shift, rtol, atol) else None

    def square(x: Array, y: Array) -> float | None:
        return 1.0 if np.any(np.abs(x) > 1 + atol) and _close(y, x**2, rtol, atol) else None

    def root(x: Array, y: Array) -> float | None:
        if np.any(x < 0) or not np.any(np.abs(x - 1) > atol):
            return None
        return 1.0 if _close(y, np.sqrt(x), rtol, atol) else None

    def reciprocal(x: Array, y: Array) -> float | None:
        if np.any(x == 0) or not np.any(np.abs(np.abs(x) - 1) > atol):
            return None
        return 1.0 if _close(y, 1 / x, rtol, atol) else None

    def length(args: tuple[Any, ...]) -> int | None:
        arrays = [a for a in args if isinstance(a, np.ndarray) and a.ndim >= 1]
        return arrays[0].shape[0] if arrays and arrays[0].shape[0] > 1 else None

    def summed(x: Array, y: Array, args: tuple[Any, ...]) -> float | None:
        n = length(args)
        return 1.0 if n and x.shape == y.shape and _close(y, x * n, rtol, atol) else None

    def averaged(x: Array, y: Array, args: tuple[Any, ...]) -> float | None:
        n = length(args)
        return 1.0 if n and x.shape == y.shape and _close(y, x / n, rtol, atol) else None

    def off_by_one(x: Array, y: Array) -> float | None:
        whole = np.all(x == np.round(x)) and np.all(y == np.round(y))
        shift = y - x
        if whole and x.size and np.all(shift == shift.flat[0]) and abs(shift.flat[0]) == 1:
            return float(shift.flat[0])
        return None

    return [
        Relation("transpose", transpose, lambda _: "is the transpose of the expected one"),
        Relation("sign", same_shape(sign), lambda _: "has the opposite sign (negated)"),
        Relation(
            "sum-for-mean",
            summed,
            lambda _: "is the sum where the mean was expected (n times too large)",
        ),
        Relation(
            "mean-for-sum",
            averaged,
            lambda _: "is the mean where the sum was expected (n times too small)",
        ),
        Relation(
            "square",
            same_shape(square),
            lambda _: "is the square of the expected value (a square root missing?)",
        ),
        Relation(
            "root",
            same_shape(root),
            lambda _: "is the square root of the expected value (squared too little?)",
        ),
        Relation("reciprocal", same_shape(reciprocal), lambda _: "is 1 divided by the expected"),
        Relation(
            "off-by-one",
            same_shape(off_by_one),
            lambda d: (
                f"is {'one more' if d > 0 else 'one less'} than expected (counted from "
                f"{'1' if d > 0 else 'the wrong end'}?)"
            ),
            constant=True,
        ),
        Relation(
            "factor",
            same_shape(factor),
            lambda r: f"is {r:.6g} times the expected one",
            constant=True,
        ),
        Relation(
            "offset",
            same_shape(offset),
            lambda d: f"is off by {d:+.6g} everywhere",
            constant=True,
        ),
    ]


def common_relation(
    pairs: Sequence[tuple[Array, Array, tuple[Any, ...]]], rtol: float, atol: float
) -> str | None:
    """What is true of the learner's result on every case, or None.

    Args:
        pairs: (expected, got, args) for every visible case, as float arrays.
    """
    if not pairs:
        return None
    for relation in _relations(rtol, atol):
        parameters = [relation.test(x, y, args) for x, y, args in pairs]
        if any(p is None for p in parameters):
            continue
        values = [float(p) for p in parameters if p is not None]
        if relation.constant and not np.allclose(values, values[0], rtol=1e-6, atol=atol):
            continue
        if relation.name in ("factor", "offset") and np.isclose(
            values[0], 1.0 if relation.name == "factor" else 0.0, rtol=rtol, atol=atol
        ):
            continue
        return relation.says(values[0])
    return None
