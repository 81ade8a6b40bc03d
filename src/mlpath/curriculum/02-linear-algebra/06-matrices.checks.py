"""Checkpoints for the lesson "Matrices, shapes and the transpose" (06-matrices.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


@checkpoint("la.matrices.predict-shapes", concepts=["la.matrices"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text,
    one line per `print`, as Python prints it: a shape like `(2, 5)`, with a space after the
    comma, and a NumPy array like `[7 8 9]`, without commas.

    ```python
    import numpy as np
    X = np.array([[1, 2, 3],
                  [4, 5, 6]])
    print(X.T.shape)
    print(X.T[0])
    print(X[:, 0].shape)
    ```
    """

    code = (
        "import numpy as np\n"
        "X = np.array([[1, 2, 3],\n"
        "              [4, 5, 6]])\n"
        "print(X.T.shape)\n"
        "print(X.T[0])\n"
        "print(X[:, 0].shape)\n"
    )
    misconceptions = [
        Misconception(
            "transpose-row-is-row",
            "print((3, 2))\nprint('[1 2 3]')\nprint((2,))\n",
            "took row 0 of X.T to be row 0 of X",
            "The transpose turns columns into rows: row 0 of X.T is column 0 of X, [1 4].",
            revisit="la.matrices#matrices-in-numpy",
        ),
        Misconception(
            "column-stays-2d",
            "print((3, 2))\nprint('[1 4]')\nprint((2, 1))\n",
            "took the column X[:, 0] to be a 2 x 1 matrix",
            "Indexing with a single integer removes that axis: X[:, 0] is a plain vector of "
            "shape (2,), one entry per row. Only X[:, [0]] or X[:, 0:1] keeps it as (2, 1).",
            revisit="la.matrices#matrices-in-numpy",
        ),
    ]
    hints = [
        "X has shape (2, 3). The transpose swaps the two sizes.",
        "Row j of X.T holds the entries of column j of X.",
    ]


def _wine_features_by_samples():
    from sklearn.datasets import load_wine

    wine = load_wine()
    return wine.data.T, wine.feature_names


_FLAVANOIDS = 6  # load_wine().feature_names[6]


def flavanoids_wrong_layout():
    F, _ = _wine_features_by_samples()
    return float(F[:, _FLAVANOIDS].mean())


def flavanoids_counted_from_one():
    F, _ = _wine_features_by_samples()
    return float(F[_FLAVANOIDS + 1].mean())


@checkpoint("la.matrices.flavanoids", concepts=["la.matrices"], kind="numeric")
class Flavanoids:
    """A colleague hands you the wine data in the *features x samples* layout:

    ```python
    from sklearn.datasets import load_wine
    F = load_wine().data.T     # shape (13, 178): one row per feature, one column per wine
    ```

    Flavanoids are feature number 6 when you count from 0 (the seventh name in
    `load_wine().feature_names`). What is the average flavanoid content of the 178 wines?
    Set `answer` to that number.
    """

    decimals = 2

    def solve():
        F, names = _wine_features_by_samples()
        assert names[_FLAVANOIDS] == "flavanoids"
        return float(F[_FLAVANOIDS].mean())

    misconceptions = [
        Misconception(
            "wrong-layout",
            flavanoids_wrong_layout,
            "read F as samples x features, so you averaged one wine's 13 measurements",
            "In F each row is a feature and each column a wine. F[:, 6] is wine 6, with its 13 "
            "unrelated measurements; the flavanoids of every wine are the row F[6].",
            revisit="la.matrices#when-the-data-is-the-other-way-round",
        ),
        Misconception(
            "counted-from-one",
            flavanoids_counted_from_one,
            "took feature number 7, counting from 1 in Python",
            "Python counts from 0: the seventh feature is index 6. Index 7 is "
            "nonflavanoid_phenols.",
            revisit="la.matrices#matrices-in-numpy",
        ),
    ]
    hints = [
        "Check `F.shape` and say which axis is which before you index.",
        "The flavanoids of all 178 wines are one row of F: `F[6]`. Average it.",
    ]


def transform_missing_transpose(points, M):
    return points @ M


def transform_not_transposed_back(points, M):
    return M @ points.T


@checkpoint("la.matrices.transform", concepts=["la.matrices"])
class Transform:
    """Write `transform(points, M)`. `points` has shape `(n, 2)`, one point of the plane per
    *row*, and `M` is a $2 \\times 2$ matrix that works on points stored as *columns*, as
    `M @ P` does in the lesson. Return the moved points in the same layout as the input: shape
    `(n, 2)`, row `i` being point `i` after applying `M`.

    For the shear `M = [[1, 1], [0, 1]]` and `points = [[0, 0], [1, 0], [1, 1], [0, 1]]` the
    answer is `[[0, 0], [1, 0], [2, 1], [1, 1]]`.
    """

    function = "transform"
    starter = "import numpy as np\n\n\ndef transform(points, M):\n    ...\n"
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(points, M):
        return (M @ points.T).T  # rows -> columns, apply M, columns -> rows

    def cases(rng):
        out = []
        for n in (3, 4, 5, 7, 9):
            M = rng.integers(-3, 4, size=(2, 2)).astype(float)
            while M[0, 1] == M[1, 0] or M[0, 1] == 0 or M[1, 0] == 0:
                M = rng.integers(-3, 4, size=(2, 2)).astype(float)
            out.append((rng.normal(size=(n, 2)).round(2), M))
        return out

    edge_cases = [
        (
            np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]),
            np.array([[1.0, 1.0], [0.0, 1.0]]),
        ),
        (
            np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 1.0]]),
            np.array([[2.0, -1.0], [1.0, 3.0]]),
        ),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "missing-transpose",
            transform_missing_transpose,
            "computed points @ M, which applies the transpose of M",
            "With points as rows, multiplying by M from the right moves each point by M.T, "
            "not M: the shear of the lesson would slide the points up instead of sideways. Turn "
            "the points into columns first and transpose back: (M @ points.T).T.",
            revisit="la.matrices#a-matrix-as-a-transformation-of-the-plane",
        ),
        Misconception(
            "not-transposed-back",
            transform_not_transposed_back,
            "returned the moved points as columns, shape (2, n)",
            "M @ points.T has one column per point. The caller gave you one point per row, so "
            "transpose the result back with .T to shape (n, 2).",
            revisit="la.matrices#a-matrix-as-a-transformation-of-the-plane",
        ),
    ]
    hints = [
        "`points.T` has shape (2, n): one point per column, the layout `M @ ...` expects.",
        "Apply M, then transpose back: `(M @ points.T).T` has shape (n, 2).",
    ]
