"""Checkpoints for the lesson "Describing data" (01-describing-data.md)."""

import numpy as np
from sklearn.datasets import load_breast_cancer

from mlpath.grade import Misconception, Operation, checkpoint

MEDIAN = Operation(
    "a median, percentile or quantile",
    frozenset(
        {
            "median",
            "nanmedian",
            "median_low",
            "median_high",
            "median_grouped",
            "percentile",
            "nanpercentile",
            "quantile",
            "nanquantile",
            "quantiles",
        }
    ),
)


def median_unsorted(x):
    n = len(x)
    mid = n // 2
    if n % 2 == 1:
        return float(x[mid])
    return float((x[mid - 1] + x[mid]) / 2)


def median_upper_middle(x):
    s = np.sort(x)
    return float(s[len(s) // 2])


def median_one_based(x):
    s = np.sort(x)
    n = len(s)
    if n % 2 == 1:
        return float(s[(n + 1) // 2])
    return float((s[n // 2] + s[n // 2 + 1]) / 2)


def median_is_mean(x):
    return float(np.sum(x) / len(x))


@checkpoint("stat.descriptive.median", concepts=["stat.descriptive"])
class ImplementMedian:
    """Write `median(x)`: the median of a 1-D array `x` of $n \\ge 1$ numbers, as a single
    number. Sort the values; for odd $n$ return the middle one, for even $n$ the average of the
    two middle ones.

    For `x = [3, 1, 4, 2]` the answer is 2.5. Build it from `np.sort` (or `sorted`) and
    indexing: `np.median`, `np.percentile`, `np.quantile` and `statistics.median` are not
    allowed.
    """

    function = "median"
    starter = "import numpy as np\n\n\ndef median(x):\n    ...\n"
    forbidden = [MEDIAN]

    def reference(x):
        s = np.sort(x)
        n = len(s)
        mid = n // 2
        if n % 2 == 1:
            return float(s[mid])
        return float((s[mid - 1] + s[mid]) / 2)

    def cases(rng):
        return [tuple([np.round(rng.normal(50, 20, size=n), 1)]) for n in (3, 4, 5, 6, 8, 9)]

    edge_cases = [
        (np.array([3.0, 1.0, 4.0, 2.0]),),
        (np.array([16.0, 900.0, 12.0, 15.0, 14.0]),),
        (np.array([7.0]),),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "not-sorted",
            median_unsorted,
            "took the middle of the values in the order they came, without sorting",
            "The median is the middle of the *sorted* values. In the order the data arrived, "
            "the middle position can hold any value. Sort first: s = np.sort(x).",
            revisit="stat.descriptive#the-formulas",
        ),
        Misconception(
            "upper-middle-only",
            median_upper_middle,
            "for an even number of values, returned one middle value instead of the average of two",
            "With n even there is no single middle value: s[n // 2 - 1] and s[n // 2] are both "
            "in the middle, and the median is their average.",
            revisit="stat.descriptive#the-formulas",
        ),
        Misconception(
            "one-based-index",
            median_one_based,
            "used the 1-based positions of the formula as 0-based Python indices",
            "The formula counts from 1: x_((n+1)/2) is the middle of n values. Python counts "
            "from 0, so the middle of an odd number of values is s[n // 2], and the two middle "
            "values of an even number are s[n // 2 - 1] and s[n // 2].",
            revisit="stat.descriptive#the-formulas",
        ),
        Misconception(
            "mean",
            median_is_mean,
            "returned the mean (the sum divided by n), not the median",
            "The mean shares the total equally; the median is the middle of the sorted values. "
            "They agree on symmetric data and differ as soon as one value is extreme.",
            revisit="stat.descriptive#the-idea-two-ways-to-say-typical",
        ),
    ]
    hints = [
        "Start with `s = np.sort(x)` and `n = len(s)`; the middle index is `n // 2`.",
        "Odd n: `s[n // 2]`. Even n: the average of `s[n // 2 - 1]` and `s[n // 2]`.",
    ]


def _area_error():
    return load_breast_cancer().data[:, 13]


def shift_of_median():
    x = _area_error()
    return float(np.median(x) - np.median(np.delete(x, np.argmax(x))))


def shift_dropped_last_row():
    x = _area_error()
    return float(np.mean(x) - np.mean(x[:-1]))


@checkpoint("stat.descriptive.outlier-shift", concepts=["stat.descriptive"], kind="numeric")
class OutlierShift:
    """`x = load_breast_cancer().data[:, 13]` is the feature "area error" of 569 tumours
    (`from sklearn.datasets import load_breast_cancer`). A few of its values lie far above the
    rest. Remove the largest one (`np.argmax` finds it, `np.delete` removes it) and compute the
    mean of the other 568.

    By how much does the mean drop? Set `answer` to the old mean minus the new mean, a positive
    number.
    """

    decimals = 2

    def solve():
        x = _area_error()
        return float(np.mean(x) - np.mean(np.delete(x, np.argmax(x))))

    misconceptions = [
        Misconception(
            "median-shift",
            shift_of_median,
            "gave how much the median moves, not the mean",
            "The median barely moves when one extreme value goes: it only depends on the order "
            "of the values. The mean includes the size of every value, so it drops by much "
            "more. Compare np.mean before and after.",
            revisit="stat.descriptive#one-wrong-value-the-mean-moves-the-median-does-not",
        ),
        Misconception(
            "dropped-last-row",
            shift_dropped_last_row,
            "removed the last row, x[:-1], instead of the largest value",
            "The data is not sorted, so the last row is an ordinary tumour. Find the largest "
            "value with i = np.argmax(x) and remove that one: np.delete(x, i).",
            revisit="stat.descriptive#one-wrong-value-the-mean-moves-the-median-does-not",
        ),
    ]
    hints = [
        "`i = np.argmax(x)` is the index of the largest value; `np.delete(x, i)` is the rest.",
        "Compute `np.mean(x) - np.mean(np.delete(x, i))`.",
    ]


def _worst_area():
    return load_breast_cancer().data[:, 23]


_WHICH = ["the mean", "the median", "they are equal"]


def median_is_larger():
    return "the median"


def mean_and_median_equal():
    return "they are equal"


@checkpoint("stat.descriptive.mean-or-median", concepts=["stat.descriptive"], kind="choice")
class MeanOrMedian:
    """`x = load_breast_cancer().data[:, 23]` is the feature "worst area" of 569 tumours. Its
    histogram has a long tail to the right: 73% of the tumours have an area below 1,000, and the
    largest reaches 4,254. Which is larger for this feature, its mean or its median? Decide
    first, then check with NumPy.

    a) the mean    b) the median    c) they are equal

    Set `answer` to the letter of your choice.
    """

    options = _WHICH

    def solve():
        x = _worst_area()
        mean, median = float(np.mean(x)), float(np.median(x))
        if np.isclose(mean, median):
            return "they are equal"
        return "the mean" if mean > median else "the median"

    misconceptions = [
        Misconception(
            "median-pulled-by-tail",
            median_is_larger,
            "thought the tail pulls the median up",
            "The median only depends on the order of the values: making the largest tumours even "
            "larger does not move it. The mean adds up their sizes, so a long right tail pulls "
            "the mean above the median.",
            revisit="stat.descriptive#histograms-counts-in-bins",
        ),
        Misconception(
            "always-equal",
            mean_and_median_equal,
            "thought the mean and the median are always the same",
            "They agree for symmetric data only. With a long tail on one side the mean moves "
            "towards the tail and the median stays with the bulk of the data.",
            revisit="stat.descriptive#the-idea-two-ways-to-say-typical",
        ),
    ]
    hints = ["Which of the two uses the size of every value, and which only their order?"]
