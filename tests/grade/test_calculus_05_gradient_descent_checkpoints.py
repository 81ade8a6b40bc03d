"""The checkpoints of lesson 05-calculus/05 (calc.gradient-descent, calc.extrema) grade real
submissions right: three unusual correct answers and plausible wrong ones per checkpoint
(docs/reviewing-a-lesson.md, section 4), graded by the real grader over the shipped `.checks.py`
files: passed, or failed naming the misconception (None: no misconception named).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints


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


DESCEND = "calc.gradient-descent.implement"

CODE = [
    # Pure Python with math.fsum, returning a list.
    Code(
        DESCEND,
        "import math\n\n"
        "def descend(x, y, w0, lr, steps):\n"
        "    ws = [w0]\n"
        "    for _ in range(steps):\n"
        "        w = ws[-1]\n"
        "        g = math.fsum(2 * a * (w * a - b) for a, b in zip(x, y)) / len(x)\n"
        "        ws.append(w - lr * g)\n"
        "    return ws\n",
        True,
    ),
    # float32 throughout.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    x, y = x.astype(np.float32), y.astype(np.float32)\n"
        "    w = np.float32(w0)\n"
        "    out = np.zeros(steps + 1, dtype=np.float32)\n"
        "    out[0] = w\n"
        "    for t in range(steps):\n"
        "        w = w - np.float32(lr) * np.mean(2 * x * (w * x - y))\n"
        "        out[t + 1] = w\n"
        "    return out\n",
        True,
    ),
    # The gradient expanded: 2 (w sum x^2 - sum x y) / n, with dot products computed once.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    sxx, sxy, n = x @ x, x @ y, len(x)\n"
        "    ws = np.empty(steps + 1)\n"
        "    ws[0] = w0\n"
        "    for t in range(steps):\n"
        "        ws[t + 1] = ws[t] - lr * 2 * (ws[t] * sxx - sxy) / n\n"
        "    return ws\n",
        True,
    ),
    # The learner's own central differences.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    L = lambda w: np.mean((w * x - y) ** 2)\n"
        "    ws = [w0]\n"
        "    for _ in range(steps):\n"
        "        w = ws[-1]\n"
        "        ws.append(w - lr * (L(w + 1e-6) - L(w - 1e-6)) / 2e-6)\n"
        "    return np.array(ws)\n",
        True,
    ),
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    ws = [w0]\n"
        "    for _ in range(steps):\n"
        "        ws.append(ws[-1] + lr * np.mean(2 * x * (ws[-1] * x - y)))\n"
        "    return np.array(ws)\n",
        False,
        "sign-error",
    ),
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    w, ws = w0, [w0]\n"
        "    for _ in range(steps):\n"
        "        w -= lr * 2 * np.sum(x * (w * x - y))\n"
        "        ws.append(w)\n"
        "    return np.array(ws)\n",
        False,
        "sum-not-mean",
    ),
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    ws = [w0]\n"
        "    for _ in range(steps):\n"
        "        ws.append(ws[-1] - lr * np.mean(2 * (ws[-1] * x - y)))\n"
        "    return np.array(ws)\n",
        False,
        "no-inner-derivative",
    ),
    # Leaves out w0: the wrong shape, no named mistake.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    w, ws = w0, []\n"
        "    for _ in range(steps):\n"
        "        w = w - lr * np.mean(2 * x * (w * x - y))\n"
        "        ws.append(w)\n"
        "    return np.array(ws)\n",
        False,
        None,
        "wrong shape",
    ),
]

# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4).
CODE += [
    # The closed form: w - w* shrinks by the factor 1 - 2 lr mean(x^2) at every step.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    a, b = np.mean(x * x), np.mean(x * y)\n"
        "    factor = 1 - 2 * lr * a\n"
        "    return b / a + (w0 - b / a) * factor ** np.arange(steps + 1)\n",
        True,
    ),
    # The course's autograd computes the slope.
    Code(
        DESCEND,
        "from mlpath.toolkit.autograd import Tensor\n\n"
        "def descend(x, y, w0, lr, steps):\n"
        "    w = Tensor(w0)\n"
        "    out = [float(w.data)]\n"
        "    for _ in range(steps):\n"
        "        w.zero_grad()\n"
        "        ((w * x - y) ** 2).mean().backward()\n"
        "        w.data = w.data - lr * w.grad\n"
        "        out.append(float(w.data))\n"
        "    return np.array(out)\n",
        True,
    ),
    # A generator read into a float32 array.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    def path():\n"
        "        w = w0\n"
        "        yield w\n"
        "        for _ in range(steps):\n"
        "            w -= lr * 2 * np.dot(x, w * x - y) / x.size\n"
        "            yield w\n"
        "    return np.fromiter(path(), dtype=np.float32, count=steps + 1)\n",
        True,
    ),
    # The residual written target minus prediction: the same uphill step as a +.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    w, ws = w0, [w0]\n"
        "    for _ in range(steps):\n"
        "        w = w - lr * np.mean(2 * x * (y - w * x))\n"
        "        ws.append(w)\n"
        "    return np.array(ws)\n",
        False,
        "sign-error",
        "against it",
    ),
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    ws = [w0]\n"
        "    for _ in range(steps):\n"
        "        ws.append(ws[-1] - lr * (x * (ws[-1] * x - y)).mean())\n"
        "    return np.array(ws)\n",
        False,
        "no-factor-two",
    ),
    # The slope computed once, at w0, and reused: no named mistake, the first wrong entry shown.
    Code(
        DESCEND,
        "def descend(x, y, w0, lr, steps):\n"
        "    g = np.mean(2 * x * (w0 * x - y))\n"
        "    ws = [w0]\n"
        "    for _ in range(steps):\n"
        "        ws.append(ws[-1] - lr * g)\n"
        "    return np.array(ws)\n",
        False,
        None,
        "expected 1.43111, got 1.86667",
    ),
]

RATE = "calc.gradient-descent.largest-rate"
MINIMA = "calc.extrema.which-are-minima"

TYPED = [
    Typed(RATE, "0.33", True),
    Typed(RATE, "0.333333333", True),
    Typed(RATE, "3.3e-1", True),
    Typed(RATE, ".334", True),
    Typed(RATE, "2", False, "flat-direction"),
    Typed(RATE, "0.67", False, "no-factor-two"),
    Typed(RATE, "0.1667", False, "no-overshoot"),
    Typed(RATE, "0.5", False, None, "is not right"),
    Typed(MINIMA, "b", True),
    Typed(MINIMA, "B)", True),
    Typed(MINIMA, "w = -1 and w = 1", True),
    Typed(MINIMA, "a", False, "zero-gradient-is-minimum"),
    Typed(MINIMA, "c", False, "maximum-for-minimum"),
    Typed(MINIMA, "d", False, None),
    # The reviewer's.
    Typed(RATE, "0.3333333333333333", True),
    Typed(RATE, " 0.33 ", True),
    Typed(RATE, "0,33", False, None, "decimal point"),
    Typed(RATE, "0.1", False, None),  # the lesson's limit for its own bowl
    Typed(RATE, "1", False, None),  # the lesson's one-weight limit
    Typed(RATE, "0.17", False, "no-overshoot"),
    Typed(MINIMA, "b.", True),
    Typed(MINIMA, " B ", True),
    Typed(MINIMA, "C", False, "maximum-for-minimum"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


def test_the_prompts_worked_example_is_what_the_reference_returns() -> None:
    reference = load_checkpoints()[DESCEND].reference
    assert reference is not None
    got = reference(np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.0, 0.05, 2)
    assert np.round(got, 4).tolist() == [0.0, 0.9333, 1.4311]
