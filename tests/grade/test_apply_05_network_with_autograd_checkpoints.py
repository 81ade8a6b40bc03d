"""The checkpoints of lesson 06-apply/05 (nn.mlp, nn.training-loop with autograd) grade real
submissions right.

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


PREDICT = "nn.training-loop.predict-accumulate"

TYPED = [
    Typed(PREDICT, "7.0\n14.0\n7.0", True),
    Typed(PREDICT, "\n7.0 \n14.0\n7.0\n\n", True),
    Typed(PREDICT, "7.0\r\n14.0\r\n7.0\r\n", True),
    Typed(PREDICT, "7.0\n7.0\n7.0", False, "backward-resets"),
    Typed(PREDICT, "4.0\n8.0\n4.0", False, "one-path"),
    Typed(PREDICT, "7.0\n14.0\n21.0", False, None, "Line 3"),
    # The second reader's.
    Typed(PREDICT, "  7.0\n  14.0\n  7.0", True),
    Typed(PREDICT, "7.0\n14.0\n7.0\n", True),
    Typed(PREDICT, "7.0\n14.0\n7.0 ", True),
    Typed(PREDICT, "6.0\n12.0\n6.0", False, None, "Line 1"),
    Typed(PREDICT, "7.0\n14.0\n14.0", False, None, "Line 3"),
]

TRAIN = "nn.training-loop.train"

_FORWARD = (
    "def softmax_rows(Z):\n"
    "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
    "    return E / E.sum(axis=1, keepdims=True)\n"
)

CODE = [
    # Hand-written backprop (the previous lesson's), no autograd.
    Code(
        TRAIN,
        _FORWARD + "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    W1, b1, W2, b2 = (p.copy() for p in (W1, b1, W2, b2))\n"
        "    out = []\n"
        "    for _ in range(steps):\n"
        "        A = X @ W1 + b1\n"
        "        H = np.maximum(A, 0)\n"
        "        P = softmax_rows(H @ W2 + b2)\n"
        "        out.append(-np.mean(np.sum(Y * np.log(P), axis=1)))\n"
        "        dZ = (P - Y) / len(X)\n"
        "        dA = dZ @ W2.T * (A > 0)\n"
        "        W2 -= lr * H.T @ dZ\n"
        "        b2 -= lr * dZ.sum(axis=0)\n"
        "        W1 -= lr * X.T @ dA\n"
        "        b1 -= lr * dA.sum(axis=0)\n"
        "    return np.array(out)\n",
        True,
    ),
    # The same in float32, returning a list of numpy float32 numbers.
    Code(
        TRAIN,
        _FORWARD + "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    f = np.float32\n"
        "    X, Y, W1, b1, W2, b2 = (p.astype(f) for p in (X, Y, W1, b1, W2, b2))\n"
        "    out = []\n"
        "    for _ in range(steps):\n"
        "        A = X @ W1 + b1\n"
        "        H = np.maximum(A, 0)\n"
        "        P = softmax_rows(H @ W2 + b2)\n"
        "        out.append(np.float32(-np.mean(np.sum(Y * np.log(P), axis=1))))\n"
        "        dZ = (P - Y) / f(len(X))\n"
        "        dA = dZ @ W2.T * (A > 0)\n"
        "        W1, b1, W2, b2 = (W1 - f(lr) * (X.T @ dA), b1 - f(lr) * dA.sum(axis=0),\n"
        "                          W2 - f(lr) * (H.T @ dZ), b2 - f(lr) * dZ.sum(axis=0))\n"
        "    return out\n",
        True,
    ),
    # Autograd, zeroing after the update instead of before backward (new Tensors start at 0).
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    params = [Tensor(p.copy()) for p in (W1, b1, W2, b2)]\n"
        "    out = np.zeros(steps)\n"
        "    for t in range(steps):\n"
        "        W1_, b1_, W2_, b2_ = params\n"
        "        Z = (Tensor(X) @ W1_ + b1_).relu() @ W2_ + b2_\n"
        "        E = (Z - Z.data.max(axis=1, keepdims=True)).exp()\n"
        "        P = E / E.sum(axis=1, keepdims=True)\n"
        "        loss = -(P.log() * Y).sum(axis=1).mean()\n"
        "        loss.backward()\n"
        "        for p in params:\n"
        "            p.data = p.data - lr * p.grad\n"
        "            p.zero_grad()\n"
        "        out[t] = loss.data\n"
        "    return out\n",
        True,
    ),
    # Autograd with the loss written as a sum over the one-hot entries, divided by n.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    ps = [Tensor(p) for p in (W1, b1, W2, b2)]\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        Z = (Tensor(X) @ ps[0] + ps[1]).relu() @ ps[2] + ps[3]\n"
        "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "        logp = Z - Z.exp().sum(axis=1, keepdims=True).log()\n"
        "        loss = (logp * Y).sum() * (-1.0 / X.shape[0])\n"
        "        for p in ps:\n"
        "            p.zero_grad()\n"
        "        loss.backward()\n"
        "        for p in ps:\n"
        "            p.data -= lr * p.grad\n"
        "        losses.append(loss.data.item())\n"
        "    return np.array(losses)\n",
        True,
    ),
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    ps = [Tensor(p) for p in (W1, b1, W2, b2)]\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        Z = (Tensor(X) @ ps[0] + ps[1]).relu() @ ps[2] + ps[3]\n"
        "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()\n"
        "        loss.backward()\n"
        "        for p in ps:\n"
        "            p.data -= lr * p.grad\n"
        "        losses.append(float(loss.data))\n"
        "    return np.array(losses)\n",
        False,
        "no-zero-grad",
    ),
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    ps = [Tensor(p) for p in (W1, b1, W2, b2)]\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        Z = (Tensor(X) @ ps[0] + ps[1]).relu() @ ps[2] + ps[3]\n"
        "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()\n"
        "        for p in ps:\n"
        "            p.zero_grad()\n"
        "        loss.backward()\n"
        "        for p in ps:\n"
        "            p.data += lr * p.grad\n"
        "        losses.append(float(loss.data))\n"
        "    return np.array(losses)\n",
        False,
        "sign-flipped",
    ),
    # The loss recorded after the update: no named mistake.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def loss_of(X, Y, ps):\n"
        "    Z = (Tensor(X) @ ps[0] + ps[1]).relu() @ ps[2] + ps[3]\n"
        "    Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "    return -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    ps = [Tensor(p) for p in (W1, b1, W2, b2)]\n"
        "    losses = []\n"
        "    for _ in range(steps):\n"
        "        for p in ps:\n"
        "            p.zero_grad()\n"
        "        loss_of(X, Y, ps).backward()\n"
        "        for p in ps:\n"
        "            p.data -= lr * p.grad\n"
        "        losses.append(float(loss_of(X, Y, ps).data))\n"
        "    return np.array(losses)\n",
        False,
        None,
    ),
]


# The second reader's submissions (review of nn.training-loop).
CODE += [
    # Hand-written gradients updating the caller's arrays in place, in a while loop, as a list.
    Code(
        TRAIN,
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    # hand-written gradients, updating the given arrays in place, in a while loop\n"
        "    losses, t = [], 0\n"
        "    while t < steps:\n"
        "        A = X @ W1 + b1\n"
        "        H = A * (A > 0)\n"
        "        Z = H @ W2 + b2\n"
        "        Z = Z - Z.max(axis=1, keepdims=True)\n"
        "        logP = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))\n"
        "        losses.append(float(-(Y * logP).sum() / len(X)))\n"
        "        dZ = (np.exp(logP) - Y) / len(X)\n"
        "        dH = dZ @ W2.T\n"
        "        dA = np.where(A > 0, dH, 0.0)\n"
        "        W2 -= lr * (H.T @ dZ)\n"
        "        b2 -= lr * dZ.sum(axis=0)\n"
        "        W1 -= lr * (X.T @ dA)\n"
        "        b1 -= lr * dA.sum(axis=0)\n"
        "        t += 1\n"
        "    return losses\n",
        True,
    ),
    # No calculus at all: central differences (the toolkit's numerical_gradient) for every step.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import numerical_gradient\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    # no calculus at all: central differences for every parameter\n"
        "    params = [np.array(p, dtype=float) for p in (W1, b1, W2, b2)]\n"
        "    def loss(ps):\n"
        "        Z = np.maximum(X @ ps[0] + ps[1], 0) @ ps[2] + ps[3]\n"
        "        Z = Z - Z.max(axis=1, keepdims=True)\n"
        "        log_P = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))\n"
        "        return -np.mean(np.sum(Y * log_P, axis=1))\n"
        "    out = []\n"
        "    for _ in range(steps):\n"
        "        out.append(loss(params))\n"
        "        grads = []\n"
        "        for i in range(4):\n"
        "            def f(v, i=i):\n"
        "                trial = list(params)\n"
        "                trial[i] = v\n"
        "                return loss(trial)\n"
        "            grads.append(numerical_gradient(f, params[i]))\n"
        "        params = [p - lr * g for p, g in zip(params, grads)]\n"
        "    return np.array(out)\n",
        True,
    ),
    # The Tensor with the loss as log-sum-exp minus the true logit, kept in float32.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    W1, b1, W2, b2 = Tensor(W1), Tensor(b1), Tensor(W2), Tensor(b2)\n"
        "    history = np.empty(steps, dtype=np.float32)\n"
        "    for s in range(steps):\n"
        "        Z = (Tensor(X) @ W1 + b1).relu() @ W2 + b2\n"
        "        lse = Z.exp().sum(axis=1).log()          # no shift: these logits are small\n"
        "        loss = (lse - (Z * Y).sum(axis=1)).mean()\n"
        "        for p in (W1, b1, W2, b2):\n"
        "            p.zero_grad()\n"
        "        loss.backward()\n"
        "        for p in (W1, b1, W2, b2):\n"
        "            p.data = p.data - lr * p.grad\n"
        "        history[s] = loss.data\n"
        "    return history\n",
        True,
    ),
    # zero_grad() between backward() and the update.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    ps = [Tensor(p) for p in (W1, b1, W2, b2)]\n"
        "    out = []\n"
        "    for _ in range(steps):\n"
        "        Z = (Tensor(X) @ ps[0] + ps[1]).relu() @ ps[2] + ps[3]\n"
        "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()\n"
        "        loss.backward()\n"
        "        for p in ps:\n"
        "            p.zero_grad()\n"
        "        for p in ps:\n"
        "            p.data -= lr * p.grad\n"
        "        out.append(float(loss.data))\n"
        "    return np.array(out)\n",
        False,
        "zeroed-after-backward",
    ),
    # Only W1 and W2 are Tensors; the biases stay as given.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    W1, W2 = Tensor(W1), Tensor(W2)\n"
        "    out = []\n"
        "    for _ in range(steps):\n"
        "        Z = (Tensor(X) @ W1 + b1).relu() @ W2 + b2\n"
        "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()\n"
        "        W1.zero_grad(); W2.zero_grad()\n"
        "        loss.backward()\n"
        "        W1.data -= lr * W1.grad\n"
        "        W2.data -= lr * W2.grad\n"
        "        out.append(float(loss.data))\n"
        "    return np.array(out)\n",
        False,
        "weights-only",
    ),
    # The loss summed over the rows.
    Code(
        TRAIN,
        "from mlpath.toolkit.autograd import Tensor\n"
        "def train(X, Y, W1, b1, W2, b2, lr, steps):\n"
        "    ps = [Tensor(p) for p in (W1, b1, W2, b2)]\n"
        "    out = []\n"
        "    for _ in range(steps):\n"
        "        Z = (Tensor(X) @ ps[0] + ps[1]).relu() @ ps[2] + ps[3]\n"
        "        Z = Z - Z.data.max(axis=1, keepdims=True)\n"
        "        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum()\n"
        "        for p in ps:\n"
        "            p.zero_grad()\n"
        "        loss.backward()\n"
        "        for p in ps:\n"
        "            p.data -= lr * p.grad\n"
        "        out.append(float(loss.data))\n"
        "    return np.array(out)\n",
        False,
        "summed-loss",
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
