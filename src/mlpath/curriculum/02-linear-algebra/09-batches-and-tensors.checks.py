"""Checkpoints for the lesson "Batches and tensors: axis -1, masks and top-k"
(09-batches-and-tensors.md)."""

import numpy as np

from mlpath.grade import LOGSUMEXP, Invariant, Misconception, checkpoint


def softmax_axis0(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def softmax_axis1(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def softmax_whole_sum(Z):
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum()


def softmax_no_shift(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z)
        return E / E.sum(axis=-1, keepdims=True)


def softmax_global_max(Z):
    with np.errstate(under="ignore", invalid="ignore", divide="ignore"):
        E = np.exp(Z - Z.max())
        return E / E.sum(axis=-1, keepdims=True)


def _rows_sum_to_one(Z, got):
    return bool(np.allclose(np.sum(got, axis=-1), 1.0, atol=1e-5))


@checkpoint("np.tensors.softmax-rows", concepts=["np.tensors"])
class SoftmaxRows:
    """Write `softmax_rows(Z)`: the softmax of each row of a batch of scores `Z`, taken along
    the **last** axis. `Z` has 2 axes `(samples, classes)` or 3 axes
    `(batch, tokens, classes)`. The result has the same shape as `Z`. Each row $\\mathbf{z}$
    (a slice along the last axis) becomes

    $$\\frac{e^{z_j - m}}{\\sum_c e^{z_c - m}}, \\qquad m = \\max_c z_c,$$

    so that every row of the result is positive and sums to 1.

    Some scores are in the thousands, so subtract each row's max before `exp`, as in the lesson.
    Do not call `scipy.special.softmax` or any other ready-made softmax or log-sum-exp.
    """

    function = "softmax_rows"
    starter = "import numpy as np\n\n\ndef softmax_rows(Z):\n    ...\n"
    forbidden = [LOGSUMEXP]

    def reference(Z):
        out = np.empty_like(Z, dtype=float)
        for index in np.ndindex(Z.shape[:-1]):
            row = Z[index]
            e = np.exp(row - np.max(row))
            out[index] = e / np.sum(e)
        return out

    def cases(rng):
        def scores(*shape):
            return np.round(rng.normal(0.0, 2.0, size=shape), 2)

        return [
            (scores(4, 3),),
            (scores(2, 5),),
            (scores(2, 3, 4),),  # (batch, tokens, classes)
            (scores(3, 2) + 1000.0,),  # huge scores: exp overflows without the shift
            (scores(5, 4),),  # hidden
            (scores(3, 4, 2),),  # hidden
        ]

    edge_cases = [
        (np.array([[2.0, 1.0, 0.1], [1.0, 1.0, 1.0]]),),
        # one row in the thousands and one near 0: a single max for the whole batch underflows
        (np.array([[1000.0, 1001.0, 1002.0], [0.0, 1.0, 2.0]]),),
    ]
    hidden = 2
    invariants = [Invariant("every row (slice along the last axis) sums to 1", _rows_sum_to_one)]
    misconceptions = [
        Misconception(
            "wrong-axis",
            softmax_axis0,
            "normalised over axis=0, so each column sums to 1 instead of each row",
            "axis=0 runs over the samples: each class is normalised across the batch, and a "
            "sample's result then depends on the other samples. The max and the sum must run "
            "over the classes of one sample: axis=-1, with keepdims=True.",
            revisit="np.tensors#softmax-over-the-wrong-axis",
        ),
        Misconception(
            "axis-1-not-last",
            softmax_axis1,
            "used axis=1, which is the last axis only for 2-D scores",
            "For a (batch, tokens, classes) array, axis=1 is the tokens axis. axis=-1 always "
            "means the last axis, however many axes come before it.",
            revisit="np.tensors#the-idea-a-batch-is-one-more-axis-in-front",
        ),
        Misconception(
            "whole-batch-sum",
            softmax_whole_sum,
            "divided by the sum over the whole batch instead of each row's own sum",
            "E.sum() adds every entry, so the whole batch sums to 1 and each row to much less. "
            "Divide by E.sum(axis=-1, keepdims=True): one total per row, broadcast over it.",
            revisit="np.tensors#softmax-along-the-last-axis",
        ),
        Misconception(
            "no-max-shift",
            softmax_no_shift,
            "exponentiated the raw scores, so scores in the thousands overflowed to inf and nan",
            "exp(1000) is inf in float64, and inf / inf is nan. Subtract each row's max first: "
            "Z - Z.max(axis=-1, keepdims=True). It does not change the result, because the "
            "factor cancels between top and bottom.",
            revisit="np.tensors#softmax-along-the-last-axis",
        ),
        Misconception(
            "one-max-for-the-batch",
            softmax_global_max,
            "subtracted one max for the whole batch (Z.max()) instead of each row's own max",
            "A row whose scores are far below the batch's max then has every exp underflow to 0, "
            "and 0 / 0 is nan. Shift each row by its own max: Z.max(axis=-1, keepdims=True).",
            revisit="np.tensors#softmax-along-the-last-axis",
        ),
    ]
    hints = [
        "Shift: `Z - Z.max(axis=-1, keepdims=True)`, one max per row, kept as a column.",
        "Exponentiate, then divide by `E.sum(axis=-1, keepdims=True)`.",
    ]


def _largest_first(scores, k, got):
    """Each row's positions pick strictly decreasing scores (valid positions only: a position
    out of range is reported by the value check, not by this rule)."""
    idx = np.asarray(got)
    if idx.shape != (len(scores), k) or not np.all((idx >= 0) & (idx < scores.shape[-1])):
        return True
    if not np.array_equal(idx, np.round(idx)):
        return True
    picked = np.take_along_axis(scores, idx.astype(int), axis=-1)
    return bool(np.all(np.diff(picked, axis=-1) < 0))


def top_k_smallest(scores, k):
    return np.argsort(scores, axis=-1)[:, :k]


def top_k_ascending(scores, k):
    return np.argsort(scores, axis=-1)[:, -k:]


def top_k_reversed_rows(scores, k):
    return np.argsort(scores, axis=-1)[::-1][:k]


def top_k_wrong_axis(scores, k):
    return np.argsort(-scores, axis=0)[:k]


def top_k_values(scores, k):
    return -np.sort(-scores, axis=-1)[:, :k]


@checkpoint("np.tensors.top-k", concepts=["np.tensors"])
class TopK:
    """Write `top_k(scores, k)`. `scores` has shape `(n, m)`: one row of `m` scores per sample
    (all different). Return an integer array of shape `(n, k)` whose row $i$ holds the
    **positions** (column indices) of the `k` largest scores of row $i$, largest first.

    For `scores = [[0.1, 0.7, 0.2], [0.5, 0.3, 0.9]]` and `k = 2` the answer is
    `[[1, 2], [2, 0]]`.
    """

    function = "top_k"
    starter = "import numpy as np\n\n\ndef top_k(scores, k):\n    ...\n"

    def reference(scores, k):
        return np.array([sorted(range(len(row)), key=lambda j: -row[j])[:k] for row in scores])

    def cases(rng):
        # (3, 400, 300): np.argpartition leaves its k picks unsorted here on every CPU; on
        # smaller rows NumPy's AVX-512 code happens to return them sorted, so an unordered
        # answer would pass on some machines and fail on others.
        shapes = [(3, 5, 2), (4, 6, 3), (2, 40, 6), (3, 400, 300), (5, 4, 2), (3, 30, 5)]
        return [(rng.permutation(n * m).reshape(n, m) / 10.0, k) for n, m, k in shapes]

    edge_cases = [
        (np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.9]]), 2),
        (np.array([[3.0, -1.0, 2.0, 0.5], [0.0, 4.0, -2.0, 1.0], [1.5, 2.5, 0.5, 3.5]]), 1),
    ]
    hidden = 2
    invariants = [
        Invariant("each row lists its positions from the largest score down", _largest_first)
    ]
    misconceptions = [
        Misconception(
            "smallest-k",
            top_k_smallest,
            "returned the positions of the k smallest scores",
            "np.argsort sorts from smallest to largest, so its first k columns are the smallest. "
            "Sort the negated scores, np.argsort(-scores, axis=-1)[:, :k], or take the last k "
            "columns and reverse them.",
            revisit="np.tensors#index-arrays-and-the-top-k",
        ),
        Misconception(
            "largest-last",
            top_k_ascending,
            "found the k largest but returned them smallest first",
            "np.argsort(scores, axis=-1)[:, -k:] holds the right positions in increasing order "
            "of score. Reverse each row with [:, ::-1], or sort -scores instead.",
            revisit="np.tensors#index-arrays-and-the-top-k",
        ),
        Misconception(
            "reversed-the-rows",
            top_k_reversed_rows,
            "reversed with [::-1] on a 2-D array, which flips the samples, not each row",
            "On a 2-D array [::-1] reverses axis 0, and the next [:k] keeps k whole rows. "
            "Reverse the columns with [:, ::-1], or sort -scores along axis=-1.",
            revisit="np.tensors#index-arrays-and-the-top-k",
        ),
        Misconception(
            "wrong-axis",
            top_k_wrong_axis,
            "sorted down the columns (axis=0) instead of along each row",
            "axis=0 ranks the samples for each class. Each sample's own scores lie along the "
            "last axis: np.argsort(-scores, axis=-1).",
            revisit="np.tensors#index-arrays-and-the-top-k",
        ),
        Misconception(
            "values-not-positions",
            top_k_values,
            "returned the k largest scores themselves instead of their positions",
            "np.sort gives values; np.argsort gives the positions that would sort the row. "
            "The top k asks which columns (classes, pixels) won, so return positions.",
            revisit="np.tensors#index-arrays-and-the-top-k",
        ),
    ]
    hints = [
        "np.argsort(row) gives positions from smallest to largest score.",
        "Negate to sort largest first: np.argsort(-scores, axis=-1), then keep [:, :k].",
    ]
