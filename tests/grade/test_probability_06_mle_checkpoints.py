"""The checkpoints of lesson 03-probability/06 (prob.mle) grade real submissions right.

For each checkpoint, three unusual correct submissions and at least two plausible wrong ones
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Typed:
    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


FIX = "prob.mle.fix-underflow"

CODE = [
    # Vectorised over the grid with the closed-form log-likelihood k log p + (n - k) log(1 - p).
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    k, n = np.sum(x), len(x)\n"
        "    loglik = k * np.log(grid) + (n - k) * np.log(1 - grid)\n"
        "    return grid[np.argmax(loglik)]\n",
        True,
    ),
    # A plain loop with math.log and a running best.
    Code(
        FIX,
        "import math\n"
        "def fit_coin(x, grid):\n"
        "    best, best_ll = None, -math.inf\n"
        "    for p in grid:\n"
        "        ll = 0.0\n"
        "        for flip in x:\n"
        "            ll += math.log(p) if flip == 1 else math.log(1 - p)\n"
        "        if ll > best_ll:\n"
        "            best, best_ll = p, ll\n"
        "    return best\n",
        True,
    ),
    # float32 throughout, broadcasting the flips against the grid.
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    g = grid.astype(np.float32)[:, None]\n"
        "    xs = x.astype(np.float32)[None, :]\n"
        "    ll = (xs * np.log(g) + (1 - xs) * np.log(1 - g)).sum(axis=1)\n"
        "    return g[np.argmax(ll), 0]\n",
        True,
    ),
    # SciPy's Bernoulli log-pmf, and the mean log-likelihood (same argmax).
    Code(
        FIX,
        "from scipy.stats import bernoulli\n"
        "def fit_coin(x, grid):\n"
        "    scores = [bernoulli.logpmf(x, p).mean() for p in grid]\n"
        "    return float(grid[int(np.argmax(scores))])\n",
        True,
    ),
    # The log of the product: still underflows first.
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    ll = np.array([np.log(np.prod(p ** x * (1 - p) ** (1 - x))) for p in grid])\n"
        "    return grid[np.argmax(ll)]\n",
        False,
        "product-underflows",
    ),
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    ll = np.array([np.sum(x * np.log(p)) for p in grid])\n"
        "    return grid[np.argmax(ll)]\n",
        False,
        "heads-only",
    ),
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    ll = np.array([np.sum(np.log(np.where(x == 1, p, 1 - p))) for p in grid])\n"
        "    return int(np.argmax(ll))\n",
        False,
        "returned-index",
    ),
    # The review's submissions (docs/reviewing-a-lesson.md, section 4).
    # SciPy's binomial log-pmf of k heads: its n-choose-k constant does not move the peak.
    Code(
        FIX,
        "from scipy.stats import binom\n"
        "def fit_coin(x, grid):\n"
        "    return grid[np.argmax(binom.logpmf(int(x.sum()), len(x), grid))]\n",
        True,
    ),
    # The negative log-likelihood minimised, with np.where and log1p for the tails.
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    nll = [-sum(np.where(x == 1, np.log(p), np.log1p(-p))) for p in grid]\n"
        "    return grid[int(np.argmin(nll))]\n",
        True,
    ),
    # The starter's per-flip probabilities, logged before they are combined.
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    ll = np.array([np.log(p ** x * (1 - p) ** (1 - x)).sum() for p in grid])\n"
        "    return grid[ll.argmax()]\n",
        True,
    ),
    # The log of p ** k * (1 - p) ** (n - k): the power underflows before the log is taken.
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    k, n = x.sum(), len(x)\n"
        "    return grid[np.argmax(np.log(grid ** k * (1 - grid) ** (n - k)))]\n",
        False,
        "product-underflows",
    ),
    # The closed form k / n, not a value of the grid: no named mistake, a true description.
    Code(
        FIX,
        "def fit_coin(x, grid):\n    return np.sum(x) / len(x)\n",
        False,
        None,
        "On the input",
    ),
    # log(1 - p) added for every flip, heads too: no named mistake.
    Code(
        FIX,
        "def fit_coin(x, grid):\n"
        "    return grid[np.argmax([np.sum(x * np.log(p) + np.log(1 - p)) for p in grid])]\n",
        False,
        None,
        "On the input",
    ),
]

# Answers set in a file, as `mlpath check` reads them.
FILES = [
    Code(
        "prob.mle.gaussian-sigma",
        "from sklearn.datasets import load_iris\n"
        "X, y = load_iris(return_X_y=True)\n"
        "answer = np.std(X[y == 1, 2])\n",
        True,
    ),
    Code(
        "prob.mle.gaussian-sigma",
        "from sklearn.datasets import load_iris\n"
        "X, y = load_iris(return_X_y=True)\n"
        "v = X[y == 1, 2].astype(np.float32)\n"
        "answer = np.sqrt(np.mean((v - v.mean()) ** 2))\n",
        True,
    ),
    Code(
        "prob.mle.gaussian-sigma",
        "import math\n"
        "from sklearn.datasets import load_iris\n"
        "data = load_iris()\n"
        "v = [row[2] for row, label in zip(data.data, data.target) if label == 1]\n"
        "mu = sum(v) / len(v)\n"
        "answer = math.sqrt(sum((x - mu) ** 2 for x in v) / len(v))\n",
        True,
    ),
    Code(
        "prob.mle.gaussian-sigma",
        "from sklearn.datasets import load_iris\n"
        "X, y = load_iris(return_X_y=True)\n"
        "answer = np.std(X[y == 1, 2], ddof=1)\n",
        False,
        "divided-by-n-minus-1",
    ),
    # The variance with n - 1: no named mistake.
    Code(
        "prob.mle.gaussian-sigma",
        "from sklearn.datasets import load_iris\n"
        "X, y = load_iris(return_X_y=True)\n"
        "answer = np.var(X[y == 1, 2], ddof=1)\n",
        False,
        None,
        "is not right",
    ),
]

TYPED = [
    Typed("prob.mle.gaussian-sigma", "0.465", True),
    Typed("prob.mle.gaussian-sigma", "0.46518813", True),
    Typed("prob.mle.gaussian-sigma", "4.652e-1", True),
    Typed("prob.mle.gaussian-sigma", "0.470", False, "divided-by-n-minus-1"),
    Typed("prob.mle.gaussian-sigma", "0.2164", False, "variance-not-sigma"),
    Typed("prob.mle.gaussian-sigma", "1.759", False, None, "is not right"),
    Typed("prob.mle.gaussian-sigma", "0.4652", True),
    Typed("prob.mle.gaussian-sigma", ".46519", True),
    # Petal width (column 3) instead of petal length: no named mistake.
    Typed("prob.mle.gaussian-sigma", "0.1958", False, None, "is not right"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE + FILES, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
