"""Checkpoints for the lesson "Log-sum-exp and a stable softmax" (06-log-sum-exp.md)."""

import numpy as np

from mlpath.grade import LOGSUMEXP, Misconception, checkpoint

# The lesson's digit scores (rounded): the max, 3073, is more than 709.8 above both the min
# (by 1058) and the mean (2361.1, by 711.9), so shifting by either overflows.
_DIGIT_SCORES = np.array([3073.0, 2015.0, 2147.0, 2303.0, 2285.0, 2356.0, 2336.0, 2117.0,
                          2476.0, 2503.0])  # fmt: skip
# Far apart both ways, and the first entry is neither the max nor the min.
_BOTH_WAYS = np.array([-20.0, 850.0, -900.0, 30.0])
# One class far below the rest: the max is 905 above the min but only 231 above the mean, so a
# shift by the mean (or the median) works here and a shift by the min overflows.
_ONE_LOW = np.array([800.0, 790.0, 805.0, -100.0])


def _spread_cases(rng):
    """Entries 800 to 1500 above and below 0, in a random order."""
    low = rng.uniform(-1500.0, -800.0, size=3)
    high = rng.uniform(800.0, 1500.0, size=3)
    return rng.permutation(np.concatenate([low, high]))


def lse_naive(x):
    with np.errstate(over="ignore", divide="ignore"):
        return float(np.log(np.sum(np.exp(x))))


def lse_max_not_added_back(x):
    m = np.max(x)
    return float(np.log(np.sum(np.exp(x - m))))


def lse_no_log(x):
    m = np.max(x)
    return float(m + np.sum(np.exp(x - m)))


@checkpoint("np.log-sum-exp.implement", concepts=["np.log-sum-exp"])
class ImplementLogsumexp:
    """Write `logsumexp(x)` for a 1-D array `x`: the number
    $\\log \\sum_i e^{x_i}$, computed so that it never overflows to `inf` or underflows to
    `-inf`, even when the entries are in the thousands, far below zero, or both at once. Use the
    trick from the lesson: with $m = \\max_i x_i$,
    $\\log \\sum_i e^{x_i} = m + \\log \\sum_i e^{x_i - m}$.
    Do not call `scipy.special.logsumexp`, `np.logaddexp` or a softmax function.

    For `x = [0, 1, 2]` the answer is about 2.408, and for `x = [1000, 1001, 1002]` it is about
    1002.408.
    """

    function = "logsumexp"
    starter = "import numpy as np\n\n\ndef logsumexp(x):\n    ...\n"
    forbidden = [LOGSUMEXP]

    def reference(x):
        m = np.max(x)
        return float(m + np.log(np.sum(np.exp(x - m))))

    def cases(rng):
        return [
            (rng.normal(0.0, 2.0, size=3),),  # small: even the naive formula works
            (rng.uniform(750.0, 1000.0, size=4),),  # large: exp overflows
            (rng.uniform(-1200.0, -800.0, size=5),),  # very negative: exp underflows
            (_spread_cases(rng),),  # far apart both ways
            (rng.uniform(720.0, 900.0, size=7),),  # large (hidden)
            (_spread_cases(rng),),  # far apart both ways (hidden)
        ]

    edge_cases = [
        (np.array([0.0, 1.0, 2.0]),),
        (np.array([1000.0, 1001.0, 1002.0]),),
        (_DIGIT_SCORES,),
        (_BOTH_WAYS,),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-max-shift",
            lse_naive,
            "computed log(sum(exp(x))) directly, so exp overflowed to inf (or underflowed to 0)",
            "exp(x) is inf for x above about 709, and 0 for x below about -745, so the naive "
            "formula returns inf or -inf. Subtract the max first: with m = max(x), every "
            "exp(x - m) is at most 1, then add m back after the log.",
            revisit="np.log-sum-exp#the-log-sum-exp-trick",
        ),
        Misconception(
            "max-not-added-back",
            lse_max_not_added_back,
            "subtracted the max before exp but did not add it back after the log",
            "log(sum(exp(x - m))) is log-sum-exp of the shifted vector, which is m less than the "
            "answer. The identity is log(sum(exp(x))) = m + log(sum(exp(x - m))).",
            revisit="np.log-sum-exp#the-log-sum-exp-trick",
        ),
        Misconception(
            "missing-log",
            lse_no_log,
            "added the max to the sum of the exponentials without taking its log",
            "The shifted sum, sum(exp(x - m)), lies between 1 and n; its log, between 0 and "
            "log(n), is what gets added to m.",
            revisit="np.log-sum-exp#the-log-sum-exp-trick",
        ),
    ]
    hints = [
        "Find the largest entry: `m = np.max(x)`. Only the max works: shifting by the min, the "
        "mean or the first entry still overflows when the entries are far apart.",
        "Shift before exponentiating: `np.exp(x - m)` has no entry above 1.",
        "Sum, take the log, and add `m` back.",
    ]


def softmax_naive(z):
    e = np.exp(z)
    return e / np.sum(e)


def softmax_shift_by_min(z):
    e = np.exp(z - np.min(z))
    return e / np.sum(e)


def softmax_shift_by_mean(z):
    e = np.exp(z - np.mean(z))
    return e / np.sum(e)


def softmax_numerator_only(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(np.exp(z))


@checkpoint("np.log-sum-exp.fix-softmax", concepts=["np.log-sum-exp"], kind="fix")
class FixSoftmax:
    """`softmax(z)` should turn a vector of scores `z` into probabilities that add up to 1,
    $\\operatorname{softmax}(\\mathbf{z})_i = e^{z_i} / \\sum_j e^{z_j}$. It works for small
    scores, but for scores in the thousands, like the lesson's digit scores, it returns `nan` for
    every class. Make it work for any scores, without calling a library softmax.
    """

    function = "softmax"
    starter = (
        "import numpy as np\n\n\ndef softmax(z):\n    e = np.exp(z)\n    return e / np.sum(e)\n"
    )
    forbidden = [LOGSUMEXP]

    def reference(z):
        e = np.exp(z - np.max(z))
        return e / np.sum(e)

    def cases(rng):
        return [
            (rng.normal(0.0, 2.0, size=3),),  # small: the starter works here
            (rng.uniform(2000.0, 2600.0, size=5),),  # large, spread below 709
            (rng.uniform(-1500.0, -900.0, size=4),),  # very negative
            (_spread_cases(rng),),  # far apart both ways
            (rng.uniform(750.0, 1000.0, size=6),),  # large (hidden)
        ]

    edge_cases = [
        (np.array([2.0, 1.0, 0.1]),),
        (_DIGIT_SCORES,),
        (_ONE_LOW,),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "no-max-shift",
            softmax_naive,
            "exponentiated the raw scores, so exp overflowed to inf and inf / inf is nan",
            "Above about 709, exp(z) is inf in float64. Subtract the largest score first: "
            "e = np.exp(z - np.max(z)). The shift cancels between the top and the bottom, so "
            "the probabilities are the same, and the largest term is exp(0) = 1.",
            revisit="np.log-sum-exp#a-stable-softmax",
        ),
        Misconception(
            "shift-by-min",
            softmax_shift_by_min,
            "subtracted the smallest score instead of the largest",
            "After subtracting the min every exponent is at least 0, so exp still overflows "
            "when the scores span more than about 709. Subtract the max: every exponent is then "
            "at most 0 and every term at most 1.",
            revisit="np.log-sum-exp#a-stable-softmax",
        ),
        Misconception(
            "shift-by-mean",
            softmax_shift_by_mean,
            "subtracted the mean score (or another middle value, such as the median) instead of "
            "the largest",
            "Any shift cancels on paper, but only the max keeps every exponent at most 0. The "
            "lesson's digit scores reach 3073 against a mean of 2361, more than 709 above it, so "
            "exp still overflows. Subtract the max: e = np.exp(z - np.max(z)).",
            revisit="np.log-sum-exp#a-stable-softmax",
        ),
        Misconception(
            "numerator-only",
            softmax_numerator_only,
            "shifted the scores on top but divided by the sum of the unshifted exponentials",
            "The shift cancels only when it is made on the top and on the bottom: divide "
            "e = np.exp(z - m) by np.sum(e), the sum of the same shifted terms.",
            revisit="np.log-sum-exp#a-stable-softmax",
        ),
    ]
    hints = [
        "Which scores make `np.exp(z)` overflow? Look at `np.max(z)`.",
        "`e = np.exp(z - np.max(z))`, then `e / np.sum(e)`.",
    ]
