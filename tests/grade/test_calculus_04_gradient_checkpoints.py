"""The checkpoints of lesson 05-calculus/04 (calc.gradient, calc.numerical-gradient) grade real
submissions right.

For each checkpoint, three unusual correct submissions and at least two plausible wrong ones
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped
`.checks.py` files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader


@dataclass(frozen=True)
class Code:
    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Code) -> str:
    text = row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


MSE = "calc.gradient.mse-gradient"
RESIDUAL = "def mse_gradient(w, b, x, y):\n    r = w * x + b - y\n"

MSE_ROWS = [
    # A loop over the points in plain Python, returned as a tuple.
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n"
        "    n = len(x)\n"
        "    gw = sum(2 * (w * xi + b - yi) * xi for xi, yi in zip(x, y)) / n\n"
        "    gb = sum(2 * (w * xi + b - yi) for xi, yi in zip(x, y)) / n\n"
        "    return gw, gb\n",
        True,
    ),
    # float32 throughout.
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n"
        "    x, y = x.astype(np.float32), y.astype(np.float32)\n"
        "    r = np.float32(w) * x + np.float32(b) - y\n"
        "    return np.array([2 * np.mean(r * x), 2 * np.mean(r)], dtype=np.float32)\n",
        True,
    ),
    # The matrix form of the lesson's many-weight section: (2/n) A^T (A theta - y).
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n"
        "    A = np.column_stack([x, np.ones_like(x)])\n"
        "    return 2 / len(y) * A.T @ (A @ np.array([w, b]) - y)\n",
        True,
    ),
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n"
        "    r = y - w * x - b\n"
        "    return np.array([2 * np.mean(r * x), 2 * np.mean(r)])\n",
        False,
        "sign-error",
    ),
    Code(
        MSE,
        RESIDUAL + "    return np.array([np.mean(r * x), np.mean(r)])\n",
        False,
        "missing-factor-2",
    ),
    Code(
        MSE,
        RESIDUAL + "    return np.array([2 * np.mean(r), 2 * np.mean(r)])\n",
        False,
        "missing-inner-x",
    ),
    Code(
        MSE,
        RESIDUAL + "    return np.array([2 * np.mean(r), 2 * np.mean(r * x)])\n",
        False,
        "swapped-order",
    ),
    Code(
        MSE,
        RESIDUAL + "    return np.array([2 * np.sum(r * x), 2 * np.sum(r)])\n",
        False,
        "sum-not-mean",
    ),
    # Only dL/dw: the feedback names the shape.
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n    return 2 * np.mean((w * x + b - y) * x)\n",
        False,
        None,
        "wrong shape",
    ),
]

NUMGRAD = "calc.numerical-gradient.implement"
LOSS = (
    "X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])\n"
    "y = np.array([1.0, 0.0, 1.0, 0.0])\n"
    "def loss(theta):\n"
    "    p = 1 / (1 + np.exp(-(X @ theta)))\n"
    "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
)

NUMGRAD_ROWS = [
    # Nudging in place, and putting each weight back before the next.
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    theta = theta.astype(float)\n"
        "    grad = np.zeros_like(theta)\n"
        "    for i in range(len(theta)):\n"
        "        old = theta[i]\n"
        "        theta[i] = old + h\n"
        "        up = loss(theta)\n"
        "        theta[i] = old - h\n"
        "        down = loss(theta)\n"
        "        theta[i] = old\n"
        "        grad[i] = (up - down) / (2 * h)\n"
        "    return grad\n",
        True,
    ),
    # The rows of an identity matrix as the unit vectors e_i, in a list comprehension.
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    E = np.eye(len(theta))\n"
        "    return np.array([(loss(theta + h * e) - loss(theta - h * e)) / (2 * h) for e in E])\n",
        True,
    ),
    # float32 throughout: data, weights, step.
    Code(
        NUMGRAD,
        "X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]],\n"
        "             dtype=np.float32)\n"
        "y = np.array([1.0, 0.0, 1.0, 0.0], dtype=np.float32)\n"
        "def loss(theta):\n"
        "    p = 1 / (1 + np.exp(-(X @ theta)))\n"
        "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
        "def numerical_gradient(theta, h):\n"
        "    theta, h = theta.astype(np.float32), np.float32(h)\n"
        "    grad = np.zeros(3, dtype=np.float32)\n"
        "    for i in range(3):\n"
        "        e = np.zeros(3, dtype=np.float32)\n"
        "        e[i] = h\n"
        "        grad[i] = (loss(theta + e) - loss(theta - e)) / (2 * h)\n"
        "    return grad\n",
        True,
    ),
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    grad = np.zeros(len(theta))\n"
        "    for i in range(len(theta)):\n"
        "        plus = theta.copy()\n"
        "        plus[i] += h\n"
        "        grad[i] = (loss(plus) - loss(theta)) / h\n"
        "    return grad\n",
        False,
        "forward-difference",
    ),
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    grad = np.zeros(len(theta))\n"
        "    for i in range(len(theta)):\n"
        "        plus = theta\n"
        "        plus[i] += h\n"
        "        up = loss(plus)\n"
        "        minus = theta\n"
        "        minus[i] -= h\n"
        "        grad[i] = (up - loss(minus)) / (2 * h)\n"
        "    return grad\n",
        False,
        "no-copy",
    ),
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    grad = np.zeros(len(theta))\n"
        "    for i in range(len(theta)):\n"
        "        theta[i] += h\n"
        "        up = loss(theta)\n"
        "        theta[i] -= 2 * h\n"
        "        grad[i] = (up - loss(theta)) / (2 * h)\n"
        "    return grad\n",
        False,
        "not-restored",
    ),
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    E = np.eye(3)\n"
        "    return np.array([(loss(theta + h * e) - loss(theta - h * e)) / h for e in E])\n",
        False,
        "divided-by-h",
    ),
    # The course's helper is a forbidden shortcut, named as such.
    Code(
        NUMGRAD,
        LOSS + "from mlpath.toolkit.autograd import numerical_gradient as ng\n"
        "def numerical_gradient(theta, h):\n"
        "    return ng(loss, theta, h)\n",
        False,
        None,
        "ready-made numerical gradient",
    ),
]


# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4).
REVIEW_ROWS = [
    # The expanded form: 2 (w mean(x^2) + b mean(x) - mean(x y)) and 2 (w mean(x) + b - mean(y)).
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n"
        "    return 2 * np.array([w * np.mean(x * x) + b * np.mean(x) - np.mean(x * y),\n"
        "                         w * np.mean(x) + b - np.mean(y)])\n",
        True,
    ),
    # np.einsum for the sum of r x, a list returned.
    Code(
        MSE,
        RESIDUAL + "    return [2 / len(x) * np.einsum('i,i->', r, x), 2 / len(x) * r.sum()]\n",
        True,
    ),
    # A loop accumulating both partials, divided at the end.
    Code(
        MSE,
        "def mse_gradient(w, b, x, y):\n"
        "    gw = gb = 0.0\n"
        "    for xi, yi in zip(x, y):\n"
        "        r = w * xi + b - yi\n"
        "        gw, gb = gw + 2 * r * xi, gb + 2 * r\n"
        "    return np.array([gw, gb]) / len(x)\n",
        True,
    ),
    # Divided by n - 1, the sample-variance habit.
    Code(
        MSE,
        RESIDUAL + "    n = len(x)\n"
        "    return np.array([2 * np.sum(r * x), 2 * np.sum(r)]) / (n - 1)\n",
        False,
        None,
        "expected -0.75, got -1",
    ),
    # The mean of r times the mean of x, for the mean of r x.
    Code(
        MSE,
        RESIDUAL + "    return np.array([2 * np.mean(r) * np.mean(x), 2 * np.mean(r)])\n",
        False,
        None,
        "expected -0.75, got -1.25",
    ),
    # The unit vectors from h * np.eye, mapped.
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    steps = h * np.eye(theta.size)\n"
        "    slope = lambda e: (loss(theta + e) - loss(theta - e)) / (2 * h)\n"
        "    return np.array(list(map(slope, steps)))\n",
        True,
    ),
    # Its own, numerically stable loss: log(1 + e^z) - y z.
    Code(
        NUMGRAD,
        "X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]])\n"
        "y = np.array([1.0, 0.0, 1.0, 0.0])\n"
        "def loss(theta):\n"
        "    z = X @ theta\n"
        "    return np.mean(np.logaddexp(0, z) - y * z)\n"
        "def numerical_gradient(theta, h):\n"
        "    g = []\n"
        "    for i in range(len(theta)):\n"
        "        e = np.zeros(len(theta))\n"
        "        e[i] = h\n"
        "        g.append((loss(theta + e) - loss(theta - e)) / (2 * h))\n"
        "    return np.array(g)\n",
        True,
    ),
    # A while loop nudging a float copy in place: up, down twice, back up.
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    t = np.array(theta, dtype=float)\n"
        "    g = np.empty_like(t)\n"
        "    i = 0\n"
        "    while i < t.size:\n"
        "        t[i] += h\n"
        "        up = loss(t)\n"
        "        t[i] -= 2 * h\n"
        "        g[i] = (up - loss(t)) / (2 * h)\n"
        "        t[i] += h\n"
        "        i += 1\n"
        "    return g\n",
        True,
    ),
    # Every weight nudged at once: one directional slope copied into each entry.
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    return np.full(len(theta), (loss(theta + h) - loss(theta - h)) / (2 * h))\n",
        False,
        None,
        "expected 0.507427, got 0.520743",
    ),
    # Copies made once, outside the loop: the nudges pile up.
    Code(
        NUMGRAD,
        LOSS + "def numerical_gradient(theta, h):\n"
        "    plus, minus = theta.copy(), theta.copy()\n"
        "    grad = np.zeros(len(theta))\n"
        "    for i in range(len(theta)):\n"
        "        plus[i] += h\n"
        "        minus[i] -= h\n"
        "        grad[i] = (loss(plus) - loss(minus)) / (2 * h)\n"
        "    return grad\n",
        False,
        None,
        "expected -0.455698, got 0.0518415",
    ),
]

FLOAT32_LOOP = (
    "X = np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-1.5, 0.5, 1.0], [2.0, 1.0, 0.5]],\n"
    "             dtype=np.float32)\n"
    "y = np.array([1.0, 0.0, 1.0, 0.0], dtype=np.float32)\n"
    "def loss(theta):\n"
    "    p = 1 / (1 + np.exp(-(X @ theta)))\n"
    "    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))\n"
    "def numerical_gradient(theta, h):\n"
    "    theta, h = theta.astype(np.float32), np.float32(h)\n"
    "    grad = np.zeros(3, dtype=np.float32)\n"
    "    for i in range(3):\n"
    "        e = np.zeros(3, dtype=np.float32)\n"
    "        e[i] = h\n"
    "        grad[i] = (loss(theta + e) - loss(theta - e)) / (2 * h)\n"
    "    return grad\n"
)
FLOAT32_EXPANDED = (
    "def mse_gradient(w, b, x, y):\n"
    "    x, y, w, b = x.astype(np.float32), y.astype(np.float32), np.float32(w), np.float32(b)\n"
    "    return 2 * np.array([w * np.mean(x * x) + b * np.mean(x) - np.mean(x * y),\n"
    "                         w * np.mean(x) + b - np.mean(y)], dtype=np.float32)\n"
)


@pytest.mark.parametrize(
    ("checkpoint", "body", "seeds"),
    [(NUMGRAD, FLOAT32_LOOP, (34, 80, 127, 170)), (MSE, FLOAT32_EXPANDED, (1690, 2165))],
    ids=["numerical-gradient-float32", "mse-gradient-float32-expanded"],
)
def test_float32_passes_on_cases_where_float32_rounding_shows(
    grader: Grader, checkpoint: str, body: str, seeds: tuple[int, ...]
) -> None:
    """Float32 answers pass on other seeds' cases too, where rounding is largest (their errors
    reached 5e-5 and 3e-6 there, above float32's default tolerance)."""
    feedback = grader.check_source(checkpoint, "import numpy as np\n" + body, seeds=seeds)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize("row", MSE_ROWS + NUMGRAD_ROWS + REVIEW_ROWS, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
    assert row.says in feedback.message, feedback.message
