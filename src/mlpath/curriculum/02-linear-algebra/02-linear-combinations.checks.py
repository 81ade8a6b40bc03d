"""Checkpoints for the lesson on linear combinations (02-linear-combinations.md)."""

import numpy as np

from mlpath.grade import PRODUCT, Misconception, checkpoint


def weighted_sum_wrong_axis(V, c):
    return np.sum(c[:, None] * V, axis=1)


def weighted_sum_ignored_weights(V, c):
    return np.sum(V, axis=0)


def weighted_sum_no_sum(V, c):
    return c[:, None] * V


@checkpoint("la.linear-combination.implement", concepts=["la.linear-combination"])
class ImplementWeightedSum:
    """Write `weighted_sum(V, c)`. `V` has shape $(k, n)$: $k$ vectors, one per row, each with
    $n$ entries. `c` has shape $(k,)$: one weight per vector. Return the linear combination
    $\\sum_{i=1}^{k} c_i \\mathbf{v}_i$ (row $i$ of `V` scaled by `c[i]`, all added up), a vector
    of shape $(n,)$.

    For the recipes `V = [[200, 100, 100], [300, 200, 150]]` and `c = [3, 2]` the answer is
    `[1200, 700, 600]`. Scale and add: a call that computes the whole product at once (`@`,
    `np.dot`, `np.matmul`, `np.einsum` and their relatives) is not accepted.
    """

    function = "weighted_sum"
    starter = "import numpy as np\n\n\ndef weighted_sum(V, c):\n    ...\n"
    forbidden = [PRODUCT]
    rtol, atol = 2e-5, 1e-6  # float32 arithmetic is right too

    def reference(V, c):
        s = np.zeros(V.shape[1])
        for i in range(len(c)):
            s = s + c[i] * V[i]
        return s

    def cases(rng):
        shapes = [(2, 3), (3, 2), (4, 3), (3, 5), (5, 4)]
        return [
            (rng.integers(-5, 6, size=(k, n)).astype(float), rng.normal(size=k).round(2))
            for k, n in shapes
        ]

    edge_cases = [
        (np.array([[200.0, 100.0, 100.0], [300.0, 200.0, 150.0]]), np.array([3.0, 2.0])),
        (np.array([[3.0, 1.0], [1.0, 2.0], [0.0, 4.0]]), np.array([2.0, 1.5, -1.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "wrong-axis",
            weighted_sum_wrong_axis,
            "summed along each row (axis=1) instead of down the rows (axis=0)",
            "After scaling, row i is the scaled vector c_i v_i. The combination adds those rows "
            "together, entry by entry, which is a sum down the rows: axis=0. Summing across a row "
            "gives one number per vector (k of them) instead of a vector with n entries.",
            revisit="la.linear-combination#weighted-sums-in-code",
        ),
        Misconception(
            "ignored-weights",
            weighted_sum_ignored_weights,
            "added the rows without multiplying them by their weights",
            "Each row is scaled by its own weight before the rows are added: c[i] * V[i].",
            revisit="la.linear-combination#the-idea-scale-then-add",
        ),
        Misconception(
            "no-sum",
            weighted_sum_no_sum,
            "returned the scaled rows, shape (k, n), without adding them up",
            "Scaling is only the first step. A linear combination adds the k scaled vectors into "
            "one vector with n entries.",
            revisit="la.linear-combination#the-formula",
        ),
    ]
    hints = [
        "Start from `s = np.zeros(V.shape[1])`, a vector with n entries.",
        "Loop over the rows: `s = s + c[i] * V[i]`.",
        "`V * c` pairs `c` with the columns of `V`, not its rows; scale one row at a time.",
    ]


def _blend_colours():
    from sklearn.datasets import load_wine

    return load_wine().data[[10, 70, 150], 9]


_LITRES = np.array([4.0, 1.0, 2.0])


def blend_not_divided():
    return float(np.sum(_LITRES * _blend_colours()))


def blend_plain_mean():
    return float(np.mean(_blend_colours()))


def blend_divided_by_count():
    return float(np.sum(_LITRES * _blend_colours()) / 3)


@checkpoint("la.linear-combination.wine-blend", concepts=["la.linear-combination"], kind="numeric")
class WineBlend:
    """A winemaker blends 4 litres of wine sample 10, 1 litre of sample 70 and 2 litres of
    sample 150 from scikit-learn's wine dataset (`load_wine().data`, rows 10, 70 and 150).
    The blend's colour intensity (column 9, `color_intensity`) is the average of the three
    samples' colour intensities, weighted by volume. Set `answer` to that number.
    """

    decimals = 2

    def solve():
        weights = _LITRES / _LITRES.sum()
        return float(np.sum(weights * _blend_colours()))

    misconceptions = [
        Misconception(
            "weights-not-normalised",
            blend_not_divided,
            "used the litres as weights without dividing by the total volume",
            "Weights for an average must add up to 1. Divide each volume by the 7 litres in "
            "total: c = litres / litres.sum(). A result larger than every input is the warning "
            "sign.",
            revisit="la.linear-combination#a-weighted-average-blending-wines",
        ),
        Misconception(
            "plain-mean",
            blend_plain_mean,
            "took the plain mean of the three samples, ignoring the volumes",
            "There are 4 litres of sample 10 and only 1 of sample 70, so sample 10 counts four "
            "times as much. Weight each sample by its share of the volume.",
            revisit="la.linear-combination#a-weighted-average-blending-wines",
        ),
        Misconception(
            "divided-by-count",
            blend_divided_by_count,
            "divided the weighted sum by the number of samples (3) instead of the total weight (7)",
            "A weighted average divides by the sum of the weights, here 4 + 1 + 2 = 7 litres, so "
            "that the weights add up to 1.",
            revisit="la.linear-combination#a-weighted-average-blending-wines",
        ),
    ]
    hints = [
        "`x = load_wine().data[[10, 70, 150], 9]` gives the three colour intensities.",
        "`litres = np.array([4.0, 1.0, 2.0])`; the weights are `litres / litres.sum()`.",
    ]
