"""Checkpoints used by the grader's tests (loaded the way course checkpoints are)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint


def normalise_rows(X):
    return X / np.sum(X, axis=1, keepdims=True)


def normalise_columns(X):
    return X / np.sum(X, axis=0, keepdims=True)


def cases(rng):
    return [(rng.uniform(1, 2, size=(2, 3)),), (rng.uniform(1, 2, size=(3, 4)),)]


WRONG_AXIS = Misconception(
    "wrong-axis",
    normalise_columns,
    "divided by column sums",
    "axis=0 sums down the columns; each row needs axis=1.",
    "np.x#axes",
)


@checkpoint("test.rows", concepts=["np.vectorization"])
class Rows:
    """Write `rows(X)`: divide each row of X by its sum."""

    function = "rows"
    starter = "def rows(X):\n    ...\n"
    reference = normalise_rows
    cases = cases
    edge_cases = [(np.array([[1.0, 3.0], [2.0, 2.0], [5.0, 5.0]]),)]
    hidden = 1
    misconceptions = [WRONG_AXIS]


@checkpoint("test.rows-rule", concepts=["np.vectorization"])
class RowsWithRule:
    """Write `rows(X)`: divide each row of X by its sum."""

    function = "rows"
    starter = "def rows(X):\n    ...\n"
    reference = normalise_rows
    cases = cases
    edge_cases = [(np.array([[1.0, 3.0], [2.0, 2.0], [5.0, 5.0]]),)]
    hidden = 1
    invariants = [Invariant("every row sums to 1", lambda X, got: np.allclose(got.sum(1), 1))]
    misconceptions = [WRONG_AXIS]


@checkpoint("test.raising-reference", concepts=["np.vectorization"])
class RaisingReference:
    """A checkpoint whose reference is broken."""

    function = "f"
    starter = "def f(x):\n    ...\n"

    def reference(x):
        raise ValueError("the author's bug")

    def cases(rng):
        return [(1.0,)]


@checkpoint("test.hanging-reference", concepts=["np.vectorization"])
class HangingReference:
    """A checkpoint whose reference never returns."""

    function = "f"
    starter = "def f(x):\n    ...\n"
    timeout = 1.0

    def reference(x):
        while True:
            pass

    def cases(rng):
        return [(1.0,)]


@checkpoint("test.mean", concepts=["np.vectorization"], kind="numeric")
class Mean:
    """The mean of 1, 2 and 4."""

    decimals = 2

    def solve():
        return (1 + 2 + 4) / 3

    misconceptions = [Misconception("median", lambda: 2.0, "took the median", "...")]


def _vectors(rng):
    return [(rng.normal(2.0, 1.5, size=n),) for n in (3, 5, 8)]


@checkpoint("test.mean-of", concepts=["np.vectorization"])
class MeanOf:
    """Write `mean_of(x)`."""

    function = "mean_of"
    starter = "def mean_of(x):\n    ...\n"

    def reference(x):
        return float(np.mean(x))

    cases = _vectors


@checkpoint("test.total", concepts=["np.vectorization"])
class Total:
    """Write `total(x)`."""

    function = "total"
    starter = "def total(x):\n    ...\n"

    def reference(x):
        return float(np.sum(x))

    cases = _vectors


@checkpoint("test.norm", concepts=["np.vectorization"])
class Norm:
    """Write `norm(x)`."""

    function = "norm"
    starter = "def norm(x):\n    ...\n"

    def reference(x):
        return float(np.sqrt(np.sum(x**2)))

    cases = _vectors


@checkpoint("test.mse", concepts=["np.vectorization"])
class MeanSquaredError:
    """Write `mse(y, p)`."""

    function = "mse"
    starter = "def mse(y, p):\n    ...\n"

    def reference(y, p):
        return float(np.mean((y - p) ** 2))

    def cases(rng):
        return [(rng.normal(size=n), rng.normal(size=n)) for n in (3, 5, 8)]


@checkpoint("test.argmax", concepts=["np.vectorization"])
class ArgMax:
    """Write `position_of_max(x)`."""

    function = "position_of_max"
    starter = "def position_of_max(x):\n    ...\n"

    def reference(x):
        return int(np.argmax(x))

    cases = _vectors
