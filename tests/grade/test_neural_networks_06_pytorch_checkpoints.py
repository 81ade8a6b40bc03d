"""The checkpoints of lesson 07-neural-networks/06 (nn.pytorch) grade real submissions right.

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


NO_ZERO = "nn.pytorch.no-zero-grad"

TYPED = [
    Typed(NO_ZERO, "-0.024", True),
    Typed(NO_ZERO, "\u22120.024", True),
    Typed(NO_ZERO, "-0.0240000001", True),
    Typed(NO_ZERO, " -.024 ", True),
    Typed(NO_ZERO, "1.536", False, "as-if-zeroed"),
    Typed(NO_ZERO, "1.2", False, "first-gradient-reused"),
    Typed(NO_ZERO, "0.024", False, None),
    # Second reader: scientific notation, a fraction, a trailing zero; two steps; too few digits.
    Typed(NO_ZERO, "-2.4e-2", True),
    Typed(NO_ZERO, "-24/1000", True),
    Typed(NO_ZERO, "-0.0240", True),
    Typed(NO_ZERO, "1.32", False, None),
    Typed(NO_ZERO, "-0.02", False, None, "3 decimal places"),
]

LAYOUT = "nn.pytorch.linear-layout"

CODE = [
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n    return X @ weight.T + bias\n",
        True,
    ),
    # The transpose of the product the other way round.
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n    return (weight @ X.T).T + bias[None, :]\n",
        True,
    ),
    # einsum, float32.
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n"
        "    out = np.einsum('ni,oi->no', X.astype(np.float32), weight.astype(np.float32))\n"
        "    return out + bias.astype(np.float32)\n",
        True,
    ),
    # Loops over examples and outputs.
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n"
        "    n, n_out = X.shape[0], weight.shape[0]\n"
        "    out = np.zeros((n, n_out))\n"
        "    for r in range(n):\n"
        "        for o in range(n_out):\n"
        "            out[r, o] = sum(X[r, i] * weight[o, i] for i in range(X.shape[1])) + bias[o]\n"
        "    return out\n",
        True,
    ),
    # Second reader: np.dot with np.transpose, a list comprehension over rows and units,
    # tensordot over the input axes.
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n    return np.dot(X, np.transpose(weight)) + bias\n",
        True,
    ),
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n"
        "    return np.array([[row @ w + b for w, b in zip(weight, bias)] for row in X])\n",
        True,
    ),
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n"
        "    return np.tensordot(X, weight, axes=([1], [1])) + bias\n",
        True,
    ),
    # A ReLU added: nn.Linear has none. No named mistake.
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n    return np.maximum(X @ weight.T + bias, 0)\n",
        False,
        None,
    ),
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n"
        "    return X @ weight.reshape(weight.shape[1], weight.shape[0]) + bias\n",
        False,
        "reshaped",
    ),
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n    return weight @ X.T + bias.reshape(-1, 1)\n",
        False,
        "outputs-as-columns",
    ),
    # The bias forgotten: no named mistake.
    Code(
        LAYOUT,
        "def linear(X, weight, bias):\n    return X @ weight.T\n",
        False,
        None,
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
