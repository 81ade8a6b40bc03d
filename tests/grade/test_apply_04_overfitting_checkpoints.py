"""The checkpoints of lesson 06-apply/04 (eval.overfitting, reg.regularization,
eval.cross-validation) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
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


CV = "eval.cross-validation.fold-labels"

CODE = [
    # scikit-learn's Ridge in the loop, fold numbers from range().
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    errors = []\n"
        "    for j in range(fold.max() + 1):\n"
        "        model = Ridge(alpha=alpha).fit(X[fold != j], y[fold != j])\n"
        "        errors.append(np.mean((y[fold == j] - model.predict(X[fold == j])) ** 2))\n"
        "    return np.mean(errors)\n",
        True,
    ),
    # float32 throughout, with the starter's fit_ridge.
    Code(
        CV,
        "def fit_ridge(X, y, alpha):\n"
        "    x_mean, y_mean = X.mean(axis=0), y.mean()\n"
        "    Xc = X - x_mean\n"
        "    A = Xc.T @ Xc + np.float32(alpha) * np.eye(X.shape[1], dtype=np.float32)\n"
        "    w = np.linalg.solve(A, Xc.T @ (y - y_mean))\n"
        "    return w, y_mean - x_mean @ w\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    X, y = X.astype(np.float32), y.astype(np.float32)\n"
        "    errs = []\n"
        "    for j in np.unique(fold):\n"
        "        w, b = fit_ridge(X[fold != j], y[fold != j], alpha)\n"
        "        errs.append(np.mean((X[fold == j] @ w + b - y[fold == j]) ** 2))\n"
        "    return np.float32(np.mean(errs))\n",
        True,
    ),
    # The pooled squared error over all held-out rows (the same, as the folds are equal).
    Code(
        CV,
        "def cv_mse(X, y, fold, alpha):\n"
        "    pred = np.empty_like(y)\n"
        "    for j in set(fold.tolist()):\n"
        "        tr, va = fold != j, fold == j\n"
        "        xm, ym = X[tr].mean(axis=0), y[tr].mean()\n"
        "        Xc = X[tr] - xm\n"
        "        A = Xc.T @ Xc + alpha * np.identity(X.shape[1])\n"
        "        w = np.linalg.solve(A, Xc.T @ (y[tr] - ym))\n"
        "        pred[va] = (X[va] - xm) @ w + ym\n"
        "    return float(np.sum((y - pred) ** 2) / len(y))\n",
        True,
    ),
    # Ridge as least squares on rows augmented with sqrt(alpha) * I, in plain loops.
    Code(
        CV,
        "import math\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    k = int(fold.max()) + 1\n"
        "    total = 0.0\n"
        "    for j in range(k):\n"
        "        Xt, yt = X[fold != j], y[fold != j]\n"
        "        xm, ym = Xt.mean(axis=0), yt.mean()\n"
        "        A = np.vstack([Xt - xm, math.sqrt(alpha) * np.eye(X.shape[1])])\n"
        "        t = np.concatenate([yt - ym, np.zeros(X.shape[1])])\n"
        "        w = np.linalg.lstsq(A, t, rcond=None)[0]\n"
        "        r = [y[i] - ((X[i] - xm) @ w + ym) for i in range(len(y)) if fold[i] == j]\n"
        "        total += sum(e * e for e in r) / len(r)\n"
        "    return total / k\n",
        True,
    ),
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    errors = []\n"
        "    for j in np.unique(fold):\n"
        "        m = Ridge(alpha=alpha).fit(X[fold != j], y[fold != j])\n"
        "        errors.append(np.mean((y[fold != j] - m.predict(X[fold != j])) ** 2))\n"
        "    return np.mean(errors)\n",
        False,
        "scored-on-training",
    ),
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    m = Ridge(alpha=alpha).fit(X, y)\n"
        "    return np.mean([np.mean((y[fold == j] - m.predict(X[fold == j])) ** 2)\n"
        "                    for j in np.unique(fold)])\n",
        False,
        "fit-on-all-rows",
    ),
    # No bias: a mistake of its own, described on the smallest case.
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    errors = []\n"
        "    for j in np.unique(fold):\n"
        "        m = Ridge(alpha=alpha, fit_intercept=False).fit(X[fold != j], y[fold != j])\n"
        "        errors.append(np.mean((y[fold == j] - m.predict(X[fold == j])) ** 2))\n"
        "    return np.mean(errors)\n",
        False,
        None,
        "On the input",
    ),
    # scikit-learn's cross_val_score: right numbers, but the shortcut is not allowed.
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "from sklearn.model_selection import PredefinedSplit, cross_val_score\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    s = cross_val_score(Ridge(alpha=alpha), X, y, cv=PredefinedSplit(fold),\n"
        "                        scoring='neg_mean_squared_error')\n"
        "    return -s.mean()\n",
        False,
        None,
        "cross-validation in one call",
    ),
]

# The second reader's submissions (review of eval.overfitting).
CODE += [
    # The bias inside the design matrix, with a 0 in the penalty for it: the same ridge.
    Code(
        CV,
        "def cv_mse(X, y, fold, alpha):\n"
        "    errs = []\n"
        "    for j in sorted(set(fold.tolist())):\n"
        "        tr = fold != j\n"
        "        X1 = np.column_stack([np.ones(tr.sum()), X[tr]])\n"
        "        D = np.diag([0.0] + [alpha] * X.shape[1])\n"
        "        coef = np.linalg.solve(X1.T @ X1 + D, X1.T @ y[tr])\n"
        "        pred = coef[0] + X[fold == j] @ coef[1:]\n"
        "        errs.append(((y[fold == j] - pred) ** 2).mean())\n"
        "    return sum(errs) / len(errs)\n",
        True,
    ),
    # Rows grouped in a dict, Ridge with the SVD solver, lists of row numbers.
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    groups = {}\n"
        "    for i, f in enumerate(fold):\n"
        "        groups.setdefault(int(f), []).append(i)\n"
        "    scores = []\n"
        "    for j, rows in groups.items():\n"
        "        rest = [i for i in range(len(y)) if i not in rows]\n"
        "        m = Ridge(alpha=alpha, solver='svd').fit(X[rest], y[rest])\n"
        "        r = y[rows] - m.predict(X[rows])\n"
        "        scores.append(float(r @ r) / len(rows))\n"
        "    return float(np.mean(scores))\n",
        True,
    ),
    # An explicit inverse, and math.fsum over a generator of squared residuals.
    Code(
        CV,
        "import math\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    k = len(np.unique(fold))\n"
        "    out = []\n"
        "    for j in range(k):\n"
        "        Xt, yt = X[fold != j], y[fold != j]\n"
        "        xm = Xt.mean(axis=0)\n"
        "        Xc = Xt - xm\n"
        "        A = np.linalg.inv(Xc.T @ Xc + alpha * np.eye(Xt.shape[1]))\n"
        "        w = A @ Xc.T @ (yt - yt.mean())\n"
        "        b = yt.mean() - xm @ w\n"
        "        rows = zip(X[fold == j], y[fold == j])\n"
        "        sq = math.fsum((yi - (xi @ w + b)) ** 2 for xi, yi in rows)\n"
        "        out.append(sq / np.sum(fold == j))\n"
        "    return math.fsum(out) / k\n",
        True,
    ),
    # The bias as a column of ones, penalised with the weights.
    Code(
        CV,
        "def cv_mse(X, y, fold, alpha):\n"
        "    errs = []\n"
        "    for j in np.unique(fold):\n"
        "        tr = fold != j\n"
        "        X1 = np.column_stack([np.ones(tr.sum()), X[tr]])\n"
        "        A = X1.T @ X1 + alpha * np.eye(X1.shape[1])\n"
        "        coef = np.linalg.solve(A, X1.T @ y[tr])\n"
        "        errs.append(np.mean((y[fold == j] - coef[0] - X[fold == j] @ coef[1:]) ** 2))\n"
        "    return np.mean(errs)\n",
        False,
        "penalised-bias",
    ),
    # Trained on the fold, scored on the rest.
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    errs = []\n"
        "    for j in np.unique(fold):\n"
        "        m = Ridge(alpha=alpha).fit(X[fold == j], y[fold == j])\n"
        "        errs.append(np.mean((y[fold != j] - m.predict(X[fold != j])) ** 2))\n"
        "    return np.mean(errs)\n",
        False,
        "swapped-train-and-validation",
    ),
    # cross_val_predict on the learner's folds: right numbers, but cross-validation in one call.
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "from sklearn.model_selection import PredefinedSplit, cross_val_predict\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    pred = cross_val_predict(Ridge(alpha=alpha), X, y, cv=PredefinedSplit(fold))\n"
        "    return float(np.mean((y - pred) ** 2))\n",
        False,
        None,
        "cross-validation in one call",
    ),
    # The sum of the k fold errors instead of their mean: no named mistake, expected and got.
    Code(
        CV,
        "from sklearn.linear_model import Ridge\n"
        "def cv_mse(X, y, fold, alpha):\n"
        "    errs = []\n"
        "    for j in np.unique(fold):\n"
        "        m = Ridge(alpha=alpha).fit(X[fold != j], y[fold != j])\n"
        "        errs.append(np.mean((y[fold == j] - m.predict(X[fold == j])) ** 2))\n"
        "    return np.sum(errs)\n",
        False,
        None,
        "expected 0.686529, got 2.05959",
    ),
]

PICK = "reg.regularization.pick-alpha"

TYPED = [
    Typed(PICK, "b", True),
    Typed(PICK, "B)", True),
    Typed(PICK, "alpha = 0.01", True),
    Typed(PICK, " b. ", True),
    Typed(PICK, "a", False, "lowest-training-error"),
    Typed(PICK, "c", False, "chose-on-test-set"),
    Typed(PICK, "alpha = 1", False, "smallest-gap"),
    # The second reader's.
    Typed(PICK, "B", True),
    Typed(PICK, "b)", True),
    Typed(PICK, "alpha = 0.01 ", True),
    Typed(PICK, "D", False, "smallest-gap"),
    Typed(PICK, "alpha = 0.0001", False, "lowest-training-error"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
