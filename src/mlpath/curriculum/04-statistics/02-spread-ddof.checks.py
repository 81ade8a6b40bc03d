"""Checkpoints for the lesson "Spread: variance, standard deviation and ddof"."""

import numpy as np
from sklearn.datasets import load_diabetes

from mlpath.grade import Misconception, Operation, checkpoint

VARIANCE = Operation(
    "a variance or standard deviation",
    frozenset(
        {
            "var",
            "std",
            "nanvar",
            "nanstd",
            "variance",
            "pvariance",
            "stdev",
            "pstdev",
            "tvar",
            "tstd",
            "describe",
            "cov",  # np.cov(x) of one 1-D array is its sample variance
            "covariance",  # statistics.covariance(x, x) too
        }
    ),
)


def variance_over_n(x):
    return float(np.sum((x - np.mean(x)) ** 2) / len(x))


def variance_square_root(x):
    return float(np.sqrt(np.sum((x - np.mean(x)) ** 2) / (len(x) - 1)))


def variance_sum_then_square(x):
    return float(np.sum(x - np.mean(x)) ** 2 / (len(x) - 1))


def variance_not_centred(x):
    return float(np.sum(x**2) / (len(x) - 1))


@checkpoint("stat.spread.sample-variance", concepts=["stat.spread"])
class SampleVariance:
    """Write `sample_variance(x)`: the sample variance $s^2$ (ddof=1) of a 1-D array `x` of
    $n \\ge 2$ numbers, as a single number:

    $$s^2 = \\frac{1}{n-1} \\sum_{i=1}^{n} (x_i - \\bar{x})^2.$$

    For `x = [2, 4, 4, 4, 5, 5, 7, 9]` the answer is 32 / 7, about 4.5714. Build it from the
    formula: `np.var`, `np.std`, `.var()`, `.std()`, `np.cov` and the `statistics` functions
    are not allowed (`np.mean` and `np.sum` are fine).
    """

    function = "sample_variance"
    starter = "import numpy as np\n\n\ndef sample_variance(x):\n    ...\n"
    forbidden = [VARIANCE]

    def reference(x):
        n = len(x)
        return float(np.sum((x - np.mean(x)) ** 2) / (n - 1))

    def cases(rng):
        return [tuple([np.round(rng.normal(10, 3, size=n), 2)]) for n in (3, 4, 5, 6, 8, 10, 12)]

    edge_cases = [
        (np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]),),
        (np.array([1.0, 3.0]),),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "divided-by-n",
            variance_over_n,
            "divided by n (the population variance, ddof=0) instead of n - 1",
            "Your result is exactly (n - 1)/n times the sample variance. The deviations are "
            "measured from the sample's own mean, which makes their squares too small on "
            "average; dividing by n - 1 corrects that. It is what np.var(x, ddof=1) computes.",
            revisit="stat.spread#why-divide-by-n-minus-1-a-simulation",
        ),
        Misconception(
            "square-root",
            variance_square_root,
            "returned the standard deviation, the square root of the variance",
            "The variance is the average squared deviation, in squared units. Its square root "
            "is the standard deviation; return the variance itself, without np.sqrt.",
            revisit="stat.spread#the-formulas",
        ),
        Misconception(
            "not-centred",
            variance_not_centred,
            "squared the values themselves, not their deviations from the mean",
            "Subtract the mean first: the variance is built from x_i - mean(x). Squaring the raw "
            "values measures how far they are from 0, not how spread out they are.",
            revisit="stat.spread#the-idea-same-mean-different-spread",
        ),
        Misconception(
            "sum-then-square",
            variance_sum_then_square,
            "added the deviations up first and squared the sum, which is always 0",
            "The deviations from the mean always sum to 0, so squaring their sum gives 0. "
            "Square each deviation first, then add: np.sum((x - np.mean(x)) ** 2).",
            revisit="stat.spread#the-idea-same-mean-different-spread",
        ),
    ]
    hints = [
        "The deviations are `x - np.mean(x)`; square them and add them up.",
        "Divide the sum of squared deviations by `len(x) - 1`.",
    ]


def _bp8():
    return load_diabetes(scaled=False).data[:8, 3]


def bp_std_ddof0():
    return float(np.std(_bp8()))


def bp_variance():
    return float(np.var(_bp8(), ddof=1))


@checkpoint("stat.spread.bp-std", concepts=["stat.spread"], kind="numeric")
class BloodPressureStd:
    """`x = load_diabetes(scaled=False).data[:8, 3]` is the average blood pressure of the first
    8 patients of the diabetes dataset (`from sklearn.datasets import load_diabetes`). Treat
    them as a small sample from all such patients: what is the sample standard deviation $s$,
    the square root of the variance that divides by $n - 1$?

    Set `answer` to that number.
    """

    decimals = 3

    def solve():
        return float(np.std(_bp8(), ddof=1))

    misconceptions = [
        Misconception(
            "ddof-0",
            bp_std_ddof0,
            "used NumPy's default, ddof=0, which divides by n",
            "np.std(x) divides by n. For a sample whose spread estimates a population's, "
            "divide by n - 1: np.std(x, ddof=1). With 8 values the two differ by "
            "sqrt(8/7), about 7%.",
            revisit="stat.spread#who-divides-by-what",
        ),
        Misconception(
            "variance",
            bp_variance,
            "gave the variance, not the standard deviation",
            "The standard deviation is the square root of the variance, in the units of the "
            "data (here mm Hg, not squared mm Hg).",
            revisit="stat.spread#the-formulas",
        ),
    ]
    hints = ["`np.std(x, ddof=1)`, or the square root of the sum of squared deviations / (n - 1)."]


_NUMPY_VAR = 6.3
_N = 10


def pandas_var_wrong_direction():
    return _NUMPY_VAR * (_N - 1) / _N


def pandas_var_square_root_factor():
    return _NUMPY_VAR * np.sqrt(_N / (_N - 1))


def pandas_var_same():
    return _NUMPY_VAR


@checkpoint("stat.spread.pandas-var", concepts=["stat.spread"], kind="numeric")
class PandasVariance:
    """A column `x` holds 10 numbers. NumPy's `np.var(x)` returns 6.3. What does pandas'
    `x.var()` return for the same column, with its default settings?

    Set `answer` to that number.
    """

    decimals = 2

    def solve():
        ss = _NUMPY_VAR * _N  # np.var divides the sum of squared deviations by n
        return ss / (_N - 1)  # pandas divides it by n - 1

    misconceptions = [
        Misconception(
            "wrong-direction",
            pandas_var_wrong_direction,
            "multiplied by (n - 1)/n, as if pandas divided by the larger number",
            "np.var divides the sum of squared deviations by n = 10, pandas by n - 1 = 9. "
            "Dividing by the smaller number gives the larger result: 6.3 * 10 / 9.",
            revisit="stat.spread#who-divides-by-what",
        ),
        Misconception(
            "square-root-factor",
            pandas_var_square_root_factor,
            "used the factor sqrt(n/(n - 1)), which belongs to standard deviations",
            "Variances differ by n/(n - 1) exactly; only their square roots, the standard "
            "deviations, differ by sqrt(n/(n - 1)).",
            revisit="stat.spread#the-formulas",
        ),
        Misconception(
            "same-everywhere",
            pandas_var_same,
            "assumed pandas and NumPy compute the same variance",
            "They do not, by default: NumPy uses ddof=0 (divide by n) and pandas ddof=1 "
            "(divide by n - 1).",
            revisit="stat.spread#who-divides-by-what",
        ),
    ]
    hints = [
        "First undo NumPy's division: the sum of squared deviations is 6.3 * 10.",
        "pandas divides that sum by n - 1.",
    ]
