"""The checkpoints of lesson 06-apply/01 (reg.linear-model) grade real submissions right.

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


GRAD = "reg.linear-model.mse-gradient"
RMSE = "reg.linear-model.one-feature-rmse"

CODE = [
    # A plain Python loop over rows and features.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    n, d = X.shape\n"
        "    grad = [0.0] * (d + 1)\n"
        "    for i in range(n):\n"
        "        e = sum(X[i, j] * w[j] for j in range(d)) + b - y[i]\n"
        "        for j in range(d):\n"
        "            grad[j] += 2 * e * X[i, j] / n\n"
        "        grad[d] += 2 * e / n\n"
        "    return np.array(grad)\n",
        True,
    ),
    # float32 throughout.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    X, y, w = X.astype(np.float32), y.astype(np.float32), w.astype(np.float32)\n"
        "    e = X @ w + np.float32(b) - y\n"
        "    return np.concatenate([2 * X.T @ e, [2 * e.sum()]]) / np.float32(len(y))\n",
        True,
    ),
    # The column of ones carries the bias, and the sign is written as minus (y - ŷ).
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    A = np.column_stack([X, np.ones(len(X))])\n"
        "    theta = np.append(w, b)\n"
        "    r = y - A @ theta\n"
        "    return -2 * np.einsum('ij,i->j', A, r) / len(y)\n",
        True,
    ),
    # The learner's own central differences.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    theta = np.append(w, b)\n"
        "    def f(t):\n"
        "        return np.mean((X @ t[:-1] + t[-1] - y) ** 2)\n"
        "    h = 1e-6\n"
        "    return np.array([(f(theta + h * e) - f(theta - h * e)) / (2 * h)\n"
        "                     for e in np.eye(len(theta))])\n",
        True,
    ),
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = y - X @ w - b\n"
        "    return np.append(2 * X.T @ e, 2 * e.sum()) / len(y)\n",
        False,
        "sign-error",
    ),
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = X @ w + b - y\n"
        "    return np.append(X.T @ e, e.sum()) / len(y)\n",
        False,
        "missing-factor-2",
    ),
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = X @ w - y\n"
        "    return np.append(2 * X.T @ e, 2 * e.sum()) / len(y)\n",
        False,
        "missing-bias",
    ),
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = X @ w + b - y\n"
        "    return np.append(2 * X.T @ e, 2 * e.sum())\n",
        False,
        "sum-not-mean",
    ),
    # Only the weights' part: a wrong shape, no misconception named.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n    e = X @ w + b - y\n    return 2 * X.T @ e / len(y)\n",
        False,
        None,
        "shape",
    ),
    # Answers set in a file, as `mlpath check` reads them.
    Code(
        RMSE,
        "from sklearn.datasets import load_diabetes\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LinearRegression\n"
        "X, y = load_diabetes(scaled=False, return_X_y=True)\n"
        "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)\n"
        "m = LinearRegression().fit(Xtr[:, [8]], ytr)\n"
        "answer = np.sqrt(np.mean((m.predict(Xte[:, [8]]) - yte) ** 2))\n",
        True,
    ),
    # Gradient descent on the standardised feature, in float32.
    Code(
        RMSE,
        "from sklearn.datasets import load_diabetes\n"
        "from sklearn.model_selection import train_test_split\n"
        "X, y = load_diabetes(scaled=False, return_X_y=True)\n"
        "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)\n"
        "m, s = Xtr[:, 8].mean(), Xtr[:, 8].std()\n"
        "z = ((Xtr[:, 8] - m) / s).astype(np.float32)\n"
        "w, b = np.float32(0), np.float32(0)\n"
        "for _ in range(500):\n"
        "    e = w * z + b - ytr\n"
        "    w, b = w - 0.2 * 2 * np.mean(e * z), b - 0.2 * 2 * np.mean(e)\n"
        "e = w * (Xte[:, 8] - m) / s + b - yte\n"
        "answer = float(np.sqrt(np.mean(e ** 2)))\n",
        True,
    ),
    Code(
        RMSE,
        "from sklearn.datasets import load_diabetes\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LinearRegression\n"
        "from sklearn.metrics import mean_squared_error\n"
        "X, y = load_diabetes(scaled=False, return_X_y=True)\n"
        "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)\n"
        "m = LinearRegression(fit_intercept=False).fit(Xtr[:, [8]], ytr)\n"
        "answer = np.sqrt(mean_squared_error(yte, m.predict(Xte[:, [8]])))\n",
        False,
        "missing-bias",
    ),
    Code(
        RMSE,
        "from sklearn.datasets import load_diabetes\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LinearRegression\n"
        "X, y = load_diabetes(scaled=False, return_X_y=True)\n"
        "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)\n"
        "m = LinearRegression().fit(Xtr[:, [8]], ytr)\n"
        "answer = np.sqrt(np.mean((m.predict(Xtr[:, [8]]) - ytr) ** 2))\n",
        False,
        "scored-on-training-rows",
    ),
]

TYPED = [
    Typed(RMSE, "61.9", True),
    Typed(RMSE, "61.8792", True),
    Typed(RMSE, " 6.19e1 ", True),
    Typed(RMSE, "3829.03", False, "answered-mse"),
    Typed(RMSE, "49.8", False, "answered-mae"),
    Typed(RMSE, "64.3", False, "missing-bias"),
    Typed(RMSE, "64.0", False, "scored-on-training-rows"),
    # The whole model's RMSE, printed in the lesson: not this question.
    Typed(RMSE, "56.4", False, None, "is not right"),
    Typed(RMSE, "61,9", False, None, "decimal point"),
]


# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4), unlike the author's.
_SPLIT = (
    "from sklearn.datasets import load_diabetes\n"
    "from sklearn.model_selection import train_test_split\n"
    "X, y = load_diabetes(scaled=False, return_X_y=True)\n"
    "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)\n"
)
CODE += [
    # Means over the rows with a broadcast column of errors; np.r_ joins the parts.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = X @ w + b - y\n"
        "    return np.r_[2 * np.mean(e[:, None] * X, axis=0), 2 * np.mean(e)]\n",
        True,
    ),
    # Pure Python with math.fsum, returning a list.
    Code(
        GRAD,
        "import math\n"
        "def mse_gradient(X, y, w, b):\n"
        "    n, d = X.shape\n"
        "    e = [math.fsum(X[i, j] * w[j] for j in range(d)) + b - y[i] for i in range(n)]\n"
        "    out = [2 * math.fsum(e[i] * X[i, j] for i in range(n)) / n for j in range(d)]\n"
        "    return out + [2 * math.fsum(e) / n]\n",
        True,
    ),
    # The normal equations' form, 2/n (A^T A theta - A^T y), in float32.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    A = np.hstack([X, np.ones((len(X), 1))]).astype(np.float32)\n"
        "    theta = np.concatenate([w, [b]]).astype(np.float32)\n"
        "    return 2 / len(y) * (A.T @ A @ theta - A.T @ y.astype(np.float32))\n",
        True,
    ),
    # The bias's derivative left at 0: the feedback shows the first wrong entry, the bias's.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = X @ w + b - y\n"
        "    return np.append(2 / len(y) * X.T @ e, 0.0)\n",
        False,
        None,
        "index (1,): expected -3.66667, got 0",
    ),
    # Mean of the errors times the mean of each feature: not the mean of their products.
    Code(
        GRAD,
        "def mse_gradient(X, y, w, b):\n"
        "    e = X @ w + b - y\n"
        "    return np.append(2 * np.mean(e) * X.mean(axis=0), 2 * np.mean(e))\n",
        False,
        None,
        "expected -9.33333, got -7.33333",
    ),
    # The default, scaled data (each column shifted and scaled): the same line, the same RMSE.
    Code(
        RMSE,
        "from sklearn.datasets import load_diabetes\n"
        "from sklearn.model_selection import train_test_split\n"
        "X, y = load_diabetes(return_X_y=True)\n"
        "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)\n"
        "w, b = np.polyfit(Xtr[:, 8], ytr, 1)\n"
        "answer = np.sqrt(np.mean((w * Xte[:, 8] + b - yte) ** 2))\n",
        True,
    ),
    # The textbook slope cov(x, y) / var(x), in float32.
    Code(
        RMSE,
        _SPLIT + "x, t = Xtr[:, 8].astype(np.float32), ytr.astype(np.float32)\n"
        "w = np.sum((x - x.mean()) * (t - t.mean())) / np.sum((x - x.mean()) ** 2)\n"
        "b = t.mean() - w * x.mean()\n"
        "answer = np.sqrt(np.mean((w * Xte[:, 8] + b - yte) ** 2))\n",
        True,
    ),
    # SciPy's linregress and scikit-learn's RMSE metric.
    Code(
        RMSE,
        _SPLIT + "from scipy.stats import linregress\n"
        "from sklearn.metrics import root_mean_squared_error\n"
        "fit = linregress(Xtr[:, 8], ytr)\n"
        "answer = root_mean_squared_error(yte, fit.slope * Xte[:, 8] + fit.intercept)\n",
        True,
    ),
    # "s5" read as column 5 (it is s2): no named mistake, only the number.
    Code(
        RMSE,
        _SPLIT + "w, b = np.polyfit(Xtr[:, 5], ytr, 1)\n"
        "answer = np.sqrt(np.mean((w * Xte[:, 5] + b - yte) ** 2))\n",
        False,
        None,
        "69.098 is not right to 1 decimal place",
    ),
    # The line fitted on all 442 rows, test rows included: close, but not the answer.
    Code(
        RMSE,
        _SPLIT + "w, b = np.polyfit(X[:, 8], y, 1)\n"
        "answer = np.sqrt(np.mean((w * Xte[:, 8] + b - yte) ** 2))\n",
        False,
        None,
        "is not right",
    ),
    # The regression's standard error, dividing by n - 2: not the RMSE.
    Code(
        RMSE,
        _SPLIT + "w, b = np.polyfit(Xtr[:, 8], ytr, 1)\n"
        "e = w * Xte[:, 8] + b - yte\n"
        "answer = np.sqrt(np.sum(e ** 2) / (len(e) - 2))\n",
        False,
        None,
        "62.444 is not right to 1 decimal place",
    ),
]
TYPED += [
    Typed(RMSE, "61.88", True),
    Typed(RMSE, "62", False, None, "is not right"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
