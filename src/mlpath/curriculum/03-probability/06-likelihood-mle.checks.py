"""Checkpoints for the lesson "Likelihood and maximum likelihood" (06-likelihood-mle.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = """import numpy as np


def fit_coin(x, grid):
    likelihood = np.array([np.prod(p ** x * (1 - p) ** (1 - x)) for p in grid])
    return grid[np.argmax(likelihood)]
"""


def fit_coin_product(x, grid):
    likelihood = np.array([np.prod(p**x * (1 - p) ** (1 - x)) for p in grid])
    return grid[np.argmax(likelihood)]


def fit_coin_index(x, grid):
    loglik = np.array([np.sum(x * np.log(p) + (1 - x) * np.log(1 - p)) for p in grid])
    return np.argmax(loglik)


def fit_coin_heads_only(x, grid):
    loglik = np.array([np.sum(x * np.log(p)) for p in grid])
    return grid[np.argmax(loglik)]


def fit_coin_argmin(x, grid):
    loglik = np.array([np.sum(x * np.log(p) + (1 - x) * np.log(1 - p)) for p in grid])
    return grid[np.argmin(loglik)]


def _flips(rng, n, p):
    return (rng.random(n) < p).astype(int)


_LESSON_FLIPS = np.array([1, 1, 0, 1, 1, 1, 0, 1, 0, 1])
_GRID_99 = np.arange(1, 100) / 100


@checkpoint("prob.mle.fix-underflow", concepts=["prob.mle"], kind="fix")
class FixUnderflow:
    """`fit_coin(x, grid)` fits a coin by maximum likelihood on a grid: `x` is an array of
    flips (1 for heads, 0 for tails) and `grid` an array of candidate values of $p$, all
    strictly between 0 and 1. It must return the value in `grid` under which the flips are most
    likely. It finds 0.7 for the lesson's 10 flips, but for a few thousand flips it returns the
    first value of the grid, whatever the flips are.
    """

    function = "fit_coin"
    starter = _STARTER

    def reference(x, grid):
        loglik = np.array([np.sum(x * np.log(p) + (1 - x) * np.log(1 - p)) for p in grid])
        return float(grid[np.argmax(loglik)])

    def cases(rng):
        # Odd sizes: k/n is never exactly halfway between two grid values, so no ties. From
        # 2001 flips with p in [0.15, 0.85], the product is 0.0 for every p on the grid.
        grids = [_GRID_99, np.linspace(0.02, 0.98, 49)]
        return [
            (_flips(rng, n, rng.uniform(0.15, 0.85)), grids[i % 2])
            for i, n in enumerate((15, 41, 2001, 2001, 2501))
        ]

    edge_cases = [
        (_LESSON_FLIPS, _GRID_99),
        (np.tile(_LESSON_FLIPS, 300), _GRID_99),  # the same 70% heads, 3000 flips
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "product-underflows",
            fit_coin_product,
            "multiplied the probabilities of all the flips, which underflows to 0.0",
            "The product of thousands of probabilities is too small for a float: it becomes "
            "exactly 0.0 for every p (taking its log afterwards only turns that into -inf), and "
            "np.argmax of an all-zero array returns index 0. Take the log of each flip's "
            "probability first and add them up: np.sum(x * np.log(p) + (1 - x) * np.log(1 - p)).",
            revisit="prob.mle#why-we-sum-log-probabilities",
        ),
        Misconception(
            "returned-index",
            fit_coin_index,
            "returned the position of the best value in the grid, not the value",
            "np.argmax gives an index into the array. Look the value up in the grid: "
            "grid[np.argmax(loglik)].",
            revisit="prob.mle#a-real-coin-malignant-or-benign",
        ),
        Misconception(
            "heads-only",
            fit_coin_heads_only,
            "summed log p over the heads but left out log(1 - p) for the tails",
            "Each tail has probability 1 - p. Without that term the log-likelihood only grows "
            "with p and the fit is always the largest value on the grid. Use "
            "x * log(p) + (1 - x) * log(1 - p) for every flip.",
            revisit="prob.mle#the-likelihood-of-independent-data",
        ),
        Misconception(
            "minimised-log-likelihood",
            fit_coin_argmin,
            "took the smallest log-likelihood, as if it were a loss",
            "The log-likelihood is to be maximised: np.argmax. A loss is its negative, the "
            "negative log-likelihood, and that one is minimised; it is the same p either way.",
            revisit="prob.mle#the-likelihood-of-independent-data",
        ),
    ]
    hints = [
        "Print the likelihood for a few thousand flips: what value does every p get?",
        "log(product) = sum of logs: compute np.sum(x * np.log(p) + (1 - x) * np.log(1 - p)) "
        "for each p, and take the grid value where it is largest.",
    ]


def _versicolor_petal_length():
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    return X[y == 1, 2]


def sigma_n_minus_1():
    v = _versicolor_petal_length()
    return float(np.sqrt(np.sum((v - v.mean()) ** 2) / (len(v) - 1)))


def sigma_squared():
    v = _versicolor_petal_length()
    return float(np.sum((v - v.mean()) ** 2) / len(v))


@checkpoint("prob.mle.gaussian-sigma", concepts=["prob.mle"], kind="numeric")
class GaussianSigma:
    """Fit a Gaussian by maximum likelihood to the petal lengths of the versicolor flowers in
    the iris dataset: load it with `X, y = load_iris(return_X_y=True)` (from `sklearn.datasets`)
    and keep `X[y == 1, 2]`, the 50 petal lengths of species 1.

    What is the maximum-likelihood $\\hat{\\sigma}$? Set `answer` to that number.
    """

    decimals = 3
    timeout = 20  # the submission loads scikit-learn, which is slow on a cold start

    def solve():
        v = _versicolor_petal_length()
        mu = np.sum(v) / len(v)
        return float(np.sqrt(np.sum((v - mu) ** 2) / len(v)))

    misconceptions = [
        Misconception(
            "divided-by-n-minus-1",
            sigma_n_minus_1,
            "divided by n - 1 (the sample standard deviation, ddof=1), not by n",
            "The maximum-likelihood sigma divides the sum of squared deviations by n: it is "
            "np.std's default (ddof=0). pandas' .std() and np.std(ddof=1) divide by n - 1, a "
            "slightly larger number that the statistics module explains.",
            revisit="prob.mle#fitting-a-gaussian",
        ),
        Misconception(
            "variance-not-sigma",
            sigma_squared,
            "gave the variance sigma squared, without the square root",
            "The mean squared deviation is the variance, sigma squared. sigma is its square "
            "root, in the units of the data (cm here).",
            revisit="prob.mle#fitting-a-gaussian",
        ),
    ]
    hints = [
        "The closed form: mu-hat is the mean; sigma-hat is the square root of the mean squared "
        "deviation from mu-hat.",
        "Divide the sum of squared deviations by n = 50, then take the square root.",
    ]
