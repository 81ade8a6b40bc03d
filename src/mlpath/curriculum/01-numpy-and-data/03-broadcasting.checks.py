"""Checkpoints for the lesson "Broadcasting: shapes that stretch" (03-broadcasting.md)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint


def row_mean_same_shape():
    return "(150, 4)"


def row_mean_outer_grid():
    return "(150, 150)"


@checkpoint("np.broadcasting.row-mean", concepts=["np.broadcasting"], kind="choice")
class RowMean:
    """`X` is the iris data, shape `(150, 4)`. You want to subtract each flower's own mean
    (the mean of its row) from its four measurements, and write

    ```python
    Z = X - X.mean(axis=1)
    ```

    What happens?

    a) `Z` has shape (150, 4)    b) `Z` has shape (150, 150)    c) `Z` has shape (4,)
    d) it raises a ValueError

    Set `answer` to the letter of your choice.
    """

    options = ["(150, 4)", "(150, 150)", "(4,)", "it raises a ValueError"]

    def solve():
        X = np.ones((150, 4))
        try:
            return str((X - X.mean(axis=1)).shape)
        except ValueError:
            return "it raises a ValueError"

    misconceptions = [
        Misconception(
            "matched-to-rows",
            row_mean_same_shape,
            "expected NumPy to match the 150 row means to the 150 rows",
            "NumPy lines shapes up from the right: (150,) is compared with the last axis of "
            "(150, 4), which has size 4, so 150 against 4 raises an error. Keep the reduced axis "
            "with X.mean(axis=1, keepdims=True), shape (150, 1), and the subtraction works.",
            revisit="np.broadcasting#scaling-each-row-keepdimstrue",
        ),
        Misconception(
            "outer-grid",
            row_mean_outer_grid,
            "expected the (n,) vs (n, 1) outer grid",
            "An (n, n) grid appears when a column (n, 1) meets a vector (n,). Here neither "
            "operand has a size-1 axis: (150, 4) against (150,) compares 4 with 150, and that "
            "raises a ValueError.",
            revisit="np.broadcasting#the-broadcasting-rule",
        ),
    ]
    hints = [
        "X.mean(axis=1) has shape (150,).",
        "Line (150, 4) and (150,) up from the right and compare the sizes axis by axis.",
    ]


def mse_column_broadcast(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_sum(y_hat, y):
    return float(np.sum((y_hat.reshape(-1) - y) ** 2))


def mse_no_square(y_hat, y):
    return float(np.mean(y_hat.reshape(-1) - y))


@checkpoint("np.broadcasting.mse", concepts=["np.broadcasting"])
class Mse:
    """Write `mse(y_hat, y)`: the mean squared error
    $\\frac{1}{n}\\sum_{i=1}^{n} (\\hat{y}_i - y_i)^2$ between a model's predictions and the
    targets, as a single number.

    As with a model that has one output unit, `y_hat` is a column of shape $(n, 1)$, while the
    targets `y` are a plain vector of shape $(n,)$. For `y_hat = [[1], [2], [4]]` and
    `y = [1, 3, 2]` the errors are 0, -1 and 2, so the answer is $5/3 \\approx 1.667$.
    """

    function = "mse"
    starter = "import numpy as np\n\n\ndef mse(y_hat, y):\n    ...\n"

    def reference(y_hat, y):
        return float(np.mean((y_hat.reshape(-1) - y) ** 2))

    def cases(rng):
        out = []
        for n in (3, 4, 6, 9, 12):
            y = rng.normal(1.2, 0.8, size=n).round(2)
            y_hat = (y + rng.normal(0, 0.3, size=n)).round(2).reshape(n, 1)
            out.append((y_hat, y))
        return out

    edge_cases = [
        (np.array([[1.0], [2.0], [4.0]]), np.array([1.0, 3.0, 2.0])),
        (np.array([[0.2], [1.4], [2.1], [1.8]]), np.array([0.2, 1.3, 2.5, 1.8])),
    ]
    hidden = 2
    invariants = [
        Invariant("a mean of squares is never negative", lambda y_hat, y, got: bool(got >= 0)),
    ]
    misconceptions = [
        Misconception(
            "column-broadcast",
            mse_column_broadcast,
            "subtracted the (n,) targets from the (n, 1) predictions, which broadcasts to (n, n)",
            "y_hat - y with shapes (n, 1) and (n,) is an n x n grid that compares every "
            "prediction with every target, and its mean is a plausible but wrong loss. Give both "
            "sides the same shape first: y_hat.reshape(-1) - y.",
            revisit="np.broadcasting#the-n-vs-n-1-trap",
        ),
        Misconception(
            "sum-not-mean",
            mse_sum,
            "added up the squared errors but did not divide by n",
            "The mean squared error averages: divide the sum by n, or use np.mean.",
            revisit="np.broadcasting#the-n-vs-n-1-trap",
        ),
        Misconception(
            "no-square",
            mse_no_square,
            "averaged the errors without squaring them",
            "Positive and negative errors cancel out when you average them directly. Square each "
            "error first: np.mean(err ** 2).",
            revisit="np.broadcasting#the-n-vs-n-1-trap",
        ),
    ]
    hints = [
        "Check the shapes: what is `(y_hat - y).shape`?",
        "Flatten the column first: `y_hat.reshape(-1)` has shape (n,).",
        "Then `np.mean(err ** 2)`.",
    ]
