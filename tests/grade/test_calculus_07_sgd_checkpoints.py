"""The checkpoints of lesson 05-calculus/07 (calc.sgd): the module's fix-the-bug checkpoint and
Adam's update grade real submissions right (docs/reviewing-a-lesson.md, section 4): unusual
correct answers pass, plausible wrong ones fail naming their mistake when it is a known one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader
from mlpath.grade.loader import load_checkpoints

FIX = "calc.sgd.fix-zero-grad"
ADAM = "calc.sgd.adam"

HEADER = "import numpy as np\nfrom mlpath.toolkit.autograd import Tensor\n\n\n"


def _loop(body: str) -> str:
    """The starter's `train`, with `body` as the inside of its loop."""
    return (
        HEADER + "def train(X, y, lr, steps):\n"
        "    w = Tensor(np.zeros((X.shape[1], 1)))\n"
        "    losses = []\n"
        "    for step in range(steps):\n" + body + "    return losses\n"
    )


# The reviewer's Adam steps (whole files).
ADAM_LERP = """import numpy as np


def adam_step(w, g, m, s, t, lr):
    m_new = m + 0.1 * (g - m)                      # move 10% of the way towards g
    s_new = s + 0.001 * (np.square(g) - s)
    correction = (1 - 0.999 ** t) ** 0.5 / (1 - 0.9 ** t)
    update = lr * correction * m_new / (s_new ** 0.5 + 1e-8 * (1 - 0.999 ** t) ** 0.5)
    return (w - update, m_new, s_new)
"""

ADAM_FLAT32 = """import math
import numpy as np


def adam_step(w, g, m, s, t, lr):
    w, g, m, s = (np.array(a, dtype=np.float32) for a in (w, g, m, s))
    for i in range(w.size):
        m.flat[i] = 0.9 * m.flat[i] + 0.1 * g.flat[i]
        s.flat[i] = 0.999 * s.flat[i] + 0.001 * g.flat[i] ** 2
        m_hat = m.flat[i] / (1 - 0.9 ** t)
        s_hat = s.flat[i] / (1 - 0.999 ** t)
        w.flat[i] -= lr * m_hat / (math.sqrt(s_hat) + 1e-8)
    return w, m, s
"""

ADAM_T0 = """import numpy as np


def adam_step(w, g, m, s, t, lr):
    m = 0.9 * m + 0.1 * g
    s = 0.999 * s + 0.001 * g**2
    m_hat = m / (1 - 0.9 ** (t + 1))               # counts steps from 0
    s_hat = s / (1 - 0.999 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(s_hat) + 1e-8), m, s
"""

ADAM_HALF = """import numpy as np


def adam_step(w, g, m, s, t, lr):
    m = 0.9 * m + 0.1 * g
    s = 0.999 * s + 0.001 * g**2
    m_hat = m / (1 - 0.9**t)                       # only the first average corrected
    return w - lr * m_hat / (np.sqrt(s) + 1e-8), m, s
"""

ADAM_PLUS = """import numpy as np


def adam_step(w, g, m, s, t, lr):
    m = 0.9 * m + 0.1 * g
    s = 0.999 * s + 0.001 * g**2
    m_hat, s_hat = m / (1 - 0.9**t), s / (1 - 0.999**t)
    return w + lr * m_hat / (np.sqrt(s_hat) + 1e-8), m, s
"""


@dataclass(frozen=True)
class Row:
    name: str
    checkpoint: str
    source: str
    passed: bool
    misconception: str | None = None


ROWS = [
    # The lesson's fix: reset before backward.
    Row(
        "zero-grad-before-backward",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        w.zero_grad()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        losses.append(float(loss.data))\n"
        ),
        True,
    ),
    # A fresh leaf every step has a fresh, zero gradient.
    Row(
        "fresh-tensor-each-step",
        FIX,
        _loop(
            "        w = Tensor(w.data)\n"
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        losses.append(loss.data.item())\n"
        ),
        True,
    ),
    # The gradient set back to zeros by hand after the update.
    Row(
        "reset-by-hand-after-update",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.data -= lr * w.grad\n"
            "        w.grad = np.zeros_like(w.data)\n"
            "        losses.append(float(loss.data))\n"
        ),
        True,
    ),
    # No engine at all: the gradient formula, in float32.
    Row(
        "numpy-float32",
        FIX,
        "import numpy as np\n\n"
        "def train(X, y, lr, steps):\n"
        "    X, y = X.astype(np.float32), y.astype(np.float32)\n"
        "    w = np.zeros((X.shape[1], 1), dtype=np.float32)\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        r = X @ w - y\n"
        "        losses.append(np.float32(np.mean(r * r)))\n"
        "        w = w - np.float32(lr * 2 / len(X)) * (X.T @ r)\n"
        "    return np.array(losses)\n",
        True,
    ),
    Row(
        "zero-after-backward",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.zero_grad()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        losses.append(float(loss.data))\n"
        ),
        False,
        "zero-after-backward",
    ),
    # Zeroing the loss, a new node each step, changes nothing: still the starter's bug.
    Row(
        "zero-the-loss",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.zero_grad()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        losses.append(float(loss.data))\n"
        ),
        False,
        "no-zero-grad",
    ),
    # Halving the learning rate to calm the swings, gradient still accumulating.
    Row(
        "smaller-rate-instead",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr / 2 * w.grad\n"
            "        losses.append(float(loss.data))\n"
        ),
        False,
        None,
    ),
    # Entry by entry with math.sqrt.
    Row(
        "adam-loop",
        ADAM,
        "import math\nimport numpy as np\n\n"
        "def adam_step(w, g, m, s, t, lr):\n"
        "    w, m, s = w.copy(), m.copy(), s.copy()\n"
        "    for i in range(len(w)):\n"
        "        m[i] = 0.9 * m[i] + 0.1 * g[i]\n"
        "        s[i] = 0.999 * s[i] + 0.001 * g[i] ** 2\n"
        "        w[i] -= lr * (m[i] / (1 - 0.9**t)) / (math.sqrt(s[i] / (1 - 0.999**t)) + 1e-8)\n"
        "    return w, m, s\n",
        True,
    ),
    # The Adam paper's rearranged step (epsilon scaled by the correction), in float32.
    Row(
        "adam-paper-form-float32",
        ADAM,
        "import numpy as np\n\n"
        "def adam_step(w, g, m, s, t, lr):\n"
        "    w, g, m, s = (a.astype(np.float32) for a in (w, g, m, s))\n"
        "    m = np.float32(0.9) * m + np.float32(0.1) * g\n"
        "    s = np.float32(0.999) * s + np.float32(0.001) * g * g\n"
        "    step = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)\n"
        "    return w - np.float32(step) * m / (np.sqrt(s) + np.float32(1e-8)), m, s\n",
        True,
    ),
    # Lists out, with the decays written as 1 - beta.
    Row(
        "adam-returns-lists",
        ADAM,
        "import numpy as np\n\n"
        "def adam_step(w, g, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        "    m = beta1 * m + (1 - beta1) * g\n"
        "    s = beta2 * s + (1 - beta2) * np.square(g)\n"
        "    w = w - lr * (m / (1 - beta1**t)) / (np.sqrt(s / (1 - beta2**t)) + eps)\n"
        "    return [w.tolist(), m.tolist(), s.tolist()]\n",
        True,
    ),
    Row(
        "adam-no-correction",
        ADAM,
        "import numpy as np\n\n"
        "def adam_step(w, g, m, s, t, lr):\n"
        "    m = 0.9 * m + 0.1 * g\n"
        "    s = 0.999 * s + 0.001 * g * g\n"
        "    return w - lr * m / (np.sqrt(s) + 1e-8), m, s\n",
        False,
        "no-bias-correction",
    ),
    Row(
        "adam-stores-corrected",
        ADAM,
        "import numpy as np\n\n"
        "def adam_step(w, g, m, s, t, lr):\n"
        "    m = (0.9 * m + 0.1 * g) / (1 - 0.9**t)\n"
        "    s = (0.999 * s + 0.001 * g**2) / (1 - 0.999**t)\n"
        "    return w - lr * m / (np.sqrt(s) + 1e-8), m, s\n",
        False,
        "returned-corrected",
    ),
    # Only the new weights: no named mistake.
    Row(
        "adam-weights-only",
        ADAM,
        "import numpy as np\n\n"
        "def adam_step(w, g, m, s, t, lr):\n"
        "    m = 0.9 * m + 0.1 * g\n"
        "    s = 0.999 * s + 0.001 * g**2\n"
        "    return w - lr * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)\n",
        False,
        None,
    ),
    # The reviewer's (docs/reviewing-a-lesson.md, section 4). The reset at the top of the loop,
    # before the forward pass, and the losses returned as an array.
    Row(
        "zero-grad-first",
        FIX,
        HEADER + "def train(X, y, lr, steps):\n"
        "    w = Tensor(np.zeros((X.shape[1], 1)))\n"
        "    losses = np.zeros(steps)\n"
        "    for step in range(steps):\n"
        "        w.zero_grad()\n"
        "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
        "        loss.backward()\n"
        "        w.data -= lr * w.grad\n"
        "        losses[step] = loss.data\n"
        "    return losses\n",
        True,
    ),
    # The gradient set to the integer 0: backward's += turns it into an array again.
    Row(
        "grad-set-to-int-zero",
        FIX,
        _loop(
            "        w.grad = 0\n"
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        losses.append(float(loss.data))\n"
        ),
        True,
    ),
    # Multiplied by 0 in place after the update.
    Row(
        "grad-times-zero-after-update",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        w.grad *= 0\n"
            "        losses.append(float(loss.data))\n"
        ),
        True,
    ),
    # The accumulated gradient averaged over the steps so far: still not this step's gradient.
    Row(
        "average-the-accumulated-gradient",
        FIX,
        _loop(
            "        loss = ((Tensor(X) @ w - y) ** 2).mean()\n"
            "        loss.backward()\n"
            "        w.data = w.data - lr * w.grad / (step + 1)\n"
            "        losses.append(float(loss.data))\n"
        ),
        False,
        None,
    ),
    # Fixed, but each loss recorded after the update instead of before: no named mistake.
    Row(
        "loss-after-the-update",
        FIX,
        _loop(
            "        w.zero_grad()\n"
            "        ((Tensor(X) @ w - y) ** 2).mean().backward()\n"
            "        w.data = w.data - lr * w.grad\n"
            "        losses.append(float(((Tensor(X) @ w - y) ** 2).mean().data))\n"
        ),
        False,
        None,
    ),
    # m and s moved 10% and 0.1% of the way to g and g^2, the corrections folded into the step.
    Row("adam-interpolated", ADAM, ADAM_LERP, True),
    # Entry by entry through .flat, in float32.
    Row("adam-flat-float32", ADAM, ADAM_FLAT32, True),
    Row("adam-t-from-zero", ADAM, ADAM_T0, False, None),
    Row("adam-only-m-corrected", ADAM, ADAM_HALF, False, None),
    Row("adam-climbs", ADAM, ADAM_PLUS, False, None),
]


def test_the_starter_is_named_as_its_bug(grader: Grader) -> None:
    feedback = grader.check_source(FIX, load_checkpoints()[FIX].starter)
    assert not feedback.passed
    assert feedback.misconception == "no-zero-grad", feedback.message


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_a_submission_gets_its_verdict(grader: Grader, row: Row) -> None:
    feedback = grader.check_source(row.checkpoint, row.source)
    assert feedback.passed == row.passed, feedback.message
    if not row.passed:
        assert feedback.misconception == row.misconception, feedback.message
