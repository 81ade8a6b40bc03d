"""Checkpoints for the lesson "Vectors as data" (01-vectors.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def gap_abs_of_mean(a, b):
    return abs(np.mean(a - b))


def gap_no_abs(a, b):
    return np.mean(a - b)


def gap_sum(a, b):
    return np.sum(np.abs(a - b))


@checkpoint("la.vectors.mean-gap", concepts=["la.vectors"])
class MeanGap:
    """Write `mean_gap(a, b)`: the average, over positions $i$, of the distance $|a_i - b_i|$
    between two vectors of the same length (shape `(n,)`).

    For `a = [5.1, 4.9]` and `b = [1.4, 1.4]` the gaps are 3.7 and 3.5, so the answer is 3.6.
    """

    function = "mean_gap"
    starter = "import numpy as np\n\n\ndef mean_gap(a, b):\n    ...\n"
    # float32 arithmetic returned as a Python float is right too (the grader's float32 margin).
    rtol, atol = 2e-5, 1e-6

    def reference(a, b):
        return float(np.mean(np.abs(a - b)))

    def cases(rng):
        return [
            (rng.normal(5, 1, size=n).round(1), rng.normal(3, 2, size=n).round(1))
            for n in (3, 4, 6, 9)
        ]

    edge_cases = [
        (np.array([5.1, 4.9]), np.array([1.4, 1.4])),
        (np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0])),
        (np.array([1.0, 4.0]), np.array([3.0, 3.5])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "abs-of-mean",
            gap_abs_of_mean,
            "took the absolute value of the average difference, not the average of the distances",
            "abs(mean(a - b)) lets positive and negative differences cancel before the absolute "
            "value is taken. Make every gap a distance first, np.abs(a - b), then average.",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
        Misconception(
            "no-absolute-value",
            gap_no_abs,
            "the differences were averaged without taking their absolute value",
            "Positive and negative differences cancel out; a distance is never negative. Take "
            "np.abs(a - b) before the mean.",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
        Misconception(
            "sum-not-mean",
            gap_sum,
            "the gaps were added up but not divided by their number",
            "An average divides the sum by n. Use np.mean, or divide np.sum by len(a).",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
    ]
    hints = [
        "Subtract the vectors entry by entry: `a - b` has shape (n,).",
        "Distances are never negative: `np.abs(a - b)`.",
        "Average with `np.mean(...)`.",
    ]


@checkpoint("la.vectors.predict-shape", concepts=["la.vectors"], kind="predict")
class PredictShape:
    """What does this cell print? Predict it before you run it, then set `answer` to the text,
    one line per `print`, each shape written as Python prints a tuple: `(2, 5)`, with a space
    after the comma.

    ```python
    import numpy as np
    X = np.array([[5.1, 3.5, 1.4, 0.2],
                  [4.9, 3.0, 1.4, 0.2],
                  [4.7, 3.2, 1.3, 0.2]])
    print(X[0].shape)
    print(X[:, [2]].shape)
    ```
    """

    code = (
        "import numpy as np\n"
        "X = np.array([[5.1, 3.5, 1.4, 0.2],\n"
        "              [4.9, 3.0, 1.4, 0.2],\n"
        "              [4.7, 3.2, 1.3, 0.2]])\n"
        "print(X[0].shape)\n"
        "print(X[:, [2]].shape)\n"
    )
    misconceptions = [
        Misconception(
            "list-index-drops-axis",
            "print((4,))\nprint((3,))\n",
            "indexing with a list [2] was taken to drop the axis, like indexing with 2",
            "X[:, 2] gives the column as a plain vector of shape (3,), but X[:, [2]] keeps the "
            "axis: a list of column indices selects columns, so the result is (3, 1).",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
        Misconception(
            "row-as-matrix",
            "print((1, 4))\nprint((3, 1))\n",
            "a row picked with X[0] was taken to be a 1 x 4 matrix",
            "Indexing with one integer removes that axis: X[0] is a vector of shape (4,). "
            "Only X[[0]] or X[0:1] keeps it as a (1, 4) matrix.",
            revisit="la.vectors#vectors-in-numpy",
        ),
    ]
    hints = [
        "An integer index removes an axis; a list or a slice keeps it.",
        "X has shape (3, 4): 3 rows, 4 columns.",
    ]


def gap_column_kept(X, i, j):
    first = X[:, i]
    second = X[:, [j]]
    return np.mean(np.abs(first - second))


def gap_no_abs_fix(X, i, j):
    return np.mean(X[:, i] - X[:, j])


def gap_rows_not_columns(X, i, j):
    return np.mean(np.abs(X[i] - X[j]))


def _data_matrix(rng, n, d):
    return rng.normal(4, 2, size=(n, d)).round(1)


@checkpoint("la.vectors.fix-gap", concepts=["la.vectors"], kind="fix")
class FixGap:
    """`mean_gap(X, i, j)` should give the average gap between two features of the same sample:
    for every row $r$ of the data matrix `X` (shape $(n, d)$, one sample per row) the distance
    $|X_{ri} - X_{rj}|$, and then the mean of those $n$ distances, a single number.

    On the iris data, `mean_gap(X, 0, 2)` (sepal length against petal length) prints a believable
    number, but not the right one.
    """

    function = "mean_gap"
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too
    starter = (
        "import numpy as np\n\n\n"
        "def mean_gap(X, i, j):\n"
        "    first = X[:, i]\n"
        "    second = X[:, [j]]\n"
        "    return np.mean(np.abs(first - second))\n"
    )

    def reference(X, i, j):
        return float(np.mean(np.abs(X[:, i] - X[:, j])))

    def cases(rng):
        out = []
        for n, d in [(4, 3), (5, 4), (6, 3), (8, 5)]:
            i, j = rng.choice(d, size=2, replace=False)
            out.append((_data_matrix(rng, n, d), int(i), int(j)))
        return out

    edge_cases = [
        (np.array([[5.1, 3.5, 1.4], [4.9, 3.0, 1.4], [7.0, 3.2, 4.7]]), 0, 2),
        (np.array([[1.0, 4.0], [3.0, 3.5], [2.0, 2.5]]), 0, 1),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "column-kept",
            gap_column_kept,
            "X[:, [j]] kept a column of shape (n, 1), so the (n,) minus (n, 1) broadcast to (n, n)",
            "Indexing with a list, [j], keeps the axis; with a plain integer, j, it is dropped. "
            "X[:, i] - X[:, [j]] pairs every sample's feature i with every sample's feature j: "
            "n x n gaps instead of n. Index both columns with a plain integer.",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
        Misconception(
            "no-absolute-value",
            gap_no_abs_fix,
            "averaged the differences without taking their absolute value",
            "Positive and negative differences cancel out; a distance is never negative. Take "
            "np.abs of the differences before the mean.",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
        Misconception(
            "rows-not-columns",
            gap_rows_not_columns,
            "compared rows i and j (two samples) instead of columns i and j (two features)",
            "X[i] is sample i, a row. The features of every sample are the columns: X[:, i].",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
    ]
    hints = [
        "Print the shapes of `first`, `second` and `first - second`.",
        "`X[:, j]` is a plain vector of shape (n,); `X[:, [j]]` is a column of shape (n, 1).",
    ]
