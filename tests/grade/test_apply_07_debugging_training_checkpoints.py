"""The checkpoints of lesson 06-apply/07 (debugging training; the module's fix-the-bug
checkpoint) grade real submissions right.

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


WHICH = "nn.debug-training.which-bug"

TYPED = [
    Typed(WHICH, "b", True),
    Typed(WHICH, "B)", True),
    Typed(WHICH, "gradient sign flipped", True),
    Typed(WHICH, "a", False, "blamed-learning-rate"),
    Typed(WHICH, "c", False, "blamed-unscaled-inputs"),
    Typed(WHICH, "sorted data, not shuffled", False, "blamed-sorted-data"),
    Typed(WHICH, "e", False, None, "not right"),
    # The second reader's.
    Typed(WHICH, "B", True),
    Typed(WHICH, "b.", True),
    Typed(WHICH, " gradient sign flipped ", True),
    Typed(WHICH, "A)", False, "blamed-learning-rate"),
    Typed(WHICH, "unscaled inputs", False, "blamed-unscaled-inputs"),
]

FIX = "nn.debug-training.fix-scaling"

_TRAIN = (
    "    k = int(y_train.max()) + 1\n"
    "    Y = np.zeros((len(y_train), k))\n"
    "    Y[np.arange(len(y_train)), y_train] = 1.0\n"
    "    W = Tensor(np.zeros((X_train.shape[1], k)))\n"
    "    b = Tensor(np.zeros(k))\n"
    "    for _ in range(steps):\n"
    "        Z = Tensor(X_train) @ W + b\n"
    "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
    "        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()\n"
    "        W.zero_grad()\n"
    "        b.zero_grad()\n"
    "        loss.backward()\n"
    "        W.data -= lr * W.grad\n"
    "        b.data -= lr * b.grad\n"
    "    Z = X_val @ W.data + b.data\n"
    "    P = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
    "    return P / P.sum(axis=1, keepdims=True)\n"
)
_HEAD = (
    "from mlpath.toolkit.autograd import Tensor\n"
    "def fit_predict(X_train, y_train, X_val, lr, steps):\n"
)

CODE = [
    # scikit-learn's StandardScaler, fitted on the training rows.
    Code(
        FIX,
        "from sklearn.preprocessing import StandardScaler\n"
        + _HEAD
        + "    scaler = StandardScaler().fit(X_train)\n"
        "    X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)\n" + _TRAIN,
        True,
    ),
    # Column by column with the statistics module (population std, as asked).
    Code(
        FIX,
        "import statistics\n" + _HEAD + "    X_train, X_val = X_train.copy(), X_val.copy()\n"
        "    for j in range(X_train.shape[1]):\n"
        "        m = statistics.fmean(X_train[:, j])\n"
        "        s = statistics.pstdev(X_train[:, j])\n"
        "        X_train[:, j] = (X_train[:, j] - m) / s\n"
        "        X_val[:, j] = (X_val[:, j] - m) / s\n" + _TRAIN,
        True,
    ),
    # All in float32, with NumPy's gradient of softmax regression instead of the Tensor.
    Code(
        FIX,
        "def fit_predict(X_train, y_train, X_val, lr, steps):\n"
        "    f = np.float32\n"
        "    m, s = X_train.mean(axis=0), X_train.std(axis=0)\n"
        "    Xt, Xv = ((X_train - m) / s).astype(f), ((X_val - m) / s).astype(f)\n"
        "    k = int(y_train.max()) + 1\n"
        "    Y = np.eye(k, dtype=f)[y_train]\n"
        "    W, b = np.zeros((Xt.shape[1], k), f), np.zeros(k, f)\n"
        "    for _ in range(steps):\n"
        "        Z = Xt @ W + b\n"
        "        P = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "        P /= P.sum(axis=1, keepdims=True)\n"
        "        W -= f(lr) * Xt.T @ (P - Y) / f(len(Xt))\n"
        "        b -= f(lr) * (P - Y).mean(axis=0)\n"
        "    Z = Xv @ W + b\n"
        "    P = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    return P / P.sum(axis=1, keepdims=True)\n",
        True,
    ),
    # The statistics stacked into one scaling step with broadcasting against a (1, d) row.
    Code(
        FIX,
        _HEAD + "    stats = np.vstack([X_train.mean(axis=0), X_train.std(axis=0)])\n"
        "    X_train = (X_train - stats[[0]]) * (1.0 / stats[[1]])\n"
        "    X_val = (X_val - stats[[0]]) * (1.0 / stats[[1]])\n" + _TRAIN,
        True,
    ),
    # The starter, unchanged.
    Code(FIX, _HEAD + _TRAIN, False, "unscaled"),
    Code(
        FIX,
        _HEAD + "    both = np.concatenate([X_train, X_val])\n"
        "    m, s = both.mean(axis=0), both.std(axis=0)\n"
        "    X_train, X_val = (X_train - m) / s, (X_val - m) / s\n" + _TRAIN,
        False,
        "statistics-from-all-rows",
    ),
    Code(
        FIX,
        "from sklearn.preprocessing import StandardScaler\n"
        + _HEAD
        + "    X_train = StandardScaler().fit_transform(X_train)\n"
        "    X_val = StandardScaler().fit_transform(X_val)\n" + _TRAIN,
        False,
        "validation-own-statistics",
    ),
    # Min-max scaling: a scaling, but not the one asked for; no named mistake.
    Code(
        FIX,
        _HEAD + "    lo, hi = X_train.min(axis=0), X_train.max(axis=0)\n"
        "    X_train, X_val = (X_train - lo) / (hi - lo), (X_val - lo) / (hi - lo)\n" + _TRAIN,
        False,
        None,
        "On the input",
    ),
]


# The second reader's submissions (review of nn.debug-training).
CODE += [
    # Column by column with math.fsum, the population std written out.
    Code(
        FIX,
        "import math\n"
        + _HEAD
        + "    X_train, X_val = X_train.astype(float), X_val.astype(float)\n"
        "    for j in range(X_train.shape[1]):\n"
        "        col = X_train[:, j].tolist()\n"
        "        m = math.fsum(col) / len(col)\n"
        "        s = math.sqrt(math.fsum((v - m) ** 2 for v in col) / len(col))\n"
        "        X_train[:, j] = [(v - m) / s for v in col]\n"
        "        X_val[:, j] = (X_val[:, j] - m) / s\n" + _TRAIN,
        True,
    ),
    # scipy.stats.zscore (ddof=0) on the training rows, their mean and std on the validation rows.
    Code(
        FIX,
        "from scipy.stats import zscore\n"
        + _HEAD
        + "    mean, std = X_train.mean(axis=0), X_train.std(axis=0)\n"
        "    X_train = zscore(X_train, axis=0)          # ddof=0 by default, like np.std\n"
        "    X_val = (X_val - mean) / std\n" + _TRAIN,
        True,
    ),
    # Both blocks scaled at once, with the training rows' mean and sqrt(var).
    Code(
        FIX,
        _HEAD + "    n = len(X_train)\n"
        "    both = np.concatenate([X_train, X_val])\n"
        "    both = (both - X_train.mean(axis=0)) / np.sqrt(X_train.var(axis=0))\n"
        "    X_train, X_val = both[:n], both[n:]\n" + _TRAIN,
        True,
    ),
    # ddof=1.
    Code(
        FIX,
        _HEAD + "    m, s = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)\n"
        "    X_train, X_val = (X_train - m) / s, (X_val - m) / s\n" + _TRAIN,
        False,
        "sample-std",
    ),
    # Centred only, not divided by the std: no named mistake.
    Code(
        FIX,
        _HEAD + "    m = X_train.mean(axis=0)\n"
        "    X_train, X_val = X_train - m, X_val - m\n" + _TRAIN,
        False,
        None,
        "On the input",
    ),
    # Divided by each column's largest absolute value: no named mistake.
    Code(
        FIX,
        _HEAD + "    top = np.abs(X_train).max(axis=0)\n"
        "    X_train, X_val = X_train / top, X_val / top\n" + _TRAIN,
        False,
        None,
        "On the input",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
