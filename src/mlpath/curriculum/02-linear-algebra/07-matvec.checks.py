"""Checkpoints for the lesson "The matrix-vector product" (07-matvec.md)."""

import numpy as np

from mlpath.grade import PRODUCT, Misconception, checkpoint


def matvec_elementwise(A, x):
    return A * x


def matvec_wrong_axis(A, x):
    return np.sum(A * x, axis=0)


def matvec_columns_of_a(A, x):
    return A.T @ x


@checkpoint("la.matvec.implement", concepts=["la.matvec"])
class ImplementMatvec:
    """Write `matvec(A, x)` for an $m \\times n$ matrix `A` and a vector `x` with $n$ entries:
    entry $i$ of the result is row $i$ of `A` dotted with `x`, so the result has shape `(m,)`.
    Use a loop over the rows (row view) or over the columns (column view); `np.sum(a * b)` is
    fine for a dot product. A call that computes a whole product at once (`@`, `np.dot`,
    `np.matmul`, `np.einsum` and their relatives) is not accepted.
    """

    function = "matvec"
    starter = "import numpy as np\n\n\ndef matvec(A, x):\n    ...\n"
    forbidden = [PRODUCT]

    def reference(A, x):
        m = A.shape[0]
        y = np.zeros(m)
        for i in range(m):
            y[i] = np.sum(A[i, :] * x)
        return y

    def cases(rng):
        shapes = [(2, 2), (3, 3), (2, 3), (4, 2), (3, 5)]
        return [
            (
                rng.integers(-5, 6, size=(m, n)).astype(float),
                rng.integers(-5, 6, size=n).astype(float),
            )
            for m, n in shapes
        ]

    edge_cases = [
        (np.array([[1.0, 2.0, 0.0], [3.0, 1.0, 2.0]]), np.array([2.0, 1.0, -1.0])),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, 0.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "elementwise-product",
            matvec_elementwise,
            "returned the elementwise product A * x, a matrix, instead of A @ x",
            "A * x broadcasts x across every row and multiplies entry by entry; it does the "
            "products but none of the sums. Each entry of Ax is a whole dot product: the sum "
            "along row i of A * x.",
            revisit="la.matvec#two-slips-that-still-run",
        ),
        Misconception(
            "wrong-axis",
            matvec_wrong_axis,
            "summed the products down the columns (axis=0) instead of along the rows",
            "The products A[i, j] * x[j] belong to output i, so add them along each row "
            "(axis=1). Summing over axis=0 gives one number per column: the wrong length when "
            "A is not square.",
            revisit="la.matvec#the-row-view-in-code",
        ),
        Misconception(
            "columns-of-a",
            matvec_columns_of_a,
            "dotted the columns of A (not its rows) with x, which is A.T @ x, or x @ A",
            "Entry i of Ax uses row i of A, A[i, :]. Dotting columns with x only works when A "
            "is square, and then it computes the transpose's product. In the column view the "
            "columns are *scaled* by the entries of x and added, not dotted with x.",
            revisit="la.matvec#the-column-view-a-mix-of-the-columns",
        ),
    ]
    hints = [
        "The result has one entry per row: start from np.zeros(A.shape[0]).",
        "Entry i is np.sum(A[i, :] * x). Or, column view: add x[j] * A[:, j] for every j.",
    ]


_A = np.array([[4, 1, 7], [2, 5, 3]])
_X = np.array([0, 1, 0])


def picked_row():
    return str(_A[1])


def needs_one_entry_per_row():
    return "it raises an error"


@checkpoint("la.matvec.column-view", concepts=["la.matvec"], kind="choice")
class ColumnView:
    """Use the column view, without computing any dot products.

    ```python
    A = np.array([[4, 1, 7],
                  [2, 5, 3]])
    x = np.array([0, 1, 0])
    ```

    What is `A @ x`?

    a) [4 2]    b) [2 5 3]    c) [1 5]    d) it raises an error

    Set `answer` to the letter of your choice.
    """

    options = ["[4 2]", "[2 5 3]", "[1 5]", "it raises an error"]

    def solve():
        return str(_A @ _X)

    misconceptions = [
        Misconception(
            "picked-a-row",
            picked_row,
            "took x = (0, 1, 0) to pick out a row of A",
            "A @ x is x_1 (column 0) + x_2 (column 1) + x_3 (column 2). With weights 0, 1, 0 "
            "only column 1 survives: A[:, 1]. A row of A has 3 entries, but A @ x has one "
            "entry per row of A, so 2.",
            revisit="la.matvec#the-column-view-a-mix-of-the-columns",
        ),
        Misconception(
            "one-entry-per-row",
            needs_one_entry_per_row,
            "thought x needs one entry per row of A",
            "x needs one entry per *column* of A: (2 x 3) @ (3,) -> (2,). Here x has 3 entries "
            "and A has 3 columns, so the product exists.",
            revisit="la.matvec#the-idea-one-dot-product-per-row",
        ),
    ]
    hints = [
        "Column view: A @ x = x[0] * A[:, 0] + x[1] * A[:, 1] + x[2] * A[:, 2].",
        "Two of the weights are 0.",
    ]


@checkpoint("la.matvec.predict-shapes", concepts=["la.matvec"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text,
    one line per `print`, each shape written as Python prints a tuple: `(2, 5)`, with a space
    after the comma.

    ```python
    import numpy as np
    X = np.ones((30, 5))    # 30 samples, 5 features
    w = np.ones(5)          # one weight per feature
    print((X @ w).shape)
    print((X * w).shape)
    ```
    """

    code = (
        "import numpy as np\n"
        "X = np.ones((30, 5))    # 30 samples, 5 features\n"
        "w = np.ones(5)          # one weight per feature\n"
        "print((X @ w).shape)\n"
        "print((X * w).shape)\n"
    )
    misconceptions = [
        Misconception(
            "elementwise-is-matvec",
            "print((30,))\nprint((30,))\n",
            "expected X * w to give one score per sample, like X @ w",
            "X * w is elementwise: w is broadcast across all 30 rows and every product is "
            "kept, so the result has the shape of X, (30, 5). Only X @ w sums along the rows.",
            revisit="la.matvec#two-slips-that-still-run",
        ),
        Misconception(
            "one-entry-per-column",
            "print((5,))\nprint((30, 5))\n",
            "expected X @ w to have one entry per column (feature)",
            "The feature axis is the one that is summed away: (30, 5) @ (5,) -> (30,), one "
            "score per row (sample).",
            revisit="la.matvec#the-idea-one-dot-product-per-row",
        ),
        Misconception(
            "column-shaped-result",
            "print((30, 1))\nprint((30, 5))\n",
            "expected X @ w to be a column of shape (30, 1)",
            "A matrix times a plain vector of shape (n,) gives a plain vector of shape (m,), "
            "not an (m, 1) matrix. Mixing (m,) and (m, 1) later broadcasts to (m, m).",
            revisit="la.matvec#scoring-every-flower-at-once",
        ),
    ]
    hints = ["Shape rule: (m, n) @ (n,) -> (m,). The elementwise product keeps the shape of X."]
