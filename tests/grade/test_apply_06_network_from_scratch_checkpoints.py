"""The checkpoints of lesson 06-apply/06 (nn.backprop, by hand) grade real submissions right.

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


GRAD = "nn.backprop.grad-w1"

CODE = [
    # One example at a time, accumulating the gradient in a loop.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    n = len(X)\n"
        "    g = np.zeros_like(W1)\n"
        "    for x, t in zip(X, Y):\n"
        "        a = x @ W1 + b1\n"
        "        z = np.maximum(a, 0) @ W2 + b2\n"
        "        p = np.exp(z - z.max())\n"
        "        p /= p.sum()\n"
        "        da = ((p - t) @ W2.T) * (a > 0)\n"
        "        g += np.outer(x, da) / n\n"
        "    return g\n",
        True,
    ),
    # The lesson's formulas, in float32.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    X, Y, W1, b1, W2, b2 = (a.astype(np.float32) for a in (X, Y, W1, b1, W2, b2))\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    P = E / E.sum(axis=1, keepdims=True)\n"
        "    dA = ((P - Y) / len(X)) @ W2.T * (A > 0)\n"
        "    return X.T @ dA\n",
        True,
    ),
    # The course's autograd engine does the calculus.
    Code(
        GRAD,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    W = Tensor(W1)\n"
        "    Z = (Tensor(X) @ W + b1).relu() @ Tensor(W2) + b2\n"
        "    Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "    log_P = Z - Z.exp().sum(axis=1, keepdims=True).log()\n"
        "    loss = -(log_P * Y).sum(axis=1).mean()\n"
        "    loss.backward()\n"
        "    return W.grad\n",
        True,
    ),
    # SciPy's softmax and einsum for the outer products.
    Code(
        GRAD,
        "from scipy.special import softmax\n"
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    P = softmax(np.where(A > 0, A, 0) @ W2 + b2, axis=1)\n"
        "    dA = np.einsum('nk,hk->nh', P - Y, W2) * (A > 0) / X.shape[0]\n"
        "    return np.einsum('ni,nh->ih', X, dA)\n",
        True,
    ),
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
        "    return X.T @ (((P - Y) / len(X)) @ W2.T)\n",
        False,
        "no-relu-mask",
    ),
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
        "    return X.T @ (((P - Y)) @ W2.T * (A > 0))\n",
        False,
        "no-mean",
    ),
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
        "    dA = ((P - Y) / len(X)) @ W2.T * (A > 0)\n"
        "    return dA.T @ X\n",
        False,
        "transposed",
    ),
    # A sigmoid on each logit instead of a softmax: no named mistake.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    P = 1 / (1 + np.exp(-(np.maximum(A, 0) @ W2 + b2)))\n"
        "    dA = ((P - Y) / len(X)) @ W2.T * (A > 0)\n"
        "    return X.T @ dA\n",
        False,
        None,
        "On the input",
    ),
]

# The second reader's submissions (review of nn.backprop).
CODE += [
    # Row by row, through the softmax Jacobian diag(p) - p p^T, the ReLU mask read from H.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    # the softmax Jacobian diag(p) - p p^T written out, row by row, mask from H\n"
        "    n = X.shape[0]\n"
        "    A = X @ W1 + b1\n"
        "    H = np.maximum(A, 0)\n"
        "    Z = H @ W2 + b2\n"
        "    G = np.zeros_like(W1)\n"
        "    for i in range(n):\n"
        "        e = np.exp(Z[i] - Z[i].max())\n"
        "        p = e / e.sum()\n"
        "        J = np.diag(p) - np.outer(p, p)\n"
        "        dlogp = -Y[i] / p                 # d(-sum y log p)/dp\n"
        "        dz = J @ dlogp / n\n"
        "        dh = W2 @ dz\n"
        "        da = dh * (H[i] > 0)\n"
        "        G += np.outer(X[i], da)\n"
        "    return G\n",
        True,
    ),
    # No max shift (small logits), np.heaviside for the ReLU's slope.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    E = np.exp(Z)                      # the logits are small here: no shift needed\n"
        "    P = E / E.sum(axis=1)[:, None]\n"
        "    dH = (P - Y) @ W2.T / X.shape[0]\n"
        "    return X.T @ (dH * np.heaviside(A, 0.0))\n",
        True,
    ),
    # float32, np.clip for the ReLU, np.tensordot for the products.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    f = np.float32\n"
        "    X, Y, W1, b1, W2, b2 = [np.asarray(a, dtype=f) for a in (X, Y, W1, b1, W2, b2)]\n"
        "    A = X @ W1 + b1\n"
        "    H = np.clip(A, 0, None)\n"
        "    Z = H @ W2 + b2\n"
        "    P = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
        "    P /= P.sum(axis=1, keepdims=True)\n"
        "    dH = np.tensordot(P - Y, W2, axes=([1], [1])) / f(len(X))\n"
        "    dA = np.where(A > 0, dH, f(0))\n"
        "    return np.tensordot(X, dA, axes=([0], [0]))\n",
        True,
    ),
    # The softmax normalised down the columns.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=0)\n"
        "    dA = ((P - Y) / len(X)) @ W2.T * (A > 0)\n"
        "    return X.T @ dA\n",
        False,
        "softmax-axis-0",
    ),
    # Y - P.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    Z = np.maximum(A, 0) @ W2 + b2\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
        "    dA = ((Y - P) / len(X)) @ W2.T * (A > 0)\n"
        "    return X.T @ dA\n",
        False,
        "sign-flipped",
    ),
    # The ReLU's output H used as its slope: no named mistake, expected and got.
    Code(
        GRAD,
        "def grad_W1(X, Y, W1, b1, W2, b2):\n"
        "    A = X @ W1 + b1\n"
        "    H = np.maximum(A, 0)\n"
        "    Z = H @ W2 + b2\n"
        "    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
        "    dA = ((P - Y) / len(X)) @ W2.T * H  # the output H as the slope\n"
        "    return X.T @ dA\n",
        False,
        None,
        "On the input",
    ),
]


LINE = "nn.backprop.which-line"

TYPED = [
    Typed(LINE, "a", True),
    Typed(LINE, "A)", True),
    Typed(LINE, "the line that computes db1", True),
    Typed(LINE, "b", False, "blamed-relu-mask"),
    Typed(LINE, "c", False, "blamed-dz"),
    Typed(LINE, "d.", False, "blamed-noise"),
    # The second reader's.
    Typed(LINE, " a ", True),
    Typed(LINE, "a.", True),
    Typed(LINE, "A", True),
    Typed(LINE, "B.", False, "blamed-relu-mask"),
    Typed(LINE, "nowhere: a relative error of that size is rounding noise", False, "blamed-noise"),
]


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)
