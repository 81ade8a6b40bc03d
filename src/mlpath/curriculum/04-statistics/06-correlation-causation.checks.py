"""Checkpoints for the lesson "Correlation, causation and Simpson's paradox"
(06-correlation-causation.md)."""

import numpy as np

from mlpath.grade import Misconception, Operation, checkpoint

CORRELATION = Operation(
    "a covariance or correlation",
    frozenset(
        {
            "corrcoef",
            "cov",
            "pearsonr",
            "spearmanr",
            "correlate",
            "corr",
            "corrwith",
            "linregress",
            "correlation",
            "covariance",
        }
    ),
)


def pearson_not_centred(x, y):
    return float((x @ y) / np.sqrt((x @ x) * (y @ y)))


def pearson_ddof0_over_n_minus_1(x, y):
    zx = (x - x.mean()) / x.std()
    zy = (y - y.mean()) / y.std()
    return float((zx @ zy) / (len(x) - 1))


def pearson_ddof1_over_n(x, y):
    zx = (x - x.mean()) / x.std(ddof=1)
    zy = (y - y.mean()) / y.std(ddof=1)
    return float((zx @ zy) / len(x))


def pearson_covariance_only(x, y):
    return float(((x - x.mean()) @ (y - y.mean())) / (len(x) - 1))


@checkpoint("stat.correlation.pearson", concepts=["stat.correlation"])
class Pearson:
    """Write `pearson(x, y)`: Pearson's correlation $r$ of two 1-D arrays of the same length
    $n \\ge 3$, as a single number:

    $$r = \\frac{\\mathbf{z}_x \\cdot \\mathbf{z}_y}{n - 1}, \\qquad
    z_{x,i} = \\frac{x_i - \\bar{x}}{s_x},$$

    where $s_x$ is the sample standard deviation (`ddof=1`). For `x = [1, 2, 3, 4, 5]` and
    `y = [2, 4, 5, 4, 5]` the answer is about 0.7746.

    Build it from its steps: `np.mean`, `np.std`, `np.sqrt`, `@` and `np.sum` are fine;
    `np.corrcoef`, `np.cov`, `scipy.stats.pearsonr` and other functions that compute a covariance
    or correlation in one call are not.
    """

    function = "pearson"
    starter = "import numpy as np\n\n\ndef pearson(x, y):\n    ...\n"
    forbidden = [CORRELATION]
    rtol = 1e-5
    atol = 1e-8

    def reference(x, y):
        n = len(x)
        zx = (x - x.mean()) / x.std(ddof=1)
        zy = (y - y.mean()) / y.std(ddof=1)
        return float((zx @ zy) / (n - 1))

    def cases(rng):
        out = []
        for n in (6, 9, 14, 20, 30):
            x = rng.normal(rng.uniform(5, 50), rng.uniform(1, 10), size=n)
            slope = rng.choice([-1.0, 1.0]) * rng.uniform(0.2, 3.0)
            y = slope * x + rng.normal(0, rng.uniform(2, 20), size=n) + rng.uniform(10, 100)
            out.append((x, y))
        return out

    edge_cases = [
        (np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([2.0, 4.0, 5.0, 4.0, 5.0])),
        (np.array([20.0, 25.0, 30.0, 22.0]), np.array([90.0, 60.0, 40.0, 80.0])),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "not-centred",
            pearson_not_centred,
            "did not subtract the means: this is the cosine of the raw columns",
            "Covariance and correlation are about deviations from the means. Without centring, "
            "two columns of positive numbers far from zero often look strongly correlated, "
            "whatever their relation. Subtract x.mean() and y.mean() first.",
            revisit="stat.correlation#two-slips-that-give-a-plausible-number",
        ),
        Misconception(
            "ddof0-over-n-minus-1",
            pearson_ddof0_over_n_minus_1,
            "standardised with np.std (ddof=0, divides by n) but divided the dot product by n - 1",
            "The two divisors must match, so that they cancel. np.std divides by n unless you "
            "pass ddof=1; with ddof=0 and n - 1 your r comes out n / (n - 1) times the right "
            "value, and a column correlated with itself gives more than 1. Use x.std(ddof=1).",
            revisit="stat.correlation#two-slips-that-give-a-plausible-number",
        ),
        Misconception(
            "ddof1-over-n",
            pearson_ddof1_over_n,
            "standardised with ddof=1 but divided the dot product by n",
            "The two divisors must match: with sample standard deviations (ddof=1), divide "
            "the dot product by n - 1. Dividing by n multiplies r by (n - 1) / n, pulling it "
            "toward 0, so a column correlated with itself gives less than 1.",
            revisit="stat.correlation#the-formulas-covariance-then-correlation",
        ),
        Misconception(
            "covariance-only",
            pearson_covariance_only,
            "returned the covariance, without dividing by the standard deviations",
            "The covariance carries the units of x times the units of y, so it can be any size. "
            "Divide it by s_x * s_y (or standardise both columns first) to get r in [-1, 1].",
            revisit="stat.correlation#the-formulas-covariance-then-correlation",
        ),
    ]
    hints = [
        "Standardise each column: `zx = (x - x.mean()) / x.std(ddof=1)`, and the same for y.",
        "Then `r = (zx @ zy) / (len(x) - 1)`.",
    ]


_price = np.array([1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
_sales = np.array([6.0, 5.0, 5.0, 1.0, 14.0, 12.0, 13.0, 10.0, 11.0, 9.0])
_region = np.array(["a"] * 4 + ["b"] * 6)


def _r(x, y):
    return float(np.corrcoef(x, y)[0, 1])


def within_pooled():
    return _r(_price, _sales)


def within_mean_of_group_rs():
    return float(np.mean([_r(_price[_region == k], _sales[_region == k]) for k in ("a", "b")]))


def within_centred_x_only():
    xc = _price.copy()
    for k in ("a", "b"):
        xc[_region == k] -= _price[_region == k].mean()
    return _r(xc, _sales)


@checkpoint("stat.correlation.within-group", concepts=["stat.confounding"], kind="numeric")
class WithinGroup:
    """Ten shops, in two regions `a` and `b`: `x` is a price and `y` the sales.

    ```python
    x = np.array([1, 2, 3, 4, 3, 4, 5, 6, 7, 8], dtype=float)
    y = np.array([6, 5, 5, 1, 14, 12, 13, 10, 11, 9], dtype=float)
    g = np.array(["a", "a", "a", "a", "b", "b", "b", "b", "b", "b"])
    ```

    The region may be a confounder. Compute the **within-group correlation** of `x` and `y`, as
    in the lesson: subtract each region's own mean from `x` and from `y`, then take Pearson's
    correlation of the two centred columns. Set `answer` to that number.
    """

    decimals = 3

    def solve():
        xc, yc = _price.copy(), _sales.copy()
        for k in ("a", "b"):
            in_group = _region == k
            xc[in_group] -= _price[in_group].mean()
            yc[in_group] -= _sales[in_group].mean()
        return _r(xc, yc)

    misconceptions = [
        Misconception(
            "pooled",
            within_pooled,
            "correlated the raw columns, ignoring the regions",
            "That is the pooled correlation, which mixes the trend inside each region with the "
            "difference between the regions (region b has higher prices and higher sales). "
            "Centre each region at its own means first: that compares shops of the same region.",
            revisit="stat.correlation#a-third-variable-the-confounder",
        ),
        Misconception(
            "mean-of-group-rs",
            within_mean_of_group_rs,
            "averaged the two regions' correlations",
            "Correlations do not average: the mean of the per-group r's is a different number "
            "(and so is an average weighted by group size). The within-group correlation "
            "centres every group at its own means, then computes one r over all the centred "
            "points, so each region counts by how much its points vary.",
            revisit="stat.correlation#a-third-variable-the-confounder",
        ),
        Misconception(
            "centred-x-only",
            within_centred_x_only,
            "centred x within each region but left y as it was",
            "The differences between regions are in both columns. Subtract each region's mean "
            "from y too, or the between-region differences in sales stay in the data.",
            revisit="stat.correlation#a-third-variable-the-confounder",
        ),
    ]
    hints = [
        "For each region k: `m = g == k`, then `x_c[m] = x[m] - x[m].mean()` (the same for y).",
        "Then `np.corrcoef(x_c, y_c)[0, 1]`.",
    ]
