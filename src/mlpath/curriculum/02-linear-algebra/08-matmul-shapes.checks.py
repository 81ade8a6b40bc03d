"""Checkpoints for the lesson "Matrix multiplication and the shape rule" (08-matmul-shapes.md)."""

import numpy as np

from mlpath.grade import PRODUCT, Misconception, checkpoint


def matmul_elementwise(A, B):
    return A * B


def matmul_columns_of_a(A, B):
    return A.T @ B


def matmul_reversed(A, B):
    return B @ A


@checkpoint("la.matmul.implement", concepts=["la.matmul"])
class ImplementMatmul:
    """Write `matmul(A, B)` for an $m \\times n$ matrix `A` and an $n \\times p$ matrix `B`:
    entry $(i, j)$ of the result is row $i$ of `A` dotted with column $j$ of `B`, and the result
    has shape $(m, p)$. Use loops and dot products of rows with columns (`np.sum(a * b)` is fine);
    a call that computes a whole product at once (`@`, `np.dot`, `np.matmul`, `np.einsum` and
    their relatives) is not accepted.
    """

    function = "matmul"
    starter = "import numpy as np\n\n\ndef matmul(A, B):\n    ...\n"
    forbidden = [PRODUCT]

    def reference(A, B):
        m, p = A.shape[0], B.shape[1]
        C = np.zeros((m, p))
        for i in range(m):
            for j in range(p):
                C[i, j] = np.sum(A[i, :] * B[:, j])
        return C

    def cases(rng):
        shapes = [(2, 2, 2), (3, 3, 3), (2, 3, 4), (4, 2, 3), (3, 4, 2)]
        return [
            (
                rng.integers(-5, 6, size=(m, n)).astype(float),
                rng.integers(-5, 6, size=(n, p)).astype(float),
            )
            for m, n, p in shapes
        ]

    edge_cases = [
        (
            np.array([[1.0, 2.0, 0.0], [3.0, 1.0, 2.0]]),
            np.array([[1.0, 0.0, 2.0, 1.0], [0.0, 1.0, 1.0, 3.0], [2.0, 1.0, 0.0, 1.0]]),
        ),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 1.0], [0.0, 1.0]])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "elementwise-product",
            matmul_elementwise,
            "used the elementwise product A * B instead of the matrix product",
            "A * B multiplies matching entries and sums nothing; it only runs when the shapes "
            "match or broadcast. Entry (i, j) of AB is a whole dot product: row i of A with "
            "column j of B.",
            revisit="la.matmul#-is-not-",
        ),
        Misconception(
            "columns-of-a",
            matmul_columns_of_a,
            "dotted the columns of A (not its rows) with the columns of B",
            "That computes A.T @ B. Entry (i, j) uses row i of A: A[i, :], not A[:, i].",
            revisit="la.matmul#the-idea-many-dot-products-at-once",
        ),
        Misconception(
            "reversed-order",
            matmul_reversed,
            "multiplied in the other order, B times A",
            "Matrix multiplication is not commutative: AB and BA differ, and with non-square "
            "shapes BA does not even exist.",
            revisit="la.matmul#-is-not-",
        ),
    ]
    hints = [
        "The result has shape (A.shape[0], B.shape[1]): start from np.zeros of that shape.",
        "Entry C[i, j] is np.sum(A[i, :] * B[:, j]).",
    ]


# Not the (5, 4) @ (4, 3) that the lesson prints: the learner applies the rule, not a memory.
_X_SHAPE, _W_SHAPE = (5, 6), (6, 3)


def shape_inner_kept():
    return "(6, 6)"


def shape_left_operand():
    return str(_X_SHAPE)


@checkpoint("la.matmul.shape-rule", concepts=["la.matmul"], kind="choice")
class ShapeRule:
    """`X` has shape `(5, 6)` (5 samples, 6 features) and `W` has shape `(6, 3)`.
    What is the shape of `X @ W`?

    a) (5, 3)    b) (6, 6)    c) (5, 6)    d) it raises an error

    Set `answer` to the letter of your choice.
    """

    options = ["(5, 3)", "(6, 6)", "(5, 6)", "it raises an error"]

    def solve():
        return str((np.ones(_X_SHAPE) @ np.ones(_W_SHAPE)).shape)

    misconceptions = [
        Misconception(
            "inner-sizes-kept",
            shape_inner_kept,
            "kept the inner sizes instead of the outer ones",
            "In (m x n)(n x p) the inner sizes n must match and disappear; the result is m x p.",
            revisit="la.matmul#the-formula-and-the-shape-rule",
        ),
        Misconception(
            "shape-of-left-operand",
            shape_left_operand,
            "took the shape of the left matrix",
            "X @ W keeps the rows of X and the columns of W: one score per column of W for "
            "every row of X. (Keeping X's shape is what X * w does with a weight vector w; "
            "X * W with this W does not even run, as (5, 6) and (6, 3) do not broadcast.)",
            revisit="la.matmul#a-batch-of-iris-flowers-times-a-weight-matrix",
        ),
    ]
    hints = ["Write the rule: (m x n) @ (n x p) -> (m x p)."]
