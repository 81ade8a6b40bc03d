"""Checkpoints for the lesson "Vectorised operations and reductions along axes"
(02-vectorization.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def range_wrong_axis(X):
    return X.max(axis=1) - X.min(axis=1)


def range_whole_array(X):
    return X.max() - X.min()


def range_of_positions(X):
    return np.argmax(X, axis=0) - np.argmin(X, axis=0)


@checkpoint("np.vectorization.feature-range", concepts=["np.vectorization"])
class FeatureRange:
    """Write `feature_range(X)`. `X` is a data matrix of shape `(n, d)`: $n$ samples in the rows,
    $d$ features in the columns. Return the range of every feature, its largest value minus its
    smallest value over all samples: a vector of shape `(d,)`,

    $$r_j = \\max_i X_{ij} - \\min_i X_{ij}.$$

    Use reductions along an axis, without a Python loop.
    """

    function = "feature_range"
    starter = "import numpy as np\n\n\ndef feature_range(X):\n    ...\n"

    def reference(X):
        return X.max(axis=0) - X.min(axis=0)

    def cases(rng):
        shapes = [(5, 3), (3, 7), (8, 2), (4, 6), (9, 5)]
        return [(rng.normal(size=(n, d)).round(2),) for n, d in shapes]

    edge_cases = [
        (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),),
        (np.array([[14.23, 1.71, 1065.0], [13.2, 1.78, 1050.0], [13.16, 2.36, 1185.0],
                   [14.37, 1.95, 1480.0]]),),
    ]  # fmt: skip
    hidden = 2
    misconceptions = [
        Misconception(
            "wrong-axis",
            range_wrong_axis,
            "reduced over axis 1, which gives one range per sample instead of one per feature",
            "The range of feature j runs over the samples i, and the samples run along axis 0: "
            "X.max(axis=0) - X.min(axis=0). The axis you name is the one that disappears, so "
            "axis=1 removes the features and leaves one number per sample, shape (n,).",
            revisit="np.vectorization#reductions-the-axis-you-name-disappears",
        ),
        Misconception(
            "whole-array",
            range_whole_array,
            "reduced over the whole array, which gives one number instead of one per feature",
            "Without axis=, max and min look at every entry and return a single number. "
            "Pass axis=0 to get one maximum and one minimum per column.",
            revisit="np.vectorization#reductions-the-axis-you-name-disappears",
        ),
        Misconception(
            "positions-not-values",
            range_of_positions,
            "used argmax and argmin, which return positions (row numbers), not values",
            "np.argmax(X, axis=0) says in which row each column is largest; X.max(axis=0) is "
            "that largest value. The range needs the values.",
            revisit="np.vectorization#reductions-the-axis-you-name-disappears",
        ),
    ]
    hints = [
        "One number per feature means one number per column: the rows are reduced away.",
        "`X.max(axis=0)` and `X.min(axis=0)` both have shape (d,).",
    ]


def _wine():
    from sklearn.datasets import load_wine

    return load_wine().data


_CULTIVAR_0 = 59  # load_wine() lists the wines by cultivar: rows 0 to 58 are cultivar 0


def mean_wrong_axis():
    return float(_wine()[:_CULTIVAR_0].mean(axis=1)[4])


def mean_all_wines():
    return float(_wine().mean(axis=0)[4])


def mean_slice_end_included():
    return float(_wine()[: _CULTIVAR_0 - 1].mean(axis=0)[4])


def sum_not_mean():
    return float(_wine()[:_CULTIVAR_0].sum(axis=0)[4])


@checkpoint("np.vectorization.wine-mean", concepts=["np.vectorization"], kind="numeric")
class WineMean:
    """`X = load_wine().data` has shape `(178, 13)`: 178 wines in the rows, 13 features in the
    columns. The rows are sorted by cultivar (grape variety): rows 0 to 58 are the 59 wines of
    cultivar 0 (`load_wine().target[:59]` is all 0).

    Compute the mean of every feature over the wines of cultivar 0 only, then give the mean of
    feature 4, `magnesium` (`load_wine().feature_names[4]`). Set `answer` to that number.
    """

    decimals = 2
    timeout = 20  # solve() and a submission that loads the data import scikit-learn: slow cold

    def solve():
        return float(_wine()[:_CULTIVAR_0].mean(axis=0)[4])

    misconceptions = [
        Misconception(
            "wrong-axis",
            mean_wrong_axis,
            "averaged along axis 1, across the features of each wine, and took entry 4",
            "X[:59].mean(axis=1) has one number per wine; its entry 4 is the average of all 13 "
            "measurements of wine 4. A per-feature mean averages over the wines, along axis 0: "
            "X[:59].mean(axis=0)[4].",
            revisit="np.vectorization#per-feature-means-on-real-data",
        ),
        Misconception(
            "all-wines",
            mean_all_wines,
            "averaged all 178 wines instead of the 59 of cultivar 0",
            "That is the mean the lesson prints for the whole dataset. Keep the rows of cultivar "
            "0 first, X[:59], then reduce along axis 0.",
            revisit="np.vectorization#per-feature-means-on-real-data",
        ),
        Misconception(
            "slice-end-included",
            mean_slice_end_included,
            "took rows 0 to 57 with X[:58]: the end of a slice is excluded",
            "A slice a:b stops just before b, so rows 0 to 58 are X[:59] (59 rows). X[:58] "
            "leaves out wine 58.",
            revisit="np.arrays#rows-columns-and-entries",
        ),
        Misconception(
            "sum-not-mean",
            sum_not_mean,
            "added the values up but did not divide by the number of wines",
            "A mean divides the sum by the number of rows, here 59: use X[:59].mean(axis=0), or "
            "X[:59].sum(axis=0) / 59.",
            revisit="np.vectorization#the-formulas",
        ),
    ]
    hints = [
        "The wines of cultivar 0 are `X[:59]`, shape (59, 13).",
        "The mean of each feature over those wines: `X[:59].mean(axis=0)`, then entry 4.",
    ]


@checkpoint("np.vectorization.predict-shapes", concepts=["np.vectorization"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text.

    ```python
    import numpy as np
    X = np.ones((5, 3))    # 5 samples, 3 features
    print(X.sum(axis=0).shape)
    print(X.mean(axis=1, keepdims=True).shape)
    print(X.max().shape)
    ```
    """

    code = (
        "import numpy as np\n"
        "X = np.ones((5, 3))    # 5 samples, 3 features\n"
        "print(X.sum(axis=0).shape)\n"
        "print(X.mean(axis=1, keepdims=True).shape)\n"
        "print(X.max().shape)\n"
    )
    misconceptions = [
        Misconception(
            "axis-is-kept",
            "print((5,))\nprint((1, 3))\nprint(())\n",
            "the axis named in axis= was taken to be the one that remains",
            "The axis you name is the one that disappears: sum(axis=0) adds down the 5 rows and "
            "leaves one number per column, (3,); mean(axis=1) averages across the columns and "
            "leaves one per row.",
            revisit="np.vectorization#reductions-the-axis-you-name-disappears",
        ),
        Misconception(
            "keepdims-ignored",
            "print((3,))\nprint((5,))\nprint(())\n",
            "keepdims=True was taken to change nothing",
            "keepdims=True keeps the reduced axis with length 1, so the 5 row means come back "
            "as a column of shape (5, 1) instead of a vector of shape (5,).",
            revisit="np.vectorization#keepdims-keep-the-reduced-axis",
        ),
        Misconception(
            "scalar-has-length-one",
            "print((3,))\nprint((5, 1))\nprint((1,))\n",
            "the result of a reduction over the whole array was given shape (1,)",
            "Without axis=, max reduces every axis away and returns a single number with 0 "
            "axes: its shape is the empty tuple ().",
            revisit="np.vectorization#reductions-the-axis-you-name-disappears",
        ),
    ]
    hints = [
        "The axis you name disappears; keepdims=True keeps it with length 1.",
        "A single number has no axes: its shape is ().",
    ]
