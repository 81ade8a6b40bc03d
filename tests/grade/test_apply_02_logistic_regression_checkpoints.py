"""The checkpoints of lesson 06-apply/02 (clf.logistic-regression) grade real submissions right.

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


GRAD = "clf.logistic-regression.gradient"
ODDS = "clf.logistic-regression.log-odds"
RECALL = "clf.logistic-regression.recall-at-threshold"

_MODEL = (
    "from sklearn.datasets import load_breast_cancer\n"
    "from sklearn.model_selection import train_test_split\n"
    "data = load_breast_cancer()\n"
    "X = data.data[:, [0, 1]]\n"
    "y = (data.target == 0).astype(int)\n"
    "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)\n"
    "m, s = Xtr.mean(axis=0), Xtr.std(axis=0)\n"
    "Ztr, Zte = (Xtr - m) / s, (Xte - m) / s\n"
)
_SKLEARN = (
    _MODEL + "from sklearn.linear_model import LogisticRegression\n"
    "model = LogisticRegression(C=np.inf).fit(Ztr, ytr)\n"
)

CODE = [
    # A plain Python loop with math.exp.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    n, d = X.shape\n"
        "    grad = [0.0] * (d + 1)\n"
        "    for i in range(n):\n"
        "        z = sum(X[i, j] * w[j] for j in range(d)) + b\n"
        "        g = (1 / (1 + math.exp(-z)) - y[i]) / n\n"
        "        for j in range(d):\n"
        "            grad[j] += g * X[i, j]\n"
        "        grad[d] += g\n"
        "    return np.array(grad)\n",
        True,
    ),
    # float32, with SciPy's expit, and the bias as a column of ones.
    Code(
        GRAD,
        "from scipy.special import expit\n"
        "def log_loss_gradient(X, y, w, b):\n"
        "    A = np.column_stack([X, np.ones(len(X))]).astype(np.float32)\n"
        "    theta = np.append(w, b).astype(np.float32)\n"
        "    return A.T @ (expit(A @ theta) - y.astype(np.float32)) / np.float32(len(y))\n",
        True,
    ),
    # The minus sign outside: -(y - p), written with einsum and tanh's form of the sigmoid.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 0.5 * (1 + np.tanh((X @ w + b) / 2))\n"
        "    r = y - p\n"
        "    return -np.append(np.einsum('ij,i->j', X, r), r.sum()) / len(y)\n",
        True,
    ),
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
        "    return np.append(X.T @ (y - p), np.sum(y - p)) / len(y)\n",
        False,
        "sign-error",
    ),
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    z = X @ w + b\n"
        "    return np.append(X.T @ (z - y), np.sum(z - y)) / len(y)\n",
        False,
        "no-sigmoid",
    ),
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
        "    g = (p - y) * p * (1 - p)\n"
        "    return np.append(X.T @ g, g.sum()) / len(y)\n",
        False,
        "extra-sigmoid-derivative",
    ),
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w)))\n"
        "    return np.append(X.T @ (p - y), np.sum(p - y)) / len(y)\n",
        False,
        "missing-bias",
    ),
    # Copied the linear-regression gradient: the factor 2.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
        "    return 2 / len(y) * np.append(X.T @ (p - y), np.sum(p - y))\n",
        False,
        "factor-two",
    ),
    # Answers computed in a file, as `mlpath check` reads them.
    Code(ODDS, "answer = math.log(0.9 / 0.1)\n", True),
    Code(ODDS, "from scipy.special import logit\nanswer = logit(0.9)\n", True),
    Code(ODDS, "answer = np.log10(9)\n", False, "log10"),
    Code(
        RECALL,
        _SKLEARN + "p = model.predict_proba(Zte)[:, 1]\n"
        "answer = np.sum((p >= 0.35) & (yte == 1)) / np.sum(yte == 1)\n",
        True,
    ),
    # The learner's own gradient descent, stopped after 300 steps, in float32.
    Code(
        RECALL,
        _MODEL + "Ztr, Zte = Ztr.astype(np.float32), Zte.astype(np.float32)\n"
        "w, b = np.zeros(2, np.float32), np.float32(0)\n"
        "for _ in range(300):\n"
        "    p = 1 / (1 + np.exp(-(Ztr @ w + b)))\n"
        "    w, b = w - Ztr.T @ (p - ytr) / len(ytr), b - np.mean(p - ytr)\n"
        "p = 1 / (1 + np.exp(-(Zte @ w + b)))\n"
        "answer = float(np.mean(p[yte == 1] >= 0.35))\n",
        True,
    ),
    # The threshold moved to the score: z >= ln(0.35 / 0.65), with scikit-learn's metric.
    Code(
        RECALL,
        _SKLEARN + "from sklearn.metrics import recall_score\n"
        "flag = model.decision_function(Zte) >= np.log(0.35 / 0.65)\n"
        "answer = recall_score(yte, flag)\n",
        True,
    ),
    Code(
        RECALL,
        _SKLEARN + "p = model.predict_proba(Zte)[:, 1]\nanswer = np.mean((p < 0.35)[yte == 1])\n",
        False,
        "wrong-side",
    ),
    Code(
        RECALL,
        _SKLEARN + "p = model.predict_proba(Ztr)[:, 1]\nanswer = np.mean((p >= 0.35)[ytr == 1])\n",
        False,
        "scored-on-training-rows",
    ),
    # The target used as the dataset codes it (1 = benign): the benign class's recall.
    Code(
        RECALL,
        "from sklearn.datasets import load_breast_cancer\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "data = load_breast_cancer()\n"
        "X, y = data.data[:, [0, 1]], data.target\n"
        "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)\n"
        "m, s = Xtr.mean(axis=0), Xtr.std(axis=0)\n"
        "model = LogisticRegression(C=np.inf).fit((Xtr - m) / s, ytr)\n"
        "p = model.predict_proba((Xte - m) / s)[:, 1]\n"
        "answer = np.mean((p >= 0.35)[yte == 1])\n",
        False,
        "benign-as-positive",
    ),
]

TYPED = [
    Typed(ODDS, "2.2", True),
    Typed(ODDS, "2.1972", True),
    Typed(ODDS, " 2.20 ", True),
    Typed(ODDS, "\u22122.20", False, "odds-upside-down"),
    Typed(ODDS, "-0.105", False, "log-of-p"),
    Typed(ODDS, "0.95", False, "log10"),
    Typed(ODDS, "0.9", False, None, "is not right"),
    Typed(RECALL, "0.887", True),
    Typed(RECALL, "0.88679", True),
    Typed(RECALL, "0.8868", True),
    Typed(RECALL, "0.113", False, "wrong-side"),
    Typed(RECALL, "0.904", False, "answered-precision"),
    Typed(RECALL, "0.868", False, "scored-on-training-rows"),
    Typed(RECALL, "0.922", False, "benign-as-positive"),
    # The recall at 0.5, printed in the lesson: the threshold was ignored.
    Typed(RECALL, "0.849", False, None, "is not right"),
    Typed(RECALL, "0.89", False, None, "is not right"),
]


# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4), unlike the author's.
_RAW = (
    "from sklearn.datasets import load_breast_cancer\n"
    "from sklearn.model_selection import train_test_split\n"
    "data = load_breast_cancer()\n"
    "X, y = data.data[:, :2], 1 - data.target\n"
    "Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)\n"
)
CODE += [
    # The sigmoid as exp(-logaddexp(0, -z)), and means over the rows.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = np.exp(-np.logaddexp(0.0, -(X @ w + b)))\n"
        "    return np.concatenate([np.mean((p - y)[:, None] * X, axis=0), [np.mean(p - y)]])\n",
        True,
    ),
    # The chain rule written out, not simplified: dL/dp times the sigmoid's derivative.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
        "    dz = -(y / p - (1 - y) / (1 - p)) * p * (1 - p) / len(y)\n"
        "    return np.append(dz @ X, dz.sum())\n",
        True,
    ),
    # float32, a sigmoid that never overflows, labels compared as booleans.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    X = X.astype(np.float32)\n"
        "    z = X @ w.astype(np.float32) + np.float32(b)\n"
        "    e = np.exp(-np.abs(z))\n"
        "    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"
        "    r = p - (y == 1)\n"
        "    return np.hstack([r @ X, r.sum()]) / np.float32(len(y))\n",
        True,
    ),
    # dL/dp used as dL/dz: the sigmoid's derivative, the inner one, forgotten.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
        "    g = (1 - y) / (1 - p) - y / p\n"
        "    return np.append(X.T @ g, g.sum()) / len(y)\n",
        False,
        "missing-inner-derivative",
    ),
    # The weights' part averaged, the bias's part summed: no named mistake.
    Code(
        GRAD,
        "def log_loss_gradient(X, y, w, b):\n"
        "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
        "    return np.append(X.T @ (p - y) / len(y), np.sum(p - y))\n",
        False,
        None,
        "index (1,): expected 0.298101, got 0.894302",
    ),
    Code(ODDS, "answer = np.float32(-np.log(1 / np.float32(0.9) - 1))\n", True),
    Code(ODDS, "answer = np.log(0.9) - np.log1p(-0.9)\n", True),
    Code(
        ODDS,
        "answer = np.log2(0.9 / 0.1)\n",
        False,
        None,
        "3.1699 is not right to 2 decimal places",
    ),
    # The odds themselves, without the log.
    Code(ODDS, "answer = 0.9 / (1 - 0.9)\n", False, None, "9 is not right"),
    # A pipeline with another solver.
    Code(
        RECALL,
        _RAW + "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import recall_score\n"
        "pipe = make_pipeline(StandardScaler(), LogisticRegression(C=np.inf, solver='newton-cg'))\n"
        "pipe.fit(Xtr, ytr)\n"
        "answer = recall_score(yte, pipe.predict_proba(Xte)[:, 1] >= 0.35)\n",
        True,
    ),
    # No standardising at all: the same model in other units, the same probabilities.
    Code(
        RECALL,
        _RAW + "from sklearn.linear_model import LogisticRegression\n"
        "m = LogisticRegression(C=np.inf, max_iter=10000).fit(Xtr, ytr)\n"
        "p = m.predict_proba(Xte)[:, 1]\n"
        "answer = np.count_nonzero(p[yte == 1] >= 0.35) / np.count_nonzero(yte)\n",
        True,
    ),
    # float32 gradient descent on a column of ones, standardised with ddof=1, counted in a loop.
    Code(
        RECALL,
        _RAW + "m, s = Xtr.mean(0), Xtr.std(0, ddof=1)\n"
        "A = np.column_stack([(Xtr - m) / s, np.ones(len(Xtr))]).astype(np.float32)\n"
        "B = np.column_stack([(Xte - m) / s, np.ones(len(Xte))]).astype(np.float32)\n"
        "theta = np.zeros(3, np.float32)\n"
        "for _ in range(3000):\n"
        "    theta -= 0.5 * A.T @ (1 / (1 + np.exp(-(A @ theta))) - ytr) / len(ytr)\n"
        "p = 1 / (1 + np.exp(-(B @ theta)))\n"
        "answer = sum(1 for pi, yi in zip(p, yte) if yi == 1 and pi >= 0.35) / sum(yte)\n",
        True,
    ),
    # predict() thresholds at 0.5: the lesson's recall, not the one at 0.35.
    Code(
        RECALL,
        _SKLEARN + "from sklearn.metrics import recall_score\n"
        "answer = recall_score(yte, model.predict(Zte))\n",
        False,
        None,
        "0.84906 is not right",
    ),
    # The accuracy at 0.35, not the recall.
    Code(
        RECALL,
        _SKLEARN + "answer = np.mean((model.predict_proba(Zte)[:, 1] >= 0.35) == yte)\n",
        False,
        None,
        "0.92308 is not right",
    ),
]
TYPED += [
    Typed(ODDS, "2.197224577", True),
    Typed(ODDS, "+2.2", True),
    Typed(ODDS, "9", False, None, "is not right"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
