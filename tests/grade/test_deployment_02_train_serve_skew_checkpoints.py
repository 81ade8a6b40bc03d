"""The checkpoints of lesson 10-deployment/02 (dep.shift) grade real submissions right.

For each checkpoint, three or more unusual correct submissions and at least two plausible wrong
ones (docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

import pytest

from mlpath.grade.grader import Grader
from tests.grade.submissions import (
    Code,
    Typed,
    assert_code_verdict,
    assert_typed_verdict,
    submission_id,
)

FIX = "dep.shift.fix-refit"
SKEW = "dep.shift.skew-or-shift"
CATCH = "dep.shift.catch-skew"

TYPED = [
    Typed(SKEW, "a", True),
    Typed(SKEW, "A", True),
    Typed(SKEW, "(a)", True),
    Typed(SKEW, "1 skew, 2 shift, 3 skew", True),
    Typed(SKEW, "b", False, "every-difference-is-shift"),
    Typed(SKEW, "c", False, "every-drop-is-skew"),
    Typed(SKEW, "d", False, "units-as-shift"),
    Typed(CATCH, "b", True),
    Typed(CATCH, "B.", True),
    Typed(
        CATCH,
        "send the same raw records through the training code and the serving code, and check "
        "that the features and predictions are identical",
        True,
    ),
    Typed(CATCH, "a", False, "offline-test"),
    Typed(CATCH, "c", False, "monitor-after-launch"),
    Typed(CATCH, "d", False, "retrain-often"),
]

CODE = [
    # scikit-learn objects rebuilt from the saved statistics and weights: a Pipeline of a
    # StandardScaler and a LogisticRegression, neither fitted at serving time.
    Code(
        FIX,
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    scaler = StandardScaler()\n"
        "    scaler.mean_, scaler.scale_ = train_mean, train_std\n"
        "    scaler.var_, scaler.n_features_in_ = train_std**2, len(w)\n"
        "    model = LogisticRegression()\n"
        "    model.coef_, model.intercept_ = w.reshape(1, -1), np.array([b])\n"
        "    model.classes_, model.n_features_in_ = np.array([0, 1]), len(w)\n"
        "    return make_pipeline(scaler, model).predict_proba(X_raw)[:, 1]\n",
        True,
    ),
    # The statistics saved as JSON at training time, loaded and applied by hand.
    Code(
        FIX,
        "import json\n"
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    saved = json.dumps({'mean': train_mean.tolist(), 'std': train_std.tolist()})\n"
        "    stats = {k: np.array(v) for k, v in json.loads(saved).items()}\n"
        "    Z = (X_raw - stats['mean']) / stats['std']\n"
        "    return 1 / (1 + np.exp(-(Z @ w + b)))\n",
        True,
    ),
    # The standardisation folded into the weights: w / std and b - sum(w * mean / std).
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    w_raw = w / train_std\n"
        "    b_raw = b - np.sum(w * train_mean / train_std)\n"
        "    return 1 / (1 + np.exp(-(X_raw @ w_raw + b_raw)))\n",
        True,
    ),
    # The lesson's own bug, serve_refit: re-fitting a StandardScaler on the batch.
    Code(
        FIX,
        "from sklearn.preprocessing import StandardScaler\n"
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    Z = StandardScaler().fit_transform(X_raw)\n"
        "    return 1 / (1 + np.exp(-(Z @ w + b)))\n",
        False,
        "batch-statistics-guarded",
    ),
    # The starter with its nan patched, not its bug.
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    mean = X_raw.mean(axis=0)\n"
        "    std = np.where(X_raw.std(axis=0) == 0, 1.0, X_raw.std(axis=0))\n"
        "    return 1 / (1 + np.exp(-(((X_raw - mean) / std) @ w + b)))\n",
        False,
        "batch-statistics-guarded",
    ),
    # scipy's sigmoid on training z-scores.
    Code(
        FIX,
        "from scipy.special import expit\n"
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    return expit(((X_raw - train_mean) / train_std) @ w + b)\n",
        True,
    ),
    # A loop over rows and columns with math.exp.
    Code(
        FIX,
        "import math\n"
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    out = []\n"
        "    for row in X_raw:\n"
        "        s = b\n"
        "        for x, m, sd, wj in zip(row, train_mean, train_std, w):\n"
        "            s += wj * (x - m) / sd\n"
        "        out.append(1 / (1 + math.exp(-s)))\n"
        "    return np.array(out)\n",
        True,
    ),
    # float32 throughout, the sigmoid written with tanh.
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    f = np.float32\n"
        "    Z = (X_raw.astype(f) - train_mean.astype(f)) / train_std.astype(f)\n"
        "    s = Z @ w.astype(f) + f(b)\n"
        "    return (f(0.5) * (1 + np.tanh(s / 2))).astype(f)\n",
        True,
    ),
    # The starter's lines kept, with the training statistics passed in.
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    mean = train_mean\n"
        "    std = train_std\n"
        "    Z = (X_raw - mean[np.newaxis, :]) / std[np.newaxis, :]\n"
        "    return 1 / (1 + np.exp(-(np.einsum('nd,d->n', Z, w) + b)))\n",
        True,
    ),
    # The starter.
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    mean = X_raw.mean(axis=0)\n"
        "    std = X_raw.std(axis=0)\n"
        "    Z = (X_raw - mean) / std\n"
        "    return 1 / (1 + np.exp(-(Z @ w + b)))\n",
        False,
        "batch-statistics",
    ),
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    return 1 / (1 + np.exp(-(X_raw @ w + b)))\n",
        False,
        "raw-features",
    ),
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    return 1 / (1 + np.exp(-((X_raw - train_mean) @ w + b)))\n",
        False,
        "centred-only",
    ),
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    Z = (X_raw - X_raw.mean(axis=0)) / train_std\n"
        "    return 1 / (1 + np.exp(-(Z @ w + b)))\n",
        False,
        "batch-mean",
    ),
    # Labels instead of probabilities: wrong, and no known mistake matches.
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    Z = (X_raw - train_mean) / train_std\n"
        "    return (Z @ w + b >= 0).astype(float)\n",
        False,
        None,
    ),
    # The batch's sample standard deviation (ddof=1): still the batch, and no exact match.
    Code(
        FIX,
        "def predict_proba(X_raw, train_mean, train_std, w, b):\n"
        "    Z = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0, ddof=1)\n"
        "    return 1 / (1 + np.exp(-(Z @ w + b)))\n",
        False,
        None,
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=submission_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    assert_typed_verdict(grader, row)


@pytest.mark.parametrize("row", CODE, ids=submission_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    assert_code_verdict(grader, row)
