"""The checkpoints of lesson 05-calculus/03 (calc.chain-rule) grade real submissions right.

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


SIGMOID = "calc.chain-rule.sigmoid-weight"

CODE = [
    # float32 throughout.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    w, b, x = np.float32(w), np.float32(b), np.float32(x)\n"
        "    s = np.float32(1) / (np.float32(1) + np.exp(-(w * x + b)))\n"
        "    return s * (np.float32(1) - s) * x\n",
        True,
    ),
    # SciPy's sigmoid, expit.
    Code(
        SIGMOID,
        "from scipy.special import expit\n"
        "def sigmoid_slope_w(w, b, x):\n"
        "    s = expit(w * x + b)\n"
        "    return x * s * (1 - s)\n",
        True,
    ),
    # The unsimplified chain, e^{-z} / (1 + e^{-z})^2 times x, with math.exp.
    Code(
        SIGMOID,
        "import math\n"
        "def sigmoid_slope_w(w, b, x):\n"
        "    e = math.exp(-(w * x + b))\n"
        "    return e / (1 + e) ** 2 * x\n",
        True,
    ),
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    s = 1 / (1 + np.exp(-(w * x + b)))\n"
        "    return s * (1 - s)\n",
        False,
        "missing-inner-derivative",
    ),
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    s = 1 / (1 + np.exp(-(w * x + b)))\n"
        "    return s * (1 - s) * w\n",
        False,
        "inner-slope-for-x",
    ),
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n    return x / (1 + np.exp(-(w * x + b)))\n",
        False,
        "sigmoid-as-own-slope",
    ),
    # The minus of -z lost twice over: a sign error, no named mistake, a true relationship.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    s = 1 / (1 + np.exp(-(w * x + b)))\n"
        "    return -s * (1 - s) * x\n",
        False,
        None,
        "opposite sign",
    ),
]

# The reviewer's submissions (docs/reviewing-a-lesson.md, section 4).
REVIEW_CODE = [
    # The sigmoid through tanh: sigma(z) = (1 + tanh(z / 2)) / 2.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    t = np.tanh((w * x + b) / 2)\n"
        "    return x * (1 - t**2) / 4\n",
        True,
    ),
    # A stable sigmoid from logaddexp.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    s = np.exp(-np.logaddexp(0, -(w * x + b)))\n"
        "    return s * (1 - s) * x\n",
        True,
    ),
    # The complex-step derivative in w.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    wc = w + 1e-20j\n"
        "    return (1 / (1 + np.exp(-(wc * x + b)))).imag / 1e-20\n",
        True,
    ),
    # The square of (1 + e^{-z}) forgotten.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n    e = np.exp(-(w * x + b))\n    return e / (1 + e) * x\n",
        False,
        None,
        "expected 0.705011, got 1.13262",
    ),
    # b left out of z.
    Code(
        SIGMOID,
        "def sigmoid_slope_w(w, b, x):\n"
        "    s = 1 / (1 + np.exp(-w * x))\n"
        "    return s * (1 - s) * x\n",
        False,
        None,
        "expected 0.705011, got 0.447439",
    ),
]

TEXTURE = "calc.chain-rule.texture-gradient"

TYPED = [
    Typed(TEXTURE, "-0.5734", True),
    Typed(TEXTURE, "\u22120.57337", True),
    Typed(TEXTURE, "-0.573374428", True),
    Typed(TEXTURE, "-0.57", False, None, "is not right"),
    Typed(TEXTURE, "-0.0068", False, "missing-inner-derivative"),
    Typed(TEXTURE, "0.5734", False, "sign-flipped"),
    Typed(TEXTURE, "-326.25", False, "sum-not-mean"),
    # The reviewer's: scientific notation, no leading zero.
    Typed(TEXTURE, "-5.7337e-1", True),
    Typed(TEXTURE, "-.57337", True),
]

FILES = [
    # The backward pass written out, in float32.
    Code(
        TEXTURE,
        "from sklearn.datasets import load_breast_cancer\n"
        "data = load_breast_cancer()\n"
        "x = data.data[:, 1].astype(np.float32)\n"
        "y = (data.target == 0).astype(np.float32)\n"
        "p = 1 / (1 + np.exp(-(np.float32(0.1) * x - np.float32(2.5))))\n"
        "answer = np.mean((p - y) * x)\n",
        True,
    ),
    # A central difference of the loss instead of the formula: also right.
    Code(
        TEXTURE,
        "from sklearn.datasets import load_breast_cancer\n"
        "X, t = load_breast_cancer(return_X_y=True)\n"
        "x, y = X[:, 1], (t == 0).astype(int)\n"
        "def L(w):\n"
        "    z = w * x - 2.5\n"
        "    return np.mean(np.log1p(np.exp(-z)) + (1 - y) * z)\n"
        "answer = (L(0.1 + 1e-5) - L(0.1 - 1e-5)) / 2e-5\n",
        True,
    ),
    # The reviewer's: SciPy's expit, y as 1 - target, a dot product.
    Code(
        TEXTURE,
        "from scipy.special import expit\n"
        "from sklearn.datasets import load_breast_cancer\n"
        "X, t = load_breast_cancer(return_X_y=True)\n"
        "x, y = X[:, 1], 1 - t\n"
        "answer = float(np.dot(expit(0.1 * x - 2.5) - y, x) / len(x))\n",
        True,
    ),
    # The reviewer's: a plain loop over the tumours.
    Code(
        TEXTURE,
        "from sklearn.datasets import load_breast_cancer\n"
        "d = load_breast_cancer()\n"
        "total = 0.0\n"
        "for xi, ti in zip(d.data[:, 1], d.target):\n"
        "    pi = 1 / (1 + np.exp(-(0.1 * xi - 2.5)))\n"
        "    total += (pi - (1 if ti == 0 else 0)) * xi\n"
        "answer = total / len(d.target)\n",
        True,
    ),
    # The lesson's column 0 (mean radius) kept by mistake.
    Code(
        TEXTURE,
        "from sklearn.datasets import load_breast_cancer\n"
        "d = load_breast_cancer()\n"
        "x, y = d.data[:, 0], (d.target == 0).astype(int)\n"
        "answer = np.mean((1 / (1 + np.exp(-(0.1 * x - 2.5))) - y) * x)\n",
        False,
        None,
        "is not right",
    ),
    # y = target: 1 for benign, the labels the other way round.
    Code(
        TEXTURE,
        "from sklearn.datasets import load_breast_cancer\n"
        "d = load_breast_cancer()\n"
        "x, y = d.data[:, 1], d.target\n"
        "answer = np.mean((1 / (1 + np.exp(-(0.1 * x - 2.5))) - y) * x)\n",
        False,
        None,
        "is not right",
    ),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE + REVIEW_CODE + FILES, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
