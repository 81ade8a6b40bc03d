"""Checkpoints for the lesson "Vectors as data" (01-vectors.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def gap_broadcast(a, b):
    return np.mean(np.abs(a - b.reshape(-1, 1)))


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
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "column-broadcast",
            gap_broadcast,
            "one input was treated as a column, shape (n, 1), so every entry met every other",
            "Subtracting a (n, 1) column from a (n,) vector broadcasts to an (n, n) grid of all "
            "pairs; the mean of that grid looks plausible but is not the per-position gap. Keep "
            "both as plain vectors of shape (n,).",
            revisit="la.vectors#shape-n-is-not-shape-n-1",
        ),
        Misconception(
            "no-absolute-value",
            gap_no_abs,
            "the differences were averaged without taking their absolute value",
            "Positive and negative differences cancel out; a distance is never negative. Take "
            "np.abs(a - b) before the mean.",
            revisit="la.vectors#adding-and-scaling",
        ),
        Misconception(
            "sum-not-mean",
            gap_sum,
            "the gaps were added up but not divided by their number",
            "An average divides the sum by n. Use np.mean, or divide np.sum by len(a).",
            revisit="la.vectors#adding-and-scaling",
        ),
    ]
    hints = [
        "Subtract the vectors entry by entry: `a - b` has shape (n,).",
        "Distances are never negative: `np.abs(a - b)`.",
        "Average with `np.mean(...)`.",
    ]


@checkpoint("la.vectors.predict-shape", concepts=["la.vectors"], kind="predict")
class PredictShape:
    """What does this cell print? Predict it before you run it, then set `answer` to the text.

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
