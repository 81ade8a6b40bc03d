"""The checkpoints of lesson 05-calculus/05-numerical-gradient (calc.numerical-gradient) grade
real submissions right: three unusual correct answers and plausible wrong ones per checkpoint
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped checks."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader

CENTRAL = "calc.numerical-gradient.central"
FLOAT32 = "calc.numerical-gradient.float32-check"


@dataclass(frozen=True)
class Row:
    name: str
    checkpoint: str
    source: str
    passed: bool
    misconception: str | None = None


ROWS = [
    # Every nudge at once: the rows of h * I are the steps h e_j.
    Row(
        "identity-rows-vectorised",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    steps = h * np.eye(len(w))\n"
        "    up = np.mean((X @ (w + steps).T - y[:, None]) ** 4, axis=0)\n"
        "    down = np.mean((X @ (w - steps).T - y[:, None]) ** 4, axis=0)\n"
        "    return (up - down) / (2 * h)\n",
        True,
    ),
    # Pure Python: lists, math.fsum, the loss summed and divided by n.
    Row(
        "pure-python-fsum",
        CENTRAL,
        "import math\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    rows, ys, w = X.tolist(), y.tolist(), list(w)\n"
        "    def L(v):\n"
        "        return math.fsum((sum(a * b for a, b in zip(r, v)) - t) ** 4\n"
        "                         for r, t in zip(rows, ys)) / len(ys)\n"
        "    out = []\n"
        "    for j in range(len(w)):\n"
        "        up = w[:j] + [w[j] + h] + w[j + 1:]\n"
        "        down = w[:j] + [w[j] - h] + w[j + 1:]\n"
        "        out.append((L(up) - L(down)) / (2 * h))\n"
        "    return out\n",
        True,
    ),
    # float32 throughout (accepted with float32's tolerance).
    Row(
        "float32",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    X, y, w = X.astype(np.float32), y.astype(np.float32), w.astype(np.float32)\n"
        "    h = np.float32(h)\n"
        "    g = np.zeros_like(w)\n"
        "    for j in range(len(w)):\n"
        "        e = np.zeros_like(w)\n"
        "        e[j] = h\n"
        "        g[j] = (np.mean(np.power(X @ (w + e) - y, 4))\n"
        "                - np.mean(np.power(X @ (w - e) - y, 4))) / (2 * h)\n"
        "    return g\n",
        True,
    ),
    # The lesson's numerical_gradient, nudging w in place and putting it back.
    Row(
        "lesson-style-in-place",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    L = lambda v: np.mean((X @ v - y) ** 4)\n"
        "    grad = np.zeros_like(w)\n"
        "    for j in range(len(w)):\n"
        "        saved = w[j]\n"
        "        w[j] = saved + h\n"
        "        up = L(w)\n"
        "        w[j] = saved - h\n"
        "        down = L(w)\n"
        "        w[j] = saved\n"
        "        grad[j] = (up - down) / (2 * h)\n"
        "    return grad\n",
        True,
    ),
    Row(
        "forward",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    L = lambda v: np.mean((X @ v - y) ** 4)\n"
        "    return np.array([(L(w + h * np.eye(len(w))[j]) - L(w)) / h for j in range(len(w))])\n",
        False,
        "forward-difference",
    ),
    Row(
        "exact",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    r = X @ w - y\n"
        "    return 4 * (X * r[:, None] ** 3).mean(axis=0)\n",
        False,
        "exact-gradient",
    ),
    Row(
        "divided-by-h",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    L = lambda v: np.mean((X @ v - y) ** 4)\n"
        "    I = np.eye(len(w))\n"
        "    return np.array([(L(w + h * I[j]) - L(w - h * I[j])) / h for j in range(len(w))])\n",
        False,
        "divided-by-h",
    ),
    # The squared error instead of the fourth power: no named mistake.
    Row(
        "squared-error",
        CENTRAL,
        "import numpy as np\n\n"
        "def central_gradient(X, y, w, h):\n"
        "    L = lambda v: np.mean((X @ v - y) ** 2)\n"
        "    I = np.eye(len(w))\n"
        "    return np.array([(L(w + h * I[j]) - L(w - h * I[j])) / (2 * h)\n"
        "                     for j in range(len(w))])\n",
        False,
        None,
    ),
    Row("float32-letter", FLOAT32, 'answer = "b"\n', True),
    Row("float32-letter-paren", FLOAT32, 'answer = "B)"\n', True),
    Row(
        "float32-text",
        FLOAT32,
        'answer = ("the check is unreliable: in float32 a step of 1e-6 drowns in rounding, '
        'so rerun it in float64")\n',
        True,
    ),
    Row("float32-formula", FLOAT32, 'answer = "a"\n', False, "blames-the-formula"),
    Row("float32-smaller-step", FLOAT32, 'answer = "d"\n', False, "smaller-step"),
    Row("float32-linear-only", FLOAT32, 'answer = "c"\n', False, None),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_a_submission_gets_its_verdict(grader: Grader, row: Row) -> None:
    feedback = grader.check_source(row.checkpoint, row.source)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
